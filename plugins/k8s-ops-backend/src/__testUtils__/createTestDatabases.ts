import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases every store test runs on: SQLite, and the PostgreSQL server
 * named by BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (the test
 * command starts one). Without that server the PostgreSQL cases fail; they
 * are never skipped.
 */
export function createTestDatabases() {
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}
