import {
  PortForwardPort,
  PortForwardState,
  PortForwardTarget,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Impersonation } from '../kube/KubeClient';

/** A port-forward session as stored: what every replica knows of it. */
export interface PortForwardRecord {
  id: string;
  replica: string;
  owner: string;
  cluster: string;
  namespace: string;
  target: PortForwardTarget;
  pod: string;
  ports: PortForwardPort[];
  /** Who the session acts as on a cluster that impersonates. */
  impersonation?: Impersonation;
  state: PortForwardState;
  error?: string;
  startedAt: string;
  lastUsedAt: string;
  heartbeatAt: string;
  endedAt?: string;
}

/** Where port-forward sessions are kept, shared by every replica. */
export interface PortForwardStore {
  insert(record: PortForwardRecord): Promise<void>;
  get(id: string): Promise<PortForwardRecord | undefined>;
  /** Sessions, newest first; of one owner, in some states, or held by one replica. */
  list(filter?: {
    owner?: string;
    states?: PortForwardState[];
    replica?: string;
  }): Promise<PortForwardRecord[]>;
  /** Active sessions, of one owner or of everyone. */
  countActive(owner?: string): Promise<number>;
  /**
   * Ends an active session; answers false when it had already ended, so
   * that a session ends once.
   */
  end(
    id: string,
    end: { state: 'stopped' | 'failed'; error?: string; endedAt: string },
  ): Promise<boolean>;
  /** Records a use of a session. */
  touch(id: string, at: string): Promise<void>;
  /** The holder confirms it still holds its active sessions. */
  heartbeat(replica: string, at: string): Promise<void>;
  /**
   * Takes over an active session whose holder stopped confirming it (its
   * heartbeat is older than `staleBefore`); answers whether this replica
   * got it, so that only one replica takes it over.
   */
  adopt(
    id: string,
    replica: string,
    staleBefore: string,
    at: string,
  ): Promise<boolean>;
  /** Moves a session to another pod (its Service's pod went away). */
  repoint(id: string, pod: string): Promise<void>;
}
