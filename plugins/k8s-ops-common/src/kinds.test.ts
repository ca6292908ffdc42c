import { resourceNameOf, withoutServerFields } from './kinds';

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
});
