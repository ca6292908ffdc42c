import { expect, test as base } from '@playwright/test';

/**
 * Console warnings our components caused in earlier versions, and would
 * cause again if they came back: material-table's rebuilt columns and rows
 * without ids, React's list keys and other React warnings.
 */
const OUR_WARNINGS =
  /columns provided to material table|unique id property|unique "key" prop|Warning: /;

/**
 * Playwright's `test`, watching the browser console throughout every test:
 * a test fails when a page logged one of the warnings above or threw an
 * uncaught error, whatever it was checking.
 */
export const test = base.extend<{ quietConsole: void }>({
  quietConsole: [
    async ({ page }, use) => {
      const heard: string[] = [];
      page.on('console', message => {
        if (
          ['warning', 'error'].includes(message.type()) &&
          OUR_WARNINGS.test(message.text())
        ) {
          heard.push(`console ${message.type()}: ${message.text()}`);
        }
      });
      page.on('pageerror', error => {
        heard.push(`uncaught: ${error.stack ?? error.message}`);
      });
      await use();
      expect(heard, 'warnings and errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
