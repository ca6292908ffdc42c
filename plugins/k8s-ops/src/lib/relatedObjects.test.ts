import { deployment, discovery } from '../__testUtils__/fixtures';
import { findKindByResource } from './kindGroups';
import { refOf } from './relatedObjects';

const kindOf = (resource: string) =>
  findKindByResource(discovery.kinds, resource)!;

describe('refOf', () => {
  it('names a namespaced object with its namespace', () => {
    const web = deployment('web');
    expect(refOf('dev', kindOf('deployments.apps'), web)).toEqual({
      cluster: 'dev',
      resource: 'deployments.apps',
      namespace: web.metadata.namespace,
      name: 'web',
    });
  });

  it('names a cluster-scoped object without one', () => {
    expect(
      refOf('dev', kindOf('namespaces'), {
        metadata: { name: 'shop', namespace: 'ignored' },
      }),
    ).toEqual({ cluster: 'dev', resource: 'namespaces', name: 'shop' });
  });
});
