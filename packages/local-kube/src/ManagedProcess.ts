import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * A control plane process whose output goes to a log file, so that a
 * failure can be explained with the end of that log.
 */
export class ManagedProcess {
  private exited = false;
  private exitCode: number | null = null;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    child.once('exit', code => {
      this.exited = true;
      this.exitCode = code;
    });
  }

  static start(name: string, command: string, args: string[], logFile: string) {
    const log = createWriteStream(logFile);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    return new ManagedProcess(name, child, logFile);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Throws, with the end of the log, if the process has already stopped. */
  async assertRunning(): Promise<void> {
    if (this.exited) {
      throw new Error(
        `${this.name} exited with code ${this.exitCode}; the end of its log (${
          this.logFile
        }):\n${await this.tail()}`,
      );
    }
  }

  async tail(lines = 25): Promise<string> {
    const text = await readFile(this.logFile, 'utf8').catch(() => '');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    if (this.exited) {
      return;
    }
    const done = new Promise<void>(resolveStop =>
      this.child.once('exit', () => resolveStop()),
    );
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
  }
}
