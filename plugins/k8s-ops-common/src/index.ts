/**
 * Shared types, permissions and pure logic of the k8s-ops plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './annotations';
export * from './types';
export * from './requests';
export * from './families';
export * from './selectors';
export * from './diff';
export * from './problems';
export * from './workloads';
export * from './objectRefs';
export * from './kinds';
export * from './validation';
export * from './environment';
export * from './search';
export * from './relations';
export * from './portalPaths';
export * from './compose';
