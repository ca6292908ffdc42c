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
 * Body of `POST /clusters`: a cluster registered from a pasted kubeconfig.
 * @public
 */
export interface RegisterClusterRequest {
  kubeconfig: string;
  /** The context to use; the current context if absent. */
  context?: string;
  name: string;
  title?: string;
  group?: string;
  labels?: Record<string, string>;
  readOnly?: boolean;
  impersonate?: boolean;
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
 * Body of `PATCH /clusters/:cluster`.
 * @public
 */
export interface UpdateClusterRequest {
  title?: string;
  group?: string | null;
  labels?: Record<string, string>;
  readOnly?: boolean;
  impersonate?: boolean;
}

/**
 * A registered cluster as exported; credentials only when asked and allowed.
 * @public
 */
export interface ExportedCluster {
  name: string;
  title: string;
  url: string;
  group?: string;
  labels: Record<string, string>;
  readOnly: boolean;
  impersonate: boolean;
  credentials?: {
    caData?: string;
    token?: string;
    clientCertData?: string;
    clientKeyData?: string;
    skipTLSVerify?: boolean;
  };
}

/**
 * Answer of `GET /clusters/export` and body of `POST /clusters/import`.
 * @public
 */
export interface ClusterExport {
  clusters: ExportedCluster[];
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
