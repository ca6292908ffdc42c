import UFuzzy from '@leeoniya/ufuzzy';

/** What ranking needs of an indexed object. */
export interface Rankable {
  /** Its slot in the haystack of names. */
  slot: number;
  /** The lowercased name. */
  name: string;
  kind: string;
  /** Lowercased data keys of a ConfigMap or Secret: never values. */
  keys?: string[];
  /** When the index last saw it change, in ms. */
  changedAt: number;
}

/**
 * How a name matches: exact, prefix, substring, fuzzy (the letters in
 * order), or only through a data key. Lower is better.
 */
export enum MatchTier {
  Exact = 0,
  Prefix = 1,
  Substring = 2,
  Fuzzy = 3,
  Key = 4,
}

/**
 * Kinds people look for first, when names match equally well; other kinds
 * (CRDs, ReplicaSets) come after them.
 */
const KIND_ORDER = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'Service',
  'Ingress',
  'Job',
  'Pod',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'Namespace',
  'Node',
];
const KIND_RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

/** The rank of a kind among equally good matches; lower comes first. */
export function kindRank(kind: string): number {
  return KIND_RANK.get(kind) ?? KIND_ORDER.length;
}

// The letters of each word in order, with at most two others between two
// of them: `chkout` finds `checkout`, `ckt` does not find every name with
// those letters somewhere.
const fuzzy = new UFuzzy({ intraIns: 2 });

/**
 * Matches free text against candidates, answering each match with its
 * tier; a candidate that does not match is left out. Empty text matches
 * everything exactly (a search by filters only).
 */
export function matchText<T extends Rankable>(
  candidates: T[],
  text: string,
  haystack: string[],
): Array<{ item: T; tier: MatchTier }> {
  if (!text) {
    return candidates.map(item => ({ item, tier: MatchTier.Exact }));
  }
  const matches: Array<{ item: T; tier: MatchTier }> = [];
  const rest: T[] = [];
  for (const item of candidates) {
    const { name } = item;
    if (name === text) {
      matches.push({ item, tier: MatchTier.Exact });
    } else if (name.startsWith(text)) {
      matches.push({ item, tier: MatchTier.Prefix });
    } else if (name.includes(text)) {
      matches.push({ item, tier: MatchTier.Substring });
    } else {
      rest.push(item);
    }
  }
  if (rest.length) {
    const found = new Set(
      fuzzy.filter(
        haystack,
        text,
        rest.map(r => r.slot),
      ) ?? [],
    );
    for (const item of rest) {
      if (found.has(item.slot)) {
        matches.push({ item, tier: MatchTier.Fuzzy });
      } else if (item.keys?.includes(text)) {
        matches.push({ item, tier: MatchTier.Key });
      }
    }
  }
  return matches;
}

/** Best first: tier, then kind, then the most recently changed, then name. */
export function compareMatches(
  a: { item: Rankable; tier: MatchTier },
  b: { item: Rankable; tier: MatchTier },
): number {
  return (
    a.tier - b.tier ||
    kindRank(a.item.kind) - kindRank(b.item.kind) ||
    b.item.changedAt - a.item.changedAt ||
    a.item.name.localeCompare(b.item.name)
  );
}

/**
 * The best `limit` of many, in order, without sorting them all: a search
 * that matches 100,000 objects answers 50.
 */
export function bestOf<T>(
  items: Iterable<T>,
  limit: number,
  compare: (a: T, b: T) => number,
): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === limit && compare(item, best[limit - 1]) >= 0) {
      continue;
    }
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid], item) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    best.splice(lo, 0, item);
    if (best.length > limit) {
      best.pop();
    }
  }
  return best;
}
