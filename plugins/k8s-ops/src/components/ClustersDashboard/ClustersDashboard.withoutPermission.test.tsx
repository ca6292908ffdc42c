import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { k8sOpsClusterManagePermission } from '@k8s-ops/plugin-k8s-ops-common';
import { screen, waitFor } from '@testing-library/react';
import { k8sOpsApiRef } from '../../api/K8sOpsApi';
import { fakeK8sOpsApi } from '../../__testUtils__/fakeK8sOpsApi';
import { ClustersDashboard } from './ClustersDashboard';
import { clusters } from '../../__testUtils__/fixtures';

// usePermission caches answers for as long as the test file runs, so a
// person without the permission gets a file of their own.

describe('ClustersDashboard without the permission to manage clusters', () => {
  it('offers no Register, Edit or Remove, only the health check', async () => {
    const authorize = jest.fn(
      (_request: unknown): AuthorizeResult.DENY => AuthorizeResult.DENY,
    );
    await renderInTestApp(<ClustersDashboard />, {
      apis: [
        [
          k8sOpsApiRef,
          fakeK8sOpsApi({ listClusters: async () => ({ items: clusters }) }),
        ],
        mockApis.permission({ authorize }),
      ],
    });
    expect(await screen.findByText('Team A')).toBeInTheDocument();
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({ permission: k8sOpsClusterManagePermission }),
      ),
    );

    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Register cluster' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', { name: /^Edit/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Remove/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('from app-config')).not.toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: /^Check now: / }),
    ).toHaveLength(3);
  });
});
