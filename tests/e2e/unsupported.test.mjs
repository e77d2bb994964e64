// A browser that lacks what neuroglow needs (WebAssembly SIMD, WebAssembly itself, …) gets a
// clear message naming what is missing and the browsers that work, in every section and on every
// page, never a blank or forever-loading one; mount() rejects with code 'unsupported'. Chromium
// plays the old browser: an init script makes WebAssembly.validate refuse the SIMD probe module
// (the way a browser without SIMD answers), or removes WebAssembly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 60_000 };
const b = browserForSuite();

/** In the page, before any of its scripts: WebAssembly without SIMD (the probe's i8x16 opcodes refused). */
function noSimd() {
  const validate = WebAssembly.validate.bind(WebAssembly);
  WebAssembly.validate = (bytes) => {
    const a = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer ?? bytes);
    for (let i = 0; i + 3 < a.length; i++) if (a[i] === 0xfd && a[i + 2] === 0xfd) return false; // SIMD prefix twice: the probe
    return validate(bytes);
  };
}

function noWasm() {
  delete globalThis.WebAssembly;
}

const SUPPORTED = /Chrome or Edge 98 or later, Firefox 114 or later, or Safari 16\.4 or later/;

async function pageWith(stub) {
  const page = await b.context.newPage();
  await page.addInitScript(stub);
  return page;
}

const alerts = (page) => page.evaluate(() => [...document.querySelectorAll('[role="alert"]')].filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()));

test('without WebAssembly SIMD: index.html says what is missing and which browsers work; mount() rejects', TIMEOUT, async () => {
  const page = await pageWith(noSimd);
  await page.goto(url('index.html'));
  const alert = page.locator('main > .ng-unsupported[role="alert"]');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /^neuroglow cannot run in this browser: it lacks WebAssembly SIMD\./);
  assert.match(text, SUPPORTED);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ngUnsupported), 'WebAssembly SIMD');
  assert.deepEqual(await alerts(page), [text.trim()], 'one alert, nothing else claims to be loading');
  assert.equal(await page.locator('#playground[data-ready]').count(), 0);
  assert.doesNotMatch(await page.locator('main').innerText(), /Loading/);
  await screenshot(page, 'unsupported-simd');
  // mount() from the module API (a course page without support-check.js) rejects with the same
  // words and a code: the module graph stops at loading the wasm module.
  const refused = await page.evaluate(async () => {
    try {
      const { mount } = await import(new URL('www/neuroglow.js', location.href).href);
      await mount(document.body.appendChild(document.createElement('div')), { task: 'xor3' });
      return null;
    } catch (e) {
      return { code: e.code, missing: e.missing, message: e.message };
    }
  });
  assert.equal(refused?.code, 'unsupported');
  assert.deepEqual(refused.missing, ['WebAssembly SIMD']);
  assert.match(refused.message, SUPPORTED);
  await page.close();
});

test('without WebAssembly at all: the message names WebAssembly (main page, MNIST and draw pages, lesson)', TIMEOUT, async () => {
  const page = await pageWith(noWasm);
  for (const path of ['index.html', 'www/mnist/index.html', 'www/draw/index.html', 'www/examples/lesson.html']) {
    await page.goto(url(path));
    await page.locator('.ng-unsupported[role="alert"]').waitFor();
    const texts = await alerts(page);
    assert.ok(texts.length > 0, `${path}: an alert`);
    for (const t of texts) {
      assert.match(t, /lacks WebAssembly, WebAssembly SIMD, WebAssembly reference types and WebAssembly bulk memory\./, `${path}: ${t}`);
      assert.match(t, SUPPORTED);
    }
  }
  await page.close();
});

test('the classic check runs in browsers too old for the modules, and is quiet in this one', TIMEOUT, async () => {
  // A browser that cannot run the page's modules at all (here: the module never loads) still
  // gets the message from www/support-check.js alone.
  const page = await pageWith(noSimd);
  await page.route(/\/www\/index\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(url('index.html'));
  const alert = page.locator('.ng-unsupported[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /lacks WebAssembly SIMD/);
  await page.close();
  // A browser with everything: no message, and the global says so.
  const ok = await b.context.newPage();
  await ok.goto(url('index.html'));
  await ok.waitForSelector('#playground[data-ready]');
  assert.deepEqual(await ok.evaluate(() => window.neuroglowSupport.missing), []);
  assert.equal(await ok.evaluate(() => document.documentElement.dataset.ngUnsupported ?? null), null);
  assert.deepEqual(await alerts(ok), []);
  await ok.close();
});

test('no console errors but the refused loads and the modules stopping with the message', () => {
  assert.deepEqual(b.consoleErrors.filter((e) => !/404|Failed to load resource|^pageerror: neuroglow cannot run in this browser: it lacks WebAssembly/.test(e)), []);
});
