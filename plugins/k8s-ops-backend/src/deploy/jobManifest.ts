import {
  deploySchemas,
  JobSummary,
  KubeObject,
  toDnsLabel,
} from '@k8s-ops/plugin-k8s-ops-common';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DeployConfig } from './readDeployConfig';

type JobBody = z.output<typeof deploySchemas.jobBody>;

/** The label that ties a job, its pods and its logs to a run. */
export const RUN_ID_LABEL = 'k8s-ops.dev/run-id';

// A user no image reserves, so that images without a numeric USER start.
const NON_ROOT_USER = 65532;

/**
 * The Job of a one-off run: one pod, never restarted in place, running
 * restricted (non-root, read-only root filesystem with a writable /tmp,
 * every capability dropped, no privilege escalation, the runtime's
 * seccomp profile), with requests and limits and a TTL after it ends.
 */
export function jobManifest(
  body: JobBody,
  defaults: DeployConfig['jobs'],
): { name: string; runId: string; object: KubeObject } {
  const name =
    body.name ??
    `${toDnsLabel(body.runId ?? 'job', 56)}-${randomBytes(3).toString('hex')}`;
  const runId = body.runId ?? name;
  const labels = {
    'app.kubernetes.io/managed-by': 'k8s-ops',
    [RUN_ID_LABEL]: runId,
  };
  const resources = {
    requests: { ...defaults.resources.requests, ...body.resources?.requests },
    limits: { ...defaults.resources.limits, ...body.resources?.limits },
  };
  const object: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: body.namespace, labels },
    spec: {
      backoffLimit: body.backoffLimit ?? 0,
      ttlSecondsAfterFinished:
        body.ttlSecondsAfterFinished ?? defaults.ttlSecondsAfterFinished,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NON_ROOT_USER,
            runAsGroup: NON_ROOT_USER,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'job',
              image: body.image,
              ...(body.command ? { command: body.command } : {}),
              ...(body.args ? { args: body.args } : {}),
              ...(body.env
                ? {
                    env: Object.entries(body.env).map(([key, value]) => ({
                      name: key,
                      value,
                    })),
                  }
                : {}),
              resources,
              securityContext: {
                runAsNonRoot: true,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
  return { name, runId, object };
}

type Condition = {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
};

/** Where a job stands, from the Job and its pods. */
export function jobSummary(
  cluster: string,
  job: KubeObject,
  pods: KubeObject[],
): JobSummary {
  const status = (job.status ?? {}) as {
    conditions?: Condition[];
    startTime?: string;
    completionTime?: string;
    active?: number;
    succeeded?: number;
    failed?: number;
  };
  const condition = (type: string) =>
    status.conditions?.find(c => c.type === type && c.status === 'True');
  const failed = condition('Failed');
  const podList = pods.map(pod => {
    const podStatus = (pod.status ?? {}) as {
      phase?: string;
      reason?: string;
      containerStatuses?: Array<{
        state?: {
          waiting?: { reason?: string };
          terminated?: { reason?: string };
        };
      }>;
    };
    const state = podStatus.containerStatuses?.[0]?.state;
    const reason =
      state?.waiting?.reason ?? state?.terminated?.reason ?? podStatus.reason;
    return {
      name: pod.metadata.name ?? '',
      phase: podStatus.phase ?? 'Pending',
      ...(reason ? { reason } : {}),
    };
  });
  let jobStatus: JobSummary['status'] = 'pending';
  if (condition('Complete')) {
    jobStatus = 'succeeded';
  } else if (failed) {
    jobStatus = 'failed';
  } else if (podList.some(p => p.phase === 'Running')) {
    jobStatus = 'running';
  }
  const counted =
    (status.active ?? 0) + (status.succeeded ?? 0) + (status.failed ?? 0);
  return {
    cluster,
    namespace: job.metadata.namespace ?? '',
    name: job.metadata.name ?? '',
    runId: job.metadata.labels?.[RUN_ID_LABEL],
    status: jobStatus,
    ...(failed
      ? { reason: [failed.reason, failed.message].filter(Boolean).join(': ') }
      : {}),
    startTime: status.startTime,
    completionTime: status.completionTime ?? failed?.lastTransitionTime,
    attempts: Math.max(counted, podList.length),
    pods: podList,
    live: true,
    logsKept: false,
  };
}
