import { ConflictError, NotFoundError } from '@backstage/errors';
import { ExportedCluster } from '@k8s-ops/plugin-k8s-ops-common';
import { Knex } from 'knex';

const TABLE = 'k8s_ops_clusters';

/** A registered cluster as stored: credentials stay sealed. */
export interface StoredCluster extends Omit<ExportedCluster, 'credentials'> {
  /** Sealed by CredentialCipher; never plaintext. */
  sealedCredentials: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  name: string;
  title: string;
  url: string;
  group: string | null;
  labels: string;
  read_only: boolean | number;
  impersonate: boolean | number;
  credentials: string;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** Registered clusters in the plugin's database, shared by every replica. */
export class DatabaseClusterStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<StoredCluster[]> {
    const rows = await this.db<Row>(TABLE).orderBy('name');
    return rows.map(fromRow);
  }

  async get(name: string): Promise<StoredCluster | undefined> {
    const row = await this.db<Row>(TABLE).where({ name }).first();
    return row ? fromRow(row) : undefined;
  }

  async insert(cluster: StoredCluster): Promise<void> {
    try {
      await this.db<Row>(TABLE).insert(toRow(cluster));
    } catch (error) {
      if (await this.get(cluster.name)) {
        throw new ConflictError(
          `A cluster named '${cluster.name}' is already registered`,
        );
      }
      throw error;
    }
  }

  /** Changes the given fields; a `group` of null clears it. */
  async update(
    name: string,
    changes: Partial<
      Omit<StoredCluster, 'name' | 'createdBy' | 'createdAt' | 'group'>
    > & { group?: string | null },
  ): Promise<StoredCluster> {
    const row: Partial<Row> = {};
    if (changes.title !== undefined) row.title = changes.title;
    if (changes.url !== undefined) row.url = changes.url;
    if (changes.group !== undefined) row.group = changes.group ?? null;
    if (changes.labels !== undefined)
      row.labels = JSON.stringify(changes.labels);
    if (changes.readOnly !== undefined) row.read_only = changes.readOnly;
    if (changes.impersonate !== undefined)
      row.impersonate = changes.impersonate;
    if (changes.sealedCredentials !== undefined)
      row.credentials = changes.sealedCredentials;
    row.updated_at = changes.updatedAt ?? new Date().toISOString();
    const count = await this.db<Row>(TABLE).where({ name }).update(row);
    if (!count) {
      throw new NotFoundError(`No registered cluster named '${name}'`);
    }
    return (await this.get(name))!;
  }

  async delete(name: string): Promise<void> {
    const count = await this.db<Row>(TABLE).where({ name }).delete();
    if (!count) {
      throw new NotFoundError(`No registered cluster named '${name}'`);
    }
  }
}

function toRow(c: StoredCluster): Row {
  return {
    name: c.name,
    title: c.title,
    url: c.url,
    group: c.group ?? null,
    labels: JSON.stringify(c.labels),
    read_only: c.readOnly,
    impersonate: c.impersonate,
    credentials: c.sealedCredentials,
    created_by: c.createdBy,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function fromRow(row: Row): StoredCluster {
  return {
    name: row.name,
    title: row.title,
    url: row.url,
    group: row.group ?? undefined,
    labels: JSON.parse(row.labels),
    readOnly: Boolean(row.read_only),
    impersonate: Boolean(row.impersonate),
    sealedCredentials: row.credentials,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
