import { expect, test } from './fixtures';
import { screenshots, signIn } from './helpers';

test.describe('logs and terminals', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test("follows a Deployment's logs, each line prefixed with its pod", async ({
    page,
  }) => {
    await page.goto(
      '/k8s-ops/clusters/dev/objects/deployments.apps/team-shop/storefront',
    );
    await page.getByRole('tab', { name: 'Logs' }).click();
    const panel = page.getByTestId('logs-panel');
    await expect(panel.getByLabel('Follow')).toBeChecked();
    await expect(
      panel
        .getByText(
          /^\[storefront-[a-z0-9]+-[a-z0-9]+\] INFO simulated container log line/,
        )
        .first(),
    ).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/workload-logs.png`,
      fullPage: true,
    });
  });

  test('opens a terminal in a pod, types a command and sees its output', async ({
    page,
  }) => {
    await page.goto('/k8s-ops/clusters/dev?resource=pods&namespace=team-shop');
    await page
      .getByRole('link', { name: /^storefront-[a-z0-9]+-[a-z0-9]+$/ })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect(
      page
        .getByTestId('logs-panel')
        .getByText(/simulated container log line/)
        .first(),
    ).toBeVisible();

    await page.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = page.getByTestId('pod-terminal');
    await expect(terminal.getByTestId('terminal-status')).toHaveText(
      /^bash in team-shop\/storefront-.*, container /,
    );
    await terminal.locator('.xterm').click();
    await page.keyboard.type('echo k8s-ops-$((6*7))');
    await page.keyboard.press('Enter');
    await expect(terminal.locator('.xterm-rows')).toContainText('k8s-ops-42');
    await page.screenshot({
      path: `${screenshots}/pod-terminal.png`,
      fullPage: true,
    });
  });

  test('opens a terminal on a node, through its debug pod', async ({
    page,
  }) => {
    await page.goto('/k8s-ops/clusters/dev/objects/nodes/node-1');
    await page.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = page.getByTestId('pod-terminal');
    // The local cluster's kubelet runs commands on this machine, which
    // refuses nsenter: the debug pod's own shell answers there.
    await expect(terminal.getByTestId('terminal-status')).toHaveText(
      /^bash (on the node|in the debug pod .*): node node-1, debug pod node-shell-node-1-/,
    );
    await terminal.locator('.xterm').click();
    await page.keyboard.type('echo node-$((6*7))');
    await page.keyboard.press('Enter');
    await expect(terminal.locator('.xterm-rows')).toContainText('node-42');
  });
});
