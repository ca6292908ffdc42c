import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareLocalData } from './prepareLocalData';

describe('prepareLocalData', () => {
  let parent: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'k8s-ops-local-data-'));
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('makes a 32-byte key once, readable by its owner only, and keeps it', async () => {
    const first = await prepareLocalData(join(parent, 'data'));
    const key = await readFile(first.keyPath, 'utf8');
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect((await stat(first.keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(first.dir)).mode & 0o777).toBe(0o700);

    const second = await prepareLocalData(join(parent, 'data'));
    expect(await readFile(second.keyPath, 'utf8')).toBe(key);
  });

  it('writes a config with SQLite files in the folder and the key by reference', async () => {
    const data = await prepareLocalData(join(parent, 'data'));
    const text = await readFile(data.configPath, 'utf8');
    expect(text).toContain('client: better-sqlite3');
    expect(text).toContain(
      `directory: ${JSON.stringify(join(data.dir, 'sqlite'))}`,
    );
    expect(text).toContain('- $file: encryption-key');
    expect(text).not.toContain(await readFile(data.keyPath, 'utf8'));
  });
});
