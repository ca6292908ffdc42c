/**
 * How well an object is doing, for colours: `ok`, `warning` (progressing,
 * pending), `error` (failing), `unknown` (nothing to tell).
 *
 * @public
 */
export type ObjectHealth = 'ok' | 'warning' | 'error' | 'unknown';

/**
 * One object found by `GET /search`.
 *
 * @public
 */
export interface SearchHit {
  cluster: string;
  /** `deployments.apps`: the kind as the resource routes name it. */
  resource: string;
  /** `Deployment`. */
  kind: string;
  namespace?: string;
  name: string;
  labels: Record<string, string>;
  /** One line, such as `Running` or `2/3 ready`. */
  status: string;
  health: ObjectHealth;
  /** The cluster is not connected: the object is as last seen. */
  stale: boolean;
  /** The object's page in the portal, under the Kubernetes page. */
  url: string;
}

/**
 * Answer of `GET /search`.
 *
 * @public
 */
export interface SearchResponse {
  /** The best hits, best first. */
  items: SearchHit[];
  /** Every object the person may see that matches, of which `items` are the best. */
  total: number;
  /** Time the server took, in milliseconds. */
  tookMs: number;
}

/**
 * An object in a relations graph.
 *
 * @public
 */
export interface RelationNode {
  /** `cluster/resource/namespace/name`, unique in the graph. */
  id: string;
  cluster: string;
  resource: string;
  kind: string;
  namespace?: string;
  name: string;
  status: string;
  health: ObjectHealth;
  /** Steps from the object asked about; 0 for itself. */
  depth: number;
}

/**
 * How two objects relate; edges go from the first to the second:
 * `owns` (owner references), `selects` (Service, NetworkPolicy,
 * PodDisruptionBudget to Pods), `mounts` (volumes, environment),
 * `claims` (PersistentVolumeClaim to PersistentVolume), `class`
 * (to a StorageClass), `runs-as` (Pod to ServiceAccount), `runs-on` (Pod
 * to Node), `routes-to` (Ingress to Service), `scales` (HorizontalPodAutoscaler
 * to its target).
 *
 * @public
 */
export type RelationType =
  | 'owns'
  | 'selects'
  | 'mounts'
  | 'claims'
  | 'class'
  | 'runs-as'
  | 'runs-on'
  | 'routes-to'
  | 'scales';

/**
 * An edge of a relations graph.
 *
 * @public
 */
export interface RelationEdge {
  from: string;
  to: string;
  relation: RelationType;
}

/**
 * Answer of `GET /clusters/:cluster/resources/:resource/:name/relations`.
 *
 * @public
 */
export interface RelationsResponse {
  /** The id of the object asked about. */
  root: string;
  nodes: RelationNode[];
  edges: RelationEdge[];
}
