import { z } from 'zod';

const isoTime = z
  .string()
  .refine(value => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 time')
  .transform(value => new Date(value).toISOString());

const outcome = z.enum(['succeeded', 'failed']);

const query = z
  .object({
    actor: z.string().max(255),
    action: z.string().max(64),
    cluster: z.string().max(253),
    namespace: z.string().max(63),
    kind: z.string().max(253),
    name: z.string().max(253),
    outcome,
    /** ISO 8601 lower bound of `createdAt`, inclusive. */
    since: isoTime,
    /** ISO 8601 upper bound of `createdAt`, exclusive. */
    until: isoTime,
    limit: z.coerce.number().int().min(1).max(500),
    /** Opaque cursor from a previous page's `nextCursor`. */
    cursor: z.string().max(200),
  })
  .partial()
  .strict();

/**
 * The zod schemas of `GET /audit`.
 *
 * @public
 */
export const auditSchemas = {
  /** Whether an audited action succeeded. */
  outcome,
  /** Filters and paging of `GET /audit`. */
  query,
};

/**
 * Whether an audited action succeeded.
 *
 * @public
 */
export type AuditOutcome = z.infer<typeof outcome>;

/**
 * Filters and paging of `GET /audit`.
 *
 * @public
 */
export type AuditQuery = z.infer<typeof query>;
