import { ResourceChange, WorkloadsResponse } from './types';

/**
 * The kinds that make up an entity's workloads, in display order, as
 * `resource.group`.
 *
 * @public
 */
export const WORKLOAD_RESOURCES = [
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'replicasets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'pods',
  'services',
  'ingresses.networking.k8s.io',
];

/**
 * Folds one change of the change stream into an entity's workloads: the
 * object is added, replaced (by uid) or removed. Answers a new response, or
 * the same one when the change concerns none of its clusters or kinds.
 *
 * @public
 */
export function applyWorkloadChange(
  response: WorkloadsResponse,
  change: ResourceChange,
): WorkloadsResponse {
  const index = response.clusters.findIndex(c => c.cluster === change.cluster);
  if (index < 0 || !WORKLOAD_RESOURCES.includes(change.resource)) {
    return response;
  }
  const cluster = response.clusters[index];
  const uid = change.object.metadata.uid;
  const current = cluster.resources[change.resource] ?? [];
  const others = current.filter(o => o.metadata.uid !== uid);
  const next =
    change.type === 'DELETED'
      ? others
      : [...others, change.object].sort(
          (a, b) =>
            (a.metadata.namespace ?? '').localeCompare(
              b.metadata.namespace ?? '',
            ) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
        );
  const clusters = [...response.clusters];
  clusters[index] = {
    ...cluster,
    resources: { ...cluster.resources, [change.resource]: next },
  };
  return { ...response, clusters };
}
