import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  ApplyResourceRequest,
  ApplyResponse,
  AuditPage,
  AuditQuery,
  CacheResponse,
  ChangesQuery,
  ClusterHealth,
  ClusterListResponse,
  ClusterSummary,
  DeleteResourceOptions,
  DeleteResponse,
  DiscoveryResponse,
  EnvMap,
  EnvMapRequest,
  EnvMapWriteResponse,
  EventsResponse,
  HealthResponse,
  InfraScan,
  InfraScanList,
  InfraScanRequest,
  K8sOpsObjectRef,
  KubeconfigContextsResponse,
  KubeObject,
  NamespaceProvisionRequest,
  NamespaceProvisionResponse,
  RegisterClusterRequest,
  ResourceChange,
  ResourceListQuery,
  ResourceListResponse,
  RestartResponse,
  RevealSecretResponse,
  RollbackResponse,
  ScaleResponse,
  UpdateClusterRequest,
  WorkloadsQuery,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';

/**
 * The k8s-ops backend as the frontend sees it.
 *
 * @public
 */
export interface K8sOpsApi {
  getHealth(): Promise<HealthResponse>;

  listClusters(): Promise<ClusterListResponse>;
  getCluster(cluster: string): Promise<ClusterSummary>;
  /** Checks a cluster's health now. */
  checkClusterHealth(cluster: string): Promise<ClusterHealth>;
  /** The contexts of a pasted kubeconfig, to pick one before registering. */
  listKubeconfigContexts(
    kubeconfig: string,
  ): Promise<KubeconfigContextsResponse>;
  registerCluster(request: RegisterClusterRequest): Promise<ClusterSummary>;
  updateCluster(
    cluster: string,
    request: UpdateClusterRequest,
  ): Promise<ClusterSummary>;
  removeCluster(cluster: string): Promise<void>;

  /** Every kind the cluster serves, and the CRD families installed. */
  getDiscovery(cluster: string): Promise<DiscoveryResponse>;
  listResources(
    cluster: string,
    resource: string,
    query?: ResourceListQuery,
  ): Promise<ResourceListResponse>;
  getResource(ref: K8sOpsObjectRef): Promise<KubeObject>;
  getEvents(ref: K8sOpsObjectRef): Promise<EventsResponse>;
  /** Server-side apply; with `dryRun` nothing changes and the diff is answered. */
  applyResource(
    cluster: string,
    object: KubeObject,
    options?: Omit<ApplyResourceRequest, 'object'>,
  ): Promise<ApplyResponse>;
  deleteResource(
    ref: K8sOpsObjectRef,
    options?: DeleteResourceOptions,
  ): Promise<DeleteResponse>;
  scaleResource(ref: K8sOpsObjectRef, replicas: number): Promise<ScaleResponse>;
  restartResource(ref: K8sOpsObjectRef): Promise<RestartResponse>;
  /** Rolls a workload back to a revision, the previous one by default. */
  rollbackResource(
    ref: K8sOpsObjectRef,
    revision?: number,
  ): Promise<RollbackResponse>;
  /**
   * A Secret with its values in clear: the only way to see them, since
   * every other route answers Secrets masked. Audited.
   */
  revealSecret(ref: K8sOpsObjectRef): Promise<RevealSecretResponse>;

  queryAudit(query?: AuditQuery): Promise<AuditPage>;
  /** An entity's workloads on every cluster, by label selector. */
  getWorkloads(query: WorkloadsQuery): Promise<WorkloadsResponse>;
  /** What the watch cache holds, per cluster and kind, and how fresh. */
  getCache(): Promise<CacheResponse>;
  /**
   * Subscribes to changes; answers the function that ends the subscription.
   * The stream reopens by itself after a break: `onOpen` is called each time
   * it is open, since changes during a break are lost and what they touched
   * should be loaded again. A refusal (4xx) ends it with `onError`.
   */
  watchChanges(
    query: ChangesQuery,
    onChange: (change: ResourceChange) => void,
    options?: { onOpen?: () => void; onError?: (error: Error) => void },
  ): () => void;

  /** Scans a namespace, or every one, for infrastructure services; kept. */
  scanInfrastructure(
    cluster: string,
    request: InfraScanRequest,
  ): Promise<InfraScan>;
  /** The stored scans, without scanning again. */
  listInfraScans(query?: {
    cluster?: string;
    namespace?: string;
    allNamespaces?: boolean;
  }): Promise<InfraScanList>;
  /** Ensures a namespace and its quota, limits, policy and account. */
  provisionNamespace(
    cluster: string,
    request: NamespaceProvisionRequest,
  ): Promise<NamespaceProvisionResponse>;
  /** Writes an environment map: a ConfigMap and a Secret. */
  writeEnvMap(
    cluster: string,
    namespace: string,
    request: EnvMapRequest,
  ): Promise<EnvMapWriteResponse>;
  /** An environment map, secret values hidden. */
  getEnvMap(cluster: string, namespace: string, name: string): Promise<EnvMap>;
  /** An environment map with its secret values; audited. */
  revealEnvMap(
    cluster: string,
    namespace: string,
    name: string,
  ): Promise<EnvMap>;
}

/**
 * The reference of {@link K8sOpsApi}, the same in both frontend systems.
 *
 * @public
 */
export const k8sOpsApiRef = createApiRef<K8sOpsApi>().with({
  id: 'plugin.k8s-ops.api',
  pluginId: 'k8s-ops',
});
