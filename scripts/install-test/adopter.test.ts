import { expect, Page, test } from '@playwright/test';

/**
 * k8s-ops in an app made by create-app, installed from its packed
 * tarballs as the READMEs say, in the app's own theme and sign-in.
 */
const screenshots = '.artifacts/install-test/screenshots';

function contentTabs(page: Page) {
  return page.getByRole('navigation', { name: 'Content navigation' });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in once the sign-in page is gone; leaving the page before that
  // would drop the sign-in.
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
});

test('the Kubernetes page lists the cluster of the README config, reachable', async ({
  page,
}) => {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Kubernetes', exact: true })
    .click();
  await expect(page).toHaveURL(/\/k8s-ops$/);
  await expect(
    page.getByRole('link', { name: 'Dev', exact: true }),
  ).toBeVisible();
  await page.getByRole('button', { name: /^Check now: / }).click();
  await expect(page.getByTestId('cluster-health')).toHaveText('reachable');
  await page.screenshot({
    path: `${screenshots}/k8s-ops-page.png`,
    fullPage: true,
  });
});

test("an entity has one Kubernetes tab, k8s-ops', with its workloads", async ({
  page,
}) => {
  await page.goto('/catalog/default/component/example-website');
  const tab = contentTabs(page).getByRole('link', {
    name: 'Kubernetes',
    exact: true,
  });
  // The official Kubernetes plugin's tab is switched off as the README says.
  await expect(tab).toHaveCount(1);
  await tab.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/example-website\/k8s-ops$/,
  );
  // The Deployment's row: its kind as a tag, its name.
  await expect(
    page
      .getByTestId('cluster-dev')
      .getByRole('row')
      .filter({ hasText: 'deploy' })
      .getByRole('cell', { name: 'storefront', exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: `${screenshots}/entity-tab.png`,
    fullPage: true,
  });
});
