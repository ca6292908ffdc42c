import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  clusterSubPath,
  k8sOpsClusterReadPermission,
  k8sOpsResourceReadPermission,
  objectSubPath,
  SearchHit,
  SearchResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { matchesKindRef } from '@k8s-ops/plugin-k8s-ops-common';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { parseSearchQueryInput } from '../resources/selectorInput';
import { rankMatches } from './rankMatches';
import { IndexedObject, IndexedPlace, SearchIndex } from './SearchIndex';

/**
 * Search as one person may use it: one conditional decision per search,
 * applied to every object before matching and counting, so that neither
 * the hits nor the total tell anything of what the person may not read. A
 * denied search answers nothing. Clusters that impersonate are left out:
 * their objects are not indexed with the portal's credentials for anyone.
 */
export class AuthorizedSearch {
  constructor(
    private readonly deps: {
      index: SearchIndex;
      registry: ClusterRegistry;
      authorizer: RequestAuthorizer;
      /** The Kubernetes page in the portal, such as `https://portal/k8s-ops`. */
      pageUrl: string;
      /** `k8sOps.search.enabled`. */
      enabled: boolean;
    },
  ) {}

  async search(
    request: { q: string; limit: number },
    credentials: BackstageCredentials,
  ): Promise<SearchResponse> {
    if (!this.deps.enabled) {
      throw new NotFoundError(
        'Search is turned off on this portal (k8sOps.search.enabled is false)',
      );
    }
    const started = performance.now();
    const query = parseSearchQueryInput(request.q);
    const authz = await this.deps.authorizer.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsResourceReadPermission,
    ]);
    const tookMs = () => Math.round((performance.now() - started) * 10) / 10;
    const empty = () => ({ items: [], total: 0, tookMs: tookMs() });
    if (
      authz.deniesAll(k8sOpsClusterReadPermission) ||
      authz.deniesAll(k8sOpsResourceReadPermission)
    ) {
      return empty();
    }
    const clusters = new Map<string, ClusterDefinition>();
    for (const cluster of await this.deps.registry.list()) {
      if (
        !cluster.impersonate &&
        authz.allowsCluster(k8sOpsClusterReadPermission, cluster) &&
        (!query.clusters.length || query.clusters.includes(cluster.name)) &&
        (!query.groups.length ||
          query.groups.includes(cluster.group?.toLowerCase() ?? ''))
      ) {
        clusters.set(cluster.name, cluster);
      }
    }
    const everyObject = authz.allowsAll(k8sOpsResourceReadPermission);
    // Without a label rule, the decision is the same for every object of a
    // kind in a namespace: asked once for each, not for every object.
    const byLabels = authz.usesRule(k8sOpsResourceReadPermission, 'HAS_LABEL');
    const candidates: IndexedObject[] = [];
    for (const place of this.deps.index.indexedPlaces()) {
      const cluster = clusters.get(place.cluster);
      if (
        !cluster ||
        (query.kinds.length &&
          !query.kinds.some(k => matchesKindRef(place.kind, k)))
      ) {
        continue;
      }
      const where = { cluster, kind: place.kind };
      const mayRead = (object: IndexedObject) =>
        authz.allows(k8sOpsResourceReadPermission, where, {
          metadata: {
            name: object.displayName,
            namespace: object.namespace,
            labels: object.labels,
          },
        });
      const byNamespace = new Map<string | undefined, boolean>();
      for (const object of place.objects.values()) {
        if (
          (query.namespaces.length &&
            !query.namespaces.includes(object.namespace ?? '')) ||
          (query.labels.length && !query.matchesLabels(object.labels))
        ) {
          continue;
        }
        if (!everyObject) {
          let allowed = byLabels
            ? undefined
            : byNamespace.get(object.namespace);
          if (allowed === undefined) {
            allowed = mayRead(object);
            byNamespace.set(object.namespace, allowed);
          }
          if (!allowed) {
            continue;
          }
        }
        candidates.push(object);
      }
    }
    const { best, total } = rankMatches(candidates, query.text, request.limit);
    const stale = new Map<IndexedPlace, boolean>();
    const items = best.map(({ item }) => {
      const place = item.place;
      if (!stale.has(place)) {
        stale.set(place, !this.deps.index.freshness(place)?.live);
      }
      return this.hit(place, item, stale.get(place)!);
    });
    return {
      items,
      total,
      tookMs: tookMs(),
    };
  }

  private hit(
    place: IndexedPlace,
    object: IndexedObject,
    stale: boolean,
  ): SearchHit {
    const ref = {
      cluster: place.cluster,
      resource: place.resource,
      namespace: object.namespace,
      name: object.displayName,
    };
    return {
      cluster: place.cluster,
      resource: place.resource,
      kind: place.kind.kind,
      ...(object.namespace ? { namespace: object.namespace } : {}),
      name: object.displayName,
      labels: object.labels,
      status: object.status,
      health: object.health,
      stale,
      url: `${this.deps.pageUrl}${clusterSubPath(place.cluster)}${objectSubPath(
        ref,
      )}`,
    };
  }
}
