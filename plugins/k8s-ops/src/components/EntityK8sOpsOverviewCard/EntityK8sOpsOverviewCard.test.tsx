import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { KubeObject, WorkloadsResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, within } from '@testing-library/react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { EntityK8sOpsOverviewCard } from './EntityK8sOpsOverviewCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'backstage.io/kubernetes-id': 'checkout' },
  },
  spec: {},
};

const pod = (name: string, crashing: boolean): KubeObject => ({
  kind: 'Pod',
  metadata: { name, uid: name, namespace: 'team-shop' },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: crashing ? 'False' : 'True' }],
    containerStatuses: [
      {
        name: 'worker',
        ready: !crashing,
        restartCount: crashing ? 5 : 0,
        state: crashing ? { waiting: { reason: 'CrashLoopBackOff' } } : {},
      },
    ],
  },
});

describe('EntityK8sOpsOverviewCard', () => {
  it('shows one line per cluster with its health and the problems there', async () => {
    const api = fakeK8sOpsApi({
      listClusters: async () => ({
        items: [
          {
            name: 'dev',
            title: 'Local dev',
            source: 'config',
            url: 'https://127.0.0.1:6443',
            labels: {},
            readOnly: false,
            impersonate: false,
            health: { status: 'reachable', checkedAt: '' },
          },
        ],
      }),
      getWorkloads: async (query): Promise<WorkloadsResponse> => ({
        ...query,
        clusters: [
          {
            cluster: 'dev',
            title: 'Local dev',
            readOnly: false,
            resources: { pods: [pod('a', false), pod('b', true)] },
          },
          {
            cluster: 'prod',
            title: 'Local prod',
            readOnly: true,
            resources: {},
            error: "Cluster 'prod' is unreachable",
          },
        ],
      }),
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityK8sOpsOverviewCard />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    const dev = await screen.findByTestId('overview-dev');
    expect(await within(dev).findByText('reachable')).toBeInTheDocument();
    expect(
      within(dev).getByText('0 workloads · 1/2 pods ready'),
    ).toBeInTheDocument();
    expect(
      within(dev).getByText('Container worker keeps crashing (5 restarts)'),
    ).toBeInTheDocument();
    const prod = screen.getByTestId('overview-prod');
    expect(
      within(prod).getByText("Cluster 'prod' is unreachable"),
    ).toBeInTheDocument();
    expect(within(prod).getByText('unknown')).toBeInTheDocument();
  });

  it("shows the backend's message when the workloads cannot be read", async () => {
    const api = fakeK8sOpsApi({
      listClusters: async () => ({ items: [] }),
      getWorkloads: async () => {
        throw await responseError(400, 'Bad Request', {
          name: 'InputError',
          message: 'labelSelector: unexpected character',
        });
      },
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityK8sOpsOverviewCard />
      </EntityProvider>,
      { apis: [[k8sOpsApiRef, api]] },
    );
    expect(
      (await screen.findAllByText(/labelSelector: unexpected character/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Request failed with/)).not.toBeInTheDocument();
  });
});
