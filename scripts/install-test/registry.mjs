/*
 * A read-only npm registry for the packed k8s-ops tarballs, so that an app
 * installs them with the very `yarn add` lines of the READMEs, as it would
 * once they are published. Serves every `*.tgz` of a folder; other scopes
 * keep using the npm registry.
 *
 *   node registry.mjs <folder of tarballs> <file to write the URL to>
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const [folder, urlFile] = process.argv.slice(2);
if (!folder || !urlFile) {
  throw new Error('Usage: registry.mjs <folder of tarballs> <url file>');
}

/** Reads `package/package.json` out of a tarball (ustar, gzipped). */
function manifestOf(tarball) {
  const tar = gunzipSync(tarball);
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = tar
      .toString('utf8', offset, offset + 100)
      .replace(/\0.*$/s, '');
    const size = parseInt(tar.toString('utf8', offset + 124, offset + 136), 8);
    if (!name) break;
    if (name === 'package/package.json') {
      return JSON.parse(
        tar.toString('utf8', offset + 512, offset + 512 + size),
      );
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error('no package/package.json in the tarball');
}

const packages = new Map();
for (const file of readdirSync(folder).filter(f => f.endsWith('.tgz'))) {
  const tarball = readFileSync(join(folder, file));
  const manifest = manifestOf(tarball);
  packages.set(manifest.name, { file, tarball, manifest });
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const tarball = [...packages.values()].find(p => path === `/-/${p.file}`);
  if (tarball) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(tarball.tarball);
    return;
  }
  const pkg = packages.get(path.slice(1));
  if (!pkg) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `${path.slice(1)} is not served here` }));
    return;
  }
  const { version } = pkg.manifest;
  const { port } = server.address();
  const published = new Date().toISOString();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      name: pkg.manifest.name,
      'dist-tags': { latest: version },
      time: { created: published, modified: published, [version]: published },
      versions: {
        [version]: {
          ...pkg.manifest,
          dist: {
            tarball: `http://localhost:${port}/-/${pkg.file}`,
            shasum: createHash('sha1').update(pkg.tarball).digest('hex'),
            integrity: `sha512-${createHash('sha512')
              .update(pkg.tarball)
              .digest('base64')}`,
          },
        },
      },
    }),
  );
});

server.listen(0, '127.0.0.1', () => {
  const url = `http://localhost:${server.address().port}`;
  writeFileSync(`${urlFile}.tmp`, url);
  renameSync(`${urlFile}.tmp`, urlFile);
  process.stdout.write(
    `registry for ${[...packages.keys()].join(', ')} on ${url}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
