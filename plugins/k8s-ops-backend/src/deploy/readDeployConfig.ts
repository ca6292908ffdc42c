import { Config } from '@backstage/config';

/** Settings of deploys and jobs, under `k8sOps.deploy` and `k8sOps.jobs`. */
export interface DeployConfig {
  /** How long a rollout may take before it is reported failed. */
  rolloutTimeoutMs: number;
  jobs: {
    resources: {
      requests: { cpu: string; memory: string };
      limits: { cpu: string; memory: string };
    };
    ttlSecondsAfterFinished: number;
    /** The most log text kept per job, over all its pods. */
    maxLogBytes: number;
  };
}

/** Reads the deploy and job settings, with their defaults. */
export function readDeployConfig(config: Config): DeployConfig {
  const text = (key: string, fallback: string) =>
    config.getOptionalString(key) ?? fallback;
  return {
    rolloutTimeoutMs:
      (config.getOptionalNumber('k8sOps.deploy.rolloutTimeoutSeconds') ?? 600) *
      1000,
    jobs: {
      resources: {
        requests: {
          cpu: text('k8sOps.jobs.resources.requests.cpu', '100m'),
          memory: text('k8sOps.jobs.resources.requests.memory', '128Mi'),
        },
        limits: {
          cpu: text('k8sOps.jobs.resources.limits.cpu', '1'),
          memory: text('k8sOps.jobs.resources.limits.memory', '512Mi'),
        },
      },
      ttlSecondsAfterFinished:
        config.getOptionalNumber('k8sOps.jobs.ttlSecondsAfterFinished') ?? 3600,
      maxLogBytes:
        config.getOptionalNumber('k8sOps.jobs.maxLogBytes') ?? 256 * 1024,
    },
  };
}
