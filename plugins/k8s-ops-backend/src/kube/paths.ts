import { KindDescriptor } from '@k8s-ops/plugin-k8s-ops-common';

/** The URL path of a kind's collection, in a namespace or across all. */
export function collectionPath(kind: KindDescriptor, namespace?: string) {
  const base = kind.group
    ? `/apis/${kind.group}/${kind.version}`
    : `/api/${kind.version}`;
  return kind.namespaced && namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${kind.resource}`
    : `${base}/${kind.resource}`;
}

/** The URL path of one object. */
export function objectPath(
  kind: KindDescriptor,
  name: string,
  namespace?: string,
) {
  return `${collectionPath(
    kind,
    kind.namespaced ? namespace : undefined,
  )}/${encodeURIComponent(name)}`;
}
