import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AuditPage,
  AuditQuery,
  ClusterListResponse,
  HealthResponse,
} from '@k8s-ops/plugin-k8s-ops-common';

/**
 * The k8s-ops backend as the frontend sees it.
 *
 * @public
 */
export interface K8sOpsApi {
  getHealth(): Promise<HealthResponse>;
  listClusters(): Promise<ClusterListResponse>;
  queryAudit(query?: AuditQuery): Promise<AuditPage>;
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
