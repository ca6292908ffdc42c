import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  ClusterSummary,
  KubeObject,
  ResourceListResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { parse } from 'yaml';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import {
  deployment,
  devCluster,
  discovery,
} from '../../__testUtils__/fixtures';
import { ClusterPage } from './ClusterPage';

const storefront: KubeObject = deployment('storefront', {
  metadata: {
    ...deployment('storefront').metadata,
    resourceVersion: '4711',
    managedFields: [{ manager: 'kubectl' }],
  },
});

const objects: Record<string, KubeObject[]> = {
  namespaces: [
    { metadata: { uid: 'n1', name: 'team-shop' } },
    { metadata: { uid: 'n2', name: 'team-data' } },
  ],
  'deployments.apps': [deployment('checkout'), storefront],
  'replicasets.apps': [
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        uid: 'rs1',
        name: 'storefront-6d4cf56db6',
        namespace: 'team-shop',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'storefront',
            uid: 'uid-storefront',
          },
        ],
      },
    },
  ],
};

function fakeApi(cluster: Partial<ClusterSummary> = {}) {
  const unsubscribes: jest.Mock[] = [];
  const api = fakeK8sOpsApi({
    getCluster: async () => ({ ...devCluster, ...cluster }),
    getDiscovery: async () => discovery,
    listResources: async (_cluster, resource) =>
      ({
        cluster: 'dev',
        kind: discovery.kinds[0],
        items: objects[resource] ?? [],
        total: (objects[resource] ?? []).length,
        freshness: { live: true },
      } as ResourceListResponse),
    getResource: async () => storefront,
    getEvents: async () => ({ items: [] }),
    getRelations: async () => ({
      root: 'dev/deployments.apps/team-shop/storefront',
      nodes: [
        'dev/deployments.apps/team-shop/storefront',
        'dev/replicasets.apps/team-shop/storefront-6d4cf56db6',
      ].map((id, depth) => {
        const [, resource, namespace, name] = id.split('/');
        const kind = depth ? 'ReplicaSet' : 'Deployment';
        return {
          id,
          cluster: 'dev',
          resource,
          kind,
          namespace,
          name,
          status: '',
          health: 'ok' as const,
          depth,
        };
      }),
      edges: [
        {
          from: 'dev/deployments.apps/team-shop/storefront',
          to: 'dev/replicasets.apps/team-shop/storefront-6d4cf56db6',
          relation: 'owns' as const,
        },
      ],
    }),
    watchChanges: (_query, _onChange, options) => {
      options?.onOpen?.();
      const unsubscribe = jest.fn();
      unsubscribes.push(unsubscribe);
      return unsubscribe;
    },
  });
  return { api, unsubscribes };
}

function Location() {
  const { pathname, search } = useLocation();
  return <span data-testid="location">{`${pathname}${search}`}</span>;
}

async function renderPage(api: K8sOpsApi, url: string) {
  return renderInTestApp(
    <>
      <Routes>
        <Route path="/k8s-ops/clusters/:cluster/*" element={<ClusterPage />} />
      </Routes>
      <Location />
    </>,
    { apis: [[k8sOpsApiRef, api]], initialRouteEntries: [url] },
  );
}

const location = () => screen.getByTestId('location').textContent;
const shopDeployments =
  '/k8s-ops/clusters/dev?resource=deployments.apps&namespace=team-shop';

describe('ClusterPage', () => {
  it('shows the cluster, and the kind and namespace the URL names', async () => {
    const { api } = fakeApi();
    await renderPage(api, shopDeployments);
    // The first render of the file's first test takes longest.
    expect(
      await screen.findByText('Deployments (2)', {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Local dev' }),
    ).toBeInTheDocument();
    expect(screen.getByText('reachable')).toBeInTheDocument();
    expect(screen.getByText('v1.34.4')).toBeInTheDocument();
    expect(api.getCluster).toHaveBeenCalledWith('dev');
    expect(api.getDiscovery).toHaveBeenCalledWith('dev');
    expect(api.listResources).toHaveBeenCalledWith('dev', 'deployments.apps', {
      namespace: 'team-shop',
      labelSelector: undefined,
      limit: 500,
      view: 'summary',
    });
    const namespace = screen.getByRole('combobox', { name: 'Namespace' });
    expect(namespace).toHaveValue('team-shop');
    expect(
      within(namespace)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All namespaces', 'team-data', 'team-shop']);
    expect(
      within(screen.getByTestId('kind-list')).getByText('OpenKruise'),
    ).toBeInTheDocument();
  });

  it('keeps the chosen kind and namespace in the URL', async () => {
    const { api, unsubscribes } = fakeApi();
    await renderPage(api, '/k8s-ops/clusters/dev');
    // Pods until a kind is chosen.
    expect(await screen.findByText('Pods (0)')).toBeInTheDocument();

    await userEvent.click(
      within(screen.getByTestId('kind-list')).getByText('Deployment'),
    );
    expect(await screen.findByText('Deployments (2)')).toBeInTheDocument();
    expect(location()).toBe('/k8s-ops/clusters/dev?resource=deployments.apps');
    expect(unsubscribes[0]).toHaveBeenCalled();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Namespace' }),
      'team-data',
    );
    expect(location()).toBe(
      '/k8s-ops/clusters/dev?resource=deployments.apps&namespace=team-data',
    );
    await waitFor(() =>
      expect(api.listResources).toHaveBeenLastCalledWith(
        'dev',
        'deployments.apps',
        expect.objectContaining({ namespace: 'team-data' }),
      ),
    );
    expect(api.watchChanges).toHaveBeenLastCalledWith(
      {
        resources: ['deployments.apps'],
        clusters: ['dev'],
        namespace: 'team-data',
      },
      expect.any(Function),
      expect.anything(),
    );
  });

  it('opens an object at its own path, and closes back to the same list', async () => {
    const { api } = fakeApi();
    await renderPage(api, shopDeployments);
    await userEvent.click(
      await screen.findByRole('link', { name: 'storefront' }),
    );
    expect(location()).toBe(
      '/k8s-ops/clusters/dev/objects/deployments.apps/team-shop/storefront?resource=deployments.apps&namespace=team-shop',
    );
    expect(api.getResource).toHaveBeenCalledWith({
      cluster: 'dev',
      resource: 'deployments.apps',
      namespace: 'team-shop',
      name: 'storefront',
    });
    const yaml = await screen.findByTestId('object-yaml');
    await waitFor(() => expect(yaml).toHaveTextContent('kind: Deployment'));

    await userEvent.click(screen.getByRole('tab', { name: 'Related' }));
    const replicaSet = await screen.findByRole('link', {
      name: 'storefront-6d4cf56db6',
    });
    expect(replicaSet).toHaveAttribute(
      'href',
      '/k8s-ops/clusters/dev/objects/replicasets.apps/team-shop/storefront-6d4cf56db6?resource=deployments.apps&namespace=team-shop',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(location()).toBe(shopDeployments);
    // The list stayed where it was, without loading again: it was loaded at
    // once and when the stream opened, and not for opening or closing.
    expect(
      api.listResources.mock.calls.filter(c => c[1] === 'deployments.apps'),
    ).toHaveLength(2);
  });

  it('closes an object whose name holds a colon back to the list', async () => {
    const { api } = fakeApi();
    await renderPage(
      api,
      '/k8s-ops/clusters/dev/objects/deployments.apps/team-shop/system%3Aweird?resource=deployments.apps',
    );
    await screen.findByTestId('object-yaml');
    expect(api.getResource).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'system:weird' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(location()).toBe('/k8s-ops/clusters/dev?resource=deployments.apps');
  });

  it('opens the YAML editor on the object, without the fields the server owns', async () => {
    const { api } = fakeApi();
    await renderPage(
      api,
      '/k8s-ops/clusters/dev/objects/deployments.apps/team-shop/storefront',
    );
    // The page, the object and the permission answer come in turn.
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Edit YAML' },
        { timeout: 5000 },
      ),
    );
    const editor = await screen.findByRole('textbox', { name: 'YAML' });
    expect(parse((editor as HTMLTextAreaElement).value)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'storefront',
        namespace: 'team-shop',
        labels: { 'app.kubernetes.io/name': 'storefront' },
      },
      spec: storefront.spec,
    });
  });

  it('offers Apply YAML on a writable cluster', async () => {
    const { api } = fakeApi();
    await renderPage(api, shopDeployments);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Apply YAML' }),
    );
    expect(await screen.findByRole('textbox', { name: 'YAML' })).toHaveValue(
      '',
    );
  });

  it('offers no edits on a read-only cluster', async () => {
    const { api } = fakeApi({ readOnly: true });
    await renderPage(
      api,
      '/k8s-ops/clusters/dev/objects/deployments.apps/team-shop/storefront?resource=deployments.apps',
    );
    expect(await screen.findByText('read-only')).toBeInTheDocument();
    await screen.findByTestId('object-yaml');
    expect(
      screen.queryByRole('button', { name: 'Apply YAML' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit YAML' }),
    ).not.toBeInTheDocument();
  });

  it('says read-only for you, and offers no change, where the person may change nothing', async () => {
    const { api } = fakeApi({ mayChange: false });
    await renderPage(
      api,
      '/k8s-ops/clusters/dev/objects/deployments.apps/team-shop/storefront?resource=deploy',
    );
    expect(await screen.findByText('read-only for you')).toBeInTheDocument();
    await screen.findByTestId('object-yaml');
    expect(
      screen.queryByRole('button', { name: 'Apply YAML' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^(Edit YAML|Actions for)/ }),
    ).not.toBeInTheDocument();
  });

  it('offers the object page its actions where the person may change the cluster', async () => {
    const { api } = fakeApi({ mayChange: true });
    await renderPage(
      api,
      '/k8s-ops/clusters/dev/objects/deployments.apps/team-shop/storefront?resource=deployments.apps',
    );
    await screen.findByTestId('object-yaml');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Actions for storefront' }),
    );
    expect(
      await screen.findByRole('menuitem', { name: 'Roll back storefront' }),
    ).toBeInTheDocument();
  });

  it('says when the cluster serves no kind the URL names', async () => {
    const { api } = fakeApi();
    await renderPage(
      api,
      '/k8s-ops/clusters/dev?resource=ingressroutes.traefik.io',
    );
    expect(
      await screen.findByText(
        "Warning: Cluster dev serves no kind 'ingressroutes.traefik.io'",
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('Pods (0)')).toBeInTheDocument();
  });
});
