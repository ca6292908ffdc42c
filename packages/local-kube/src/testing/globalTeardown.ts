import { LocalCluster } from '../LocalCluster';

const KEY = '__k8sOpsLocalKube';
const shared = globalThis as unknown as Record<
  typeof KEY,
  { clusters: LocalCluster[]; users: number } | undefined
>;

/** Jest global teardown: the last package to finish stops the clusters. */
export default async function globalTeardown() {
  const state = shared[KEY];
  if (!state) {
    return;
  }
  state.users -= 1;
  if (state.users === 0) {
    await Promise.all(state.clusters.map(c => c.stop()));
    shared[KEY] = undefined;
  }
}
