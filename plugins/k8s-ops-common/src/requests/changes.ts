import { z } from 'zod';
import { clusterSchemas } from './clusters';
import { resourceSchemas } from './resources';

/** A comma-separated list on the wire, an array once parsed. */
const list = <T extends z.ZodString>(item: T) =>
  z
    .string()
    .max(2000)
    .transform(value =>
      value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, 'name at least one'));

const query = z
  .object({
    /** Every cluster the person may read if absent. */
    clusters: list(clusterSchemas.name).optional(),
    resources: list(resourceSchemas.resource),
    namespace: clusterSchemas.dnsLabel.optional(),
    labelSelector: resourceSchemas.selector.optional(),
  })
  .strict();

/**
 * The zod schema of `GET /changes` (server-sent events).
 *
 * @public
 */
export const changeSchemas = {
  /** Query of `GET /changes`: lists are comma-separated. */
  query,
};

/**
 * The changes to follow: of some kinds, on some clusters or every cluster,
 * in a namespace, matching a label selector. The parsed query of
 * `GET /changes`; on the wire, the lists are comma-separated.
 *
 * @public
 */
export type ChangesQuery = z.infer<typeof query>;
