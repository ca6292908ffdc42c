/**
 * Real local Kubernetes control planes for k8s-ops tests and the local
 * portal.
 *
 * @packageDocumentation
 */

export { ensureKubeBinaries, KUBE_BINARIES } from './binaries';
export {
  LocalCluster,
  ADMIN_USER,
  LIMITED_USER,
  LIMITED_GROUP,
} from './LocalCluster';
export type { LocalClusterOptions } from './LocalCluster';
export { SIMULATE_LABEL } from './kwokConfig';
export { seedCluster } from './seed';
export { startLocalClusters, portalAccess } from './startLocalClusters';
export type { LocalClusterAccess } from './startLocalClusters';
