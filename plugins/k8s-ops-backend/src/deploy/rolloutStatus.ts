import { DeployEvent, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

type Condition = {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
};
type ContainerStatus = {
  name?: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
};

const IMAGE_PULL = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);
const CONFIG_ERRORS = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
]);

/** Where a rollout stands, without the time: what a follower is told. */
export type Rollout = Omit<DeployEvent, 'at'>;

function podProblem(pod: KubeObject): string | undefined {
  const name = pod.metadata.name;
  const status = (pod.status ?? {}) as {
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
  };
  for (const c of status.containerStatuses ?? []) {
    const waiting = c.state?.waiting;
    if (!waiting?.reason) {
      continue;
    }
    if (waiting.reason === 'CrashLoopBackOff') {
      const last = c.lastState?.terminated;
      return `crash loop: container ${c.name} of pod ${name} restarted ${
        c.restartCount ?? 0
      } times${
        last
          ? ` (last exit ${last.reason ?? ''} code ${last.exitCode ?? '?'})`
          : ''
      }`;
    }
    if (IMAGE_PULL.has(waiting.reason)) {
      return `image pull error: container ${c.name} of pod ${name}: ${
        waiting.reason
      }${waiting.message ? `: ${waiting.message}` : ''}`;
    }
    if (CONFIG_ERRORS.has(waiting.reason)) {
      return `container ${c.name} of pod ${name} cannot start: ${
        waiting.reason
      }${waiting.message ? `: ${waiting.message}` : ''}`;
    }
  }
  const scheduled = status.conditions?.find(c => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    return `unschedulable: pod ${name}: ${scheduled.message ?? 'no node fits'}`;
  }
  return undefined;
}

/**
 * Where the rollout of a Deployment stands, from the Deployment and the
 * pods of its selector: available when every desired replica is updated,
 * ready and available and no old one is left; failed on a crash loop, an
 * image that cannot be pulled, a pod no node can take, or an exceeded
 * progress deadline; progressing otherwise.
 */
export function rolloutStatus(
  deployment: KubeObject | undefined,
  pods: KubeObject[],
): Rollout {
  if (!deployment) {
    return { status: 'progressing', message: 'waiting for the Deployment' };
  }
  const spec = (deployment.spec ?? {}) as { replicas?: number };
  const status = (deployment.status ?? {}) as {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: Condition[];
  };
  const desired = spec.replicas ?? 1;
  const replicas = {
    desired,
    updated: status.updatedReplicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
  };
  const observed =
    (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 0);
  if (
    observed &&
    replicas.updated === desired &&
    replicas.ready === desired &&
    replicas.available === desired &&
    (status.replicas ?? 0) === desired
  ) {
    return {
      status: 'available',
      message: `available: ${desired} of ${desired} replicas`,
      replicas,
    };
  }
  const progressing = status.conditions?.find(c => c.type === 'Progressing');
  if (
    progressing?.status === 'False' &&
    progressing.reason === 'ProgressDeadlineExceeded'
  ) {
    return {
      status: 'failed',
      message: `progress deadline exceeded: ${
        progressing.message ?? ''
      }`.trim(),
      replicas,
    };
  }
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) {
      continue;
    }
    const problem = podProblem(pod);
    if (problem) {
      return { status: 'failed', message: problem, replicas };
    }
  }
  return {
    status: 'progressing',
    message: `${replicas.updated} updated, ${replicas.ready} ready, ${replicas.available} available of ${desired} replicas`,
    replicas,
  };
}
