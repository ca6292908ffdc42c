import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CacheStats,
  KindDescriptor,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ChangeHub } from '../changes/ChangeHub';
import { KubeClient } from '../kube/KubeClient';
import { ResourceWatcher } from './ResourceWatcher';

/**
 * The watch-fed cache of every cluster: one watcher per cluster and kind,
 * started when the kind is first asked for. Reads are served from it; writes
 * reach it through the watch. A watcher nobody read for a while, and that no
 * open change stream or prewarm holds, is stopped by {@link evictIdle}, so
 * that browsing many kinds does not keep as many watches open for ever.
 */
export class WatchCache {
  private readonly watchers = new Map<string, ResourceWatcher>();
  private readonly lastUsed = new Map<string, number>();
  private readonly holds = new Map<string, number>();

  constructor(
    private readonly deps: { logger: LoggerService; changes: ChangeHub },
  ) {}

  /** The watcher of a kind on a cluster, started if it was not running. */
  watcher(client: KubeClient, kind: KindDescriptor): ResourceWatcher {
    const key = keyOf(client.cluster, kind);
    this.lastUsed.set(key, Date.now());
    let watcher = this.watchers.get(key);
    if (!watcher) {
      const resource = resourceNameOf(kind);
      watcher = new ResourceWatcher({
        client,
        kind,
        logger: this.deps.logger,
        onChange: (type, object, previous) =>
          this.deps.changes.publish({
            type,
            cluster: client.cluster,
            resource,
            object,
            previous,
          }),
      });
      this.watchers.set(key, watcher);
      watcher.start();
    }
    return watcher;
  }

  /**
   * Starts the watcher of a kind and keeps it from eviction until the
   * answered function is called.
   */
  hold(client: KubeClient, kind: KindDescriptor): () => void {
    this.watcher(client, kind);
    const key = keyOf(client.cluster, kind);
    this.holds.set(key, (this.holds.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const count = (this.holds.get(key) ?? 1) - 1;
      if (count > 0) {
        this.holds.set(key, count);
      } else {
        this.holds.delete(key);
      }
      this.lastUsed.set(key, Date.now());
    };
  }

  /**
   * Stops the watchers that are not held and were not used for `idleMs`;
   * answers their keys (`cluster|resource.group`).
   */
  evictIdle(idleMs: number, now = Date.now()): string[] {
    const evicted: string[] = [];
    for (const [key, watcher] of this.watchers) {
      if (this.holds.has(key)) {
        continue;
      }
      if (now - (this.lastUsed.get(key) ?? 0) >= idleMs) {
        watcher.stop();
        this.watchers.delete(key);
        this.lastUsed.delete(key);
        evicted.push(key);
      }
    }
    return evicted;
  }

  /** Stops the watchers of a cluster (it was removed or changed). */
  forgetCluster(cluster: string) {
    for (const [key, watcher] of this.watchers) {
      if (key.startsWith(`${cluster}|`)) {
        watcher.stop();
        this.watchers.delete(key);
        this.lastUsed.delete(key);
      }
    }
  }

  stats(): CacheStats[] {
    return [...this.watchers.values()].map(w => w.stats());
  }

  stop() {
    for (const watcher of this.watchers.values()) {
      watcher.stop();
    }
    this.watchers.clear();
  }
}

function keyOf(cluster: string, kind: KindDescriptor): string {
  return `${cluster}|${resourceNameOf(kind)}`;
}
