/*
 * Benchmark: listing 10,000 pods from the k8s-ops watch cache, and the
 * memory the cache takes per object.
 *
 *   bench/run.sh list-pods            (or: PODS=20000 bench/run.sh list-pods)
 *
 * Starts a real local cluster, creates the pods (bound to kwok's nodes, so
 * they become Running), fills the cache through list + watch exactly as the
 * backend does, then times ResourceService.list for the whole list and for a
 * page, and the JSON encoding of the answer.
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
import {
  createPods,
  percentile,
  quietLogger as quiet,
  clusterEntry,
} from './measure';

const PODS = Number(process.env.PODS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 30);

async function time<T>(fn: () => Promise<T> | T) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function heapUsed() {
  (global as any).gc?.();
  (global as any).gc?.();
  return process.memoryUsage().heapUsed;
}

async function main() {
  const cluster = await LocalCluster.start({
    name: 'bench',
    binDir: await ensureKubeBinaries(),
    nodes: 20,
  });
  try {
    const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'bench' } } });
    const created = await time(() =>
      createPods(core, 'bench', PODS, i => ({
        app: `app-${i % 50}`,
        'backstage.io/kubernetes-id': `svc-${i % 200}`,
      })),
    );
    console.log(`created ${PODS} pods in ${(created.ms / 1000).toFixed(1)} s`);

    const config = new ConfigReader({
      k8sOps: {
        clusters: [clusterEntry(cluster)],
      },
    });
    const registry = new ClusterRegistry([new ConfigClusterSource(config)]);
    const cache = new WatchCache({ logger: quiet });
    const service = new ResourceService({
      registry,
      clients: new KubeClientFactory(),
      discovery: new DiscoveryCache(),
      cache,
      readOnly: false,
    });

    const heapBefore = heapUsed();
    const filled = await time(async () => {
      for (;;) {
        const list = await service.list({
          cluster: 'bench',
          resource: 'pods',
          limit: 1,
        });
        if (list.total >= PODS) return list;
        await new Promise(r => setTimeout(r, 200));
      }
    });
    console.log(
      `cache filled (list + watch) in ${(filled.ms / 1000).toFixed(1)} s`,
    );
    // Let kwok's status updates (Pending → Running) arrive through the watch.
    await new Promise(r =>
      setTimeout(r, Number(process.env.SETTLE_MS ?? 20_000)),
    );
    const heapAfter = heapUsed();
    const stats = cache.stats().find(s => s.resource === 'pods')!;

    const full: number[] = [];
    const encode: number[] = [];
    const page: number[] = [];
    const selector: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const listed = await time(() =>
        service.list({ cluster: 'bench', resource: 'pods', limit: PODS }),
      );
      full.push(listed.ms);
      encode.push((await time(() => JSON.stringify(listed.result))).ms);
      page.push(
        (
          await time(() =>
            service.list({
              cluster: 'bench',
              resource: 'pods',
              namespace: 'bench',
              limit: 100,
            }),
          )
        ).ms,
      );
      selector.push(
        (
          await time(() =>
            service.list({
              cluster: 'bench',
              resource: 'pods',
              labelSelector: 'backstage.io/kubernetes-id=svc-7',
            }),
          )
        ).ms,
      );
    }
    const row = (name: string, v: number[]) =>
      console.log(
        `${name.padEnd(46)} p50 ${percentile(v, 50)
          .toFixed(1)
          .padStart(7)} ms   p95 ${percentile(v, 95)
          .toFixed(1)
          .padStart(7)} ms`,
      );
    console.log(`\n${stats.objects} pods cached, ${RUNS} runs each:`);
    row(`list all ${PODS} pods (filter, sort, page)`, full);
    row(`  + JSON encoding of that answer`, encode);
    row('list one page of 100', page);
    row('list by label selector (50 pods)', selector);
    const json = stats.bytes;
    const heap = heapAfter - heapBefore;
    console.log(
      `\nmemory: ${(heap / 1024 / 1024).toFixed(1)} MiB heap for ${
        stats.objects
      } objects = ${Math.round(heap / stats.objects)} B/object; ` +
        `their JSON is ${Math.round(json / stats.objects)} B/object; ratio ${(
          heap / json
        ).toFixed(2)}` +
        `${
          (global as any).gc
            ? ''
            : ' (run with --expose-gc for a steadier figure)'
        }`,
    );
    cache.stop();
  } finally {
    await cluster.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
