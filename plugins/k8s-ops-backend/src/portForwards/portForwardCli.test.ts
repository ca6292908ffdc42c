import { mockCredentials } from '@backstage/backend-test-utils';
import { testClusters } from '@k8s-ops/local-kube/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, Server } from 'node:http';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';

const bin = resolvePath(__dirname, '../../../../packages/cli/bin/k8s-ops');
const token = mockCredentials.user.token('user:default/dana');

/** Runs the command line until it prints its local port, or fails. */
function startCli(
  args: string[],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, K8S_OPS_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const match = /Forwarding from 127\.0\.0\.1:(\d+) -> \d+/.exec(out);
      if (match) {
        resolveStart({ child, port: Number(match[1]) });
      }
    });
    child.stderr!.on('data', chunk => {
      err += chunk;
    });
    child.once('exit', code =>
      reject(new Error(`k8s-ops exited with ${code}: ${err}`)),
    );
  });
}

/** POSTs a body to the echo path through a local port; answers the body back. */
function echo(port: number, body: Buffer): Promise<Buffer> {
  return new Promise((resolveEcho, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/echo' },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => resolveEcho(Buffer.concat(chunks)));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the k8s-ops command line', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const [dev] = testClusters();
    const backend = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [testClusterConfig(dev)],
        },
      },
    });
    server = backend.server;
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  it('tunnels TCP through the portal: 1 MiB sent comes back the same, on a free local port; Ctrl-C stops the session', async () => {
    const { child, port } = await startCli([
      'port-forward',
      'test-dev/team-data/svc/orders-db',
      ':5432',
      '--url',
      url,
    ]);
    try {
      expect(port).toBeGreaterThan(0);
      const sent = randomBytes(1024 * 1024);
      const received = await echo(port, sent);
      expect(received.length).toBe(sent.length);
      expect(received.equals(sent)).toBe(true);
      // Several connections at once, each its own tunnel.
      const small = await Promise.all(
        [1, 2, 3].map(i => echo(port, Buffer.from(`connection ${i}`))),
      );
      expect(small.map(b => b.toString())).toEqual([
        'connection 1',
        'connection 2',
        'connection 3',
      ]);
    } finally {
      const exited = new Promise(resolveExit =>
        child.once('exit', resolveExit),
      );
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
    const mine = await request(server)
      .get('/api/k8s-ops/port-forwards')
      .set('authorization', `Bearer ${token}`);
    expect(mine.body.items[0]).toMatchObject({
      target: { kind: 'service', name: 'orders-db' },
      state: 'stopped',
    });
  });

  it("fails with the portal's message for a target it refuses", async () => {
    await expect(
      startCli([
        'port-forward',
        'test-dev/team-data/svc/orders-db',
        ':80',
        '--url',
        url,
      ]),
    ).rejects.toThrow(
      'POST port-forwards: 400 Service team-data/orders-db has no port 80; its ports are 5432',
    );
  });

  it('fails with usage for a target it cannot read', async () => {
    await expect(
      startCli(['port-forward', 'test-dev/orders-db', '5432', '--url', url]),
    ).rejects.toThrow(
      "'test-dev/orders-db' is not a target: write <cluster>/<namespace>/<pod>, or <cluster>/<namespace>/svc/<service>",
    );
  });
});
