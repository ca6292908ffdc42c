import { expect, test } from './fixtures';
import { screenshots, signIn } from './helpers';

test.describe('Port-forwards', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('forward a port of a pod, open its link, see it on the Port-forwards page and stop it', async ({
    page,
    context,
  }) => {
    await page.goto('/k8s-ops/clusters/dev?resource=pods&namespace=team-data');
    await page.getByRole('link', { name: 'orders-db-0', exact: true }).click();

    await page.getByRole('button', { name: 'Forward a port' }).click();
    const dialog = page.getByRole('dialog');
    // The container's declared port, to start with.
    await expect(dialog.getByLabel('Ports')).toHaveValue('5432');
    await dialog.getByRole('button', { name: 'Forward', exact: true }).click();

    const link = dialog.getByRole('link', { name: /\/proxy\// });
    await expect(link).toBeVisible();
    await expect(dialog).toContainText(
      'yarn k8s-ops port-forward dev/team-data/orders-db-0 :5432 --url',
    );
    await page.screenshot({
      path: `${screenshots}/port-forward-started.png`,
      fullPage: true,
    });

    // The link opens in a new tab, signed in by the portal's cookie.
    const [proxied] = await Promise.all([
      context.waitForEvent('page'),
      link.click(),
    ]);
    await expect(proxied.locator('body')).toContainText(
      'hello from a pod of dev: GET /',
    );
    await proxied.close();

    await dialog.getByRole('button', { name: 'Close' }).click();
    // The object's drawer closes too, uncovering the sidebar.
    await page.getByRole('button', { name: 'Close' }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Port-forwards' })
      .click();
    const row = page.getByRole('row').filter({ hasText: 'orders-db-0' });
    await expect(row.first()).toContainText('active');
    await row.first().getByRole('button', { name: 'Stop orders-db-0' }).click();
    await expect(
      page.getByRole('button', { name: 'Stop orders-db-0' }),
    ).toHaveCount(0);
  });
});
