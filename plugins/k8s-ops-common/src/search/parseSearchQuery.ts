import { parseLabelSelector } from '../selectors';

/**
 * A search as typed, split into free text and filters. Each filter holds
 * the values it allows (any of them); filters of different keys all apply.
 *
 * @public
 */
export interface ParsedSearchQuery {
  /** The free text, lowercased and trimmed; empty for a filter-only search. */
  text: string;
  /** As typed: `deploy`, `deployments.apps`; resolved against discovery. */
  kinds: string[];
  namespaces: string[];
  clusters: string[];
  groups: string[];
  /** Label selector terms, all of which must match (`app=web`, `tier`). */
  labels: string[];
  /** The labels as one predicate. */
  matchesLabels: (labels: Record<string, string> | undefined) => boolean;
}

/**
 * The filter keys of a search and their short forms.
 *
 * @public
 */
export const SEARCH_FILTER_KEYS = {
  kind: ['kind', 'k'],
  namespace: ['ns', 'namespace', 'n'],
  cluster: ['cluster', 'c'],
  label: ['label', 'l'],
  group: ['group', 'g', 'env'],
} as const;

type FilterKey = keyof typeof SEARCH_FILTER_KEYS;

const KEY_OF = new Map<string, FilterKey>(
  Object.entries(SEARCH_FILTER_KEYS).flatMap(([key, names]) =>
    names.map(name => [name, key as FilterKey]),
  ),
);

/**
 * Parses `checkout kind:deploy,sts ns:shop cluster:prod label:app=web
 * group:prod` into free text and filters. A word whose prefix is not a
 * filter key (`system:node`) is free text. Throws `SelectorSyntaxError`
 * when a label term is not a valid selector.
 *
 * @public
 */
export function parseSearchQuery(query: string): ParsedSearchQuery {
  const filters: Record<FilterKey, string[]> = {
    kind: [],
    namespace: [],
    cluster: [],
    label: [],
    group: [],
  };
  const words: string[] = [];
  for (const word of query.trim().split(/\s+/).filter(Boolean)) {
    const colon = word.indexOf(':');
    const key =
      colon > 0 ? KEY_OF.get(word.slice(0, colon).toLowerCase()) : undefined;
    if (!key) {
      words.push(word.toLowerCase());
      continue;
    }
    const values = word
      .slice(colon + 1)
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
    // Label terms are case-sensitive and may hold commas of their own
    // (`tier in (a,b)` is not typeable without spaces, so one term each).
    if (key === 'label') {
      filters.label.push(...values);
    } else {
      filters[key].push(...values.map(v => v.toLowerCase()));
    }
  }
  return {
    text: words.join(' '),
    kinds: filters.kind,
    namespaces: filters.namespace,
    clusters: filters.cluster,
    groups: filters.group,
    labels: filters.label,
    matchesLabels: parseLabelSelector(filters.label.join(',')),
  };
}
