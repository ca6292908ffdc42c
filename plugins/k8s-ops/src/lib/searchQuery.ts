import { SearchHit } from '@k8s-ops/plugin-k8s-ops-common';

/** Filters a person can add with one click. */
export const QUICK_FILTERS = [
  'kind:deploy',
  'kind:sts',
  'kind:pod',
  'kind:svc',
  'kind:ing',
  'kind:cm',
  'kind:secret',
];

/** The words of a query that are filters (`kind:deploy`), in order. */
export function filterWords(query: string): string[] {
  return query
    .split(/\s+/)
    .filter(w =>
      /^(kind|k|ns|namespace|n|cluster|c|label|l|group|g|env):\S/i.test(w),
    );
}

/** The query without one of its words. */
export function withoutWord(query: string, word: string): string {
  const words = query.split(/\s+/).filter(Boolean);
  const at = words.indexOf(word);
  return at < 0
    ? query
    : [...words.slice(0, at), ...words.slice(at + 1)].join(' ');
}

/** The query with a word added, unless it is there already. */
export function withWord(query: string, word: string): string {
  const words = query.split(/\s+/).filter(Boolean);
  return words.includes(word) ? query : [...words, word].join(' ');
}

/** Hits in groups, by cluster or by kind, in the order of their best hit. */
export function groupHits(
  hits: SearchHit[],
  by: 'cluster' | 'kind',
): Array<{ title: string; hits: SearchHit[] }> {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const key = by === 'cluster' ? hit.cluster : hit.kind;
    groups.set(key, [...(groups.get(key) ?? []), hit]);
  }
  return [...groups].map(([title, list]) => ({ title, hits: list }));
}
