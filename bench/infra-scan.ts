/*
 * Benchmark: the infrastructure scan of one namespace of 1,000 objects, and
 * of every namespace of a cluster of 10,000 objects, from the watch cache.
 *
 *   bench/run.sh infra-scan        (or: NAMESPACES=10 PER_NAMESPACE=1000 RUNS=30 bench/run.sh infra-scan)
 *
 * Starts a real local cluster, creates NAMESPACES namespaces of
 * PER_NAMESPACE objects each (Deployments and StatefulSets with no replicas,
 * pods bound to kwok's nodes, Services and Secrets; one workload in ten runs
 * an image a scan recognises), fills the cache through list + watch as the
 * backend does (the first, cold scan), then times warm scans.
 */
import { ConfigReader } from '@backstage/config';
import {
  AppsV1Api,
  CoreV1Api,
  V1Deployment,
  V1Pod,
  V1Secret,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { WatchCache } from '../plugins/k8s-ops-backend/src/cache/WatchCache';
import { ClusterRegistry } from '../plugins/k8s-ops-backend/src/clusters/ClusterRegistry';
import { ConfigClusterSource } from '../plugins/k8s-ops-backend/src/clusters/ConfigClusterSource';
import { InfraScanner } from '../plugins/k8s-ops-backend/src/infra/InfraScanner';
import { DiscoveryCache } from '../plugins/k8s-ops-backend/src/kube/DiscoveryCache';
import { KubeClientFactory } from '../plugins/k8s-ops-backend/src/kube/KubeClientFactory';
import { percentile, quietLogger as quiet, clusterEntry } from './measure';

const NAMESPACES = Number(process.env.NAMESPACES ?? 10);
const PER_NAMESPACE = Number(process.env.PER_NAMESPACE ?? 1000);
const RUNS = Number(process.env.RUNS ?? 30);

const IMAGES = ['postgres:16.4', 'redis:7.2.4', 'bitnami/mongodb:7.0.12'];
const imageOf = (k: number) => (k % 10 < 3 ? IMAGES[k % 10] : 'nginx:1.27');

async function time<T>(fn: () => Promise<T>) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** The objects of one namespace: a tenth workloads, the rest pods, Services and Secrets. */
function namespaceObjects(namespace: string) {
  const workloads = Math.round(PER_NAMESPACE * 0.15);
  const services = Math.round(PER_NAMESPACE * 0.2);
  const secrets = Math.round(PER_NAMESPACE * 0.2);
  const pods = PER_NAMESPACE - workloads - services - secrets;
  const template = (k: number) => ({
    metadata: { labels: { app: `app-${k}` } },
    spec: {
      containers: [
        { name: 'main', image: imageOf(k), ports: [{ containerPort: 80 }] },
      ],
    },
  });
  const create: Array<(core: CoreV1Api, apps: AppsV1Api) => Promise<unknown>> =
    [];
  for (let k = 0; k < workloads; k++) {
    // A StatefulSet adopts the pods its selector matches (and, with no
    // replicas, deletes them): its selector asks for a label they lack.
    const stateful = k % 3 === 0;
    const labels = stateful
      ? { app: `app-${k}`, set: 'stateful' }
      : { app: `app-${k}` };
    const spec = {
      replicas: 0,
      selector: { matchLabels: labels },
      template: { ...template(k), metadata: { labels } },
    };
    create.push((_core, apps) =>
      stateful
        ? apps.createNamespacedStatefulSet({
            namespace,
            body: {
              metadata: { name: `app-${k}` },
              spec: { ...spec, serviceName: `app-${k}` },
            } as V1StatefulSet,
          })
        : apps.createNamespacedDeployment({
            namespace,
            body: { metadata: { name: `app-${k}` }, spec } as V1Deployment,
          }),
    );
  }
  for (let i = 0; i < pods; i++) {
    const k = i % workloads;
    create.push(core =>
      core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name: `app-${k}-${i}`, labels: { app: `app-${k}` } },
          spec: { ...template(k).spec, nodeName: `node-${(i % 20) + 1}` },
        } as V1Pod,
      }),
    );
  }
  for (let s = 0; s < services; s++) {
    const k = s % workloads;
    create.push(core =>
      core.createNamespacedService({
        namespace,
        body: {
          metadata: { name: `svc-${s}` },
          spec: {
            type: s % 5 === 0 ? 'NodePort' : 'ClusterIP',
            selector: { app: `app-${k}` },
            ports: [{ port: 80 + (s % 3) }],
          },
        } as V1Service,
      }),
    );
  }
  for (let s = 0; s < secrets; s++) {
    create.push(core =>
      core.createNamespacedSecret({
        namespace,
        body: {
          metadata: { name: `app-${s % workloads}-credentials-${s}` },
          stringData: { password: 'bench' },
        } as V1Secret,
      }),
    );
  }
  return create;
}

async function main() {
  const cluster = await LocalCluster.start({
    name: 'bench',
    binDir: await ensureKubeBinaries(),
    nodes: 20,
  });
  try {
    const kc = cluster.kubeConfig();
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const created = await time(async () => {
      for (let n = 0; n < NAMESPACES; n++) {
        await core.createNamespace({
          body: { metadata: { name: `scan-${n}` } },
        });
      }
      const work = Array.from({ length: NAMESPACES }, (_, n) =>
        namespaceObjects(`scan-${n}`),
      ).flat();
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < work.length) {
            await work[next++](core, apps);
          }
        }),
      );
    });
    console.log(
      `created ${NAMESPACES} namespaces of ${PER_NAMESPACE} objects in ${(
        created.ms / 1000
      ).toFixed(1)} s`,
    );

    const config = new ConfigReader({
      k8sOps: {
        clusters: [clusterEntry(cluster)],
      },
    });
    const registry = new ClusterRegistry([new ConfigClusterSource(config)]);
    const cache = new WatchCache({ logger: quiet });
    const scanner = new InfraScanner({
      clients: new KubeClientFactory(),
      discovery: new DiscoveryCache(),
      cache,
    });
    const definition = await registry.get('bench');
    const objects = () =>
      cache
        .stats()
        .filter(s => s.resource !== 'nodes')
        .reduce((sum, s) => sum + s.objects, 0);

    const cold = await time(() => scanner.scan(definition, undefined));
    console.log(
      `first scan (lists and starts watching ${
        cache.stats().length
      } kinds, ${objects()} objects): ${cold.ms.toFixed(0)} ms`,
    );
    const found = (r: typeof cold.result) =>
      r.reduce((n, s) => n + s.instances.length, 0);

    const one: number[] = [];
    const all: number[] = [];
    let foundOne = 0;
    let foundAll = 0;
    for (let i = 0; i < RUNS; i++) {
      const a = await time(() => scanner.scan(definition, 'scan-0'));
      one.push(a.ms);
      foundOne = found(a.result);
      const b = await time(() => scanner.scan(definition, undefined));
      all.push(b.ms);
      foundAll = found(b.result);
    }
    const row = (name: string, v: number[]) =>
      console.log(
        `${name.padEnd(58)} p50 ${percentile(v, 50)
          .toFixed(1)
          .padStart(7)} ms   p95 ${percentile(v, 95)
          .toFixed(1)
          .padStart(7)} ms`,
      );
    console.log(
      `\n${objects()} objects cached (${cache
        .stats()
        .map(s => `${s.resource} ${s.objects}`)
        .join(', ')}), ${RUNS} runs each:`,
    );
    row(
      `scan one namespace (${PER_NAMESPACE} objects, ${foundOne} found)`,
      one,
    );
    row(
      `scan every namespace (${
        NAMESPACES * PER_NAMESPACE
      } objects, ${foundAll} found)`,
      all,
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
