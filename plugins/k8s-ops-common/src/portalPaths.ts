import { K8sOpsObjectRef } from './objectRefs';

/**
 * The path of an object under its cluster's page
 * (`/objects/deployments.apps/team-shop/storefront`, without the namespace
 * for cluster-scoped kinds), as the cluster page routes it.
 *
 * @public
 */
export function objectSubPath(ref: K8sOpsObjectRef): string {
  return `/objects/${[ref.resource, ref.namespace, ref.name]
    .filter((part): part is string => Boolean(part))
    .map(encodeURIComponent)
    .join('/')}`;
}

/**
 * The path of a cluster's page under the Kubernetes page.
 *
 * @public
 */
export function clusterSubPath(cluster: string): string {
  return `/clusters/${encodeURIComponent(cluster)}`;
}
