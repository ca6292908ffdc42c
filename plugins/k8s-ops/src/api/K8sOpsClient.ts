import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/frontend-plugin-api';
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
  KubeconfigContextsRequest,
  KubeconfigContextsResponse,
  KubeObject,
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
  RollbackRequest,
  RollbackResponse,
  ScaleRequest,
  ScaleResponse,
  UpdateClusterRequest,
  WorkloadsQuery,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ResponseError } from '@backstage/errors';
import { searchOf, sendToBackend } from './backendRequests';
import { followLogs, openTerminal, readLogs, watchChanges } from './streams';
import {
  K8sOpsApi,
  LogReadOptions,
  LogTarget,
  TerminalConnection,
  TerminalTarget,
} from './K8sOpsApi';

/**
 * Talks to the k8s-ops backend over HTTP.
 *
 * @public
 */
export class K8sOpsClient implements K8sOpsApi {
  constructor(
    private readonly deps: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
      /** Signs the terminal socket in; without it, terminals are refused. */
      identityApi?: IdentityApi;
    },
  ) {}

  getHealth(): Promise<HealthResponse> {
    return this.get('/health');
  }

  listClusters(): Promise<ClusterListResponse> {
    return this.get('/clusters');
  }

  getCluster(cluster: string): Promise<ClusterSummary> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}`);
  }

  checkClusterHealth(cluster: string): Promise<ClusterHealth> {
    return this.send('POST', `/clusters/${encodeURIComponent(cluster)}/health`);
  }

  listKubeconfigContexts(
    kubeconfig: string,
  ): Promise<KubeconfigContextsResponse> {
    const body: KubeconfigContextsRequest = { kubeconfig };
    return this.send('POST', '/clusters/contexts', body);
  }

  registerCluster(request: RegisterClusterRequest): Promise<ClusterSummary> {
    return this.send('POST', '/clusters', request);
  }

  updateCluster(
    cluster: string,
    request: UpdateClusterRequest,
  ): Promise<ClusterSummary> {
    return this.send(
      'PATCH',
      `/clusters/${encodeURIComponent(cluster)}`,
      request,
    );
  }

  async removeCluster(cluster: string): Promise<void> {
    await this.send('DELETE', `/clusters/${encodeURIComponent(cluster)}`);
  }

  getDiscovery(cluster: string): Promise<DiscoveryResponse> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}/discovery`);
  }

  listResources(
    cluster: string,
    resource: string,
    query: ResourceListQuery = {},
  ): Promise<ResourceListResponse> {
    const search = searchOf(query);
    return this.get(
      `/clusters/${encodeURIComponent(cluster)}/resources/${encodeURIComponent(
        resource,
      )}${search ? `?${search}` : ''}`,
    );
  }

  getResource(ref: K8sOpsObjectRef): Promise<KubeObject> {
    return this.get(objectPath(ref));
  }

  getEvents(ref: K8sOpsObjectRef): Promise<EventsResponse> {
    return this.get(objectPath(ref, '/events'));
  }

  getRelations(
    ref: K8sOpsObjectRef,
    query: RelationsQuery = {},
  ): Promise<RelationsResponse> {
    return this.get(objectPath(ref, '/relations', query));
  }

  search(query: SearchQuery): Promise<SearchResponse> {
    return this.get(`/search?${searchOf(query)}`);
  }

  applyResource(
    cluster: string,
    object: KubeObject,
    options: Omit<ApplyResourceRequest, 'object'> = {},
  ): Promise<ApplyResponse> {
    return this.send('POST', `/clusters/${encodeURIComponent(cluster)}/apply`, {
      ...options,
      object,
    });
  }

  deleteResource(
    ref: K8sOpsObjectRef,
    options: DeleteResourceOptions = {},
  ): Promise<DeleteResponse> {
    return this.send('DELETE', objectPath(ref, '', options));
  }

  scaleResource(
    ref: K8sOpsObjectRef,
    replicas: number,
  ): Promise<ScaleResponse> {
    const body: ScaleRequest = { replicas };
    return this.send('POST', objectPath(ref, '/scale'), body);
  }

  restartResource(ref: K8sOpsObjectRef): Promise<RestartResponse> {
    return this.send('POST', objectPath(ref, '/restart'), {});
  }

  rollbackResource(
    ref: K8sOpsObjectRef,
    revision?: number,
  ): Promise<RollbackResponse> {
    const body: RollbackRequest = { revision };
    return this.send('POST', objectPath(ref, '/rollback'), body);
  }

  revealSecret(ref: K8sOpsObjectRef): Promise<RevealSecretResponse> {
    return this.send('POST', objectPath(ref, '/reveal'), {});
  }

  queryAudit(query: AuditQuery = {}): Promise<AuditPage> {
    const search = searchOf(query);
    return this.get(`/audit${search ? `?${search}` : ''}`);
  }

  startPortForward(
    request: PortForwardStartRequest,
  ): Promise<PortForwardSession> {
    return this.send('POST', '/port-forwards', request);
  }

  listPortForwards(
    options: { all?: boolean } = {},
  ): Promise<PortForwardListResponse> {
    return this.get(`/port-forwards${options.all ? '?scope=all' : ''}`);
  }

  stopPortForward(id: string): Promise<PortForwardSession> {
    return this.send('DELETE', `/port-forwards/${encodeURIComponent(id)}`);
  }

  async openPortForwardProxy(session: PortForwardSession): Promise<string> {
    const baseUrl = await this.getBackendBaseUrl();
    // Backstage issues its sign-in cookie here; the proxy accepts it.
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}/.backstage/auth/v1/cookie`,
      { credentials: 'include' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return `${baseUrl}${session.proxyPath}`;
  }

  getBackendBaseUrl(): Promise<string> {
    return this.deps.discoveryApi.getBaseUrl('k8s-ops');
  }

  getWorkloads(query: WorkloadsQuery): Promise<WorkloadsResponse> {
    return this.get(`/workloads?${searchOf(query)}`);
  }

  getCache(): Promise<CacheResponse> {
    return this.get('/cache');
  }

  watchChanges(
    query: ChangesQuery,
    onChange: (change: ResourceChange) => void,
    options: { onOpen?: () => void; onError?: (error: Error) => void } = {},
  ): () => void {
    return watchChanges(this.deps, query, onChange, options);
  }

  getLogs(target: LogTarget, options: LogReadOptions = {}): Promise<string> {
    return readLogs(this.deps, target, options);
  }

  followLogs(
    target: LogTarget,
    options: LogReadOptions,
    onText: (text: string) => void,
    handlers: { onEnd?: () => void; onError?: (error: Error) => void } = {},
  ): () => void {
    return followLogs(this.deps, target, options, onText, handlers);
  }

  openTerminal(target: TerminalTarget): Promise<TerminalConnection> {
    return openTerminal(this.deps, target);
  }

  scanInfrastructure(
    cluster: string,
    request: InfraScanRequest,
  ): Promise<InfraScan> {
    return this.send(
      'POST',
      `/clusters/${encodeURIComponent(cluster)}/infra-scan`,
      request,
    );
  }

  listInfraScans(
    query: {
      cluster?: string;
      namespace?: string;
      allNamespaces?: boolean;
    } = {},
  ): Promise<InfraScanList> {
    const search = searchOf(query);
    return this.get(`/infra-scans${search ? `?${search}` : ''}`);
  }

  provisionNamespace(
    cluster: string,
    request: NamespaceProvisionRequest,
  ): Promise<NamespaceProvisionResponse> {
    return this.send(
      'POST',
      `/clusters/${encodeURIComponent(cluster)}/namespaces`,
      request,
    );
  }

  writeEnvMap(
    cluster: string,
    namespace: string,
    request: EnvMapRequest,
  ): Promise<EnvMapWriteResponse> {
    return this.send('POST', envMapsPath(cluster, namespace), request);
  }

  getEnvMap(cluster: string, namespace: string, name: string): Promise<EnvMap> {
    return this.get(
      `${envMapsPath(cluster, namespace)}/${encodeURIComponent(name)}`,
    );
  }

  revealEnvMap(
    cluster: string,
    namespace: string,
    name: string,
  ): Promise<EnvMap> {
    return this.send(
      'POST',
      `${envMapsPath(cluster, namespace)}/${encodeURIComponent(name)}/reveal`,
      {},
    );
  }

  private get<T>(path: string): Promise<T> {
    return this.send('GET', path);
  }

  private send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return sendToBackend(this.deps, method, path, body);
  }
}

function objectPath(
  ref: K8sOpsObjectRef,
  suffix = '',
  query: object = {},
): string {
  const path = `/clusters/${encodeURIComponent(
    ref.cluster,
  )}/resources/${encodeURIComponent(ref.resource)}/${encodeURIComponent(
    ref.name,
  )}${suffix}`;
  const search = searchOf({ namespace: ref.namespace, ...query });
  return search ? `${path}?${search}` : path;
}

function envMapsPath(cluster: string, namespace: string): string {
  return `/clusters/${encodeURIComponent(
    cluster,
  )}/namespaces/${encodeURIComponent(namespace)}/envmaps`;
}
