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
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('k8s_ops_audit')).toBe(true);
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('k8s_ops_audit')).toBe(false);
  });
});
