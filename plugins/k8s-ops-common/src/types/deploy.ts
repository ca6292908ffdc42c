import { ClusterSummary } from './clusters';
import { AppliedManifest, KubeObject } from './resources';

/**
 * Where a deploy stands: under way, available, or failed with a reason.
 *
 * @public
 */
export type DeployStatus = 'progressing' | 'available' | 'failed';

/**
 * The answer of a deploy or rollback: with `dryRun`, every manifest with
 * its diff; otherwise the id whose events follow the rollout.
 *
 * @public
 */
export interface DeployResponse {
  /** Absent for a dry run, which is not kept. */
  id?: string;
  dryRun: boolean;
  cluster: string;
  namespace: string;
  service: string;
  /** The name of the Deployment. */
  name: string;
  /** The objects as applied; Secret values hidden. */
  objects: KubeObject[];
  /** Each object with its diff against the live one. */
  applied: AppliedManifest[];
}

/**
 * One deploy as the history keeps it.
 *
 * @public
 */
export interface DeployRecord {
  id: string;
  actor: string;
  createdAt: string;
  finishedAt?: string;
  durationMs?: number;
  cluster: string;
  namespace: string;
  service: string;
  name: string;
  status: DeployStatus;
  /** Why it failed, or what it is waiting for. */
  reason?: string;
  /** The deploy whose manifests a rollback applied again. */
  rollbackOf?: string;
  /** The objects applied, Secret values removed. */
  manifests: KubeObject[];
}

/**
 * Progress of a rollout, as `GET /deploys/:id/events` streams it (event
 * type `progress`, then one `available` or `failed`).
 *
 * @public
 */
export interface DeployEvent {
  status: DeployStatus;
  at: string;
  message: string;
  replicas?: {
    desired: number;
    updated: number;
    ready: number;
    available: number;
  };
}

/**
 * Where a job stands.
 *
 * @public
 */
export type JobStatus = 'pending' | 'running' | 'succeeded' | 'failed';

/**
 * A job run through the portal, live or as kept after its pods are gone.
 *
 * @public
 */
export interface JobSummary {
  cluster: string;
  namespace: string;
  name: string;
  runId?: string;
  status: JobStatus;
  reason?: string;
  startTime?: string;
  completionTime?: string;
  /** Pods started so far, failed ones included. */
  attempts: number;
  pods: Array<{ name: string; phase: string; reason?: string }>;
  /** Whether the job still exists on the cluster. */
  live: boolean;
  /** Whether its logs are kept in the portal. */
  logsKept: boolean;
}

/**
 * `GET /jobs`.
 *
 * @public
 */
export interface JobListResponse {
  items: JobSummary[];
}

/**
 * The logs of a job's pods: live from the cluster while they exist, kept
 * by the portal once the job has ended.
 *
 * @public
 */
export interface JobLogsResponse {
  source: 'live' | 'kept';
  pods: Array<{
    pod: string;
    container: string;
    text: string;
    truncated?: boolean;
  }>;
}

/**
 * The answer of starting a job.
 *
 * @public
 */
export interface JobRunResponse {
  dryRun: boolean;
  cluster: string;
  namespace: string;
  name: string;
  runId: string;
  object: KubeObject;
}

/**
 * `GET /deploy-targets`: the clusters the person may deploy to.
 *
 * @public
 */
export interface DeployTargetsResponse {
  items: ClusterSummary[];
}

/**
 * `GET /deploys`: the history, newest first.
 *
 * @public
 */
export interface DeployListResponse {
  items: DeployRecord[];
}
