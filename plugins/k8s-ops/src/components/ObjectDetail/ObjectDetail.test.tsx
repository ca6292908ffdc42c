import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  K8sOpsObjectRef,
  KubeObject,
  ResourceChange,
} from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { deployment, discovery } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { ObjectDetail } from './ObjectDetail';

const storefront = deployment('storefront', {
  metadata: {
    ...deployment('storefront').metadata,
    managedFields: [{ manager: 'kube-controller-manager' }],
  },
});

function replicaSet(name: string, ownerUid: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      uid: `uid-${name}`,
      name,
      namespace: 'team-shop',
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'storefront',
          uid: ownerUid,
          controller: true,
        },
      ],
    },
    spec: { replicas: 2 },
    status: { readyReplicas: 2 },
  };
}

const ref: K8sOpsObjectRef = {
  cluster: 'dev',
  resource: 'deployments.apps',
  namespace: 'team-shop',
  name: 'storefront',
};

const refHref = (r: K8sOpsObjectRef) =>
  `/o/${r.resource}/${r.namespace ?? '-'}/${r.name}`;

function fakeApi(overrides: Partial<K8sOpsApi> = {}) {
  const emit: { current: (change: ResourceChange) => void } = {
    current: () => {},
  };
  const api = fakeK8sOpsApi({
    getResource: async () => storefront,
    watchChanges: (_query, onChange, options) => {
      emit.current = onChange;
      options?.onOpen?.();
      return () => {};
    },
    ...overrides,
  });
  return {
    api,
    emit: (change: ResourceChange) => act(() => emit.current(change)),
  };
}

async function renderDetail(
  api: K8sOpsApi,
  props: {
    objectRef?: K8sOpsObjectRef;
    onEditYaml?: (object: KubeObject) => void;
    permission?: (
      request: EvaluatePermissionRequest,
    ) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  return renderInTestApp(
    <ObjectDetail
      objectRef={props.objectRef ?? ref}
      discovery={discovery}
      refHref={refHref}
      onClose={jest.fn()}
      onEditYaml={props.onEditYaml}
    />,
    {
      apis: [
        [k8sOpsApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: props.permission }),
        ],
      ],
    },
  );
}

/** The YAML tab, once the highlighter (loaded on first use) shows it. */
async function findYaml() {
  const yaml = await screen.findByTestId('object-yaml');
  await waitFor(() => expect(yaml).toHaveTextContent('kind:'));
  return yaml;
}

describe('ObjectDetail', () => {
  it('shows the object as YAML', async () => {
    const { api } = fakeApi();
    await renderDetail(api);
    const yaml = await findYaml();
    expect(yaml).toHaveTextContent('kind: Deployment');
    expect(yaml).toHaveTextContent('name: storefront');
    expect(api.getResource).toHaveBeenCalledWith(ref);
  });

  it('keeps a newer object from the stream over a late answer of the load', async () => {
    let answer: (object: KubeObject) => void = () => {};
    const { api, emit } = fakeApi({
      getResource: () => new Promise(resolve => (answer = resolve)),
    });
    await renderDetail(api);
    // The stream delivers a change while the load is under way ...
    emit({
      type: 'MODIFIED',
      cluster: 'dev',
      resource: 'deployments.apps',
      object: deployment('storefront', { spec: { replicas: 5 } }),
    });
    // ... and the load answers with what it read before the change.
    await act(async () => answer(storefront));
    expect(await findYaml()).toHaveTextContent('replicas: 5');
  });

  it('follows the object through the change stream', async () => {
    const { api, emit } = fakeApi();
    await renderDetail(api);
    await findYaml();
    emit({
      type: 'MODIFIED',
      cluster: 'dev',
      resource: 'deployments.apps',
      object: deployment('storefront', { spec: { replicas: 5 } }),
    });
    expect(screen.getByTestId('object-yaml')).toHaveTextContent('replicas: 5');
    emit({
      type: 'DELETED',
      cluster: 'dev',
      resource: 'deployments.apps',
      object: storefront,
    });
    expect(screen.getByText(/This Deployment was deleted/)).toBeInTheDocument();
  });

  it('lists the events of the object', async () => {
    const { api } = fakeApi({
      getEvents: async () => ({
        items: [
          {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { uid: 'e1', name: 'storefront.1' },
            type: 'Normal',
            reason: 'ScalingReplicaSet',
            message: 'Scaled up replica set storefront-abc to 2',
            count: 3,
            lastTimestamp: '2026-11-25T10:00:00Z',
          },
        ],
      }),
    });
    await renderDetail(api);
    await findYaml();
    await userEvent.click(screen.getByRole('tab', { name: 'Events' }));
    expect(await screen.findByText('ScalingReplicaSet')).toBeInTheDocument();
    expect(
      screen.getByText('Scaled up replica set storefront-abc to 2'),
    ).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(api.getEvents).toHaveBeenCalledWith(ref);
  });

  it('finds the objects it owns by owner uid among its likely child kinds', async () => {
    const { api } = fakeApi({
      listResources: async () => ({
        cluster: 'dev',
        kind: discovery.kinds[0],
        items: [
          replicaSet('storefront-abc', 'uid-storefront'),
          replicaSet('storefront-old', 'uid-of-an-earlier-storefront'),
        ],
        total: 2,
        freshness: { live: true },
      }),
    });
    await renderDetail(api);
    await findYaml();
    await userEvent.click(screen.getByRole('tab', { name: 'Related' }));
    const owned = await screen.findByRole('link', { name: 'storefront-abc' });
    expect(owned).toHaveAttribute(
      'href',
      '/o/replicasets.apps/team-shop/storefront-abc',
    );
    expect(
      screen.queryByRole('link', { name: 'storefront-old' }),
    ).not.toBeInTheDocument();
    expect(api.listResources).toHaveBeenCalledWith('dev', 'replicasets.apps', {
      namespace: 'team-shop',
      labelSelector: 'app.kubernetes.io/name=storefront',
      limit: 10_000,
    });
    expect(screen.getByText('Nothing owns this object.')).toBeInTheDocument();
  });

  it('links the owners of an object', async () => {
    const { api } = fakeApi({
      getResource: async () => replicaSet('storefront-abc', 'uid-storefront'),
      listResources: async () => ({
        cluster: 'dev',
        kind: discovery.kinds[0],
        items: [],
        total: 0,
        freshness: { live: true },
      }),
    });
    await renderDetail(api, {
      objectRef: {
        ...ref,
        resource: 'replicasets.apps',
        name: 'storefront-abc',
      },
    });
    await findYaml();
    await userEvent.click(screen.getByRole('tab', { name: 'Related' }));
    const related = await screen.findByTestId('related');
    expect(
      within(related).getByRole('link', { name: 'storefront' }),
    ).toHaveAttribute('href', '/o/deployments.apps/team-shop/storefront');
    expect(
      await within(related).findByText('This ReplicaSet owns no Pod now.'),
    ).toBeInTheDocument();
  });

  it('offers Edit YAML only when it may be edited', async () => {
    const onEditYaml = jest.fn();
    const { api } = fakeApi();
    const view = await renderDetail(api, { onEditYaml });
    await findYaml();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit YAML' }),
    );
    expect(onEditYaml).toHaveBeenCalledWith(storefront);
    view.unmount();

    await renderDetail(api);
    await findYaml();
    expect(
      screen.queryByRole('button', { name: 'Edit YAML' }),
    ).not.toBeInTheDocument();
  });

  it('offers no Edit YAML to someone who may not update the object', async () => {
    const { api } = fakeApi();
    const asked: string[] = [];
    await renderDetail(api, {
      // Answers are cached per object ref: a ref of this test's own.
      objectRef: { ...ref, name: 'storefront-locked' },
      onEditYaml: jest.fn(),
      permission: request => {
        asked.push(String((request as { resourceRef?: string }).resourceRef));
        return AuthorizeResult.DENY;
      },
    });
    await findYaml();
    await waitFor(() =>
      expect(asked).toContain(
        'dev/deployments.apps/team-shop/storefront-locked',
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Edit YAML' }),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's message when the object cannot be read", async () => {
    const notFound = await responseError(404, 'Not Found', {
      name: 'NotFoundError',
      message: "Deployment team-shop/storefront not found on cluster 'dev'",
    });
    const { api } = fakeApi({
      getResource: async () => {
        throw notFound;
      },
    });
    await renderDetail(api);
    expect(
      (
        await screen.findAllByText(
          "Deployment team-shop/storefront not found on cluster 'dev'",
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});
