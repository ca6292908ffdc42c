import {
  RelationNode,
  RelationsResponse,
  RelationType,
} from '@k8s-ops/plugin-k8s-ops-common';

/** How a relation reads from each of its ends. */
const PHRASES: Record<RelationType, { out: string; in: string }> = {
  owns: { out: 'Owns', in: 'Owned by' },
  selects: { out: 'Selects', in: 'Selected by' },
  mounts: { out: 'Uses', in: 'Used by' },
  claims: { out: 'Bound to', in: 'Bound by' },
  class: { out: 'Storage class', in: 'Storage class of' },
  'runs-as': { out: 'Runs as', in: 'Identity of' },
  'runs-on': { out: 'Runs on', in: 'Runs' },
  'routes-to': { out: 'Routes traffic to', in: 'Receives traffic from' },
  scales: { out: 'Scales', in: 'Scaled by' },
};

/** The edge label of a relation in a graph. */
export function relationLabel(relation: RelationType): string {
  return PHRASES[relation].out.toLowerCase();
}

/** One sentence about the root: `Owned by ReplicaSet web-5d8f9`. */
export interface RelationSentence {
  phrase: string;
  kind: string;
  nodes: RelationNode[];
}

/**
 * The direct relations of a graph's root as sentences, one per relation,
 * direction and kind, such as `Selected by Service web` or `Uses
 * ConfigMaps a, b`.
 */
export function relationSentences(
  graph: RelationsResponse,
): RelationSentence[] {
  const byId = new Map(graph.nodes.map(n => [n.id, n]));
  const sentences = new Map<string, RelationSentence>();
  for (const edge of graph.edges) {
    const out = edge.from === graph.root;
    if (!out && edge.to !== graph.root) {
      continue;
    }
    const other = byId.get(out ? edge.to : edge.from);
    if (!other) {
      continue;
    }
    const phrase = PHRASES[edge.relation][out ? 'out' : 'in'];
    const key = `${phrase}|${other.kind}`;
    const sentence = sentences.get(key) ?? {
      phrase,
      kind: other.kind,
      nodes: [],
    };
    sentence.nodes.push(other);
    sentences.set(key, sentence);
  }
  return [...sentences.values()];
}
