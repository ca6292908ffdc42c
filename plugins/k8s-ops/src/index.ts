/**
 * The k8s-ops frontend plugin: Kubernetes workloads on catalog entity pages
 * and cluster pages for platform teams.
 *
 * @packageDocumentation
 */

export {
  k8sOpsPlugin,
  K8sOpsPage,
  K8sOpsAuditPage,
  K8sOpsSearchPage,
  K8sOpsPortForwardsPage,
  EntityK8sOpsContent,
  EntityK8sOpsOverviewCard,
  K8sOpsClusterPickerFieldExtension,
  K8sOpsNamespacePickerFieldExtension,
} from './plugin';
export { isK8sOpsAvailable } from './isK8sOpsAvailable';
export * from './api';
