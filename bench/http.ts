/*
 * Benchmark: the HTTP routes a browser calls, against the real plugin (in a
 * test backend, permissions allowing everything) and a real local cluster
 * registered under CLUSTERS names, as a portal with many cluster entries on
 * few API servers has them.
 *
 *   bench/run.sh http      (CLUSTERS=20 ENTITIES=10 PODS=10000 VIEWS=200)
 *
 * - an entity view (`GET /workloads`): latency at concurrency 1, views per
 *   second at concurrency 8 over ENTITIES entities, bytes per answer, CPU of
 *   this process per view (server and client: the callers run in a worker
 *   thread, parsing on a heap of their own as a browser would), and the
 *   same with the ETag a browser sends back (`If-None-Match`);
 * - the same views through Backstage's own Kubernetes backend (the anchor),
 *   called as its entity tab calls it (`POST /services/:name`), on the same
 *   API server and cluster entries, and the ratios; for both, the LIST
 *   requests kube-apiserver served per view;
 * - the list of PODS pods through `GET /clusters/:c/resources/pods`,
 *   including the client's JSON parse, beside kube-apiserver's own list of
 *   the same pods (the anchor), also parsed.
 */
import { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startWebSocketTestBackend } from '../plugins/k8s-ops-backend/src/__testUtils__/startWebSocketTestBackend';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { Agent, fetch as undiciFetch } from 'undici';
import { k8sOpsPlugin } from '../plugins/k8s-ops-backend/src/plugin';
import { createPods, percentile, clusterEntry } from './measure';

const CLUSTERS = Number(process.env.CLUSTERS ?? 20);
const ENTITIES = Number(process.env.ENTITIES ?? 10);
const PODS = Number(process.env.PODS ?? 10_000);
const VIEWS = Number(process.env.VIEWS ?? 200);
const LIST_RUNS = Number(process.env.LIST_RUNS ?? 20);
const CONCURRENCY_SECONDS = Number(process.env.SECONDS ?? 10);
// What the entity tab asks for; VIEW= (empty) for a backend without views.
const VIEW = process.env.VIEW ?? 'summary';

function row(name: string, values: number[], unit = 'ms') {
  console.log(
    `${name.padEnd(52)} p50 ${percentile(values, 50)
      .toFixed(1)
      .padStart(7)} ${unit}   p95 ${percentile(values, 95)
      .toFixed(1)
      .padStart(7)} ${unit}`,
  );
}

/** The catalog entities the views are of, as the official tab posts them. */
const entities = Array.from({ length: ENTITIES }, (_, e) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `entity-${e}`,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': `entity-${e}` },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
}));

const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;

/** LIST requests kube-apiserver has served so far, from its metrics. */
async function listRequests(cluster: LocalCluster, dispatcher: Agent) {
  const res = await undiciFetch(`${cluster.server}/metrics`, {
    headers: { Authorization: `Bearer ${cluster.adminToken}` },
    dispatcher,
  });
  let total = 0;
  for (const line of (await res.text()).split('\n')) {
    if (
      line.startsWith('apiserver_request_total{') &&
      line.includes('verb="LIST"')
    ) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

/**
 * Backstage's Kubernetes backend with the same cluster entries, each a
 * service account token on the same API server, its catalog holding the
 * entities. Pod metrics are not looked up: the cluster has no metrics
 * server, and k8s-ops does not show them either.
 */
async function startOfficialBackend(cluster: LocalCluster) {
  const backend = await startTestBackend({
    features: [
      kubernetesPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:0' },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: Array.from({ length: CLUSTERS }, (_, i) => ({
                  name: `bench-${i}`,
                  url: cluster.server,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: cluster.adminToken,
                  caData: Buffer.from(cluster.caPem).toString('base64'),
                  skipMetricsLookup: true,
                })),
              },
            ],
          },
        },
      }),
    ],
  });
  const address = backend.server.address() as AddressInfo;
  return { backend, api: `http://127.0.0.1:${address.port}/api/kubernetes` };
}

/**
 * Views of the entities through `viewOf`: VIEWS of the first one after
 * another (and again with its ETag when there is one), then views of all
 * of them from 8 callers at once for SECONDS; with the API server's LIST
 * requests per view.
 */
/** A view as a browser asks for it. */
interface ViewRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The API server's CA, to call it directly. */
  ca?: string;
  /** Items a list answer must hold. */
  minItems?: number;
}

// The callers of the views run in a worker thread: like a browser, they
// parse each answer on a heap of their own, so that their garbage is not
// collected during the server's next answer.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const undici = require('undici');
const agents = new Map();
async function view(request) {
  let dispatcher;
  if (request.ca) {
    dispatcher = agents.get(request.ca);
    if (!dispatcher) {
      dispatcher = new undici.Agent({ connect: { ca: request.ca } });
      agents.set(request.ca, dispatcher);
    }
  }
  const started = performance.now();
  const res = await undici.fetch(request.url, {
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    dispatcher,
  });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 304) {
    throw new Error(request.url + ' answered ' + res.status + ': ' + text);
  }
  const parsed = res.status === 200 ? JSON.parse(text) : undefined;
  const ms = performance.now() - started;
  if (request.minItems && parsed.items.length < request.minItems) {
    throw new Error(request.url + ' listed ' + parsed.items.length);
  }
  return { ms, status: res.status };
}
(async () => {
  const { requests, concurrency, seconds, count } = workerData;
  const times = [];
  let notModified = 0;
  if (concurrency === 1) {
    for (let i = 0; i < count; i++) {
      const answer = await view(requests[0]);
      times.push(answer.ms);
      if (answer.status === 304) notModified++;
    }
  } else {
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        let next = worker;
        while (Date.now() < until) {
          times.push((await view(requests[next++ % requests.length])).ms);
        }
      }),
    );
  }
  parentPort.postMessage({ times, notModified });
})().catch(error => parentPort.postMessage({ error: String(error) }));
`;

function inClient(workerData: {
  requests: ViewRequest[];
  concurrency: number;
  seconds?: number;
  count?: number;
}): Promise<{ times: number[]; notModified: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData });
    worker.once('message', answer => {
      worker.terminate();
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer);
    });
    worker.once('error', reject);
  });
}

/**
 * Views of the entities as `requestOf` asks for them: VIEWS of the first
 * one after another (and again with its ETag when there is one), then views
 * of all of them from 8 callers at once for SECONDS; with the API server's
 * LIST requests per view.
 */
async function measureViews(
  requestOf: (entity: number, etag?: string) => ViewRequest,
  count: () => Promise<number>,
  etag?: string,
) {
  const sequential = async (withEtag: boolean) => {
    const cpu = process.cpuUsage();
    const { times, notModified } = await inClient({
      requests: [requestOf(0, withEtag ? etag : undefined)],
      concurrency: 1,
      count: VIEWS,
    });
    const used = process.cpuUsage(cpu);
    return {
      times,
      notModified,
      cpuMs: (used.user + used.system) / 1000 / VIEWS,
    };
  };
  const before = await count();
  const full = await sequential(false);
  const apiRequests = ((await count()) - before) / VIEWS;
  row('one entity, concurrency 1, full answer', full.times);
  console.log(
    `${''.padEnd(52)} CPU ${full.cpuMs.toFixed(
      1,
    )} ms per view (server + client); ${apiRequests.toFixed(
      1,
    )} API-server LISTs per view`,
  );
  if (etag) {
    const cached = await sequential(true);
    row('one entity, concurrency 1, with If-None-Match', cached.times);
    console.log(
      `${''.padEnd(52)} ${cached.notModified} of ${VIEWS} answered 304`,
    );
  }
  const { times } = await inClient({
    requests: Array.from({ length: ENTITIES }, (_, e) => requestOf(e)),
    concurrency: 8,
    seconds: CONCURRENCY_SECONDS,
  });
  const perSecond = times.length / CONCURRENCY_SECONDS;
  console.log(
    `${`${ENTITIES} entities, concurrency 8, full answers`.padEnd(
      52,
    )} ${perSecond.toFixed(0)} views/s`,
  );
  row('  latency at concurrency 8', times);
  return { sequential: full.times, perSecond, apiRequests };
}

async function seed(cluster: LocalCluster) {
  const kc = cluster.kubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  await core.createNamespace({ body: { metadata: { name: 'bench' } } });
  for (let e = 0; e < ENTITIES; e++) {
    const labels = { 'backstage.io/kubernetes-id': `entity-${e}` };
    const app = { ...labels, app: `entity-${e}` };
    await apps.createNamespacedDeployment({
      namespace: 'bench',
      body: {
        metadata: { name: `entity-${e}`, labels },
        spec: {
          replicas: 3,
          selector: { matchLabels: app },
          template: {
            metadata: {
              labels: app,
              annotations: { 'example.com/config-hash': 'x'.repeat(64) },
            },
            spec: {
              containers: [
                {
                  name: 'main',
                  image: `registry.example.com/team/entity-${e}:1.0`,
                  ports: [{ containerPort: 8080 }],
                  env: Array.from({ length: 10 }, (_, i) => ({
                    name: `SETTING_${i}`,
                    value: `value-${i}`,
                  })),
                  readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
                },
              ],
            },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace: 'bench',
      body: {
        metadata: { name: `entity-${e}`, labels },
        spec: { selector: app, ports: [{ port: 80, targetPort: 8080 }] },
      },
    });
    await core.createNamespacedConfigMap({
      namespace: 'bench',
      body: {
        metadata: { name: `entity-${e}-config`, labels },
        data: { 'settings.yaml': 'a: 1\n'.repeat(200) },
      },
    });
  }
}

async function seedPods(cluster: LocalCluster) {
  const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: 'pods' } } });
  await createPods(core, 'pods', PODS, i => ({ app: `app-${i % 50}` }));
}

async function main() {
  const started = Date.now();
  const cluster = await LocalCluster.start({
    name: 'bench',
    binDir: await ensureKubeBinaries(),
    nodes: 20,
  });
  try {
    await seed(cluster);
    console.log(
      `cluster started and seeded (${ENTITIES} entities) in ${Math.round(
        (Date.now() - started) / 1000,
      )} s`,
    );
    const entry = clusterEntry(cluster);
    const start = async (clusters: number) => {
      const backend = await startWebSocketTestBackend({
        features: [
          k8sOpsPlugin,
          mockServices.rootConfig.factory({
            data: {
              backend: { baseUrl: 'http://localhost:0' },
              k8sOps: {
                clusters: Array.from({ length: clusters }, (_, i) => ({
                  ...entry,
                  name: `bench-${i}`,
                })),
              },
            },
          }),
        ],
      });
      const address = backend.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      return { backend, api: `http://127.0.0.1:${port}/api/k8s-ops` };
    };
    let { backend, api } = await start(CLUSTERS);
    const view = (e: number) =>
      `${api}/workloads?labelSelector=${encodeURIComponent(
        `backstage.io/kubernetes-id=entity-${e}`,
      )}${VIEW ? `&view=${VIEW}` : ''}`;
    const get = async (url: string, etag?: string) => {
      const res = await fetch(url, {
        headers: etag ? { 'If-None-Match': etag } : {},
        // A fresh connection each time: a backend restarted on the same
        // port would reset a kept one.
        keepalive: false,
      });
      const text = await res.text();
      if (res.status !== 200 && res.status !== 304) {
        throw new Error(`${url} answered ${res.status}: ${text}`);
      }
      const body = res.status === 200 ? JSON.parse(text) : undefined;
      return { status: res.status, bytes: text.length, body, res };
    };

    // Every cluster entry's watches filled, and kwok's pods running.
    for (;;) {
      const { body } = await get(view(0));
      const pods = body.clusters.map(
        (c: { resources: Record<string, unknown[]> }) =>
          c.resources.pods?.length ?? 0,
      );
      if (pods.every((n: number) => n === 3)) break;
      await new Promise(r => setTimeout(r, 1000));
    }
    await new Promise(r => setTimeout(r, 5000));

    const one = await get(view(0));
    const etag = one.res.headers.get('etag') ?? undefined;
    console.log(
      `\nentity view over ${CLUSTERS} clusters: ${(one.bytes / 1024).toFixed(
        0,
      )} KiB; ETag ${etag ? 'sent' : 'not sent'}`,
    );
    const dispatcher = new Agent({ connect: { ca: cluster.caPem } });
    const count = () => listRequests(cluster, dispatcher);
    const ours = await measureViews(
      (e, etagSent) => ({
        url: view(e),
        headers: etagSent ? { 'If-None-Match': etagSent } : undefined,
      }),
      count,
      etag,
    );
    const ourRequests = ours.apiRequests;

    // The anchor: Backstage's own Kubernetes backend, called as its
    // entity tab calls it, on the same API server and cluster entries.
    await backend.stop();
    const official = await startOfficialBackend(cluster);
    const officialRequest = (e: number): ViewRequest => ({
      url: `${official.api}/services/${entities[e].metadata.name}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entity: entities[e] }),
    });
    // One view first, checked: every cluster answered without errors.
    const officialView = async (e: number) => {
      const { url, ...init } = officialRequest(e);
      const res = await fetch(url, init);
      const text = await res.text();
      if (res.status !== 200) {
        throw new Error(`official backend answered ${res.status}: ${text}`);
      }
      const body = JSON.parse(text);
      const errors = body.items.flatMap((i: { errors: unknown[] }) => i.errors);
      if (errors.length > 0 || body.items.length !== CLUSTERS) {
        throw new Error(`official backend: ${JSON.stringify(errors[0])}`);
      }
      return { bytes: text.length };
    };
    const first = await officialView(0);
    console.log(
      `\nthe official backend, same ${CLUSTERS} clusters (no metrics lookup): ${(
        first.bytes / 1024
      ).toFixed(0)} KiB`,
    );
    const theirs = await measureViews(officialRequest, count);
    await official.backend.stop();
    console.log('\nk8s-ops against the official backend:');
    console.log(
      `  concurrency 1: p50 ${ratio(
        percentile(theirs.sequential, 50),
        percentile(ours.sequential, 50),
      )} faster, p95 ${ratio(
        percentile(theirs.sequential, 95),
        percentile(ours.sequential, 95),
      )} faster; concurrency 8: ${ratio(
        ours.perSecond,
        theirs.perSecond,
      )} the views per second; API-server LISTs per view ${ourRequests.toFixed(
        1,
      )} against ${theirs.apiRequests.toFixed(1)}`,
    );

    // The pod list, through the route and from kube-apiserver itself, with
    // one cluster entry: the views above are not slowed by the pods.
    await seedPods(cluster);
    ({ backend, api } = await start(1));
    for (;;) {
      const answer = await get(
        `${api}/clusters/bench-0/resources/pods?namespace=pods&limit=1`,
      ).catch(() => undefined);
      if (answer && answer.body.total >= PODS) break;
      await new Promise(r => setTimeout(r, 1000));
    }
    // Warm-up, untimed, as for the views: the first lists encode every
    // object once, and kube-apiserver fills its own watch cache.
    const podsUrl = `${api}/clusters/bench-0/resources/pods?namespace=pods&limit=${PODS}${
      VIEW ? `&view=${VIEW}` : ''
    }`;
    const apiserverList: ViewRequest = {
      url: `${cluster.server}/api/v1/namespaces/pods/pods`,
      headers: { Authorization: `Bearer ${cluster.adminToken}` },
      ca: cluster.caPem,
      minItems: PODS,
    };
    const { bytes: routeBytes } = await get(podsUrl);
    for (const request of [{ url: podsUrl }, apiserverList]) {
      await inClient({ requests: [request], concurrency: 1, count: 3 });
    }
    // The caller parses on its own heap, as a browser would.
    const route = (
      await inClient({
        requests: [{ url: podsUrl, minItems: PODS }],
        concurrency: 1,
        count: LIST_RUNS,
      })
    ).times;
    const apiserver = (
      await inClient({
        requests: [apiserverList],
        concurrency: 1,
        count: LIST_RUNS,
      })
    ).times;
    console.log(
      `\n${PODS} pods (${(routeBytes / 1024 / 1024).toFixed(
        1,
      )} MiB through the route), ${LIST_RUNS} runs, parse included:`,
    );
    row('GET /clusters/:c/resources/pods', route);
    row('kube-apiserver GET /api/v1/namespaces/pods/pods', apiserver);
    await backend.stop();
  } finally {
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
