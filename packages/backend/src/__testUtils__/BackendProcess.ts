import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareLocalData } from '../localData/prepareLocalData';

const PACKAGE_DIR = resolve(__dirname, '../..');
const REPO_DIR = resolve(PACKAGE_DIR, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * This repository's backend (`src/index.ts`) as its own process, the way the
 * portal runs it, on a free port, with the data folder of a local portal
 * (see prepareLocalData): database files and the encryption key.
 */
export class BackendProcess {
  private readonly child: ChildProcess;
  private readonly configDir: string;
  private log = '';

  private constructor(options: {
    child: ChildProcess;
    configDir: string;
    baseUrl: string;
  }) {
    this.child = options.child;
    this.configDir = options.configDir;
    this.baseUrl = options.baseUrl;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
  }

  readonly baseUrl: string;

  /** Starts the backend and answers once every plugin has started. */
  static async start(options: {
    dataDir: string;
    nodeEnv: 'production' | 'development';
    /** Adds app-config.guest.yaml. */
    guest: boolean;
    /** Further app-config, as YAML. */
    config?: string;
  }): Promise<BackendProcess> {
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const configDir = await mkdtemp(join(tmpdir(), 'k8s-ops-backend-'));
    await writeFile(
      join(configDir, 'app-config.yaml'),
      [
        `app: { baseUrl: '${baseUrl}' }`,
        `backend: { baseUrl: '${baseUrl}', listen: { port: ${port} } }`,
      ].join('\n'),
    );
    await writeFile(
      join(configDir, 'app-config.extra.yaml'),
      options.config ?? '',
    );
    const { configPath } = await prepareLocalData(options.dataDir);
    const configs = [
      join(REPO_DIR, 'app-config.yaml'),
      ...(options.guest ? [join(REPO_DIR, 'app-config.guest.yaml')] : []),
      join(configDir, 'app-config.yaml'),
      configPath,
      join(configDir, 'app-config.extra.yaml'),
    ];
    // Jest's own variables would make the backend believe it runs in a test.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('JEST')),
    );
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        ...configs.flatMap(c => ['--config', c]),
      ],
      {
        cwd: PACKAGE_DIR,
        env: { ...env, NODE_ENV: options.nodeEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const backend = new BackendProcess({ child, configDir, baseUrl });
    await backend.waitUntilReady();
    return backend;
  }

  /** The end of the backend's log, for failure messages. */
  logTail(): string {
    return this.log.slice(-4000);
  }

  private async waitUntilReady() {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(
          `The backend exited with code ${
            this.child.exitCode
          } while starting:\n${this.logTail()}`,
        );
      }
      const answer = await fetch(
        `${this.baseUrl}/.backstage/health/v1/readiness`,
      ).catch(() => undefined);
      if (answer?.ok) {
        return;
      }
      await sleep(500);
    }
    await this.stop();
    throw new Error(
      `The backend did not start within 180 s:\n${this.logTail()}`,
    );
  }

  /**
   * A token of the guest once the catalog knows the guest's groups (the
   * example policy reads them from the token).
   */
  async guestToken(): Promise<string> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const answer = await fetch(`${this.baseUrl}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (!answer.ok) {
        throw new Error(
          `Guest sign-in answered ${answer.status}: ${await answer.text()}`,
        );
      }
      const { backstageIdentity } = await answer.json();
      if (
        backstageIdentity.identity.ownershipEntityRefs.includes(
          'group:default/platform',
        )
      ) {
        return backstageIdentity.token;
      }
      await sleep(1000);
    }
    throw new Error(
      `The catalog did not list the guest in group:default/platform within 120 s:\n${this.logTail()}`,
    );
  }

  /** Fetches a path of the backend as the holder of the token. */
  async request(
    path: string,
    token: string,
    init: { method?: string; body?: unknown; rawBody?: string } = {},
  ): Promise<{ status: number; text: string; body: any }> {
    const body =
      init.rawBody ?? (init.body ? JSON.stringify(init.body) : undefined);
    const answer = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body,
    });
    const text = await answer.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: answer.status, text, body: json };
  }

  /** Stops the backend the way Ctrl-C does, and waits until it has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.configDir, { recursive: true, force: true });
  }
}
