import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { deployment, discovery } from '../__testUtils__/fixtures';
import { findKindByResource } from './kindGroups';
import {
  childKinds,
  groupOf,
  kindOfObject,
  narrowingSelector,
  ownedBy,
  ownersOf,
} from './relatedObjects';

const kinds = discovery.kinds;
const kindOf = (resource: string) => findKindByResource(kinds, resource)!;

function owned(name: string, ownerUid: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      uid: name,
      name,
      namespace: 'team-shop',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', uid: ownerUid },
      ],
    },
  };
}

describe('childKinds', () => {
  it.each([
    ['deployments.apps', ['ReplicaSet']],
    ['replicasets.apps', ['Pod']],
    ['jobs.batch', ['Pod']],
    ['cronjobs.batch', ['Job']],
    ['clonesets.apps.kruise.io', ['Pod']],
    ['configmaps', []],
  ])('%s makes %j', (resource, children) => {
    expect(childKinds(kinds, kindOf(resource)).map(k => k.kind)).toEqual(
      children,
    );
  });

  it('leaves out child kinds the cluster does not serve', () => {
    const withoutPods = kinds.filter(k => k.kind !== 'Pod');
    expect(childKinds(withoutPods, kindOf('replicasets.apps'))).toEqual([]);
  });
});

describe('ownedBy', () => {
  it('finds the objects whose owner references name the owner uid', () => {
    const storefront = deployment('storefront');
    const candidates = [
      owned('storefront-abc', 'uid-storefront'),
      owned('checkout-def', 'uid-checkout'),
      { metadata: { name: 'orphan' } },
    ];
    expect(ownedBy(candidates, storefront).map(o => o.metadata.name)).toEqual([
      'storefront-abc',
    ]);
    expect(ownedBy(candidates, { metadata: { name: 'no-uid' } })).toEqual([]);
  });
});

describe('ownersOf', () => {
  it('links owners discovery knows, in the object namespace', () => {
    const replicaSet = owned('storefront-abc', 'uid-storefront');
    replicaSet.metadata.ownerReferences!.push({
      apiVersion: 'example.org/v1',
      kind: 'Unknown',
      name: 'mystery',
      uid: 'u',
    });
    expect(ownersOf('dev', kinds, replicaSet)).toEqual([
      {
        kind: 'Deployment',
        name: 'x',
        controller: false,
        ref: {
          cluster: 'dev',
          resource: 'deployments.apps',
          namespace: 'team-shop',
          name: 'x',
        },
      },
      { kind: 'Unknown', name: 'mystery', controller: false, ref: undefined },
    ]);
  });
});

describe('kinds of objects', () => {
  it.each([
    ['v1', ''],
    ['apps/v1', 'apps'],
    ['apps.kruise.io/v1alpha1', 'apps.kruise.io'],
    [undefined, ''],
  ])('the group of %s is %j', (apiVersion, group) => {
    expect(groupOf(apiVersion)).toBe(group);
  });

  it('finds the preferred descriptor of an object', () => {
    expect(
      kindOfObject(kinds, { apiVersion: 'apps/v1beta1', kind: 'Deployment' }),
    ).toEqual(
      expect.objectContaining({ version: 'v1', resource: 'deployments' }),
    );
  });
});

describe('narrowingSelector', () => {
  it.each([
    [{ selector: { matchLabels: { a: '1', b: '2' } } }, 'a=1,b=2'],
    [
      { selector: { matchLabels: { a: '1' }, matchExpressions: [{}] } },
      undefined,
    ],
    [{ selector: { app: 'web' } }, undefined],
    [undefined, undefined],
  ])('%j narrows by %s', (spec, selector) => {
    expect(narrowingSelector({ metadata: {}, spec })).toBe(selector);
  });
});
