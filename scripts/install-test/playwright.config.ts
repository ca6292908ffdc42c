import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../packages/app/e2e-tests/chromium';

/**
 * The browser half of the install test: the app that `run.sh` made with
 * create-app and started, at K8S_OPS_INSTALL_TEST_URL.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'adopter.test.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  outputDir: '../../.artifacts/install-test/test-results',
  reporter: [['list']],
  use: {
    baseURL: process.env.K8S_OPS_INSTALL_TEST_URL,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
