import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { InfraScan } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { clusters } from '../../__testUtils__/fixtures';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { InfrastructurePage } from './InfrastructurePage';

const scan = (scannedAt: string, ready = 1): InfraScan => ({
  cluster: 'dev',
  namespace: 'team-data',
  scannedAt,
  scannedBy: 'user:default/dana',
  durationMs: 3,
  services: [
    {
      type: 'postgresql',
      title: 'PostgreSQL',
      category: 'database',
      found: true,
      instances: [
        {
          namespace: 'team-data',
          name: 'orders-db',
          workload: {
            kind: 'StatefulSet',
            apiVersion: 'apps/v1',
            name: 'orders-db',
            ready,
            desired: 1,
            version: '16.4',
          },
          matchedBy: ['image', 'port'],
          endpoints: [
            {
              type: 'ClusterIP',
              service: 'orders-db',
              address: 'orders-db.team-data.svc.cluster.local:5432',
              port: 5432,
            },
          ],
          credentialsSecret: 'orders-db',
        },
      ],
    },
    {
      type: 'redis',
      title: 'Redis / Valkey',
      category: 'cache',
      found: false,
      instances: [],
    },
  ],
});

function fakeApi(stored?: InfraScan) {
  return fakeK8sOpsApi({
    listClusters: async () => ({ items: clusters }),
    listResources: async () =>
      ({
        items: [{ metadata: { name: 'team-data' } }],
      } as never),
    listInfraScans: async () => ({ items: stored ? [stored] : [] }),
    scanInfrastructure: async () => scan('2026-11-27T11:00:00.000Z', 0),
  });
}

async function renderPage(api: ReturnType<typeof fakeApi>) {
  await renderInTestApp(<InfrastructurePage />, {
    apis: [[k8sOpsApiRef, api], mockApis.alert()],
    initialRouteEntries: ['/?cluster=dev&namespace=team-data'],
  });
}

describe('InfrastructurePage', () => {
  it('shows the stored scan without scanning: found services with endpoints, the others not found, and who scanned', async () => {
    const api = fakeApi(scan('2026-11-27T10:00:00.000Z'));
    await renderPage(api);
    const postgres = await screen.findByTestId('infra-card-postgresql');
    expect(postgres).toHaveTextContent(
      'orders-db.team-data.svc.cluster.local:5432',
    );
    expect(postgres).toHaveTextContent('1/1 ready');
    expect(postgres).toHaveTextContent('version 16.4');
    expect(postgres).toHaveTextContent('Secret orders-db');
    expect(
      within(postgres).getByRole('button', {
        name: 'Copy orders-db.team-data.svc.cluster.local:5432',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('infra-card-redis')).toHaveTextContent(
      'Not found',
    );
    expect(screen.getByTestId('infra-last-scan')).toHaveTextContent(
      'by user:default/dana',
    );
    expect(api.listInfraScans).toHaveBeenCalledWith({
      cluster: 'dev',
      namespace: 'team-data',
    });
    expect(api.scanInfrastructure).not.toHaveBeenCalled();
  });

  it('scans on demand and shows the new scan in place of the stored one', async () => {
    const api = fakeApi(scan('2026-11-27T10:00:00.000Z'));
    await renderPage(api);
    await screen.findByTestId('infra-card-postgresql');
    await userEvent.click(screen.getByRole('button', { name: 'Rescan' }));
    expect(await screen.findByText('0/1 ready')).toBeInTheDocument();
    expect(api.scanInfrastructure).toHaveBeenCalledWith('dev', {
      namespace: 'team-data',
    });
  });

  it("says a namespace was never scanned, and shows the backend's message when a scan is refused", async () => {
    const api = fakeApi();
    api.scanInfrastructure.mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message: "You may not scan cluster 'dev'",
      }),
    );
    await renderPage(api);
    expect(await screen.findByText(/was never scanned/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Scan' }));
    expect(
      await screen.findByText("You may not scan cluster 'dev'"),
    ).toBeInTheDocument();
  });
});
