import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  KubeObject,
  PortForwardPort,
  PortForwardStartRequest,
} from '@k8s-ops/plugin-k8s-ops-common';
import { randomUUID } from 'node:crypto';
import { Duplex } from 'node:stream';
import { AuditStore } from '../audit/AuditStore';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { Impersonation } from '../kube/KubeClient';
import { ResourceService } from '../resources/ResourceService';
import { podPorts, servicePodPorts } from './forwardTargets';
import { sessionEndEntry } from './sessionAudit';
import { openPodPortStream } from './openPodPortStream';
import { PortForwardRecord, PortForwardStore } from './PortForwardStore';

/** Limits and timings of port-forward sessions (`k8sOps.portForwards`). */
export interface PortForwardSettings {
  /** The name of this backend replica in the sessions it holds. */
  replica: string;
  maxPerPerson: number;
  maxTotal: number;
  idleMs: number;
  /** How often the holder checks its sessions, and confirms it holds them. */
  pollMs: number;
}

/** What a session is started for: the person, and who it acts as. */
export interface SessionOwner {
  owner: string;
  impersonation?: Impersonation;
}

/** Uses of a session are written at most this often. */
const TOUCH_EVERY_MS = 5_000;
/** A holder that has not confirmed its sessions for this many polls is gone. */
const STALE_POLLS = 5;

/**
 * Runs the port-forward sessions of this replica. A session is a row of the
 * database, so every replica lists and stops it; the replica that holds it
 * checks it against the cluster, ends it when it idles, and reopens it after
 * a restart. Each forwarded connection (a proxied request, a tunnelled TCP
 * connection) is one stream of the API server's `portforward` subresource,
 * opened by the replica the connection reaches. Knows nothing of
 * permissions; see AuthorizedPortForwards.
 */
export class PortForwardManager {
  /** Open connections on this replica, by session. */
  private readonly connections = new Map<string, Set<Duplex>>();
  private readonly touched = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      store: PortForwardStore;
      registry: ClusterRegistry;
      resources: ResourceService;
      auditStore: AuditStore;
      logger: LoggerService;
      settings: PortForwardSettings;
    },
  ) {}

  get settings(): PortForwardSettings {
    return this.deps.settings;
  }

  /**
   * Starts a session: within the limits, on a running pod (a Service's
   * ready pod), once the pod has accepted a stream to each port.
   */
  async start(
    request: PortForwardStartRequest,
    who: SessionOwner,
    object: KubeObject,
  ): Promise<PortForwardRecord> {
    const { maxPerPerson, maxTotal, replica } = this.deps.settings;
    if ((await this.deps.store.countActive(who.owner)) >= maxPerPerson) {
      throw new ConflictError(
        `You have ${maxPerPerson} port-forwards open, the most a person may have; stop one first`,
      );
    }
    if ((await this.deps.store.countActive()) >= maxTotal) {
      throw new ConflictError(
        `The portal has ${maxTotal} port-forwards open, the most it allows; try again later`,
      );
    }
    const { pod, ports } = await this.resolve(
      request,
      object,
      who.impersonation,
    );
    const now = new Date().toISOString();
    const record: PortForwardRecord = {
      id: randomUUID(),
      replica,
      owner: who.owner,
      cluster: request.cluster,
      namespace: request.namespace,
      target: request.target,
      pod,
      ports,
      impersonation: who.impersonation,
      state: 'active',
      startedAt: now,
      lastUsedAt: now,
      heartbeatAt: now,
    };
    await this.probe(record);
    await this.deps.store.insert(record);
    return record;
  }

  /** Ends a session; connections on this replica close at once, others at their next poll. */
  async stop(
    id: string,
    end: { state: 'stopped' | 'failed'; error?: string } = {
      state: 'stopped',
    },
  ): Promise<PortForwardRecord> {
    await this.deps.store.end(id, {
      ...end,
      endedAt: new Date().toISOString(),
    });
    this.closeConnections(id);
    return this.get(id);
  }

  async get(id: string): Promise<PortForwardRecord> {
    const record = await this.deps.store.get(id);
    if (!record) {
      throw new NotFoundError(`Port-forward session ${id} not found`);
    }
    return record;
  }

  list(owner?: string): Promise<PortForwardRecord[]> {
    return this.deps.store.list({ owner });
  }

  /**
   * Opens one connection to a forwarded port of an active session. It
   * counts as a use, and closes when the session ends.
   */
  async connect(record: PortForwardRecord, port: number): Promise<Duplex> {
    if (record.state !== 'active') {
      throw new ConflictError(
        `Port-forward session ${record.id} has ${record.state}${
          record.error ? `: ${record.error}` : ''
        }`,
      );
    }
    const forwarded = record.ports.find(p => p.port === port);
    if (!forwarded) {
      throw new NotFoundError(
        `Port-forward session ${
          record.id
        } does not forward port ${port}; it forwards ${record.ports
          .map(p => p.port)
          .join(', ')}`,
      );
    }
    const stream = await this.open(record, forwarded);
    // Whoever uses the stream reports its errors; until then, and after,
    // one must not end the process.
    stream.on('error', error =>
      this.deps.logger.debug(`Port-forward ${record.id} stream: ${error}`),
    );
    let open = this.connections.get(record.id);
    if (!open) {
      open = new Set();
      this.connections.set(record.id, open);
    }
    open.add(stream);
    stream.once('close', () => {
      open!.delete(stream);
      if (open!.size === 0) {
        this.connections.delete(record.id);
      }
    });
    await this.touch(record.id);
    return stream;
  }

  /** Starts the periodic check, after reopening this replica's sessions. */
  async startPolling(): Promise<void> {
    await this.recover(
      await this.deps.store.list({
        states: ['active'],
        replica: this.deps.settings.replica,
      }),
    );
    this.timer = setInterval(() => {
      this.polling ??= this.poll()
        .catch(error =>
          this.deps.logger.warn(`Port-forward check failed: ${error}`),
        )
        .finally(() => {
          this.polling = undefined;
        });
    }, this.deps.settings.pollMs);
  }

  /** At shutdown: stops checking and closes this replica's connections; sessions stay active, to be reopened. */
  async stopPolling(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    for (const id of [...this.connections.keys()]) {
      this.closeConnections(id);
    }
  }

  /**
   * One check: ends connections of sessions ended elsewhere, ends this
   * replica's idle sessions, confirms it holds the others, and takes over
   * the sessions of a replica that stopped confirming its own.
   */
  async poll(now = Date.now()): Promise<void> {
    const { replica, idleMs, pollMs } = this.deps.settings;
    const active = await this.deps.store.list({ states: ['active'] });
    const activeIds = new Set(active.map(r => r.id));
    for (const id of [...this.connections.keys()]) {
      if (!activeIds.has(id)) {
        this.closeConnections(id);
      } else {
        // Open connections are in use, however quiet.
        await this.touch(id, now);
      }
    }
    const staleBefore = new Date(now - STALE_POLLS * pollMs).toISOString();
    for (const record of active) {
      if (record.replica === replica) {
        const lastUse = Math.max(
          Date.parse(record.lastUsedAt),
          this.touched.get(record.id) ?? 0,
        );
        if (now - lastUse > idleMs && !this.connections.has(record.id)) {
          await this.end(record, 'stopped', 'idle timeout');
        }
      } else if (record.heartbeatAt < staleBefore) {
        const at = new Date(now).toISOString();
        if (await this.deps.store.adopt(record.id, replica, staleBefore, at)) {
          await this.recover([{ ...record, replica }]);
        }
      }
    }
    await this.deps.store.heartbeat(replica, new Date(now).toISOString());
  }

  /**
   * Reopens sessions whose holder restarted or went away: each is checked
   * against the cluster again (a Service may now lead to another pod), and
   * marked failed with the reason when that fails. None is left as it was.
   */
  private async recover(records: PortForwardRecord[]) {
    for (const record of records) {
      try {
        const object = await this.targetObject(record);
        const { pod, ports } = await this.resolve(
          record,
          object,
          record.impersonation,
        );
        if (pod !== record.pod) {
          await this.deps.store.repoint(record.id, pod);
        }
        await this.probe({ ...record, pod, ports });
        await this.deps.store.heartbeat(
          this.deps.settings.replica,
          new Date().toISOString(),
        );
        this.deps.logger.info(
          `Reopened port-forward ${record.id} to ${record.namespace}/${pod} on cluster '${record.cluster}'`,
        );
      } catch (error) {
        await this.end(
          record,
          'failed',
          `could not be reopened after the backend restarted: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  private async end(
    record: PortForwardRecord,
    state: 'stopped' | 'failed',
    reason: string,
  ) {
    const endedAt = new Date().toISOString();
    if (
      !(await this.deps.store.end(record.id, { state, error: reason, endedAt }))
    ) {
      return;
    }
    this.closeConnections(record.id);
    this.deps.logger.info(`Port-forward ${record.id} ${state}: ${reason}`);
    await this.deps.auditStore.insert(
      sessionEndEntry(record, state, reason, endedAt),
    );
  }

  private async resolve(
    request: Pick<PortForwardRecord, 'cluster' | 'namespace' | 'target'> & {
      ports: Array<number | PortForwardPort>;
    },
    object: KubeObject,
    impersonate?: Impersonation,
  ): Promise<{ pod: string; ports: PortForwardPort[] }> {
    const asked = request.ports.map(p => (typeof p === 'number' ? p : p.port));
    if (request.target.kind === 'pod') {
      return { pod: object.metadata.name!, ports: podPorts(object, asked) };
    }
    const pods = await this.deps.resources.list(
      {
        cluster: request.cluster,
        resource: 'pods',
        namespace: request.namespace,
        limit: 10_000,
      },
      { impersonate },
    );
    const chosen = servicePodPorts(object, pods.items, asked);
    return { pod: chosen.pod.metadata.name!, ports: chosen.ports };
  }

  /** The pod or Service a stored session names, read again. */
  private async targetObject(record: PortForwardRecord): Promise<KubeObject> {
    const { object } = await this.deps.resources.get(
      {
        cluster: record.cluster,
        resource: record.target.kind === 'service' ? 'services' : 'pods',
        namespace: record.namespace,
        name: record.target.name,
      },
      { impersonate: record.impersonation },
    );
    return object;
  }

  /** Opens and closes a stream to each port, so that a session starts only where it works. */
  private async probe(record: PortForwardRecord) {
    for (const port of record.ports) {
      (await this.open(record, port)).destroy();
    }
  }

  private async open(record: PortForwardRecord, port: PortForwardPort) {
    return openPodPortStream({
      cluster: await this.deps.registry.get(record.cluster),
      namespace: record.namespace,
      pod: record.pod,
      port: port.podPort,
      impersonation: record.impersonation,
    });
  }

  private async touch(id: string, now = Date.now()) {
    const last = this.touched.get(id) ?? 0;
    if (now - last < TOUCH_EVERY_MS) {
      return;
    }
    this.touched.set(id, now);
    await this.deps.store.touch(id, new Date(now).toISOString());
  }

  private closeConnections(id: string) {
    for (const stream of this.connections.get(id) ?? []) {
      stream.destroy();
    }
    this.connections.delete(id);
    this.touched.delete(id);
  }
}
