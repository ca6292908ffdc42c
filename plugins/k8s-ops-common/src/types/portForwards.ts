import { PortForwardTarget } from '../requests/portForwards';

/**
 * Where a port-forward session is: forwarding, stopped by a person or by the
 * idle timeout, or failed (its `error` says why).
 *
 * @public
 */
export type PortForwardState = 'active' | 'stopped' | 'failed';

/**
 * One forwarded port of a session: the port asked for and the pod's port it
 * reaches (they differ when a Service maps a port to a target port).
 *
 * @public
 */
export interface PortForwardPort {
  port: number;
  podPort: number;
}

/**
 * A port-forward session, as every replica sees it in the database.
 *
 * @public
 */
export interface PortForwardSession {
  id: string;
  /** Entity ref of the person who started it. */
  owner: string;
  cluster: string;
  namespace: string;
  target: PortForwardTarget;
  /** The pod the session reaches; a Service's ready pod. */
  pod: string;
  ports: PortForwardPort[];
  state: PortForwardState;
  /** Why the session failed or stopped. */
  error?: string;
  /** The backend replica that holds the session. */
  replica: string;
  /** ISO 8601 times. */
  startedAt: string;
  lastUsedAt: string;
  endedAt?: string;
  /** Path of the HTTP proxy to the first port, under the plugin's base URL. */
  proxyPath: string;
}

/**
 * Answer of `GET /port-forwards`.
 *
 * @public
 */
export interface PortForwardListResponse {
  items: PortForwardSession[];
  /** Whether the list holds everyone's sessions (the person is an admin). */
  all: boolean;
}
