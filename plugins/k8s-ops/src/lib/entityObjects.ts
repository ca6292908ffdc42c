import {
  ClusterWorkloads,
  KubeObject,
  Problem,
  summarizeClusterWorkloads,
} from '@k8s-ops/plugin-k8s-ops-common';

/** The short names people type in kubectl, as a compact kind column. */
const KIND_TAGS: Record<string, string> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  Job: 'job',
  CronJob: 'cronjob',
  Pod: 'pod',
  Service: 'svc',
  Ingress: 'ing',
  ConfigMap: 'cm',
  HorizontalPodAutoscaler: 'hpa',
  CloneSet: 'cloneset',
};

/** A kind as a short tag: `deploy`, `sts`, `svc`; other kinds lower-cased. */
export function kindTag(kind: string | undefined): string {
  if (!kind) return '';
  return KIND_TAGS[kind] ?? kind.toLowerCase();
}

/**
 * An image without its registry, path and digest, as a column shows it:
 * `registry.example.com/shop/storefront:1.2@sha256:…` → `storefront:1.2`.
 */
export function shortImage(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const short = withoutDigest.slice(lastSlash + 1);
  return short || image;
}

type Port = { port?: number; protocol?: string; name?: string };

/**
 * A Service in a line: its type, address and ports, and how many endpoints
 * are ready (from the EndpointSlices that name it).
 */
export function serviceDetails(
  service: KubeObject,
  endpointSlices: KubeObject[],
): string {
  const spec = service.spec as
    | { type?: string; clusterIP?: string; ports?: Port[] }
    | undefined;
  const ports = (spec?.ports ?? [])
    .map(p => `${p.port}/${p.protocol ?? 'TCP'}`)
    .join(', ');
  const slices = endpointSlices.filter(
    s =>
      s.metadata.namespace === service.metadata.namespace &&
      s.metadata.labels?.['kubernetes.io/service-name'] ===
        service.metadata.name,
  );
  const endpoints = slices.flatMap(
    s =>
      (
        s as {
          endpoints?: Array<{ conditions?: { ready?: boolean } }>;
        }
      ).endpoints ?? [],
  );
  const ready = endpoints.filter(e => e.conditions?.ready !== false).length;
  return [
    spec?.type ?? 'ClusterIP',
    spec?.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : undefined,
    ports || undefined,
    `${ready} of ${endpoints.length} endpoints ready`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** An Ingress's hosts, or `any host`. */
export function ingressDetails(ingress: KubeObject): string {
  const rules =
    (ingress.spec as { rules?: Array<{ host?: string }> } | undefined)?.rules ??
    [];
  const hosts = [...new Set(rules.map(r => r.host ?? '*'))];
  return hosts.length ? hosts.join(', ') : 'any host';
}

/** A ConfigMap's keys, counted and named. */
export function configMapDetails(configMap: KubeObject): string {
  const data = configMap as {
    data?: Record<string, string>;
    binaryData?: Record<string, string>;
  };
  const keys = [
    ...Object.keys(data.data ?? {}),
    ...Object.keys(data.binaryData ?? {}),
  ];
  const shown = keys.slice(0, 3).join(', ');
  return `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}${
    keys.length ? `: ${shown}${keys.length > 3 ? ', …' : ''}` : ''
  }`;
}

/** A HorizontalPodAutoscaler in a line: target, bounds and replicas now. */
export function hpaDetails(hpa: KubeObject): string {
  const spec = hpa.spec as
    | {
        scaleTargetRef?: { kind?: string; name?: string };
        minReplicas?: number;
        maxReplicas?: number;
      }
    | undefined;
  const status = hpa.status as { currentReplicas?: number } | undefined;
  const target = spec?.scaleTargetRef
    ? `${kindTag(spec.scaleTargetRef.kind)}/${spec.scaleTargetRef.name}`
    : 'no target';
  return `${target} · ${spec?.minReplicas ?? 1}–${
    spec?.maxReplicas ?? '?'
  } replicas, now ${status?.currentReplicas ?? 0}`;
}

/**
 * The objects besides workloads and pods that an entity's tab lists, by
 * `resource.group`, in display order.
 */
export const OTHER_ENTITY_RESOURCES = [
  'services',
  'ingresses.networking.k8s.io',
  'horizontalpodautoscalers.autoscaling',
  'configmaps',
];

/** What a row of another kind says about its object. */
export function otherObjectDetails(
  resource: string,
  object: KubeObject,
  cluster: ClusterWorkloads,
): string {
  switch (resource) {
    case 'services':
      return serviceDetails(
        object,
        cluster.resources['endpointslices.discovery.k8s.io'] ?? [],
      );
    case 'ingresses.networking.k8s.io':
      return ingressDetails(object);
    case 'configmaps':
      return configMapDetails(object);
    case 'horizontalpodautoscalers.autoscaling':
      return hpaDetails(object);
    default:
      return (object as { apiVersion?: string }).apiVersion ?? '';
  }
}

type Condition = { type?: string; status?: string; reason?: string };

/**
 * A custom resource in a line: its API version and what its status says,
 * read the way most operators write it (a phase, a Ready condition, ready
 * replicas).
 */
export function customResourceDetails(object: KubeObject): string {
  const status = object.status as
    | {
        phase?: string;
        conditions?: Condition[];
        replicas?: number;
        readyReplicas?: number;
      }
    | undefined;
  const ready = status?.conditions?.find(c => c.type === 'Ready');
  const said = [
    status?.phase,
    ready && (ready.status === 'True' ? 'Ready' : ready.reason ?? 'not Ready'),
    status?.replicas !== undefined &&
      `${status.readyReplicas ?? 0}/${status.replicas} ready`,
  ].filter(Boolean);
  return [object.apiVersion, ...said].filter(Boolean).join(' · ');
}

function counted(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * An entity's tab in a line: `3 clusters, 7 workloads, 1 problem`. Clusters
 * that answered with an error count as clusters, not as problems.
 */
export function entitySummary(clusters: ClusterWorkloads[]): string {
  const summaries = clusters.map(summarizeClusterWorkloads);
  const workloads = summaries.reduce((sum, s) => sum + s.workloads, 0);
  const problems = summaries.reduce((sum, s) => sum + s.problems.length, 0);
  const unavailable = clusters.filter(c => c.error).length;
  return [
    counted(clusters.length, 'cluster', 'clusters'),
    counted(workloads, 'workload', 'workloads'),
    problems === 0 ? 'no problems' : counted(problems, 'problem', 'problems'),
    unavailable ? `${unavailable} not answering` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Where a problem's link leads: the tab of the object that helps. */
export interface ProblemHelp {
  label: string;
  tab: ObjectTab;
}

/** A tab an object's page opens on, beside the YAML. */
export type ObjectTab = 'events' | 'logs' | 'previous-logs';

/**
 * The link that helps with a problem: a container that stopped tells why
 * in the logs of its previous run, a failed job in its pods' logs, and
 * every other cause in the object's events (the scheduler's, the
 * kubelet's, the controller's).
 */
export function problemHelp(problem: Problem): ProblemHelp {
  switch (problem.type) {
    case 'crash-loop':
    case 'oom-killed':
      return {
        label: "Read the previous container's logs",
        tab: 'previous-logs',
      };
    case 'job-failed':
      return { label: 'Read the logs of its pods', tab: 'logs' };
    case 'image-pull':
      return { label: 'See the pull errors', tab: 'events' };
    case 'unschedulable':
      return { label: 'See the scheduler events', tab: 'events' };
    default:
      return { label: 'See the events', tab: 'events' };
  }
}
