/**
 * The k8s-ops command line.
 *
 * @packageDocumentation
 */
export {};
