import { KubeObject } from '../types';
import { findRelations, RelationCandidate } from './findRelations';

const ns = 'shop';
const c = (
  resource: string,
  kind: string,
  name: string,
  extra: Partial<KubeObject> & { uid?: string; owner?: string } = {},
  namespaced = true,
): RelationCandidate => {
  const { uid, owner, ...rest } = extra;
  return {
    resource,
    kind,
    namespaced,
    object: {
      kind,
      ...rest,
      metadata: {
        name,
        ...(namespaced ? { namespace: ns } : {}),
        uid: uid ?? `${kind}-${name}`,
        ...(owner
          ? {
              ownerReferences: [
                { apiVersion: 'v1', kind: 'x', name: 'x', uid: owner },
              ],
            }
          : {}),
        ...(rest.metadata ?? {}),
      },
    },
  };
};

const podSpec = {
  serviceAccountName: 'web-sa',
  nodeName: 'node-1',
  volumes: [
    { configMap: { name: 'cfg' } },
    { secret: { secretName: 'sec' } },
    { persistentVolumeClaim: { claimName: 'data' } },
  ],
  containers: [{ envFrom: [{ configMapRef: { name: 'env' } }] }],
};

const deployment = c('deployments.apps', 'Deployment', 'web', {
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { spec: { volumes: [{ configMap: { name: 'cfg' } }] } },
  },
  status: { readyReplicas: 1 },
});
const replicaSet = c('replicasets.apps', 'ReplicaSet', 'web-1', {
  owner: 'Deployment-web',
});
const pod = c('pods', 'Pod', 'web-1-a', {
  owner: 'ReplicaSet-web-1',
  metadata: { labels: { app: 'web' } },
  spec: podSpec,
  status: { phase: 'Running' },
});
const otherPod = c('pods', 'Pod', 'db-0', {
  metadata: { labels: { app: 'db' } },
});
const candidates = [
  deployment,
  replicaSet,
  pod,
  otherPod,
  c('services', 'Service', 'web', { spec: { selector: { app: 'web' } } }),
  c('services', 'Service', 'manual', { spec: {} }),
  c('networkpolicies.networking.k8s.io', 'NetworkPolicy', 'only-web', {
    spec: {
      podSelector: {
        matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }],
      },
    },
  }),
  c('poddisruptionbudgets.policy', 'PodDisruptionBudget', 'web', {
    spec: { selector: { matchLabels: { app: 'web' } } },
  }),
  c('configmaps', 'ConfigMap', 'cfg'),
  c('configmaps', 'ConfigMap', 'env'),
  c('secrets', 'Secret', 'sec'),
  c('serviceaccounts', 'ServiceAccount', 'web-sa'),
  c('nodes', 'Node', 'node-1', {}, false),
  c('persistentvolumeclaims', 'PersistentVolumeClaim', 'data', {
    spec: { volumeName: 'pv-1', storageClassName: 'fast' },
  }),
  c(
    'persistentvolumes',
    'PersistentVolume',
    'pv-1',
    {
      spec: { storageClassName: 'fast' },
    },
    false,
  ),
  c('storageclasses.storage.k8s.io', 'StorageClass', 'fast', {}, false),
  c('ingresses.networking.k8s.io', 'Ingress', 'shop', {
    spec: {
      rules: [{ http: { paths: [{ backend: { service: { name: 'web' } } }] } }],
    },
  }),
  c('horizontalpodautoscalers.autoscaling', 'HorizontalPodAutoscaler', 'web', {
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' } },
  }),
];

const id = (x: RelationCandidate) =>
  `c1/${x.resource}/${x.namespaced ? ns : ''}/${x.object.metadata.name}`;
const find = (kind: string, name: string) =>
  candidates.find(x => x.kind === kind && x.object.metadata.name === name)!;

/** The edges of a graph as `Kind/name relation Kind/name`. */
function edgesOf(root: RelationCandidate, depth: number, from = candidates) {
  const graph = findRelations({ cluster: 'c1', root, candidates: from, depth });
  const nameOf = (nodeId: string) => {
    const node = graph.nodes.find(n => n.id === nodeId)!;
    return `${node.kind}/${node.name}`;
  };
  return graph.edges.map(
    e => `${nameOf(e.from)} ${e.relation} ${nameOf(e.to)}`,
  );
}

describe('findRelations', () => {
  it.each([
    ['owner of the pod', 'ReplicaSet/web-1 owns Pod/web-1-a'],
    ['Service selector', 'Service/web selects Pod/web-1-a'],
    ['NetworkPolicy selector', 'NetworkPolicy/only-web selects Pod/web-1-a'],
    ['PodDisruptionBudget', 'PodDisruptionBudget/web selects Pod/web-1-a'],
    ['ConfigMap volume', 'Pod/web-1-a mounts ConfigMap/cfg'],
    ['ConfigMap in envFrom', 'Pod/web-1-a mounts ConfigMap/env'],
    ['Secret volume', 'Pod/web-1-a mounts Secret/sec'],
    ['claim', 'Pod/web-1-a mounts PersistentVolumeClaim/data'],
    ['service account', 'Pod/web-1-a runs-as ServiceAccount/web-sa'],
    ['node', 'Pod/web-1-a runs-on Node/node-1'],
  ])('a pod at depth 1: %s', (_what, edge) => {
    expect(edgesOf(pod, 1)).toContain(edge);
  });

  it.each([
    [
      'claim to volume',
      'PersistentVolumeClaim/data claims PersistentVolume/pv-1',
    ],
    ['claim to class', 'PersistentVolumeClaim/data class StorageClass/fast'],
    ['volume to class', 'PersistentVolume/pv-1 class StorageClass/fast'],
  ])('a claim at depth 2: %s', (_what, edge) => {
    expect(edgesOf(find('PersistentVolumeClaim', 'data'), 2)).toContain(edge);
  });

  it('follows a Deployment to its ReplicaSet, Pods, template ConfigMap and autoscaler', () => {
    expect(edgesOf(deployment, 1).sort()).toEqual([
      'Deployment/web mounts ConfigMap/cfg',
      'Deployment/web owns ReplicaSet/web-1',
      'HorizontalPodAutoscaler/web scales Deployment/web',
    ]);
    expect(edgesOf(deployment, 2)).toContain(
      'ReplicaSet/web-1 owns Pod/web-1-a',
    );
  });

  it('follows an Ingress to its Service and the Service to its Pods', () => {
    const edges = edgesOf(find('Ingress', 'shop'), 2);
    expect(edges).toEqual(
      expect.arrayContaining([
        'Ingress/shop routes-to Service/web',
        'Service/web selects Pod/web-1-a',
      ]),
    );
    expect(edges.join()).not.toContain('db-0');
  });

  it('marks depth and health of each node, and its id', () => {
    const graph = findRelations({
      cluster: 'c1',
      root: deployment,
      candidates,
      depth: 2,
    });
    expect(graph.root).toBe(id(deployment));
    expect(graph.nodes.find(n => n.id === id(pod))).toMatchObject({
      depth: 2,
      status: 'Running',
      health: 'ok',
      namespace: ns,
    });
  });

  it('a Service without a selector selects nothing', () => {
    expect(edgesOf(find('Service', 'manual'), 3)).toEqual([]);
  });

  it('leaves out what is not among the candidates, and its edges', () => {
    const withoutReplicaSet = candidates.filter(x => x !== replicaSet);
    const edges = edgesOf(deployment, 3, withoutReplicaSet);
    expect(edges.join()).not.toContain('ReplicaSet');
    expect(edges).not.toContain('Deployment/web owns ReplicaSet/web-1');
  });
});
