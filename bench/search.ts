/*
 * Benchmark: search over many objects on many cluster entries, and the
 * relations of a Deployment in a crowded namespace.
 *
 *   bench/run.sh search
 *   CLUSTERS=50 PER_CLUSTER=2000 REL_OBJECTS=10000 RUNS=40 bench/run.sh search
 *
 * Starts one real local control plane and registers it CLUSTERS times under
 * different names and groups: every entry lists and watches the objects from
 * the API server itself, so the index holds CLUSTERS x PER_CLUSTER objects
 * (ConfigMaps and Services created in bulk), each really listed and watched.
 * Times the search service (permission filter, matching, ranking) for an
 * unrestricted person and for one limited to a namespace; the index's
 * memory per object (heap with and without the index); the time from
 * creating an object in the cluster to finding it; and the relations of a
 * Deployment at depth 3 in a namespace of REL_OBJECTS objects.
 */
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { WatchCache } from '../plugins/k8s-ops-backend/src/cache/WatchCache';
import { ClusterRegistry } from '../plugins/k8s-ops-backend/src/clusters/ClusterRegistry';
import { ConfigClusterSource } from '../plugins/k8s-ops-backend/src/clusters/ConfigClusterSource';
import { DiscoveryCache } from '../plugins/k8s-ops-backend/src/kube/DiscoveryCache';
import { KubeClientFactory } from '../plugins/k8s-ops-backend/src/kube/KubeClientFactory';
import {
  createK8sOpsResourceConditionalDecision,
  k8sOpsResourceConditions,
} from '../plugins/k8s-ops-backend/src/permissions/conditionExports';
import { RequestAuthorizer } from '../plugins/k8s-ops-backend/src/permissions/RequestAuthorizer';
import { clusterRules } from '../plugins/k8s-ops-backend/src/permissions/rules/clusterRules';
import { objectRules } from '../plugins/k8s-ops-backend/src/permissions/rules/objectRules';
import { Impersonator } from '../plugins/k8s-ops-backend/src/permissions/Impersonator';
import { AuthorizedRelations } from '../plugins/k8s-ops-backend/src/relations/AuthorizedRelations';
import { ResourceService } from '../plugins/k8s-ops-backend/src/resources/ResourceService';
import { AuthorizedSearch } from '../plugins/k8s-ops-backend/src/search/AuthorizedSearch';
import { SearchIndex } from '../plugins/k8s-ops-backend/src/search/SearchIndex';
import { k8sOpsResourceReadPermission } from '@k8s-ops/plugin-k8s-ops-common';
import { cpus, loadavg } from 'node:os';
import { percentile, quietLogger as quiet, clusterEntry } from './measure';

const CLUSTERS = Number(process.env.CLUSTERS ?? 50);
const PER_CLUSTER = Number(process.env.PER_CLUSTER ?? 2000);
const REL_OBJECTS = Number(process.env.REL_OBJECTS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 40);
const NAMESPACES = 20;
const WORDS = [
  'checkout',
  'payments',
  'catalog',
  'search',
  'orders',
  'users',
  'billing',
  'gateway',
  'inventory',
  'shipping',
];

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function heapUsed() {
  (global as any).gc?.();
  (global as any).gc?.();
  return process.memoryUsage().heapUsed;
}

/** Creates `count` objects with `concurrency` requests at a time. */
async function createMany(
  count: number,
  create: (i: number) => Promise<unknown>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 24 }, async () => {
      while (next < count) {
        await create(next++);
      }
    }),
  );
}

async function main() {
  console.log(
    `load average at start: ${loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  const cluster = await LocalCluster.start({
    name: 'bench',
    binDir: await ensureKubeBinaries(),
    nodes: 10,
  });
  try {
    const kube = cluster.kubeConfig();
    const core = kube.makeApiClient(CoreV1Api);
    const apps = kube.makeApiClient(AppsV1Api);
    let started = process.hrtime.bigint();
    for (let n = 0; n < NAMESPACES; n++) {
      await core.createNamespace({ body: { metadata: { name: `ns-${n}` } } });
    }
    const configMaps = Math.round(PER_CLUSTER * 0.8);
    await createMany(configMaps, i =>
      core.createNamespacedConfigMap({
        namespace: `ns-${i % NAMESPACES}`,
        body: {
          metadata: {
            name: `${WORDS[i % WORDS.length]}-config-${i}`,
            labels: { app: `app-${i % 100}`, team: `team-${i % 7}` },
          },
          data: { 'settings.yaml': `replicas: ${i}\n` },
        },
      }),
    );
    await createMany(PER_CLUSTER - configMaps - NAMESPACES, i =>
      core.createNamespacedService({
        namespace: `ns-${i % NAMESPACES}`,
        body: {
          metadata: {
            name: `${WORDS[(i * 3) % WORDS.length]}-api-${i}`,
            labels: { app: `app-${i % 100}` },
          },
          spec: { selector: { app: `app-${i % 100}` }, ports: [{ port: 80 }] },
        },
      }),
    );
    console.log(
      `created ${PER_CLUSTER} objects in ${(ms(started) / 1000).toFixed(1)} s`,
    );

    const config = new ConfigReader({
      k8sOps: {
        clusters: Array.from({ length: CLUSTERS }, (_, i) => ({
          ...clusterEntry(cluster, `bench-${i}`),
          group: ['prod', 'staging', 'dev'][i % 3],
        })),
      },
    });
    const registry = new ClusterRegistry([new ConfigClusterSource(config)]);
    const clients = new KubeClientFactory({ events: registry });
    const discovery = new DiscoveryCache({ events: registry });
    const cache = new WatchCache({
      logger: quiet,
      events: registry,
      clients,
      watcher: { readyTimeoutMs: 60_000 },
    });
    const resources = new ResourceService({
      registry,
      clients,
      discovery,
      cache,
      readOnly: false,
    });
    const kinds = ['configmaps', 'services'];

    // The cache first, without the index, so that the index's own memory
    // can be told apart.
    started = process.hrtime.bigint();
    const releases = [];
    for (let i = 0; i < CLUSTERS; i++) {
      for (const kind of kinds) {
        releases.push((await resources.hold(`bench-${i}`, kind)).release);
      }
    }
    const cachedObjects = () =>
      cache.stats().reduce((sum, s) => sum + s.objects, 0);
    const expected = CLUSTERS * PER_CLUSTER; // plus kube-root-ca.crt and the kubernetes Service
    while (cachedObjects() < expected) {
      await new Promise(r => setTimeout(r, 500));
    }
    console.log(
      `${cachedObjects()} objects listed and watched on ${CLUSTERS} entries in ${(
        ms(started) / 1000
      ).toFixed(1)} s`,
    );
    const heapCacheOnly = heapUsed();

    const index = new SearchIndex({
      cache,
      registry,
      resources,
      discovery,
      clients,
      logger: quiet,
      kinds,
      crdFamilies: false,
      maxObjects: 1_000_000,
    });
    started = process.hrtime.bigint();
    await index.start();
    while (index.objectCount < cachedObjects()) {
      await new Promise(r => setTimeout(r, 100));
    }
    console.log(
      `index of ${index.objectCount} objects built in ${ms(started).toFixed(
        0,
      )} ms`,
    );
    const heapWithIndex = heapUsed();
    const perObject = (heapWithIndex - heapCacheOnly) / index.objectCount;

    const rules = (list: any[]) => ({
      getRuleByName: (name: string) => list.find(r => r.name === name),
    });
    const policy: { decide: (permission: string) => PolicyDecision } = {
      decide: () => ({ result: AuthorizeResult.ALLOW }),
    };
    const authorizer = new RequestAuthorizer({
      permissions: {
        authorizeConditional: async (
          requests: Array<{ permission: { name: string } }>,
        ) => requests.map(r => policy.decide(r.permission.name)),
      } as any,
      permissionsRegistry: {
        getPermissionRuleset: (ref: { resourceType: string }) =>
          ref.resourceType === 'k8s-ops-cluster'
            ? rules(Object.values(clusterRules))
            : rules(Object.values(objectRules)),
      } as any,
    });
    const search = new AuthorizedSearch({
      index,
      registry,
      authorizer,
      pageUrl: '/k8s-ops',
      enabled: true,
    });
    const credentials = {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/bench' },
    } as any;

    const queries: Record<string, (i: number) => string> = {
      'selective: one name (on every entry)': i =>
        `${WORDS[i % WORDS.length]}-config-${(i * 37) % configMaps}`,
      'selective: name and cluster': i =>
        `${WORDS[i % WORDS.length]}-api-${i % 100} cluster:bench-${
          i % CLUSTERS
        }`,
      'selective: fuzzy (letters missing)': i =>
        `${WORDS[i % WORDS.length].replace(/[aeiou]/g, '')}-cnfg-${i % 100}`,
      'broad: a word (10% of all objects)': i => WORDS[i % WORDS.length],
      'broad: one letter': i => 'aeiou'[i % 5],
      'filter only: kind and namespace': i => `kind:cm ns:ns-${i % NAMESPACES}`,
      'filter only: group and label': i =>
        `group:prod label:app=app-${i % 100}`,
    };
    const row = (name: string, v: number[], extra = '') =>
      console.log(
        `${name.padEnd(44)} p50 ${percentile(v, 50)
          .toFixed(1)
          .padStart(6)} ms   p95 ${percentile(v, 95)
          .toFixed(1)
          .padStart(6)} ms${extra}`,
      );

    for (const [who, decide] of [
      [
        'a platform engineer (ALLOW)',
        () => ({ result: AuthorizeResult.ALLOW }),
      ],
      [
        'a person limited to 2 namespaces (CONDITIONAL)',
        (permission: string) =>
          permission === k8sOpsResourceReadPermission.name
            ? createK8sOpsResourceConditionalDecision(
                k8sOpsResourceReadPermission,
                k8sOpsResourceConditions.isInNamespace({
                  namespaces: ['ns-1', 'ns-2'],
                }),
              )
            : { result: AuthorizeResult.ALLOW },
      ],
    ] as Array<[string, (p: string) => PolicyDecision]>) {
      policy.decide = decide;
      console.log(
        `\nsearch over ${index.objectCount} objects on ${CLUSTERS} entries as ${who}, ${RUNS} runs each (server side, limit 50):`,
      );
      for (const [name, make] of Object.entries(queries)) {
        for (let i = 0; i < 3; i++)
          await search.search({ q: make(i), limit: 50 }, credentials);
        const times: number[] = [];
        const cpu: number[] = [];
        let total = 0;
        for (let i = 0; i < RUNS; i++) {
          const t = process.hrtime.bigint();
          const c = process.cpuUsage();
          const answer = await search.search(
            { q: make(i), limit: 50 },
            credentials,
          );
          const used = process.cpuUsage(c);
          times.push(ms(t));
          // On a shared machine the wall clock counts other processes too.
          cpu.push((used.user + used.system) / 1000);
          total += answer.total;
        }
        row(
          name,
          times,
          `   cpu p50 ${percentile(cpu, 50).toFixed(1)} p95 ${percentile(
            cpu,
            95,
          ).toFixed(1)} ms   (mean total ${Math.round(total / RUNS)})`,
        );
      }
    }
    policy.decide = () => ({ result: AuthorizeResult.ALLOW });

    console.log(
      `\nindex memory: ${(
        (heapWithIndex - heapCacheOnly) /
        1024 /
        1024
      ).toFixed(1)} MiB for ${index.objectCount} objects = ${Math.round(
        perObject,
      )} B/object (heap with the index minus heap of the cache alone)`,
    );

    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const name = `fresh-${Date.now()}-${i}`;
      const t = process.hrtime.bigint();
      await core.createNamespacedConfigMap({
        namespace: 'ns-0',
        body: { metadata: { name } },
      });
      for (;;) {
        if ((await search.search({ q: name, limit: 1 }, credentials)).total > 0)
          break;
        await new Promise(r => setImmediate(r));
      }
      latencies.push(ms(t));
    }
    row('\nchange in the cluster to search result', latencies);

    // Relations: a Deployment in a namespace of REL_OBJECTS objects.
    started = process.hrtime.bigint();
    await core.createNamespace({ body: { metadata: { name: 'crowded' } } });
    const replicas = 50;
    await apps.createNamespacedDeployment({
      namespace: 'crowded',
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: 'nginx',
                  envFrom: [{ secretRef: { name: 'secret-1' } }],
                },
              ],
            },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace: 'crowded',
      body: {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
    });
    await createMany(REL_OBJECTS - replicas - 3, i =>
      core.createNamespacedSecret({
        namespace: 'crowded',
        body: {
          metadata: { name: `secret-${i}`, labels: { app: `x-${i % 50}` } },
          stringData: { k: 'v' },
        },
      }),
    );
    console.log(
      `\ncreated ${REL_OBJECTS} objects in namespace crowded in ${(
        ms(started) / 1000
      ).toFixed(1)} s`,
    );
    const relations = new AuthorizedRelations({
      resources,
      authorizer,
      impersonator: new Impersonator({} as any),
    });
    const ref = {
      cluster: 'bench-0',
      resource: 'deployments',
      namespace: 'crowded',
      name: 'web',
    };
    let graph = await relations.relations(ref, 3, credentials);
    while (graph.nodes.filter(n => n.kind === 'Pod').length < replicas) {
      await new Promise(r => setTimeout(r, 1000));
      graph = await relations.relations(ref, 3, credentials);
    }
    const relTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = process.hrtime.bigint();
      graph = await relations.relations(ref, 3, credentials);
      relTimes.push(ms(t));
    }
    const crowded = (await resources.objects('bench-0', 'secrets', 'crowded'))
      .objects.length;
    row(
      `relations of a Deployment, depth 3 (${
        crowded + replicas + 3
      } objects in its namespace)`,
      relTimes,
      `   (${graph.nodes.length} nodes, ${graph.edges.length} edges)`,
    );

    index.stop();
    releases.forEach(r => r());
    cache.stop();
    clients.close();
  } finally {
    await cluster.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
