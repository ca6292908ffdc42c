/*
 * Benchmark: how long an entity's Kubernetes tab takes to show its
 * workloads, measured in Chromium against the production build of the
 * portal and local clusters (started here with
 * `scripts/start.sh --production --guest` and a fresh data folder, stopped
 * at the end).
 *
 *   bench/run.sh entity-tab        (RUNS=10, ENTITY=storefront by default)
 *
 * Two figures, each from the browser's own clock:
 * - full load: from navigation start of a fresh page load of the tab to the
 *   entity's Deployment painted in the dev cluster's table;
 * - in-app: from the click on the tab (from the entity's overview) to the
 *   same paint, the way people usually arrive: the click event's time to
 *   the first frame after the row entered the table, both on the page's
 *   clock.
 */
import { chromium, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chromiumLaunchOptions } from '../packages/app/e2e-tests/chromium';
import {
  PORTAL_URL,
  waitForGuestGroups,
} from '../packages/app/e2e-tests/portal';

const RUNS = Number(process.env.RUNS ?? 10);
const ENTITY = process.env.ENTITY ?? 'storefront';
const DATA = '.artifacts/bench-data';

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function dataPainted(page: Page) {
  try {
    await page
      .getByTestId('cluster-dev')
      .getByRole('cell', { name: ENTITY, exact: true })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
  } catch (error) {
    await page.screenshot({ path: '.artifacts/bench-entity-tab-failure.png' });
    throw error;
  }
}

function stats(name: string, values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(
    `${name}: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(
      0,
    )} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[
      sorted.length - 1
    ].toFixed(0)} ms (${values.length} runs)`,
  );
}

async function main() {
  rmSync(DATA, { recursive: true, force: true });
  const portal = spawn('scripts/start.sh', ['--production', '--guest'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, K8S_OPS_DATA: DATA },
  });
  const stop = () => {
    try {
      process.kill(-portal.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  try {
    await waitFor(`${PORTAL_URL}/.backstage/health/v1/readiness`, 15 * 60_000);
    await waitForGuestGroups();
    const browser = await chromium.launch(chromiumLaunchOptions);
    const page = await browser.newPage({ baseURL: PORTAL_URL });
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('button', { name: 'Enter' })
      .waitFor({ state: 'detached', timeout: 60_000 });
    const tab = `/catalog/default/component/${ENTITY}/k8s-ops`;
    // The first load fills the browser's cache with the app's bundles.
    await page.goto(tab);
    await dataPainted(page);

    const fullLoad: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(tab);
      await dataPainted(page);
      fullLoad.push(await page.evaluate(() => performance.now()));
    }
    const inApp: number[] = [];
    const phases: Record<string, number[]> = {
      'stream request sent': [],
      'workloads request sent': [],
      'workloads answered': [],
    };
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`/catalog/default/component/${ENTITY}`);
      const link = page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: 'Kubernetes', exact: true });
      await link.waitFor();
      // Both ends on the page's clock: the click event's time, and the
      // first frame after the entity's row entered the dev cluster's table
      // (no round trip of the test driver in between).
      await page.evaluate(entity => {
        const marks: { clicked?: number; painted?: number } = {};
        (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
        document.addEventListener(
          'click',
          event => {
            marks.clicked ??= event.timeStamp;
          },
          { capture: true, once: true },
        );
        const observer = new MutationObserver(() => {
          const cluster = document.querySelector('[data-testid="cluster-dev"]');
          const row = cluster
            ? [...cluster.querySelectorAll('td')].find(
                td => td.textContent?.trim() === entity,
              )
            : undefined;
          if (row) {
            observer.disconnect();
            requestAnimationFrame(() => {
              marks.painted = performance.now();
            });
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }, ENTITY);
      await link.click();
      await dataPainted(page);
      const { clicked, painted } = await page
        .waitForFunction(() => {
          const marks = (
            window as unknown as {
              benchMarks: { clicked?: number; painted?: number };
            }
          ).benchMarks;
          return marks.painted !== undefined && marks;
        })
        .then(
          handle =>
            handle.jsonValue() as Promise<{ clicked: number; painted: number }>,
        );
      inApp.push(painted - clicked);
      // Where the time goes, from the browser's resource timings.
      const timings = await page.evaluate(
        since =>
          performance
            .getEntriesByType('resource')
            .filter(e => e.startTime >= since)
            .map(e => ({
              name: e.name,
              start: e.startTime - since,
              end: (e as PerformanceResourceTiming).responseEnd - since,
            })),
        clicked,
      );
      const stream = timings.find(t => t.name.includes('/api/k8s-ops/changes'));
      const load = timings.find(t => t.name.includes('/api/k8s-ops/workloads'));
      if (stream) phases['stream request sent'].push(stream.start);
      if (load) {
        phases['workloads request sent'].push(load.start);
        phases['workloads answered'].push(load.end);
      }
    }
    stats('entity tab, full page load to data painted', fullLoad);
    stats('entity tab, click on the tab to data painted', inApp);
    for (const [phase, values] of Object.entries(phases)) {
      if (values.length > 0) {
        stats(`  of which, from the click: ${phase}`, values);
      }
    }
    await browser.close();
  } finally {
    stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
