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

function templateSummary(template: { spec?: PodSpec } | undefined) {
  return template && { spec: podSpecSummary(template.spec) };
}

/**
 * An object as an entity's tab shows it: its metadata without annotations,
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
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      summary.spec = {
        replicas: spec?.replicas,
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
