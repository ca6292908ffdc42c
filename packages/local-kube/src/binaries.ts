import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { packagePath } from './packagePath';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The commands a local control plane is made of. */
export const KUBE_BINARIES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
] as const;

/**
 * The folder that holds the control plane binaries: `K8S_OPS_KUBE_BIN` when
 * set, otherwise the cache that `tools/kube/build.sh` fills (building what is
 * missing, which takes several minutes the first time).
 */
export async function ensureKubeBinaries(): Promise<string> {
  const fromEnv = process.env.K8S_OPS_KUBE_BIN;
  const dir = fromEnv
    ? fromEnv
    : await run('bash', [packagePath('../../tools/kube/build.sh')], {
        maxBuffer: 16 * 1024 * 1024,
        timeout: 60 * 60 * 1000,
      }).then(({ stdout }) => stdout.trim().split('\n').pop()!);
  for (const binary of KUBE_BINARIES) {
    try {
      await access(join(dir, binary));
    } catch {
      throw new Error(
        `The control plane binary ${binary} is missing from ${dir}; run tools/kube/build.sh (needs Go 1.26) or point K8S_OPS_KUBE_BIN at a folder that holds ${KUBE_BINARIES.join(
          ', ',
        )}`,
      );
    }
  }
  return dir;
}
