import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { K8sOpsObjectRef, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { K8sOpsApi, k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { responseError } from '../../__testUtils__/responseError';
import { SecretValues } from './SecretValues';

const ref: K8sOpsObjectRef = {
  cluster: 'dev',
  resource: 'secrets',
  namespace: 'shop',
  name: 'db',
};

/** The Secret as the backend answers it everywhere but reveal: masked. */
const masked = (resourceVersion = '7'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db',
    namespace: 'shop',
    resourceVersion,
    annotations: { 'k8s-ops.dev/masked': 'true' },
  },
  data: { password: '', user: '' },
});

const revealed: KubeObject = {
  ...masked(),
  data: { password: btoa('s3cret!'), user: btoa('admin') },
};

async function render(
  object: KubeObject,
  api: K8sOpsApi,
  allow: boolean,
  asked: EvaluatePermissionRequest[] = [],
  objectRef = ref,
) {
  const permissions = mockApis.permission({
    authorize: request => {
      asked.push(request);
      return allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    },
  });
  const ui = (shown: KubeObject) => (
    <TestApiProvider
      apis={[
        [k8sOpsApiRef, api],
        [permissionApiRef, permissions],
      ]}
    >
      <SecretValues objectRef={objectRef} object={shown} />
    </TestApiProvider>
  );
  const rendered = await renderInTestApp(ui(object));
  return { rerender: (shown: KubeObject) => rendered.rerender(ui(shown)) };
}

function valueOf(key: string) {
  const row = screen.getByRole('cell', { name: key }).closest('tr')!;
  return within(row).getAllByRole('cell')[1].textContent;
}

describe('SecretValues', () => {
  it('shows the keys with their values hidden, and asks for nothing', async () => {
    const api = fakeK8sOpsApi();
    await render(masked(), api, true);
    await screen.findByRole('button', { name: 'Reveal' });
    expect(valueOf('password')).toBe('••••••••');
    expect(valueOf('user')).toBe('••••••••');
    expect(api.revealSecret).not.toHaveBeenCalled();
  });

  it('offers no Reveal without the permission for this Secret', async () => {
    const asked: EvaluatePermissionRequest[] = [];
    // Another Secret: permission answers are cached per resource ref.
    await render(masked(), fakeK8sOpsApi(), false, asked, {
      ...ref,
      name: 'db-admin',
    });
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toMatchObject({
      permission: { name: 'k8s-ops.secret.reveal' },
      resourceRef: 'dev/secrets/shop/db-admin',
    });
    expect(await screen.findByText('Values are hidden.')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reveal' }),
    ).not.toBeInTheDocument();
    expect(valueOf('password')).toBe('••••••••');
  });

  it('reveals the decoded values on Reveal, and hides them again', async () => {
    const api = fakeK8sOpsApi({ revealSecret: async () => revealed });
    await render(masked(), api, true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reveal' }),
    );
    await waitFor(() => expect(valueOf('password')).toBe('s3cret!'));
    expect(valueOf('user')).toBe('admin');
    expect(api.revealSecret).toHaveBeenCalledWith(ref);

    await userEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(valueOf('password')).toBe('••••••••');
  });

  it('shows the backend message when the reveal is refused', async () => {
    const refused = await responseError(403, 'Forbidden', {
      name: 'NotAllowedError',
      message: "You may not reveal Secret shop/db on cluster 'dev'",
    });
    const api = fakeK8sOpsApi({
      revealSecret: async () => {
        throw refused;
      },
    });
    await render(masked(), api, true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reveal' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You may not reveal Secret shop/db on cluster 'dev'",
    );
    expect(valueOf('password')).toBe('••••••••');
  });

  it('hides revealed values when the Secret changes', async () => {
    const api = fakeK8sOpsApi({ revealSecret: async () => revealed });
    const { rerender } = await render(masked('7'), api, true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reveal' }),
    );
    await waitFor(() => expect(valueOf('password')).toBe('s3cret!'));

    rerender(masked('8'));
    expect(valueOf('password')).toBe('••••••••');
    expect(screen.getByRole('button', { name: 'Reveal' })).toBeInTheDocument();
  });

  it('shows nothing, and asks nothing, for an object that is not a Secret', async () => {
    const asked: EvaluatePermissionRequest[] = [];
    await render(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'db', namespace: 'shop' },
        data: { mode: 'fast' },
      },
      fakeK8sOpsApi(),
      true,
      asked,
    );
    expect(screen.queryByTestId('secret-values')).not.toBeInTheDocument();
    expect(asked).toEqual([]);
  });
});
