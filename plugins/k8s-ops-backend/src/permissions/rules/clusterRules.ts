import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { clusterResourceRef } from '../resources';

/** Allows clusters by name. */
export const isCluster = createPermissionRule({
  name: 'IS_CLUSTER',
  description: 'Allow clusters with one of the given names',
  resourceRef: clusterResourceRef,
  paramsSchema: z.object({
    clusters: z.array(z.string()).describe('Names of the allowed clusters'),
  }),
  apply: (cluster, { clusters }) => clusters.includes(cluster.name),
  toQuery:
    ({ clusters }) =>
    cluster =>
      clusters.includes(cluster.name),
});

/** Allows clusters by group or environment. */
export const isInClusterGroup = createPermissionRule({
  name: 'IS_IN_CLUSTER_GROUP',
  description: 'Allow clusters in one of the given groups, such as staging',
  resourceRef: clusterResourceRef,
  paramsSchema: z.object({
    groups: z.array(z.string()).describe('Allowed cluster groups'),
  }),
  apply: (cluster, { groups }) =>
    cluster.group !== undefined && groups.includes(cluster.group),
  toQuery:
    ({ groups }) =>
    cluster =>
      cluster.group !== undefined && groups.includes(cluster.group),
});

/** Allows clusters by label. */
export const hasClusterLabel = createPermissionRule({
  name: 'HAS_CLUSTER_LABEL',
  description: 'Allow clusters with the given label, optionally with a value',
  resourceRef: clusterResourceRef,
  paramsSchema: z.object({
    label: z.string().describe('Label name'),
    value: z.string().optional().describe('Label value; any value if absent'),
  }),
  apply: (cluster, { label, value }) => hasLabel(cluster.labels, label, value),
  toQuery:
    ({ label, value }) =>
    cluster =>
      hasLabel(cluster.labels, label, value),
});

export function hasLabel(
  labels: Record<string, string>,
  label: string,
  value: string | undefined,
): boolean {
  return value === undefined ? label in labels : labels[label] === value;
}

export const clusterRules = { isCluster, isInClusterGroup, hasClusterLabel };
