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

/**
 * Finds a kind among discovered kinds by any name kubectl accepts: the
 * resource (`deployments`), the kind (`Deployment`), a short name
 * (`deploy`), each optionally qualified by its group (`deployments.apps`).
 *
 * @public
 */
export function findKind(
  kinds: KindDescriptor[],
  ref: string,
): KindDescriptor | undefined {
  const [name, ...rest] = ref.split('.');
  const lower = name.toLowerCase();
  const qualifier = rest.join('.');
  const candidates = kinds.filter(k => {
    if (qualifier) {
      const groupMatches =
        k.group === qualifier || `${k.version}.${k.group}` === qualifier;
      if (!groupMatches) {
        return false;
      }
    }
    return (
      k.resource === lower ||
      k.kind.toLowerCase() === lower ||
      k.shortNames.includes(lower)
    );
  });
  // Preferred versions first, and the core group before others (so `events`
  // is the core kind, as in kubectl).
  return candidates.sort(
    (a, b) =>
      Number(b.preferred) - Number(a.preferred) ||
      Number(a.group !== '') - Number(b.group !== ''),
  )[0];
}
