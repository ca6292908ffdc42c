import { Knex } from 'knex';
import { applyMigrations } from '../database/applyMigrations';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { DatabasePortForwardStore } from './DatabasePortForwardStore';
import { PortForwardRecord } from './PortForwardStore';

const databases = createTestDatabases();

const record = (
  id: string,
  extra: Partial<PortForwardRecord> = {},
): PortForwardRecord => ({
  id,
  replica: 'replica-a',
  owner: 'user:default/dana',
  cluster: 'dev',
  namespace: 'shop',
  target: { kind: 'service', name: 'web' },
  pod: 'web-1',
  ports: [{ port: 80, podPort: 8080 }],
  state: 'active',
  startedAt: '2026-11-27T10:00:00.000Z',
  lastUsedAt: '2026-11-27T10:00:00.000Z',
  heartbeatAt: '2026-11-27T10:00:00.000Z',
  ...extra,
});

const ids = {
  a: '00000000-0000-4000-8000-00000000000a',
  b: '00000000-0000-4000-8000-00000000000b',
  c: '00000000-0000-4000-8000-00000000000c',
};

describe.each(databases.eachSupportedId())(
  'DatabasePortForwardStore on %s',
  id => {
    let knex: Knex;
    let store: DatabasePortForwardStore;

    beforeEach(async () => {
      knex = await databases.init(id);
      await applyMigrations({ getClient: async () => knex });
      store = new DatabasePortForwardStore(knex);
    });

    it('answers a stored session as it was stored, impersonation included', async () => {
      const stored = record(ids.a, {
        impersonation: {
          user: 'user:default/dana',
          groups: ['group:default/shop'],
        },
      });
      await store.insert(stored);
      expect(await store.get(ids.a)).toEqual(stored);
      expect(await store.get(ids.b)).toBeUndefined();
    });

    it('lists newest first, by owner, state and replica; counts active sessions', async () => {
      await store.insert(record(ids.a));
      await store.insert(
        record(ids.b, {
          owner: 'user:default/sam',
          startedAt: '2026-11-27T11:00:00.000Z',
        }),
      );
      await store.insert(
        record(ids.c, {
          replica: 'replica-b',
          state: 'stopped',
          startedAt: '2026-11-27T12:00:00.000Z',
        }),
      );
      expect((await store.list()).map(r => r.id)).toEqual([
        ids.c,
        ids.b,
        ids.a,
      ]);
      expect(
        (await store.list({ owner: 'user:default/dana' })).map(r => r.id),
      ).toEqual([ids.c, ids.a]);
      expect(
        (await store.list({ states: ['active'], replica: 'replica-a' })).map(
          r => r.id,
        ),
      ).toEqual([ids.b, ids.a]);
      expect(await store.countActive()).toBe(2);
      expect(await store.countActive('user:default/dana')).toBe(1);
    });

    it('ends a session once', async () => {
      await store.insert(record(ids.a));
      const end = {
        state: 'failed' as const,
        error: 'pod gone',
        endedAt: '2026-11-27T10:05:00.000Z',
      };
      expect(await store.end(ids.a, end)).toBe(true);
      expect(await store.end(ids.a, { ...end, state: 'stopped' })).toBe(false);
      expect(await store.get(ids.a)).toMatchObject({
        state: 'failed',
        error: 'pod gone',
        endedAt: end.endedAt,
      });
    });

    it('records uses and heartbeats of active sessions only', async () => {
      await store.insert(record(ids.a));
      await store.insert(record(ids.b, { state: 'stopped' }));
      await store.touch(ids.a, '2026-11-27T10:01:00.000Z');
      await store.touch(ids.b, '2026-11-27T10:01:00.000Z');
      await store.heartbeat('replica-a', '2026-11-27T10:02:00.000Z');
      expect(await store.get(ids.a)).toMatchObject({
        lastUsedAt: '2026-11-27T10:01:00.000Z',
        heartbeatAt: '2026-11-27T10:02:00.000Z',
      });
      expect(await store.get(ids.b)).toMatchObject({
        lastUsedAt: '2026-11-27T10:00:00.000Z',
        heartbeatAt: '2026-11-27T10:00:00.000Z',
      });
    });

    it('lets one replica take over a session whose holder went quiet, and only then', async () => {
      await store.insert(record(ids.a));
      expect(
        await store.adopt(
          ids.a,
          'replica-b',
          '2026-11-27T09:59:00.000Z',
          '2026-11-27T10:10:00.000Z',
        ),
      ).toBe(false);
      expect(
        await store.adopt(
          ids.a,
          'replica-b',
          '2026-11-27T10:01:00.000Z',
          '2026-11-27T10:10:00.000Z',
        ),
      ).toBe(true);
      // The second replica sees a fresh heartbeat and leaves it.
      expect(
        await store.adopt(
          ids.a,
          'replica-c',
          '2026-11-27T10:01:00.000Z',
          '2026-11-27T10:10:00.000Z',
        ),
      ).toBe(false);
      expect(await store.get(ids.a)).toMatchObject({ replica: 'replica-b' });
      await store.repoint(ids.a, 'web-2');
      expect((await store.get(ids.a))?.pod).toBe('web-2');
    });
  },
);
