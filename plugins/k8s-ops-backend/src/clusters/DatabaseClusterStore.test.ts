import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { applyMigrations } from '../database/applyMigrations';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { DatabaseClusterStore, StoredCluster } from './DatabaseClusterStore';

const databases = createTestDatabases();

function cluster(overrides: Partial<StoredCluster> = {}): StoredCluster {
  return {
    name: 'prod-eu',
    title: 'Production – Zürich 🚀',
    url: 'https://k8s.example.com:6443',
    group: 'prod',
    labels: { team: 'platform', 'example.com/tier': 'gold' },
    readOnly: true,
    impersonate: false,
    sealedCredentials: 'v1:key:sealed-bytes',
    createdBy: 'user:default/dana',
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('DatabaseClusterStore on %s', id => {
  let knex: Knex;
  let store: DatabaseClusterStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    await applyMigrations({ getClient: async () => knex });
    store = new DatabaseClusterStore(knex);
  });

  it('answers what was inserted, by name, with every field as given', async () => {
    await store.insert(cluster({ name: 'zeta' }));
    await store.insert(
      cluster({
        name: 'alpha',
        group: undefined,
        labels: {},
        readOnly: false,
        impersonate: true,
      }),
    );
    const listed = await store.list();
    expect(listed.map(c => c.name)).toEqual(['alpha', 'zeta']);
    expect(listed[1]).toEqual(cluster({ name: 'zeta' }));
    expect(listed[0]).toEqual({
      ...cluster({ name: 'alpha', labels: {} }),
      group: undefined,
      readOnly: false,
      impersonate: true,
    });
    expect(await store.get('zeta')).toEqual(cluster({ name: 'zeta' }));
  });

  it('answers undefined for an unknown name', async () => {
    expect(await store.get('nowhere')).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('409 when the name is registered already, keeping the first', async () => {
    await store.insert(cluster());
    const error = await store
      .insert(cluster({ title: 'Second' }))
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      "A cluster named 'prod-eu' is already registered",
    );
    expect((await store.get('prod-eu'))?.title).toBe(cluster().title);
  });

  it('keeps exactly one row when the same name is inserted concurrently', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => store.insert(cluster())),
    );
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    const refusals = results.flatMap(r =>
      r.status === 'rejected' ? [r.reason] : [],
    );
    expect(refusals).toEqual(Array(4).fill(expect.any(ConflictError)));
    expect(await store.list()).toHaveLength(1);
  });

  it('changes only the given fields, and a null group clears it', async () => {
    await store.insert(cluster());
    await store.insert(cluster({ name: 'other' }));
    const updated = await store.update('prod-eu', {
      title: 'Renamed',
      labels: { team: 'shop' },
      readOnly: false,
      group: null,
      updatedAt: '2026-11-26T08:00:00.000Z',
    });
    expect(updated).toEqual({
      ...cluster(),
      title: 'Renamed',
      labels: { team: 'shop' },
      readOnly: false,
      group: undefined,
      updatedAt: '2026-11-26T08:00:00.000Z',
    });
    expect(await store.get('other')).toEqual(cluster({ name: 'other' }));
  });

  it('replaces the sealed credentials and stamps the change time', async () => {
    await store.insert(cluster());
    const before = Date.now();
    const updated = await store.update('prod-eu', {
      sealedCredentials: 'v1:key:rotated',
      url: 'https://k8s2.example.com',
    });
    expect(updated.sealedCredentials).toBe('v1:key:rotated');
    expect(updated.url).toBe('https://k8s2.example.com');
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(updated.createdAt).toBe(cluster().createdAt);
  });

  it('404 when updating or deleting an unknown cluster', async () => {
    await expect(store.update('nowhere', { title: 'x' })).rejects.toEqual(
      new NotFoundError("No registered cluster named 'nowhere'"),
    );
    await expect(store.delete('nowhere')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes one cluster and leaves the others', async () => {
    await store.insert(cluster());
    await store.insert(cluster({ name: 'other' }));
    await store.delete('prod-eu');
    expect((await store.list()).map(c => c.name)).toEqual(['other']);
    await expect(store.delete('prod-eu')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores a URL of 2048 characters and 50 labels unchanged', async () => {
    const url = `https://k8s.example.com/${'p'.repeat(2048 - 24)}`;
    const labels = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [
        `example.com/label-${i}`,
        'v'.repeat(63),
      ]),
    );
    await store.insert(cluster({ url, labels }));
    const stored = await store.get('prod-eu');
    expect(stored?.url).toHaveLength(2048);
    expect(stored?.url).toBe(url);
    expect(stored?.labels).toEqual(labels);
  });
});
