// The static server from `cargo xtask serve`: the wasm package is reachable with the
// MIME types browsers insist on, nothing outside the repository leaks out (not through `..`,
// not through a symlink), it answers only to its own name (no DNS rebinding), every response
// carries the Content-Security-Policy, and idle clients cannot lock the others out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { url } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A GET with the path sent byte for byte (fetch() would normalise away `..`); → status and body. */
function rawGet(path, headers = {}) {
  const base = new URL(url());
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the wasm-bindgen glue is served as JavaScript', async () => {
  const res = await fetch(url('www/pkg/neuroglow_wasm.js'));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/javascript\b/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.match(await res.text(), /export/);
});

test('the wasm module is served as application/wasm', async () => {
  const res = await fetch(url('www/pkg/neuroglow_wasm_bg.wasm'));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d]); // "\0asm"
  assert.ok(WebAssembly.validate(bytes), 'wasm-bindgen output validates');
});

test('HEAD gives the headers without a body', async () => {
  const res = await fetch(url('www/pkg/neuroglow_wasm_bg.wasm'), { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.ok(Number(res.headers.get('content-length')) > 0);
  assert.equal((await res.arrayBuffer()).byteLength, 0);
});

test('a missing file is 404', async () => {
  const res = await fetch(url('www/pkg/no-such-file.js'));
  assert.equal(res.status, 404);
});

test('path traversal is refused', async () => {
  for (const path of ['/../Cargo.toml', '/www/../../Cargo.toml', '/%2e%2e/Cargo.toml', '/.git/HEAD']) {
    const { status } = await rawGet(path);
    assert.ok(status === 400 || status === 403, `${path} gave ${status}`);
  }
});

test('every response carries the Content-Security-Policy and nosniff, errors too', async () => {
  for (const path of ['index.html', 'www/neuroglow.js', 'www/pkg/no-such-file.js']) {
    const res = await fetch(url(path));
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/, path);
    assert.match(csp, /style-src 'self'(;|$)/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('x-frame-options'), null, 'teachers embed the pages in iframes');
    await res.arrayBuffer();
  }
});

test('only requests addressed to 127.0.0.1, localhost or [::1] on its port are answered (no DNS rebinding)', async () => {
  const { port } = new URL(url());
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
    assert.equal((await rawGet('/index.html', { Host: host })).status, 200, host);
  }
  // A page on evil.example whose name now resolves to 127.0.0.1 sends its own name.
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, `localhost.evil.example:${port}`]) {
    const res = await rawGet('/index.html', { Host: host });
    assert.ok(res.status === 421 || res.status === 403, `${host} gave ${res.status}`);
    assert.doesNotMatch(res.body, /neuroglow/, host);
  }
});

test('symlinks in the served tree that lead out of the repository are refused', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'neuroglow-outside-'));
  await writeFile(join(outside, 'secret.txt'), 'top secret');
  // Inside the repository, under the (git-ignored) artifacts folder, removed afterwards.
  const dir = join(ROOT, 'tests', 'artifacts', `symlinks-${process.pid}`);
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(join(dir, 'inside.txt'), 'inside');
    await symlink(join(outside, 'secret.txt'), join(dir, 'file-out.txt'));
    await symlink(outside, join(dir, 'dir-out'));
    await symlink('/etc', join(dir, 'etc'));
    await symlink('inside.txt', join(dir, 'file-in.txt'));
    const at = `/tests/artifacts/${basename(dir)}`;
    assert.equal((await rawGet(`${at}/inside.txt`)).body, 'inside');
    assert.equal((await rawGet(`${at}/file-in.txt`)).body, 'inside', 'a link that stays inside is followed');
    for (const path of [`${at}/file-out.txt`, `${at}/dir-out/secret.txt`, `${at}/dir-out/`, `${at}/etc/hostname`, `${at}/etc/passwd`]) {
      const res = await rawGet(path);
      assert.ok(res.status === 403 || res.status === 404, `${path} gave ${res.status}`);
      assert.doesNotMatch(res.body, /top secret|root:/, path);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});

test('slow-loris: idle, half-sent requests on every connection slot do not keep a page from loading', async () => {
  const { hostname, port } = new URL(url());
  // More than the server's 64 connection slots, each with an unfinished request head.
  const loris = await Promise.all(Array.from({ length: 80 }, () => new Promise((resolve, reject) => {
    const s = connect({ host: hostname, port: Number(port) }, () => {
      s.write(`GET /index.html HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`);
      resolve(s);
    });
    s.on('error', () => {}); // the server may drop it for a newcomer
    s.once('error', reject);
  })));
  try {
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const res = await fetch(url('index.html'), { signal: AbortSignal.timeout(8000) });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /neuroglow/);
    // Well before the 10 s the server gives a request head: not merely waiting the idle ones out.
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  } finally {
    for (const s of loris) s.destroy();
  }
});
