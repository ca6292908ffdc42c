import { objectStatus } from '../search/objectStatus';
import {
  KubeObject,
  RelationEdge,
  RelationNode,
  RelationsResponse,
} from '../types';
import { RelationGraph } from './RelationGraph';

/**
 * An object that may be related to another: with its kind as the resource
 * routes name it (`deployments.apps`).
 *
 * @public
 */
export interface RelationCandidate {
  resource: string;
  kind: string;
  namespaced: boolean;
  object: KubeObject;
}

/**
 * The graph of objects related to `root`, up to `depth` steps in either
 * direction: owner references, selectors (Service, NetworkPolicy,
 * PodDisruptionBudget to Pods), ConfigMaps, Secrets and claims used by pods
 * and pod templates, claims to volumes to storage classes, a pod's service
 * account and node, Ingress backends, autoscaler targets. Only `candidates`
 * can appear: a caller leaves out what the person may not read, and with it
 * every edge through it.
 *
 * @public
 */
export function findRelations(options: {
  cluster: string;
  root: RelationCandidate;
  candidates: RelationCandidate[];
  depth: number;
}): RelationsResponse {
  const { cluster, root, candidates, depth } = options;
  const graph = new RelationGraph(cluster, candidates);
  const idOf = (c: RelationCandidate) => graph.id(c);
  const nodes = new Map<string, RelationNode>();
  const edges = new Map<string, RelationEdge>();
  const addNode = (c: RelationCandidate, d: number) => {
    const { status, health } = objectStatus(c.object);
    nodes.set(idOf(c), {
      id: idOf(c),
      cluster,
      resource: c.resource,
      kind: c.kind,
      ...(c.namespaced ? { namespace: c.object.metadata.namespace } : {}),
      name: c.object.metadata.name ?? '',
      status,
      health,
      depth: d,
    });
  };
  addNode(root, 0);
  let frontier = [root];
  for (let d = 1; d <= depth && frontier.length; d++) {
    const next: RelationCandidate[] = [];
    for (const c of frontier) {
      for (const link of graph.links(c)) {
        const otherId = idOf(link.other);
        if (!nodes.has(otherId)) {
          addNode(link.other, d);
          next.push(link.other);
        }
        const [from, to] = link.out ? [idOf(c), otherId] : [otherId, idOf(c)];
        edges.set(`${from}>${to}>${link.relation}`, {
          from,
          to,
          relation: link.relation,
        });
      }
    }
    frontier = next;
  }
  return {
    root: idOf(root),
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}
