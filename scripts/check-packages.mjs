/*
 * Checks what publishing the k8s-ops packages needs, without publishing:
 * every package under plugins/ is public, shares the version of the others
 * (the fixed group of .changeset/config.json), packs its built dist
 * (prepack/postpack, files, publishConfig), carries the Backstage metadata
 * (role, pluginId, pluginPackages) and a description that fits the plugin
 * directory; every changeset names published packages with a known bump.
 * Prints each problem and exits 1 if there is one.
 *
 *   node scripts/check-packages.mjs
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);
const readJson = path => JSON.parse(readFileSync(join(root, path), 'utf8'));

const packages = readdirSync(join(root, 'plugins'))
  .filter(dir => existsSync(join(root, 'plugins', dir, 'package.json')))
  .map(dir => ({
    dir: `plugins/${dir}`,
    json: readJson(`plugins/${dir}/package.json`),
  }));
const names = new Set(packages.map(p => p.json.name));
const pluginPackages = packages
  .filter(p => p.json.backstage?.pluginId === 'k8s-ops')
  .map(p => p.json.name)
  .sort();

const changesets = readJson('.changeset/config.json');
const fixed = changesets.fixed?.[0] ?? [];
if ([...fixed].sort().join() !== [...names].sort().join()) {
  problem(
    '.changeset/config.json',
    `the fixed group must list every package under plugins/: ${[...names]
      .sort()
      .join(', ')}`,
  );
}
const versions = new Set(packages.map(p => p.json.version));
if (versions.size !== 1) {
  problem(
    'plugins/*/package.json',
    `one version for all, found ${packages
      .map(p => `${p.json.name}@${p.json.version}`)
      .join(', ')}`,
  );
}

for (const { dir, json } of packages) {
  const where = `${dir}/package.json`;
  const { backstage = {}, scripts = {}, publishConfig = {} } = json;
  if (json.private) problem(where, 'is private');
  if (!/^\d+\.\d+\.\d+$/.test(json.version ?? '')) {
    problem(where, `version ${json.version} is not x.y.z`);
  }
  if (scripts.prepack !== 'backstage-cli package prepack') {
    problem(where, 'needs "prepack": "backstage-cli package prepack"');
  }
  if (scripts.postpack !== 'backstage-cli package postpack') {
    problem(where, 'needs "postpack": "backstage-cli package postpack"');
  }
  if (!json.files?.includes('dist')) problem(where, 'files must hold dist');
  if (publishConfig.access !== 'public') {
    problem(where, 'publishConfig.access must be public');
  }
  for (const key of ['main', 'types']) {
    if (!publishConfig[key]?.startsWith('dist/')) {
      problem(where, `publishConfig.${key} must point into dist/`);
    }
  }
  for (const [mount, path] of Object.entries(json.exports ?? {})) {
    if (mount.split('/').length > 2) {
      problem(where, `export ${mount} has more than one slash`);
    }
    if (!existsSync(join(root, dir, path))) {
      problem(where, `export ${mount} points at ${path}, which is missing`);
    }
  }
  if (!json.description || json.description.length > 170) {
    problem(where, 'needs a description of at most 170 characters');
  }
  for (const keyword of ['backstage', 'backstage-plugin']) {
    if (!json.keywords?.includes(keyword)) {
      problem(where, `keywords must include ${keyword}`);
    }
  }
  if (!backstage.role) problem(where, 'needs backstage.role');
  if (backstage.role?.endsWith('-module')) {
    if (!backstage.pluginId || !backstage.pluginPackage) {
      problem(where, 'a module needs backstage.pluginId and pluginPackage');
    }
  } else if (
    [...(backstage.pluginPackages ?? [])].sort().join() !==
    pluginPackages.join()
  ) {
    problem(
      where,
      `backstage.pluginPackages must be ${pluginPackages.join(', ')}`,
    );
  }
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [dep, range] of Object.entries(json[field] ?? {})) {
      if (names.has(dep) && range !== 'workspace:^') {
        problem(where, `${field}.${dep} must be workspace:^`);
      }
    }
  }
  if (backstage.role === 'frontend-plugin') {
    const readme = readFileSync(join(root, dir, 'README.md'), 'utf8');
    const entry =
      /```yaml\n# microsite\/data\/plugins\/[^\n]*\n([\s\S]*?)```/.exec(readme);
    if (!entry) {
      problem(`${dir}/README.md`, 'needs the plugin directory entry');
    } else {
      for (const key of [
        'title',
        'author',
        'authorUrl',
        'category',
        'description',
        'documentation',
        'iconUrl',
        'npmPackageName',
        'addedDate',
      ]) {
        if (!new RegExp(`^${key}: \\S`, 'm').test(entry[1])) {
          problem(`${dir}/README.md`, `the directory entry needs ${key}`);
        }
      }
      if (!entry[1].includes(`description: ${json.description}\n`)) {
        problem(`${dir}/README.md`, 'the entry needs the package description');
      }
      if (!entry[1].includes(`npmPackageName: '${json.name}'`)) {
        problem(`${dir}/README.md`, `npmPackageName must be '${json.name}'`);
      }
    }
  }
}

for (const file of readdirSync(join(root, '.changeset')).filter(
  f => f.endsWith('.md') && f !== 'README.md',
)) {
  const text = readFileSync(join(root, '.changeset', file), 'utf8');
  const front = /^---\n([\s\S]*?)\n---\n\s*\S/.exec(text);
  if (!front) {
    problem(`.changeset/${file}`, 'needs a front matter and a summary');
    continue;
  }
  for (const line of front[1].split('\n')) {
    const [, name, bump] = /^'([^']+)': (\w+)$/.exec(line) ?? [];
    if (!names.has(name) || !['patch', 'minor', 'major'].includes(bump)) {
      problem(
        `.changeset/${file}`,
        `"${line}" is not '<published package>': patch|minor|major`,
      );
    }
  }
}

for (const line of problems) process.stderr.write(`${line}\n`);
process.stdout.write(
  `${packages.length} packages, ${problems.length} problems\n`,
);
process.exit(problems.length ? 1 : 0);
