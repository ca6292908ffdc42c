import { Config } from '@backstage/config';
import {
  DEFAULT_SENSITIVE_PATTERNS,
  WORKLOAD_RESOURCES,
} from '@k8s-ops/plugin-k8s-ops-common';

/** The plugin's settings under `k8sOps`, read once at start (see config.d.ts). */
export interface K8sOpsConfig {
  /** Refuse every mutation on every cluster. */
  readOnly: boolean;
  /** Keys that seal the credentials of registered clusters; newest first. */
  encryptionKeys: string[];
  registration: {
    /** Accept plain http:// API servers. */
    allowHttp: boolean;
    /** Accept kubeconfigs that skip verifying the server's certificate. */
    allowInsecureSkipTlsVerify: boolean;
  };
  health: { intervalSeconds: number; timeoutMs: number };
  /** Limits of every request towards a cluster. */
  timeouts: {
    readMs: number;
    mutationMs: number;
    watchInactivityMs: number;
    discoveryMs: number;
    firstListMs: number;
  };
  cache: {
    /** Kinds watched on every cluster from the start. */
    prewarm: string[];
    /** Minutes after which a kind nobody reads stops being watched. */
    idleMinutes: number;
  };
  audit: { retentionDays: number };
  /** Name parts that send a variable of an environment map to its Secret. */
  envMaps: { sensitivePatterns: readonly string[] };
}

/** Reads the `k8sOps` section of app-config, with its defaults. */
export function readK8sOpsConfig(config: Config): K8sOpsConfig {
  const seconds = (key: string, fallback: number) =>
    (config.getOptionalNumber(key) ?? fallback) * 1000;
  return {
    readOnly: config.getOptionalBoolean('k8sOps.readOnly') ?? false,
    encryptionKeys:
      config.getOptionalStringArray('k8sOps.encryption.keys') ?? [],
    registration: {
      allowHttp:
        config.getOptionalBoolean('k8sOps.registration.allowHttp') ?? false,
      allowInsecureSkipTlsVerify:
        config.getOptionalBoolean(
          'k8sOps.registration.allowInsecureSkipTlsVerify',
        ) ?? false,
    },
    health: {
      intervalSeconds:
        config.getOptionalNumber('k8sOps.health.intervalSeconds') ?? 60,
      timeoutMs: seconds('k8sOps.health.timeoutSeconds', 5),
    },
    timeouts: {
      readMs: seconds('k8sOps.timeouts.readSeconds', 10),
      mutationMs: seconds('k8sOps.timeouts.mutationSeconds', 10),
      watchInactivityMs: seconds('k8sOps.timeouts.watchInactivitySeconds', 10),
      discoveryMs: seconds('k8sOps.timeouts.discoverySeconds', 5),
      firstListMs: seconds('k8sOps.timeouts.firstListSeconds', 5),
    },
    cache: {
      prewarm:
        config.getOptionalStringArray('k8sOps.cache.prewarm') ??
        WORKLOAD_RESOURCES,
      idleMinutes: config.getOptionalNumber('k8sOps.cache.idleMinutes') ?? 15,
    },
    audit: {
      retentionDays:
        config.getOptionalNumber('k8sOps.audit.retentionDays') ?? 365,
    },
    envMaps: {
      sensitivePatterns:
        config.getOptionalStringArray('k8sOps.envMaps.sensitivePatterns') ??
        DEFAULT_SENSITIVE_PATTERNS,
    },
  };
}
