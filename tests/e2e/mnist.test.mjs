// The MNIST section in a real browser: the data loads with progress, training runs in a worker
// while the page stays at display rate, one 3Blue1Brown epoch reads > 85% of the test digits,
// models round-trip, bad input of every kind gets a clear message and changes nothing, two
// sections on one page keep apart, and the console stays clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 120_000 };
const b = browserForSuite();

/** Opens the standalone MNIST page and waits until the data is loaded. */
async function open(query = '') {
  const { page } = b;
  await page.goto(url(`www/mnist/index.html${query}`));
  await page.waitForFunction(() => window.mnist, null, { timeout: 20_000 });
  if (!query.includes('data=')) await page.evaluate(() => window.mnist.ready);
  return page;
}

const root = (page) => page.locator('.mn-root').first();
const counter = (page, name) => root(page).locator(`[data-c="${name}"]`).innerText();
const state = (page) => page.evaluate(() => {
  const s = window.mnist.state();
  return { ...s, evaluation: s.evaluation && { accuracy: s.evaluation.accuracy, reason: s.evaluation.reason } };
});
const num = (text) => Number(text.replace(/[^0-9.]/g, ''));
/** Drops expected console errors (the browser's own 404 reports). */
const forgive = (re) => b.consoleErrors.splice(0, b.consoleErrors.length, ...b.consoleErrors.filter((e) => !re.test(e)));

/** Bright pixels on the network canvas (the input image is drawn light on dark). */
const brightPixels = (page) => page.evaluate(() => {
  const c = document.querySelector('.mn-net-canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 200) n++;
  return n;
});

/** An input for predict(): 784 numbers 0..1, a rough "1". */
const INPUT = Array.from({ length: 784 }, (_, j) => {
  const r = Math.floor(j / 28);
  const c = j % 28;
  return (c > 12 && c < 16 && r > 4 && r < 24) ? 1 : 0; // a "1"
});

test('the data loads with a progress bar; the 3Blue1Brown preset has 13,002 weights and biases', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('www/mnist/index.html'));
  await page.waitForFunction(() => window.mnist, null, { timeout: 20_000 });
  assert.equal(await page.locator('progress[aria-label="Loading data"]').count(), 1);
  await page.evaluate(() => window.mnist.ready);
  assert.equal(await root(page).locator('[data-part="loading"]').isHidden(), true);
  const s = await state(page);
  assert.equal(s.ready, true);
  assert.ok(s.loading.total > 10_000_000, `loaded ${s.loading.total} bytes`);
  assert.deepEqual(s.info.sizes, [784, 16, 16, 10]);
  assert.equal(s.info.parameterCount, 13002);
  await page.getByText('13,002', { exact: true }).waitFor();
  assert.match(await root(page).innerText(), /13,002\s+weights and biases/);
  assert.match(await root(page).innerText(), /Yann LeCun, Corinna Cortes and Christopher J\. C\. Burges, CC BY-SA 3\.0/);
  // The input layer is drawn as pixels: the canvas is not blank.
  const lit = await brightPixels(page);
  assert.ok(lit > 100, `bright pixels on the network canvas: ${lit}`);
  await screenshot(page, 'mnist-1280x800-ready');
});

test('Play trains in the worker: charts and counters move and the page stays at display rate', TIMEOUT, async () => {
  const page = await open();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await page.waitForFunction(() => window.mnist.state().seen > 5000 && window.mnist.state().evaluation, null, { timeout: 10_000 });
  const seen1 = num(await counter(page, 'seen'));
  // Frame intervals while training at full speed.
  const frames = await page.evaluate(() => new Promise((resolve) => {
    const times = [];
    const t0 = performance.now();
    const tick = (t) => {
      times.push(t);
      if (t - t0 < 2000) requestAnimationFrame(tick);
      else {
        const d = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
        resolve({ median: d[d.length >> 1], p90: d[Math.floor(d.length * 0.9)], count: d.length });
      }
    };
    requestAnimationFrame(tick);
  }));
  assert.ok(frames.median < 25, `median frame interval ${frames.median.toFixed(1)} ms (p90 ${frames.p90.toFixed(1)} ms, ${frames.count} frames)`);
  const seen2 = num(await counter(page, 'seen'));
  assert.ok(seen2 > seen1, `examples seen moved: ${seen1} → ${seen2}`);
  assert.ok(num(await counter(page, 'sps')) > 1000, 'samples per second shown');
  assert.match(await counter(page, 'acc'), /%$/);
  const charts = await page.evaluate(() => [...document.querySelectorAll('.mn-chart-canvas')].map((c) => c.getAttribute('aria-label')));
  assert.match(charts[0], /loss: \d/);
  assert.match(charts[1], /training: \d+(\.\d)?%; test: \d+(\.\d)?%/);
  await screenshot(page, 'mnist-1280x800-training');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  await page.waitForTimeout(300);
  const a = (await state(page)).seen;
  await page.waitForTimeout(500);
  const s = await state(page);
  assert.equal(s.playing, false);
  assert.equal(s.seen, a, 'no training after Pause');
});

test('one 3Blue1Brown epoch reads more than 85% of the 10,000 test digits; mistakes can be inspected', TIMEOUT, async () => {
  const page = await open();
  const ev = await page.evaluate(async () => {
    await window.mnist.configure({ preset: '3b1b' });
    const e = await window.mnist.train({ epochs: 1 });
    return {
      accuracy: e.accuracy, count: e.count, confusion: e.confusion.length, perClass: e.perClass.length,
      mistakes: e.mistakes.length, first: e.mistakes[0], guess: e.guesses[0],
    };
  });
  assert.ok(ev.accuracy > 0.85, `test accuracy ${ev.accuracy}`);
  assert.equal(ev.count, 10000);
  assert.equal(ev.confusion, 100);
  assert.equal(ev.perClass, 10);
  assert.ok(ev.mistakes > 0);
  const again = await page.evaluate(() => window.mnist.evaluate().then((e) => e.accuracy));
  assert.equal(again, ev.accuracy, 'evaluate() agrees with the epoch-end evaluation');
  assert.equal((await state(page)).epoch, 1);
  // Confusion matrix, per-digit bars and the gallery of mistakes.
  await page.getByRole('table').waitFor();
  assert.equal(await page.locator('.mn-confusion tbody tr').count(), 10);
  assert.equal(await page.locator('.mn-bars li').count(), 10);
  // The gallery follows training; wait until it shows this evaluation's mistakes.
  const thumb = page.locator(`.mn-thumb[data-index="${ev.first}"]`);
  await thumb.waitFor();
  assert.match(await thumb.getAttribute('aria-label'), new RegExp(`the network guessed ${ev.guess}$`));
  const name = await thumb.getAttribute('aria-label');
  assert.match(name, /^Test image \d+: a \d, the network guessed \d$/);
  await thumb.click();
  await page.waitForFunction(() => /^Test image/.test(document.querySelector('[data-part="status"]').textContent));
  await page.waitForFunction((i) => {
    const s = window.mnist.state();
    return s.probe === i && s.state.phase === 'forward' && !s.state.inProgress;
  }, ev.first, { timeout: 5000 });
  const [, , label, guess] = name.match(/^Test image (\d+): a (\d), the network guessed (\d)$/);
  assert.match(await root(page).locator('[data-part="status"]').innerText(), new RegExp(`a ${label} · the network says ${guess}`));
  // Picking a confusion cell filters the gallery.
  const cell = page.locator('.mn-confusion button[aria-pressed]:not([disabled])').first();
  await cell.click();
  assert.match(await page.locator('.mn-gallery-status').innerText(), /taken for a/);
  await screenshot(page, 'mnist-1280x800-evaluated');
});

test('Step goes phase by phase: forward layer by layer, error, backward, update', TIMEOUT, async () => {
  const page = await open();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const key = () => page.evaluate(() => JSON.stringify(window.mnist.state().state));
  const phases = [];
  for (let i = 0; i < 9; i++) {
    const before = await key();
    await step.click();
    await page.waitForFunction((k) => JSON.stringify(window.mnist.state().state) !== k, before);
    const s = (await state(page)).state;
    phases.push(s.phase + (s.layer ?? ''));
  }
  assert.deepEqual(phases.slice(0, 8), ['present', 'forward0', 'forward1', 'forward2', 'error', 'backward2', 'backward1', 'backward0']);
  // The phase text follows with the next drawn frame (the state can be a frame ahead of it).
  const phaseText = root(page).locator('[data-part="phase"]');
  await page.waitForFunction((el) => /^(Update|The image)/.test(el.textContent), await phaseText.elementHandle(), { timeout: 5_000 }).catch(() => {});
  assert.match(await phaseText.innerText(), /^(Update|The image)/);
  for (const [name, seen] of [['One example', 2], ['One batch', 12]]) {
    await page.getByRole('button', { name, exact: true }).click();
    // (Waits for the worker's reply rather than a fixed time: a loaded machine answers late.)
    await page.waitForFunction((n) => window.mnist.state().seen >= n, seen, { timeout: 10_000 }).catch(() => {});
  }
  assert.equal((await state(page)).seen, 12, 'one example by phases, one whole, one batch of 10');
  assert.equal(await counter(page, 'seen'), '12');
  await page.getByRole('button', { name: 'One epoch', exact: true }).click();
  await page.waitForFunction(() => window.mnist.state().epoch === 1, null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.waitForFunction(() => window.mnist.state().epoch === 0 && window.mnist.state().seen === 0);
});

test('save → load gives the same predictions; garbage is refused and the model stays', TIMEOUT, async () => {
  const page = await open();
  const r = await page.evaluate(async (input) => {
    const m = window.mnist;
    await m.step('batch');
    const before = await m.predict(input);
    const bytes = await m.save();
    await m.train({ epochs: 1 });
    const trained = await m.predict(input);
    await m.load(bytes);
    const loaded = await m.predict(input);
    let error = null;
    try {
      await m.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]));
    } catch (e) {
      error = e.message;
    }
    const after = await m.predict(input);
    let bad = null;
    try {
      await m.predict([1, 2, 3]);
    } catch (e) {
      bad = e.message;
    }
    return { before, trained, loaded, after, error, bad, size: bytes.length, outputs: before.length };
  }, INPUT);
  assert.equal(r.outputs, 10);
  assert.ok(r.size > 13002 * 4, `model file of ${r.size} bytes`);
  assert.notDeepEqual(r.trained, r.before, 'training changed the predictions');
  assert.deepEqual(r.loaded, r.before, 'the loaded model predicts as the saved one did');
  assert.match(r.error, /not a neuroglow model/);
  assert.deepEqual(r.after, r.before, 'the model stayed after a refused file');
  assert.match(r.bad, /784/);
  // Through the page: a garbage file in "Load model" gets a visible message.
  await page.getByLabel('Load model').setInputFiles({ name: 'garbage.ngm', mimeType: 'application/octet-stream', buffer: Buffer.from('definitely not a model') });
  await page.getByRole('alert').filter({ hasText: 'not a neuroglow model' }).waitFor();
  assert.deepEqual(await page.evaluate((input) => window.mnist.predict(input), INPUT), r.before);
});

test('invalid custom settings are refused with the core’s message and the network stays', TIMEOUT, async () => {
  const page = await open();
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('Learning rate', { exact: true }).fill('-1');
  await page.getByRole('button', { name: 'Apply settings' }).click();
  await page.getByRole('alert').filter({ hasText: 'learning rate -1 is out of range' }).waitFor();
  assert.equal((await state(page)).info.parameterCount, 13002);
  // Valid custom settings apply.
  await page.getByLabel('Learning rate', { exact: true }).fill('0.005');
  await page.getByLabel('Hidden layers', { exact: true }).fill('32');
  await page.getByLabel('Optimizer', { exact: true }).selectOption('adam');
  await page.getByRole('button', { name: 'Apply settings' }).click();
  await page.waitForFunction(() => window.mnist.state().info.sizes.join() === '784,32,10');
  assert.equal((await state(page)).info.optimizer, 'adam');
  // The Modern preset.
  await page.getByRole('radio', { name: 'Modern' }).check();
  await page.waitForFunction(() => window.mnist.state().info.sizes.join() === '784,128,64,10');
  assert.match(await root(page).locator('.mn-caption').innerText(), /showing the 2,000 strongest of 100,352 synapses/i);
  await page.waitForTimeout(300);
  await screenshot(page, 'mnist-1280x800-modern');
});

test('divergence pauses with an explanation; Reset recovers', TIMEOUT, async () => {
  const page = await open();
  const diverged = await page.evaluate(async () => {
    const m = window.mnist;
    await m.configure({ preset: 'modern', outputActivation: 'linear', loss: 'squared_error', learningRate: 50 });
    const got = new Promise((resolve) => m.on('diverged', resolve));
    await m.play();
    const d = await got;
    return d.message;
  });
  assert.match(diverged, /diverged/);
  await page.getByRole('alert').filter({ hasText: 'Reset' }).waitFor();
  assert.equal((await state(page)).playing, false);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.waitForFunction(() => !window.mnist.state().state.diverged && window.mnist.state().epoch === 0);
  assert.equal(await page.getByRole('alert').filter({ hasText: 'diverged' }).count(), 0);
});

test('a failed data load says why', TIMEOUT, async () => {
  const page = await open('?data=./no-such-folder/');
  const why = await page.evaluate(() => window.mnist.ready.then(() => null, (e) => e.message));
  assert.match(why, /HTTP 404/);
  await page.getByText(/could not load the training images .*HTTP 404/).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Try again' }).isVisible());
  assert.equal(await page.getByRole('button', { name: 'Play', exact: true }).isDisabled(), true);
  forgive(/404|Failed to load resource/); // the browser itself logs the 404s
});

test('?data= on another origin is refused with a message; nothing is requested from it', TIMEOUT, async () => {
  const { page } = b;
  const foreign = [];
  const watch = (req) => {
    if (!req.url().startsWith(url(''))) foreign.push(req.url());
  };
  page.on('request', watch);
  for (const data of ['https://example.org/mnist/', '//example.org/mnist/', 'javascript:alert(1)']) {
    await page.goto(url(`www/mnist/index.html?data=${encodeURIComponent(data)}`));
    await page.getByRole('alert').filter({ hasText: 'the data must be a relative path on this site' }).waitFor();
    await page.waitForFunction(() => window.mnist, null, { timeout: 20_000 });
    await page.evaluate(() => window.mnist.ready);
  }
  page.off('request', watch);
  assert.deepEqual(foreign, []);
});

test('pretrained models: loaded when shipped, a clear message when missing', TIMEOUT, async () => {
  const page = await open();
  const shipped = existsSync(new URL('../../www/models/modern.ngm', import.meta.url));
  await page.getByLabel('Pretrained', { exact: true }).selectOption('modern');
  const load = page.getByRole('button', { name: 'Load pretrained' });
  if (shipped) {
    await load.click();
    await page.getByText(/Loaded the pretrained Modern model: \d+\.\d+% of the test digits right/).waitFor({ timeout: 20_000 });
    const s = await state(page);
    assert.deepEqual(s.info.sizes, [784, 128, 64, 10]);
    assert.ok(s.evaluation.accuracy > 0.95, `pretrained accuracy ${s.evaluation.accuracy}`);
    assert.ok(await page.getByRole('radio', { name: 'Modern' }).isChecked());
  }
  // A missing file (as before `cargo xtask train` made one) says so; the model stays.
  const before = (await state(page)).info.sizes;
  await page.route('**/models/3b1b.ngm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.getByLabel('Pretrained', { exact: true }).selectOption('3b1b');
  await load.click();
  await page.getByRole('alert').filter({ hasText: /pretrained 3Blue1Brown model is not available \(models\/3b1b\.ngm: HTTP 404\)/ }).waitFor();
  assert.deepEqual((await state(page)).info.sizes, before);
  await page.unroute('**/models/3b1b.ngm');
  forgive(/404|Failed to load resource/); // the browser logs the 404
});

/** An IDX file: magic (type 0x08, `dims.length` dimensions), big-endian sizes, then bytes. */
function idx(dims, bytes) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(0x0800 + dims.length, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(bytes)]);
}

test('your own data: an IDX pair of 12×12 images trains, and the input grid adapts', TIMEOUT, async () => {
  const page = await open();
  const n = 300;
  const side = 12;
  const classes = 3;
  const images = [];
  const labels = [];
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    labels.push(c);
    for (let p = 0; p < side * side; p++) images.push(Math.floor(p / side) >> 2 === c ? 255 : (i * 7 + p) % 40);
  }
  await page.getByText('Train on your own data').click();
  await page.getByLabel('Training images', { exact: true }).setInputFiles({ name: 'x-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx([n, side, side], images) });
  // A labels file in the images slot: the core says what is wrong.
  await page.getByLabel('Training labels', { exact: true }).setInputFiles({ name: 'x-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx([n, side, side], images) });
  await page.getByRole('button', { name: 'Train on these files' }).click();
  await page.getByRole('alert').filter({ hasText: /labels/ }).waitFor();
  assert.deepEqual((await state(page)).info.sizes, [784, 16, 16, 10], 'MNIST stays after refused files');
  await page.getByLabel('Training labels', { exact: true }).setInputFiles({ name: 'x-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx([n], labels) });
  await page.getByLabel('Test images (optional)', { exact: true }).setInputFiles({ name: 't10k-images', mimeType: 'application/octet-stream', buffer: idx([n, side, side], images) });
  await page.getByLabel('Test labels (optional)', { exact: true }).setInputFiles({ name: 't10k-labels', mimeType: 'application/octet-stream', buffer: idx([n], labels) });
  await page.getByRole('button', { name: 'Train on these files' }).click();
  await page.getByText(/Training on x-images-idx3-ubyte \(300 images of 12×12 pixels, 10 classes\)/).waitFor();
  const s = await state(page);
  assert.deepEqual(s.info.sizes, [144, 16, 16, 10]); // the core gives image sets at least 10 classes
  const ev = await page.evaluate(() => window.mnist.train({ epochs: 30 }).then((e) => e.accuracy));
  assert.ok(ev > 0.9, `accuracy on the toy set ${ev}`);
  assert.match(await root(page).locator('[data-part="status"]').innerText(), /of 300/);
});

test('two MNIST sections on one page keep apart; destroy removes one', TIMEOUT, async () => {
  const page = await open();
  const r = await page.evaluate(async () => {
    const { mountMnist } = await import('../neuroglow.js');
    const el = document.createElement('div');
    document.body.append(el);
    const refused = [];
    for (const bad of [{ bogus: 1 }, { preset: 'huge' }, { task: 'xor3' }]) {
      await mountMnist(el, bad).then(() => refused.push('accepted'), (e) => refused.push(e.message));
    }
    const second = await mountMnist(el, { task: 'mnist', preset: 'modern', heading: false, examplesPerSecond: 500 });
    await second.ready;
    const first = window.mnist;
    await first.train({ epochs: 1 });
    const a = first.state();
    const b2 = second.state();
    second.destroy();
    return { refused, first: a.epoch, second: b2.epoch, sizes: b2.info.sizes, left: el.children.length, roots: document.querySelectorAll('.mn-root').length };
  });
  assert.match(r.refused[0], /unknown option "bogus"/);
  assert.match(r.refused[1], /unknown preset "huge"/);
  assert.match(r.refused[2], /task must be "mnist"/);
  assert.equal(r.first, 1);
  assert.equal(r.second, 0);
  assert.deepEqual(r.sizes, [784, 128, 64, 10]);
  assert.equal(r.left, 0);
  assert.equal(r.roots, 1);
});

test('narrow screens: the layout wraps and the network turns upright', TIMEOUT, async () => {
  const page = await open();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.mnist.step('phase'));
  await page.waitForTimeout(400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  const upright = await page.evaluate(() => {
    const r = document.querySelector('.mn-net-canvas').getBoundingClientRect();
    return r.height > r.width;
  });
  assert.ok(upright, 'the network is drawn top to bottom');
  assert.ok(await brightPixels(page) > 100, 'the network is drawn after the resize');
  await screenshot(page, 'mnist-390x844');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('every control has an accessible name and the console stayed clean', TIMEOUT, async () => {
  const page = await open();
  const unnamed = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.mn-root button, .mn-root input, .mn-root select')) {
      const labelled = el.getAttribute('aria-label') || el.labels?.length || el.textContent.trim() || el.getAttribute('aria-labelledby');
      if (!labelled) out.push(el.outerHTML.slice(0, 80));
    }
    return out;
  });
  assert.deepEqual(unnamed, []);
  // Keyboard: Tab reaches Play (after the back link and the language menu) and Enter starts training.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Play');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  assert.deepEqual(b.consoleErrors, []);
});
