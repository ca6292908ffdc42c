import { expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Where the end-to-end tests save their screenshots (git-ignored). */
export const screenshots = '.artifacts/e2e/screenshots';

/** The sidebar's link to the Kubernetes page. */
export function kubernetesNavLink(page: Page) {
  return page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Kubernetes', exact: true });
}

/** Signs in as the guest, a member of the example platform group. */
export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(kubernetesNavLink(page)).toBeVisible();
}

/**
 * A kubeconfig for one of the local clusters the portal was started with,
 * as someone would paste it: read from the config `scripts/start.sh` wrote.
 */
export function localKubeconfig(cluster: string): string {
  const config = parse(readFileSync('app-config.kube.local.yaml', 'utf8'));
  const found = config.k8sOps.clusters.find(
    (c: { name: string }) => c.name === cluster,
  );
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: local-${cluster}`,
    '    cluster:',
    `      server: ${found.url}`,
    `      certificate-authority-data: ${found.caData}`,
    'users:',
    '  - name: admin',
    '    user:',
    `      token: ${found.token}`,
    'contexts:',
    `  - name: local-${cluster}-admin`,
    `    context: { cluster: local-${cluster}, user: admin }`,
    `current-context: local-${cluster}-admin`,
    '',
  ].join('\n');
}
