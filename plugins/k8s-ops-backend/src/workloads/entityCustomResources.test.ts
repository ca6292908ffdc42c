import { KindDescriptor } from '@k8s-ops/plugin-k8s-ops-common';
import {
  entityCustomResources,
  entityCustomResourcesOf,
  isCustomKind,
} from './entityCustomResources';

const kind = (
  group: string,
  resource: string,
  more: Partial<KindDescriptor> = {},
): KindDescriptor => ({
  group,
  version: 'v1',
  resource,
  kind: resource,
  namespaced: true,
  verbs: ['get', 'list', 'watch'],
  shortNames: [],
  subresources: [],
  preferred: true,
  ...more,
});

const kinds = [
  kind('', 'pods'),
  kind('apps', 'deployments'),
  kind('networking.k8s.io', 'ingresses'),
  kind('metrics.k8s.io', 'podmetrics', { verbs: ['get', 'list'] }),
  kind('apps.kruise.io', 'clonesets'),
  kind('apps.kruise.io', 'clonesets', {
    version: 'v1alpha1',
    preferred: false,
  }),
  kind('traefik.io', 'ingressroutes', { kind: 'IngressRoute' }),
  kind('upgrade.cattle.io', 'plans', { namespaced: false }),
  kind('example.io', 'reports', { verbs: ['get', 'list'] }),
];

describe('entityCustomResources', () => {
  it('tells custom kinds from Kubernetes’ own', () => {
    expect(kinds.filter(isCustomKind).map(k => k.resource)).toEqual([
      'clonesets',
      'clonesets',
      'ingressroutes',
      'plans',
      'reports',
    ]);
  });

  it('lists every namespaced, watchable custom kind once by default', () => {
    expect(entityCustomResources(kinds, true)).toEqual([
      'clonesets.apps.kruise.io',
      'ingressroutes.traefik.io',
    ]);
  });

  it('lists none, or the kinds named that the cluster serves', () => {
    expect(entityCustomResources(kinds, false)).toEqual([]);
    expect(
      entityCustomResources(kinds, [
        'IngressRoute',
        'rollouts.argoproj.io',
        'deployments',
      ]),
    ).toEqual(['ingressroutes.traefik.io']);
  });

  it('works a copy of the kinds out once, and a new copy anew', () => {
    const of = entityCustomResourcesOf(true);
    const first = of(kinds);
    expect(of(kinds)).toBe(first);
    const fresh = [...kinds, kind('argoproj.io', 'rollouts')];
    expect(of(fresh)).toEqual([
      'clonesets.apps.kruise.io',
      'ingressroutes.traefik.io',
      'rollouts.argoproj.io',
    ]);
  });
});
