import { InfraScan } from '@k8s-ops/plugin-k8s-ops-common';
import { infraEntities } from './infraEntities';

const instance = (namespace: string, name: string) => ({
  namespace,
  name,
  workload: {
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    name,
    ready: 1,
    desired: 1,
  },
  matchedBy: ['image'],
  endpoints: [
    {
      type: 'ClusterIP' as const,
      service: name,
      address: `${name}.${namespace}.svc.cluster.local:5432`,
      port: 5432,
    },
  ],
  labelSelector: `app=${name}`,
});

const scan = (namespace: string | undefined, names: string[]): InfraScan => ({
  cluster: 'dev',
  namespace,
  scannedAt: '2026-11-27T10:00:00.000Z',
  scannedBy: 'user:default/dana',
  durationMs: 1,
  services: [
    {
      type: 'postgresql',
      title: 'PostgreSQL',
      category: 'database',
      found: true,
      instances: names.map(n => instance('team-data', n)),
    },
  ],
});

describe('infraEntities', () => {
  it('offers each instance once as a Resource typed by category, annotated for the k8s-ops tab', () => {
    const entities = infraEntities(
      [
        scan('team-data', ['orders-db']),
        scan(undefined, ['orders-db', 'x'.repeat(80)]),
      ],
      { owner: 'group:default/platform' },
    );
    expect(entities).toHaveLength(2);
    expect(entities[0]).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'dev-team-data-orders-db',
        description: 'Reachable at orders-db.team-data.svc.cluster.local:5432',
        annotations: {
          'backstage.io/kubernetes-label-selector': 'app=orders-db',
          'backstage.io/kubernetes-namespace': 'team-data',
          'k8s-ops.dev/cluster': 'dev',
        },
        tags: ['postgresql', 'database'],
      },
      spec: { type: 'database', owner: 'group:default/platform' },
    });
    expect(entities[1].metadata.name.length).toBeLessThanOrEqual(63);
  });
});
