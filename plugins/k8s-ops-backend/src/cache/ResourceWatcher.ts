import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  apiVersionOf,
  CacheFreshness,
  CacheStats,
  KindDescriptor,
  KubeObject,
  objectKeyOf,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { collectionPath } from '../kube/paths';
import { KubeClient } from '../kube/KubeClient';
import { kubeStatusCode, watchEventError } from '../kube/kubeErrors';
import { applyWatchEvent, replaceStore } from './applyWatchEvent';
import { isExpired } from './isExpired';

const PAGE = 500;
const MIN_BACKOFF_MS = 500;

/** Timeouts of a {@link ResourceWatcher}; each has a default. */
export interface ResourceWatcherOptions {
  /**
   * How long a read waits for the first list when the cluster makes no
   * progress on it (no page arrives); 5 s by default. A list that keeps
   * bringing pages is waited for however long it takes.
   */
  readyTimeoutMs?: number;
  /** Limit of each page of a list; 10 s by default. */
  pageTimeoutMs?: number;
  /**
   * Longest wait between two attempts while the cluster fails; 5 s by
   * default, so that a cluster that comes back is followed within seconds.
   */
  maxBackoffMs?: number;
}

/**
 * Keeps every object of one kind of one cluster in memory: a paged list,
 * then a watch that resumes from the last resourceVersion (bookmarks keep
 * it current), a fresh list after 410 Gone (an API server that restarted
 * forgets old versions), and back-off while the cluster cannot be reached.
 * A cluster that stops answering ends the watch (see `KubeClient.watch`);
 * the objects are then served as they were, marked stale with their age and
 * the reason. Objects are keyed by uid.
 */
export class ResourceWatcher {
  private readonly store = new Map<string, KubeObject>();
  private resourceVersion: string | undefined;
  private syncedAt: number | undefined;
  private live = false;
  private lastError: string | undefined;
  private readonly abort = new AbortController();
  private readonly firstSync: Promise<void>;
  private resolveFirstSync!: () => void;
  /** Set when the cluster refused the first list outright. */
  private refusal: Error | undefined;
  private readonly refusalWaiters = new Set<(error: Error) => void>();
  /** When a list last brought a page. */
  private listProgressAt = Date.now();
  private readonly options: Required<ResourceWatcherOptions>;
  private readonly seeded: boolean;

  constructor(
    private readonly deps: {
      client: KubeClient;
      kind: KindDescriptor;
      logger: LoggerService;
      /** `previous` is the object before a modification. */
      onChange: (
        type: 'ADDED' | 'MODIFIED' | 'DELETED',
        object: KubeObject,
        previous?: KubeObject,
      ) => void;
      options?: ResourceWatcherOptions;
      /**
       * The objects of the watcher this one replaces (new credentials), so
       * that its first list tells followers only what really changed.
       */
      seed?: Iterable<KubeObject>;
      /**
       * Its first list has filled the store without announcing each
       * object: followers that copy what the cache holds copy it now.
       */
      onFirstList?: () => void;
    },
  ) {
    this.firstSync = new Promise(r => (this.resolveFirstSync = r));
    for (const object of deps.seed ?? []) {
      this.store.set(objectKeyOf(object), object);
    }
    this.seeded = Boolean(deps.seed);
    this.options = {
      readyTimeoutMs: deps.options?.readyTimeoutMs ?? 5_000,
      pageTimeoutMs: deps.options?.pageTimeoutMs ?? 10_000,
      maxBackoffMs: deps.options?.maxBackoffMs ?? 5_000,
    };
  }

  get key(): string {
    return resourceNameOf(this.deps.kind);
  }

  start() {
    this.run().catch(error =>
      this.deps.logger.error(`Watch of ${this.describe()} stopped`, error),
    );
  }

  stop() {
    this.abort.abort();
  }

  /**
   * Waits for the first list; if the cluster refuses it, or makes no
   * progress on it for `readyTimeoutMs`, fails with its reason (there is
   * nothing stale to serve yet).
   */
  async ready(timeoutMs = this.options.readyTimeoutMs): Promise<void> {
    if (this.syncedAt) {
      return;
    }
    if (this.refusal) {
      throw this.refusal;
    }
    let timer: NodeJS.Timeout | undefined;
    let onRefusal: ((error: Error) => void) | undefined;
    const refused = new Promise<never>((_, reject) => {
      onRefusal = reject;
      this.refusalWaiters.add(reject);
    });
    const waitingSince = Date.now();
    const timeout = new Promise<never>((_, reject) => {
      const check = () => {
        // A large list that keeps bringing pages is worth waiting for.
        const silentFor =
          Date.now() - Math.max(waitingSince, this.listProgressAt);
        if (silentFor < timeoutMs) {
          timer = setTimeout(check, timeoutMs - silentFor);
          return;
        }
        reject(
          new ServiceUnavailableError(
            `Cluster '${this.deps.client.cluster}' did not answer the list of ${
              this.key
            } in time${this.lastError ? `: ${this.lastError}` : ''}`,
          ),
        );
      };
      timer = setTimeout(check, timeoutMs);
    });
    try {
      await Promise.race([this.firstSync, timeout, refused]);
    } finally {
      clearTimeout(timer);
      this.refusalWaiters.delete(onRefusal!);
    }
  }

  objects(): IterableIterator<KubeObject> {
    return this.store.values();
  }

  freshness(): CacheFreshness {
    const syncedAt = this.syncedAt
      ? new Date(this.syncedAt).toISOString()
      : undefined;
    if (this.live) {
      return { live: true, syncedAt };
    }
    return {
      live: false,
      syncedAt,
      staleSeconds: this.syncedAt
        ? Math.round((Date.now() - this.syncedAt) / 1000)
        : undefined,
      error: this.lastError,
    };
  }

  stats(): CacheStats {
    let bytes = 0;
    for (const object of this.store.values()) {
      bytes += JSON.stringify(object).length;
    }
    return {
      cluster: this.deps.client.cluster,
      resource: this.key,
      objects: this.store.size,
      bytes,
      freshness: this.freshness(),
    };
  }

  private describe() {
    return `${this.key} on cluster '${this.deps.client.cluster}'`;
  }

  private async run() {
    let backoff = MIN_BACKOFF_MS;
    let expiredAt = 0;
    while (!this.abort.signal.aborted) {
      const started = Date.now();
      try {
        if (!this.resourceVersion) {
          await this.relist();
        }
        await this.watch();
        backoff = MIN_BACKOFF_MS;
        if (Date.now() - started < MIN_BACKOFF_MS) {
          // A server that ends every watch at once is not asked in a loop.
          await sleep(MIN_BACKOFF_MS, this.abort.signal);
        }
      } catch (error) {
        if (this.abort.signal.aborted) {
          return;
        }
        // Expired again right after a fresh list: back off, not loop.
        if (isExpired(error) && Date.now() - expiredAt > 5_000) {
          // The resourceVersion is too old to resume from (the API server
          // restarted, or the watch was away too long): list again at once.
          this.resourceVersion = undefined;
          expiredAt = Date.now();
          this.deps.logger.info(
            `Watch of ${this.describe()} expired, listing again`,
          );
          continue;
        }
        if (isExpired(error)) {
          this.resourceVersion = undefined;
        }
        this.live = false;
        this.lastError = error instanceof Error ? error.message : String(error);
        const status = kubeStatusCode(error);
        if (!this.syncedAt && status && [401, 403, 404].includes(status)) {
          // Waiting will not help this request; later lists keep retrying in
          // case the cluster's permissions change.
          this.refusal = error as Error;
          this.refusalWaiters.forEach(reject => reject(error as Error));
        }
        // Jitter keeps the watchers of a cluster that comes back from
        // arriving all at once.
        const wait = Math.round(backoff * (0.8 + Math.random() * 0.4));
        this.deps.logger.warn(
          `Watch of ${this.describe()} failed, retrying in ${wait} ms: ${
            this.lastError
          }`,
        );
        await sleep(wait, this.abort.signal);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
      }
    }
  }

  private async relist() {
    const items: KubeObject[] = [];
    let token: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const page = await this.deps.client.request<{
        items: KubeObject[];
        metadata: { continue?: string; resourceVersion?: string };
      }>(collectionPath(this.deps.kind), {
        query: { limit: PAGE, continue: token },
        signal: this.abort.signal,
        timeoutMs: this.options.pageTimeoutMs,
      });
      this.listProgressAt = Date.now();
      const kind = this.deps.kind;
      for (const item of page.items) {
        // Items of a list carry no apiVersion and kind.
        item.apiVersion = apiVersionOf(kind);
        item.kind = kind.kind;
        items.push(item);
      }
      token = page.metadata.continue || undefined;
      resourceVersion = page.metadata.resourceVersion;
    } while (token);
    const changes = replaceStore(this.store, items);
    // The first list of a new watcher changes nothing anyone was shown: no
    // read was answered before it. Announcing its objects as added would
    // make followers count each one again.
    const announce = Boolean(this.syncedAt || this.seeded);
    if (announce) {
      for (const change of changes) {
        this.deps.onChange(change.type, change.object, change.previous);
      }
    }
    this.resourceVersion = resourceVersion;
    this.markSynced();
    if (!announce) {
      this.deps.onFirstList?.();
    }
    this.resolveFirstSync();
  }

  private async watch() {
    const cluster = this.deps.client.cluster;
    await this.deps.client.watch(collectionPath(this.deps.kind), {
      query: {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        // Spread, so that the watches of a cluster do not all end at once.
        timeoutSeconds: 240 + Math.floor(Math.random() * 60),
      },
      onEvent: event => {
        if (event.type === 'ERROR') {
          throw watchEventError(cluster, event.object);
        }
        const rv = event.object?.metadata?.resourceVersion;
        if (rv) {
          this.resourceVersion = rv;
        }
        this.markSynced();
        if (event.type === 'BOOKMARK') {
          return;
        }
        const previous = this.store.get(objectKeyOf(event.object));
        const type = applyWatchEvent(this.store, event);
        if (type) {
          this.deps.onChange(
            type,
            event.object,
            type === 'MODIFIED' ? previous : undefined,
          );
        }
      },
      // The cluster accepted the watch from our resourceVersion, or answered
      // while it was quiet: what is cached is current.
      onAlive: () => this.markSynced(),
      signal: this.abort.signal,
    });
  }

  private markSynced() {
    this.refusal = undefined;
    this.syncedAt = Date.now();
    this.live = true;
    this.lastError = undefined;
  }
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>(resolveSleep => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      resolveSleep();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      // Not left behind on a signal that outlives many sleeps.
      signal.removeEventListener('abort', onAbort);
      resolveSleep();
    }, ms);
  });
}
