import { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { kubernetesNavLink, screenshots, signIn } from './helpers';

function entityTab(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
}

test.describe('k8s-ops in the portal', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('the landing page is the catalog with the example entities', async ({
    page,
  }) => {
    await expect(page.getByRole('link', { name: 'storefront' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'checkout' })).toBeVisible();
  });

  test('the Kubernetes page lists the local clusters', async ({ page }) => {
    await kubernetesNavLink(page).click();
    await expect(page).toHaveURL(/\/k8s-ops$/);
    await expect(page.getByText('Clusters (3)')).toBeVisible();
    for (const title of ['Local dev', 'Local staging', 'Local prod']) {
      await expect(
        page.getByRole('link', { name: title, exact: true }),
      ).toBeVisible();
    }
    await expect(page.getByText('provider=local').first()).toBeVisible();
    // Health comes from the scheduled check, or from checking now.
    for (const button of await page
      .getByRole('button', { name: /^Check now: / })
      .all()) {
      await button.click();
    }
    await expect(
      page.getByTestId('cluster-health').filter({ hasText: /^reachable$/ }),
    ).toHaveCount(3);
    await expect(page.getByText('v1.34.4').first()).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/clusters-page.png`,
      fullPage: true,
    });
  });

  test("an entity's Kubernetes tab shows its selector and its workloads on each cluster", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/storefront');
    await entityTab(page, 'Kubernetes').click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/storefront\/k8s-ops$/,
    );
    await expect(page.getByTestId('k8s-ops-entity-selector')).toHaveText(
      'Objects labelled backstage.io/kubernetes-id=storefront in namespace team-shop, across every cluster.',
    );
    const staging = page.getByTestId('cluster-staging');
    await expect(staging.getByText('Local staging · staging')).toBeVisible();
    // Its Deployment, and its Service of the same name.
    await expect(
      staging.getByRole('cell', { name: 'storefront', exact: true }).first(),
    ).toBeVisible();
    await page.screenshot({
      path: `${screenshots}/entity-tab.png`,
      fullPage: true,
    });
  });

  test("an entity's tab shows its pods on every cluster, the crash-looping one flagged", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/checkout/k8s-ops');
    for (const cluster of ['dev', 'staging', 'prod']) {
      const section = page.getByTestId(`cluster-${cluster}`);
      await expect(
        section.getByText('checkout-worker', { exact: true }),
      ).toBeVisible();
      await expect(
        section.getByTestId('problem-crash-loop').first(),
      ).toContainText('keeps crashing');
      await expect(section.getByText('Running').first()).toBeVisible();
    }
    await page.screenshot({
      path: `${screenshots}/entity-workloads.png`,
      fullPage: true,
    });
  });

  test('the audit page, in the sidebar, shows the audit trail to a platform member', async ({
    page,
  }) => {
    const answer = page.waitForResponse(r =>
      r.url().includes('/api/k8s-ops/audit'),
    );
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Kubernetes audit' })
      .click();
    await expect(page).toHaveURL(/\/k8s-ops-audit$/);
    // A person without k8s-ops.audit.read would be answered 403.
    expect((await answer).status()).toBe(200);
    await expect(page.getByText('Audit trail')).toBeVisible();
    await expect(page.getByLabel('Cluster')).toBeVisible();
    await expect(page.getByText(/may not read/)).toHaveCount(0);
  });

  test('entities without Kubernetes annotations have no Kubernetes tab', async ({
    page,
  }) => {
    await page.goto('/catalog/default/system/shop');
    await expect(entityTab(page, 'Overview')).toBeVisible();
    await expect(entityTab(page, 'Kubernetes')).toHaveCount(0);
  });

  test('scaling a Deployment from the tab changes the replicas shown, without a reload; the audit page lists it', async ({
    page,
  }) => {
    // The permission decision on the prod Deployment, as the tab asks it.
    const prodDecision = page.waitForResponse(
      r =>
        r.url().endsWith('/api/permission/authorize') &&
        (r.request().postData() ?? '').includes(
          '"prod/deployments.apps/team-shop/storefront"',
        ),
    );
    await page.goto('/catalog/default/component/storefront/k8s-ops');
    const dev = page.getByTestId('cluster-dev');
    const row = dev
      .getByRole('row')
      .filter({ hasText: 'deploy' })
      .filter({
        has: page.getByRole('cell', { name: 'storefront', exact: true }),
      });
    const readyCell = row.getByRole('cell', { name: /^\d+\/\d+$/ });
    await expect(readyCell).toBeVisible();
    const [, desired] = (await readyCell.innerText()).split('/').map(Number);
    const target = desired + 1;
    // Anything that reloads the page would lose this marker.
    await page.evaluate(() => {
      (window as unknown as { k8sOpsMarker: number }).k8sOpsMarker = 1;
    });

    // Scale, restart and roll back: in the row's menu.
    await dev.getByRole('button', { name: 'Actions for storefront' }).click();
    await page.getByRole('menuitem', { name: 'Scale storefront' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Replicas')).toHaveValue(String(desired));
    await dialog.getByLabel('Replicas').fill(String(target));
    await dialog.getByRole('button', { name: 'Scale' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      row.getByRole('cell', { name: `${target}/${target}` }),
    ).toBeVisible();
    expect(
      await page.evaluate(
        () => (window as unknown as { k8sOpsMarker?: number }).k8sOpsMarker,
      ),
    ).toBe(1);
    await page.screenshot({
      path: `${screenshots}/entity-tab-scaled.png`,
      fullPage: true,
    });

    // The guest is a platform member: production changes are on-call's, so
    // the same Deployment on prod offers no action.
    const decision = await (await prodDecision).json();
    expect(decision.items.map((i: { result: string }) => i.result)).toContain(
      'DENY',
    );
    const prod = page.getByTestId('cluster-prod');
    await expect(
      prod.getByRole('cell', { name: 'storefront', exact: true }).first(),
    ).toBeVisible();
    await expect(
      dev.getByRole('button', { name: 'Actions for storefront' }),
    ).toBeVisible();
    await expect(
      prod.getByRole('button', { name: 'Actions for storefront' }),
    ).toHaveCount(0);
    await expect(
      prod.getByRole('button', { name: /^(Scale|Restart) storefront$/ }),
    ).toHaveCount(0);

    await page.goto('/k8s-ops-audit');
    const entry = page
      .getByRole('row')
      .filter({ hasText: 'resource-scale' })
      .filter({ hasText: 'storefront' });
    await expect(entry.first()).toBeVisible();
    await expect(entry.first()).toContainText('dev');
    await expect(entry.first()).toContainText(`→ ${target}`);
    await page.screenshot({
      path: `${screenshots}/audit-scale.png`,
      fullPage: true,
    });
  });

  test("an entity's overview card shows each cluster's health and problems", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/checkout');
    const dev = page.getByTestId('overview-dev');
    await expect(dev).toContainText('Local dev');
    await expect(dev).toContainText(/pods ready/);
    await expect(dev).toContainText('keeps crashing');
  });

  test("an object opened from the entity's tab shows its YAML, and its ReplicaSet links to the cluster page", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/storefront/k8s-ops');
    const dev = page.getByTestId('cluster-dev');
    // The Deployment's row comes first; its Service has the same name.
    await dev
      .getByRole('button', { name: 'storefront', exact: true })
      .first()
      .click();
    await expect(page.getByTestId('object-yaml')).toContainText(
      'kind: Deployment',
    );
    await page.getByRole('tab', { name: 'Related' }).click();
    const replicaSet = page
      .getByTestId('related')
      .getByRole('link', { name: /^storefront-[a-z0-9]+$/ })
      .first();
    await expect(replicaSet).toHaveAttribute(
      'href',
      /^\/k8s-ops\/clusters\/dev\/objects\/replicasets\.apps\/team-shop\/storefront-/,
    );
    await replicaSet.click();
    await expect(page).toHaveURL(
      /\/k8s-ops\/clusters\/dev\/objects\/replicasets\.apps\//,
    );
    await expect(page.getByTestId('object-yaml')).toContainText(
      'kind: ReplicaSet',
    );
  });
});
