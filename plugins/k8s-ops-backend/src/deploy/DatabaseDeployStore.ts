import {
  DeployRecord,
  DeployStatus,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';

const TABLE = 'k8s_ops_deploys';

type Row = {
  id: string;
  created_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  actor: string;
  cluster: string;
  namespace: string;
  service: string;
  name: string;
  status: DeployStatus;
  reason: string | null;
  rollback_of: string | null;
  manifests: string;
};

/** Which deploys to list, newest first. */
export interface DeployQuery {
  cluster?: string;
  namespace?: string;
  service?: string;
  /** Only these clusters: the ones the person may see. */
  clusters?: string[];
  limit?: number;
}

/** The history of deploys, shared by every replica. */
export class DatabaseDeployStore {
  constructor(private readonly db: Knex) {}

  async insert(record: DeployRecord): Promise<void> {
    await this.db<Row>(TABLE).insert({
      id: record.id,
      created_at: record.createdAt,
      finished_at: record.finishedAt ?? null,
      duration_ms: record.durationMs ?? null,
      actor: record.actor,
      cluster: record.cluster,
      namespace: record.namespace,
      service: record.service,
      name: record.name,
      status: record.status,
      reason: record.reason ?? null,
      rollback_of: record.rollbackOf ?? null,
      manifests: JSON.stringify(record.manifests),
    });
  }

  /** Records the end of a rollout, or what it waits for. */
  async update(
    id: string,
    change: Pick<
      DeployRecord,
      'status' | 'reason' | 'finishedAt' | 'durationMs'
    >,
  ): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ id })
      .update({
        status: change.status,
        reason: change.reason ?? null,
        finished_at: change.finishedAt ?? null,
        duration_ms: change.durationMs ?? null,
      });
  }

  async get(id: string): Promise<DeployRecord | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row && fromRow(row);
  }

  async list(query: DeployQuery): Promise<DeployRecord[]> {
    if (query.clusters && query.clusters.length === 0) {
      return [];
    }
    const q = this.db<Row>(TABLE)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100);
    if (query.cluster) q.where('cluster', query.cluster);
    if (query.namespace) q.where('namespace', query.namespace);
    if (query.service) q.where('service', query.service);
    if (query.clusters) q.whereIn('cluster', query.clusters);
    return (await q).map(fromRow);
  }
}

function fromRow(row: Row): DeployRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    finishedAt: row.finished_at ?? undefined,
    durationMs: row.duration_ms === null ? undefined : Number(row.duration_ms),
    actor: row.actor,
    cluster: row.cluster,
    namespace: row.namespace,
    service: row.service,
    name: row.name,
    status: row.status,
    reason: row.reason ?? undefined,
    rollbackOf: row.rollback_of ?? undefined,
    manifests: JSON.parse(row.manifests) as KubeObject[],
  };
}
