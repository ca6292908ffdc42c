import { detectPodProblems, detectWorkloadProblems, Problem } from './problems';
import { ClusterWorkloads, ResourceChange, WorkloadsResponse } from './types';

/**
 * The kinds that make up an entity's workloads, in display order, as
 * `resource.group`: the controllers and their pods, and what serves and
 * configures them (EndpointSlices complete their Services).
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
  'endpointslices.discovery.k8s.io',
  'ingresses.networking.k8s.io',
  'horizontalpodautoscalers.autoscaling',
  'configmaps',
];

/**
 * The custom kinds an entity's answer lists on any of its clusters, as
 * `resource.group`, sorted: what its change stream follows besides
 * {@link WORKLOAD_RESOURCES}.
 *
 * @public
 */
export function customResourcesOf(response: WorkloadsResponse): string[] {
  const custom = new Set<string>();
  for (const cluster of response.clusters) {
    for (const resource of Object.keys(cluster.resources)) {
      if (!WORKLOAD_RESOURCES.includes(resource)) custom.add(resource);
    }
  }
  return [...custom].sort();
}

/**
 * Folds one change of the change stream into an entity's workloads: the
 * object is added, replaced (by uid) or removed. Answers a new response, or
 * the same one when the change concerns none of its clusters or kinds (the
 * workload kinds, and the custom kinds each cluster's answer lists).
 *
 * @public
 */
export function applyWorkloadChange(
  response: WorkloadsResponse,
  change: ResourceChange,
): WorkloadsResponse {
  const index = response.clusters.findIndex(c => c.cluster === change.cluster);
  if (
    index < 0 ||
    !(
      WORKLOAD_RESOURCES.includes(change.resource) ||
      change.resource in response.clusters[index].resources
    )
  ) {
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

/**
 * One cluster's share of an entity, in a line: how many workloads and pods,
 * how many pods are ready, and every problem found.
 *
 * @public
 */
export interface ClusterWorkloadsSummary {
  workloads: number;
  pods: number;
  readyPods: number;
  problems: Problem[];
}

/**
 * The workload controllers an entity's page lists, in display order, as
 * `resource.group`; ReplicaSets are left out, their Deployments stand for
 * them.
 *
 * @public
 */
export const WORKLOAD_CONTROLLER_RESOURCES = [
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
];

/**
 * Sums up an entity's workloads on one cluster.
 *
 * @public
 */
export function summarizeClusterWorkloads(
  cluster: ClusterWorkloads,
): ClusterWorkloadsSummary {
  const workloads = WORKLOAD_CONTROLLER_RESOURCES.flatMap(
    r => cluster.resources[r] ?? [],
  );
  const pods = cluster.resources.pods ?? [];
  const readyPods = pods.filter(pod =>
    (
      (pod.status as { conditions?: Array<{ type: string; status: string }> })
        ?.conditions ?? []
    ).some(c => c.type === 'Ready' && c.status === 'True'),
  ).length;
  return {
    workloads: workloads.length,
    pods: pods.length,
    readyPods,
    problems: [
      ...workloads.flatMap(detectWorkloadProblems),
      ...pods.flatMap(detectPodProblems),
    ],
  };
}
