/**
 * The k8s-ops plugin for the new frontend system.
 *
 * @packageDocumentation
 */

export { default } from './alpha/plugin';
