import {
  ClusterSummary,
  DiscoveryResponse,
  KindDescriptor,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';

const ALL_VERBS = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export function kind(
  group: string,
  version: string,
  resource: string,
  kindName: string,
  more: Partial<KindDescriptor> = {},
): KindDescriptor {
  return {
    group,
    version,
    resource,
    kind: kindName,
    namespaced: true,
    verbs: ALL_VERBS,
    shortNames: [],
    subresources: [],
    preferred: true,
    ...more,
  };
}

/** What discovery answers for a small cluster with OpenKruise installed. */
export const discovery: DiscoveryResponse = {
  cluster: 'dev',
  kinds: [
    kind('apps.kruise.io', 'v1alpha1', 'clonesets', 'CloneSet', {
      shortNames: ['clone'],
    }),
    kind('example.com', 'v1', 'widgets', 'Widget'),
    kind('', 'v1', 'pods', 'Pod', { shortNames: ['po'] }),
    kind('', 'v1', 'namespaces', 'Namespace', {
      namespaced: false,
      shortNames: ['ns'],
    }),
    kind('', 'v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'] }),
    kind('', 'v1', 'bindings', 'Binding', { verbs: ['create'] }),
    kind('apps', 'v1', 'deployments', 'Deployment', { shortNames: ['deploy'] }),
    kind('apps', 'v1', 'replicasets', 'ReplicaSet', { shortNames: ['rs'] }),
    kind('apps', 'v1beta1', 'deployments', 'Deployment', { preferred: false }),
    kind('batch', 'v1', 'jobs', 'Job'),
    kind('batch', 'v1', 'cronjobs', 'CronJob', { shortNames: ['cj'] }),
    kind('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', {
      shortNames: ['netpol'],
    }),
    kind('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', {
      namespaced: false,
    }),
    kind(
      'autoscaling',
      'v2',
      'horizontalpodautoscalers',
      'HorizontalPodAutoscaler',
      {
        shortNames: ['hpa'],
      },
    ),
  ],
  families: [
    {
      id: 'openkruise',
      title: 'OpenKruise',
      installed: true,
      resources: ['clonesets.apps.kruise.io'],
    },
    { id: 'traefik', title: 'Traefik', installed: false, resources: [] },
  ],
};

/** Two clusters from app-config and one registered. */
export const clusters: ClusterSummary[] = [
  {
    name: 'dev',
    title: 'Local dev',
    source: 'config',
    url: 'https://127.0.0.1:6443',
    group: 'dev',
    labels: { provider: 'local' },
    readOnly: false,
    impersonate: false,
    health: {
      status: 'reachable',
      version: 'v1.34.4',
      nodes: 3,
      latencyMs: 12,
      checkedAt: '2026-11-25T10:00:00.000Z',
    },
  },
  {
    name: 'prod',
    title: 'Local prod',
    source: 'config',
    url: 'https://127.0.0.1:7443',
    group: 'prod',
    labels: {},
    readOnly: true,
    impersonate: false,
  },
  {
    name: 'team-a',
    title: 'Team A',
    source: 'registered',
    url: 'https://team-a.example.com:6443',
    labels: { team: 'a' },
    readOnly: false,
    impersonate: false,
    insecure: true,
  },
];

/** The dev cluster of {@link clusters}, healthy and writable. */
export const devCluster: ClusterSummary = clusters[0];

export function deployment(
  name: string,
  more: Partial<KubeObject> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      uid: `uid-${name}`,
      name,
      namespace: 'team-shop',
      labels: { 'app.kubernetes.io/name': name },
      creationTimestamp: new Date(Date.now() - 3 * 3600_000).toISOString(),
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
    },
    status: { readyReplicas: 2 },
    ...more,
  } as KubeObject;
}
