import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { ClusterDefinition, ClusterSource } from './types';

/**
 * What happened to a cluster: `changed` when it appears or its definition
 * changes (a new client, new watches), `removed` when it is gone.
 */
export type ClusterEvent =
  | { type: 'changed'; name: string; cluster: ClusterDefinition }
  | { type: 'removed'; name: string };

/** Where cluster events come from, for the parts that follow them. */
export interface ClusterEvents {
  subscribe(listener: (event: ClusterEvent) => void): () => void;
}

/** How often sources that change elsewhere (the database) are read again. */
const POLL_MS = 2_000;

/**
 * Every cluster k8s-ops knows, merged from its sources. It tells its
 * followers when a cluster appears, changes or goes, whichever source it
 * comes from: clusters registered through another replica are noticed by
 * reading the sources again every few seconds.
 */
export class ClusterRegistry implements ClusterEvents {
  private readonly listeners = new Set<(event: ClusterEvent) => void>();
  /** The definitions followers were last told about. */
  private known = new Map<string, ClusterDefinition>();
  private timer: NodeJS.Timeout | undefined;
  private readonly readOnlyCopies = new WeakMap<
    ClusterDefinition,
    ClusterDefinition
  >();

  constructor(
    private readonly sources: ClusterSource[],
    private readonly options: {
      logger?: LoggerService;
      /** `k8sOps.readOnly`: every cluster is read-only. */
      readOnly?: boolean;
    } = {},
  ) {}

  async list(): Promise<ClusterDefinition[]> {
    const byName = new Map<string, ClusterDefinition>();
    for (const source of this.sources) {
      for (const cluster of await source.list()) {
        const existing = byName.get(cluster.name);
        if (existing) {
          throw new ConflictError(
            `Cluster name '${cluster.name}' is defined by both ${existing.source} and ${cluster.source}; cluster names must be unique`,
          );
        }
        byName.set(cluster.name, this.withGlobalSettings(cluster));
      }
    }
    this.notify(byName);
    return [...byName.values()];
  }

  async get(name: string): Promise<ClusterDefinition> {
    const cluster = (await this.list()).find(c => c.name === name);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    return cluster;
  }

  /** Answers the function that unsubscribes. */
  subscribe(listener: (event: ClusterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the sources again now, telling followers what changed. */
  async refresh(): Promise<void> {
    await this.list();
  }

  /** Starts reading the sources every few seconds. */
  start(intervalMs = POLL_MS) {
    this.stop();
    this.timer = setInterval(() => {
      this.refresh().catch(error =>
        this.options.logger?.warn(
          `Could not read the cluster registry: ${error.message}`,
        ),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private withGlobalSettings(cluster: ClusterDefinition): ClusterDefinition {
    if (!this.options.readOnly || cluster.readOnly) {
      return cluster;
    }
    // Keeps the identity of the definition while it is unchanged, so that
    // followers see no change where there is none.
    let copy = this.readOnlyCopies.get(cluster);
    if (!copy) {
      copy = { ...cluster, readOnly: true };
      this.readOnlyCopies.set(cluster, copy);
    }
    return copy;
  }

  private notify(current: Map<string, ClusterDefinition>) {
    const events: ClusterEvent[] = [];
    for (const [name, cluster] of current) {
      if (this.known.get(name) !== cluster) {
        events.push({ type: 'changed', name, cluster });
      }
    }
    for (const name of this.known.keys()) {
      if (!current.has(name)) {
        events.push({ type: 'removed', name });
      }
    }
    this.known = current;
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.options.logger?.error(
            `A follower of the cluster registry failed: ${
              (error as Error).message
            }`,
          );
        }
      }
    }
  }
}
