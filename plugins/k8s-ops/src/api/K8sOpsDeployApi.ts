import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  ClusterSummary,
  DeployEvent,
  DeployRecord,
  DeployRequest,
  DeployResponse,
  JobLogsResponse,
  JobSummary,
} from '@k8s-ops/plugin-k8s-ops-common';

/** Names one job. @public */
export interface JobKey {
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * Deploys, their history and rollouts, and jobs, as the frontend sees them.
 *
 * @public
 */
export interface K8sOpsDeployApi {
  /** The clusters the person may deploy to. */
  listDeployTargets(): Promise<ClusterSummary[]>;
  /** Deploys a Compose service; with `dryRun`, answers the manifests and their diffs. */
  deploy(cluster: string, request: DeployRequest): Promise<DeployResponse>;
  listDeploys(query?: {
    cluster?: string;
    namespace?: string;
    service?: string;
  }): Promise<DeployRecord[]>;
  rollbackDeploy(
    id: string,
    options?: { dryRun?: boolean },
  ): Promise<DeployResponse>;
  /**
   * Follows a rollout: each event, the last one available or failed; answers
   * the function that stops following.
   */
  followDeploy(
    id: string,
    onEvent: (event: DeployEvent) => void,
    onError?: (error: Error) => void,
  ): () => void;
  listJobs(query: {
    cluster: string;
    namespace?: string;
    runId?: string;
  }): Promise<JobSummary[]>;
  getJobLogs(job: JobKey): Promise<JobLogsResponse>;
  deleteJob(job: JobKey): Promise<void>;
}

/**
 * The reference of {@link K8sOpsDeployApi}, the same in both frontend systems.
 *
 * @public
 */
export const k8sOpsDeployApiRef = createApiRef<K8sOpsDeployApi>().with({
  id: 'plugin.k8s-ops.deploy',
  pluginId: 'k8s-ops',
});
