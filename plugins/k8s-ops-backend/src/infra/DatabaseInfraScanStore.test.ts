import { InfraScan } from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';
import { applyMigrations } from '../database/applyMigrations';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { DatabaseInfraScanStore } from './DatabaseInfraScanStore';

const databases = createTestDatabases();

const scan = (overrides: Partial<InfraScan> = {}): InfraScan => ({
  cluster: 'dev',
  namespace: 'team-data',
  scannedAt: '2026-11-27T10:00:00.000Z',
  scannedBy: 'user:default/dana',
  durationMs: 12,
  services: [
    {
      type: 'postgresql',
      title: 'PostgreSQL',
      category: 'database',
      found: true,
      instances: [
        {
          namespace: 'team-data',
          name: 'orders-db',
          workload: {
            kind: 'StatefulSet',
            apiVersion: 'apps/v1',
            name: 'orders-db',
            ready: 1,
            desired: 1,
            version: '16.2',
          },
          matchedBy: ['image'],
          endpoints: [
            {
              type: 'ClusterIP',
              service: 'orders-db',
              address: 'orders-db.team-data.svc.cluster.local:5432',
              port: 5432,
            },
          ],
          credentialsSecret: 'orders-db',
        },
      ],
    },
    {
      type: 'redis',
      title: 'Redis / Valkey',
      category: 'cache',
      found: false,
      instances: [],
    },
  ],
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'DatabaseInfraScanStore on %s',
  id => {
    let knex: Knex;
    let store: DatabaseInfraScanStore;

    beforeEach(async () => {
      knex = await databases.init(id);
      await applyMigrations({ getClient: async () => knex });
      store = new DatabaseInfraScanStore(knex);
    });

    it('answers a saved scan as it was saved', async () => {
      await store.save(scan());
      expect(await store.list({ cluster: 'dev' })).toEqual([scan()]);
    });

    it('replaces the scan of the same cluster and namespace', async () => {
      await store.save(scan());
      const again = scan({
        scannedAt: '2026-11-27T11:00:00.000Z',
        scannedBy: 'user:default/sam',
        services: [],
      });
      await store.save(again);
      expect(
        await store.list({ cluster: 'dev', namespace: 'team-data' }),
      ).toEqual([again]);
    });

    it('keeps a scan of every namespace apart from the per-namespace ones, and filters by cluster and namespace', async () => {
      await store.save(scan());
      await store.save(scan({ namespace: undefined }));
      await store.save(scan({ cluster: 'prod' }));
      expect(await store.list()).toHaveLength(3);
      expect(
        (await store.list({ cluster: 'dev', allNamespaces: true })).map(
          s => s.namespace,
        ),
      ).toEqual([undefined]);
      expect(
        (await store.list({ namespace: 'team-data' })).map(s => s.cluster),
      ).toEqual(['dev', 'prod']);
    });

    it('forgets every scan of a removed cluster and only of it', async () => {
      await store.save(scan());
      await store.save(scan({ namespace: undefined }));
      await store.save(scan({ cluster: 'prod' }));
      expect(await store.deleteCluster('dev')).toBe(2);
      expect((await store.list()).map(s => s.cluster)).toEqual(['prod']);
    });
  },
);
