import { kindRank, MatchTier, rankMatches, Rankable } from './rankMatches';

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
].map(({ kind, ...item }) => ({ ...item, kind, kindRank: kindRank(kind) }));

const ranked = (text: string, limit = 20) =>
  rankMatches(items, text, limit).best.map(
    m => `${(m.item as { kind?: string }).kind} ${m.item.name} ${m.tier}`,
  );

describe('rankMatches', () => {
  it.each([
    ['checkout', 'checkout', MatchTier.Exact],
    ['checkout', 'checkout-api', MatchTier.Prefix],
    ['checkout', 'old-checkout', MatchTier.Substring],
    ['chkout', 'checkout', MatchTier.Fuzzy],
    ['checkout', 'payments', MatchTier.Key],
  ])('%s finds %s as tier %s', (text, name, tier) => {
    const found = rankMatches(items, text, 20).best.find(
      m => m.item.name === name,
    );
    expect(found?.tier).toBe(tier);
  });

  it.each([
    ['checkout', 'unrelated'],
    ['checkout', 'cxxxhxxxexxxcxxxkxxxoxxxuxxxt'],
    ['zzz', 'checkout'],
  ])('%s does not find %s', (text, name) => {
    expect(ranked(text).join()).not.toContain(` ${name} `);
  });

  it('matches everything with empty text', () => {
    expect(rankMatches(items, '', 50).total).toBe(items.length);
  });

  it('orders by tier, then kind, then the most recent change', () => {
    expect(ranked('checkout')).toEqual([
      'Deployment checkout 0',
      'Pod checkout 0',
      'Service checkout-db 1',
      'Service checkout-api 1',
      'ConfigMap old-checkout 2',
      'Secret payments 4',
    ]);
  });

  it('answers the best few and counts all', () => {
    const { best, total } = rankMatches(items, 'checkout', 2);
    expect(best.map(m => m.item.name)).toEqual(['checkout', 'checkout']);
    expect(total).toBe(6);
  });

  it('keeps the best of many in order, like a full sort', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      name: `n${i}`,
      kindRank: 0,
      changedAt: (i * 7919) % 1000,
    }));
    expect(rankMatches(many, '', 5).best.map(m => m.item.changedAt)).toEqual([
      999, 998, 997, 996, 995,
    ]);
  });

  it('puts workloads before pods and unknown kinds last', () => {
    expect(kindRank('Deployment')).toBeLessThan(kindRank('Pod'));
    expect(kindRank('CloneSet')).toBeGreaterThan(kindRank('Node'));
  });
});
