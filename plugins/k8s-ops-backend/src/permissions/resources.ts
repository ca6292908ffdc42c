import {
  K8S_OPS_CLUSTER_RESOURCE_TYPE,
  K8S_OPS_RESOURCE_TYPE,
  KindDescriptor,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterDefinition } from '../clusters/types';
import { createPermissionResourceRef } from '@backstage/plugin-permission-node';

/** What cluster permission rules see of a cluster. */
export interface ClusterFacts {
  name: string;
  group?: string;
  labels: Record<string, string>;
}

/** What resource permission rules see of a Kubernetes object. */
export interface ObjectFacts {
  cluster: ClusterFacts;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  kind: string;
  name?: string;
  labels: Record<string, string>;
}

/**
 * Objects are filtered in memory (they are served from the watch cache), so
 * a condition becomes a predicate.
 */
export type Predicate<T> = (value: T) => boolean;

/** The `k8s-ops-cluster` resource type. */
export const clusterResourceRef = createPermissionResourceRef<
  ClusterFacts,
  Predicate<ClusterFacts>
>().with({
  pluginId: 'k8s-ops',
  resourceType: K8S_OPS_CLUSTER_RESOURCE_TYPE,
});

/** The `k8s-ops-resource` resource type. */
export const objectResourceRef = createPermissionResourceRef<
  ObjectFacts,
  Predicate<ObjectFacts>
>().with({
  pluginId: 'k8s-ops',
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/** The facts rules see of an object of a kind on a cluster. */
export function objectFacts(
  cluster: ClusterDefinition,
  kind: KindDescriptor,
  object: KubeObject,
): ObjectFacts {
  return {
    cluster: {
      name: cluster.name,
      group: cluster.group,
      labels: cluster.labels,
    },
    namespace: kind.namespaced ? object.metadata?.namespace : undefined,
    kind: kind.kind,
    name: object.metadata?.name,
    labels: object.metadata?.labels ?? {},
  };
}
