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
  /** The server's certificate is not verified (insecure-skip-tls-verify). */
  insecure?: boolean;
  /** The last health check, when there was one. */
  health?: ClusterHealth;
  /**
   * Whether the person asking may change some object on the cluster
   * (create, update or delete); false on a read-only cluster.
   */
  mayChange?: boolean;
}

/**
 * The result of a cluster's health check.
 * @public
 */
export interface ClusterHealth {
  status: ClusterHealthStatus;
  /** Kubernetes version, such as v1.34.4. */
  version?: string;
  nodes?: number;
  latencyMs?: number;
  error?: string;
  /** ISO time of the check. */
  checkedAt: string;
}

/**
 * One context of a pasted kubeconfig, with the server it points at.
 * @public
 */
export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  /** The API server URL, canonicalised. */
  server: string;
}

/**
 * Answer of `POST /clusters/contexts`.
 * @public
 */
export interface KubeconfigContextsResponse {
  contexts: KubeconfigContext[];
  currentContext?: string;
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

/**
 * Answer of `POST /clusters/import`: the names of the clusters imported.
 * @public
 */
export interface ImportClustersResponse {
  imported: string[];
}
