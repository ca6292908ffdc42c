import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterEvent, ClusterRegistry } from '../clusters/ClusterRegistry';
import { ResourceService, Target } from './ResourceService';

const RETRY_MS = 30_000;

/**
 * Watches the configured kinds on every cluster from the start, so that
 * page views are served from the cache, and follows the registry: a new
 * cluster is watched at once, a removed one is let go.
 */
export class CachePrewarmer {
  /** The releases of each cluster's holds. */
  private readonly held = new Map<string, Array<() => void>>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      resources: ResourceService;
      kinds: string[];
      logger: LoggerService;
      /** The kinds of one cluster, when they depend on it (installed CRDs). */
      kindsOf?: (cluster: string) => Promise<string[]>;
      /** Told of each kind held, once it is. */
      onHeld?: (cluster: string, target: Target) => void;
      /** Told when a cluster is let go (removed, or to be tried again). */
      onReleased?: (cluster: string) => void;
    },
  ) {}

  async start() {
    if (this.deps.kinds.length === 0 && !this.deps.kindsOf) {
      return;
    }
    this.unsubscribe = this.deps.registry.subscribe(event =>
      this.onClusterEvent(event),
    );
    for (const cluster of await this.deps.registry.list()) {
      this.warm(cluster.name);
    }
  }

  stop() {
    this.unsubscribe?.();
    for (const name of [...this.held.keys()]) {
      this.release(name);
    }
  }

  private onClusterEvent(event: ClusterEvent) {
    if (event.type === 'removed') {
      this.release(event.name);
    } else {
      this.warm(event.name);
    }
  }

  private warm(name: string) {
    if (this.held.has(name)) {
      return;
    }
    const releases: Array<() => void> = [];
    this.held.set(name, releases);
    const failed = (what: string) => (error: Error) => {
      this.deps.logger.warn(
        `Could not start watching ${what} on cluster '${name}', retrying in ${
          RETRY_MS / 1000
        } s: ${error.message}`,
      );
      this.retryLater(name);
    };
    const kinds = this.deps.kindsOf
      ? this.deps.kindsOf(name)
      : Promise.resolve(this.deps.kinds);
    kinds.then(resources => {
      for (const resource of resources) {
        this.deps.resources
          .hold(name, resource)
          .then(({ target, release }) => {
            if (this.held.get(name) === releases) {
              releases.push(release);
              this.deps.onHeld?.(name, target);
            } else {
              release();
            }
          })
          .catch(failed(resource));
      }
    }, failed('its kinds'));
  }

  /** Lets go of a cluster whose prewarm failed, and tries it again later. */
  private retryLater(name: string) {
    if (this.retries.has(name)) {
      return;
    }
    const timer = setTimeout(() => {
      this.retries.delete(name);
      if (this.unsubscribe && this.held.has(name)) {
        this.release(name);
        this.deps.registry
          .get(name)
          .then(() => this.warm(name))
          .catch(() => undefined);
      }
    }, RETRY_MS);
    timer.unref();
    this.retries.set(name, timer);
  }

  private release(name: string) {
    clearTimeout(this.retries.get(name));
    this.retries.delete(name);
    this.held.get(name)?.forEach(release => release());
    this.held.delete(name);
    this.deps.onReleased?.(name);
  }
}
