/*
 * Follows the install steps of the k8s-ops READMEs in a Backstage app, the
 * way an adopter reads them, so that a step missing from a README, or a
 * wrong one, fails the install test:
 *
 * - the `yarn --cwd packages/... add ...` lines of `sh` blocks are run, one
 *   per workspace;
 * - a `ts` block opening with `// packages/backend/src/index.ts` has its
 *   `backend.add(...)` lines put before `backend.start()`; in a `diff`
 *   block, `-` lines are taken out and `+` lines put in;
 * - a `yaml` block opening with `# app-config.yaml` is merged into the
 *   app's app-config.yaml (maps merged, lists extended).
 *
 *   node adopt.mjs <app folder> <README>...
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';

const [appDir, ...readmes] = process.argv.slice(2);
if (!appDir || readmes.length === 0) {
  throw new Error('Usage: adopt.mjs <app folder> <README>...');
}

/** The fenced blocks of a Markdown file, with their language. */
function blocksOf(markdown) {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(m => ({
    lang: m[1],
    lines: m[2].split('\n').filter(line => line.trim() !== ''),
  }));
}

const blocks = readmes.flatMap(file =>
  blocksOf(readFileSync(file, 'utf8')).map(block => ({ ...block, file })),
);
const step = text => process.stdout.write(`adopt: ${text}\n`);

// 1. The packages, one `yarn add` per workspace with what every README adds.
const adds = new Map();
for (const line of blocks
  .filter(b => b.lang === 'sh')
  .flatMap(b => b.lines)
  .map(text => text.replace(/\s+#.*$/, '').trim())) {
  const [, cwd, names] =
    /^yarn --cwd (packages\/\S+) add (.+)$/.exec(line) ?? [];
  if (cwd) {
    adds.set(cwd, new Set([...(adds.get(cwd) ?? []), ...names.split(/\s+/)]));
  }
}
if (adds.size === 0) {
  throw new Error('no `yarn --cwd packages/... add` line in the READMEs');
}
for (const [cwd, names] of adds) {
  const args = ['--cwd', cwd, 'add', ...names];
  step(`yarn ${args.join(' ')}`);
  execFileSync('yarn', args, { cwd: appDir, stdio: 'inherit' });
}

// 2. The backend features: `ts` blocks add, `diff` blocks replace.
const indexFile = join(appDir, 'packages/backend/src/index.ts');
const edits = blocks
  .filter(
    b =>
      ['ts', 'diff'].includes(b.lang) &&
      b.lines[0].startsWith('// packages/backend/src/index.ts'),
  )
  .flatMap(b =>
    b.lines.flatMap(line => {
      const [, sign, statement] =
        /^([-+]?)(backend\.add\(.*\);)$/.exec(line) ?? [];
      if (!statement) return [];
      return [{ remove: sign === '-', statement }];
    }),
  );
if (!edits.some(edit => !edit.remove)) {
  throw new Error(
    'no backend.add(...) for packages/backend/src/index.ts in the READMEs',
  );
}
let index = readFileSync(indexFile, 'utf8');
if (!index.includes('backend.start();')) {
  throw new Error(`${indexFile} has no backend.start()`);
}
const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
for (const { remove, statement } of edits) {
  if (remove) {
    // Prettier may have wrapped the statement over several lines.
    const [, feature] = /import\((.*)\)\);$/.exec(statement);
    const pattern = new RegExp(
      `backend\\.add\\(\\s*import\\(${escape(feature)}\\),?\\s*\\);\\n?`,
    );
    if (!pattern.test(index)) {
      throw new Error(`packages/backend/src/index.ts has no ${statement}`);
    }
    step(`removed ${statement}`);
    index = index.replace(pattern, '');
  } else {
    step(`${statement} in packages/backend/src/index.ts`);
    index = index.replace(
      'backend.start();',
      `${statement}\n\nbackend.start();`,
    );
  }
}
writeFileSync(indexFile, index);

// 3. The configuration.
const configFile = join(appDir, 'app-config.yaml');
const config = parseDocument(readFileSync(configFile, 'utf8'));
function merge(target, source) {
  for (const pair of source.items) {
    const existing = target.get(pair.key.value, true);
    if (isMap(existing) && isMap(pair.value)) {
      merge(existing, pair.value);
    } else if (isSeq(existing) && isSeq(pair.value)) {
      existing.items.push(...pair.value.items);
    } else {
      target.set(pair.key.value, pair.value);
    }
  }
}
for (const block of blocks.filter(
  b => b.lang === 'yaml' && b.lines[0].startsWith('# app-config.yaml'),
)) {
  step(`config from ${block.file}: ${block.lines[0]}`);
  const addition = parseDocument(block.lines.join('\n'));
  if (addition.errors.length > 0) {
    throw new Error(`${block.file}: ${addition.errors[0].message}`);
  }
  merge(config.contents, addition.contents);
}
writeFileSync(configFile, config.toString());
