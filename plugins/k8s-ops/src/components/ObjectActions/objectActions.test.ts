import { actionsFor, desiredReplicas, permissionOf } from './objectActions';

describe('object actions', () => {
  it('offers the actions that fit the kind', () => {
    expect(actionsFor('Deployment')).toEqual(['scale', 'restart', 'rollback']);
    expect(actionsFor('DaemonSet')).toEqual(['restart', 'rollback']);
    expect(actionsFor('Pod')).toEqual(['delete']);
    expect(actionsFor('ConfigMap')).toEqual([]);
    expect(actionsFor(undefined)).toEqual([]);
  });

  it('asks for delete to delete and update for the rest', () => {
    expect(permissionOf('delete').name).toBe('k8s-ops.resource.delete');
    expect(permissionOf('scale').name).toBe('k8s-ops.resource.update');
    expect(permissionOf('restart').name).toBe('k8s-ops.resource.update');
    expect(permissionOf('rollback').name).toBe('k8s-ops.resource.update');
  });

  it('reads the desired replicas', () => {
    expect(desiredReplicas({ metadata: {}, spec: { replicas: 3 } })).toBe(3);
    expect(desiredReplicas({ metadata: {}, spec: {} })).toBe(undefined);
  });
});
