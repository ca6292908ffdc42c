/**
 * How the end-to-end tests and the browser benchmarks start Debian's
 * Chromium: headless, without a sandbox (tests run as root), and without
 * the background traffic that would reach out of the machine.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.K8S_OPS_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
