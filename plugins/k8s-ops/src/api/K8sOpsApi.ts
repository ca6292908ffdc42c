import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  ApplyResponse,
  AuditPage,
  AuditQuery,
  ClusterHealth,
  ClusterListResponse,
  ClusterSummary,
  DiscoveryResponse,
  HealthResponse,
  K8sOpsObjectRef,
  KubeconfigContextsResponse,
  KubeObject,
  RegisterClusterRequest,
  ResourceChange,
  ResourceListResponse,
  UpdateClusterRequest,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';

/**
 * Query of a list of objects of one kind.
 *
 * @public
 */
export interface ResourceListQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

/**
 * The changes to follow: of some kinds, on some clusters or every cluster,
 * in a namespace, matching a label selector.
 *
 * @public
 */
export interface ChangesQuery {
  resources: string[];
  clusters?: string[];
  namespace?: string;
  labelSelector?: string;
}

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
  getEvents(ref: K8sOpsObjectRef): Promise<{ items: KubeObject[] }>;
  /** Server-side apply; with `dryRun` nothing changes and the diff is answered. */
  applyResource(
    cluster: string,
    object: KubeObject,
    options?: { dryRun?: boolean },
  ): Promise<ApplyResponse>;
  deleteResource(ref: K8sOpsObjectRef): Promise<KubeObject>;
  scaleResource(ref: K8sOpsObjectRef, replicas: number): Promise<KubeObject>;
  restartResource(ref: K8sOpsObjectRef): Promise<KubeObject>;

  queryAudit(query?: AuditQuery): Promise<AuditPage>;
  /** An entity's workloads on every cluster, by label selector. */
  getWorkloads(query: {
    labelSelector: string;
    namespace?: string;
  }): Promise<WorkloadsResponse>;
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
