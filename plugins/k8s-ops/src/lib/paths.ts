// The paths of the portal's pages are shared with the backend, which links
// search hits to them.
export { clusterSubPath, objectSubPath } from '@k8s-ops/plugin-k8s-ops-common';
