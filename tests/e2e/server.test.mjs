// The static server from `cargo xtask serve`: the wasm package is reachable with the
// MIME types browsers insist on, and nothing outside the repository leaks out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { url } from './browser.mjs';

/** A GET with the path sent byte for byte: fetch() would normalise away `..`. */
function rawGet(path) {
  const base = new URL(url());
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
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
    const status = await rawGet(path);
    assert.ok(status === 400 || status === 403, `${path} gave ${status}`);
  }
});
