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
