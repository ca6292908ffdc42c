import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  KubeObject,
  ResourceChange,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen, within } from '@testing-library/react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
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
    watchChanges: (_query, onChange) => {
      emit = onChange;
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
    });
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
    expect(api.getWorkloads).toHaveBeenCalledTimes(1);
  });
});
