/**
 * The k8s-ops backend plugin: clusters, resources, permissions and audit for
 * Kubernetes in Backstage.
 *
 * @packageDocumentation
 */

export { k8sOpsPlugin as default } from './plugin';
export * from './permissions/conditionExports';
export { catalogModuleK8sOpsInfra } from './catalog/catalogModuleK8sOpsInfra';
