import { RelationsResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { relationLabel, relationSentences } from './relationSentences';

const node = (id: string, kind: string, depth = 1) => ({
  id,
  cluster: 'c',
  resource: kind.toLowerCase(),
  kind,
  name: id,
  status: '',
  health: 'ok' as const,
  depth,
});

describe('relationSentences', () => {
  it('reads the direct relations of the root from its side', () => {
    const graph: RelationsResponse = {
      root: 'pod',
      nodes: [
        node('pod', 'Pod', 0),
        node('rs', 'ReplicaSet'),
        node('svc', 'Service'),
        node('a', 'ConfigMap'),
        node('b', 'ConfigMap'),
        node('far', 'Deployment', 2),
      ],
      edges: [
        { from: 'rs', to: 'pod', relation: 'owns' },
        { from: 'svc', to: 'pod', relation: 'selects' },
        { from: 'pod', to: 'a', relation: 'mounts' },
        { from: 'pod', to: 'b', relation: 'mounts' },
        { from: 'far', to: 'rs', relation: 'owns' },
      ],
    };
    expect(
      relationSentences(graph).map(
        s => `${s.phrase} ${s.kind} ${s.nodes.map(n => n.name).join(', ')}`,
      ),
    ).toEqual([
      'Owned by ReplicaSet rs',
      'Selected by Service svc',
      'Uses ConfigMap a, b',
    ]);
  });

  it('labels edges in lower case', () => {
    expect(relationLabel('routes-to')).toBe('routes traffic to');
  });
});
