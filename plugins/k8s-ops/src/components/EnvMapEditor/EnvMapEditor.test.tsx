import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { EnvMapEditor } from './EnvMapEditor';

const stored = {
  cluster: 'dev',
  namespace: 'shop',
  name: 'app',
  configMap: 'app-config',
  secret: 'app-secrets',
  variables: [
    { name: 'DB_PASSWORD', value: '', sensitive: true, masked: true },
    { name: 'LOG_LEVEL', value: 'info', sensitive: false },
  ],
};

const written = {
  cluster: 'dev',
  namespace: 'shop',
  name: 'app',
  dryRun: true,
  config: ['LOG_LEVEL'],
  secret: ['API_TOKEN', 'DB_PASSWORD'],
  manifests: [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'app-config',
      created: false,
      diff: '--- live\n+++ applied (dry run)\n-  LOG_LEVEL: info\n+  LOG_LEVEL: debug\n',
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'shop',
      name: 'app-secrets',
      created: false,
      diff: '',
    },
  ],
};

describe('EnvMapEditor', () => {
  it('loads a map with secrets hidden, marks a new secret by its name, previews and keeps the hidden value', async () => {
    const api = fakeK8sOpsApi({
      getEnvMap: async () => stored,
      writeEnvMap: async () => written,
    });
    await renderInTestApp(
      <EnvMapEditor cluster="dev" namespace="shop" onClose={() => {}} />,
      { apis: [[k8sOpsApiRef, api], mockApis.alert()] },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Load' }));
    expect(
      await screen.findByText('Loaded app-config and app-secrets'),
    ).toBeInTheDocument();
    const hidden = screen.getByLabelText('Variable 1 value');
    expect(hidden).toHaveAttribute('type', 'password');
    expect(hidden).toHaveValue('');
    expect(screen.getByLabelText('Variable 2 value')).toHaveValue('info');

    await userEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    await userEvent.type(screen.getByLabelText('Variable 3 name'), 'API_TOKEN');
    expect(screen.getByLabelText('Variable 3 sensitive')).toBeChecked();
    await userEvent.type(screen.getByLabelText('Variable 3 value'), 'tok');
    await userEvent.clear(screen.getByLabelText('Variable 2 value'));
    await userEvent.type(screen.getByLabelText('Variable 2 value'), 'debug');

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(api.writeEnvMap).toHaveBeenCalled());
    expect(api.writeEnvMap).toHaveBeenCalledWith('dev', 'shop', {
      name: 'app',
      variables: { LOG_LEVEL: 'debug', API_TOKEN: 'tok' },
      sensitive: { LOG_LEVEL: false, API_TOKEN: true },
      keep: ['DB_PASSWORD'],
      dryRun: true,
    });
    const preview = await screen.findByTestId('manifest-preview');
    expect(preview).toHaveTextContent('ConfigMap shop/app-config');
    expect(preview).toHaveTextContent('applies (values hidden)');
  });

  it('unmarks a variable by hand, and its name no longer decides', async () => {
    const api = fakeK8sOpsApi();
    await renderInTestApp(
      <EnvMapEditor cluster="dev" namespace="shop" onClose={() => {}} />,
      { apis: [[k8sOpsApiRef, api], mockApis.alert()] },
    );
    await userEvent.type(
      screen.getByLabelText('Variable 1 name'),
      'PUBLIC_KEY',
    );
    const sensitive = screen.getByLabelText('Variable 1 sensitive');
    expect(sensitive).toBeChecked();
    await userEvent.click(sensitive);
    await userEvent.type(screen.getByLabelText('Variable 1 name'), '_ID');
    expect(sensitive).not.toBeChecked();
    expect(screen.getByLabelText('Variable 1 value')).toHaveAttribute(
      'type',
      'text',
    );
  });
});
