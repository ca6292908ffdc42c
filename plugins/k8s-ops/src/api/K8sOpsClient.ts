import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import { ChangesQuery, K8sOpsApi, ResourceListQuery } from './K8sOpsApi';

/**
 * Talks to the k8s-ops backend over HTTP.
 *
 * @public
 */
export class K8sOpsClient implements K8sOpsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
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
    return this.send('POST', '/clusters/contexts', { kubeconfig });
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

  getEvents(ref: K8sOpsObjectRef): Promise<{ items: KubeObject[] }> {
    return this.get(objectPath(ref, '/events'));
  }

  applyResource(
    cluster: string,
    object: KubeObject,
    options: { dryRun?: boolean } = {},
  ): Promise<ApplyResponse> {
    return this.send('POST', `/clusters/${encodeURIComponent(cluster)}/apply`, {
      object,
      ...options,
    });
  }

  deleteResource(ref: K8sOpsObjectRef): Promise<KubeObject> {
    return this.send('DELETE', objectPath(ref));
  }

  scaleResource(ref: K8sOpsObjectRef, replicas: number): Promise<KubeObject> {
    return this.send('POST', objectPath(ref, '/scale'), { replicas });
  }

  restartResource(ref: K8sOpsObjectRef): Promise<KubeObject> {
    return this.send('POST', objectPath(ref, '/restart'), {});
  }

  queryAudit(query: AuditQuery = {}): Promise<AuditPage> {
    const search = searchOf(query);
    return this.get(`/audit${search ? `?${search}` : ''}`);
  }

  getWorkloads(query: {
    labelSelector: string;
    namespace?: string;
  }): Promise<WorkloadsResponse> {
    return this.get(`/workloads?${searchOf(query)}`);
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
      const reader = response.body
        .pipeThrough(new TextDecoderStream())
        .getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(': connected')) {
            options.onOpen?.();
          }
          const data = frame
            .split('\n')
            .find(line => line.startsWith('data: '));
          if (data) {
            onChange(JSON.parse(data.slice(6)));
          }
          end = buffer.indexOf('\n\n');
        }
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

function objectPath(ref: K8sOpsObjectRef, suffix = ''): string {
  const path = `/clusters/${encodeURIComponent(
    ref.cluster,
  )}/resources/${encodeURIComponent(ref.resource)}/${encodeURIComponent(
    ref.name,
  )}${suffix}`;
  return ref.namespace
    ? `${path}?namespace=${encodeURIComponent(ref.namespace)}`
    : path;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
