import UFuzzy from '@leeoniya/ufuzzy';

/** What ranking needs of an indexed object. */
export interface Rankable {
  /** The lowercased name. */
  name: string;
  /** The rank of its kind among equally good matches; see {@link kindRank}. */
  kindRank: number;
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

const PENDING = 254;
const NONE = 255;

/**
 * Matches free text against candidates and answers the best `limit`, best
 * first, with the number of all matches. Each distinct name is matched once
 * (the same names recur on many clusters), the fuzzy matcher only for the
 * names that did not match plainly. Empty text matches everything exactly
 * (a search by filters only).
 */
export function rankMatches<T extends Rankable>(
  candidates: T[],
  text: string,
  limit: number,
): { best: Array<{ item: T; tier: MatchTier }>; total: number } {
  const tiers = new Uint8Array(candidates.length);
  if (text) {
    const byName = new Map<string, number>();
    const pending: string[] = [];
    candidates.forEach((item, i) => {
      const { name } = item;
      let tier = byName.get(name);
      if (tier === undefined) {
        tier = plainTier(name, text);
        if (tier === PENDING) {
          pending.push(name);
        }
        byName.set(name, tier);
      }
      tiers[i] = tier;
    });
    for (const i of fuzzy.filter(pending, text) ?? []) {
      byName.set(pending[i], MatchTier.Fuzzy);
    }
    candidates.forEach((item, i) => {
      if (tiers[i] === PENDING) {
        const tier = byName.get(item.name)!;
        if (tier !== PENDING) {
          tiers[i] = tier;
        } else {
          tiers[i] = item.keys?.includes(text) ? MatchTier.Key : NONE;
        }
      }
    });
  }
  const compare = (a: number, b: number) =>
    tiers[a] - tiers[b] || compareItems(candidates[a], candidates[b]);
  let total = 0;
  const best: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (tiers[i] === NONE) {
      continue;
    }
    total += 1;
    insertBest(best, i, limit, compare);
  }
  return {
    best: best.map(i => ({ item: candidates[i], tier: tiers[i] as MatchTier })),
    total,
  };
}

function plainTier(name: string, text: string): number {
  if (name === text) {
    return MatchTier.Exact;
  }
  if (name.startsWith(text)) {
    return MatchTier.Prefix;
  }
  return name.includes(text) ? MatchTier.Substring : PENDING;
}

/** Among equal matches: kind, then the most recently changed, then name. */
function compareItems(a: Rankable, b: Rankable): number {
  return (
    a.kindRank - b.kindRank ||
    b.changedAt - a.changedAt ||
    a.name.localeCompare(b.name)
  );
}

/**
 * Keeps the best `limit` in order, without sorting everything: a search
 * that matches 100,000 objects answers 50.
 */
export function insertBest<T>(
  best: T[],
  item: T,
  limit: number,
  compare: (a: T, b: T) => number,
) {
  if (best.length === limit && compare(item, best[limit - 1]) >= 0) {
    return;
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
