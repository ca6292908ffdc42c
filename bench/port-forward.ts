/*
 * Benchmark: a port-forward through the portal against a direct one.
 *
 *   bench/run.sh port-forward        (MIB=32 ROUND_TRIPS=500 by default)
 *
 * Starts a real local cluster and the real k8s-ops backend plugin, a
 * session to a pod, and two local TCP ports to that pod's port:
 *   - through the portal: the command line's forwarder, each connection a
 *     WebSocket to the backend, bridged to the API server's portforward;
 *   - direct: each connection straight to the API server's portforward
 *     (WebSocket, v4.channel.k8s.io), as a kubectl over WebSocket would.
 * The pod's port is kwok's forward target: an HTTP server that echoes
 * `POST /echo`. Measured on each: throughput (MiB/s of a body sent and
 * echoed back, one way), round-trip time of small requests on one kept-alive
 * connection, and time to open a new connection and get a first answer.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CoreV1Api } from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { LocalForwarder } from '../packages/cli/src/portForward/LocalForwarder';
import { PortalClient } from '../packages/cli/src/portForward/PortalClient';
import { startWebSocketTestBackend } from '../plugins/k8s-ops-backend/src/__testUtils__/startWebSocketTestBackend';
import { openPodPortStream } from '../plugins/k8s-ops-backend/src/portForwards/openPodPortStream';
import { k8sOpsPlugin } from '../plugins/k8s-ops-backend/src/plugin';
import { percentile, clusterEntry } from './measure';

const MIB = Number(process.env.MIB ?? 32);
const ROUND_TRIPS = Number(process.env.ROUND_TRIPS ?? 500);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const NS = 'bench';

function since(start: bigint) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function send(
  port: number,
  options: { method: string; path: string; agent?: Agent | false },
  body?: Buffer,
): Promise<Buffer> {
  return new Promise((resolveSend, reject) => {
    const req = request(
      { host: '127.0.0.1', port, ...options, agent: options.agent ?? false },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => resolveSend(Buffer.concat(chunks)));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(name: string, port: number) {
  const body = randomBytes(MIB * 1024 * 1024);
  await send(port, { method: 'POST', path: '/echo' }, body.subarray(0, 1024));
  const start = process.hrtime.bigint();
  const echoed = await send(port, { method: 'POST', path: '/echo' }, body);
  const ms = since(start);
  if (!echoed.equals(body)) {
    throw new Error(`${name}: the echo differs from what was sent`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const rtt: number[] = [];
  for (let i = 0; i < ROUND_TRIPS + 20; i++) {
    const t = process.hrtime.bigint();
    await send(port, { method: 'GET', path: `/rtt/${i}`, agent });
    if (i >= 20) rtt.push(since(t));
  }
  agent.destroy();
  const opens: number[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const t = process.hrtime.bigint();
    await send(port, { method: 'GET', path: `/open/${i}` });
    opens.push(since(t));
  }
  return {
    name,
    mibPerSecond: MIB / (ms / 1000),
    rttP50: percentile(rtt, 50),
    rttP95: percentile(rtt, 95),
    openP50: percentile(opens, 50),
    openP95: percentile(opens, 95),
  };
}

async function main() {
  const binDir = await ensureKubeBinaries();
  const cluster = await LocalCluster.start({ name: 'bench', binDir, nodes: 1 });
  const stops: Array<() => Promise<unknown>> = [() => cluster.stop()];
  try {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
    let pod;
    for (const deadline = Date.now() + 60_000; ; ) {
      try {
        pod ??= await core.createNamespacedPod({
          namespace: NS,
          body: {
            metadata: { name: 'target' },
            spec: { containers: [{ name: 'app', image: 'app' }] },
          },
        });
        const read = await core.readNamespacedPod({
          namespace: NS,
          name: 'target',
        });
        if (read.status?.phase === 'Running') break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await new Promise(r => setTimeout(r, 200));
    }
    const clusterConfig = clusterEntry(cluster);
    const backend = await startWebSocketTestBackend({
      features: [
        k8sOpsPlugin,
        mockServices.rootConfig.factory({
          data: {
            k8sOps: { cache: { prewarm: [] }, clusters: [clusterConfig] },
          },
        }),
      ],
    });
    stops.unshift(() => backend.stop());
    const address = backend.server.address() as { port: number };
    const client = new PortalClient(
      `http://127.0.0.1:${address.port}`,
      mockCredentials.user.token('user:default/bench'),
    );
    const session = await client.start(
      { cluster: 'bench', namespace: NS, kind: 'pod', name: 'target' },
      [8080],
    );
    const portal = await new LocalForwarder({
      client,
      sessionId: session.id,
      report: line => process.stderr.write(`${line}\n`),
    }).listen({ local: 0, remote: 8080 });

    // The same pod's port, straight through the API server.
    const direct = createServer(async socket => {
      try {
        const stream = await openPodPortStream({
          cluster: {
            ...clusterConfig,
            title: 'bench',
            labels: {},
            source: 'config',
            readOnly: false,
            impersonate: false,
            credentials: {
              caData: clusterConfig.caData,
              token: cluster.adminToken,
            },
          } as never,
          namespace: NS,
          pod: 'target',
          port: 8080,
        });
        socket.pipe(stream).pipe(socket);
        socket.on('close', () => stream.destroy());
        stream.on('error', () => socket.destroy());
      } catch {
        socket.destroy();
      }
    });
    await new Promise<void>(r => direct.listen(0, '127.0.0.1', () => r()));
    const directPort = (direct.address() as { port: number }).port;
    stops.unshift(async () => direct.close());

    // Interleaved, twice; the second, warm, round is reported.
    let results: Awaited<ReturnType<typeof measure>>[] = [];
    for (let round = 0; round < 2; round++) {
      results = [
        await measure('direct (API server portforward)', directPort),
        await measure('through the portal (CLI tunnel)', portal.local),
      ];
    }
    const [d, p] = results;
    const f = (n: number) => n.toFixed(2);
    console.log(
      `port-forward, ${MIB} MiB echoed, ${ROUND_TRIPS} round trips, ${CONNECTIONS} new connections`,
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(34)} ${f(r.mibPerSecond).padStart(
          8,
        )} MiB/s   rtt p50 ${f(r.rttP50)} ms p95 ${f(
          r.rttP95,
        )} ms   new connection p50 ${f(r.openP50)} ms p95 ${f(r.openP95)} ms`,
      );
    }
    console.log(
      `added by the portal: rtt p50 +${f(p.rttP50 - d.rttP50)} ms, p95 +${f(
        p.rttP95 - d.rttP95,
      )} ms; new connection p50 +${f(p.openP50 - d.openP50)} ms; throughput ${f(
        (p.mibPerSecond / d.mibPerSecond) * 100,
      )} % of direct`,
    );
    await portal.close();
    await client.stop(session.id);
  } finally {
    for (const stop of stops) {
      await stop().catch(() => undefined);
    }
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
