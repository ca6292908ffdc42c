/**
 * Whether an audited action succeeded.
 * @public
 */
export type AuditOutcome = 'succeeded' | 'failed';

/**
 * One entry of the audit trail.
 * @public
 */
export interface AuditEntry {
  id: string;
  /** ISO 8601 time the action finished. */
  createdAt: string;
  /** Entity ref of the person or service that acted. */
  actor: string;
  /** Kebab-case action id, such as `resource-apply`. */
  action: string;
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  outcome: AuditOutcome;
  status: number;
  /** What changed, or why it failed; never a credential or secret value. */
  summary?: string;
}

/**
 * Filters and paging of `GET /audit`.
 * @public
 */
export interface AuditQuery {
  actor?: string;
  action?: string;
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  outcome?: AuditOutcome;
  /** ISO 8601 lower bound of `createdAt`, inclusive. */
  since?: string;
  /** ISO 8601 upper bound of `createdAt`, exclusive. */
  until?: string;
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/**
 * Answer of `GET /audit`.
 * @public
 */
export interface AuditPage {
  items: AuditEntry[];
  nextCursor?: string;
}
