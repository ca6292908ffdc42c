/**
 * The k8s-ops command line: `k8s-ops port-forward`.
 *
 * @packageDocumentation
 */
import { main } from './main';

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`k8s-ops: ${error.message}\n`);
    process.exitCode = 1;
  },
);
