import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { alertApiRef } from '@backstage/frontend-plugin-api';
import { ApplyResponse, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import {
  getDefaultNormalizer,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { ApplyYamlDialog } from './ApplyYamlDialog';

const configMapYaml = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: settings',
  '  namespace: team-shop',
  'data:',
  '  mode: slow',
].join('\n');

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'team-shop' },
  data: { mode: 'slow' },
};

const dryRun: ApplyResponse = {
  object: configMap,
  dryRun: true,
  created: false,
  diff: [
    '--- live',
    '+++ applied',
    '@@ -3,3 +3,3 @@',
    ' data:',
    '-  mode: fast',
    '+  mode: slow',
    '',
  ].join('\n'),
};

async function renderDialog(
  overrides: Partial<K8sOpsApi> = {},
  props: { initialYaml?: string } = {},
) {
  const api = fakeK8sOpsApi({
    applyResource: async (_cluster, _object, options) =>
      options?.dryRun ? dryRun : { ...dryRun, dryRun: false },
    ...overrides,
  });
  const alertApi = mockApis.alert();
  const onClose = jest.fn();
  await renderInTestApp(
    <ApplyYamlDialog
      cluster="dev"
      open
      onClose={onClose}
      initialYaml={props.initialYaml}
    />,
    {
      apis: [
        [k8sOpsApiRef, api],
        [alertApiRef, alertApi],
      ],
    },
  );
  return { api, alertApi, onClose };
}

async function typeYaml(text: string) {
  const editor = screen.getByRole('textbox', { name: 'YAML' });
  await userEvent.clear(editor);
  await userEvent.click(editor);
  // Pasted, as people do; typing would read braces as key names.
  await userEvent.paste(text);
}

const button = (name: string) => screen.getByRole('button', { name });

// Diff lines keep their indentation.
const exactly = {
  normalizer: getDefaultNormalizer({ collapseWhitespace: false }),
};

describe('ApplyYamlDialog', () => {
  it('previews the diff of a dry run, and only then applies', async () => {
    const { api, alertApi, onClose } = await renderDialog();
    await typeYaml(configMapYaml);
    expect(button('Apply')).toBeDisabled();

    await userEvent.click(button('Preview'));
    const diff = await screen.findByTestId('apply-diff');
    expect(api.applyResource).toHaveBeenCalledWith('dev', configMap, {
      dryRun: true,
    });
    expect(within(diff).getByText('-  mode: fast', exactly)).toHaveAttribute(
      'data-diff',
      'removed',
    );
    expect(within(diff).getByText('+  mode: slow', exactly)).toHaveAttribute(
      'data-diff',
      'added',
    );
    expect(
      screen.getByText('Changes ConfigMap team-shop/settings'),
    ).toBeInTheDocument();

    await waitFor(() => expect(button('Apply')).toBeEnabled());
    await userEvent.click(button('Apply'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.applyResource).toHaveBeenLastCalledWith('dev', configMap, {});
    expect(alertApi.getAlerts()).toEqual([
      expect.objectContaining({
        message: 'Applied ConfigMap team-shop/settings on dev',
        severity: 'success',
      }),
    ]);
  });

  it('asks for a new preview once the text changes', async () => {
    await renderDialog();
    await typeYaml(configMapYaml);
    await userEvent.click(button('Preview'));
    await screen.findByTestId('apply-diff');
    await waitFor(() => expect(button('Apply')).toBeEnabled());

    await userEvent.type(screen.getByRole('textbox', { name: 'YAML' }), 'x');
    expect(button('Apply')).toBeDisabled();
    expect(screen.getByText(/preview it again/)).toBeInTheDocument();
  });

  it('says "No changes" when the dry run changes nothing', async () => {
    await renderDialog({
      applyResource: async () => ({ ...dryRun, diff: '' }),
    });
    await typeYaml(configMapYaml);
    await userEvent.click(button('Preview'));
    expect(await screen.findByText('No changes')).toBeInTheDocument();
  });

  it('shows a YAML error before calling the backend', async () => {
    const { api } = await renderDialog();
    await typeYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}');
    await userEvent.click(button('Preview'));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Missing metadata.name',
    );
    expect(api.applyResource).not.toHaveBeenCalled();
    expect(button('Apply')).toBeDisabled();
  });

  it("shows the backend's message when the preview is refused", async () => {
    const forbidden = await responseError(403, 'Forbidden', {
      name: 'NotAllowedError',
      message:
        "You may not update configmaps in namespace 'team-shop' on cluster 'dev'",
    });
    await renderDialog({
      applyResource: async () => {
        throw forbidden;
      },
    });
    await typeYaml(configMapYaml);
    await userEvent.click(button('Preview'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You may not update configmaps in namespace 'team-shop' on cluster 'dev'",
    );
    expect(button('Apply')).toBeDisabled();
  });

  it("keeps the dialog open with the backend's message when applying fails", async () => {
    const invalid = await responseError(422, 'Unprocessable Entity', {
      name: 'InputError',
      message: 'ConfigMap "settings" is invalid: data[bad key]: Invalid value',
    });
    const { api, onClose } = await renderDialog({
      applyResource: async (_cluster, _object, options) => {
        if (options?.dryRun) return dryRun;
        throw invalid;
      },
    });
    await typeYaml(configMapYaml);
    await userEvent.click(button('Preview'));
    await waitFor(() => expect(button('Apply')).toBeEnabled());
    await userEvent.click(button('Apply'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'ConfigMap "settings" is invalid',
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(api.applyResource).toHaveBeenCalledTimes(2);
  });

  it('opens with the text it is given', async () => {
    await renderDialog({}, { initialYaml: configMapYaml });
    expect(screen.getByRole('textbox', { name: 'YAML' })).toHaveValue(
      configMapYaml,
    );
  });
});
