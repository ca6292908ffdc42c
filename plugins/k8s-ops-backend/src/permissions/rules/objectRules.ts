import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { objectResourceRef } from '../resources';
import { hasLabel } from './clusterRules';

const byCluster = (clusters: string[]) => (o: { cluster: { name: string } }) =>
  clusters.includes(o.cluster.name);

/** Allows objects in the given clusters. */
export const isInCluster = createPermissionRule({
  name: 'IS_IN_CLUSTER',
  description: 'Allow objects in one of the given clusters',
  resourceRef: objectResourceRef,
  paramsSchema: z.object({
    clusters: z.array(z.string()).describe('Cluster names'),
  }),
  apply: (object, { clusters }) => byCluster(clusters)(object),
  toQuery: ({ clusters }) => byCluster(clusters),
});

const byGroup = (groups: string[]) => (o: { cluster: { group?: string } }) =>
  o.cluster.group !== undefined && groups.includes(o.cluster.group);

/** Allows objects in clusters of the given groups. */
export const isInObjectClusterGroup = createPermissionRule({
  name: 'IS_IN_CLUSTER_GROUP',
  description:
    'Allow objects in clusters of one of the given groups, such as staging',
  resourceRef: objectResourceRef,
  paramsSchema: z.object({
    groups: z.array(z.string()).describe('Cluster groups'),
  }),
  apply: (object, { groups }) => byGroup(groups)(object),
  toQuery: ({ groups }) => byGroup(groups),
});

const byNamespace = (namespaces: string[]) => (o: { namespace?: string }) =>
  o.namespace !== undefined && namespaces.includes(o.namespace);

/** Allows namespaced objects in the given namespaces. */
export const isInNamespace = createPermissionRule({
  name: 'IS_IN_NAMESPACE',
  description: 'Allow objects in one of the given namespaces',
  resourceRef: objectResourceRef,
  paramsSchema: z.object({
    namespaces: z.array(z.string()).describe('Namespace names'),
  }),
  apply: (object, { namespaces }) => byNamespace(namespaces)(object),
  toQuery: ({ namespaces }) => byNamespace(namespaces),
});

const byKind = (kinds: string[]) => {
  const wanted = kinds.map(k => k.toLowerCase());
  return (o: { kind: string }) => wanted.includes(o.kind.toLowerCase());
};

/** Allows objects of the given kinds. */
export const isKind = createPermissionRule({
  name: 'IS_KIND',
  description: 'Allow objects of one of the given kinds, such as Deployment',
  resourceRef: objectResourceRef,
  paramsSchema: z.object({
    kinds: z.array(z.string()).describe('Kinds, case-insensitive'),
  }),
  apply: (object, { kinds }) => byKind(kinds)(object),
  toQuery: ({ kinds }) => byKind(kinds),
});

/** Allows objects that carry a label. */
export const hasObjectLabel = createPermissionRule({
  name: 'HAS_LABEL',
  description: 'Allow objects with the given label, optionally with a value',
  resourceRef: objectResourceRef,
  paramsSchema: z.object({
    label: z.string().describe('Label name'),
    value: z.string().optional().describe('Label value; any value if absent'),
  }),
  apply: (object, { label, value }) => hasLabel(object.labels, label, value),
  toQuery:
    ({ label, value }) =>
    object =>
      hasLabel(object.labels, label, value),
});

export const objectRules = {
  isInCluster,
  isInClusterGroup: isInObjectClusterGroup,
  isInNamespace,
  isKind,
  hasLabel: hasObjectLabel,
};
