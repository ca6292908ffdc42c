import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { ClustersDashboard } from './ClustersDashboard';
import { clusters } from '../../__testUtils__/fixtures';

function fakeApi(overrides: Partial<K8sOpsApi> = {}) {
  return fakeK8sOpsApi({
    getHealth: async () => ({ status: 'ok', version: '0.1.0', clusters: 3 }),
    listClusters: async () => ({ items: clusters }),
    checkClusterHealth: async () => ({
      status: 'unreachable',
      error: "Cluster 'prod' is unreachable: connection refused",
      checkedAt: '2026-11-25T10:01:00.000Z',
    }),
    ...overrides,
  });
}

// Every test here may manage clusters: usePermission keeps answers in a
// cache that lives as long as the test file, so a person without the
// permission is in ClustersDashboard.withoutPermission.test.tsx.
async function renderDashboard(api: K8sOpsApi) {
  const alertApi = mockApis.alert();
  await renderInTestApp(<ClustersDashboard />, {
    apis: [[k8sOpsApiRef, api], alertApi, mockApis.permission()],
  });
  // Settles the permission before the test looks at the page.
  await screen.findByRole('button', { name: 'Register cluster' });
  return { alertApi };
}

function row(title: string) {
  return screen.getByRole('row', { name: new RegExp(title) });
}

/** Opens the row menu of a registered cluster. */
async function openMenu(title: string) {
  await userEvent.click(
    within(
      await screen.findByRole('row', { name: new RegExp(title) }),
    ).getByRole('button', { name: `More actions for ${title}` }),
  );
}

describe('ClustersDashboard', () => {
  it('shows every cluster with its group, labels, read-only and insecure badges', async () => {
    await renderDashboard(fakeApi());
    expect(await screen.findByText('Clusters (3)')).toBeInTheDocument();
    expect(screen.getByText('Local dev')).toBeInTheDocument();
    expect(screen.getByText('Local prod')).toBeInTheDocument();
    expect(screen.getByText('provider=local')).toBeInTheDocument();
    expect(screen.getByText('read-only')).toBeInTheDocument();
    expect(within(row('Team A')).getByText('insecure TLS')).toBeInTheDocument();
  });

  it('shows health, version and nodes of each cluster', async () => {
    await renderDashboard(fakeApi());
    expect(await screen.findByText('v1.34.4 · 3 nodes')).toBeInTheDocument();
    expect(screen.getByText('reachable')).toBeInTheDocument();
    expect(screen.getAllByText('not checked yet')).toHaveLength(2);
  });

  it("links each cluster's title to the cluster's page under the dashboard", async () => {
    // As in the app, where the page keeps React Router matches for /k8s-ops.
    await renderInTestApp(
      <Routes>
        <Route path="/k8s-ops/*" element={<ClustersDashboard />} />
      </Routes>,
      {
        apis: [[k8sOpsApiRef, fakeApi()], mockApis.permission()],
        initialRouteEntries: ['/k8s-ops'],
      },
    );
    expect(await screen.findByRole('link', { name: 'Team A' })).toHaveAttribute(
      'href',
      '/k8s-ops/clusters/team-a',
    );
  });

  it('checks a cluster on demand and reloads the list', async () => {
    const api = fakeApi();
    await renderDashboard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check now: Local prod' }),
    );
    expect(api.checkClusterHealth).toHaveBeenCalledWith('prod');
    await waitFor(() => expect(api.listClusters).toHaveBeenCalledTimes(2));
  });

  it("tells the backend's message when a check fails", async () => {
    const api = fakeApi({
      checkClusterHealth: async () => {
        throw await responseError(404, 'Not Found', {
          name: 'NotFoundError',
          message: "No cluster named 'prod'",
        });
      },
    });
    const { alertApi } = await renderDashboard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check now: Local prod' }),
    );
    await waitFor(() =>
      expect(alertApi.getAlerts()).toContainEqual(
        expect.objectContaining({
          message: "Could not check cluster prod: No cluster named 'prod'",
          severity: 'error',
        }),
      ),
    );
  });

  it("shows the backend's message when loading fails", async () => {
    await renderDashboard(
      fakeApi({
        listClusters: async () => {
          throw await responseError(503, 'Service Unavailable', {
            name: 'ServiceUnavailableError',
            message: 'k8s-ops backend is unavailable',
          });
        },
      }),
    );
    expect(
      (await screen.findAllByText(/k8s-ops backend is unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Request failed with/)).not.toBeInTheDocument();
    expect(screen.queryByText(/^Clusters \(/)).not.toBeInTheDocument();
  });

  it('tells how to add clusters when there are none', async () => {
    await renderDashboard(
      fakeApi({ listClusters: async () => ({ items: [] }) }),
    );
    expect(await screen.findByText('Clusters (0)')).toBeInTheDocument();
    expect(screen.getByText('k8sOps.clusters')).toBeInTheDocument();
  });

  it('offers Edit and Remove for registered clusters only', async () => {
    await renderDashboard(fakeApi());
    expect(
      await screen.findByRole('button', { name: 'Register cluster' }),
    ).toBeInTheDocument();
    await openMenu('Team A');
    expect(
      screen.getByRole('menuitem', { name: 'Edit Team A' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('menuitem', { name: 'Remove Team A' }),
    ).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    for (const title of ['Local dev', 'Local prod']) {
      const fromConfig = within(row(title));
      expect(fromConfig.getByText('from app-config')).toBeInTheDocument();
      expect(
        fromConfig.queryByRole('button', { name: /^More actions/ }),
      ).not.toBeInTheDocument();
    }
  });

  it('registers a cluster, then closes the dialog and reloads the list', async () => {
    const api = fakeApi({
      listKubeconfigContexts: async () => ({
        contexts: [
          {
            name: 'team-b',
            cluster: 'team-b',
            user: 'admin',
            server: 'https://team-b.example.com:6443',
          },
        ],
        currentContext: 'team-b',
      }),
      registerCluster: async request => ({
        ...clusters[2],
        name: request.name,
        title: request.name,
      }),
    });
    const { alertApi } = await renderDashboard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Register cluster' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Register a cluster' });
    await userEvent.click(within(dialog).getByLabelText(/Kubeconfig/));
    await userEvent.paste('apiVersion: v1\nkind: Config\n');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Read contexts' }),
    );
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/^Name/)).toHaveValue('team-b'),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Register' }),
    );

    expect(api.registerCluster).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'team-b', context: 'team-b' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Register a cluster' }),
      ).not.toBeInTheDocument(),
    );
    expect(alertApi.getAlerts()).toContainEqual(
      expect.objectContaining({
        message: 'Registered cluster team-b',
        severity: 'success',
      }),
    );
    await waitFor(() => expect(api.listClusters).toHaveBeenCalledTimes(2));
  });

  it('saves the edits of a registered cluster and reloads the list', async () => {
    const api = fakeApi({
      updateCluster: async (_cluster, changes) => ({
        ...clusters[2],
        ...changes,
        group: changes.group ?? undefined,
      }),
    });
    await renderDashboard(api);
    await openMenu('Team A');
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Edit Team A' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit cluster team-a' });
    await userEvent.type(within(dialog).getByLabelText('Group'), 'staging');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.updateCluster).toHaveBeenCalledWith('team-a', {
      group: 'staging',
    });
    await waitFor(() => expect(api.listClusters).toHaveBeenCalledTimes(2));
    expect(
      screen.queryByRole('dialog', { name: 'Edit cluster team-a' }),
    ).not.toBeInTheDocument();
  });

  it('removes a registered cluster once the removal is confirmed', async () => {
    const api = fakeApi({ removeCluster: async () => {} });
    const { alertApi } = await renderDashboard(api);
    await openMenu('Team A');
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Remove Team A' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Remove cluster team-a?',
    });
    expect(api.removeCluster).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Remove' }),
    );

    expect(api.removeCluster).toHaveBeenCalledWith('team-a');
    await waitFor(() => expect(api.listClusters).toHaveBeenCalledTimes(2));
    expect(alertApi.getAlerts()).toContainEqual(
      expect.objectContaining({
        message: 'Removed cluster team-a',
        severity: 'success',
      }),
    );
  });

  it('removes nothing when the removal is cancelled', async () => {
    const api = fakeApi({ removeCluster: async () => {} });
    await renderDashboard(api);
    await openMenu('Team A');
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Remove Team A' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Remove cluster team-a?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Remove cluster team-a?' }),
      ).not.toBeInTheDocument(),
    );
    expect(api.removeCluster).not.toHaveBeenCalled();
  });

  it("tells the backend's message in the dialog when a removal fails", async () => {
    const api = fakeApi({
      removeCluster: async () => {
        throw await responseError(403, 'Forbidden', {
          name: 'NotAllowedError',
          message: "You may not manage cluster 'team-a'",
        });
      },
    });
    await renderDashboard(api);
    await openMenu('Team A');
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Remove Team A' }),
    );
    const dialog = within(
      screen.getByRole('dialog', { name: 'Remove cluster team-a?' }),
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Remove' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      "You may not manage cluster 'team-a'",
    );
    expect(dialog.getByRole('button', { name: 'Remove' })).toBeEnabled();
  });
});
