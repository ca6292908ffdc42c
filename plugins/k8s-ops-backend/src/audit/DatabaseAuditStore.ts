import { InputError } from '@backstage/errors';
import {
  AuditEntry,
  AuditPage,
  AuditQuery,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';
import { AuditStore, NewAuditEntry } from './AuditStore';

const TABLE = 'k8s_ops_audit';
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

type AuditRow = {
  id: number | string;
  created_at: string;
  actor: string;
  action: string;
  cluster: string | null;
  namespace: string | null;
  kind: string | null;
  name: string | null;
  outcome: AuditEntry['outcome'];
  status: number | string;
  summary: string | null;
  dry_run: boolean | number;
};

/** Keeps the audit trail in the plugin's database. */
export class DatabaseAuditStore implements AuditStore {
  constructor(private readonly db: Knex) {}

  async insert(entry: NewAuditEntry): Promise<void> {
    await this.db<AuditRow>(TABLE).insert({
      created_at: entry.createdAt,
      actor: entry.actor,
      action: entry.action,
      cluster: entry.cluster ?? null,
      namespace: entry.namespace ?? null,
      kind: entry.kind ?? null,
      name: entry.name ?? null,
      outcome: entry.outcome,
      status: entry.status,
      summary: entry.summary ?? null,
      dry_run: Boolean(entry.dryRun),
    });
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const builder = this.db<AuditRow>(TABLE);
    for (const field of [
      'actor',
      'action',
      'cluster',
      'namespace',
      'kind',
      'name',
    ] as const) {
      const value = query[field];
      if (value) {
        // Any part of the text, in any case: `scale` finds
        // `resource-scale`, `guest` finds `user:default/guest`. The same SQL
        // on SQLite and PostgreSQL; % and _ typed are matched as such.
        builder.whereRaw(`LOWER(??) LIKE ? ESCAPE '\\'`, [
          field,
          `%${value.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`,
        ]);
      }
    }
    if (query.outcome) {
      builder.where('outcome', query.outcome);
    }
    if (query.since) {
      builder.where('created_at', '>=', query.since);
    }
    if (query.until) {
      builder.where('created_at', '<', query.until);
    }
    if (query.cursor) {
      builder.where('id', '<', decodeCursor(query.cursor));
    }
    // Newest first; one extra row tells whether another page exists.
    const rows = await builder.orderBy('id', 'desc').limit(limit + 1);
    const items = rows.slice(0, limit).map(toEntry);
    return {
      items,
      nextCursor:
        rows.length > limit
          ? encodeCursor(Number(rows[limit - 1].id))
          : undefined,
    };
  }

  async deleteOlderThan(time: Date): Promise<number> {
    return this.db<AuditRow>(TABLE)
      .where('created_at', '<', time.toISOString())
      .delete();
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    createdAt: row.created_at,
    actor: row.actor,
    action: row.action,
    cluster: row.cluster ?? undefined,
    namespace: row.namespace ?? undefined,
    kind: row.kind ?? undefined,
    name: row.name ?? undefined,
    outcome: row.outcome,
    status: Number(row.status),
    summary: row.summary ?? undefined,
    dryRun: row.dry_run ? true : undefined,
  };
}

function encodeCursor(id: number): string {
  return Buffer.from(`audit:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^audit:(\d+)$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) {
    throw new InputError(
      'Invalid cursor: pass the nextCursor of a previous page unchanged',
    );
  }
  return Number(match[1]);
}
