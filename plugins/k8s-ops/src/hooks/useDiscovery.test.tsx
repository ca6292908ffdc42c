import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DiscoveryResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen } from '@testing-library/react';
import { K8sOpsApi, k8sOpsApiRef } from '../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../__testUtils__/fakeK8sOpsApi';
import { discovery } from '../__testUtils__/fixtures';
import { responseError } from '../__testUtils__/responseError';
import { backendMessage } from '../lib/backendMessage';
import { DISCOVERY_FRESH_MS, useDiscovery } from './useDiscovery';

function Kinds(props: { cluster: string; label: string }) {
  const { loading, error, value } = useDiscovery(props.cluster);
  let text = 'loading';
  if (error) text = backendMessage(error);
  else if (value) text = `${value.cluster}: ${value.kinds.length} kinds`;
  return <div data-testid={props.label}>{loading ? 'loading' : text}</div>;
}

function discoveryOf(cluster: string): DiscoveryResponse {
  return { ...discovery, cluster };
}

async function render(api: K8sOpsApi, views: Array<[string, string]>) {
  const rendered = await renderInTestApp(
    <>
      {views.map(([label, cluster]) => (
        <Kinds key={label} label={label} cluster={cluster} />
      ))}
    </>,
    { apis: [[k8sOpsApiRef, api]] },
  );
  // Lets the answers arrive within act, as a browser would show them.
  await act(async () => {});
  return rendered;
}

const kinds = discovery.kinds.length;

describe('useDiscovery', () => {
  afterEach(() => jest.restoreAllMocks());

  it('asks once for the views of one cluster that show together', async () => {
    const api = fakeK8sOpsApi({
      getDiscovery: async cluster => discoveryOf(cluster),
    });
    await render(api, [
      ['page', 'dev'],
      ['drawer', 'dev'],
      ['other', 'prod'],
    ]);

    expect(await screen.findByTestId('page')).toHaveTextContent(
      `dev: ${kinds} kinds`,
    );
    expect(screen.getByTestId('drawer')).toHaveTextContent(
      `dev: ${kinds} kinds`,
    );
    expect(await screen.findByTestId('other')).toHaveTextContent(
      `prod: ${kinds} kinds`,
    );
    expect(api.getDiscovery.mock.calls).toEqual([['dev'], ['prod']]);
  });

  it('answers a later view from the fresh answer, without asking or loading', async () => {
    const api = fakeK8sOpsApi({
      getDiscovery: async cluster => discoveryOf(cluster),
    });
    const first = await render(api, [['page', 'dev']]);
    await screen.findByText(`dev: ${kinds} kinds`);
    first.unmount();

    await render(api, [['drawer', 'dev']]);

    expect(screen.getByTestId('drawer')).toHaveTextContent(
      `dev: ${kinds} kinds`,
    );
    expect(api.getDiscovery).toHaveBeenCalledTimes(1);
  });

  it('asks again once the answer is older than the backend keeps its own', async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    const api = fakeK8sOpsApi({
      getDiscovery: async cluster => discoveryOf(cluster),
    });
    const first = await render(api, [['page', 'dev']]);
    await screen.findByText(`dev: ${kinds} kinds`);
    first.unmount();

    clock.mockReturnValue(now + DISCOVERY_FRESH_MS + 1);
    await render(api, [['page', 'dev']]);

    expect(await screen.findByText(`dev: ${kinds} kinds`)).toBeInTheDocument();
    expect(api.getDiscovery).toHaveBeenCalledTimes(2);
  });

  it("shows the backend's refusal, and asks again for the next view", async () => {
    const api = fakeK8sOpsApi({
      getDiscovery: async () => {
        throw await responseError(503, 'Service Unavailable', {
          name: 'ServiceUnavailableError',
          message: "Cluster 'dev' is unreachable",
        });
      },
    });
    const first = await render(api, [['page', 'dev']]);
    expect(
      await screen.findByText("Cluster 'dev' is unreachable"),
    ).toBeInTheDocument();
    first.unmount();

    api.getDiscovery.mockImplementation(async cluster => discoveryOf(cluster));
    await render(api, [['page', 'dev']]);

    expect(await screen.findByText(`dev: ${kinds} kinds`)).toBeInTheDocument();
    expect(api.getDiscovery).toHaveBeenCalledTimes(2);
  });
});
