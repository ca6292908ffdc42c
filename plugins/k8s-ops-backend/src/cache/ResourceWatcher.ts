import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  CacheFreshness,
  CacheStats,
  KindDescriptor,
  KubeObject,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { collectionPath } from '../kube/DiscoveryCache';
import { KubeClient } from '../kube/KubeClient';
import { kubeStatusCode } from '../kube/kubeErrors';
import { applyWatchEvent, keyOf, replaceStore } from './applyWatchEvent';

const PAGE = 500;
const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps every object of one kind of one cluster in memory: a paged list,
 * then a watch that resumes from the last resourceVersion (bookmarks keep
 * it current), a fresh list after 410 Gone, and back-off while the cluster
 * cannot be reached. Objects are keyed by uid.
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
    },
  ) {
    this.firstSync = new Promise(r => (this.resolveFirstSync = r));
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
   * Waits for the first list; if the cluster refuses it, or does not answer
   * in time, fails with its reason (there is nothing stale to serve yet).
   */
  async ready(timeoutMs = 10_000): Promise<void> {
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
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError(
              `Cluster '${
                this.deps.client.cluster
              }' did not answer the list of ${this.key} in time${
                this.lastError ? `: ${this.lastError}` : ''
              }`,
            ),
          ),
        timeoutMs,
      );
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
    while (!this.abort.signal.aborted) {
      try {
        if (!this.resourceVersion) {
          await this.relist();
        }
        await this.watch();
        backoff = MIN_BACKOFF_MS;
      } catch (error) {
        if (this.abort.signal.aborted) {
          return;
        }
        if (kubeStatusCode(error) === 410) {
          // The resourceVersion is too old to resume from: list again.
          this.resourceVersion = undefined;
          continue;
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
        this.deps.logger.warn(
          `Watch of ${this.describe()} failed, retrying in ${backoff} ms: ${
            this.lastError
          }`,
        );
        await sleep(backoff, this.abort.signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
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
      });
      const kind = this.deps.kind;
      for (const item of page.items) {
        // Items of a list carry no apiVersion and kind.
        item.apiVersion = kind.group
          ? `${kind.group}/${kind.version}`
          : kind.version;
        item.kind = kind.kind;
        items.push(item);
      }
      token = page.metadata.continue || undefined;
      resourceVersion = page.metadata.resourceVersion;
    } while (token);
    for (const change of replaceStore(this.store, items)) {
      this.deps.onChange(change.type, change.object, change.previous);
    }
    this.resourceVersion = resourceVersion;
    this.markSynced();
    this.resolveFirstSync();
  }

  private async watch() {
    await this.deps.client.watch(
      collectionPath(this.deps.kind),
      {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: 240 + Math.floor(Math.random() * 60),
      },
      event => {
        if (event.type === 'ERROR') {
          const code = event.object?.code;
          throw Object.defineProperty(
            new Error(event.object?.message ?? 'watch error'),
            'kubeStatusCode',
            { value: code },
          );
        }
        const rv = event.object?.metadata?.resourceVersion;
        if (rv) {
          this.resourceVersion = rv;
        }
        this.markSynced();
        if (event.type === 'BOOKMARK') {
          return;
        }
        const previous = this.store.get(keyOf(event.object));
        const type = applyWatchEvent(this.store, event);
        if (type) {
          this.deps.onChange(
            type,
            event.object,
            type === 'MODIFIED' ? previous : undefined,
          );
        }
      },
      this.abort.signal,
    );
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
    const timer = setTimeout(resolveSleep, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolveSleep();
    });
  });
}
