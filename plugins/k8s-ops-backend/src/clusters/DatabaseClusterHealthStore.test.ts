import { ClusterHealth } from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';
import { applyMigrations } from '../database/applyMigrations';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { DatabaseClusterHealthStore } from './DatabaseClusterHealthStore';

const databases = createTestDatabases();

const reachable: ClusterHealth = {
  status: 'reachable',
  version: 'v1.34.4',
  nodes: 3,
  latencyMs: 12,
  checkedAt: '2026-11-25T10:00:00.000Z',
};

const unreachable: ClusterHealth = {
  status: 'unreachable',
  error: "Cluster 'dev' is unreachable: connection refused",
  checkedAt: '2026-11-25T10:01:00.000Z',
};

describe.each(databases.eachSupportedId())(
  'DatabaseClusterHealthStore on %s',
  id => {
    let knex: Knex;
    let store: DatabaseClusterHealthStore;

    beforeEach(async () => {
      knex = await databases.init(id);
      await applyMigrations({ getClient: async () => knex });
      store = new DatabaseClusterHealthStore(knex);
    });

    it('answers every saved check by cluster, numbers as numbers and absent fields undefined', async () => {
      await store.save('prod', reachable);
      await store.save('dev', unreachable);
      const all = await store.all();
      expect([...all.keys()].sort()).toEqual(['dev', 'prod']);
      expect(all.get('prod')).toEqual({ ...reachable, error: undefined });
      expect(all.get('dev')).toEqual({
        ...unreachable,
        version: undefined,
        nodes: undefined,
        latencyMs: undefined,
      });
      expect(typeof all.get('prod')?.nodes).toBe('number');
    });

    it('answers an empty map before any check', async () => {
      expect((await store.all()).size).toBe(0);
    });

    it('replaces the previous check of a cluster, clearing fields the new one lacks', async () => {
      await store.save('prod', reachable);
      await store.save('prod', {
        ...unreachable,
        checkedAt: '2026-11-25T10:02:00.000Z',
      });
      const all = await store.all();
      expect(all.size).toBe(1);
      expect(all.get('prod')).toEqual({
        ...unreachable,
        checkedAt: '2026-11-25T10:02:00.000Z',
        version: undefined,
        nodes: undefined,
        latencyMs: undefined,
      });
    });

    it('keeps one row when replicas save the same cluster at once', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.save('prod', { ...reachable, latencyMs: i }),
        ),
      );
      const all = await store.all();
      expect(all.size).toBe(1);
      expect(all.get('prod')?.latencyMs).toBeGreaterThanOrEqual(0);
      const [{ count }] = await knex('k8s_ops_cluster_health').count({
        count: '*',
      });
      expect(Number(count)).toBe(1);
    });

    it('deletes the check of one cluster only, and ignores an unknown one', async () => {
      await store.save('prod', reachable);
      await store.save('dev', unreachable);
      await store.delete('prod');
      await store.delete('nowhere');
      expect([...(await store.all()).keys()]).toEqual(['dev']);
    });
  },
);
