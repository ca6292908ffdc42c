import { z } from 'zod';
import { clusterSchemas } from './clusters';
import { resourceSchemas } from './resources';

const searchQuery = z
  .object({
    /** Free text and filters: `web kind:deploy ns:shop cluster:prod`. */
    q: z.string().max(500, 'must be at most 500 characters').default(''),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const relationsQuery = z
  .object({
    namespace: clusterSchemas.dnsLabel.optional(),
    depth: z.coerce.number().int().min(1).max(3).default(1),
  })
  .strict();

/**
 * The zod schemas of `GET /search` and of the relations of an object.
 *
 * @public
 */
export const searchSchemas = {
  /** Query of `GET /search`. */
  searchQuery,
  /** Path parameters of `.../:resource/:name/relations`. */
  relationsParams: resourceSchemas.objectParams,
  /** Query of `GET /clusters/:cluster/resources/:resource/:name/relations`. */
  relationsQuery,
};

/**
 * Query of `GET /search`.
 *
 * @public
 */
export type SearchQuery = z.input<typeof searchQuery>;

/**
 * Query of the relations of an object, without its namespace.
 *
 * @public
 */
export type RelationsQuery = Omit<z.input<typeof relationsQuery>, 'namespace'>;
