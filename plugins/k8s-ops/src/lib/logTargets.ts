import { KindDescriptor, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

/** The workload kinds whose pods' logs the backend reads together. */
const LOG_WORKLOADS: Record<string, string> = {
  'apps/Deployment': 'deployments',
  'apps/StatefulSet': 'statefulsets',
  'apps/DaemonSet': 'daemonsets',
  'batch/Job': 'jobs',
};

/**
 * The resource of the log routes for a kind: `pods`, or the workload kinds
 * whose pods' logs can be read together; undefined for every other kind.
 */
export function logResourceOf(
  kind: Pick<KindDescriptor, 'group' | 'kind'>,
): string | undefined {
  if (!kind.group && kind.kind === 'Pod') {
    return 'pods';
  }
  return LOG_WORKLOADS[`${kind.group}/${kind.kind}`];
}

/** The containers of a pod, or of a workload's pod template, by name. */
export function containersOf(object: KubeObject): string[] {
  type Spec = { containers?: Array<{ name: string }> };
  const spec = (object as { spec?: Spec & { template?: { spec?: Spec } } })
    .spec;
  return (spec?.containers ?? spec?.template?.spec?.containers ?? []).map(
    c => c.name,
  );
}
