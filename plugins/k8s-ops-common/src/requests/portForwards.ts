import { z } from 'zod';
import { clusterSchemas } from './clusters';
import { resourceSchemas } from './resources';

const { dnsLabel } = clusterSchemas;

/** A TCP port number. */
const port = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** What a session forwards to: a pod, or a Service resolved to a ready pod. */
const target = z
  .object({
    kind: z.enum(['pod', 'service']),
    name: resourceSchemas.objectName,
  })
  .strict();

const startBody = z
  .object({
    cluster: dnsLabel,
    namespace: dnsLabel,
    target,
    /** Ports of the pod, or of the Service (resolved to its target ports). */
    ports: z
      .array(port)
      .min(1, 'name at least one port')
      .max(10, 'at most 10 ports per session')
      .refine(ports => new Set(ports).size === ports.length, 'repeats a port'),
  })
  .strict();

/** A session id: a UUID. */
const id = z.string().uuid('must be a port-forward session id');

const params = z.object({ id }).strict();

const listQuery = z
  .object({
    /** `all`: every person's sessions, for admins; mine otherwise. */
    scope: z.enum(['mine', 'all']).optional(),
  })
  .strict();

/** Query of the tunnel WebSocket: one TCP connection to one forwarded port. */
const tunnelQuery = z.object({ id, port }).strict();

/** Query of the WebSocket proxy: a path of the pod's first port. */
const proxySocketQuery = z
  .object({
    id,
    path: z
      .string()
      .max(2048)
      .regex(/^\/[^\s]*$/, 'must be a path starting with /, without spaces')
      .default('/'),
  })
  .strict();

/**
 * The zod schemas of the port-forward routes (`/port-forwards/...`).
 *
 * @public
 */
export const portForwardSchemas = {
  port,
  target,
  /** Body of `POST /port-forwards`. */
  startBody,
  /** Path parameters of `/port-forwards/:id`. */
  params,
  /** Query of `GET /port-forwards`. */
  listQuery,
  /** Query of the WebSocket `/port-forwards/tunnel`. */
  tunnelQuery,
  /** Query of the WebSocket `/port-forwards/proxy`. */
  proxySocketQuery,
};

/**
 * Body of `POST /port-forwards`.
 *
 * @public
 */
export type PortForwardStartRequest = z.infer<typeof startBody>;

/**
 * What a port-forward session forwards to.
 *
 * @public
 */
export type PortForwardTarget = z.infer<typeof target>;
