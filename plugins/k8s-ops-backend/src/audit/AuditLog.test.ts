import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { Request } from 'express';
import { applyMigrations } from '../database/applyMigrations';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { AuditLog } from './AuditLog';
import { DatabaseAuditStore } from './DatabaseAuditStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('AuditLog on %s', id => {
  async function setup() {
    const knex = await databases.init(id);
    await applyMigrations({ getClient: async () => knex });
    const store = new DatabaseAuditStore(knex);
    const event = { success: jest.fn(), fail: jest.fn() };
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => event),
    });
    const log = new AuditLog({
      auditor,
      store,
      logger: mockServices.logger.mock(),
    });
    return { store, auditor, event, log };
  }

  const base = {
    action: 'resource-scale',
    request: {} as Request,
    credentials: mockCredentials.user('user:default/dana'),
    target: {
      cluster: 'dev',
      namespace: 'team-shop',
      kind: 'Deployment',
      name: 'storefront',
    },
  };

  it('records a success in the table and as an auditor event', async () => {
    const { store, auditor, event, log } = await setup();
    const result = await log.track(
      {
        ...base,
        summary: (r: { replicas: number }) => `replicas → ${r.replicas}`,
      },
      async () => ({ replicas: 3 }),
    );
    expect(result).toEqual({ replicas: 3 });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'resource-scale', meta: base.target }),
    );
    expect(event.success).toHaveBeenCalled();
    const [row] = (await store.query({})).items;
    expect(row).toMatchObject({
      actor: 'user:default/dana',
      action: 'resource-scale',
      ...base.target,
      outcome: 'succeeded',
      status: 200,
      summary: 'replicas → 3',
    });
  });

  it('records a failure with the status the caller got, and rethrows', async () => {
    const { store, event, log } = await setup();
    await expect(
      log.track(base, async () => {
        throw new NotAllowedError('Cluster dev is read-only');
      }),
    ).rejects.toThrow('Cluster dev is read-only');
    expect(event.fail).toHaveBeenCalled();
    const [row] = (await store.query({})).items;
    expect(row).toMatchObject({
      outcome: 'failed',
      status: 403,
      summary: 'Cluster dev is read-only',
    });
  });

  it('keeps exactly one row per action under 100 concurrent actions', async () => {
    const { store, log } = await setup();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        log.track(
          { ...base, target: { ...base.target, name: `w${i}` } },
          async () => i,
        ),
      ),
    );
    const names = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await store.query({ limit: 500, cursor });
      page.items.forEach(e => names.add(e.name!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names.size).toBe(100);
  });

  it('records the status a success answers, such as 201 for a create', async () => {
    const { store, log } = await setup();
    await log.track({ ...base, status: () => 201 }, async () => 'made');
    const page = await store.query({ limit: 10 });
    expect(page.items[0]).toMatchObject({ outcome: 'succeeded', status: 201 });
  });

  it('records a dry run, marked as one', async () => {
    const { store, auditor, log } = await setup();
    await expect(
      log.track({ ...base, dryRun: true }, async () => 'preview'),
    ).resolves.toBe('preview');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ severityLevel: 'low' }),
    );
    const rows = (await store.query({ limit: 10 })).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'succeeded', dryRun: true });
    await log.track(base, async () => 'real');
    expect((await store.query({ limit: 10 })).items[0].dryRun).toBeUndefined();
  });

  it('records an action still running at shutdown as interrupted, once', async () => {
    const { store, log } = await setup();
    let finish!: () => void;
    const running = log.track(
      base,
      () => new Promise<string>(r => (finish = () => r('late'))),
    );
    await new Promise(r => setImmediate(r));
    await log.drain(10);
    finish();
    await expect(running).resolves.toBe('late');
    const rows = (await store.query({ limit: 10 })).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'failed',
      status: 503,
      summary: expect.stringContaining('interrupted'),
    });
  });

  it('lets actions that finish in time record their own outcome at shutdown', async () => {
    const { store, log } = await setup();
    const running = log.track(
      base,
      () => new Promise<number>(r => setTimeout(() => r(1), 20)),
    );
    await new Promise(r => setImmediate(r));
    await log.drain(5_000);
    await running;
    const rows = (await store.query({ limit: 10 })).items;
    expect(rows).toEqual([
      expect.objectContaining({ outcome: 'succeeded', status: 200 }),
    ]);
  });
});
