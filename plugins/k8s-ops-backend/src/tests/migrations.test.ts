import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { readdirSync } from 'node:fs';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@k8s-ops/plugin-k8s-ops-backend',
  'migrations',
);

type Row = Record<string, string | number | boolean | null>;

/**
 * Every migration in order, with the tables it creates and rows written
 * right after it, in the shape of the tables at that point. A new migration
 * adds a step here: rows for the tables it creates or changes.
 */
const steps: Array<{
  migration: string;
  creates: string[];
  rows: Record<string, Row[]>;
}> = [
  {
    migration: '20261125_init.js',
    creates: ['k8s_ops_audit'],
    rows: {
      k8s_ops_audit: [
        {
          created_at: '2026-11-25T10:00:00.000Z',
          actor: 'user:default/dana',
          action: 'resource-apply',
          cluster: 'dev',
          namespace: 'team-shop',
          kind: 'Deployment',
          name: 'storefront',
          outcome: 'succeeded',
          status: 200,
          summary: 'replicas 2 → 3',
        },
        {
          created_at: '2026-11-25T10:01:00.000Z',
          actor: 'user:default/sam',
          action: 'cluster-export',
          cluster: null,
          namespace: null,
          kind: null,
          name: null,
          outcome: 'failed',
          status: 403,
          summary: null,
        },
      ],
    },
  },
  {
    migration: '20261125b_clusters.js',
    creates: ['k8s_ops_clusters', 'k8s_ops_cluster_health'],
    rows: {
      k8s_ops_clusters: [
        {
          name: 'prod-eu',
          title: 'Production – Zürich',
          url: 'https://k8s.example.com:6443',
          group: 'prod',
          labels: '{"team":"platform"}',
          read_only: true,
          impersonate: false,
          credentials: 'v1:key:sealed',
          created_by: 'user:default/dana',
          created_at: '2026-11-25T10:00:00.000Z',
          updated_at: '2026-11-25T10:00:00.000Z',
        },
        {
          name: 'dev',
          title: 'dev',
          url: 'https://10.0.0.5',
          group: null,
          labels: '{}',
          read_only: false,
          impersonate: true,
          credentials: 'v1:key:sealed-2',
          created_by: 'user:default/sam',
          created_at: '2026-11-25T11:00:00.000Z',
          updated_at: '2026-11-25T11:00:00.000Z',
        },
      ],
      k8s_ops_cluster_health: [
        {
          name: 'prod-eu',
          status: 'reachable',
          version: 'v1.34.4',
          nodes: 3,
          latency_ms: 12,
          error: null,
          checked_at: '2026-11-25T10:00:00.000Z',
        },
        {
          name: 'dev',
          status: 'unreachable',
          version: null,
          nodes: null,
          latency_ms: null,
          error: 'connection refused',
          checked_at: '2026-11-25T10:00:00.000Z',
        },
      ],
    },
  },
  { migration: '20261127_audit_dry_run.js', creates: [], rows: {} },
  {
    migration: '20261127_deploys_jobs.js',
    creates: ['k8s_ops_deploys', 'k8s_ops_jobs'],
    rows: {
      k8s_ops_deploys: [
        {
          id: '6f1c2a9e-3b7d-4c51-9a8e-1d2f3a4b5c6d',
          created_at: '2026-11-27T10:00:00.000Z',
          finished_at: '2026-11-27T10:00:05.000Z',
          duration_ms: 5000,
          actor: 'user:default/dana',
          cluster: 'dev',
          namespace: 'team-shop',
          service: 'api',
          name: 'shop-api',
          status: 'available',
          reason: null,
          rollback_of: null,
          manifests: '[]',
        },
      ],
      k8s_ops_jobs: [
        {
          cluster: 'dev',
          namespace: 'team-shop',
          name: 'migrate-x1y2z',
          run_id: 'migrate',
          actor: 'user:default/dana',
          created_at: '2026-11-27T10:00:00.000Z',
          status: 'succeeded',
          reason: null,
          start_time: '2026-11-27T10:00:01.000Z',
          completion_time: '2026-11-27T10:00:03.000Z',
          attempts: 1,
          pods: '[]',
          logs: '[]',
        },
      ],
    },
  },
  {
    migration: '20261127_infra_scans.js',
    creates: ['k8s_ops_infra_scans'],
    rows: {
      k8s_ops_infra_scans: [
        {
          cluster: 'dev',
          namespace: 'team-data',
          scanned_at: '2026-11-27T10:00:00.000Z',
          scanned_by: 'user:default/dana',
          duration_ms: 12,
          found: 1,
          services: '[]',
        },
        {
          cluster: 'dev',
          namespace: '',
          scanned_at: '2026-11-27T10:01:00.000Z',
          scanned_by: 'user:default/sam',
          duration_ms: 40,
          found: 0,
          services: '[]',
        },
      ],
    },
  },
  {
    migration: '20261127_port_forwards.js',
    creates: ['k8s_ops_port_forwards'],
    rows: {
      k8s_ops_port_forwards: [
        {
          id: '2f1c5c1e-8d0a-4a43-9d55-0c7c3c4b9a10',
          replica: 'backend-0',
          owner: 'user:default/dana',
          cluster: 'prod-eu',
          namespace: 'team-data',
          target_kind: 'service',
          target_name: 'postgres',
          pod: 'postgres-0',
          ports: '[{"port":5432,"podPort":5432}]',
          impersonation: null,
          state: 'active',
          error: null,
          started_at: '2026-11-27T10:00:00.000Z',
          last_used_at: '2026-11-27T10:05:00.000Z',
          heartbeat_at: '2026-11-27T10:05:10.000Z',
          ended_at: null,
        },
      ],
    },
  },
];

// SQLite answers booleans as 0 and 1, PostgreSQL as false and true.
function normalize(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'boolean' ? Number(value) : value,
    ]),
  );
}

async function expectRows(knex: Knex, table: string, rows: Row[]) {
  const columns = Object.keys(rows[0]);
  const stored = await knex(table).select(columns);
  expect(stored.map(normalize)).toEqual(
    expect.arrayContaining(rows.map(normalize)),
  );
  expect(stored).toHaveLength(rows.length);
}

describe('migrations', () => {
  it('are listed here in the order they run', () => {
    const files = readdirSync(directory)
      .filter(file => file.endsWith('.js'))
      .sort();
    expect(files).toEqual(steps.map(step => step.migration));
  });
});

describe.each(databases.eachSupportedId())('migrations on %s', id => {
  it('apply up and roll back down to nothing', async () => {
    const knex = await databases.init(id);
    const tables = steps.flatMap(step => step.creates);
    await knex.migrate.latest({ directory });
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    await knex.migrate.rollback({ directory }, true);
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
  });

  it('step up one at a time and back down, keeping the rows written at each step', async () => {
    const knex = await databases.init(id);

    for (const [index, step] of steps.entries()) {
      await knex.migrate.up({ directory });
      const [, pending] = await knex.migrate.list({ directory });
      expect(pending).toHaveLength(steps.length - index - 1);
      for (const [table, rows] of Object.entries(step.rows)) {
        await knex(table).insert(rows);
      }
      // Every row written so far, by this step or an earlier one, survives.
      for (const done of steps.slice(0, index + 1)) {
        for (const [table, rows] of Object.entries(done.rows)) {
          await expectRows(knex, table, rows);
        }
      }
    }

    for (const [index, step] of [...steps.entries()].reverse()) {
      await knex.migrate.down({ directory });
      for (const table of step.creates) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      for (const kept of steps.slice(0, index)) {
        for (const [table, rows] of Object.entries(kept.rows)) {
          await expectRows(knex, table, rows);
        }
      }
    }

    // Down left nothing behind (tables, indexes) that stops a fresh start.
    await knex.migrate.latest({ directory });
    for (const step of steps) {
      for (const table of step.creates) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    }
  });
});
