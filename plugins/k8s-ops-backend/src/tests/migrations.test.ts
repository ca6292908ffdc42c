import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@k8s-ops/plugin-k8s-ops-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())('migrations on %s', id => {
  it('apply up and roll back down to nothing', async () => {
    const knex = await databases.init(id);
    const tables = [
      'k8s_ops_audit',
      'k8s_ops_clusters',
      'k8s_ops_cluster_health',
    ];
    await knex.migrate.latest({ directory });
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    await knex.migrate.rollback({ directory }, true);
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
  });
});
