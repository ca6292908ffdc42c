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
 * Whether a kind is named by what a person typed: the resource
 * (`deployments`), the kind (`Deployment`), a short name (`deploy`), each
 * optionally qualified by its group or version and group
 * (`deployments.apps`, `deployments.v1.apps`).
 *
 * @public
 */
export function matchesKindRef(kind: KindDescriptor, ref: string): boolean {
  const [name, ...rest] = ref.split('.');
  const lower = name.toLowerCase();
  const qualifier = rest.join('.');
  if (
    qualifier &&
    kind.group !== qualifier &&
    `${kind.version}.${kind.group}` !== qualifier
  ) {
    return false;
  }
  return (
    kind.resource === lower ||
    kind.kind.toLowerCase() === lower ||
    kind.shortNames.includes(lower)
  );
}

/**
 * Finds a kind among discovered kinds by any name {@link matchesKindRef}
 * accepts.
 *
 * @public
 */
export function findKind(
  kinds: KindDescriptor[],
  ref: string,
): KindDescriptor | undefined {
  const candidates = kinds.filter(k => matchesKindRef(k, ref));
  // Preferred versions first, and the core group before others (so `events`
  // is the core kind, as in kubectl).
  return candidates.sort(
    (a, b) =>
      Number(b.preferred) - Number(a.preferred) ||
      Number(a.group !== '') - Number(b.group !== ''),
  )[0];
}
