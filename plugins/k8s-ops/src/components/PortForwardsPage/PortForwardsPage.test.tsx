import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { PortForwardSession } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { PortForwardsPage } from './PortForwardsPage';

const session = (
  id: string,
  extra: Partial<PortForwardSession> = {},
): PortForwardSession => ({
  id,
  owner: 'user:default/dana',
  cluster: 'dev',
  namespace: 'team-data',
  target: { kind: 'service', name: `db-${id}` },
  pod: `db-${id}-0`,
  ports: [{ port: 5432, podPort: 5432 }],
  state: 'active',
  replica: 'backend-0',
  startedAt: '2026-11-27T10:00:00.000Z',
  lastUsedAt: '2026-11-27T10:00:00.000Z',
  proxyPath: `/port-forwards/${id}/proxy/`,
  ...extra,
});

describe('PortForwardsPage', () => {
  it('lists my sessions with their state or error, and stops one', async () => {
    let items = [
      session('1'),
      session('2', { state: 'failed', error: 'pod gone' }),
    ];
    const api = fakeK8sOpsApi({
      listPortForwards: async () => ({ items, all: false }),
      stopPortForward: async id => {
        items = items.map(s => (s.id === id ? { ...s, state: 'stopped' } : s));
        return items[0];
      },
    });
    await renderInTestApp(<PortForwardsPage />, {
      apis: [
        [k8sOpsApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ],
    });
    expect(await screen.findByText('svc/db-1 → db-1-0')).toBeInTheDocument();
    expect(screen.getByText('failed: pod gone')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Stop db-1' }));
    expect(api.stopPortForward).toHaveBeenCalledWith('1');
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Stop db-1' })).toBeNull(),
    );
  });

  it("shows everyone's sessions, with their owner, to admins", async () => {
    const api = fakeK8sOpsApi({
      listPortForwards: async options =>
        options?.all
          ? {
              items: [session('3', { owner: 'user:default/sam' })],
              all: true,
            }
          : { items: [], all: false },
    });
    await renderInTestApp(<PortForwardsPage />, {
      apis: [
        [k8sOpsApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ],
    });
    await userEvent.click(await screen.findByLabelText("Everyone's"));
    expect(await screen.findByText('user:default/sam')).toBeInTheDocument();
  });
});
