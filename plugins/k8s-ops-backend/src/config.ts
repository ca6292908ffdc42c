import { Config } from '@backstage/config';
import {
  DEFAULT_SENSITIVE_PATTERNS,
  WORKLOAD_RESOURCES,
} from '@k8s-ops/plugin-k8s-ops-common';
import { hostname } from 'node:os';

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
  audit: {
    retentionDays: number;
    /** Keep what a person types in a terminal in the audit trail. */
    execInput: boolean;
  };
  search: {
    enabled: boolean;
    /** Kinds indexed on every cluster, as a person types them. */
    kinds: string[];
    /** Also index the kinds of the CRD families the portal knows. */
    crdFamilies: boolean;
    /** Most objects the index holds. */
    maxObjects: number;
  };
  entityTab: {
    /**
     * The custom resources an entity's tab lists beside its workloads:
     * every namespaced custom kind a cluster serves (`true`), none, or the
     * kinds named.
     */
    customResources: boolean | string[];
  };
  /** The Kubernetes page in the portal, for links in answers. */
  pageUrl: string;
  /** Pod and node terminals. */
  terminal: {
    /** A session without input for this long is closed. */
    idleMs: number;
    /** Sessions one person may have open at once (per replica). */
    maxSessionsPerPerson: number;
    /** Node terminals' debug pods. */
    nodeShell: { namespace: string; image: string; idleMs: number };
  };
  portForwards: {
    /** This replica's name in the sessions it holds; the host name by default. */
    replica: string;
    maxPerPerson: number;
    maxTotal: number;
    idleMs: number;
    pollMs: number;
  };
  /** Name parts that send a variable of an environment map to its Secret. */
  envMaps: { sensitivePatterns: readonly string[] };
}

/** The kinds search indexes unless `k8sOps.search.kinds` says otherwise. */
export const DEFAULT_SEARCH_KINDS = [
  ...WORKLOAD_RESOURCES,
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'namespaces',
  'nodes',
];

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
      execInput: config.getOptionalBoolean('k8sOps.audit.execInput') ?? false,
    },
    terminal: {
      idleMs:
        (config.getOptionalNumber('k8sOps.terminal.idleMinutes') ?? 30) *
        60_000,
      maxSessionsPerPerson:
        config.getOptionalNumber('k8sOps.terminal.maxSessionsPerPerson') ?? 5,
      nodeShell: {
        namespace:
          config.getOptionalString('k8sOps.terminal.nodeShell.namespace') ??
          'default',
        image:
          config.getOptionalString('k8sOps.terminal.nodeShell.image') ??
          'busybox:1.36',
        idleMs:
          (config.getOptionalNumber('k8sOps.terminal.nodeShell.idleMinutes') ??
            30) * 60_000,
      },
    },
    search: {
      enabled: config.getOptionalBoolean('k8sOps.search.enabled') ?? true,
      kinds:
        config.getOptionalStringArray('k8sOps.search.kinds') ??
        DEFAULT_SEARCH_KINDS,
      crdFamilies:
        config.getOptionalBoolean('k8sOps.search.crdFamilies') ?? true,
      maxObjects:
        config.getOptionalNumber('k8sOps.search.maxObjects') ?? 500_000,
    },
    entityTab: {
      customResources: readCustomResources(config),
    },
    pageUrl: `${(config.getOptionalString('app.baseUrl') ?? '').replace(
      /\/+$/,
      '',
    )}/k8s-ops`,
    portForwards: {
      replica:
        config.getOptionalString('k8sOps.portForwards.replica') ?? hostname(),
      maxPerPerson:
        config.getOptionalNumber('k8sOps.portForwards.maxPerPerson') ?? 5,
      maxTotal: config.getOptionalNumber('k8sOps.portForwards.maxTotal') ?? 100,
      idleMs: seconds('k8sOps.portForwards.idleMinutes', 30) * 60,
      pollMs: seconds('k8sOps.portForwards.pollSeconds', 2),
    },
    envMaps: {
      sensitivePatterns:
        config.getOptionalStringArray('k8sOps.envMaps.sensitivePatterns') ??
        DEFAULT_SENSITIVE_PATTERNS,
    },
  };
}

/** `k8sOps.entityTab.customResources`: true, false, or a list of kinds. */
function readCustomResources(config: Config): boolean | string[] {
  const key = 'k8sOps.entityTab.customResources';
  const value = config.getOptional(key);
  if (value === undefined) {
    return true;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  return config.getStringArray(key);
}
