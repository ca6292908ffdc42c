import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { ClustersDashboard } from './ClustersDashboard';

function fakeApi(overrides: Partial<K8sOpsApi> = {}) {
  return fakeK8sOpsApi({
    getHealth: async () => ({ status: 'ok', version: '0.1.0', clusters: 2 }),
    listClusters: async () => ({
      items: [
        {
          name: 'dev',
          title: 'Local dev',
          source: 'config',
          url: 'https://127.0.0.1:6443',
          group: 'dev',
          labels: { provider: 'local' },
          readOnly: false,
          impersonate: false,
          health: {
            status: 'reachable',
            version: 'v1.34.4',
            nodes: 3,
            latencyMs: 12,
            checkedAt: '2026-11-25T10:00:00.000Z',
          },
        },
        {
          name: 'prod',
          title: 'Local prod',
          source: 'config',
          url: 'https://127.0.0.1:7443',
          group: 'prod',
          labels: {},
          readOnly: true,
          impersonate: false,
        },
      ] as ClusterSummary[],
    }),
    checkClusterHealth: async () => ({
      status: 'unreachable',
      error: "Cluster 'prod' is unreachable: connection refused",
      checkedAt: '2026-11-25T10:01:00.000Z',
    }),
    ...overrides,
  });
}

describe('ClustersDashboard', () => {
  it('shows every cluster with its group, labels and read-only badge', async () => {
    await renderInTestApp(<ClustersDashboard />, {
      apis: [[k8sOpsApiRef, fakeApi()]],
    });
    expect(await screen.findByText('Clusters (2)')).toBeInTheDocument();
    expect(screen.getByText('Local dev')).toBeInTheDocument();
    expect(screen.getByText('Local prod')).toBeInTheDocument();
    expect(screen.getByText('provider=local')).toBeInTheDocument();
    expect(screen.getByText('read-only')).toBeInTheDocument();
  });

  it('shows health, version and nodes of each cluster', async () => {
    await renderInTestApp(<ClustersDashboard />, {
      apis: [[k8sOpsApiRef, fakeApi()]],
    });
    expect(await screen.findByText('v1.34.4')).toBeInTheDocument();
    expect(screen.getByText('reachable')).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText('not checked yet')).toBeInTheDocument();
  });

  it('checks a cluster on demand and reloads the list', async () => {
    const api = fakeApi();
    const check = jest.spyOn(api, 'checkClusterHealth');
    const list = jest.spyOn(api, 'listClusters');
    await renderInTestApp(<ClustersDashboard />, {
      apis: [[k8sOpsApiRef, api]],
    });
    const buttons = await screen.findAllByRole('button', { name: 'Check now' });
    await userEvent.click(buttons[1]);
    expect(check).toHaveBeenCalledWith('prod');
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
  });

  it("shows the backend's message when loading fails", async () => {
    await renderInTestApp(<ClustersDashboard />, {
      apis: [
        [
          k8sOpsApiRef,
          fakeApi({
            listClusters: async () => {
              throw new Error('k8s-ops backend is unavailable');
            },
          }),
        ],
      ],
    });
    expect(
      (await screen.findAllByText(/k8s-ops backend is unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/^Clusters \(/)).not.toBeInTheDocument();
  });

  it('tells how to add clusters when there are none', async () => {
    await renderInTestApp(<ClustersDashboard />, {
      apis: [
        [k8sOpsApiRef, fakeApi({ listClusters: async () => ({ items: [] }) })],
      ],
    });
    expect(await screen.findByText('Clusters (0)')).toBeInTheDocument();
    expect(screen.getByText('k8sOps.clusters')).toBeInTheDocument();
  });
});
