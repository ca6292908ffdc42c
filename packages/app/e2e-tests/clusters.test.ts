import { expect, Page, test } from '@playwright/test';

const screenshots = '.artifacts/e2e/screenshots';

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Kubernetes' }),
  ).toBeVisible();
}

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
    await expect(dev.getByRole('button', { name: 'Check now' })).toBeVisible();
    await expect(dev.getByText('from app-config')).toBeVisible();
    await expect(dev.getByRole('button', { name: 'Edit' })).toHaveCount(0);
    await expect(dev.getByRole('button', { name: 'Remove' })).toHaveCount(0);
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

    await dialog
      .getByLabel('Kubeconfig')
      .fill('apiVersion: v1\nkind: Config\nclusters: []\n');
    await dialog.getByRole('button', { name: 'Read contexts' }).click();

    await expect(dialog.getByRole('alert')).toContainText(
      'the kubeconfig has no contexts',
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
});
