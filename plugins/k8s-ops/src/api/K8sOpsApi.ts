import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AuditPage,
  AuditQuery,
  ClusterHealth,
  ClusterListResponse,
  HealthResponse,
  ResourceChange,
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
  /** Checks a cluster's health now. */
  checkClusterHealth(cluster: string): Promise<ClusterHealth>;
  queryAudit(query?: AuditQuery): Promise<AuditPage>;
  /** An entity's workloads on every cluster, by label selector. */
  getWorkloads(query: {
    labelSelector: string;
    namespace?: string;
  }): Promise<WorkloadsResponse>;
  /**
   * Subscribes to the changes of the given kinds; answers the function that
   * ends the subscription.
   */
  watchChanges(
    query: { resources: string[]; namespace?: string; labelSelector?: string },
    onChange: (change: ResourceChange) => void,
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
