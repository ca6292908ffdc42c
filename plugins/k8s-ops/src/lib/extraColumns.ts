import {
  KindDescriptor,
  KubeObject,
  podReadiness,
  podRestarts,
  podStatus,
  readiness,
} from '@k8s-ops/plugin-k8s-ops-common';

/** A column computed from the object, beyond the ones every kind has. */
export interface ExtraColumn {
  title: string;
  value: (object: KubeObject) => string | number;
}

type Condition = { type?: string; status?: string; reason?: string };

function status<T>(object: KubeObject): T | undefined {
  return object.status as T | undefined;
}

function spec<T>(object: KubeObject): T | undefined {
  return object.spec as T | undefined;
}

const replicas: ExtraColumn = {
  title: 'Ready',
  value: o => {
    const { ready, desired } = readiness(o);
    return `${ready}/${desired}`;
  },
};

/** Whether a condition of the given type is true: `Ready`, `Available`... */
function conditionStatus(object: KubeObject): string {
  const conditions = status<{ conditions?: Condition[] }>(object)?.conditions;
  const ready = conditions?.find(c => c.type === 'Ready');
  if (ready) {
    return ready.status === 'True' ? 'Ready' : ready.reason ?? 'Not ready';
  }
  return '';
}

// A few kinds get columns of their own; every other kind, CRDs included,
// gets the generic status column below.
const BY_KIND: Record<string, ExtraColumn[]> = {
  Pod: [
    { title: 'Status', value: podStatus },
    {
      title: 'Ready',
      value: o => {
        const { ready, total } = podReadiness(o);
        return `${ready}/${total}`;
      },
    },
    { title: 'Restarts', value: podRestarts },
    {
      title: 'Node',
      value: o => spec<{ nodeName?: string }>(o)?.nodeName ?? '',
    },
  ],
  Node: [
    {
      title: 'Status',
      value: o => {
        const ready = status<{ conditions?: Condition[] }>(o)?.conditions?.find(
          c => c.type === 'Ready',
        );
        const state = ready?.status === 'True' ? 'Ready' : 'NotReady';
        return spec<{ unschedulable?: boolean }>(o)?.unschedulable
          ? `${state},SchedulingDisabled`
          : state;
      },
    },
    {
      title: 'Version',
      value: o =>
        status<{ nodeInfo?: { kubeletVersion?: string } }>(o)?.nodeInfo
          ?.kubeletVersion ?? '',
    },
  ],
  Deployment: [replicas],
  StatefulSet: [replicas],
  ReplicaSet: [replicas],
  DaemonSet: [replicas],
  CloneSet: [replicas],
  Job: [
    {
      title: 'Completions',
      value: o =>
        `${status<{ succeeded?: number }>(o)?.succeeded ?? 0}/${
          spec<{ completions?: number }>(o)?.completions ?? 1
        }`,
    },
    {
      title: 'Status',
      value: o => {
        const conditions =
          status<{ conditions?: Condition[] }>(o)?.conditions ?? [];
        const done = conditions.find(
          c =>
            (c.type === 'Complete' || c.type === 'Failed') &&
            c.status === 'True',
        );
        return done?.type ?? 'Running';
      },
    },
  ],
  CronJob: [
    {
      title: 'Schedule',
      value: o => spec<{ schedule?: string }>(o)?.schedule ?? '',
    },
    {
      title: 'Suspended',
      value: o => (spec<{ suspend?: boolean }>(o)?.suspend ? 'yes' : 'no'),
    },
  ],
  Service: [
    {
      title: 'Type',
      value: o => spec<{ type?: string }>(o)?.type ?? 'ClusterIP',
    },
    {
      title: 'Cluster IP',
      value: o => spec<{ clusterIP?: string }>(o)?.clusterIP ?? '',
    },
    {
      title: 'Ports',
      value: o =>
        (
          spec<{ ports?: Array<{ port: number; protocol?: string }> }>(o)
            ?.ports ?? []
        )
          .map(p => `${p.port}/${p.protocol ?? 'TCP'}`)
          .join(', '),
    },
  ],
};

const generic: ExtraColumn = {
  title: 'Status',
  value: o => status<{ phase?: string }>(o)?.phase ?? conditionStatus(o),
};

/**
 * The extra columns of a kind: its own for a few well-known kinds, else a
 * status column when any of the objects reports a phase or a Ready condition.
 */
export function extraColumns(
  kind: KindDescriptor,
  objects: KubeObject[],
): ExtraColumn[] {
  const own = BY_KIND[kind.kind];
  if (own) {
    return own;
  }
  return objects.some(o => generic.value(o) !== '') ? [generic] : [];
}
