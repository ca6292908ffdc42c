import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CacheFreshness,
  detectFamilies,
  KindDescriptor,
  KubeObject,
  ObjectHealth,
  objectKeyOf,
  objectStatus,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { CacheChange, WatchCache } from '../cache/WatchCache';
import { ClusterEvent, ClusterRegistry } from '../clusters/ClusterRegistry';
import { findKind } from '@k8s-ops/plugin-k8s-ops-common';
import { DiscoveryCache } from '../kube/DiscoveryCache';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { CachePrewarmer } from '../resources/CachePrewarmer';
import { ResourceService } from '../resources/ResourceService';
import { kindRank, Rankable } from './rankMatches';

/** What the index keeps of one object: never a Secret's values. */
export interface IndexedObject extends Rankable {
  place: IndexedPlace;
  namespace?: string;
  /** The name as the cluster spells it. */
  displayName: string;
  labels: Record<string, string>;
  status: string;
  health: ObjectHealth;
}

/** The indexed objects of one kind on one cluster. */
export interface IndexedPlace {
  cluster: string;
  resource: string;
  kind: KindDescriptor;
  objects: Map<string, IndexedObject>;
}

/**
 * The search index of this replica: the names, labels and status of every
 * object of the indexed kinds on every cluster, fed by the watch cache's
 * changes. It holds the watches of those kinds, so that a search never
 * asks an API server anything. A deleted object leaves it at once; a
 * cluster that stops answering keeps its objects, answered as stale. The
 * kinds are `k8sOps.search.kinds`, plus the kinds of the CRD families the
 * portal knows, where they are installed.
 */
export class SearchIndex {
  private readonly places = new Map<string, IndexedPlace>();
  private size = 0;
  private readonly holder: CachePrewarmer;
  private readonly unsubscribes: Array<() => void> = [];
  private warnedFull = false;

  constructor(
    private readonly deps: {
      cache: WatchCache;
      registry: ClusterRegistry;
      resources: ResourceService;
      discovery: DiscoveryCache;
      clients: KubeClientFactory;
      logger: LoggerService;
      /** Kinds as a person types them: `pods`, `deployments.apps`. */
      kinds: string[];
      /** Also index the kinds of installed CRD families. */
      crdFamilies: boolean;
      /** Objects beyond this are not indexed (a warning says so). */
      maxObjects: number;
    },
  ) {
    this.holder = new CachePrewarmer({
      registry: deps.registry,
      resources: deps.resources,
      logger: deps.logger,
      kinds: [],
      kindsOf: name => this.resolveKinds(name),
      onHeld: (cluster, target) => this.addPlace(cluster, target.kind),
      onReleased: name => this.dropCluster(name),
    });
  }

  async start() {
    this.unsubscribes.push(
      this.deps.cache.subscribe(change => this.onChange(change)),
      this.deps.cache.subscribeFirstLists(({ cluster, resource }) => {
        const place = this.places.get(`${cluster}|${resource}`);
        if (place) {
          this.reseed(place);
        }
      }),
      this.deps.registry.subscribe(event => this.onClusterEvent(event)),
    );
    await this.holder.start();
  }

  stop() {
    this.unsubscribes.splice(0).forEach(u => u());
    this.holder.stop();
  }

  /** Every indexed kind of every cluster. */
  indexedPlaces(): IterableIterator<IndexedPlace> {
    return this.places.values();
  }

  /** How many objects are indexed. */
  get objectCount(): number {
    return this.size;
  }

  /** Whether the watch behind a place is connected to its cluster. */
  freshness(place: IndexedPlace): CacheFreshness | undefined {
    return this.deps.cache.freshness(place.cluster, place.resource);
  }

  private async resolveKinds(name: string): Promise<string[]> {
    const cluster = await this.deps.registry.get(name);
    if (cluster.impersonate) {
      // Read as each person, never searched from the portal's own view.
      return [];
    }
    const kinds = await this.deps.discovery.kinds(
      this.deps.clients.forCluster(cluster),
    );
    const resources = new Set<string>();
    for (const ref of this.deps.kinds) {
      const kind = findKind(kinds, ref);
      if (kind && ['list', 'watch'].every(v => kind.verbs.includes(v))) {
        resources.add(resourceNameOf(kind));
      }
    }
    if (this.deps.crdFamilies) {
      detectFamilies(kinds).forEach(f =>
        f.resources.forEach(r => resources.add(r)),
      );
    }
    return [...resources];
  }

  /** Registers a kind and indexes what its watcher already holds. */
  private addPlace(cluster: string, kind: KindDescriptor) {
    const resource = resourceNameOf(kind);
    const key = `${cluster}|${resource}`;
    if (this.places.has(key)) {
      return;
    }
    const place: IndexedPlace = { cluster, resource, kind, objects: new Map() };
    this.places.set(key, place);
    this.reseed(place);
  }

  /**
   * Replaces a place's objects with its watcher's. Synchronous, so that no
   * change falls between the copy and the changes that follow it.
   */
  private reseed(place: IndexedPlace) {
    for (const key of [...place.objects.keys()]) {
      this.remove(place, key);
    }
    const objects = this.deps.cache.objects(place.cluster, place.resource);
    for (const object of objects ?? []) {
      this.upsert(place, object);
    }
  }

  private onChange(change: CacheChange) {
    const place = this.places.get(`${change.cluster}|${change.resource}`);
    if (!place) {
      return;
    }
    if (change.type === 'DELETED') {
      this.remove(place, objectKeyOf(change.object));
    } else {
      this.upsert(place, change.object);
    }
  }

  private onClusterEvent(event: ClusterEvent) {
    if (event.type === 'removed') {
      return;
    }
    // New credentials or URL: the watchers list again from scratch, and
    // what they hold now is what the index holds.
    for (const place of this.places.values()) {
      if (place.cluster === event.name) {
        this.reseed(place);
      }
    }
  }

  private upsert(place: IndexedPlace, object: KubeObject) {
    const key = objectKeyOf(object);
    const existing = place.objects.get(key);
    if (!existing && this.size >= this.deps.maxObjects) {
      if (!this.warnedFull) {
        this.warnedFull = true;
        this.deps.logger.warn(
          `Search index is full (k8sOps.search.maxObjects = ${this.deps.maxObjects}): further objects are not found by search`,
        );
      }
      return;
    }
    const displayName = object.metadata.name ?? '';
    const name = displayName.toLowerCase();
    const data = (object as { data?: Record<string, unknown> }).data;
    const { status, health } = objectStatus(object);
    place.objects.set(key, {
      place,
      name,
      displayName,
      kindRank: kindRank(place.kind.kind),
      namespace: place.kind.namespaced ? object.metadata.namespace : undefined,
      labels: object.metadata.labels ?? {},
      // Only the keys of a ConfigMap or Secret, never what they hold.
      keys:
        (place.kind.kind === 'Secret' || place.kind.kind === 'ConfigMap') &&
        data
          ? Object.keys(data).map(k => k.toLowerCase())
          : undefined,
      status,
      health,
      changedAt: Date.now(),
    });
    if (!existing) {
      this.size += 1;
    }
  }

  private remove(place: IndexedPlace, key: string) {
    if (place.objects.delete(key)) {
      this.size -= 1;
    }
  }

  /** Forgets the objects of a cluster that is let go. */
  private dropCluster(name: string) {
    for (const [key, place] of this.places) {
      if (place.cluster === name) {
        this.size -= place.objects.size;
        this.places.delete(key);
      }
    }
  }
}
