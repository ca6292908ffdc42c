import {
  k8sOpsResourceDeletePermission,
  k8sOpsResourceUpdatePermission,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';

/** What a person can do to an object from its row. */
export type ObjectAction = 'scale' | 'restart' | 'rollback' | 'delete';

const byKind: Record<string, ObjectAction[]> = {
  Deployment: ['scale', 'restart', 'rollback'],
  StatefulSet: ['scale', 'restart', 'rollback'],
  DaemonSet: ['restart', 'rollback'],
  ReplicaSet: ['scale'],
  CloneSet: ['scale'],
  Pod: ['delete'],
};

/** The actions that make sense for an object of a kind. */
export function actionsFor(kind: string | undefined): ObjectAction[] {
  return (kind && byKind[kind]) || [];
}

/** The permission an action needs on its object. */
export function permissionOf(action: ObjectAction) {
  return action === 'delete'
    ? k8sOpsResourceDeletePermission
    : k8sOpsResourceUpdatePermission;
}

/** The replicas an object asks for, when it has the field. */
export function desiredReplicas(object: KubeObject): number | undefined {
  const replicas = (object.spec as { replicas?: unknown } | undefined)
    ?.replicas;
  return typeof replicas === 'number' ? replicas : undefined;
}
