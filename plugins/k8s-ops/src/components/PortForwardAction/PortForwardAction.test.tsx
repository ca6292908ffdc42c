import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { KubeObject, PortForwardSession } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { PortForwardAction } from './PortForwardAction';

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'orders-db', namespace: 'team-data' },
  spec: { ports: [{ port: 5432 }] },
};

const objectRef = {
  cluster: 'dev',
  resource: 'services',
  namespace: 'team-data',
  name: 'orders-db',
};

const session: PortForwardSession = {
  id: '2f1c5c1e-8d0a-4a43-9d55-0c7c3c4b9a10',
  owner: 'user:default/dana',
  cluster: 'dev',
  namespace: 'team-data',
  target: { kind: 'service', name: 'orders-db' },
  pod: 'orders-db-0',
  ports: [{ port: 5432, podPort: 5432 }],
  state: 'active',
  replica: 'backend-0',
  startedAt: '2026-11-27T10:00:00.000Z',
  lastUsedAt: '2026-11-27T10:00:00.000Z',
  proxyPath: '/port-forwards/2f1c5c1e-8d0a-4a43-9d55-0c7c3c4b9a10/proxy/',
};

const base = 'http://localhost:7007/api/k8s-ops';

function render(
  api: ReturnType<typeof fakeK8sOpsApi>,
  allowed: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  // Permission answers are cached per object: a test that denies uses its own.
  name = objectRef.name,
) {
  return renderInTestApp(
    <PortForwardAction object={service} objectRef={{ ...objectRef, name }} />,
    {
      apis: [
        [k8sOpsApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: () => allowed })],
      ],
    },
  );
}

describe('PortForwardAction', () => {
  it("starts a session on the Service's ports and shows the proxy link and the command line", async () => {
    const api = fakeK8sOpsApi({
      startPortForward: async () => session,
      openPortForwardProxy: async s => `${base}${s.proxyPath}`,
      getBackendBaseUrl: async () => base,
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Forward a port' }),
    );
    expect(screen.getByLabelText('Ports')).toHaveValue('5432');
    await userEvent.click(screen.getByRole('button', { name: 'Forward' }));
    expect(api.startPortForward).toHaveBeenCalledWith({
      cluster: 'dev',
      namespace: 'team-data',
      target: { kind: 'service', name: 'orders-db' },
      ports: [5432],
    });
    const link = (
      await screen.findByText(`${base}${session.proxyPath}`)
    ).closest('a');
    expect(link).toHaveAttribute('href', `${base}${session.proxyPath}`);
    expect(link).toHaveAttribute('target', '_blank');
    // The snippet is highlighted in pieces: the dialog holds it whole.
    await waitFor(() =>
      expect(screen.getByRole('dialog')).toHaveTextContent(
        `K8S_OPS_TOKEN=<your Backstage token> yarn k8s-ops port-forward dev/team-data/svc/orders-db :5432 --url ${base}`,
      ),
    );
  });

  it("keeps the dialog open with the backend's message when the start fails", async () => {
    const api = fakeK8sOpsApi({
      startPortForward: async () => {
        throw await responseError(409, 'Conflict', {
          name: 'ConflictError',
          message:
            'You have 5 port-forwards open, the most a person may have; stop one first',
        });
      },
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Forward a port' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Forward' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You have 5 port-forwards open, the most a person may have; stop one first',
    );
  });

  it('refuses a port that is not one before asking the backend', async () => {
    const api = fakeK8sOpsApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Forward a port' }),
    );
    const field = screen.getByLabelText('Ports');
    await userEvent.clear(field);
    await userEvent.type(field, '99999');
    expect(
      screen.getByText("'99999' is not a port (1 to 65535)"),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Forward' })).toBeDisabled();
  });

  it('is not offered without the permission', async () => {
    await render(fakeK8sOpsApi(), AuthorizeResult.DENY, 'orders-db-denied');
    expect(screen.queryByRole('button', { name: 'Forward a port' })).toBeNull();
  });
});
