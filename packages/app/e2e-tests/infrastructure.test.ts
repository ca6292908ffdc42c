import { expect, test } from './fixtures';
import { randomBytes } from 'node:crypto';
import { kubernetesNavLink, screenshots, signIn } from './helpers';

test.describe('the infrastructure page', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('scans a namespace and shows its services with their endpoints, then provisions a namespace after a preview', async ({
    page,
  }) => {
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Infrastructure', exact: true })
      .click();
    await expect(page).toHaveURL(/\/k8s-ops\/infrastructure/);
    await expect(kubernetesNavLink(page)).toBeVisible();

    await page.getByLabel('Cluster').selectOption('dev');
    await page.getByLabel('Namespace').selectOption('team-data');
    await page.getByRole('button', { name: /^(Scan|Rescan)$/ }).click();

    const postgres = page.getByTestId('infra-card-postgresql');
    // The seeded orders-db is behind a headless Service: one address per pod.
    const headless = 'orders-db-0.orders-db.team-data.svc.cluster.local:5432';
    await expect(postgres).toContainText(headless);
    await expect(postgres).toContainText('version 16.4');
    // session-cache is behind a LoadBalancer with a seeded address.
    await expect(page.getByTestId('infra-card-redis')).toContainText(
      '192.0.2.10:6379',
    );
    await expect(page.getByTestId('infra-card-mongodb')).toContainText(
      'catalog-mongo',
    );
    await expect(page.getByTestId('infra-card-kafka')).toContainText(
      'Not found',
    );
    await expect(page.getByTestId('infra-last-scan')).toContainText('by ');
    await expect(
      postgres.getByRole('button', { name: `Copy ${headless}` }),
    ).toBeInViewport();
    await page.screenshot({
      path: `${screenshots}/infrastructure-scan.png`,
      fullPage: true,
    });

    // The scan is kept: a reload shows it without scanning again.
    await page.reload();
    await expect(page.getByTestId('infra-card-postgresql')).toContainText(
      'orders-db',
    );

    const name = `e2e-${randomBytes(3).toString('hex')}`;
    await page.getByRole('button', { name: 'Provision namespace' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Namespace name').fill(name);
    await dialog.getByRole('checkbox', { name: 'Resource quota' }).check();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByTestId('manifest-preview');
    await expect(preview).toContainText(`Namespace ${name}`);
    await expect(preview).toContainText('ResourceQuota');
    await expect(preview).toContainText('NetworkPolicy');
    await expect(preview).toContainText('pod-security.kubernetes.io/enforce');
    await page.screenshot({
      path: `${screenshots}/provision-namespace-preview.png`,
    });
    const provision = dialog.getByRole('button', { name: 'Provision' });
    await expect(provision).toBeInViewport();
    await provision.click();
    await expect(
      page.getByText(`Provisioned namespace ${name} on dev`),
    ).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue(
      name,
    );

    // The dashboard counts what the scan found on the cluster.
    await kubernetesNavLink(page).click();
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: 'Local dev' })
        .getByTestId('infra-badge'),
    ).toHaveText(/^\d+ services$/);
  });
});
