import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import userEvent from '@testing-library/user-event';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  KubeObject,
  ResourceChange,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { rootRouteRef } from '../../routes';
import { EntityK8sOpsContent } from './EntityK8sOpsContent';

const pod = (name: string, status: object): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { uid: name, name, namespace: 'team-shop' },
    spec: { nodeName: 'node-1' },
    status,
  } as KubeObject);

const workloads: WorkloadsResponse = {
  labelSelector: 'backstage.io/kubernetes-id=checkout',
  namespace: 'team-shop',
  clusters: [
    {
      cluster: 'staging',
      title: 'Local staging',
      group: 'staging',
      readOnly: false,
      freshness: { live: true },
      resources: {
        'deployments.apps': [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { uid: 'd1', name: 'checkout', namespace: 'team-shop' },
            spec: {
              replicas: 2,
              template: { spec: { containers: [{ image: 'checkout:2.4.1' }] } },
            },
            status: { readyReplicas: 2 },
          } as KubeObject,
        ],
        pods: [
          pod('checkout-a', {
            phase: 'Running',
            containerStatuses: [
              {
                name: 'api',
                ready: true,
                restartCount: 0,
                state: { running: {} },
              },
            ],
          }),
          pod('checkout-worker-x', {
            phase: 'Running',
            containerStatuses: [
              {
                name: 'worker',
                ready: false,
                restartCount: 7,
                state: { waiting: { reason: 'CrashLoopBackOff' } },
              },
            ],
          }),
        ],
      },
    },
    {
      cluster: 'prod',
      title: 'Local prod',
      readOnly: true,
      resources: {},
      error: "Cluster 'prod' is unreachable: connection refused",
    },
  ],
};

function fakeApi() {
  let emit: (change: ResourceChange) => void = () => {};
  const api = fakeK8sOpsApi({
    getWorkloads: async () => workloads,
    watchChanges: (_query, onChange, options) => {
      emit = onChange;
      options?.onOpen?.();
      return () => {};
    },
  });
  return { api, emit: (change: ResourceChange) => emit(change) };
}

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
    spec: {},
  };
}

const checkout = entity({
  'backstage.io/kubernetes-id': 'checkout',
  'backstage.io/kubernetes-namespace': 'team-shop',
});

describe('EntityK8sOpsContent', () => {
  it("shows the entity's workloads and pods per cluster, with problems and their hints", async () => {
    const { api } = fakeApi();
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    const staging = await screen.findByTestId('cluster-staging');
    expect(
      within(staging).getByText('Local staging · staging'),
    ).toBeInTheDocument();
    expect(within(staging).getByText('2/2')).toBeInTheDocument();
    expect(within(staging).getByText('checkout:2.4.1')).toBeInTheDocument();
    expect(within(staging).getByText('CrashLoopBackOff')).toBeInTheDocument();
    expect(within(staging).getByTestId('problem-crash-loop')).toHaveTextContent(
      'Container worker keeps crashing (7 restarts)',
    );
    expect(screen.getByTestId('k8s-ops-entity-selector')).toHaveTextContent(
      'Objects labelled backstage.io/kubernetes-id=checkout in namespace team-shop, across every cluster.',
    );
    expect(api.getWorkloads).toHaveBeenCalledWith({
      labelSelector: 'backstage.io/kubernetes-id=checkout',
      namespace: 'team-shop',
      view: 'summary',
    });
  });

  it("shows the backend's message when the workloads cannot be read", async () => {
    const { api } = fakeApi();
    api.getWorkloads.mockImplementation(async () => {
      throw await responseError(400, 'Bad Request', {
        name: 'InputError',
        message: 'labelSelector: unexpected character',
      });
    });
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    expect(
      (await screen.findAllByText(/labelSelector: unexpected character/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Request failed with/)).not.toBeInTheDocument();
  });

  it('says why a cluster could not answer, and still shows the others', async () => {
    const { api } = fakeApi();
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    const prod = await screen.findByTestId('cluster-prod');
    expect(
      within(prod).getByText(
        "Cluster 'prod' is unreachable: connection refused",
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('cluster-staging')).toBeInTheDocument();
  });

  it('applies changes from the change stream without reloading', async () => {
    const { api, emit } = fakeApi();
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    await screen.findByText('checkout-a');
    expect(api.watchChanges).toHaveBeenCalledWith(
      expect.objectContaining({
        namespace: 'team-shop',
        labelSelector: 'backstage.io/kubernetes-id=checkout',
      }),
      expect.any(Function),
      expect.anything(),
    );
    act(() =>
      emit({
        type: 'ADDED',
        cluster: 'staging',
        resource: 'pods',
        object: pod('checkout-b', { phase: 'Pending' }),
      }),
    );
    expect(await screen.findByText('checkout-b')).toBeInTheDocument();
    act(() =>
      emit({
        type: 'DELETED',
        cluster: 'staging',
        resource: 'pods',
        object: pod('checkout-a', {}),
      }),
    );
    expect(screen.queryByText('checkout-a')).not.toBeInTheDocument();
    // Loaded at once and when the stream opened; never again for a change.
    expect(api.getWorkloads).toHaveBeenCalledTimes(2);
  });

  it('shows at once the answer a view of the entity followed a moment ago, then loads its own', async () => {
    const { api } = fakeApi();
    const first = await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    await screen.findByText('checkout-a');
    first.unmount();
    let answer: (value: WorkloadsResponse) => void = () => {};
    api.getWorkloads.mockImplementation(
      () => new Promise<WorkloadsResponse>(resolve => (answer = resolve)),
    );
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    // Painted before the new load answered.
    expect(screen.getByText('checkout-a')).toBeInTheDocument();
    act(() =>
      answer({
        ...workloads,
        clusters: [
          {
            ...workloads.clusters[0],
            resources: { pods: [pod('checkout-new', { phase: 'Running' })] },
          },
        ],
      }),
    );
    expect(await screen.findByText('checkout-new')).toBeInTheDocument();
    expect(screen.queryByText('checkout-a')).not.toBeInTheDocument();
  });

  it('lists custom resources labelled for the entity, and follows their changes', async () => {
    const route = (name: string, status?: object) =>
      ({
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRoute',
        metadata: { uid: name, name, namespace: 'team-shop' },
        status,
      } as KubeObject);
    const { api, emit } = fakeApi();
    api.getWorkloads.mockResolvedValue({
      ...workloads,
      clusters: [
        {
          ...workloads.clusters[0],
          resources: {
            ...workloads.clusters[0].resources,
            'ingressroutes.traefik.io': [
              route('checkout', {
                conditions: [{ type: 'Ready', status: 'True' }],
              }),
            ],
            'clonesets.apps.kruise.io': [
              {
                apiVersion: 'apps.kruise.io/v1alpha1',
                kind: 'CloneSet',
                metadata: {
                  uid: 'c1',
                  name: 'checkout-canary',
                  namespace: 'team-shop',
                },
                spec: { replicas: 1 },
                status: { replicas: 1, readyReplicas: 1 },
              } as KubeObject,
            ],
          },
        },
      ],
    });
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    expect(await screen.findByText('Custom resources (2)')).toBeInTheDocument();
    expect(screen.getByText('traefik.io/v1alpha1 · Ready')).toBeInTheDocument();
    expect(screen.getByText('ingressroute')).toBeInTheDocument();
    expect(
      screen.getByText('apps.kruise.io/v1alpha1 · 1/1 ready'),
    ).toBeInTheDocument();
    // A CloneSet scales from its row, as a Deployment does.
    expect(
      await screen.findByRole('button', { name: 'Scale checkout-canary' }),
    ).toBeInTheDocument();
    expect(api.watchChanges).toHaveBeenCalledWith(
      expect.objectContaining({
        resources: expect.arrayContaining([
          'deployments.apps',
          'ingressroutes.traefik.io',
        ]),
      }),
      expect.any(Function),
      expect.anything(),
    );
    act(() =>
      emit({
        type: 'ADDED',
        cluster: 'staging',
        resource: 'ingressroutes.traefik.io',
        object: route('checkout-admin'),
      }),
    );
    expect(await screen.findByText('Custom resources (3)')).toBeInTheDocument();
    expect(screen.getByText('checkout-admin')).toBeInTheDocument();
  });

  it('scales a Deployment from its row; the new count arrives with the change stream', async () => {
    const { api, emit } = fakeApi();
    const deployment = workloads.clusters[0].resources['deployments.apps'][0];
    api.scaleResource.mockImplementation(async () => {
      // The backend answers, and the cluster's change follows on the stream.
      const scaled = {
        ...deployment,
        spec: { ...(deployment.spec as object), replicas: 3 },
        status: { readyReplicas: 3 },
      };
      setTimeout(() =>
        act(() =>
          emit({
            type: 'MODIFIED',
            cluster: 'staging',
            resource: 'deployments.apps',
            object: scaled,
          }),
        ),
      );
      return { replicas: 3 };
    });
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    const staging = await screen.findByTestId('cluster-staging');
    // A Deployment offers three actions: they are in its row's menu.
    await userEvent.click(
      await within(staging).findByRole('button', {
        name: 'Actions for checkout',
      }),
    );
    await userEvent.click(
      await screen.findByRole('menuitem', { name: 'Scale checkout' }),
    );
    const replicas = await screen.findByLabelText('Replicas');
    expect(replicas).toHaveValue(2);
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Scale' }));
    expect(api.scaleResource).toHaveBeenCalledWith(
      {
        cluster: 'staging',
        resource: 'deployments.apps',
        namespace: 'team-shop',
        name: 'checkout',
      },
      3,
    );
    expect(await within(staging).findByText('3/3')).toBeInTheDocument();
    // Loaded at once and when the stream opened; never again for a change.
    expect(api.getWorkloads).toHaveBeenCalledTimes(2);
  });

  it("keeps the dialog open with the backend's message when an action fails", async () => {
    const { api } = fakeApi();
    api.deleteResource.mockRejectedValue(
      new Error(
        "You may not delete Pod team-shop/checkout-a on cluster 'staging'",
      ),
    );
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete checkout-a' }),
    );
    expect(
      screen.getByText(/checkout-a is deleted\. If a controller owns it/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You may not delete Pod team-shop/checkout-a on cluster 'staging'",
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('shows an action only where the person holds its permission for that object', async () => {
    const { api } = fakeApi();
    // Permission answers are cached per object ref for the whole run, so
    // this test asks about objects on a cluster of its own.
    api.getWorkloads.mockResolvedValue({
      ...workloads,
      clusters: [{ ...workloads.clusters[0], cluster: 'qa' }],
    });
    const asked: Array<{ permission: string; resourceRef?: string }> = [];
    const permissions = mockApis.permission({
      authorize: request => {
        const resourceRef = (request as { resourceRef?: string }).resourceRef;
        asked.push({ permission: request.permission.name, resourceRef });
        return request.permission.name === 'k8s-ops.resource.delete'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW;
      },
    });
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      {
        apis: [
          [k8sOpsApiRef, api],
          [permissionApiRef, permissions],
        ],
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Actions for checkout' }),
    );
    expect(
      await screen.findByRole('menuitem', { name: 'Scale checkout' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('menuitem', { name: 'Roll back checkout' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete checkout-a' }),
    ).not.toBeInTheDocument();
    expect(asked).toContainEqual({
      permission: 'k8s-ops.resource.delete',
      resourceRef: 'qa/pods/team-shop/checkout-a',
    });
  });

  it('offers no action on a read-only cluster', async () => {
    const { api } = fakeApi();
    api.getWorkloads.mockResolvedValue({
      ...workloads,
      clusters: [{ ...workloads.clusters[0], readOnly: true }],
    });
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    await screen.findByText('checkout-a');
    expect(screen.queryByRole('button', { name: /^Actions for / })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete / })).toBeNull();
  });

  it('opens any object with its YAML without leaving the entity', async () => {
    const { api } = fakeApi();
    const deployment = workloads.clusters[0].resources['deployments.apps'][0];
    api.getDiscovery.mockResolvedValue({
      cluster: 'staging',
      families: [],
      kinds: [
        {
          group: 'apps',
          version: 'v1',
          resource: 'deployments',
          kind: 'Deployment',
          namespaced: true,
          verbs: ['list', 'watch', 'get'],
          shortNames: ['deploy'],
          subresources: ['scale'],
          preferred: true,
        },
      ],
    });
    api.getResource.mockResolvedValue(deployment);
    api.getEvents.mockResolvedValue({ items: [] });
    await renderInTestApp(
      <EntityProvider entity={checkout}>
        <EntityK8sOpsContent />
      </EntityProvider>,
      {
        apis: [[k8sOpsApiRef, api]],
        mountedRoutes: { '/k8s-ops': rootRouteRef },
      },
    );
    const staging = await screen.findByTestId('cluster-staging');
    await userEvent.click(
      within(staging).getByRole('button', { name: 'checkout' }),
    );
    const drawer = await screen.findByRole('presentation');
    // The YAML is highlighted, so its text is split across elements.
    const yaml = await within(drawer).findByTestId('object-yaml');
    await waitFor(() => expect(yaml).toHaveTextContent('kind: Deployment'));
    expect(api.getResource).toHaveBeenCalledWith({
      cluster: 'staging',
      resource: 'deployments.apps',
      namespace: 'team-shop',
      name: 'checkout',
    });
  });
});
