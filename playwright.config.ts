import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './packages/app/e2e-tests/chromium';
import { PORTAL_URL } from './packages/app/e2e-tests/portal';

/**
 * End-to-end tests in headless Chromium (Debian's package) against the
 * production build of the app and backend, on one port, with local
 * clusters, all started by `scripts/start.sh --production --guest` with a
 * fresh data folder.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  globalSetup: './packages/app/e2e-tests/globalSetup.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  outputDir: '.artifacts/e2e/test-results',
  reporter: [['list'], ['json', { outputFile: '.artifacts/e2e/results.json' }]],
  use: {
    baseURL: PORTAL_URL,
    // The size of a laptop screen: every action must be reachable in it.
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command:
      'rm -rf .artifacts/e2e-data && K8S_OPS_DATA=.artifacts/e2e-data scripts/start.sh --production --guest',
    // Every plugin of the backend has started.
    url: `${PORTAL_URL}/.backstage/health/v1/readiness`,
    reuseExistingServer: false,
    timeout: 15 * 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
