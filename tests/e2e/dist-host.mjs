// dist/ served the way a course site would serve it: by a plain static server (no security
// headers), under a sub-path. Shared by dist.test.mjs and csp.test.mjs. `cargo xtask test`
// passes dist/'s path in NEUROGLOW_DIST; run alone, a test builds it with `cargo xtask dist`.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PREFIX = '/course/week3/neuroglow/';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.gz': 'application/gzip',
  '.ts': 'text/plain; charset=utf-8',
};

/** dist/'s directory, built first when NEUROGLOW_DIST does not name one. */
export function distDir() {
  let dist = process.env.NEUROGLOW_DIST;
  if (!dist) {
    const r = spawnSync('cargo', ['xtask', 'dist'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(r.status, 0, '`cargo xtask dist` failed');
    dist = join(ROOT, 'dist');
  }
  assert.ok(existsSync(join(dist, 'index.html')), `${dist} has no index.html`);
  return resolve(dist);
}

/**
 * Serves `root` under PREFIX on 127.0.0.1; `onServed(rel)` hears each file served.
 * Resolves with { origin, base (origin + PREFIX), close() }.
 */
export async function hostDist(root, onServed = () => {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(PREFIX)) return res.writeHead(404).end('not here');
    let rel = path.slice(PREFIX.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = resolve(root, rel);
    if (!file.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      onServed(rel);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, base: `${origin}${PREFIX}`, close: () => new Promise((r) => server.close(r)) };
}
