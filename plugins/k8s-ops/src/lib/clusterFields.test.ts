import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import { clusters } from '../__testUtils__/fixtures';
import {
  clusterChanges,
  ClusterSettings,
  clusterSettingsProblems,
  dnsLabelProblem,
  formatLabels,
  hasProblems,
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
    ['team=platform, region=local', { team: 'platform', region: 'local' }],
    ['team=platform,\nregion=local,', { team: 'platform', region: 'local' }],
  ])('%p → %p', (text, labels) => {
    expect(parseLabels(text)).toEqual({ labels });
  });

  it.each([
    ['team', 'Line 1: write key=value, not "team"'],
    ['team=a, region', 'Line 1: write key=value, not "region"'],
    ['team=a\n=b', /^Line 2, a label: label names are like team/],
    ['Example.com/team=a', /^Line 1, Example.com\/team: the prefix/],
    ['team-=a', /^Line 1, team-: label names are like team/],
    [`team=${'a'.repeat(64)}`, /^Line 1, team: label values are empty/],
    ['url=a=b', /^Line 1, url: label values are empty/],
    ['team=platform region=local', /^Line 1, team: label values/],
    ['team=a\nteam=b', 'Line 2: team is given twice'],
    [
      Array.from({ length: 51 }, (_, i) => `l${i}=v`).join('\n'),
      'At most 50 labels',
    ],
  ])('refuses %p', (text, problem) => {
    expect(parseLabels(text).labels).toBeUndefined();
    expect(parseLabels(text).problem).toMatch(problem);
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

// The registered cluster of the fixtures, in a group.
const cluster: ClusterSummary = { ...clusters[2], group: 'dev' };

const asTyped: ClusterSettings = {
  title: 'Team A',
  group: 'dev',
  labels: 'team=a',
  readOnly: false,
  impersonate: false,
};

describe('clusterSettingsProblems', () => {
  it.each<[string, Partial<ClusterSettings>, boolean, object]>([
    ['nothing wrong', {}, true, {}],
    [
      'an empty title, when required',
      { title: ' ' },
      true,
      { title: 'A cluster needs a title' },
    ],
    ['no empty title, when optional', { title: '' }, false, {}],
    [
      'a long title',
      { title: 'a'.repeat(256) },
      false,
      { title: 'At most 255 characters' },
    ],
    [
      'a group that is no DNS label',
      { group: 'Team A' },
      false,
      { group: expect.stringMatching(/Lowercase letters/) },
    ],
    [
      'labels that are no key=value lines',
      { labels: 'team' },
      false,
      { labels: expect.any(String) },
    ],
  ])('finds %s', (_what, typed, titleRequired, problems) => {
    const found = clusterSettingsProblems(
      { ...asTyped, ...typed },
      { titleRequired },
    );
    expect(found).toEqual(expect.objectContaining(problems));
    expect(hasProblems(found)).toBe(Object.keys(problems).length > 0);
  });
});

describe('clusterChanges', () => {
  it.each<[string, Partial<ClusterSettings>, object]>([
    ['nothing when nothing changed', { title: ' Team A ' }, {}],
    ['the new title, trimmed', { title: ' Team B ' }, { title: 'Team B' }],
    ['null for a group emptied', { group: '' }, { group: null }],
    [
      'labels that differ',
      { labels: 'team=b\ntier=web' },
      { labels: { team: 'b', tier: 'web' } },
    ],
    ['no labels while they do not parse', { labels: 'team' }, {}],
    [
      'read-only and impersonation',
      { readOnly: true, impersonate: true },
      { readOnly: true, impersonate: true },
    ],
  ])('sends %s', (_what, typed, changes) => {
    expect(clusterChanges(cluster, { ...asTyped, ...typed })).toEqual(changes);
  });
});
