import { z } from 'zod';
import { clusterSchemas } from './clusters';
import { resourceSchemas } from './resources';

const { dnsLabel } = clusterSchemas;
const { objectName } = resourceSchemas;

/** `true`/`false`/`1`/`0` in a query string; absent is false. */
const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform(value => value === 'true' || value === '1');

/** The workload kinds whose pods' logs can be read together. */
const LOG_WORKLOAD_RESOURCES = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
] as const;

const logQuery = z
  .object({
    namespace: dnsLabel,
    container: dnsLabel.optional(),
    previous: flag,
    sinceSeconds: z.coerce.number().int().min(1).max(31_536_000).optional(),
    tailLines: z.coerce.number().int().min(0).max(100_000).optional(),
    timestamps: flag,
    follow: flag,
    /** Answer as a file to save (`Content-Disposition: attachment`). */
    download: flag,
  })
  .strict();

const podLogParams = clusterSchemas.params.extend({ name: objectName });
const workloadLogParams = podLogParams.extend({
  resource: z.enum(LOG_WORKLOAD_RESOURCES, {
    error: () =>
      `must be one of ${LOG_WORKLOAD_RESOURCES.join(
        ', ',
      )}: the workloads whose logs can be read`,
  }),
});

const terminalQuery = z
  .object({
    cluster: dnsLabel,
    namespace: dnsLabel,
    pod: objectName,
    container: dnsLabel.optional(),
  })
  .strict();

const nodeTerminalQuery = z
  .object({ cluster: dnsLabel, node: objectName })
  .strict();

/** What the browser sends on a terminal socket. */
const terminalInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input'), data: z.string().max(65_536) }),
  z.object({
    type: z.literal('resize'),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  }),
]);

/**
 * The zod schemas of the log routes and of the terminal socket.
 *
 * @public
 */
export const streamSchemas = {
  /** Path parameters of `GET /clusters/:cluster/pods/:name/logs`. */
  podLogParams,
  /** Path parameters of `GET /clusters/:cluster/workloads/:resource/:name/logs`. */
  workloadLogParams,
  /** Query of both log routes. */
  logQuery,
  /** Query of the terminal socket `/terminal`. */
  terminalQuery,
  /** Query of the node terminal socket `/node-terminal`. */
  nodeTerminalQuery,
  /** A message from the browser on the terminal socket. */
  terminalInput,
};

/**
 * Query of the log routes, as parsed.
 *
 * @public
 */
export type LogQuery = z.infer<typeof logQuery>;

/**
 * A message from the browser on the terminal socket: keystrokes, or the new
 * size of the terminal.
 *
 * @public
 */
export type TerminalInput = z.infer<typeof terminalInput>;

/**
 * A message of the backend on the terminal socket: output of the container,
 * a notice for the person (such as the shell chosen), or the end of the
 * session with its reason.
 *
 * @public
 */
export type TerminalOutput =
  | { type: 'output'; data: string }
  | { type: 'notice'; message: string }
  | { type: 'exit'; code?: number; message: string };

/**
 * The subprotocol of the terminal socket; the browser offers it beside its
 * Backstage token, which the backend uses to sign the person in.
 *
 * @public
 */
export const TERMINAL_PROTOCOL = 'k8s-ops.terminal.v1';
