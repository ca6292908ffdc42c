import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { kubeConfigFor } from '../kubeConfigFor';

const ENV = 'K8S_OPS_TEST_CLUSTERS';

/** A cluster started by the Jest global setup, shared by every test file. */
export interface TestCluster {
  name: string;
  group: string;
  server: string;
  caPem: string;
  adminToken: string;
  limitedToken: string;
  /** The file kwok answers every container's logs from; append to it to log a line. */
  logsFile: string;
}

/** @internal Hands the clusters from the global setup to the test workers. */
export function publishTestClusters(clusters: TestCluster[]) {
  process.env[ENV] = JSON.stringify(clusters);
}

/**
 * The clusters of this test run. Fails, saying how to get them, when the
 * package's Jest config does not run the local-kube global setup.
 */
export function testClusters(): TestCluster[] {
  const raw = process.env[ENV];
  if (!raw) {
    throw new Error(
      `No test clusters: add "globalSetup": "@k8s-ops/local-kube/jest/globalSetup" to the package's jest config`,
    );
  }
  return JSON.parse(raw);
}

/** A client configuration of a test cluster for the admin or the limited user. */
export function testKubeConfig(
  cluster: TestCluster,
  user: 'admin' | 'limited' = 'admin',
): KubeConfig {
  return kubeConfigFor({
    name: cluster.name,
    server: cluster.server,
    caPem: cluster.caPem,
    token: user === 'admin' ? cluster.adminToken : cluster.limitedToken,
    user,
  });
}

/**
 * Creates a namespace of its own for a test, with a readable unique name.
 * Answers its name and a function that deletes it.
 */
export async function createTestNamespace(
  cluster: TestCluster,
  prefix = 'test',
): Promise<{ name: string; remove(): Promise<void> }> {
  const core = testKubeConfig(cluster).makeApiClient(CoreV1Api);
  const name = `${prefix}-${randomBytes(4).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return {
    name,
    remove: async () => {
      await core.deleteNamespace({ name }).catch(() => undefined);
    },
  };
}

/**
 * Polls until `check` answers something other than undefined, and answers
 * it; fails with the last error after the timeout.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          last ? `: ${last}` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
