import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  ClusterSummary,
  KubeconfigContextsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { RegisterClusterDialog } from './RegisterClusterDialog';
import { responseError } from '../../__testUtils__/responseError';

const kubeconfig = `apiVersion: v1
kind: Config
current-context: kind-dev
clusters: []
`;

const contexts: KubeconfigContextsResponse = {
  contexts: [
    {
      name: 'kind-dev',
      cluster: 'kind-dev',
      user: 'kind-dev',
      server: 'https://127.0.0.1:6443',
    },
    {
      name: 'shop-prod',
      cluster: 'gke_shop_europe-west1_prod',
      user: 'ops',
      namespace: 'shop',
      server: 'https://34.1.2.3',
    },
  ],
  currentContext: 'kind-dev',
};

const registered: ClusterSummary = {
  name: 'gke-shop-europe-west1-prod',
  title: 'Shop prod',
  source: 'registered',
  url: 'https://34.1.2.3',
  group: 'prod',
  labels: { team: 'shop', tier: '1' },
  readOnly: true,
  impersonate: false,
};

async function renderDialog(overrides: Partial<K8sOpsApi> = {}) {
  const api = fakeK8sOpsApi({
    listKubeconfigContexts: async () => contexts,
    registerCluster: async () => registered,
    ...overrides,
  });
  const onRegistered = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <RegisterClusterDialog
      open
      onClose={onClose}
      onRegistered={onRegistered}
    />,
    { apis: [[k8sOpsApiRef, api]] },
  );
  const dialog = within(
    screen.getByRole('dialog', { name: 'Register a cluster' }),
  );
  return { api, onRegistered, onClose, dialog };
}

async function pasteKubeconfig(
  dialog: ReturnType<typeof within>,
  text = kubeconfig,
) {
  await userEvent.click(dialog.getByLabelText(/Kubeconfig/));
  await userEvent.paste(text);
}

describe('RegisterClusterDialog', () => {
  it('reads the contexts, picks one and registers the cluster as typed', async () => {
    const { api, dialog, onRegistered } = await renderDialog();
    await pasteKubeconfig(dialog);
    await userEvent.click(
      dialog.getByRole('button', { name: 'Read contexts' }),
    );

    expect(api.listKubeconfigContexts).toHaveBeenCalledWith(kubeconfig);
    // The current context is picked, and the name suggested from its cluster.
    await waitFor(() =>
      expect(dialog.getByLabelText('Context')).toHaveValue('kind-dev'),
    );
    expect(
      dialog.getByText(/Server https:\/\/127\.0\.0\.1:6443/),
    ).toBeVisible();
    expect(dialog.getByLabelText(/^Name/)).toHaveValue('kind-dev');

    await userEvent.selectOptions(
      dialog.getByLabelText('Context'),
      'shop-prod',
    );
    expect(dialog.getByText(/Server https:\/\/34\.1\.2\.3/)).toBeVisible();
    expect(dialog.getByLabelText(/^Name/)).toHaveValue(
      'gke-shop-europe-west1-prod',
    );
    await userEvent.type(dialog.getByLabelText('Title'), 'Shop prod');
    await userEvent.type(dialog.getByLabelText('Group'), 'prod');
    await userEvent.type(
      dialog.getByLabelText('Labels'),
      'team=shop{Enter}tier=1',
    );
    await userEvent.click(dialog.getByLabelText('Read-only'));
    await userEvent.click(dialog.getByRole('button', { name: 'Register' }));

    expect(api.registerCluster).toHaveBeenCalledWith({
      kubeconfig,
      context: 'shop-prod',
      name: 'gke-shop-europe-west1-prod',
      title: 'Shop prod',
      group: 'prod',
      labels: { team: 'shop', tier: '1' },
      readOnly: true,
      impersonate: false,
    });
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith(registered));
  });

  it('keeps a name the person typed when another context is picked', async () => {
    const { dialog } = await renderDialog();
    await pasteKubeconfig(dialog);
    await userEvent.click(
      dialog.getByRole('button', { name: 'Read contexts' }),
    );
    await waitFor(() =>
      expect(dialog.getByLabelText(/^Name/)).toHaveValue('kind-dev'),
    );
    await userEvent.clear(dialog.getByLabelText(/^Name/));
    await userEvent.type(dialog.getByLabelText(/^Name/), 'shop');
    await userEvent.selectOptions(
      dialog.getByLabelText('Context'),
      'shop-prod',
    );
    expect(dialog.getByLabelText(/^Name/)).toHaveValue('shop');
  });

  it('keeps a name typed while the contexts are being read', async () => {
    let answer: (value: KubeconfigContextsResponse) => void = () => {};
    const { dialog } = await renderDialog({
      listKubeconfigContexts: () =>
        new Promise(resolve => {
          answer = resolve;
        }),
    });
    await pasteKubeconfig(dialog);
    await userEvent.click(
      dialog.getByRole('button', { name: 'Read contexts' }),
    );
    await userEvent.type(dialog.getByLabelText(/^Name/), 'shop');
    await act(async () => answer(contexts));

    await waitFor(() =>
      expect(dialog.getByLabelText('Context')).toHaveValue('kind-dev'),
    );
    expect(dialog.getByLabelText(/^Name/)).toHaveValue('shop');
  });

  it('reads the contexts by itself once the pasting stops', async () => {
    const { api, dialog } = await renderDialog();
    await pasteKubeconfig(dialog);
    await waitFor(
      () => expect(dialog.getByLabelText('Context')).toHaveValue('kind-dev'),
      { timeout: 5000 },
    );
    expect(api.listKubeconfigContexts).toHaveBeenCalledWith(kubeconfig);
  });

  it('shows why the backend refuses the kubeconfig', async () => {
    const { dialog } = await renderDialog({
      listKubeconfigContexts: async () => {
        throw await responseError(400, 'Bad Request', {
          name: 'InputError',
          message:
            'contexts: the kubeconfig has no contexts; it needs at least one context naming a cluster and a user',
        });
      },
    });
    await pasteKubeconfig(dialog);
    await userEvent.click(
      dialog.getByRole('button', { name: 'Read contexts' }),
    );

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'contexts: the kubeconfig has no contexts',
    );
    expect(dialog.queryByLabelText('Context')).not.toBeInTheDocument();
  });

  it.each([
    [
      400,
      'Bad Request',
      'InputError',
      'users[0].user.exec: credential plugins are not allowed; paste a kubeconfig with an inline token or client certificate',
    ],
    [
      403,
      'Forbidden',
      'NotAllowedError',
      'Registering clusters needs an encryption key for their credentials: add k8sOps.encryption.keys to app-config',
    ],
    [
      409,
      'Conflict',
      'ConflictError',
      "A cluster named 'kind-dev' already exists",
    ],
  ])(
    "shows the backend's %s refusal and stays open with what was typed",
    async (status, statusText, name, message) => {
      const { dialog, onRegistered, onClose } = await renderDialog({
        registerCluster: async () => {
          throw await responseError(status, statusText, { name, message });
        },
      });
      await pasteKubeconfig(dialog);
      await userEvent.click(
        dialog.getByRole('button', { name: 'Read contexts' }),
      );
      await waitFor(() =>
        expect(dialog.getByLabelText(/^Name/)).toHaveValue('kind-dev'),
      );
      await userEvent.click(dialog.getByRole('button', { name: 'Register' }));

      expect(await dialog.findByRole('alert')).toHaveTextContent(message);
      expect(
        screen.getByRole('dialog', { name: 'Register a cluster' }),
      ).toBeInTheDocument();
      expect(dialog.getByLabelText(/^Name/)).toHaveValue('kind-dev');
      expect(dialog.getByRole('button', { name: 'Register' })).toBeEnabled();
      expect(onRegistered).not.toHaveBeenCalled();
      expect(onClose).not.toHaveBeenCalled();
    },
  );

  it('refuses a name that is not a DNS label without asking the backend', async () => {
    const { api, dialog } = await renderDialog();
    await pasteKubeconfig(dialog);
    await userEvent.type(dialog.getByLabelText(/^Name/), 'Shop_Prod');

    expect(
      dialog.getByText(/Lowercase letters, digits and dashes/),
    ).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Register' })).toBeDisabled();
    expect(api.registerCluster).not.toHaveBeenCalled();
  });

  it('refuses labels that are not key=value lines', async () => {
    const { dialog } = await renderDialog();
    await pasteKubeconfig(dialog);
    await userEvent.type(dialog.getByLabelText(/^Name/), 'shop');
    await userEvent.type(dialog.getByLabelText('Labels'), 'team');

    expect(
      dialog.getByText('Line 1: write key=value, not "team"'),
    ).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Register' })).toBeDisabled();
  });
});
