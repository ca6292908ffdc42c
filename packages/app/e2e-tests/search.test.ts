import { expect, test } from './fixtures';
import { screenshots, signIn } from './helpers';

test.describe('search', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('finds an object by name as one types, opens it, and shows its graph', async ({
    page,
  }) => {
    await page.goto('/k8s-ops');
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Kubernetes search' })
      .click();
    await expect(page).toHaveURL(/\/k8s-ops\/search/);

    await page.getByRole('combobox', { name: 'Search' }).fill('storefront');
    await expect(page).toHaveURL(/\/k8s-ops\/search\?q=storefront/);
    const hit = page
      .getByTestId('search-hit')
      .filter({ hasText: 'Deployment storefront' })
      .first();
    await expect(hit).toBeVisible();
    await expect(page.getByTestId('search-summary')).toContainText(/found/);
    await page.screenshot({ path: `${screenshots}/search.png` });

    await hit.getByRole('link').click();
    await expect(page).toHaveURL(
      /\/k8s-ops\/clusters\/[^/]+\/objects\/deployments\.apps\/team-shop\/storefront/,
    );
    await expect(page.getByTestId('object-yaml')).toContainText(
      'name: storefront',
    );

    await page.getByRole('tab', { name: 'Related' }).click();
    await expect(
      page.getByTestId('related').getByText('Owns ReplicaSet'),
    ).toBeVisible();

    await page.getByRole('tab', { name: 'Graph' }).click();
    await expect(
      page.getByRole('link', { name: 'Deployment storefront' }),
    ).toBeVisible();
    const replicaSet = page
      .getByTestId('graph-node')
      .filter({ hasText: /^ReplicaSet/ })
      .first();
    await expect(replicaSet).toBeVisible();
    await expect(page.getByText('owns', { exact: true }).first()).toBeVisible();
    await page.screenshot({ path: `${screenshots}/object-graph.png` });

    // A node opens its object.
    await replicaSet.click();
    await expect(page).toHaveURL(/\/objects\/replicasets\.apps\/team-shop\//);
  });

  test('the clusters dashboard searches from its box', async ({ page }) => {
    await page.goto('/k8s-ops');
    const box = page.getByRole('textbox', { name: 'Search every cluster' });
    await box.fill('storefront');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/k8s-ops\/search\?q=storefront/);
    await expect(page.getByTestId('search-hit').first()).toBeVisible();
  });
});
