import {
  dnsLabelProblem,
  formatLabels,
  parseLabels,
  sameLabels,
  suggestClusterName,
} from './clusterFields';

describe('suggestClusterName', () => {
  it.each([
    ['kind-dev', 'kind-dev'],
    ['gke_shop_europe-west1_prod', 'gke-shop-europe-west1-prod'],
    [
      'arn:aws:eks:eu-west-1:123456789012:cluster/shop',
      'arn-aws-eks-eu-west-1-123456789012-cluster-shop',
    ],
    ['My Cluster!', 'my-cluster'],
    ['--prod--', 'prod'],
    ['a'.repeat(70), 'a'.repeat(63)],
    [`${'a'.repeat(62)}_b`, 'a'.repeat(62)],
  ])('%s → %s', (cluster, name) => {
    expect(suggestClusterName(cluster)).toBe(name);
    expect(dnsLabelProblem(name)).toBeUndefined();
  });
});

describe('dnsLabelProblem', () => {
  it.each(['prod', 'p', 'team-a-1', 'a'.repeat(63)])('accepts %s', name => {
    expect(dnsLabelProblem(name)).toBeUndefined();
  });

  it.each(['', 'Prod', 'team_a', '-prod', 'prod-', 'a'.repeat(64), 'a.b'])(
    'refuses %p',
    name => {
      expect(dnsLabelProblem(name)).toMatch(/Lowercase letters/);
    },
  );
});

describe('parseLabels', () => {
  it.each([
    ['', {}],
    ['team=shop', { team: 'shop' }],
    [' team = shop \n\n tier=1 ', { team: 'shop', tier: '1' }],
    ['example.com/team=shop', { 'example.com/team': 'shop' }],
    ['empty=', { empty: '' }],
    ['url=a=b', { url: 'a=b' }],
  ])('%p → %p', (text, labels) => {
    expect(parseLabels(text)).toEqual({ labels });
  });

  it.each([
    ['team', 'Line 1: write key=value'],
    ['team=a\n=b', 'Line 2: label names are like team or example.com/team'],
    [
      'Example.com/team=a',
      'Line 1: label names are like team or example.com/team',
    ],
    ['team-=a', 'Line 1: label names are like team or example.com/team'],
    [`team=${'a'.repeat(64)}`, 'Line 1: values have at most 63 characters'],
    ['team=a\nteam=b', 'Line 2: team is given twice'],
    [
      Array.from({ length: 51 }, (_, i) => `l${i}=v`).join('\n'),
      'At most 50 labels',
    ],
  ])('refuses %p', (text, problem) => {
    expect(parseLabels(text)).toEqual({ problem });
  });

  it('reads what formatLabels writes', () => {
    const labels = { team: 'shop', 'example.com/tier': '1' };
    expect(parseLabels(formatLabels(labels))).toEqual({ labels });
  });
});

describe('sameLabels', () => {
  it.each([
    [{}, {}, true],
    [{ a: '1', b: '2' }, { b: '2', a: '1' }, true],
    [{ a: '1' }, { a: '2' }, false],
    [{ a: '1' }, { a: '1', b: '2' }, false],
    [{ a: '1', b: '2' }, { a: '1', c: '2' }, false],
  ])('%p and %p → %p', (a, b, same) => {
    expect(sameLabels(a, b)).toBe(same);
  });
});
