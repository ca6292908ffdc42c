/*
 * Prepares a local portal's data folder and prints the path of its
 * app-config (see prepareLocalData):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     packages/backend/src/localData/cli.ts .k8s-ops-data
 */
import { prepareLocalData } from './prepareLocalData';

prepareLocalData(process.argv[2] ?? '.k8s-ops-data')
  .then(({ configPath }) => process.stdout.write(`${configPath}\n`))
  .catch(error => {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
