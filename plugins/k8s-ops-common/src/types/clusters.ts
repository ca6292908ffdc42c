/**
 * Where a cluster's definition comes from.
 * @public
 */
export type ClusterSourceKind =
  | 'config'
  | 'kubeconfig'
  | 'in-cluster'
  | 'registered';

/**
 * The health of a cluster as last checked.
 * @public
 */
export type ClusterHealthStatus =
  | 'reachable'
  | 'degraded'
  | 'unreachable'
  | 'unknown';

/**
 * A cluster as every route answers it: never with credentials.
 * @public
 */
export interface ClusterSummary {
  name: string;
  title: string;
  source: ClusterSourceKind;
  url: string;
  group?: string;
  labels: Record<string, string>;
  readOnly: boolean;
  impersonate: boolean;
}

/**
 * Answer of `GET /health`.
 * @public
 */
export interface HealthResponse {
  status: 'ok';
  version: string;
  clusters: number;
}

/**
 * Answer of `GET /clusters`.
 * @public
 */
export interface ClusterListResponse {
  items: ClusterSummary[];
}
