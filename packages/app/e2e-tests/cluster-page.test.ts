import { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshots, signIn } from './helpers';

function kindList(page: Page) {
  return page.getByTestId('kind-list');
}

test.describe('the cluster page', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('shows the kind and namespace the URL names, and opens an object with its YAML and its ReplicaSet', async ({
    page,
  }) => {
    await page.goto(
      '/k8s-ops/clusters/dev?resource=deployments.apps&namespace=team-shop',
    );
    await expect(
      page.getByRole('heading', { name: 'Local dev' }),
    ).toBeVisible();
    await expect(page.getByText(/^Deployments \(\d+\)$/)).toBeVisible();
    await expect(page.getByLabel('Namespace')).toHaveValue('team-shop');

    await page.getByRole('link', { name: 'storefront', exact: true }).click();
    await expect(page).toHaveURL(
      /\/k8s-ops\/clusters\/dev\/objects\/deployments\.apps\/team-shop\/storefront\?/,
    );
    await expect(page.getByTestId('object-yaml')).toContainText(
      'kind: Deployment',
    );
    await expect(page.getByTestId('object-yaml')).toContainText(
      'name: storefront',
    );

    await page.getByRole('tab', { name: 'Events' }).click();
    await expect(page.getByText(/^Events \(\d+\)$/)).toBeVisible();

    await page.getByRole('tab', { name: 'Related' }).click();
    const replicaSet = page
      .getByTestId('related')
      .getByRole('link', { name: /^storefront-[a-z0-9]+$/ })
      .first();
    await expect(replicaSet).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/cluster-page-object.png`,
      fullPage: true,
    });

    // The ReplicaSet's own page names the Deployment as its owner.
    await replicaSet.click();
    await expect(page).toHaveURL(/\/objects\/replicasets\.apps\/team-shop\//);
    await page.getByRole('tab', { name: 'Related' }).click();
    await expect(
      page
        .getByTestId('related')
        .getByRole('link', { name: 'storefront', exact: true }),
    ).toBeVisible();

    // Closing goes back to the same list.
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page).toHaveURL(
      /\/k8s-ops\/clusters\/dev\?resource=deployments\.apps&namespace=team-shop$/,
    );
    await expect(page.getByText(/^Deployments \(\d+\)$/)).toBeVisible();
  });

  test('lists the kinds from discovery, the installed CRD families under their own titles', async ({
    page,
  }) => {
    await page.goto('/k8s-ops/clusters/dev');
    await expect(
      kindList(page).getByText('Deployment', { exact: true }),
    ).toBeVisible();
    const openKruise = page.getByTestId('kind-group-family-openkruise');
    await expect(openKruise.getByText('OpenKruise')).toBeVisible();
    await expect(
      openKruise.getByText('CloneSet', { exact: true }),
    ).toBeVisible();
    await expect(
      page
        .getByTestId('kind-group-family-traefik')
        .getByText('IngressRoute', { exact: true }),
    ).toBeVisible();

    await page.getByLabel('Find a kind').fill('clone');
    await expect(
      kindList(page).getByText('Deployment', { exact: true }),
    ).toHaveCount(0);
    await openKruise.getByText('CloneSet', { exact: true }).click();
    await page.getByLabel('Namespace').selectOption('team-shop');
    await expect(page).toHaveURL(
      /resource=clonesets\.apps\.kruise\.io&namespace=team-shop/,
    );
    await expect(page.getByText('CloneSets (1)')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'storefront-canary', exact: true }),
    ).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/cluster-page-crds.png`,
      fullPage: true,
    });
  });

  test("shows the backend's message for a label selector it refuses", async ({
    page,
  }) => {
    await page.goto(
      `/k8s-ops/clusters/dev?resource=pods&namespace=team-shop&labelSelector=${encodeURIComponent(
        'app in (a',
      )}`,
    );
    await expect(page.getByLabel('Label selector')).toHaveValue('app in (a');
    // The message names the problem: the set is not closed.
    await expect(
      page.getByText("missing ')' in label selector 'app in (a'"),
    ).toBeVisible();
  });

  test('Apply YAML previews the diff of a ConfigMap, applies it, and the list shows it live', async ({
    page,
  }) => {
    const name = `e2e-config-${Date.now().toString(36)}${Math.floor(
      Math.random() * 1000,
    )}`;
    await page.goto(
      '/k8s-ops/clusters/dev?resource=configmaps&namespace=team-shop',
    );
    await expect(page.getByText(/^ConfigMaps \(\d+\)$/)).toBeVisible();

    await page.getByRole('button', { name: 'Apply YAML' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply YAML to dev' });
    await dialog
      .getByRole('textbox', { name: 'YAML' })
      .fill(
        [
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata:',
          `  name: ${name}`,
          '  namespace: team-shop',
          'data:',
          '  mode: e2e',
        ].join('\n'),
      );
    const apply = dialog.getByRole('button', { name: 'Apply', exact: true });
    await expect(apply).toBeDisabled();

    await dialog.getByRole('button', { name: 'Preview' }).click();
    const diff = dialog.getByTestId('apply-diff');
    await expect(diff).toContainText(`name: ${name}`);
    await expect(diff).toContainText('+  mode: e2e');
    await expect(
      dialog.getByText(`Creates ConfigMap team-shop/${name}`),
    ).toBeVisible();
    await page.screenshot({ path: `${screenshots}/apply-yaml-preview.png` });

    await expect(apply).toBeEnabled();
    await apply.click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText(`Created ConfigMap team-shop/${name} on dev`),
    ).toBeVisible();
    // The change stream brings the new ConfigMap into the open list.
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

    // Edit it again from its page: the editor opens with its YAML.
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('button', { name: 'Edit YAML' }).click();
    const editor = dialog.getByRole('textbox', { name: 'YAML' });
    await expect(editor).toHaveValue(new RegExp(`name: ${name}`));
    await expect(editor).not.toHaveValue(/resourceVersion/);
    await editor.fill(
      (await editor.inputValue()).replace('mode: e2e', 'mode: edited'),
    );
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(diff).toContainText('-  mode: e2e');
    await expect(diff).toContainText('+  mode: edited');
    await apply.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('object-yaml')).toContainText('mode: edited');
  });
});
