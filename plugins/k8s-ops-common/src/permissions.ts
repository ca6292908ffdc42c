import {
  BasicPermission,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of permissions that act on a Kubernetes object. Its
 * conditional rules filter by cluster, cluster group, namespace, kind and
 * label.
 *
 * @public
 */
export const K8S_OPS_RESOURCE_TYPE = 'k8s-ops-resource';

/**
 * The resource type of permissions that act on a cluster as a whole.
 *
 * @public
 */
export const K8S_OPS_CLUSTER_RESOURCE_TYPE = 'k8s-ops-cluster';

/**
 * See clusters, their health and their discovery.
 * @public
 */
export const k8sOpsClusterReadPermission: ResourcePermission<
  typeof K8S_OPS_CLUSTER_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.cluster.read',
  attributes: { action: 'read' },
  resourceType: K8S_OPS_CLUSTER_RESOURCE_TYPE,
});

/**
 * Register, edit, import, export and remove clusters.
 * @public
 */
export const k8sOpsClusterManagePermission: BasicPermission = createPermission({
  name: 'k8s-ops.cluster.manage',
  attributes: { action: 'update' },
});

/**
 * Read Kubernetes objects.
 * @public
 */
export const k8sOpsResourceReadPermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.resource.read',
  attributes: { action: 'read' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Create Kubernetes objects.
 * @public
 */
export const k8sOpsResourceCreatePermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.resource.create',
  attributes: { action: 'create' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Change Kubernetes objects: apply, patch, scale, restart, roll back.
 * @public
 */
export const k8sOpsResourceUpdatePermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.resource.update',
  attributes: { action: 'update' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Delete Kubernetes objects.
 * @public
 */
export const k8sOpsResourceDeletePermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.resource.delete',
  attributes: { action: 'delete' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * See the values of Secrets; without it they are masked.
 * @public
 */
export const k8sOpsSecretRevealPermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.secret.reveal',
  attributes: { action: 'read' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Open a terminal in a pod's container.
 * @public
 */
export const k8sOpsPodExecPermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.pod.exec',
  attributes: { action: 'update' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Open a terminal on a node through a privileged debug pod.
 * @public
 */
export const k8sOpsNodeExecPermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.node.exec',
  attributes: { action: 'update' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Forward ports of a pod, or of a Service's ready pod, through the backend.
 * Checked on the pod or the Service named.
 * @public
 */
export const k8sOpsPodPortForwardPermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.pod.portforward',
  attributes: { action: 'create' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Read the logs of a pod's containers, or of a workload's pods.
 * @public
 */
export const k8sOpsPodLogsPermission: ResourcePermission<
  typeof K8S_OPS_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.pod.logs',
  attributes: { action: 'read' },
  resourceType: K8S_OPS_RESOURCE_TYPE,
});

/**
 * Deploy services to a cluster and roll them back; the objects written are
 * also checked against the resource permissions.
 * @public
 */
export const k8sOpsDeployPermission: ResourcePermission<
  typeof K8S_OPS_CLUSTER_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.deploy',
  attributes: { action: 'create' },
  resourceType: K8S_OPS_CLUSTER_RESOURCE_TYPE,
});

/**
 * Run one-off jobs on a cluster; the Job is also checked against the
 * resource permissions.
 * @public
 */
export const k8sOpsJobRunPermission: ResourcePermission<
  typeof K8S_OPS_CLUSTER_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.job.run',
  attributes: { action: 'create' },
  resourceType: K8S_OPS_CLUSTER_RESOURCE_TYPE,
});

/**
 * Scan a cluster's namespaces for infrastructure services; typed to the
 * cluster, so policies use the cluster rules.
 * @public
 */
export const k8sOpsInfraScanPermission: ResourcePermission<
  typeof K8S_OPS_CLUSTER_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.infra.scan',
  attributes: { action: 'read' },
  resourceType: K8S_OPS_CLUSTER_RESOURCE_TYPE,
});

/**
 * Provision namespaces on a cluster (labels, quota, limits, network policy,
 * service account); the objects are also checked against the resource
 * permissions.
 * @public
 */
export const k8sOpsNamespaceProvisionPermission: ResourcePermission<
  typeof K8S_OPS_CLUSTER_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.namespace.provision',
  attributes: { action: 'create' },
  resourceType: K8S_OPS_CLUSTER_RESOURCE_TYPE,
});

/**
 * Write environment maps (a ConfigMap and a Secret) on a cluster; the
 * objects are also checked against the resource permissions.
 * @public
 */
export const k8sOpsEnvMapWritePermission: ResourcePermission<
  typeof K8S_OPS_CLUSTER_RESOURCE_TYPE
> = createPermission({
  name: 'k8s-ops.envmap.write',
  attributes: { action: 'update' },
  resourceType: K8S_OPS_CLUSTER_RESOURCE_TYPE,
});

/**
 * Read the audit trail.
 * @public
 */
export const k8sOpsAuditReadPermission: BasicPermission = createPermission({
  name: 'k8s-ops.audit.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of k8s-ops.
 * @public
 */
export const k8sOpsPermissions = [
  k8sOpsClusterReadPermission,
  k8sOpsClusterManagePermission,
  k8sOpsResourceReadPermission,
  k8sOpsResourceCreatePermission,
  k8sOpsResourceUpdatePermission,
  k8sOpsResourceDeletePermission,
  k8sOpsSecretRevealPermission,
  k8sOpsPodExecPermission,
  k8sOpsNodeExecPermission,
  k8sOpsPodLogsPermission,
  k8sOpsPodPortForwardPermission,
  k8sOpsDeployPermission,
  k8sOpsJobRunPermission,
  k8sOpsInfraScanPermission,
  k8sOpsNamespaceProvisionPermission,
  k8sOpsEnvMapWritePermission,
  k8sOpsAuditReadPermission,
];
