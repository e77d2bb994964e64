// The static build (`cargo xtask dist`) served the way a course site would serve it: under a
// sub-path (/course/week3/neuroglow/) by a plain static server, with every request to another
// origin blocked and recorded (there must be none). The page, the lesson and the MNIST section
// work from there; the first view stays within its size budget; no cookies are set.
//
// `cargo xtask test` builds dist/ first and passes its path in NEUROGLOW_DIST; run alone, this
// file builds it with `cargo xtask dist`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, screenshot } from './browser.mjs';
import { PREFIX, distDir, hostDist } from './dist-host.mjs';

const TIMEOUT = { timeout: 180_000 };
const BUDGET = 300_000;

let dist;
let host;
let origin;
/** Paths served (relative to dist/), in order. */
const served = [];
let b;
/** Requests the page tried to make to any other origin. */
const foreign = [];

before(async () => {
  dist = distDir();
  // A plain static server, like any web host: files under PREFIX, nothing else.
  host = await hostDist(dist, (rel) => served.push(rel));
  origin = host.origin;

  b = await launch();
  await b.context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin === origin) return route.continue();
    foreign.push(u.href);
    return route.abort('blockedbyclient');
  });
});

after(async () => {
  await b?.close();
  await host?.close();
});

test('the blocker sees and stops requests to other origins', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(`${origin}${PREFIX}www/pkg/neuroglow_wasm.d.ts`);
  const probe = 'http://192.0.2.1/neuroglow-probe';
  const failed = await page.evaluate((u) => fetch(u).then(() => false, () => true), probe);
  assert.equal(failed, true);
  assert.deepEqual(foreign, [probe]);
  foreign.length = 0;
  b.consoleErrors.length = 0; // the blocked probe's own console report
});

test('the page works from dist/ under a sub-path, talking to no one else', TIMEOUT, async () => {
  const { page } = b;
  served.length = 0;
  await page.goto(`${origin}${PREFIX}`);
  await page.waitForSelector('#playground[data-ready]', { timeout: 30_000 });
  const firstView = served.slice();
  const stat = (name) => page.locator(`#playground [data-stat="${name}"]`).innerText();
  assert.equal(await stat('phase'), 'idle');
  assert.equal(await stat('example'), '– of 7');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#playground [data-stat="phase"]').textContent === 'present');
  assert.equal(await stat('example'), '1 of 7');
  await page.getByRole('button', { name: 'Next cycle' }).click();
  await page.waitForFunction(() => document.querySelector('#playground [data-stat="cycle"]').textContent === '1');
  assert.match(await stat('loss'), /^\d\.\d{4}$/);
  await screenshot(page, 'dist-subpath');

  // The links the page makes stay under the sub-path.
  const link = await page.evaluate(() => window.neuroglow.link());
  assert.ok(link.startsWith(`${origin}${PREFIX}?task=xor3`), link);

  // What the first view really loaded fits the budget (gzip, as a host would send it).
  assert.ok(firstView.includes('www/pkg/neuroglow_wasm_bg.wasm'), firstView.join(', '));
  let gz = 0;
  for (const rel of new Set(firstView)) gz += gzipSync(await readFile(join(dist, rel)), { level: 9 }).length;
  assert.ok(gz <= BUDGET, `first view ${gz} bytes gzip > ${BUDGET}`);
  assert.ok(!firstView.some((f) => f.startsWith('www/data/') || f.startsWith('www/models/')), 'no MNIST data or weights in the first view');
});

test('the lesson page works from dist/', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(`${origin}${PREFIX}www/examples/lesson.html`);
  await page.waitForSelector('#pg-watch[data-ready]', { timeout: 30_000 });
  await page.waitForSelector('#pg-experiment[data-ready]');
  await page.locator('#iframe iframe').scrollIntoViewIfNeeded();
  await page.frameLocator('#iframe iframe').locator('#playground[data-ready]').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Train until the error is below 0.1' }).click();
  await page.waitForFunction(() => /^Paused at cycle/.test(document.getElementById('experiment-result').textContent), null, { timeout: 30_000 });
});

test('the MNIST section finds its data, worker and models under the sub-path', TIMEOUT, async () => {
  const { page } = b;
  served.length = 0;
  await page.goto(`${origin}${PREFIX}www/mnist/index.html`);
  await page.waitForFunction(() => window.mnist, null, { timeout: 30_000 });
  await page.evaluate(() => window.mnist.ready);
  for (const f of ['www/tasks/mnist/worker.js', 'www/data/mnist/train-images-idx3-ubyte.gz', 'www/data/mnist/t10k-labels-idx1-ubyte.gz']) {
    assert.ok(served.includes(f), `${f} was loaded (served: ${served.join(', ')})`);
  }
});

test('the page’s Draw and MNIST tabs find the drawing pad, the models and the data under the sub-path', TIMEOUT, async () => {
  const { page } = b;
  served.length = 0;
  await page.goto(`${origin}${PREFIX}?task=draw`);
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  for (const f of ['www/tasks/draw/controller.js', 'www/models/modern.ngm']) assert.ok(served.includes(f), `${f} was loaded (served: ${served.join(', ')})`);
  assert.ok(!served.some((f) => f.startsWith('www/data/')), 'no MNIST data for the drawing pad');
  const out = await page.evaluate(() => window.neuroglow.draw([[[0.5, 0.15], [0.5, 0.85]]]));
  assert.equal(out.indexOf(Math.max(...out)), 1, `a vertical stroke reads as 1: ${out}`);
  await page.getByRole('tab', { name: 'MNIST' }).click();
  await page.waitForSelector('#mnist[data-ready]', { timeout: 60_000 });
  assert.ok(served.includes('www/data/mnist/train-images-idx3-ubyte.gz'));
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, `${PREFIX}?task=mnist&lang=en`);
});

test('no requests to other origins, no cookies, no console errors', async () => {
  assert.deepEqual(foreign, []);
  assert.deepEqual(await b.context.cookies(), []);
  assert.deepEqual(b.consoleErrors, []);
});
