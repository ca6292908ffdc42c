/**
 * A kind a cluster serves, as discovery describes it. Kinds are data, not
 * classes: every built-in kind and every CRD is one of these.
 *
 * @public
 */
export interface KindDescriptor {
  /** API group; empty for the core group. */
  group: string;
  version: string;
  /** Plural resource name used in URLs, such as `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  subresources: string[];
  /** Whether this version is the group's preferred one. */
  preferred: boolean;
}

/**
 * A family of CRDs the portal knows how to present.
 *
 * @public
 */
export interface CrdFamily {
  id: 'openkruise' | 'traefik' | 'tailscale' | 'k3s-upgrade';
  title: string;
  installed: boolean;
  /** `resource.group` of the family's kinds served by the cluster. */
  resources: string[];
}

/**
 * Answer of `GET /clusters/:cluster/discovery`.
 *
 * @public
 */
export interface DiscoveryResponse {
  cluster: string;
  kinds: KindDescriptor[];
  families: CrdFamily[];
}

/**
 * Any Kubernetes object.
 *
 * @public
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    generation?: number;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * How fresh a cached list is.
 *
 * @public
 */
export interface CacheFreshness {
  /** False while the cache is not connected to the cluster. */
  live: boolean;
  /** ISO time of the last successful list or watch event. */
  syncedAt?: string;
  /** Seconds since `syncedAt`, when not live. */
  staleSeconds?: number;
  /** Why the cache is not live. */
  error?: string;
}

/**
 * Answer of a list of objects of one kind.
 *
 * @public
 */
export interface ResourceListResponse {
  cluster: string;
  kind: KindDescriptor;
  items: KubeObject[];
  /** Pass as `continue` to get the next page. */
  continue?: string;
  /** Objects the whole list holds after filtering, over every page. */
  total: number;
  freshness: CacheFreshness;
}

/**
 * Answer of a server-side apply.
 *
 * @public
 */
export interface ApplyResponse {
  object: KubeObject;
  dryRun: boolean;
  /** Unified diff of the live object (or nothing) against the result. */
  diff: string;
  created: boolean;
}

/**
 * One object of a set applied together (a provisioned namespace, a
 * deploy): what it is, whether it is new, and the diff of the live object
 * against the result. A Secret's diff is empty: it would show its values.
 *
 * @public
 */
export interface AppliedManifest {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  created: boolean;
  diff: string;
}

/**
 * One change of an object, as the change stream sends it.
 *
 * @public
 */
export interface ResourceChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  cluster: string;
  /** `resource.group` of the object's kind, `pods` for the core group. */
  resource: string;
  object: KubeObject;
}

/**
 * The workloads of one cluster that belong to a catalog entity.
 *
 * @public
 */
export interface ClusterWorkloads {
  cluster: string;
  title: string;
  group?: string;
  readOnly: boolean;
  /** By `resource.group` (`pods`, `deployments.apps`, ...). */
  resources: Record<string, KubeObject[]>;
  freshness?: CacheFreshness;
  /** Why this cluster could not answer; the others still do. */
  error?: string;
}

/**
 * Answer of `GET /workloads`.
 *
 * @public
 */
export interface WorkloadsResponse {
  labelSelector: string;
  namespace?: string;
  clusters: ClusterWorkloads[];
}

/**
 * Answer of `GET /clusters/:cluster/resources/:resource/:name/events`: the
 * Kubernetes events of the object.
 *
 * @public
 */
export interface EventsResponse {
  items: KubeObject[];
}

/**
 * Answer of `DELETE /clusters/:cluster/resources/:resource/:name`.
 *
 * @public
 */
export interface DeleteResponse {
  deleted: true;
}

/**
 * Answer of `POST .../:name/scale`: the replicas asked for.
 *
 * @public
 */
export interface ScaleResponse {
  replicas: number;
}

/**
 * Answer of `POST .../:name/restart`.
 *
 * @public
 */
export interface RestartResponse {
  restarted: true;
}

/**
 * Answer of `POST .../:name/rollback`: the revision rolled back to.
 *
 * @public
 */
export interface RollbackResponse {
  revision: number;
}

/**
 * Answer of `POST .../:name/reveal?namespace=`: the Secret with its values
 * in clear, as Kubernetes holds them (`data` base64-encoded).
 *
 * @public
 */
export type RevealSecretResponse = KubeObject & {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

/**
 * What the watch cache holds of one kind on one cluster.
 *
 * @public
 */
export interface CacheStats {
  cluster: string;
  /** `resource.group` of the kind. */
  resource: string;
  objects: number;
  /** Size of the cached objects as JSON. */
  bytes: number;
  freshness: CacheFreshness;
}

/**
 * Answer of `GET /cache`.
 *
 * @public
 */
export interface CacheResponse {
  items: CacheStats[];
}
