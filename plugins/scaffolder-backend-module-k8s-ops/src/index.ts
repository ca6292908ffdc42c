/**
 * Scaffolder actions for k8s-ops: deploy Compose services, ensure
 * namespaces, apply environment maps, run jobs, scan for infrastructure and
 * apply manifests, as the person running a template.
 *
 * @packageDocumentation
 */
export { scaffolderModuleK8sOps as default } from './module';
