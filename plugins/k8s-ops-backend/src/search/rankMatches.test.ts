import {
  bestOf,
  compareMatches,
  kindRank,
  matchText,
  MatchTier,
  Rankable,
} from './rankMatches';

const items: Rankable[] = [
  { name: 'checkout', kind: 'Pod', changedAt: 1 },
  { name: 'checkout', kind: 'Deployment', changedAt: 1 },
  { name: 'checkout-api', kind: 'Service', changedAt: 2 },
  { name: 'checkout-db', kind: 'Service', changedAt: 3 },
  { name: 'old-checkout', kind: 'ConfigMap', changedAt: 1 },
  { name: 'chkout', kind: 'Secret', changedAt: 1 },
  { name: 'cxxxhxxxexxxcxxxkxxxoxxxuxxxt', kind: 'Pod', changedAt: 1 },
  { name: 'payments', kind: 'Secret', keys: ['checkout'], changedAt: 1 },
  { name: 'unrelated', kind: 'Pod', changedAt: 1 },
].map((item, slot) => ({ ...item, slot }));
const haystack = items.map(i => i.name);

describe('matchText', () => {
  it.each([
    ['checkout', 'checkout', MatchTier.Exact],
    ['checkout', 'checkout-api', MatchTier.Prefix],
    ['checkout', 'old-checkout', MatchTier.Substring],
    ['chkout', 'checkout', MatchTier.Fuzzy],
    ['checkout', 'payments', MatchTier.Key],
  ])('%s finds %s as tier %s', (text, name, tier) => {
    const found = matchText(items, text, haystack).filter(
      m => m.item.name === name,
    );
    expect(found[0]?.tier).toBe(tier);
  });

  it.each([
    ['checkout', 'unrelated'],
    ['checkout', 'cxxxhxxxexxxcxxxkxxxoxxxuxxxt'],
    ['zzz', 'checkout'],
  ])('%s does not find %s', (text, name) => {
    expect(
      matchText(items, text, haystack).map(m => m.item.name),
    ).not.toContain(name);
  });

  it('empty text matches everything', () => {
    expect(matchText(items, '', haystack)).toHaveLength(items.length);
  });
});

describe('ranking', () => {
  it('orders by tier, then kind, then the most recent change', () => {
    const ranked = bestOf(
      matchText(items, 'checkout', haystack),
      20,
      compareMatches,
    ).map(m => `${m.item.kind} ${m.item.name}`);
    expect(ranked).toEqual([
      'Deployment checkout',
      'Pod checkout',
      'Service checkout-db',
      'Service checkout-api',
      'ConfigMap old-checkout',
      'Secret payments',
    ]);
  });

  it('keeps the best n of many, in order, like a full sort', () => {
    const numbers = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const cmp = (a: number, b: number) => a - b;
    expect(bestOf(numbers, 5, cmp)).toEqual([0, 1, 2, 3, 4]);
    expect(bestOf([3, 1, 2], 10, cmp)).toEqual([1, 2, 3]);
  });

  it('puts workloads before pods and unknown kinds last', () => {
    expect(kindRank('Deployment')).toBeLessThan(kindRank('Pod'));
    expect(kindRank('CloneSet')).toBeGreaterThan(kindRank('Node'));
  });
});
