import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

type Container = { name?: string; image?: string };
type PodSpec = { nodeName?: string; containers?: Container[] };

// What an entity's tab shows of a pod spec: where it runs and its images.
function podSpecSummary(spec: PodSpec | undefined) {
  return (
    spec && {
      nodeName: spec.nodeName,
      containers: (spec.containers ?? []).map(c => ({
        name: c.name,
        image: c.image,
      })),
    }
  );
}

type ContainerStatus = {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: unknown;
  lastState?: unknown;
};
type PodStatus = {
  phase?: string;
  reason?: string;
  message?: string;
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  conditions?: Array<{
    type?: string;
    status?: string;
    reason?: string;
    message?: string;
  }>;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
};

function containerStatusSummary(statuses: ContainerStatus[] | undefined) {
  return statuses?.map(c => ({
    name: c.name,
    ready: c.ready,
    started: c.started,
    restartCount: c.restartCount,
    state: c.state,
    lastState: c.lastState,
  }));
}

// What a pod's row reads of its status: phase, readiness, restarts, the
// reasons of waiting or terminated containers, its addresses. Not the
// images and ids again, nor the times of each condition.
function podStatusSummary(status: PodStatus | undefined) {
  return (
    status && {
      phase: status.phase,
      reason: status.reason,
      message: status.message,
      podIP: status.podIP,
      hostIP: status.hostIP,
      startTime: status.startTime,
      conditions: status.conditions?.map(c => ({
        type: c.type,
        status: c.status,
        reason: c.reason,
        message: c.message,
      })),
      containerStatuses: containerStatusSummary(status.containerStatuses),
      initContainerStatuses: containerStatusSummary(
        status.initContainerStatuses,
      ),
    }
  );
}

function templateSummary(template: { spec?: PodSpec } | undefined) {
  return template && { spec: podSpecSummary(template.spec) };
}

/**
 * An object as a table shows it (an entity's tab, a cluster's lists): its metadata without annotations,
 * its status, and of its spec only what a column reads (replicas, images,
 * node, ports, hosts, scale bounds). A ConfigMap keeps its keys, not their
 * values; an EndpointSlice its endpoints' readiness. The tab reads the
 * whole object when a row is opened.
 */
export function summaryOf(object: KubeObject): KubeObject {
  const { annotations: _annotations, ...metadata } = object.metadata;
  const summary: KubeObject = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata,
    status: object.status,
  };
  const spec = object.spec as Record<string, unknown> | undefined;
  switch (object.kind) {
    case 'Pod':
      summary.spec = podSpecSummary(spec as PodSpec);
      summary.status = podStatusSummary(object.status as PodStatus);
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      summary.spec = {
        replicas: spec?.replicas,
        paused: spec?.paused,
        completions: spec?.completions,
        parallelism: spec?.parallelism,
        suspend: spec?.suspend,
        template: templateSummary(spec?.template as { spec?: PodSpec }),
      };
      break;
    case 'CronJob': {
      const job = spec?.jobTemplate as
        | { spec?: { template?: { spec?: PodSpec } } }
        | undefined;
      summary.spec = {
        schedule: spec?.schedule,
        suspend: spec?.suspend,
        jobTemplate: {
          spec: { template: templateSummary(job?.spec?.template) },
        },
      };
      break;
    }
    case 'ConfigMap':
    case 'Secret': {
      const keysOf = (data: unknown) =>
        data
          ? Object.fromEntries(Object.keys(data).map(key => [key, '']))
          : undefined;
      const values = object as { data?: unknown; binaryData?: unknown };
      Object.assign(summary, {
        data: keysOf(values.data),
        binaryData: keysOf(values.binaryData),
      });
      break;
    }
    case 'EndpointSlice': {
      const slice = object as {
        endpoints?: Array<{ conditions?: unknown }>;
      };
      Object.assign(summary, {
        endpoints: (slice.endpoints ?? []).map(e => ({
          conditions: e.conditions,
        })),
      });
      break;
    }
    default:
      // Services, Ingresses, autoscalers and custom resources: their spec
      // is what the tab describes, and is small.
      summary.spec = spec;
  }
  return summary;
}
