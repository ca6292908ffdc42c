import { LocalCluster } from '../LocalCluster';
import { startLocalClusters } from '../startLocalClusters';
import { publishTestClusters } from './testClusters';

type Shared = { clusters: LocalCluster[]; users: number };
const KEY = '__k8sOpsLocalKube';
const shared = globalThis as unknown as Record<typeof KEY, Shared | undefined>;

/** The test clusters and the cluster group each belongs to. */
export const TEST_CLUSTERS = [
  { name: 'test-dev', group: 'dev' },
  { name: 'test-staging', group: 'staging' },
  { name: 'test-prod', group: 'prod' },
];

/**
 * Jest global setup: starts the seeded test clusters once per run. Several
 * packages list it; the first one starts the clusters, the others share them.
 */
export default async function globalSetup() {
  if (shared[KEY]) {
    shared[KEY]!.users += 1;
    return;
  }
  const started = Date.now();
  let clusters: LocalCluster[];
  try {
    clusters = await startLocalClusters(TEST_CLUSTERS.map(c => c.name));
  } catch (error) {
    throw new Error(
      `The local Kubernetes control plane for the tests could not start: ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
  shared[KEY] = { clusters, users: 1 };
  publishTestClusters(
    clusters.map((c, i) => ({
      name: c.name,
      group: TEST_CLUSTERS[i].group,
      server: c.server,
      caPem: c.caPem,
      adminToken: c.adminToken,
      limitedToken: c.limitedToken,
      logsFile: c.logsFile,
    })),
  );
  process.stderr.write(
    `\nk8s-ops: ${clusters.length} test clusters ready in ${
      Date.now() - started
    } ms\n`,
  );
}
