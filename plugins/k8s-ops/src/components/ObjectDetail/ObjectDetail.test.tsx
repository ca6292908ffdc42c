import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  K8sOpsObjectRef,
  KubeObject,
  RelationNode,
  RelationsResponse,
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

const node = (
  resource: string,
  kind: string,
  name: string,
  depth: number,
): RelationNode => ({
  id: `dev/${resource}/team-shop/${name}`,
  cluster: 'dev',
  resource,
  kind,
  namespace: 'team-shop',
  name,
  status: 'Running',
  health: 'ok',
  depth,
});

const storefrontGraph: RelationsResponse = {
  root: 'dev/deployments.apps/team-shop/storefront',
  nodes: [
    node('deployments.apps', 'Deployment', 'storefront', 0),
    node('replicasets.apps', 'ReplicaSet', 'storefront-abc', 1),
    node(
      'horizontalpodautoscalers.autoscaling',
      'HorizontalPodAutoscaler',
      'storefront',
      1,
    ),
    node('pods', 'Pod', 'storefront-abc-x1', 2),
  ],
  edges: [
    {
      from: 'dev/deployments.apps/team-shop/storefront',
      to: 'dev/replicasets.apps/team-shop/storefront-abc',
      relation: 'owns',
    },
    {
      from: 'dev/horizontalpodautoscalers.autoscaling/team-shop/storefront',
      to: 'dev/deployments.apps/team-shop/storefront',
      relation: 'scales',
    },
    {
      from: 'dev/replicasets.apps/team-shop/storefront-abc',
      to: 'dev/pods/team-shop/storefront-abc-x1',
      relation: 'owns',
    },
  ],
};

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

  it('reads its direct relations in sentences, linked, from the relations route', async () => {
    const { api } = fakeApi({ getRelations: async () => storefrontGraph });
    await renderDetail(api);
    await findYaml();
    await userEvent.click(screen.getByRole('tab', { name: 'Related' }));
    const related = await screen.findByTestId('related');
    expect(
      within(related).getByRole('link', { name: 'storefront-abc' }),
    ).toHaveAttribute('href', '/o/replicasets.apps/team-shop/storefront-abc');
    expect(within(related).getByText('Owns ReplicaSet')).toBeInTheDocument();
    expect(
      within(related).getByText('Scaled by HorizontalPodAutoscaler'),
    ).toBeInTheDocument();
    // Two steps away: in the graph, not among the direct relations.
    expect(
      within(related).queryByText(/storefront-abc-x1/),
    ).not.toBeInTheDocument();
    expect(api.getRelations).toHaveBeenCalledWith(ref, { depth: 1 });
  });

  it('says so in a sentence when nothing is related', async () => {
    const { api } = fakeApi({
      getRelations: async () => ({
        root: storefrontGraph.root,
        nodes: [storefrontGraph.nodes[0]],
        edges: [],
      }),
    });
    await renderDetail(api);
    await findYaml();
    await userEvent.click(screen.getByRole('tab', { name: 'Related' }));
    expect(
      await screen.findByText(
        'No object you may see is related to Deployment storefront.',
      ),
    ).toBeInTheDocument();
  });

  it('draws the graph, two steps deep, with labelled edges', async () => {
    // jsdom lays nothing out; the graph measures its nodes and labels.
    Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
      configurable: true,
      value: () => ({ x: 0, y: 0, width: 120, height: 20 }),
    });
    const { api } = fakeApi({ getRelations: async () => storefrontGraph });
    await renderDetail(api);
    await findYaml();
    await userEvent.click(screen.getByRole('tab', { name: 'Graph' }));
    expect(
      // The layout library loads on first use.
      await screen.findByRole(
        'link',
        { name: 'Pod storefront-abc-x1' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('graph-node')).toHaveLength(4);
    expect(screen.getAllByText('owns').length).toBeGreaterThan(0);
    expect(api.getRelations).toHaveBeenCalledWith(ref, { depth: 2 });
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
