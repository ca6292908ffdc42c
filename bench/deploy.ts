/*
 * Benchmark: a deploy through k8s-ops, from the request to "available", for
 * a 3-replica Compose service, against the same objects applied with a
 * plain server-side apply.
 *
 *   bench/run.sh deploy            (RUNS=10 by default)
 *
 * Starts a real local cluster (kwok makes the pods ready) and the k8s-ops
 * backend plugin in a test backend with its real routes. Each run deploys a
 * new service, so every rollout starts from nothing.
 * - portal: POST /clusters/bench/deploy (answered once applied), then its
 *   event stream until `available`;
 * - plain: the same objects (from a dry run's answer) applied server side
 *   with @kubernetes/client-node, then the Deployment read every 20 ms
 *   until it is available.
 * The overhead is the difference of the medians.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { startWebSocketTestBackend } from '../plugins/k8s-ops-backend/src/__testUtils__/startWebSocketTestBackend';
import {
  AppsV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import k8sOpsPlugin from '../plugins/k8s-ops-backend/src';
import { percentile, clusterEntry } from './measure';

const RUNS = Number(process.env.RUNS ?? 10);

const compose = (service: string) =>
  stringify({
    services: {
      [service]: {
        image: 'registry.example.com/shop/api:${TAG:-1.4.2}',
        ports: ['${PORT:-8080}:3000'],
        environment: { LOG_LEVEL: 'info', API_TOKEN: 's3cret' },
        deploy: { replicas: 3 },
      },
    },
  });

function stats(label: string, values: number[]) {
  const p50 = percentile(values, 50);
  console.log(
    `${label.padEnd(42)} p50 ${p50
      .toFixed(0)
      .padStart(5)} ms   p95 ${percentile(values, 95)
      .toFixed(0)
      .padStart(5)} ms   min ${Math.min(...values).toFixed(0)} ms`,
  );
  return p50;
}

async function main() {
  const cluster = await LocalCluster.start({
    name: 'bench',
    binDir: await ensureKubeBinaries(),
    nodes: 3,
  });
  const backend = await startWebSocketTestBackend({
    features: [
      k8sOpsPlugin,
      mockServices.rootConfig.factory({
        data: {
          k8sOps: {
            cache: { prewarm: ['deployments.apps', 'pods'] },
            clusters: [clusterEntry(cluster)],
          },
        },
      }),
    ],
  });
  const base = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }/api/k8s-ops`;
  const post = async (path: string, body: object) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      throw new Error(`${path}: ${res.status} ${await res.text()}`);
    }
    return res.json();
  };
  const objects = cluster.kubeConfig().makeApiClient(KubernetesObjectApi);
  const apps = cluster.kubeConfig().makeApiClient(AppsV1Api);

  const portalRequest: number[] = [];
  const portalAvailable: number[] = [];
  const plainApply: number[] = [];
  const plainAvailable: number[] = [];
  try {
    // A first deploy warms discovery and the watches, as a running portal has them.
    const warm = await post('/clusters/bench/deploy', {
      namespace: 'bench',
      compose: compose('warm'),
    });
    await (await fetch(`${base}/deploys/${warm.id}/events`)).text();

    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const answer = await post('/clusters/bench/deploy', {
        namespace: 'bench',
        compose: compose(`portal-${run}`),
      });
      portalRequest.push(performance.now() - start);
      const stream = await (
        await fetch(`${base}/deploys/${answer.id}/events`)
      ).text();
      if (!stream.includes('event: available')) {
        throw new Error(
          `deploy ${answer.id} did not become available: ${stream}`,
        );
      }
      portalAvailable.push(performance.now() - start);

      // The same objects, as a dry run renders them, under another name.
      const preview = await post('/clusters/bench/deploy', {
        namespace: 'bench',
        compose: compose(`plain-${run}`),
        dryRun: true,
      });
      const manifests = (preview.objects as KubernetesObject[]).map(o =>
        o.kind === 'Secret' ? { ...o, data: { API_TOKEN: btoa('s3cret') } } : o,
      );
      const plainStart = performance.now();
      for (const object of manifests) {
        await objects.patch(
          object,
          undefined,
          undefined,
          'bench',
          true,
          PatchStrategy.ServerSideApply,
        );
      }
      plainApply.push(performance.now() - plainStart);
      for (;;) {
        const d = await apps.readNamespacedDeployment({
          name: `plain-${run}`,
          namespace: 'bench',
        });
        if (
          (d.status?.observedGeneration ?? 0) >=
            (d.metadata?.generation ?? 0) &&
          d.status?.availableReplicas === 3 &&
          d.status?.updatedReplicas === 3 &&
          d.status?.replicas === 3
        ) {
          break;
        }
        await new Promise(r => setTimeout(r, 20));
      }
      plainAvailable.push(performance.now() - plainStart);
    }
    console.log(
      `\nDeploy of a 3-replica Compose service, ${RUNS} runs (local cluster, kwok)\n`,
    );
    stats('portal: request answered (applied)', portalRequest);
    const portal = stats('portal: request to available', portalAvailable);
    stats('plain SSA: objects applied', plainApply);
    const plain = stats(
      'plain SSA: apply to available (20 ms polls)',
      plainAvailable,
    );
    console.log(
      `\noverhead of the portal (median): ${(portal - plain).toFixed(0)} ms`,
    );
  } finally {
    await backend.stop();
    await cluster.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
