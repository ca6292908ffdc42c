import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  TERMINAL_PROTOCOL,
  TerminalOutput,
  UpdateClusterRequest,
  WorkloadsQuery,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { createParser } from 'eventsource-parser';
import {
  K8sOpsApi,
  LogReadOptions,
  LogTarget,
  TerminalConnection,
  TerminalTarget,
} from './K8sOpsApi';

/** Larger than any object the stream sends; a longer event is a broken stream. */
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

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
    const abort = new AbortController();
    const run = async () => {
      const baseUrl = await this.deps.discoveryApi.getBaseUrl('k8s-ops');
      const search = searchOf({
        ...query,
        resources: query.resources.join(','),
        clusters: query.clusters?.join(','),
      });
      const response = await this.deps.fetchApi.fetch(
        `${baseUrl}/changes?${search}`,
        {
          signal: abort.signal,
          headers: { Accept: 'text/event-stream' },
        },
      );
      if (!response.ok || !response.body) {
        throw await ResponseError.fromResponse(response);
      }
      const parser = createParser({
        maxBufferSize: MAX_EVENT_BYTES,
        // The backend sends this comment once it follows the changes.
        onComment: comment => {
          if (comment === 'connected') {
            options.onOpen?.();
          }
        },
        onEvent: event => {
          if (event.event === 'change') {
            onChange(JSON.parse(event.data));
          }
        },
      });
      const reader = response.body
        .pipeThrough(new TextDecoderStream())
        .getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        parser.feed(value);
      }
    };
    // A stream that ends or breaks is opened again, sooner or later; one
    // the backend refuses is not.
    const loop = async () => {
      let pause = 1000;
      while (!abort.signal.aborted) {
        try {
          await run();
          pause = 1000;
        } catch (error) {
          if (abort.signal.aborted) {
            return;
          }
          if (
            ResponseError.is(error) &&
            error.statusCode >= 400 &&
            error.statusCode < 500
          ) {
            options.onError?.(error);
            return;
          }
          pause = Math.min(pause * 2, 30_000);
        }
        await sleep(pause);
      }
    };
    loop();
    return () => abort.abort();
  }

  async getLogs(target: LogTarget, options: LogReadOptions = {}) {
    const response = await this.fetchLogs(target, options);
    return response.text();
  }

  followLogs(
    target: LogTarget,
    options: LogReadOptions,
    onText: (text: string) => void,
    handlers: { onEnd?: () => void; onError?: (error: Error) => void } = {},
  ): () => void {
    const abort = new AbortController();
    (async () => {
      const response = await this.fetchLogs(
        target,
        { ...options, follow: true } as LogReadOptions,
        abort.signal,
      );
      const reader = response
        .body!.pipeThrough(new TextDecoderStream())
        .getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          handlers.onEnd?.();
          return;
        }
        onText(value);
      }
    })().catch(error => {
      if (!abort.signal.aborted) {
        handlers.onError?.(error);
      }
    });
    return () => abort.abort();
  }

  async openTerminal(target: TerminalTarget): Promise<TerminalConnection> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('k8s-ops');
    const { token } = (await this.deps.identityApi?.getCredentials()) ?? {};
    const path = 'node' in target ? 'node-terminal' : 'terminal';
    const url = new URL(`${baseUrl}/${path}`, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = searchOf(target);
    // Browsers cannot set headers on a WebSocket: the token travels as a
    // subprotocol, which the backend reads and does not echo.
    const socket = new WebSocket(
      url.toString(),
      token ? [TERMINAL_PROTOCOL, token] : [TERMINAL_PROTOCOL],
    );
    // What is sent before the socket opens (the first size) waits for it.
    const queue: string[] = [];
    socket.addEventListener('open', () => {
      for (const message of queue.splice(0)) {
        socket.send(message);
      }
    });
    return {
      send: input => {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify(input));
        } else if (socket.readyState === WebSocket.CONNECTING) {
          queue.push(JSON.stringify(input));
        }
      },
      onMessage: listener =>
        socket.addEventListener('message', event =>
          listener(JSON.parse(String(event.data)) as TerminalOutput),
        ),
      onClose: listener => socket.addEventListener('close', () => listener()),
      close: () => socket.close(),
    };
  }

  private async fetchLogs(
    target: LogTarget,
    options: LogReadOptions & { follow?: boolean },
    signal?: AbortSignal,
  ): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('k8s-ops');
    const cluster = encodeURIComponent(target.cluster);
    const name = encodeURIComponent(target.name);
    const path =
      target.resource === 'pods'
        ? `/clusters/${cluster}/pods/${name}/logs`
        : `/clusters/${cluster}/workloads/${encodeURIComponent(
            target.resource,
          )}/${name}/logs`;
    const search = searchOf({
      namespace: target.namespace,
      ...Object.fromEntries(
        Object.entries(options).filter(([, v]) => v !== false && v !== ''),
      ),
    });
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}?${search}`,
      { signal },
    );
    if (!response.ok || !response.body) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
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

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('k8s-ops');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.status === 204 ? (undefined as T) : response.json();
  }
}

function searchOf(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  return params.toString();
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

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
