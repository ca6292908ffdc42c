import { z } from 'zod';

const isoTime = z
  .string()
  .refine(value => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 time')
  .transform(value => new Date(value).toISOString());

export const auditQuery = z
  .object({
    actor: z.string().max(255),
    action: z.string().max(64),
    cluster: z.string().max(253),
    namespace: z.string().max(63),
    kind: z.string().max(253),
    name: z.string().max(253),
    outcome: z.enum(['succeeded', 'failed']),
    since: isoTime,
    until: isoTime,
    limit: z.coerce.number().int().min(1).max(500),
    cursor: z.string().max(200),
  })
  .partial()
  .strict();
