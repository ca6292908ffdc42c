export {
  testClusters,
  testKubeConfig,
  createTestNamespace,
  eventually,
} from './testClusters';
export type { TestCluster } from './testClusters';
