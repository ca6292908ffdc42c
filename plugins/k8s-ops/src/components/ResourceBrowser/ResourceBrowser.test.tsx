import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  KindDescriptor,
  KubeObject,
  ResourceChange,
  ResourceListResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { deployment, discovery } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { findKindByResource } from '../../lib/kindGroups';
import { ResourceBrowser } from './ResourceBrowser';

const deployments = findKindByResource(discovery.kinds, 'deployments.apps')!;

function page(
  items: KubeObject[],
  more: Partial<ResourceListResponse> = {},
): ResourceListResponse {
  return {
    cluster: 'dev',
    kind: deployments,
    items,
    total: items.length,
    freshness: { live: true },
    ...more,
  };
}

function fakeApi(overrides: Partial<K8sOpsApi> = {}) {
  const emit: { current: (change: ResourceChange) => void } = {
    current: () => {},
  };
  const unsubscribe = jest.fn();
  const api = fakeK8sOpsApi({
    listResources: async () =>
      page([deployment('checkout'), deployment('storefront')]),
    watchChanges: (_query, onChange, options) => {
      emit.current = onChange;
      options?.onOpen?.();
      return unsubscribe;
    },
    ...overrides,
  });
  return {
    api,
    unsubscribe,
    emit: (change: ResourceChange) => act(() => emit.current(change)),
  };
}

async function renderBrowser(
  api: K8sOpsApi,
  props: {
    kind?: KindDescriptor;
    namespace?: string;
    labelSelector?: string;
    onKindChange?: (kind: KindDescriptor) => void;
    onLabelSelectorChange?: (selector: string | undefined) => void;
  } = {},
) {
  return renderInTestApp(
    <ResourceBrowser
      cluster="dev"
      discovery={discovery}
      kind={'kind' in props ? props.kind : deployments}
      namespace={props.namespace ?? 'team-shop'}
      labelSelector={props.labelSelector}
      onKindChange={props.onKindChange ?? jest.fn()}
      onLabelSelectorChange={props.onLabelSelectorChange ?? jest.fn()}
      objectHref={(k, o) =>
        `/objects/${k.resource}/${o.metadata.namespace}/${o.metadata.name}`
      }
    />,
    { apis: [[k8sOpsApiRef, api]] },
  );
}

describe('ResourceBrowser', () => {
  it('lists the kinds from discovery by group, OpenKruise under its own title', async () => {
    const { api } = fakeApi();
    const onKindChange = jest.fn();
    await renderBrowser(api, { onKindChange });
    await screen.findByText('Deployments (2)');
    const openKruise = screen.getByTestId('kind-group-family-openkruise');
    expect(within(openKruise).getByText('OpenKruise')).toBeInTheDocument();
    expect(within(openKruise).getByText('CloneSet')).toBeInTheDocument();
    expect(screen.queryByText('Traefik')).not.toBeInTheDocument();
    expect(
      within(screen.getByTestId('kind-group-apps')).getByText('Deployment'),
    ).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Find a kind'), 'cj');
    const list = screen.getByTestId('kind-list');
    expect(within(list).queryByText('Deployment')).not.toBeInTheDocument();
    await userEvent.click(within(list).getByText('CronJob'));
    expect(onKindChange).toHaveBeenCalledWith(
      expect.objectContaining({ group: 'batch', resource: 'cronjobs' }),
    );
  });

  it('lists the objects of the kind with generic and kind-aware columns', async () => {
    const { api } = fakeApi();
    await renderBrowser(api);
    expect(await screen.findByText('Deployments (2)')).toBeInTheDocument();
    expect(api.listResources).toHaveBeenCalledWith('dev', 'deployments.apps', {
      namespace: 'team-shop',
      labelSelector: undefined,
      limit: 500,
      view: 'summary',
    });
    const row = screen.getByRole('link', { name: 'storefront' }).closest('tr')!;
    expect(within(row).getByText('team-shop')).toBeInTheDocument();
    expect(within(row).getByText('2/2')).toBeInTheDocument();
    expect(within(row).getByText('3h')).toBeInTheDocument();
    expect(
      within(row).getByText('app.kubernetes.io/name=storefront'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'storefront' })).toHaveAttribute(
      'href',
      '/objects/deployments/team-shop/storefront',
    );
  });

  it('loads further pages with the continue token', async () => {
    const { api } = fakeApi({
      listResources: async (_cluster, _resource, query) =>
        query?.continue === 'after-checkout'
          ? page([deployment('storefront')], { total: 2 })
          : page([deployment('checkout')], {
              total: 2,
              continue: 'after-checkout',
            }),
    });
    await renderBrowser(api);
    expect(await screen.findByText('Deployments (2)')).toBeInTheDocument();
    expect(screen.getByText('1 of 2 loaded')).toBeInTheDocument();
    expect(screen.queryByText('storefront')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('storefront')).toBeInTheDocument();
    expect(api.listResources).toHaveBeenLastCalledWith(
      'dev',
      'deployments.apps',
      expect.objectContaining({ continue: 'after-checkout', limit: 500 }),
    );
    expect(screen.getByText('2 of 2 loaded')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('updates rows from the change stream without fetching again', async () => {
    const { api, emit } = fakeApi();
    await renderBrowser(api);
    await screen.findByText('Deployments (2)');
    expect(api.watchChanges).toHaveBeenCalledWith(
      {
        resources: ['deployments.apps'],
        clusters: ['dev'],
        namespace: 'team-shop',
      },
      expect.any(Function),
      expect.anything(),
    );

    const degraded = deployment('storefront', {
      status: { readyReplicas: 1 },
    });
    emit({
      type: 'MODIFIED',
      cluster: 'dev',
      resource: 'deployments.apps',
      object: degraded,
    });
    const row = screen.getByRole('link', { name: 'storefront' }).closest('tr')!;
    expect(within(row).getByText('1/2')).toBeInTheDocument();

    emit({
      type: 'ADDED',
      cluster: 'dev',
      resource: 'deployments.apps',
      object: deployment('recommendations'),
    });
    expect(screen.getByText('recommendations')).toBeInTheDocument();
    expect(screen.getByText('Deployments (3)')).toBeInTheDocument();

    emit({
      type: 'DELETED',
      cluster: 'dev',
      resource: 'deployments.apps',
      object: deployment('checkout'),
    });
    // The same change on another cluster is not this list's.
    emit({
      type: 'DELETED',
      cluster: 'prod',
      resource: 'deployments.apps',
      object: deployment('storefront'),
    });
    expect(screen.queryByText('checkout')).not.toBeInTheDocument();
    expect(screen.getByText('storefront')).toBeInTheDocument();
    expect(screen.getByText('Deployments (2)')).toBeInTheDocument();
    // Loaded at once and when the stream opened; never again for a change.
    expect(api.listResources).toHaveBeenCalledTimes(2);
  });

  it('ends the subscription when it unmounts', async () => {
    const { api, unsubscribe } = fakeApi();
    const view = await renderBrowser(api);
    await screen.findByText('Deployments (2)');
    view.unmount();
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('filters by name on the backend and says how many matched', async () => {
    const { api } = fakeApi({
      listResources: async (_c, _r, query) => {
        const all = [deployment('checkout'), deployment('storefront')];
        const items = all.filter(o =>
          o.metadata.name!.includes(query?.name ?? ''),
        );
        return page(items, { total: items.length });
      },
    });
    await renderBrowser(api);
    await screen.findByText('Deployments (2)');
    await userEvent.type(screen.getByLabelText('Filter by name'), 'store');
    expect(
      await screen.findByText('Deployments (1 matching "store")'),
    ).toBeInTheDocument();
    expect(screen.getByText('storefront')).toBeInTheDocument();
    expect(screen.queryByText('checkout')).not.toBeInTheDocument();
    expect(api.listResources).toHaveBeenLastCalledWith(
      'dev',
      'deployments.apps',
      expect.objectContaining({ name: 'store', limit: 500 }),
    );
  });

  it('asks the backend to sort the whole list when a header is clicked', async () => {
    const { api } = fakeApi({
      listResources: async (_c, _r, query) =>
        page(
          query?.order === 'desc'
            ? [deployment('storefront'), deployment('checkout')]
            : [deployment('checkout'), deployment('storefront')],
        ),
    });
    await renderBrowser(api);
    await screen.findByText('Deployments (2)');
    await userEvent.click(screen.getAllByRole('button', { name: 'Name' })[0]);
    await waitFor(() =>
      expect(api.listResources).toHaveBeenLastCalledWith(
        'dev',
        'deployments.apps',
        expect.objectContaining({ sortBy: 'name', order: 'asc' }),
      ),
    );
    await userEvent.click(screen.getAllByRole('button', { name: 'Name' })[0]);
    await waitFor(() =>
      expect(api.listResources).toHaveBeenLastCalledWith(
        'dev',
        'deployments.apps',
        expect.objectContaining({ sortBy: 'name', order: 'desc' }),
      ),
    );
    await waitFor(() => {
      const links = screen
        .getAllByRole('link')
        .map(l => l.textContent)
        .filter(t => t === 'checkout' || t === 'storefront');
      expect(links).toEqual(['storefront', 'checkout']);
    });
  });

  it('sends the label selector to the backend and shows why it is refused', async () => {
    const invalid = await responseError(400, 'Bad Request', {
      name: 'InputError',
      message: "invalid label key 'a b' in 'a b=c'",
    });
    const { api } = fakeApi({
      listResources: async (_c, _r, query) => {
        if (query?.labelSelector) throw invalid;
        return page([]);
      },
    });
    const onLabelSelectorChange = jest.fn();
    const view = await renderBrowser(api, { onLabelSelectorChange });
    await screen.findByText('Deployments (0)');
    await userEvent.type(
      screen.getByLabelText('Label selector'),
      'a b=c{enter}',
    );
    expect(onLabelSelectorChange).toHaveBeenCalledWith('a b=c');

    view.unmount();
    await renderBrowser(api, { labelSelector: 'a b=c' });
    expect(
      await screen.findByText("invalid label key 'a b' in 'a b=c'"),
    ).toBeInTheDocument();
    // The stream would refuse the selector as well.
    expect(api.watchChanges).not.toHaveBeenCalledWith(
      expect.objectContaining({ labelSelector: 'a b=c' }),
      expect.any(Function),
    );
  });

  it('warns when the list is not live', async () => {
    const { api } = fakeApi({
      listResources: async () =>
        page([deployment('checkout')], {
          freshness: {
            live: false,
            staleSeconds: 95,
            error: "Cluster 'dev' is unreachable: connection refused",
          },
        }),
    });
    await renderBrowser(api);
    expect(
      await screen.findByText(/Stale: not live, last synced 95s ago/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Cluster 'dev' is unreachable: connection refused/),
    ).toBeInTheDocument();
  });

  it('leaves out the namespace column of cluster-scoped kinds', async () => {
    const namespaces = findKindByResource(discovery.kinds, 'namespaces')!;
    const { api } = fakeApi({
      listResources: async () =>
        page([{ metadata: { uid: 'n1', name: 'team-shop' } }]),
    });
    await renderBrowser(api, { kind: namespaces });
    expect(await screen.findByText('Namespaces (1)')).toBeInTheDocument();
    expect(api.listResources).toHaveBeenCalledWith('dev', 'namespaces', {
      namespace: undefined,
      labelSelector: undefined,
      limit: 500,
      view: 'summary',
    });
    expect(
      screen.queryByRole('columnheader', { name: 'Namespace' }),
    ).not.toBeInTheDocument();
  });
});
