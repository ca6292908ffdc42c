import { KindDescriptor, resourceNameOf } from '@k8s-ops/plugin-k8s-ops-common';
import { discovery, kind } from '../__testUtils__/fixtures';
import {
  defaultKind,
  filterKindGroups,
  findKindByResource,
  groupKinds,
  pluralTitle,
} from './kindGroups';

describe('groupKinds', () => {
  it('groups listable preferred kinds: core, apps, batch, networking, other built-ins, families, then CRD groups', () => {
    const groups = groupKinds(discovery);
    expect(groups.map(g => [g.title, g.kinds.map(k => k.kind)])).toEqual([
      ['core', ['ConfigMap', 'Namespace', 'Pod']],
      ['apps', ['Deployment', 'ReplicaSet']],
      ['batch', ['CronJob', 'Job']],
      ['networking.k8s.io', ['NetworkPolicy']],
      ['autoscaling', ['HorizontalPodAutoscaler']],
      ['rbac.authorization.k8s.io', ['ClusterRole']],
      ['OpenKruise', ['CloneSet']],
      ['example.com', ['Widget']],
    ]);
  });

  it('leaves out kinds that cannot be listed and versions that are not preferred', () => {
    const kinds = groupKinds(discovery).flatMap(g => g.kinds);
    expect(kinds.find(k => k.kind === 'Binding')).toBeUndefined();
    expect(kinds.filter(k => k.kind === 'Deployment')).toEqual([
      expect.objectContaining({ version: 'v1' }),
    ]);
  });

  it('shows a CRD family only where it is installed, else its kinds as a plain group', () => {
    const notInstalled = groupKinds({
      ...discovery,
      families: discovery.families.map(f => ({
        ...f,
        installed: false,
        resources: [],
      })),
    });
    expect(notInstalled.map(g => g.title)).not.toContain('OpenKruise');
    expect(
      notInstalled.find(g => g.id === 'crd-apps.kruise.io')?.kinds,
    ).toEqual([expect.objectContaining({ kind: 'CloneSet' })]);
    expect(groupKinds(discovery).map(g => g.title)).not.toContain('Traefik');
  });
});

describe('filterKindGroups', () => {
  const groups = groupKinds(discovery);
  it.each([
    ['deploy', ['Deployment']],
    ['DEPLOYMENT', ['Deployment']],
    ['rs', ['ReplicaSet']],
    ['clone', ['CloneSet']],
    ['job', ['CronJob', 'Job']],
    ['nothing-like-this', []],
  ])('%s finds %j', (query, kinds) => {
    expect(
      filterKindGroups(groups, query).flatMap(g => g.kinds.map(k => k.kind)),
    ).toEqual(kinds);
  });

  it('answers every group for an empty query', () => {
    expect(filterKindGroups(groups, '  ')).toBe(groups);
  });
});

describe('kind names', () => {
  it.each([
    [kind('', 'v1', 'pods', 'Pod'), 'pods', 'Pods'],
    [
      kind('apps', 'v1', 'deployments', 'Deployment'),
      'deployments.apps',
      'Deployments',
    ],
    [
      kind('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
      'networkpolicies.networking.k8s.io',
      'NetworkPolicies',
    ],
    [
      kind('apps.kruise.io', 'v1alpha1', 'clonesets', 'CloneSet'),
      'clonesets.apps.kruise.io',
      'CloneSets',
    ],
    [kind('', 'v1', 'endpoints', 'Endpoints'), 'endpoints', 'Endpoints'],
    [kind('', 'v1', 'ingresses', 'Ingress'), 'ingresses', 'Ingresses'],
    [kind('x.io', 'v1', 'people', 'Person'), 'people.x.io', 'People'],
  ])('%#: %p is %s, titled %s', (k: KindDescriptor, name, title) => {
    expect(resourceNameOf(k)).toBe(name);
    expect(pluralTitle(k)).toBe(title);
  });

  it('finds the preferred kind a URL names', () => {
    expect(findKindByResource(discovery.kinds, 'deployments.apps')).toEqual(
      expect.objectContaining({ version: 'v1', preferred: true }),
    );
    expect(findKindByResource(discovery.kinds, undefined)).toBeUndefined();
    expect(findKindByResource(discovery.kinds, 'gizmos')).toBeUndefined();
  });

  it.each(['deployments', 'deployment', 'Deployment', 'deploy', 'deploy.apps'])(
    'finds Deployments by the short name %s, as the backend does',
    name => {
      expect(findKindByResource(discovery.kinds, name)).toEqual(
        expect.objectContaining({ kind: 'Deployment', preferred: true }),
      );
    },
  );

  it('starts with Pods', () => {
    expect(defaultKind(groupKinds(discovery))?.kind).toBe('Pod');
    expect(defaultKind([])).toBeUndefined();
  });
});
