import { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshots, signIn } from './helpers';

/**
 * Every visible action button of a region, checked against the window and
 * against the visible box of the table that holds it: none is cut off or
 * scrolled away to the right.
 */
async function expectActionsInView(page: Page, region: Locator) {
  const viewport = page.viewportSize()!;
  const buttons = await region
    .locator('table button:visible, table [role="button"]:visible')
    .all();
  expect(buttons.length).toBeGreaterThan(0);
  for (const button of buttons) {
    const name =
      (await button.getAttribute('aria-label')) ?? (await button.innerText());
    const box = await button.boundingBox();
    expect(box, `${name} has a box`).not.toBeNull();
    expect(box!.x, `${name} starts inside the window`).toBeGreaterThanOrEqual(
      0,
    );
    expect(
      box!.x + box!.width,
      `${name} ends inside the window`,
    ).toBeLessThanOrEqual(viewport.width);
    // The table's visible box: its nearest scrolling container.
    const visible = await button.evaluate(element => {
      let node: HTMLElement | null = element.parentElement;
      while (node) {
        const style = getComputedStyle(node);
        if (
          /(auto|scroll|hidden)/.test(style.overflowX) &&
          node.scrollWidth >= node.clientWidth
        ) {
          const rect = node.getBoundingClientRect();
          return { left: rect.left, right: rect.left + node.clientWidth };
        }
        node = node.parentElement;
      }
      return { left: 0, right: window.innerWidth };
    });
    expect(
      box!.x + box!.width,
      `${name} ends inside its table's visible box`,
    ).toBeLessThanOrEqual(visible.right + 1);
    expect(
      box!.x,
      `${name} starts inside its table's visible box`,
    ).toBeGreaterThanOrEqual(visible.left - 1);
  }
}

/** No table of the region is wider than its visible box. */
async function expectNoSideways(region: Locator) {
  const overflows = await region.locator('table').evaluateAll(tables =>
    tables
      .map(table => {
        const scroller = table.closest('div[style*="overflow"]') ?? table;
        return scroller.scrollWidth - scroller.clientWidth;
      })
      .filter(extra => extra > 1),
  );
  expect(overflows).toEqual([]);
}

test.describe('tables fit a 1440x900 window, and the numbers are the backend’s', () => {
  // The console is watched by every test (see fixtures.ts).
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('the entity tab: every action in view, kinds as tags, a summary line', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/storefront/k8s-ops');
    const dev = page.getByTestId('cluster-dev');
    await expect(
      dev.getByRole('cell', { name: 'storefront', exact: true }).first(),
    ).toBeVisible();
    await expect(page.getByTestId('k8s-ops-summary')).toHaveText(
      /^\d+ clusters?, \d+ workloads?, (no problems|\d+ problems?)/,
    );
    await expect(
      dev.getByRole('cell', { name: 'deploy' }).first(),
    ).toBeVisible();
    await expect(
      dev.getByText(/^Services, Ingresses and configuration/),
    ).toBeVisible();
    // Custom resources labelled for the entity: its CloneSet and its
    // Traefik IngressRoute.
    await expect(dev.getByText('Custom resources (2)')).toBeVisible();
    await expect(
      dev.getByRole('cell', { name: 'storefront-canary', exact: true }),
    ).toBeVisible();
    await expect(
      dev.getByRole('cell', { name: 'ingressroute', exact: true }),
    ).toBeVisible();
    await expectActionsInView(page, page.locator('main'));
    await expectNoSideways(page.locator('main'));
    await page.screenshot({
      path: `${screenshots}/layout-entity-tab.png`,
      fullPage: true,
    });
  });

  test('the clusters dashboard: every action in view, no sideways scrolling', async ({
    page,
  }) => {
    await page.goto('/k8s-ops');
    await expect(page.getByText('Clusters (3)')).toBeVisible();
    await expectActionsInView(page, page.locator('main'));
    await expectNoSideways(page.locator('main'));
    await page.screenshot({
      path: `${screenshots}/layout-clusters.png`,
      fullPage: true,
    });
  });

  test('the cluster page: actions in view, the first total is the backend’s, sorting covers the whole list', async ({
    page,
  }) => {
    // The backend's own count of the kind, and its last name.
    const answer = page.waitForResponse(
      r =>
        r.url().includes('/api/k8s-ops/clusters/dev/resources/configmaps') &&
        !r.url().includes('sortBy'),
    );
    await page.goto('/k8s-ops/clusters/dev?resource=cm');
    const first = await (await answer).json();
    await expect(
      page.getByText(`ConfigMaps (${first.total})`, { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText(`${first.items.length} of ${first.total} loaded`),
    ).toBeVisible();

    const sorted = page.waitForResponse(
      r =>
        r.url().includes('/resources/configmaps') &&
        r.url().includes('sortBy=name') &&
        r.url().includes('order=desc'),
    );
    const nameHeader = page
      .getByRole('columnheader', { name: 'Name', exact: true })
      .getByRole('button')
      .first();
    await nameHeader.click();
    await nameHeader.click();
    const descending = await (await sorted).json();
    // The last name of the whole list, not of the page loaded first.
    const last = descending.items[0].metadata.name;
    expect(descending.total).toBe(first.total);
    await expect(
      page
        .getByTestId('objects')
        .getByRole('row')
        .nth(1)
        .getByRole('link')
        .first(),
    ).toHaveText(last);
    await expect(page.getByText(`ConfigMaps (${first.total})`)).toBeVisible();

    await page.getByLabel('Filter by name').fill('kube-root');
    await expect(
      page.getByText(/^ConfigMaps \(\d+ matching "kube-root"\)$/),
    ).toBeVisible();

    await page.goto(
      '/k8s-ops/clusters/dev?resource=deploy&namespace=team-shop',
    );
    await expect(page.getByText(/^Deployments \(\d+\)$/)).toBeVisible();
    await expectActionsInView(page, page.getByTestId('objects'));
    await expectNoSideways(page.getByTestId('objects'));
    await page.screenshot({
      path: `${screenshots}/layout-cluster-page.png`,
      fullPage: true,
    });
  });

  test('the cluster page of prod is read-only for a platform member, with no Apply YAML', async ({
    page,
  }) => {
    await page.goto('/k8s-ops/clusters/prod?resource=deployments.apps');
    await expect(page.getByText('read-only for you')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Apply YAML' })).toHaveCount(
      0,
    );
    await page.goto('/k8s-ops/clusters/dev?resource=deployments.apps');
    await expect(
      page.getByRole('button', { name: 'Apply YAML' }),
    ).toBeVisible();
  });

  test('an audit filter survives a reload', async ({ page }) => {
    await page.goto('/k8s-ops-audit');
    await page.getByLabel('Action').fill('scale');
    await expect(page).toHaveURL(/[?&]action=scale/);
    await page.reload();
    await expect(page.getByLabel('Action')).toHaveValue('scale');
    await expect(page).toHaveURL(/[?&]action=scale/);
    await page.screenshot({
      path: `${screenshots}/layout-audit.png`,
      fullPage: true,
    });
  });
});
