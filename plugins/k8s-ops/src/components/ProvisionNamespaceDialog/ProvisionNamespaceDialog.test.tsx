import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { ProvisionNamespaceDialog } from './ProvisionNamespaceDialog';

const answer = (dryRun: boolean) => ({
  cluster: 'dev',
  namespace: 'team-a',
  dryRun,
  manifests: [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'team-a',
      created: true,
      diff: '--- (none)\n+++ applied (dry run)\n+kind: Namespace\n',
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      namespace: 'team-a',
      name: 'k8s-ops-quota',
      created: true,
      diff: '+kind: ResourceQuota\n',
    },
  ],
});

describe('ProvisionNamespaceDialog', () => {
  it('previews the manifests of the chosen options, then provisions', async () => {
    const api = fakeK8sOpsApi({
      provisionNamespace: async (_cluster, request) =>
        answer(Boolean(request.dryRun)),
    });
    const onProvisioned = jest.fn();
    const alertApi = mockApis.alert();
    await renderInTestApp(
      <ProvisionNamespaceDialog
        cluster="dev"
        onClose={() => {}}
        onProvisioned={onProvisioned}
      />,
      { apis: [[k8sOpsApiRef, api], alertApi] },
    );
    await userEvent.type(screen.getByLabelText('Namespace name'), 'team-a');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Resource quota' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByTestId('manifest-preview');
    expect(preview).toHaveTextContent('ResourceQuota team-a/k8s-ops-quota');
    expect(api.provisionNamespace).toHaveBeenCalledWith(
      'dev',
      expect.objectContaining({
        name: 'team-a',
        quota: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '50' },
        networkPolicy: true,
        dryRun: true,
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Provision' }));
    await waitFor(() => expect(onProvisioned).toHaveBeenCalledWith('team-a'));
    expect(api.provisionNamespace).toHaveBeenLastCalledWith(
      'dev',
      expect.objectContaining({ dryRun: false }),
    );
  });

  it("shows the backend's message when provisioning is refused", async () => {
    const api = fakeK8sOpsApi();
    api.provisionNamespace.mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message:
          "You may not provision namespaces on cluster 'dev' (k8s-ops.namespace.provision)",
      }),
    );
    await renderInTestApp(
      <ProvisionNamespaceDialog cluster="dev" onClose={() => {}} />,
      { apis: [[k8sOpsApiRef, api], mockApis.alert()] },
    );
    await userEvent.type(screen.getByLabelText('Namespace name'), 'team-a');
    await userEvent.click(screen.getByRole('button', { name: 'Provision' }));
    expect(
      await screen.findByText(
        /You may not provision namespaces on cluster 'dev'/,
      ),
    ).toBeInTheDocument();
  });
});
