import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** The files of a local portal's data folder. */
export interface LocalData {
  /** The folder, absolute. */
  dir: string;
  /** The app-config that points the backend at the folder. */
  configPath: string;
  /** The key for the credentials of registered clusters (mode 0600). */
  keyPath: string;
}

const KEY_FILE = 'encryption-key';
const CONFIG_FILE = 'app-config.yaml';

async function readKey(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Prepares the data folder of a local portal: SQLite files, one per plugin,
 * in `sqlite/`, and the encryption key, made on the first start and kept, so
 * that registered clusters and the audit trail survive a restart. Writes
 * the app-config that uses both; the key stays in its own file, which the
 * config includes.
 */
export async function prepareLocalData(folder: string): Promise<LocalData> {
  const dir = resolve(folder);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const keyPath = resolve(dir, KEY_FILE);
  if (!(await readKey(keyPath))) {
    // Written whole, then renamed, so that a start never reads half a key.
    await writeFile(`${keyPath}.tmp`, randomBytes(32).toString('base64'), {
      mode: 0o600,
    });
    await rename(`${keyPath}.tmp`, keyPath);
  }
  await chmod(keyPath, 0o600);
  const configPath = resolve(dir, CONFIG_FILE);
  await writeFile(
    configPath,
    [
      '# Written on every start of the local portal: its database files and',
      '# the key for the credentials of registered clusters, both in this folder.',
      'backend:',
      '  database:',
      '    client: better-sqlite3',
      '    connection:',
      `      directory: ${JSON.stringify(resolve(dir, 'sqlite'))}`,
      'k8sOps:',
      '  encryption:',
      '    keys:',
      `      - $file: ${KEY_FILE}`,
      '',
    ].join('\n'),
  );
  return { dir, configPath, keyPath };
}
