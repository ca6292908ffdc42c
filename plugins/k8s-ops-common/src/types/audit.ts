import { AuditOutcome } from '../requests/audit';

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
  /** Set for a preview that changed nothing. */
  dryRun?: boolean;
}

/**
 * Answer of `GET /audit`.
 * @public
 */
export interface AuditPage {
  items: AuditEntry[];
  nextCursor?: string;
}
