import { expect, test } from './fixtures';
import { localKubeconfig, screenshots, signIn } from './helpers';

test.describe('managing clusters on the Kubernetes page', () => {
  test.beforeEach(async ({ page }) => {
    // The guest is a platform member, who may manage clusters.
    await signIn(page);
    await page.goto('/k8s-ops');
    await expect(page.getByText('Clusters (3)')).toBeVisible();
  });

  test('clusters from app-config can be checked but not edited or removed', async ({
    page,
  }) => {
    const dev = page.getByRole('row').filter({ hasText: 'Local dev' });
    await expect(
      dev.getByRole('button', { name: 'Check now: Local dev', exact: true }),
    ).toBeVisible();
    await expect(dev.getByText('from app-config')).toBeVisible();
    // Any button naming an edit or a removal, whatever cluster it names.
    await expect(dev.getByRole('button', { name: /^Edit\b/ })).toHaveCount(0);
    await expect(dev.getByRole('button', { name: /^Remove\b/ })).toHaveCount(0);
    await expect(
      dev.getByRole('button', { name: /^More actions\b/ }),
    ).toHaveCount(0);
    await expect(dev.getByRole('link', { name: 'Local dev' })).toHaveAttribute(
      'href',
      '/k8s-ops/clusters/dev',
    );
  });

  test('registering a cluster shows why the backend refuses its kubeconfig', async ({
    page,
  }) => {
    await page.getByRole('button', { name: 'Register cluster' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a cluster' });
    await expect(dialog).toBeVisible();

    // A credential plugin would run a command on the backend's machine.
    await dialog
      .getByLabel('Kubeconfig')
      .fill(
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '  - name: c',
          '    cluster: { server: "https://k8s.example.com" }',
          'users:',
          '  - name: u',
          '    user:',
          '      exec: { command: aws, apiVersion: client.authentication.k8s.io/v1 }',
          'contexts:',
          '  - name: ctx',
          '    context: { cluster: c, user: u }',
          'current-context: ctx',
          '',
        ].join('\n'),
      );
    await dialog.getByRole('button', { name: 'Read contexts' }).click();

    await expect(dialog.getByRole('alert')).toContainText(
      'credential plugins are not allowed',
    );
    await expect(dialog).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/register-cluster-refused.png`,
      fullPage: true,
    });

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Clusters (3)')).toBeVisible();
  });

  test('registers a cluster from a pasted kubeconfig, edits its labels, and removes it', async ({
    page,
  }) => {
    await page.getByRole('button', { name: 'Register cluster' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a cluster' });
    await dialog.getByLabel('Kubeconfig').fill(localKubeconfig('dev'));
    await dialog.getByRole('button', { name: 'Read contexts' }).click();
    await expect(dialog.getByLabel('Context')).toContainText('local-dev-admin');
    await dialog.getByLabel('Name').fill('dev-pasted');
    await dialog.getByLabel('Title').fill('Dev, pasted');
    await dialog.getByLabel('Labels').fill('team=platform');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await expect(dialog).toHaveCount(0);

    await expect(page.getByText('Clusters (4)')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'Dev, pasted' });
    await expect(row.getByText('team=platform')).toBeVisible();
    await row
      .getByRole('button', { name: 'Check now: Dev, pasted', exact: true })
      .click();
    await expect(row.getByTestId('cluster-health')).toHaveText('reachable');
    await page.screenshot({
      path: `${screenshots}/cluster-registered.png`,
      fullPage: true,
    });

    // A new cluster is checked at once.
    await expect(row.getByText('not checked yet')).toHaveCount(0);
    await row
      .getByRole('button', { name: 'More actions for Dev, pasted' })
      .click();
    await page
      .getByRole('menuitem', { name: 'Edit Dev, pasted', exact: true })
      .click();
    const edit = page.getByRole('dialog', { name: 'Edit cluster dev-pasted' });
    await edit.getByLabel('Labels').fill('team=platform\nregion=local');
    await edit.getByLabel('Read-only').check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toHaveCount(0);
    await expect(row.getByText('region=local')).toBeVisible();
    await expect(row.getByText('read-only')).toBeVisible();

    await row
      .getByRole('button', { name: 'More actions for Dev, pasted' })
      .click();
    await page
      .getByRole('menuitem', { name: 'Remove Dev, pasted', exact: true })
      .click();
    const remove = page.getByRole('dialog', {
      name: 'Remove cluster dev-pasted?',
    });
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByText('Clusters (3)')).toBeVisible();
    await expect(
      page.getByRole('row').filter({ hasText: 'Dev, pasted' }),
    ).toHaveCount(0);

    // Every step is in the audit trail.
    await page.goto('/k8s-ops-audit');
    for (const action of [
      'cluster-register',
      'cluster-update',
      'cluster-delete',
    ]) {
      await expect(
        page
          .getByRole('row')
          .filter({ hasText: action })
          .filter({ hasText: 'dev-pasted' })
          .first(),
      ).toBeVisible();
    }
  });
});
