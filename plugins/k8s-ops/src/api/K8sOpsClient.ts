import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AuditPage,
  AuditQuery,
  ClusterListResponse,
  HealthResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsApi } from './K8sOpsApi';

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

  queryAudit(query: AuditQuery = {}): Promise<AuditPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return this.get(`/audit${search ? `?${search}` : ''}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('k8s-ops');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
