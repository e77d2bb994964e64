// Harness smoke test: headless Chromium (via playwright-core) can load the wasm
// package from the test server and instantiate it, +simd128 and all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, url } from './browser.mjs';

test('the wasm package instantiates in headless Chromium', async () => {
  const { page, consoleErrors, close } = await launch();
  try {
    // An empty same-origin document, so the test does not depend on index.html.
    const blank = url('__e2e_blank__.html');
    await page.route(blank, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>e2e</title>' }),
    );
    await page.goto(blank);
    const result = await page.evaluate(async (glue) => {
      const mod = await import(glue);
      const wasm = await mod.default();
      return { memory: wasm.memory instanceof WebAssembly.Memory, exports: Object.keys(mod).length };
    }, url('www/pkg/neuroglow_wasm.js'));
    assert.ok(result.memory, 'init() returns the instance exports with its memory');
    assert.ok(result.exports > 1, 'the glue exports more than init');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
