import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { applyMigrations } from '../database/applyMigrations';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { NewAuditEntry } from './AuditStore';

const databases = createTestDatabases();

function entry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    createdAt: '2026-11-25T10:00:00.000Z',
    actor: 'user:default/dana',
    action: 'resource-apply',
    cluster: 'dev',
    namespace: 'team-shop',
    kind: 'Deployment',
    name: 'storefront',
    outcome: 'succeeded',
    status: 200,
    summary: 'replicas 2 → 3',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('DatabaseAuditStore on %s', id => {
  let knex: Knex;
  let store: DatabaseAuditStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    await applyMigrations({ getClient: async () => knex });
    store = new DatabaseAuditStore(knex);
  });

  it('answers what was inserted, newest first', async () => {
    await store.insert(entry({ name: 'first' }));
    await store.insert(
      entry({ name: 'second', outcome: 'failed', status: 403 }),
    );
    const page = await store.query({});
    expect(page.items.map(e => e.name)).toEqual(['second', 'first']);
    expect(page.items[0]).toMatchObject({
      actor: 'user:default/dana',
      action: 'resource-apply',
      cluster: 'dev',
      namespace: 'team-shop',
      kind: 'Deployment',
      outcome: 'failed',
      status: 403,
      summary: 'replicas 2 → 3',
    });
    expect(typeof page.items[0].id).toBe('string');
    expect(page.nextCursor).toBeUndefined();
  });

  it('filters by every field and by time', async () => {
    await store.insert(
      entry({ cluster: 'dev', createdAt: '2026-11-01T00:00:00.000Z' }),
    );
    await store.insert(
      entry({ cluster: 'prod', createdAt: '2026-11-02T00:00:00.000Z' }),
    );
    await store.insert(
      entry({
        cluster: 'prod',
        action: 'resource-delete',
        createdAt: '2026-11-03T00:00:00.000Z',
      }),
    );
    expect((await store.query({ cluster: 'prod' })).items).toHaveLength(2);
    expect(
      (await store.query({ cluster: 'prod', action: 'resource-delete' })).items,
    ).toHaveLength(1);
    expect(
      (
        await store.query({
          since: '2026-11-02T00:00:00.000Z',
          until: '2026-11-03T00:00:00.000Z',
        })
      ).items.map(e => e.createdAt),
    ).toEqual(['2026-11-02T00:00:00.000Z']);
    expect((await store.query({ actor: 'user:default/nobody' })).items).toEqual(
      [],
    );
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['an action by a part of it', { action: 'scale' }, ['scaled']],
    [
      'a person by a part of the ref',
      { actor: 'GUEST' },
      ['scaled', 'deleted'],
    ],
    ['a kind in any case', { kind: 'deploy' }, ['scaled', 'applied']],
    ['a name by its prefix', { name: 'store' }, ['applied']],
    ['a % as a character, not a wildcard', { name: '%' }, ['odd']],
    ['an _ as a character, not a wildcard', { name: 'b_1' }, []],
  ])('finds %s', async (_, filter, expected) => {
    await store.insert(entry({ name: 'storefront', summary: 'applied' }));
    await store.insert(
      entry({
        actor: 'user:default/guest',
        action: 'resource-delete',
        kind: 'Pod',
        name: 'web-1',
        summary: 'deleted',
      }),
    );
    await store.insert(
      entry({
        actor: 'user:default/guest',
        action: 'resource-scale',
        name: 'checkout',
        summary: 'scaled',
      }),
    );
    await store.insert(
      entry({ kind: 'ConfigMap', name: '50%', summary: 'odd' }),
    );
    expect((await store.query(filter)).items.map(e => e.summary)).toEqual(
      expected,
    );
  });

  it('pages with a cursor: every entry once', async () => {
    for (let i = 0; i < 12; i++) {
      await store.insert(entry({ name: `n${i}` }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.query({ limit: 5, cursor });
      seen.push(...page.items.map(e => e.name!));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
  });

  it('400 on a cursor it did not make', async () => {
    await expect(store.query({ cursor: 'bogus' })).rejects.toThrow(InputError);
  });

  it('keeps every one of 100 concurrent inserts', async () => {
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.insert(entry({ name: `c${i}` })),
      ),
    );
    const [{ count }] = await knex('k8s_ops_audit').count({ count: '*' });
    expect(Number(count)).toBe(100);
  });

  it('removes entries older than the retention', async () => {
    await store.insert(entry({ createdAt: '2025-01-01T00:00:00.000Z' }));
    await store.insert(entry({ createdAt: '2026-11-25T00:00:00.000Z' }));
    expect(
      await store.deleteOlderThan(new Date('2026-01-01T00:00:00.000Z')),
    ).toBe(1);
    expect((await store.query({})).items.map(e => e.createdAt)).toEqual([
      '2026-11-25T00:00:00.000Z',
    ]);
  });
});
