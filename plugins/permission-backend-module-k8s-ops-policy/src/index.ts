/**
 * A permission policy for apps with k8s-ops, to install as it is or to
 * copy and change: on-call may do everything, the platform group too
 * except changing production, teams change their own namespaces outside
 * production, everyone reads.
 *
 * @packageDocumentation
 */

export { permissionModuleK8sOpsPolicy as default } from './module';
export { K8sOpsExamplePolicy } from './K8sOpsExamplePolicy';
