import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './packages/app/e2e-tests/chromium';

/**
 * End-to-end tests in headless Chromium (Debian's package) against the real
 * app, backend and local clusters, all started by `scripts/start.sh`.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  outputDir: '.artifacts/e2e/test-results',
  reporter: [['list'], ['json', { outputFile: '.artifacts/e2e/results.json' }]],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: 'scripts/start.sh',
    // The backend answers once it has loaded the local clusters' config.
    url: 'http://localhost:7007/api/k8s-ops/health',
    reuseExistingServer: false,
    timeout: 15 * 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
