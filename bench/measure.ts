/**
 * What the benchmarks share: a silent logger, cluster entries, percentiles,
 * and many pods made quickly.
 */
import type { CoreV1Api } from '@kubernetes/client-node';

/** A logger that drops everything, for services under measurement. */
export const quietLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child() {
    return this;
  },
} as any;

/** A `k8sOps.clusters` entry for a local control plane, as its admin. */
export function clusterEntry(
  cluster: { server: string; caPem: string; adminToken: string },
  name = 'bench',
) {
  return {
    name,
    url: cluster.server,
    caData: Buffer.from(cluster.caPem).toString('base64'),
    token: cluster.adminToken,
  };
}

/** The `p`th percentile of some values (nearest rank). */
export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/**
 * Creates `count` pods in a namespace, 32 requests at a time, bound to
 * kwok's nodes `node-1`…`node-20` so that they become Running.
 */
export async function createPods(
  core: CoreV1Api,
  namespace: string,
  count: number,
  labelsOf: (i: number) => Record<string, string>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        const i = next++;
        await withRetries(() =>
          core.createNamespacedPod({
            namespace,
            body: {
              metadata: { name: `pod-${i}`, labels: labelsOf(i) },
              spec: {
                nodeName: `node-${(i % 20) + 1}`,
                containers: [
                  {
                    name: 'main',
                    image: 'nginx:1.27',
                    ports: [{ containerPort: 80 }],
                  },
                ],
              },
            },
          }),
        );
      }
    }),
  );
}

/** A busy API server may reset a connection: a few tries before giving up. */
async function withRetries<T>(fn: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise(r => setTimeout(r, 500 * attempt));
    }
  }
}
