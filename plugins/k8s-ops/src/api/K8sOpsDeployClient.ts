import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  ClusterSummary,
  DeployEvent,
  DeployListResponse,
  DeployRecord,
  DeployRequest,
  DeployResponse,
  DeployTargetsResponse,
  JobListResponse,
  JobLogsResponse,
  JobSummary,
} from '@k8s-ops/plugin-k8s-ops-common';
import { searchOf, sendToBackend } from './backendRequests';
import { readEventStream } from './streams';
import { JobKey, K8sOpsDeployApi } from './K8sOpsDeployApi';

const enc = encodeURIComponent;

/** The client of {@link K8sOpsDeployApi}, over the k8s-ops backend. */
export class K8sOpsDeployClient implements K8sOpsDeployApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listDeployTargets(): Promise<ClusterSummary[]> {
    return (await this.send<DeployTargetsResponse>('GET', '/deploy-targets'))
      .items;
  }

  deploy(cluster: string, request: DeployRequest): Promise<DeployResponse> {
    return this.send('POST', `/clusters/${enc(cluster)}/deploy`, request);
  }

  async listDeploys(
    query: { cluster?: string; namespace?: string; service?: string } = {},
  ): Promise<DeployRecord[]> {
    const search = searchOf(query);
    return (
      await this.send<DeployListResponse>(
        'GET',
        `/deploys${search ? `?${search}` : ''}`,
      )
    ).items;
  }

  rollbackDeploy(
    id: string,
    options: { dryRun?: boolean } = {},
  ): Promise<DeployResponse> {
    return this.send('POST', `/deploys/${enc(id)}/rollback`, options);
  }

  followDeploy(
    id: string,
    onEvent: (event: DeployEvent) => void,
    onError?: (error: Error) => void,
  ): () => void {
    const abort = new AbortController();
    (async () => {
      const baseUrl = await this.deps.discoveryApi.getBaseUrl('k8s-ops');
      const response = await this.deps.fetchApi.fetch(
        `${baseUrl}/deploys/${enc(id)}/events`,
        { signal: abort.signal, headers: { Accept: 'text/event-stream' } },
      );
      await readEventStream(response, {
        onEvent: event => onEvent(JSON.parse(event.data)),
      });
    })().catch(error => {
      if (!abort.signal.aborted) {
        onError?.(error);
      }
    });
    return () => abort.abort();
  }

  async listJobs(query: {
    cluster: string;
    namespace?: string;
    runId?: string;
  }): Promise<JobSummary[]> {
    return (await this.send<JobListResponse>('GET', `/jobs?${searchOf(query)}`))
      .items;
  }

  getJobLogs(job: JobKey): Promise<JobLogsResponse> {
    return this.send('GET', `${jobPath(job)}/logs`);
  }

  async deleteJob(job: JobKey): Promise<void> {
    await this.send('DELETE', jobPath(job));
  }

  private send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return sendToBackend(this.deps, method, path, body);
  }
}

function jobPath(job: JobKey) {
  return `/jobs/${enc(job.cluster)}/${enc(job.namespace)}/${enc(job.name)}`;
}
