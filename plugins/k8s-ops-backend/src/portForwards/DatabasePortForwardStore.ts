import { PortForwardState } from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';
import { PortForwardRecord, PortForwardStore } from './PortForwardStore';

const TABLE = 'k8s_ops_port_forwards';

type Row = {
  id: string;
  replica: string;
  owner: string;
  cluster: string;
  namespace: string;
  target_kind: string;
  target_name: string;
  pod: string;
  ports: string;
  impersonation: string | null;
  state: PortForwardState;
  error: string | null;
  started_at: string;
  last_used_at: string;
  heartbeat_at: string;
  ended_at: string | null;
};

/** Port-forward sessions in the plugin's database. */
export class DatabasePortForwardStore implements PortForwardStore {
  constructor(private readonly db: Knex) {}

  async insert(record: PortForwardRecord): Promise<void> {
    await this.db<Row>(TABLE).insert(toRow(record));
  }

  async get(id: string): Promise<PortForwardRecord | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async list(
    filter: {
      owner?: string;
      states?: PortForwardState[];
      replica?: string;
    } = {},
  ): Promise<PortForwardRecord[]> {
    const query = this.db<Row>(TABLE).orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.owner) {
      query.where('owner', filter.owner);
    }
    if (filter.replica) {
      query.where('replica', filter.replica);
    }
    if (filter.states) {
      query.whereIn('state', filter.states);
    }
    return (await query).map(fromRow);
  }

  async countActive(owner?: string): Promise<number> {
    const query = this.db<Row>(TABLE).where('state', 'active');
    if (owner) {
      query.where('owner', owner);
    }
    const [{ count }] = await query.count({ count: '*' });
    return Number(count);
  }

  async end(
    id: string,
    end: { state: 'stopped' | 'failed'; error?: string; endedAt: string },
  ): Promise<boolean> {
    const changed = await this.db<Row>(TABLE)
      .where({ id, state: 'active' })
      .update({
        state: end.state,
        error: end.error ?? null,
        ended_at: end.endedAt,
      });
    return changed > 0;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ id, state: 'active' })
      .update({ last_used_at: at });
  }

  async heartbeat(replica: string, at: string): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ replica, state: 'active' })
      .update({ heartbeat_at: at });
  }

  async adopt(
    id: string,
    replica: string,
    staleBefore: string,
    at: string,
  ): Promise<boolean> {
    const changed = await this.db<Row>(TABLE)
      .where({ id, state: 'active' })
      .where('heartbeat_at', '<', staleBefore)
      .update({ replica, heartbeat_at: at });
    return changed > 0;
  }

  async repoint(id: string, pod: string): Promise<void> {
    await this.db<Row>(TABLE).where({ id }).update({ pod });
  }
}

function toRow(record: PortForwardRecord): Row {
  return {
    id: record.id,
    replica: record.replica,
    owner: record.owner,
    cluster: record.cluster,
    namespace: record.namespace,
    target_kind: record.target.kind,
    target_name: record.target.name,
    pod: record.pod,
    ports: JSON.stringify(record.ports),
    impersonation: record.impersonation
      ? JSON.stringify(record.impersonation)
      : null,
    state: record.state,
    error: record.error ?? null,
    started_at: record.startedAt,
    last_used_at: record.lastUsedAt,
    heartbeat_at: record.heartbeatAt,
    ended_at: record.endedAt ?? null,
  };
}

function fromRow(row: Row): PortForwardRecord {
  return {
    id: row.id,
    replica: row.replica,
    owner: row.owner,
    cluster: row.cluster,
    namespace: row.namespace,
    target: {
      kind: row.target_kind === 'service' ? 'service' : 'pod',
      name: row.target_name,
    },
    pod: row.pod,
    ports: JSON.parse(row.ports),
    impersonation: row.impersonation
      ? JSON.parse(row.impersonation)
      : undefined,
    state: row.state,
    error: row.error ?? undefined,
    startedAt: row.started_at,
    lastUsedAt: row.last_used_at,
    heartbeatAt: row.heartbeat_at,
    endedAt: row.ended_at ?? undefined,
  };
}
