import { JobLogsResponse, JobSummary } from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';

const TABLE = 'k8s_ops_jobs';

type Row = {
  cluster: string;
  namespace: string;
  name: string;
  run_id: string;
  actor: string;
  created_at: string;
  status: JobSummary['status'];
  reason: string | null;
  start_time: string | null;
  completion_time: string | null;
  attempts: number;
  pods: string | null;
  logs: string | null;
};

/** A job the portal started, as kept. */
export interface KeptJob {
  summary: JobSummary;
  actor: string;
  createdAt: string;
  logs?: JobLogsResponse['pods'];
}

type JobKey = Pick<JobSummary, 'cluster' | 'namespace' | 'name'>;

/** Jobs run through the portal, and their logs once they end. */
export class DatabaseJobStore {
  constructor(private readonly db: Knex) {}

  async insert(job: KeptJob): Promise<void> {
    await this.db<Row>(TABLE)
      .insert(toRow(job))
      .onConflict(['cluster', 'namespace', 'name'])
      .merge();
  }

  /** Records the job's latest state, and its logs when given. */
  async update(
    summary: JobSummary,
    logs?: JobLogsResponse['pods'],
  ): Promise<void> {
    await this.db<Row>(TABLE)
      .where(keyOf(summary))
      .update({
        status: summary.status,
        reason: summary.reason ?? null,
        start_time: summary.startTime ?? null,
        completion_time: summary.completionTime ?? null,
        attempts: summary.attempts,
        pods: JSON.stringify(summary.pods),
        ...(logs ? { logs: JSON.stringify(logs) } : {}),
      });
  }

  async get(key: JobKey): Promise<KeptJob | undefined> {
    const row = await this.db<Row>(TABLE).where(keyOf(key)).first();
    return row && fromRow(row);
  }

  async list(query: {
    cluster: string;
    namespace?: string;
    runId?: string;
  }): Promise<KeptJob[]> {
    const q = this.db<Row>(TABLE)
      .where('cluster', query.cluster)
      .orderBy('created_at', 'desc')
      .limit(500);
    if (query.namespace) q.where('namespace', query.namespace);
    if (query.runId) q.where('run_id', query.runId);
    return (await q).map(fromRow);
  }
}

function keyOf(key: JobKey) {
  return { cluster: key.cluster, namespace: key.namespace, name: key.name };
}

function toRow(job: KeptJob): Row {
  const s = job.summary;
  return {
    ...keyOf(s),
    run_id: s.runId ?? '',
    actor: job.actor,
    created_at: job.createdAt,
    status: s.status,
    reason: s.reason ?? null,
    start_time: s.startTime ?? null,
    completion_time: s.completionTime ?? null,
    attempts: s.attempts,
    pods: JSON.stringify(s.pods),
    logs: job.logs ? JSON.stringify(job.logs) : null,
  };
}

function fromRow(row: Row): KeptJob {
  const logs = row.logs
    ? (JSON.parse(row.logs) as JobLogsResponse['pods'])
    : undefined;
  return {
    actor: row.actor,
    createdAt: row.created_at,
    logs,
    summary: {
      cluster: row.cluster,
      namespace: row.namespace,
      name: row.name,
      runId: row.run_id || undefined,
      status: row.status,
      reason: row.reason ?? undefined,
      startTime: row.start_time ?? undefined,
      completionTime: row.completion_time ?? undefined,
      attempts: Number(row.attempts),
      pods: row.pods ? JSON.parse(row.pods) : [],
      live: false,
      logsKept: Boolean(logs),
    },
  };
}
