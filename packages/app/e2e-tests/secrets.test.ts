import { expect, test } from './fixtures';
import { screenshots, signIn } from './helpers';

// The seeded Secret team-data/orders-db holds password=not-a-real-password.
const password = 'not-a-real-password';

test.describe('Secret values', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('are hidden when the object opens, shown after Reveal, and the reveal is in the audit trail', async ({
    page,
  }) => {
    await page.goto(
      '/k8s-ops/clusters/dev?resource=secrets&namespace=team-data',
    );
    await page.getByRole('link', { name: 'orders-db', exact: true }).click();

    const values = page.getByTestId('secret-values');
    await expect(values).toContainText('password');
    await expect(values).toContainText('••••••••');
    // Nothing on the page holds the value, in clear or in base64.
    await expect(page.getByTestId('object-yaml')).toContainText('kind: Secret');
    const before = await page.content();
    expect(before).not.toContain(password);
    expect(before).not.toContain(Buffer.from(password).toString('base64'));

    const reveal = values.getByRole('button', { name: 'Reveal' });
    await expect(reveal).toBeInViewport();
    await reveal.click();
    await expect(
      values.getByRole('table', { name: 'Secret values' }),
    ).toContainText(password);
    await page.screenshot({
      path: `${screenshots}/secret-revealed.png`,
      fullPage: true,
    });

    await page.goto('/k8s-ops-audit');
    const entry = page
      .getByRole('row')
      .filter({ hasText: 'secret-reveal' })
      .filter({ hasText: 'orders-db' });
    await expect(entry.first()).toBeVisible();
    await expect(entry.first()).not.toContainText(password);
  });
});
