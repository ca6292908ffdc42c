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
  private frozen = false;
  private readonly exit: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
    private readonly command: string,
    private readonly args: string[],
  ) {
    this.exit = new Promise(resolveExit =>
      child.once('exit', code => {
        this.exited = true;
        this.exitCode = code;
        resolveExit();
      }),
    );
  }

  static start(name: string, command: string, args: string[], logFile: string) {
    // Appends, so that a restarted process keeps the log of the one before.
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    return new ManagedProcess(name, child, logFile, command, args);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** A new process with the same command, arguments and log file. */
  startAgain(): ManagedProcess {
    return ManagedProcess.start(
      this.name,
      this.command,
      this.args,
      this.logFile,
    );
  }

  /** Kills the process at once (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    if (this.exited) {
      return;
    }
    this.child.kill('SIGKILL');
    await this.exit;
  }

  /**
   * Stops the process in its tracks (SIGSTOP): its open connections stay
   * open and new ones are still accepted by the kernel, but nothing answers.
   */
  freeze() {
    this.child.kill('SIGSTOP');
    this.frozen = true;
  }

  /** Lets a frozen process run again (SIGCONT). */
  unfreeze() {
    this.child.kill('SIGCONT');
    this.frozen = false;
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
    this.child.kill('SIGTERM');
    if (this.frozen) {
      // A stopped process acts on SIGTERM only once it runs again.
      this.unfreeze();
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exit;
    clearTimeout(timer);
  }
}
