import { KubeObject } from '../types';

/**
 * A problem the portal points out, with the hint that usually fixes it.
 *
 * @public
 */
export interface Problem {
  type:
    | 'crash-loop'
    | 'image-pull'
    | 'oom-killed'
    | 'failing-probe'
    | 'unschedulable'
    | 'stuck-rollout'
    | 'job-failed';
  message: string;
  hint: string;
}

type ContainerStatus = {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: unknown;
    terminated?: { reason?: string; exitCode?: number };
  };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
};

type PodLike = KubeObject & {
  status?: {
    phase?: string;
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>;
    containerStatuses?: ContainerStatus[];
  };
};

/**
 * The problems of a pod: crash loops, image pull errors, OOM kills, failing
 * probes and pods no node can take.
 *
 * @public
 */
export function detectPodProblems(pod: KubeObject): Problem[] {
  const { status } = pod as PodLike;
  const problems: Problem[] = [];
  for (const c of status?.containerStatuses ?? []) {
    const waiting = c.state?.waiting?.reason;
    if (waiting === 'CrashLoopBackOff') {
      problems.push({
        type: 'crash-loop',
        message: `Container ${c.name} keeps crashing (${
          c.restartCount ?? 0
        } restarts)`,
        hint: 'Read the logs of the previous container; the exit reason is in its last state',
      });
    } else if (
      waiting === 'ImagePullBackOff' ||
      waiting === 'ErrImagePull' ||
      waiting === 'InvalidImageName'
    ) {
      problems.push({
        type: 'image-pull',
        message: `Container ${c.name} cannot pull its image: ${
          c.state?.waiting?.message ?? waiting
        }`,
        hint: 'Check the image name and tag, and that the cluster may pull from the registry (imagePullSecrets)',
      });
    }
    const terminated =
      c.state?.terminated?.reason ?? c.lastState?.terminated?.reason;
    if (terminated === 'OOMKilled') {
      problems.push({
        type: 'oom-killed',
        message: `Container ${c.name} ran out of memory and was killed`,
        hint: 'Raise its memory limit, or find what uses the memory',
      });
    }
    if (c.state?.running && c.ready === false && status?.phase === 'Running') {
      problems.push({
        type: 'failing-probe',
        message: `Container ${c.name} runs but is not ready`,
        hint: 'Its readiness probe fails: check the probe path and port, and the events of the pod',
      });
    }
  }
  const scheduled = status?.conditions?.find(c => c.type === 'PodScheduled');
  if (status?.phase === 'Pending' && scheduled?.status === 'False') {
    problems.push({
      type: 'unschedulable',
      message: `No node can take the pod: ${
        scheduled.message ?? scheduled.reason ?? 'unschedulable'
      }`,
      hint: 'Check its node selector, affinity, tolerations and resource requests against the nodes',
    });
  }
  return problems;
}

type WorkloadLike = KubeObject & {
  spec?: { replicas?: number; progressDeadlineSeconds?: number };
  status?: {
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    failed?: number;
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>;
  };
};

/**
 * The problems of a workload: a rollout past its deadline, a failed Job.
 *
 * @public
 */
export function detectWorkloadProblems(workload: KubeObject): Problem[] {
  const w = workload as WorkloadLike;
  const problems: Problem[] = [];
  const progressing = w.status?.conditions?.find(c => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    problems.push({
      type: 'stuck-rollout',
      message: `The rollout is stuck: ${
        progressing.message ?? 'progress deadline exceeded'
      }`,
      hint: 'Look at the new pods for their problems; roll back if the new version is broken',
    });
  }
  const failed = w.status?.conditions?.find(
    c => c.type === 'Failed' && c.status === 'True',
  );
  if (workload.kind === 'Job' && failed) {
    problems.push({
      type: 'job-failed',
      message: `The job failed: ${failed.message ?? failed.reason ?? 'failed'}`,
      hint: 'Read the logs of its pods; run it again once fixed',
    });
  }
  return problems;
}

/**
 * Ready and desired replicas of a workload, as `2/3`.
 *
 * @public
 */
export function readiness(workload: KubeObject): {
  ready: number;
  desired: number;
} {
  const w = workload as WorkloadLike & {
    status?: {
      readyReplicas?: number;
      numberReady?: number;
      desiredNumberScheduled?: number;
    };
  };
  if (workload.kind === 'DaemonSet') {
    return {
      ready: w.status?.numberReady ?? 0,
      desired: w.status?.desiredNumberScheduled ?? 0,
    };
  }
  return {
    ready: w.status?.readyReplicas ?? 0,
    desired: w.spec?.replicas ?? 0,
  };
}

interface PodStatusLike {
  phase?: string;
  containerStatuses?: Array<{
    ready?: boolean;
    restartCount?: number;
    state?: {
      waiting?: { reason?: string };
      terminated?: { reason?: string };
    };
  }>;
}

/**
 * A pod's most telling state, as people read it in `kubectl get pods`:
 * Terminating, else a container's waiting or terminated reason
 * (`CrashLoopBackOff`, `Completed`), else the phase.
 *
 * @public
 */
export function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) {
    return 'Terminating';
  }
  const status = pod.status as PodStatusLike | undefined;
  const reason = status?.containerStatuses
    ?.map(c => c.state?.waiting?.reason ?? c.state?.terminated?.reason)
    .find(Boolean);
  return reason ?? status?.phase ?? 'Unknown';
}

/**
 * Restarts of a pod's containers, summed.
 *
 * @public
 */
export function podRestarts(pod: KubeObject): number {
  const status = pod.status as PodStatusLike | undefined;
  return (status?.containerStatuses ?? []).reduce(
    (sum, c) => sum + (c.restartCount ?? 0),
    0,
  );
}

/**
 * Ready and total containers of a pod.
 *
 * @public
 */
export function podReadiness(pod: KubeObject): {
  ready: number;
  total: number;
} {
  const containers =
    (pod.status as PodStatusLike | undefined)?.containerStatuses ?? [];
  return {
    ready: containers.filter(c => c.ready).length,
    total: containers.length,
  };
}
