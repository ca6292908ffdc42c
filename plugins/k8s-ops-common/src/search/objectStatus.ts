import { detectPodProblems, podStatus, readiness } from '../problems';
import { KubeObject, ObjectHealth } from '../types';

type Condition = { type?: string; status?: string };

const WORKLOADS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'CloneSet',
]);

const GOOD_PHASES = new Set(['Active', 'Bound', 'Available', 'Succeeded']);
const BAD_PHASES = new Set(['Failed', 'Lost', 'Terminating']);

/**
 * A one-line status of an object and its health, from what its kind says:
 * a Pod's state, a workload's ready replicas, a Job's outcome, a Node's
 * readiness, a phase. Kinds without a status answer an empty line and
 * `unknown`.
 *
 * @public
 */
export function objectStatus(object: KubeObject): {
  status: string;
  health: ObjectHealth;
} {
  const status = (object.status ?? {}) as {
    phase?: string;
    conditions?: Condition[];
    succeeded?: number;
    failed?: number;
    active?: number;
  };
  const kind = object.kind ?? '';
  if (object.metadata.deletionTimestamp) {
    return { status: 'Terminating', health: 'warning' };
  }
  if (kind === 'Pod') {
    const text = podStatus(object);
    if (detectPodProblems(object).length || text === 'Failed') {
      return { status: text, health: 'error' };
    }
    return {
      status: text,
      health: ['Running', 'Succeeded', 'Completed'].includes(text)
        ? 'ok'
        : 'warning',
    };
  }
  if (WORKLOADS.has(kind)) {
    const { ready, desired } = readiness(object);
    let health: ObjectHealth = 'warning';
    if (ready >= desired) {
      health = 'ok';
    } else if (ready === 0) {
      health = 'error';
    }
    return { status: `${ready}/${desired} ready`, health };
  }
  if (kind === 'Job') {
    if (
      status.conditions?.some(c => c.type === 'Failed' && c.status === 'True')
    ) {
      return { status: 'Failed', health: 'error' };
    }
    if (status.succeeded) {
      return { status: 'Succeeded', health: 'ok' };
    }
    return { status: status.active ? 'Running' : 'Pending', health: 'warning' };
  }
  if (kind === 'Node') {
    const ready = status.conditions?.find(c => c.type === 'Ready');
    return ready?.status === 'True'
      ? { status: 'Ready', health: 'ok' }
      : { status: 'NotReady', health: 'error' };
  }
  if (status.phase) {
    let health: ObjectHealth = 'warning';
    if (GOOD_PHASES.has(status.phase)) {
      health = 'ok';
    } else if (BAD_PHASES.has(status.phase)) {
      health = 'error';
    }
    return { status: status.phase, health };
  }
  return { status: '', health: 'unknown' };
}
