import { parseSearchQuery } from './parseSearchQuery';

describe('parseSearchQuery', () => {
  it.each([
    ['checkout', { text: 'checkout' }],
    ['  Check  Out ', { text: 'check out' }],
    ['kind:deploy web', { text: 'web', kinds: ['deploy'] }],
    ['k:Deploy,sts', { text: '', kinds: ['deploy', 'sts'] }],
    ['ns:shop n:pay', { namespaces: ['shop', 'pay'] }],
    ['namespace:shop', { namespaces: ['shop'] }],
    ['cluster:prod c:dev', { clusters: ['prod', 'dev'] }],
    ['group:Prod', { groups: ['prod'] }],
    ['label:app=Web l:tier', { labels: ['app=Web', 'tier'] }],
    ['system:node:worker', { text: 'system:node:worker' }],
    ['kind:', { text: '', kinds: [] }],
  ])('%s', (query, expected) => {
    expect(parseSearchQuery(query)).toMatchObject(expected);
  });

  it('matches labels with every label term', () => {
    const { matchesLabels } = parseSearchQuery('label:app=web label:tier');
    expect(matchesLabels({ app: 'web', tier: 'front' })).toBe(true);
    expect(matchesLabels({ app: 'web' })).toBe(false);
    expect(matchesLabels(undefined)).toBe(false);
  });

  it('throws on a label term that is no selector', () => {
    expect(() => parseSearchQuery('label:-bad=x')).toThrow(/invalid label key/);
  });
});
