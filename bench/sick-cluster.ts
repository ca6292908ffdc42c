/*
 * Benchmark: how k8s-ops behaves when a cluster's API server freezes
 * (SIGSTOP: connections accepted, nothing answered) or restarts.
 *
 *   bench/run.sh sick-cluster         (READS=50 by default)
 *
 * Starts two real local clusters, fills the watch cache of both through
 * ResourceService exactly as the backend does, then measures:
 *   - time from SIGSTOP to the frozen cluster's list being marked stale;
 *   - read latency of the healthy cluster, and of the frozen one (from the
 *     cache), during the freeze;
 *   - time for a write to the frozen cluster to fail;
 *   - time from SIGCONT, and from a restarted API server being ready, to a
 *     change made then being visible in the list.
 */
import { ConfigReader } from '@backstage/config';
import { CoreV1Api } from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { WatchCache } from '../plugins/k8s-ops-backend/src/cache/WatchCache';
import { ClusterRegistry } from '../plugins/k8s-ops-backend/src/clusters/ClusterRegistry';
import { ConfigClusterSource } from '../plugins/k8s-ops-backend/src/clusters/ConfigClusterSource';
import { DiscoveryCache } from '../plugins/k8s-ops-backend/src/kube/DiscoveryCache';
import { KubeClientFactory } from '../plugins/k8s-ops-backend/src/kube/KubeClientFactory';
import { ResourceService } from '../plugins/k8s-ops-backend/src/resources/ResourceService';
import { percentile, quietLogger as quiet, clusterEntry } from './measure';

const READS = Number(process.env.READS ?? 50);
const NS = 'bench';

function since(start: bigint) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 120_000;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

async function main() {
  const binDir = await ensureKubeBinaries();
  const [healthy, sick] = await Promise.all(
    ['healthy', 'sick'].map(name =>
      LocalCluster.start({ name, binDir, nodes: 1 }),
    ),
  );
  try {
    for (const cluster of [healthy, sick]) {
      const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
      await core.createNamespace({ body: { metadata: { name: NS } } });
    }
    const sickCore = sick.kubeConfig().makeApiClient(CoreV1Api);
    const createConfigMap = (name: string) =>
      until(`config map ${name}`, () =>
        sickCore
          .createNamespacedConfigMap({
            namespace: NS,
            body: { metadata: { name } },
          })
          .then(() => true),
      );
    await createConfigMap('before');

    const config = new ConfigReader({
      k8sOps: {
        clusters: [healthy, sick].map(c => clusterEntry(c, c.name)),
      },
    });
    const cache = new WatchCache({ logger: quiet });
    const service = new ResourceService({
      registry: new ClusterRegistry([new ConfigClusterSource(config)]),
      clients: new KubeClientFactory(),
      discovery: new DiscoveryCache(),
      cache,
      readOnly: false,
    });
    const list = (cluster: string) =>
      service.list({ cluster, resource: 'configmaps', namespace: NS });
    const visible = async (name: string) => {
      const answer = await list('sick');
      return (
        answer.freshness.live &&
        answer.items.some(o => o.metadata.name === name)
      );
    };
    await list('healthy');
    await until('the sick cluster to be cached', () => visible('before'));

    // Freeze.
    const frozenAt = process.hrtime.bigint();
    sick.freezeApiServer();
    const healthyReads: number[] = [];
    const sickReads: number[] = [];
    let staleMs: number | undefined;
    let reason: string | undefined;
    while (staleMs === undefined || healthyReads.length < READS) {
      let start = process.hrtime.bigint();
      await list('healthy');
      healthyReads.push(since(start));
      start = process.hrtime.bigint();
      const answer = await list('sick');
      sickReads.push(since(start));
      if (staleMs === undefined && !answer.freshness.live) {
        staleMs = since(frozenAt);
        reason = answer.freshness.error;
      }
      await new Promise(r => setTimeout(r, 100));
    }
    const writeStart = process.hrtime.bigint();
    const target = await service.target('sick', 'configmaps');
    const failure = await service
      .patch(
        target,
        {
          cluster: 'sick',
          resource: 'configmaps',
          namespace: NS,
          name: 'before',
        },
        { data: { a: 'b' } },
      )
      .then(
        () => 'succeeded',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    const writeMs = since(writeStart);

    // Thaw.
    const thawedAt = process.hrtime.bigint();
    sick.unfreezeApiServer();
    await createConfigMap('after-freeze');
    await until('the change after the freeze', () => visible('after-freeze'));
    const thawMs = since(thawedAt);

    // Restart. A change to a kind the cache does not watch moves the
    // revision, as on any real cluster: the restarted API server's watch
    // cache starts past the cached resourceVersion (410 Gone, a fresh list).
    await sickCore.createNamespacedSecret({
      namespace: NS,
      body: { metadata: { name: 'moves-the-revision' } },
    });
    const killedAt = process.hrtime.bigint();
    await sick.killApiServer();
    await sick.startApiServer();
    const readyAt = process.hrtime.bigint();
    const restartMs = since(killedAt);
    await createConfigMap('after-restart');
    await until('the change after the restart', () => visible('after-restart'));
    const followMs = since(readyAt);

    const row = (name: string, v: number[]) =>
      console.log(
        `${name.padEnd(52)} p50 ${percentile(v, 50)
          .toFixed(1)
          .padStart(7)} ms   p95 ${percentile(v, 95)
          .toFixed(1)
          .padStart(7)} ms   max ${Math.max(...v)
          .toFixed(1)
          .padStart(7)} ms`,
      );
    console.log(
      `\nSIGSTOP to stale mark                                ${seconds(
        staleMs!,
      )}  (${reason})`,
    );
    row(
      `read of the healthy cluster during the freeze (${healthyReads.length})`,
      healthyReads,
    );
    row(
      `read of the frozen cluster, from the cache (${sickReads.length})`,
      sickReads,
    );
    console.log(
      `write to the frozen cluster fails after               ${seconds(
        writeMs,
      )}  (${failure})`,
    );
    console.log(
      `SIGCONT to a change made then being listed            ${seconds(
        thawMs,
      )}`,
    );
    console.log(
      `kill to restarted API server ready                    ${seconds(
        restartMs,
      )}`,
    );
    console.log(
      `restarted API server ready to a change being listed   ${seconds(
        followMs,
      )}`,
    );
    cache.stop();
  } finally {
    sick.unfreezeApiServer();
    await Promise.all([healthy.stop(), sick.stop()]);
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
