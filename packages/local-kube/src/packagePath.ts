import { dirname, join } from 'node:path';

/** A path inside this package, wherever it is installed. */
export function packagePath(...segments: string[]): string {
  return join(
    dirname(require.resolve('@k8s-ops/local-kube/package.json')),
    ...segments,
  );
}
