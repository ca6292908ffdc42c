import {
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { kubeConfigFor } from './kubeConfigFor';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { httpsRequest } from './https';
import { kwokConfig } from './kwokConfig';
import { ManagedProcess } from './ManagedProcess';
import { createPki } from './pki';
import { freePort } from './ports';

/** The user that can do everything (group `system:masters`). */
export const ADMIN_USER = 'k8s-ops-admin';
/** A user with only the Roles the seed data grants it. */
export const LIMITED_USER = 'k8s-ops-limited';
/** The group of {@link LIMITED_USER}. */
export const LIMITED_GROUP = 'k8s-ops:limited';

/** Options of {@link LocalCluster.start}. */
export interface LocalClusterOptions {
  /** Name of the cluster, used for its kubeconfig context. */
  name: string;
  /** Folder that holds the binaries; see `ensureKubeBinaries`. */
  binDir: string;
  /** Simulated nodes; 3 unless given. */
  nodes?: number;
  /** Folder under which the cluster's temporary folder is made. */
  parentDir?: string;
  /** Milliseconds to wait for the API server to become ready. */
  readyTimeoutMs?: number;
}

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver (token
 * auth, Node and RBAC authorization), kube-controller-manager,
 * kube-scheduler, and kwok simulating nodes and running pods. Every port is
 * on 127.0.0.1; everything it made is removed by {@link LocalCluster.stop},
 * and by a watchdog if the starting process dies first.
 */
export class LocalCluster {
  private constructor(
    readonly name: string,
    /** URL of the API server. */
    readonly server: string,
    /** PEM of the cluster's certificate authority. */
    readonly caPem: string,
    readonly adminToken: string,
    readonly limitedToken: string,
    /** Kubeconfig with the admin user, written in the work folder. */
    readonly kubeconfigPath: string,
    readonly workDir: string,
    private readonly processes: ManagedProcess[],
    private readonly forwardTarget: Server,
    private readonly watchdog: {
      track(pid: number | undefined): void;
      kill(): void;
    },
  ) {}

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const workDir = await mkdtemp(
      join(options.parentDir ?? tmpdir(), `k8s-ops-${options.name}-`),
    );
    const processes: ManagedProcess[] = [];
    const watchdog = startWatchdog(workDir);
    const forwardTarget = await startForwardTarget(options.name);
    // Every component logs to its own file and is known to the watchdog.
    const launch = (name: string, args: string[]) => {
      const started = ManagedProcess.start(
        name,
        join(options.binDir, name),
        args,
        join(workDir, `${name}.log`),
      );
      processes.push(started);
      watchdog.track(started.pid);
      return started;
    };
    try {
      const pki = await createPki(workDir);
      const adminToken = randomBytes(24).toString('hex');
      const limitedToken = randomBytes(24).toString('hex');
      await writeFile(
        join(workDir, 'tokens.csv'),
        [
          `${adminToken},${ADMIN_USER},${ADMIN_USER},"system:masters"`,
          `${limitedToken},${LIMITED_USER},${LIMITED_USER},"${LIMITED_GROUP}"`,
        ].join('\n'),
      );
      const [etcdClientPort, etcdPeerPort, apiPort, kubeletPort] =
        await Promise.all([freePort(), freePort(), freePort(), freePort()]);
      const server = `https://127.0.0.1:${apiPort}`;
      const caPem = await readFile(pki.caCert, 'utf8');

      const etcd = launch('etcd', [
        '--name=local',
        `--data-dir=${join(workDir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdClientPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdClientPort}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=local=http://127.0.0.1:${etcdPeerPort}`,
        '--listen-metrics-urls=',
        // A throwaway cluster: durability is not worth the disk waits.
        '--unsafe-no-fsync',
        '--log-level=warn',
      ]);

      const apiserver = launch('kube-apiserver', [
        `--etcd-servers=http://127.0.0.1:${etcdClientPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--tls-cert-file=${pki.servingCert}`,
        `--tls-private-key-file=${pki.servingKey}`,
        `--client-ca-file=${pki.caCert}`,
        `--token-auth-file=${join(workDir, 'tokens.csv')}`,
        '--authorization-mode=Node,RBAC',
        `--service-account-key-file=${pki.serviceAccountPub}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-cluster-ip-range=10.96.0.0/16',
        '--service-node-port-range=30000-32767',
        '--allow-privileged=true',
        `--kubelet-certificate-authority=${pki.caCert}`,
        `--kubelet-client-certificate=${pki.clientCert}`,
        `--kubelet-client-key=${pki.clientKey}`,
        '--kubelet-preferred-address-types=InternalIP',
        '--profiling=false',
        '--v=1',
      ]);

      await waitFor(
        `kube-apiserver of ${options.name} to become ready`,
        options.readyTimeoutMs ?? 90_000,
        [etcd, apiserver],
        () => isReady(server, caPem, adminToken),
      );

      const kubeconfigPath = join(workDir, 'kubeconfig');
      await writeFile(
        kubeconfigPath,
        kubeconfigYaml({
          name: options.name,
          server,
          caPem,
          adminToken,
          limitedToken,
        }),
      );

      launch('kube-controller-manager', [
        `--kubeconfig=${kubeconfigPath}`,
        '--leader-elect=false',
        '--secure-port=0',
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        '--service-cluster-ip-range=10.96.0.0/16',
        '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-node-route-controller',
        '--concurrent-deployment-syncs=10',
        '--v=1',
      ]);

      launch('kube-scheduler', [
        `--kubeconfig=${kubeconfigPath}`,
        '--leader-elect=false',
        '--secure-port=0',
        '--v=1',
      ]);

      const execDir = join(workDir, 'exec');
      await mkdir(execDir);
      const logsFile = logsFileOf(workDir);
      // CRI log format: time, stream, full-line tag, message.
      const logLines = Array.from(
        { length: 20 },
        (_, n) =>
          `${new Date(
            Date.UTC(2026, 0, 1, 0, 0, n),
          ).toISOString()} stdout F INFO simulated container log line ${
            n + 1
          } on ${options.name}\n`,
      );
      await writeFile(logsFile, logLines.join(''));
      const kwokConfigPath = join(workDir, 'kwok.yaml');
      const address = forwardTarget.address();
      await writeFile(
        kwokConfigPath,
        kwokConfig({
          logsFile,
          execDir,
          forwardPort:
            typeof address === 'object' && address ? address.port : 0,
        }),
      );
      launch('kwok', [
        `--kubeconfig=${kubeconfigPath}`,
        `--config=${kwokConfigPath}`,
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--node-ip=127.0.0.1',
        `--node-port=${kubeletPort}`,
        `--server-address=127.0.0.1:${kubeletPort}`,
        `--tls-cert-file=${pki.servingCert}`,
        `--tls-private-key-file=${pki.servingKey}`,
        '--node-lease-duration-seconds=40',
      ]);

      const cluster = new LocalCluster(
        options.name,
        server,
        caPem,
        adminToken,
        limitedToken,
        kubeconfigPath,
        workDir,
        processes,
        forwardTarget,
        watchdog,
      );
      await cluster.createNodes(options.nodes ?? 3);
      await waitFor(
        `the default service account of ${options.name}`,
        60_000,
        processes,
        async () =>
          (
            await httpsRequest(
              `${server}/api/v1/namespaces/default/serviceaccounts/default`,
              { ca: caPem, token: adminToken },
            )
          ).status === 200,
      );
      return cluster;
    } catch (error) {
      await Promise.all(processes.map(p => p.stop()));
      forwardTarget.close();
      watchdog.kill();
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** A client configuration for the admin or the limited user. */
  /** The file kwok answers every container's logs from (CRI format). */
  get logsFile(): string {
    return logsFileOf(this.workDir);
  }

  kubeConfig(user: 'admin' | 'limited' = 'admin'): KubeConfig {
    return kubeConfigFor({
      name: this.name,
      server: this.server,
      caPem: this.caPem,
      token: user === 'admin' ? this.adminToken : this.limitedToken,
      user,
    });
  }

  /** Process id and resident memory (kB) of each component. */
  async memory(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const p of this.processes) {
      const status = await readFile(`/proc/${p.pid}/status`, 'utf8').catch(
        () => '',
      );
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      result[p.name] = match ? Number(match[1]) : 0;
    }
    return result;
  }

  /**
   * Kills the API server (SIGKILL), as a crash would; etcd and the other
   * components keep running. {@link LocalCluster.startApiServer} starts it
   * again.
   */
  async killApiServer(): Promise<void> {
    await this.apiServer().kill();
  }

  /**
   * Starts a killed API server again, with the same port, etcd and
   * certificates, and waits until it is ready.
   */
  async startApiServer(readyTimeoutMs = 60_000): Promise<void> {
    const old = this.apiServer();
    if (old.running) {
      throw new Error(
        `kube-apiserver of ${this.name} is still running: kill it first`,
      );
    }
    const started = old.startAgain();
    this.processes[this.processes.indexOf(old)] = started;
    this.watchdog.track(started.pid);
    await waitFor(
      `kube-apiserver of ${this.name} to become ready again`,
      readyTimeoutMs,
      [started],
      () => isReady(this.server, this.caPem, this.adminToken),
    );
  }

  /**
   * Freezes the API server (SIGSTOP): its port still accepts connections,
   * but nothing answers on them, as with a hung process or a black-holed
   * network.
   */
  freezeApiServer() {
    this.apiServer().freeze();
  }

  /** Lets a frozen API server run again (SIGCONT). */
  unfreezeApiServer() {
    this.apiServer().unfreeze();
  }

  async stop(): Promise<void> {
    // Stop in reverse: clients before the API server, etcd last.
    for (const p of [...this.processes].reverse()) {
      await p.stop();
    }
    this.forwardTarget.close();
    this.watchdog.kill();
    await rm(this.workDir, { recursive: true, force: true });
  }

  private apiServer(): ManagedProcess {
    return this.processes.find(p => p.name === 'kube-apiserver')!;
  }

  private async createNodes(count: number) {
    const client = KubernetesObjectApi.makeApiClient(this.kubeConfig());
    for (let i = 1; i <= count; i++) {
      await client.patch(
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name: `node-${i}`,
            annotations: {
              'kwok.x-k8s.io/node': 'fake',
              'node.alpha.kubernetes.io/ttl': '0',
            },
            labels: {
              'kubernetes.io/hostname': `node-${i}`,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/arch': 'amd64',
              'node-role.kubernetes.io/worker': '',
              type: 'kwok',
            },
          },
          spec: {},
        },
        undefined,
        undefined,
        'k8s-ops-local',
        true,
        PatchStrategy.ServerSideApply,
      );
    }
  }
}

function kubeconfigYaml(o: {
  name: string;
  server: string;
  caPem: string;
  adminToken: string;
  limitedToken: string;
}) {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: o.name,
        cluster: {
          server: o.server,
          'certificate-authority-data': Buffer.from(o.caPem).toString('base64'),
        },
      },
    ],
    users: [
      { name: `${o.name}-admin`, user: { token: o.adminToken } },
      { name: `${o.name}-limited`, user: { token: o.limitedToken } },
    ],
    contexts: [
      { name: o.name, context: { cluster: o.name, user: `${o.name}-admin` } },
      {
        name: `${o.name}-limited`,
        context: { cluster: o.name, user: `${o.name}-limited` },
      },
    ],
    'current-context': o.name,
  });
}

async function isReady(server: string, ca: string, token: string) {
  return (await httpsRequest(`${server}/readyz`, { ca, token })).status === 200;
}

async function waitFor(
  what: string,
  timeoutMs: number,
  processes: ManagedProcess[],
  check: () => Promise<boolean>,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const p of processes) {
      await p.assertRunning();
    }
    if (await check().catch(() => false)) {
      return;
    }
    if (Date.now() > deadline) {
      const tails = await Promise.all(
        processes.map(
          async p => `--- ${p.name} (${p.logFile})\n${await p.tail(10)}`,
        ),
      );
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}.\n${tails.join(
          '\n',
        )}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * Kills the cluster's processes and removes its folder if the process that
 * started it dies without stopping it (a crashed test run, a killed shell).
 */
function startWatchdog(workDir: string) {
  const pidsFile = join(workDir, 'pids');
  const script = `
while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done
[ -f "${pidsFile}" ] && kill -9 $(cat "${pidsFile}") 2>/dev/null
rm -rf "${workDir}"
`;
  const child = spawn('sh', ['-c', script], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const pids: number[] = [];
  return {
    track(pid: number | undefined) {
      if (pid) {
        pids.push(pid);
        // Written synchronously enough for a watchdog: a lost race only
        // leaves a process the normal stop() kills anyway.
        writeFile(pidsFile, pids.join(' ')).catch(() => {});
      }
    },
    kill() {
      try {
        process.kill(child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

/**
 * The local server that every simulated port-forward reaches: it greets
 * with the method and path, answers `POST /echo` with the body it got, and
 * accepts a WebSocket on any path, sending one greeting message before it
 * closes.
 */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function startForwardTarget(cluster: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/echo') {
      res.setHeader('content-type', 'application/octet-stream');
      req.pipe(res);
      return;
    }
    res.setHeader('content-type', 'text/plain');
    res.end(`hello from a pod of ${cluster}: ${req.method} ${req.url}\n`);
  });
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}${WEBSOCKET_GUID}`)
      .digest('base64');
    const text = Buffer.from(
      `hello over a WebSocket from a pod of ${cluster}: ${req.url}`,
    ).subarray(0, 125);
    socket.end(
      Buffer.concat([
        Buffer.from(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
        ),
        // One final, unmasked text frame: short enough for a one-byte length.
        Buffer.from([0x81, text.length]),
        text,
      ]),
    );
  });
  return new Promise(resolveServer => {
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  });
}

function logsFileOf(workDir: string) {
  return join(workDir, 'container.log');
}
