import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  K8sOpsObjectRef,
  KubeObject,
  ResourceChange,
} from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen } from '@testing-library/react';
import { k8sOpsApiRef } from '../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../__testUtils__/fakeK8sOpsApi';
import { deployment } from '../__testUtils__/fixtures';
import { applyObjectChange, LiveObject, useLiveObject } from './useLiveObject';

const ref: K8sOpsObjectRef = {
  cluster: 'dev',
  resource: 'deployments.apps',
  namespace: 'team-shop',
  name: 'storefront',
};

function withReplicas(object: KubeObject, replicas: number): KubeObject {
  return { ...object, spec: { ...(object.spec ?? {}), replicas } };
}

const storefront = deployment('storefront');
const live: LiveObject = { object: storefront };

function change(
  type: ResourceChange['type'],
  object: KubeObject,
  resource = 'deployments.apps',
): ResourceChange {
  return { type, cluster: 'dev', resource, object };
}

describe('applyObjectChange', () => {
  it.each<[string, ResourceChange, LiveObject]>([
    [
      'takes an update of the object',
      change('MODIFIED', withReplicas(storefront, 5)),
      { object: withReplicas(storefront, 5) },
    ],
    [
      'marks the object deleted, keeping it to show',
      change('DELETED', storefront),
      { object: storefront, deleted: true },
    ],
    [
      'ignores another object of the kind',
      change('MODIFIED', deployment('checkout')),
      live,
    ],
    [
      'ignores an object of the name in another namespace',
      change('DELETED', {
        ...storefront,
        metadata: { ...storefront.metadata, namespace: 'team-ops' },
      }),
      live,
    ],
    [
      'ignores an object of the name of another kind',
      change('DELETED', storefront, 'statefulsets.apps'),
      live,
    ],
  ])('%s', (_what, c, expected) => {
    expect(applyObjectChange(ref, live, c)).toEqual(expected);
  });
});

function Replicas() {
  const { loading, error, object, deleted } = useLiveObject(ref);
  if (loading) return <div>loading</div>;
  if (error) return <div>{error.message}</div>;
  const replicas = (object?.spec as { replicas?: number }).replicas;
  return <div>{`${replicas} replicas${deleted ? ', deleted' : ''}`}</div>;
}

describe('useLiveObject', () => {
  it('replays a change made during the load, and follows later ones', async () => {
    let emit: (c: ResourceChange) => void = () => {};
    let answer: (object: KubeObject) => void = () => {};
    const api = fakeK8sOpsApi({
      getResource: () => new Promise(resolve => (answer = resolve)),
      watchChanges: (_query, onChange, options) => {
        emit = onChange;
        options?.onOpen?.();
        return () => {};
      },
    });
    await renderInTestApp(<Replicas />, { apis: [[k8sOpsApiRef, api]] });
    expect(screen.getByText('loading')).toBeInTheDocument();

    act(() => emit(change('MODIFIED', withReplicas(storefront, 3))));
    await act(async () => answer(withReplicas(storefront, 2)));
    expect(screen.getByText('3 replicas')).toBeInTheDocument();

    act(() => emit(change('DELETED', withReplicas(storefront, 3))));
    expect(screen.getByText('3 replicas, deleted')).toBeInTheDocument();
    expect(api.getResource).toHaveBeenCalledWith(ref);
  });
});
