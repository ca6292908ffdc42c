import {
  AuditEntry,
  AuditPage,
  AuditQuery,
} from '@k8s-ops/plugin-k8s-ops-common';

/** An audit entry before the store gives it an id. */
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** Where the audit trail is kept. */
export interface AuditStore {
  insert(entry: NewAuditEntry): Promise<void>;
  query(query: AuditQuery): Promise<AuditPage>;
  /** Removes entries created before the given time; answers how many. */
  deleteOlderThan(time: Date): Promise<number>;
}
