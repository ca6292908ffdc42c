import {
  K8sOpsObjectRef,
  KindDescriptor,
  KubeObject,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';

/** The ref of an object of a kind on a cluster. */
export function refOf(
  cluster: string,
  kind: KindDescriptor,
  object: KubeObject,
): K8sOpsObjectRef {
  return {
    cluster,
    resource: resourceNameOf(kind),
    ...(kind.namespaced && object.metadata.namespace
      ? { namespace: object.metadata.namespace }
      : {}),
    name: object.metadata.name ?? '',
  };
}
