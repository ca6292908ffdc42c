import { InfraScan } from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';

const TABLE = 'k8s_ops_infra_scans';

type Row = {
  cluster: string;
  namespace: string;
  scanned_at: string;
  scanned_by: string;
  duration_ms: number;
  found: number;
  services: string;
};

/** Which stored scans to answer. */
export interface InfraScanQuery {
  cluster?: string;
  namespace?: string;
  /** Only the scans of every namespace. */
  allNamespaces?: boolean;
}

/**
 * The last scan of each cluster and namespace (or of every namespace),
 * shared by every replica.
 */
export class DatabaseInfraScanStore {
  constructor(private readonly db: Knex) {}

  /** Keeps a scan, replacing the previous one of its cluster and namespace. */
  async save(scan: InfraScan): Promise<void> {
    await this.db<Row>(TABLE)
      .insert({
        cluster: scan.cluster,
        namespace: scan.namespace ?? '',
        scanned_at: scan.scannedAt,
        scanned_by: scan.scannedBy,
        duration_ms: Math.round(scan.durationMs),
        found: scan.services.reduce((n, s) => n + s.instances.length, 0),
        services: JSON.stringify(scan.services),
      })
      .onConflict(['cluster', 'namespace'])
      .merge();
  }

  async list(query: InfraScanQuery = {}): Promise<InfraScan[]> {
    let rows = this.db<Row>(TABLE);
    if (query.cluster) rows = rows.where('cluster', query.cluster);
    if (query.namespace) rows = rows.where('namespace', query.namespace);
    if (query.allNamespaces) rows = rows.where('namespace', '');
    const found = await rows.orderBy([
      { column: 'cluster' },
      { column: 'namespace' },
    ]);
    return found.map(row => ({
      cluster: row.cluster,
      namespace: row.namespace || undefined,
      scannedAt: row.scanned_at,
      scannedBy: row.scanned_by,
      durationMs: Number(row.duration_ms),
      services: JSON.parse(row.services),
    }));
  }

  /** Forgets every scan of a cluster; answers how many. */
  async deleteCluster(cluster: string): Promise<number> {
    return this.db<Row>(TABLE).where({ cluster }).delete();
  }
}
