import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DeployEvent } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { k8sOpsDeployApiRef } from '../../api/K8sOpsDeployApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { fakeK8sOpsDeployApi } from '../../__testUtils__/fakeK8sOpsDeployApi';
import { DeployPage } from './DeployPage';

const compose =
  'services:\n  api:\n    image: shop/api:${TAG}\n    ports: ["${PORT:-3002}:3000"]\n';

function setup() {
  let emit: (event: DeployEvent) => void = () => {};
  const deployApi = fakeK8sOpsDeployApi({
    listDeployTargets: jest.fn(async () => [
      { name: 'dev', title: 'Local dev', labels: {}, readOnly: false } as any,
    ]),
    deploy: jest.fn(async (cluster, request) => ({
      id: request.dryRun ? undefined : 'd-1',
      dryRun: Boolean(request.dryRun),
      cluster,
      namespace: request.namespace,
      service: 'api',
      name: 'api',
      objects: [],
      applied: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'shop',
          name: 'api',
          created: true,
          diff: '+replicas: 1',
        },
      ],
    })),
    followDeploy: jest.fn((_id, onEvent) => {
      emit = onEvent;
      return () => {};
    }),
  });
  const api = fakeK8sOpsApi({
    listResources: jest.fn(
      async () => ({ items: [{ metadata: { name: 'shop' } }] } as any),
    ),
  });
  return { deployApi, api, emit: (e: DeployEvent) => emit(e) };
}

// The page is a large form; a loaded machine renders it slowly.
jest.setTimeout(60_000);

describe('DeployPage', () => {
  it('previews the manifests of a pasted Compose service with its variables, then deploys and follows the rollout', async () => {
    const { deployApi, api, emit } = setup();
    await renderInTestApp(<DeployPage />, {
      apis: [
        [k8sOpsApiRef, api],
        [k8sOpsDeployApiRef, deployApi],
      ],
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Compose YAML'));
    await user.paste(compose);
    expect(await screen.findByLabelText(/^TAG/)).toBeInTheDocument();
    expect(screen.getByText('Default: 3002')).toBeInTheDocument();
    await user.click(screen.getByLabelText(/^TAG/));
    await user.paste('v2');
    await waitFor(() =>
      expect(
        screen.getByRole('option', { name: 'Local dev' }),
      ).toBeInTheDocument(),
    );
    await user.selectOptions(screen.getByLabelText('Cluster'), 'dev');
    await user.click(screen.getByLabelText('Namespace'));
    await user.paste('shop');

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Preview (dry run)')).toBeInTheDocument();
    expect(screen.getByText('+replicas: 1')).toBeInTheDocument();
    expect(deployApi.deploy).toHaveBeenLastCalledWith('dev', {
      namespace: 'shop',
      compose,
      service: undefined,
      variables: { TAG: 'v2' },
      options: {},
      dryRun: true,
    });

    await user.click(screen.getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByText('Rollout of api')).toBeInTheDocument();
    emit({
      status: 'progressing',
      at: '2026-11-27T10:00:00Z',
      message: '0 updated, 0 ready, 0 available of 1 replicas',
    });
    emit({
      status: 'available',
      at: '2026-11-27T10:00:02Z',
      message: 'available: 1 of 1 replicas',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Available: available: 1 of 1 replicas',
    );
  });

  it("shows the backend's message when a deploy is refused", async () => {
    const { deployApi, api } = setup();
    deployApi.deploy.mockRejectedValue(
      new Error(
        'The Compose file cannot be deployed: services.api.env_file: env files are not read',
      ),
    );
    await renderInTestApp(<DeployPage />, {
      apis: [
        [k8sOpsApiRef, api],
        [k8sOpsDeployApiRef, deployApi],
      ],
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Compose YAML'));
    await user.paste('services:\n  api:\n    image: x\n');
    await waitFor(() =>
      expect(
        screen.getByRole('option', { name: 'Local dev' }),
      ).toBeInTheDocument(),
    );
    await user.selectOptions(screen.getByLabelText('Cluster'), 'dev');
    await user.click(screen.getByLabelText('Namespace'));
    await user.paste('shop');
    await user.click(screen.getByRole('button', { name: 'Deploy' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'services.api.env_file: env files are not read',
    );
  });
});
