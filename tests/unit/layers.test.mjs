// The shape of www/: folders depend one way (core → render → ui → tasks), no import cycles,
// index.html and the other pages use only the public API, and no room grows past 400 lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
const ROOT = resolve(WWW, '..');
const RANK = { core: 0, render: 1, ui: 2, tasks: 3 };

async function jsFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'pkg') out.push(...(await jsFiles(p)));
    else if (e.isFile() && e.name.endsWith('.js')) out.push(p);
  }
  return out;
}

/** Relative imports of a file (static `from '…'` and dynamic `import('…')`), resolved. */
async function imports(file) {
  const text = await readFile(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s));
}

const folder = (file) => relative(WWW, file).split('/')[0];

test('folders depend one way: core → render → ui → tasks', async () => {
  const bad = [];
  for (const file of await jsFiles(WWW)) {
    const from = RANK[folder(file)];
    if (from === undefined) continue;
    for (const dep of await imports(file)) {
      const to = RANK[folder(dep)];
      if (to !== undefined && to > from) bad.push(`${relative(WWW, file)} → ${relative(WWW, dep)}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('no import cycles', async () => {
  const files = await jsFiles(WWW);
  const graph = new Map();
  for (const f of files) graph.set(f, (await imports(f)).filter((d) => d.startsWith(WWW) && !d.includes('/pkg/')));
  const state = new Map();
  const cycles = [];
  const visit = (f, path) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(WWW, p)).join(' → '));
      return;
    }
    state.set(f, 'open');
    for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of files) visit(f, []);
  assert.deepEqual(cycles, []);
});

test('pages import only the public API', async () => {
  for (const page of ['index.html', 'www/mnist/index.html', 'www/draw/index.html', 'www/examples/lesson.html']) {
    const html = await readFile(join(ROOT, page), 'utf8');
    // The page's code lives in its own files (the Content-Security-Policy allows no inline script).
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)].map((m) => join(dirname(join(ROOT, page)), m[1]));
    const code = [html, ...(await Promise.all(scripts.map((s) => readFile(s, 'utf8'))))].join('\n');
    const specs = [...code.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    assert.ok(specs.length > 0, `${page} imports something`);
    for (const s of specs) assert.match(s, /neuroglow\.js$/, `${page} imports ${s}`);
  }
});

test('no JS room over 400 lines; neuroglow.js, the router, at most 200', async () => {
  const big = [];
  for (const file of await jsFiles(WWW)) {
    const lines = (await readFile(file, 'utf8')).split('\n').length - 1;
    const limit = relative(WWW, file) === 'neuroglow.js' ? 200 : 400;
    if (lines > limit) big.push(`${relative(WWW, file)}: ${lines} lines (limit ${limit})`);
  }
  assert.deepEqual(big, []);
});
