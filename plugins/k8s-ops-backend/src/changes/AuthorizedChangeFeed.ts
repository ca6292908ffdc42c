import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  ChangesQuery,
  k8sOpsClusterReadPermission,
  k8sOpsResourceReadPermission,
  KubeObject,
  ResourceChange,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';
import { CacheChange, WatchCache } from '../cache/WatchCache';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import {
  ObjectPlace,
  RequestAuthorizer,
} from '../permissions/RequestAuthorizer';
import { ResourceService } from '../resources/ResourceService';
import { parseLabelSelectorInput } from '../resources/selectorInput';

/** Where a follower's changes go. */
export interface Follower {
  send(change: ResourceChange): void;
  /** Ends the stream (the backend shuts down). */
  end(): void;
}

/**
 * The changes of the watch cache as one person may see them. Following
 * starts the watchers of the asked kinds on the asked (or every visible)
 * cluster and holds them while the stream is open; a change is passed on,
 * masked, only when the person may read the object, and an object that
 * stops matching leaves the follower's view as deleted. Clusters that
 * impersonate are left out: their objects are not watched with the
 * portal's credentials.
 */
export class AuthorizedChangeFeed {
  private readonly open = new Set<{ end: () => void }>();

  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      resources: ResourceService;
      cache: WatchCache;
      authorizer: RequestAuthorizer;
    },
  ) {}

  /** Starts following; answers the function that stops. */
  async follow(
    request: ChangesQuery,
    credentials: BackstageCredentials,
    follower: Follower,
  ): Promise<() => void> {
    const matchesLabels = parseLabelSelectorInput(request.labelSelector);
    const authz = await this.deps.authorizer.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    const visible = (await this.deps.registry.list()).filter(
      c =>
        !c.impersonate &&
        authz.allowsCluster(k8sOpsClusterReadPermission, c) &&
        (!request.clusters?.length || request.clusters.includes(c.name)),
    );
    const places = new Map<string, ObjectPlace>();
    const releases: Array<() => void> = [];
    const release = () => releases.forEach(r => r());
    try {
      // A kind some clusters do not serve (a CRD installed on a few) is
      // followed where it is served; one that no cluster serves is a 404.
      const unserved = new Map<string, unknown>();
      const served = new Set<string>();
      for (const cluster of visible) {
        for (const resource of request.resources) {
          let held;
          try {
            held = await this.deps.resources.hold(cluster.name, resource);
          } catch (error) {
            if (!(isError(error) && error.name === 'NotFoundError')) {
              throw error;
            }
            unserved.set(resource, error);
            continue;
          }
          served.add(resource);
          releases.push(held.release);
          places.set(`${cluster.name}|${resourceNameOf(held.target.kind)}`, {
            cluster,
            kind: held.target.kind,
          });
        }
      }
      for (const [resource, error] of unserved) {
        if (!served.has(resource)) {
          throw error;
        }
      }
    } catch (error) {
      release();
      throw error;
    }
    const shows = (place: ObjectPlace, object: KubeObject) =>
      (!request.namespace ||
        !place.kind.namespaced ||
        object.metadata.namespace === request.namespace) &&
      matchesLabels(object.metadata.labels) &&
      authz.allows(k8sOpsResourceReadPermission, place, object);
    const onChange = (change: CacheChange) => {
      const place = places.get(`${change.cluster}|${change.resource}`);
      if (!place) {
        return;
      }
      const { type, cluster, resource, object, previous } = change;
      const send = (t: ResourceChange['type'], o: KubeObject) =>
        follower.send({
          type: t,
          cluster,
          resource,
          object: authz.maskUnlessRevealed(place, o),
        });
      if (shows(place, object)) {
        send(type, object);
      } else if (type === 'MODIFIED' && previous && shows(place, previous)) {
        // Relabelled, or out of the person's reach: it leaves their view.
        send('DELETED', previous);
      }
    };
    const unsubscribe = this.deps.cache.subscribe(onChange);
    const handle = {
      stop: () => {
        unsubscribe();
        release();
        this.open.delete(handle);
      },
      end: () => {
        handle.stop();
        follower.end();
      },
    };
    this.open.add(handle);
    return handle.stop;
  }

  /** Ends every open stream, at shutdown. */
  endAll() {
    for (const handle of [...this.open]) {
      handle.end();
    }
  }
}
