import {
  apiVersionOf,
  objectKeyOf,
  resourceNameOf,
  withoutServerFields,
} from './kinds';

describe('kinds', () => {
  it('names a kind by resource and group', () => {
    expect(resourceNameOf({ group: '', resource: 'pods' })).toBe('pods');
    expect(resourceNameOf({ group: 'apps', resource: 'deployments' })).toBe(
      'deployments.apps',
    );
  });

  it('drops what the server maintains, keeps the rest', () => {
    expect(
      withoutServerFields({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'a',
          namespace: 'n',
          labels: { x: 'y' },
          uid: 'u',
          resourceVersion: '1',
          generation: 2,
          creationTimestamp: 't',
          managedFields: [],
        },
        data: { k: 'v' },
        status: {},
      }),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', namespace: 'n', labels: { x: 'y' } },
      data: { k: 'v' },
    });
  });

  it.each([
    [{ group: '', version: 'v1' }, 'v1'],
    [{ group: 'apps', version: 'v1' }, 'apps/v1'],
    [
      { group: 'apps.kruise.io', version: 'v1alpha1' },
      'apps.kruise.io/v1alpha1',
    ],
  ])('gives %j the apiVersion %s', (kind, expected) => {
    expect(apiVersionOf(kind)).toBe(expected);
  });

  it.each([
    [{ uid: 'u-1', namespace: 'shop', name: 'web' }, 'u-1'],
    [{ namespace: 'shop', name: 'web' }, 'shop/web'],
    [{ name: 'node-a' }, '/node-a'],
  ])('keys the object with metadata %j as %s', (metadata, expected) => {
    expect(objectKeyOf({ metadata })).toBe(expected);
  });
});
