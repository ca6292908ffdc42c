export {
  testClusters,
  testKubeConfig,
  createTestNamespace,
} from './testClusters';
export type { TestCluster } from './testClusters';
