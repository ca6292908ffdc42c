import { expect, test } from './fixtures';
import { screenshots, signIn } from './helpers';

test.describe('the deploy template', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('deploys a Compose service from /create to a local cluster, and the Deployment shows available on the entity tab', async ({
    page,
  }) => {
    // A new service each run, so that a rerun on the same data is a new rollout.
    const service = `e2e-web-${Date.now().toString(36)}`;
    const compose = [
      'services:',
      `  ${service}:`,
      '    image: nginx:${TAG:-1.27}',
      '    ports:',
      '      - "${PORT:-8080}:80"',
      '',
    ].join('\n');

    await page.goto('/create');
    await expect(
      page.getByRole('heading', { name: 'Deploy a service to Kubernetes' }),
    ).toBeVisible();
    await page.goto('/create/templates/default/k8s-ops-deploy-service');

    await page.getByLabel('Catalog component').fill('checkout');
    await page
      .getByRole('option', { name: /checkout/ })
      .first()
      .click();
    await page.getByLabel('Compose file').fill(compose);
    await page.getByRole('button', { name: 'Next' }).click();

    const cluster = page.getByRole('combobox', { name: 'Cluster' });
    await expect(cluster.getByRole('option', { name: /dev/ })).toHaveCount(1);
    await cluster.selectOption('dev');
    await page.getByLabel('Namespace').fill('team-shop');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    const tabLink = page
      .getByRole('button', { name: "The component's Kubernetes tab" })
      .first();
    await expect(tabLink).toBeVisible({ timeout: 120_000 });
    // The rollout's outcome, as the step's output text shows it.
    await expect(
      page.getByText('available: 1 of 1 replicas').first(),
    ).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/deploy-template-done.png`,
      fullPage: true,
    });

    await tabLink.click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/checkout\/k8s-ops$/,
    );
    const row = page
      .getByTestId('cluster-dev')
      .getByRole('row')
      .filter({ hasText: 'deploy' })
      .filter({ has: page.getByRole('cell', { name: service, exact: true }) });
    await expect(row.getByRole('cell', { name: '1/1' })).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/deploy-template-entity-tab.png`,
      fullPage: true,
    });
  });
});
