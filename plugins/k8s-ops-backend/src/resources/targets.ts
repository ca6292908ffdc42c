import { InputError, NotAllowedError } from '@backstage/errors';
import {
  K8sOpsObjectRef,
  KindDescriptor,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterDefinition } from '../clusters/types';
import { Impersonation, KubeClient } from '../kube/KubeClient';
import { objectPath } from '../kube/paths';

/** The field manager of every change k8s-ops makes. */
export const FIELD_MANAGER = 'k8s-ops';

/** How a request reaches a cluster. */
export interface ResourceRequestOptions {
  /** Keeps only the objects the caller may see. */
  filter?: (object: KubeObject, kind: KindDescriptor) => boolean;
  /** On clusters that impersonate: the signed-in person. */
  impersonate?: Impersonation;
  /**
   * The cluster's definition, when the caller holds it already (a view over
   * every cluster): the registry is not read again for each kind.
   */
  definition?: ClusterDefinition;
}

/** Names one object. */
export type ObjectRef = K8sOpsObjectRef;

/** A resolved target: the cluster, its client and the kind. */
export interface Target {
  cluster: ClusterDefinition;
  client: KubeClient;
  kind: KindDescriptor;
}

/**
 * The namespace a request means for a kind: none for cluster-scoped kinds,
 * and a namespaced kind needs one.
 */
export function namespaceFor(
  kind: KindDescriptor,
  namespace: string | undefined,
): string | undefined {
  if (!kind.namespaced) {
    return undefined;
  }
  if (!namespace) {
    throw new InputError(`${kind.kind} is namespaced: give a namespace`);
  }
  return namespace;
}

/** The URL path of the object a request names. */
export function pathOf(
  target: Target,
  ref: Pick<ObjectRef, 'name' | 'namespace'>,
) {
  return objectPath(
    target.kind,
    ref.name,
    namespaceFor(target.kind, ref.namespace),
  );
}

/**
 * Refuses a change when k8s-ops as a whole (`k8sOps.readOnly`) or the
 * cluster is read-only.
 */
export function assertWritable(cluster: ClusterDefinition, readOnly: boolean) {
  if (readOnly) {
    throw new NotAllowedError(
      'k8s-ops is read-only (k8sOps.readOnly): every change to every cluster is refused',
    );
  }
  if (cluster.readOnly) {
    throw new NotAllowedError(
      `Cluster '${cluster.name}' is read-only: k8s-ops refuses every change to it`,
    );
  }
}

/** Sends a patch of one kind (merge, JSON) as k8s-ops' field manager. */
export function sendPatch<T = KubeObject>(
  target: Target,
  path: string,
  patch: {
    contentType: 'application/merge-patch+json' | 'application/json-patch+json';
    body: unknown;
  },
  options: ResourceRequestOptions,
): Promise<T> {
  return target.client.request<T>(path, {
    method: 'PATCH',
    contentType: patch.contentType,
    body: patch.body,
    query: { fieldManager: FIELD_MANAGER },
    impersonate: options.impersonate,
  });
}
