import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  RelationsQuery,
  RelationsResponse,
  SearchQuery,
  SearchResponse,
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
  LogQuery,
  PortForwardListResponse,
  PortForwardSession,
  PortForwardStartRequest,
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
  TerminalInput,
  TerminalOutput,
  UpdateClusterRequest,
  WorkloadsQuery,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';

/**
 * Whose logs to read: a pod (`pods`), or every pod of a workload
 * (`deployments`, `statefulsets`, `daemonsets`, `jobs`).
 *
 * @public
 */
export interface LogTarget {
  cluster: string;
  namespace: string;
  resource: string;
  name: string;
}

/**
 * How to read logs: the query of the log routes but `namespace`, `follow`
 * and `download`, which the client sets.
 *
 * @public
 */
export type LogReadOptions = Partial<
  Omit<LogQuery, 'namespace' | 'follow' | 'download'>
>;

/**
 * Where a terminal opens: a pod's container, or a node (through a debug
 * pod, for admins).
 *
 * @public
 */
export type TerminalTarget =
  | { cluster: string; namespace: string; pod: string; container?: string }
  | { cluster: string; node: string };

/**
 * An open terminal socket.
 *
 * @public
 */
export interface TerminalConnection {
  send(input: TerminalInput): void;
  /** Calls `listener` with every message of the backend. */
  onMessage(listener: (message: TerminalOutput) => void): void;
  /** Calls `listener` once the socket closed. */
  onClose(listener: () => void): void;
  close(): void;
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
  getEvents(ref: K8sOpsObjectRef): Promise<EventsResponse>;
  /** The graph of objects related to one, up to `depth` (1 to 3) steps. */
  getRelations(
    ref: K8sOpsObjectRef,
    query?: RelationsQuery,
  ): Promise<RelationsResponse>;
  /** Objects of every cluster by name and filters (`web kind:deploy ns:shop`). */
  search(query: SearchQuery): Promise<SearchResponse>;
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
  /** Starts forwarding ports of a pod, or of a Service's ready pod. */
  startPortForward(
    request: PortForwardStartRequest,
  ): Promise<PortForwardSession>;
  /** The person's port-forwards; everyone's with `all`, for admins. */
  listPortForwards(options?: {
    all?: boolean;
  }): Promise<PortForwardListResponse>;
  stopPortForward(id: string): Promise<PortForwardSession>;
  /**
   * The URL of a session's HTTP proxy, once the browser holds the sign-in
   * cookie that a new tab sends to it.
   */
  openPortForwardProxy(session: PortForwardSession): Promise<string>;
  /** The base URL of the k8s-ops backend, for the command line. */
  getBackendBaseUrl(): Promise<string>;
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
  /** Logs as text, once. */
  getLogs(target: LogTarget, options?: LogReadOptions): Promise<string>;
  /**
   * Follows logs: `onText` gets each piece as it comes, until the answered
   * function is called or the container ends (`onEnd`). A refusal ends it
   * with `onError`.
   */
  followLogs(
    target: LogTarget,
    options: LogReadOptions,
    onText: (text: string) => void,
    handlers?: { onEnd?: () => void; onError?: (error: Error) => void },
  ): () => void;
  /**
   * Opens a terminal in a pod's container or on a node; the socket carries
   * the person's Backstage token.
   */
  openTerminal(target: TerminalTarget): Promise<TerminalConnection>;

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
