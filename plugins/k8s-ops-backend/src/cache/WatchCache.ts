import { LoggerService } from '@backstage/backend-plugin-api';
import { KindDescriptor } from '@k8s-ops/plugin-k8s-ops-common';
import { ChangeHub } from '../changes/ChangeHub';
import { KubeClient } from '../kube/KubeClient';
import { ResourceWatcher, WatcherStats } from './ResourceWatcher';

/**
 * The watch-fed cache of every cluster: one watcher per cluster and kind,
 * started when the kind is first asked for. Reads are served from it; writes
 * reach it through the watch.
 */
export class WatchCache {
  private readonly watchers = new Map<string, ResourceWatcher>();

  constructor(
    private readonly deps: { logger: LoggerService; changes: ChangeHub },
  ) {}

  /** The watcher of a kind on a cluster, started if it was not running. */
  watcher(client: KubeClient, kind: KindDescriptor): ResourceWatcher {
    const key = `${client.cluster}|${kind.group}|${kind.resource}`;
    let watcher = this.watchers.get(key);
    if (!watcher) {
      const resource = kind.group
        ? `${kind.resource}.${kind.group}`
        : kind.resource;
      watcher = new ResourceWatcher({
        client,
        kind,
        logger: this.deps.logger,
        onChange: (type, object) =>
          this.deps.changes.publish({
            type,
            cluster: client.cluster,
            resource,
            object,
          }),
      });
      this.watchers.set(key, watcher);
      watcher.start();
    }
    return watcher;
  }

  /** Stops the watchers of a cluster (it was removed or changed). */
  forgetCluster(cluster: string) {
    for (const [key, watcher] of this.watchers) {
      if (key.startsWith(`${cluster}|`)) {
        watcher.stop();
        this.watchers.delete(key);
      }
    }
  }

  stats(): WatcherStats[] {
    return [...this.watchers.values()].map(w => w.stats());
  }

  stop() {
    for (const watcher of this.watchers.values()) {
      watcher.stop();
    }
    this.watchers.clear();
  }
}
