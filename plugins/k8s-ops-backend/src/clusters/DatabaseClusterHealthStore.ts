import { ClusterHealth } from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';

const TABLE = 'k8s_ops_cluster_health';

type Row = {
  name: string;
  status: ClusterHealth['status'];
  version: string | null;
  nodes: number | null;
  latency_ms: number | null;
  error: string | null;
  checked_at: string;
};

/** The last health check of each cluster, shared by every replica. */
export class DatabaseClusterHealthStore {
  constructor(private readonly db: Knex) {}

  async save(name: string, health: ClusterHealth): Promise<void> {
    await this.db<Row>(TABLE)
      .insert({
        name,
        status: health.status,
        version: health.version ?? null,
        nodes: health.nodes ?? null,
        latency_ms: health.latencyMs ?? null,
        error: health.error ?? null,
        checked_at: health.checkedAt,
      })
      .onConflict('name')
      .merge();
  }

  async all(): Promise<Map<string, ClusterHealth>> {
    const rows = await this.db<Row>(TABLE);
    return new Map(
      rows.map(row => [
        row.name,
        {
          status: row.status,
          version: row.version ?? undefined,
          nodes: row.nodes === null ? undefined : Number(row.nodes),
          latencyMs:
            row.latency_ms === null ? undefined : Number(row.latency_ms),
          error: row.error ?? undefined,
          checkedAt: row.checked_at,
        },
      ]),
    );
  }

  async delete(name: string): Promise<void> {
    await this.db<Row>(TABLE).where({ name }).delete();
  }
}
