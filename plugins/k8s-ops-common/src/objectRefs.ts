/**
 * One object on one cluster: the kind as a resource name (`deployments`,
 * `deployments.apps`, `clonesets.apps.kruise.io`), its namespace when the
 * kind is namespaced, and its name.
 *
 * @public
 */
export interface K8sOpsObjectRef {
  cluster: string;
  resource: string;
  namespace?: string;
  name: string;
}

/**
 * The permission resource ref of an object, as permission checks with a
 * `resourceRef` carry it: `cluster/resource/namespace/name`, the namespace
 * empty for cluster-scoped kinds. None of the parts may hold a slash.
 *
 * @public
 */
export function stringifyK8sOpsObjectRef(ref: K8sOpsObjectRef): string {
  const parts = [ref.cluster, ref.resource, ref.namespace ?? '', ref.name];
  for (const part of parts) {
    if (part.includes('/')) {
      throw new TypeError(`Invalid object reference part '${part}'`);
    }
  }
  return parts.join('/');
}

/**
 * Reads a ref written by {@link stringifyK8sOpsObjectRef}; undefined when the
 * text is not one.
 *
 * @public
 */
export function parseK8sOpsObjectRef(
  text: string,
): K8sOpsObjectRef | undefined {
  const parts = text.split('/');
  if (parts.length !== 4) {
    return undefined;
  }
  const [cluster, resource, namespace, name] = parts;
  if (!cluster || !resource || !name) {
    return undefined;
  }
  return namespace
    ? { cluster, resource, namespace, name }
    : { cluster, resource, name };
}
