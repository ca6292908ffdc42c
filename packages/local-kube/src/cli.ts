/*
 * Starts local clusters for the portal and writes the app-config that
 * registers them; stops them on SIGINT or SIGTERM.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     packages/local-kube/src/cli.ts --out app-config.kube.local.yaml dev staging prod
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { portalAccess, startLocalClusters } from './startLocalClusters';

const GROUPS: Record<string, string> = {
  dev: 'dev',
  staging: 'staging',
  prod: 'prod',
};

async function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  if (outIndex < 0 || !args[outIndex + 1]) {
    throw new Error('Usage: cli.ts --out <app-config file> [cluster names...]');
  }
  const out = args[outIndex + 1];
  const names = args.filter((_, i) => i !== outIndex && i !== outIndex + 1);
  const started = Date.now();
  const clusters = await startLocalClusters(
    names.length ? names : ['dev', 'staging', 'prod'],
  );
  const stop = async () => {
    await Promise.all([
      ...clusters.map(c => c.stop()),
      rm(out, { force: true }),
    ]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const access = await Promise.all(clusters.map(portalAccess));
  const config = {
    k8sOps: {
      // A key for this run, so that clusters can be registered in the
      // local portal (its database lives in memory, like the key).
      encryption: { keys: [randomBytes(32).toString('base64')] },
      clusters: access.map(a => ({
        name: a.name,
        title: `Local ${a.name}`,
        url: a.url,
        caData: a.caData,
        token: a.serviceAccountToken,
        group: GROUPS[a.name] ?? 'dev',
        labels: {
          provider: 'local',
          'k8s-ops.dev/env': GROUPS[a.name] ?? 'dev',
        },
      })),
    },
  };
  // Written whole, then renamed, so a reader never sees half a file.
  await writeFile(
    `${out}.tmp`,
    `# Written by packages/local-kube; removed when the clusters stop.\n${stringify(
      config,
    )}`,
    { mode: 0o600 },
  );
  await rename(`${out}.tmp`, out);
  process.stdout.write(
    `local clusters ${clusters
      .map(c => `${c.name} (${c.server})`)
      .join(', ')} ready in ${Date.now() - started} ms; config in ${out}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
