import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DeployRecord } from '@k8s-ops/plugin-k8s-ops-common';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { DatabaseDeployStore } from './DatabaseDeployStore';
import { DatabaseJobStore } from './DatabaseJobStore';

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@k8s-ops/plugin-k8s-ops-backend',
  'migrations',
);

const record = (
  id: string,
  extra: Partial<DeployRecord> = {},
): DeployRecord => ({
  id,
  actor: 'user:default/dana',
  createdAt: `2026-11-27T10:00:0${id.slice(-1)}.000Z`,
  cluster: 'dev',
  namespace: 'shop',
  service: 'api',
  name: 'api',
  status: 'progressing',
  manifests: [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'api-secrets' },
      data: { K: '' },
    },
  ],
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'deploy and job stores on %s',
  id => {
    it('keeps deploys, records their outcome, and lists them newest first by place and visible cluster', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory });
      const store = new DatabaseDeployStore(knex);
      const a = '00000000-0000-4000-8000-000000000001';
      const b = '00000000-0000-4000-8000-000000000002';
      const c = '00000000-0000-4000-8000-000000000003';
      await store.insert(record(a));
      await store.insert(record(b, { rollbackOf: a }));
      await store.insert(record(c, { cluster: 'prod', service: 'web' }));
      await store.update(a, {
        status: 'failed',
        reason: 'crash loop: container api of pod api-1 restarted 7 times',
        finishedAt: '2026-11-27T10:00:09.000Z',
        durationMs: 8000,
      });
      expect(await store.get(a)).toEqual({
        ...record(a),
        status: 'failed',
        reason: 'crash loop: container api of pod api-1 restarted 7 times',
        finishedAt: '2026-11-27T10:00:09.000Z',
        durationMs: 8000,
      });
      expect((await store.list({ service: 'api' })).map(r => r.id)).toEqual([
        b,
        a,
      ]);
      expect((await store.get(b))?.rollbackOf).toBe(a);
      expect((await store.list({ clusters: ['prod'] })).map(r => r.id)).toEqual(
        [c],
      );
      expect(await store.list({ clusters: [] })).toEqual([]);
      expect(
        await store.get('00000000-0000-4000-8000-000000000009'),
      ).toBeUndefined();
    });

    it('keeps jobs and their logs after the job is gone', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory });
      const store = new DatabaseJobStore(knex);
      const summary = {
        cluster: 'dev',
        namespace: 'shop',
        name: 'migrate-1a2b3c',
        runId: 'migrate',
        status: 'pending' as const,
        attempts: 0,
        pods: [],
        live: true,
        logsKept: false,
      };
      await store.insert({
        summary,
        actor: 'user:default/dana',
        createdAt: '2026-11-27T10:00:00.000Z',
      });
      await store.update(
        {
          ...summary,
          status: 'succeeded',
          attempts: 1,
          pods: [{ name: 'p', phase: 'Succeeded' }],
        },
        [{ pod: 'p', container: 'job', text: 'done\n' }],
      );
      const kept = await store.get(summary);
      expect(kept).toMatchObject({
        summary: {
          status: 'succeeded',
          attempts: 1,
          live: false,
          logsKept: true,
          runId: 'migrate',
        },
        logs: [{ pod: 'p', container: 'job', text: 'done\n' }],
      });
      expect(
        await store.list({ cluster: 'dev', runId: 'migrate' }),
      ).toHaveLength(1);
      expect(await store.list({ cluster: 'dev', runId: 'other' })).toHaveLength(
        0,
      );
    });
  },
);
