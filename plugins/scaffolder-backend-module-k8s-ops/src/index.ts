/**
 * Scaffolder actions for k8s-ops.
 *
 * @packageDocumentation
 */
export {};
