import { parseK8sOpsObjectRef, stringifyK8sOpsObjectRef } from './objectRefs';

describe('object refs', () => {
  it('round-trips namespaced and cluster-scoped objects', () => {
    const namespaced = {
      cluster: 'dev',
      resource: 'deployments.apps',
      namespace: 'team-shop',
      name: 'storefront',
    };
    const clusterScoped = { cluster: 'dev', resource: 'nodes', name: 'n-1' };
    expect(stringifyK8sOpsObjectRef(namespaced)).toBe(
      'dev/deployments.apps/team-shop/storefront',
    );
    expect(stringifyK8sOpsObjectRef(clusterScoped)).toBe('dev/nodes//n-1');
    expect(parseK8sOpsObjectRef(stringifyK8sOpsObjectRef(namespaced))).toEqual(
      namespaced,
    );
    expect(
      parseK8sOpsObjectRef(stringifyK8sOpsObjectRef(clusterScoped)),
    ).toEqual(clusterScoped);
  });

  it('rejects what is not a ref', () => {
    expect(parseK8sOpsObjectRef('component:default/storefront')).toBe(
      undefined,
    );
    expect(parseK8sOpsObjectRef('dev/pods/ns')).toBe(undefined);
    expect(parseK8sOpsObjectRef('/pods/ns/name')).toBe(undefined);
    expect(parseK8sOpsObjectRef('dev/pods/ns/a/b')).toBe(undefined);
    expect(() =>
      stringifyK8sOpsObjectRef({ cluster: 'dev', resource: 'a/b', name: 'x' }),
    ).toThrow(/Invalid object reference/);
  });
});
