import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CacheFreshness,
  CacheStats,
  KindDescriptor,
  KubeObject,
  ResourceChange,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterEvent, ClusterEvents } from '../clusters/ClusterRegistry';
import { KubeClient } from '../kube/KubeClient';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { ResourceWatcher, ResourceWatcherOptions } from './ResourceWatcher';

/**
 * A change as a watcher saw it: with the object as it was before a
 * modification, so that a follower can tell when an object stops matching
 * what it follows.
 */
export interface CacheChange extends ResourceChange {
  previous?: KubeObject;
}

interface Entry {
  watcher: ResourceWatcher;
  client: KubeClient;
  kind: KindDescriptor;
  lastUsed: number;
  holds: number;
}

/**
 * The watch-fed cache of every cluster: one watcher per cluster and kind,
 * started when the kind is first asked for. Reads are served from it; writes
 * reach it through the watch, and every change is told to its followers. A
 * watcher nobody read for a while, and that no open change stream or
 * prewarm holds, is stopped by {@link evictIdle}, so that browsing many kinds
 * does not keep as many watches open for ever. It follows the cluster
 * registry: a removed cluster is no longer watched, a changed one is watched
 * again with its new client.
 */
export class WatchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(change: CacheChange) => void>();
  private readonly listListeners = new Set<
    (place: { cluster: string; resource: string }) => void
  >();

  constructor(
    private readonly deps: {
      logger: LoggerService;
      events?: ClusterEvents;
      clients?: KubeClientFactory;
      watcher?: ResourceWatcherOptions;
    },
  ) {
    deps.events?.subscribe(event => this.onClusterEvent(event));
  }

  /** The watcher of a kind on a cluster, started if it was not running. */
  watcher(client: KubeClient, kind: KindDescriptor): ResourceWatcher {
    const key = keyOf(client.cluster, kind);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        watcher: this.startWatcher(client, kind),
        client,
        kind,
        lastUsed: 0,
        holds: 0,
      };
      this.entries.set(key, entry);
    }
    entry.lastUsed = Date.now();
    return entry.watcher;
  }

  /**
   * Starts the watcher of a kind and keeps it from eviction until the
   * answered function is called (or its cluster is removed).
   */
  hold(client: KubeClient, kind: KindDescriptor): () => void {
    this.watcher(client, kind);
    const entry = this.entries.get(keyOf(client.cluster, kind))!;
    entry.holds += 1;
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      entry.holds = Math.max(0, entry.holds - 1);
      entry.lastUsed = Date.now();
    };
  }

  /**
   * What the running watcher of a kind holds, without starting one;
   * undefined when the kind is not watched on the cluster.
   */
  objects(
    cluster: string,
    resource: string,
  ): IterableIterator<KubeObject> | undefined {
    return this.entries.get(`${cluster}|${resource}`)?.watcher.objects();
  }

  /** How fresh a watched kind is, without starting its watcher. */
  freshness(cluster: string, resource: string): CacheFreshness | undefined {
    return this.entries.get(`${cluster}|${resource}`)?.watcher.freshness();
  }

  /** Answers the function that unsubscribes. */
  subscribe(listener: (change: CacheChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells when a watcher's first list has filled what it holds. That list
   * is not announced object by object (nobody was shown anything before
   * it), so a follower that copies what the cache holds, such as an
   * index, copies it again then. Answers the function that unsubscribes.
   */
  subscribeFirstLists(
    listener: (place: { cluster: string; resource: string }) => void,
  ): () => void {
    this.listListeners.add(listener);
    return () => this.listListeners.delete(listener);
  }

  /**
   * Stops the watchers that are not held and were not used for `idleMs`;
   * answers their keys (`cluster|resource.group`).
   */
  evictIdle(idleMs: number, now = Date.now()): string[] {
    const evicted: string[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.holds === 0 && now - entry.lastUsed >= idleMs) {
        entry.watcher.stop();
        this.entries.delete(key);
        evicted.push(key);
      }
    }
    return evicted;
  }

  /** Stops every watcher of a cluster and drops its holds. */
  forgetCluster(cluster: string) {
    for (const [key, entry] of this.entries) {
      if (entry.client.cluster === cluster) {
        entry.watcher.stop();
        this.entries.delete(key);
      }
    }
  }

  stats(): CacheStats[] {
    return [...this.entries.values()].map(e => e.watcher.stats());
  }

  stop() {
    for (const entry of this.entries.values()) {
      entry.watcher.stop();
    }
    this.entries.clear();
  }

  private onClusterEvent(event: ClusterEvent) {
    if (event.type === 'removed') {
      this.forgetCluster(event.name);
      return;
    }
    const client = this.deps.clients?.forCluster(event.cluster);
    if (!client) {
      return;
    }
    for (const entry of this.entries.values()) {
      if (entry.client.cluster !== event.name || entry.client === client) {
        continue;
      }
      // New credentials or a new URL: the objects are read again through
      // the new client, and the holds of open streams stay.
      entry.watcher.stop();
      entry.client = client;
      entry.watcher = this.startWatcher(client, entry.kind, [
        ...entry.watcher.objects(),
      ]);
    }
  }

  private startWatcher(
    client: KubeClient,
    kind: KindDescriptor,
    seed?: KubeObject[],
  ) {
    const resource = resourceNameOf(kind);
    const watcher = new ResourceWatcher({
      client,
      kind,
      seed,
      logger: this.deps.logger,
      options: this.deps.watcher,
      onChange: (type, object, previous) => {
        const change = {
          type,
          cluster: client.cluster,
          resource,
          object,
          previous,
        };
        for (const listener of this.listeners) {
          listener(change);
        }
      },
      onFirstList: () => {
        for (const listener of this.listListeners) {
          listener({ cluster: client.cluster, resource });
        }
      },
    });
    watcher.start();
    return watcher;
  }
}

function keyOf(cluster: string, kind: KindDescriptor): string {
  return `${cluster}|${resourceNameOf(kind)}`;
}
