import { KindDescriptor, KubeObject } from './types';

/**
 * The name a kind goes by in URLs and in the change stream: `pods` for the
 * core group, `deployments.apps` otherwise.
 *
 * @public
 */
export function resourceNameOf(
  kind: Pick<KindDescriptor, 'group' | 'resource'>,
): string {
  return kind.group ? `${kind.resource}.${kind.group}` : kind.resource;
}

/**
 * The `apiVersion` of a kind's objects: `v1` for the core group,
 * `apps/v1` otherwise. Items of a list carry none; this is what they get.
 *
 * @public
 */
export function apiVersionOf(
  kind: Pick<KindDescriptor, 'group' | 'version'>,
): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

/**
 * The key of an object among objects of one kind of one cluster: its uid,
 * or `namespace/name` for an object not yet stored (a dry run, a fixture).
 *
 * @public
 */
export function objectKeyOf(object: Pick<KubeObject, 'metadata'>): string {
  return (
    object.metadata.uid ??
    `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`
  );
}

/**
 * An object without what the server alone maintains (managed fields,
 * resource version, generation, uid, creation time, status): what a person
 * edits, and what a diff compares.
 *
 * @public
 */
export function withoutServerFields(object: KubeObject): KubeObject {
  const {
    managedFields: _managedFields,
    resourceVersion: _resourceVersion,
    generation: _generation,
    uid: _uid,
    creationTimestamp: _creationTimestamp,
    ...metadata
  } = object.metadata;
  const { status: _status, ...rest } = object;
  return { ...rest, metadata };
}
