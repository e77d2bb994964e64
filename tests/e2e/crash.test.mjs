// A trap in the WebAssembly module never leaves a dead page: the section whose module stopped
// shows one notice (role="alert") with what happened and a "Reload this section" button, which
// brings a fresh module (for MNIST a new worker) and mounts the section again with the settings
// in force; the handle from mount() keeps working. The traps are real WebAssembly.RuntimeErrors
// thrown where wasm-bindgen's bindings call into wasm: for XOR and the worker an export called
// with a pointer outside wasm memory (a genuine "memory access out of bounds" trap of the real
// instance); for the pad a binding that throws `new WebAssembly.RuntimeError('unreachable')`, as
// a panic does. The recovery path exercised is the page's own, unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 150_000 };
const b = browserForSuite();
const NOTICE = '.ng-crash';
const RELOAD = { name: 'Reload this section' };

/**
 * Makes `Class.prototype.method` of the wasm-bindgen module loaded in `realm` (the page or a
 * worker) trap on its next call. `real`: call the export with a pointer outside wasm memory (a
 * genuine trap); else throw a RuntimeError as a panic's `unreachable` does.
 */
function trap(realm, cls, method, real) {
  return realm.evaluate(async ([glue, cls, method, real]) => {
    // The module the page (or worker) loaded first: the same URL, so the same module instance.
    const m = await import(glue);
    const exports = await m.default(); // already initialised: its exports, nothing new
    const raw = exports[`${cls.toLowerCase()}_${method}`];
    m[cls].prototype[method] = real
      ? function (...args) { return raw(0xfffffff0 | 0, ...args); }
      : function () { throw new WebAssembly.RuntimeError('unreachable'); };
  }, [url('www/pkg/neuroglow_wasm.js'), cls, method, real]);
}

const noticeCount = (page) => page.locator(NOTICE).count();

/** Waits for the notice in `host`; returns its text. It is an alert with a keyboard-reachable button. */
async function expectNotice(page, host) {
  const notice = page.locator(`${host} ${NOTICE}`);
  await notice.waitFor({ timeout: 15_000 });
  assert.equal(await notice.getAttribute('role'), 'alert');
  const text = await notice.innerText();
  assert.match(text, /Something went wrong inside neuroglow/);
  const button = notice.getByRole('button', RELOAD);
  assert.equal(await button.count(), 1);
  assert.equal(await button.evaluate((e) => e.tabIndex >= 0 && !e.disabled), true);
  return text;
}

/** The console's errors since the last call: a crash is logged once (by Rust's hook or, without a panic, by crash.js). */
function consoleErrors() {
  return b.consoleErrors.splice(0);
}

/** Presses the notice's button with the keyboard. */
async function reloadWithKeyboard(page, host) {
  const button = page.locator(`${host} ${NOTICE}`).getByRole('button', RELOAD);
  await button.focus();
  await page.keyboard.press('Enter');
  await page.locator(`${host} ${NOTICE}`).waitFor({ state: 'detached', timeout: 60_000 });
}

test('XOR: a trap shows one notice; Reload brings the section back with its settings, and it trains', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('index.html?task=xor3&hidden=5,3&lr=0.3'));
  await page.waitForSelector('#playground[data-ready]', { timeout: 20_000 });
  consoleErrors();
  const before = await page.evaluate(async () => {
    const pg = window.playgrounds.xor;
    window.cycleEvents = 0;
    pg.on('cycle', () => window.cycleEvents++); // a listener from before the crash
    pg.configure({ activation: 'tanh' }); // a setting changed on the page, not in the first URL
    await pg.train({ cycles: 50 });
    return { settings: pg.settings(), cycle: pg.state().cycle };
  });
  assert.deepEqual(before.settings.hidden, [5, 3]);
  assert.equal(before.cycle, 50);

  await trap(page, 'Playground', 'trainCycles', true);
  const failed = await page.evaluate(() => window.playgrounds.xor.train({ cycles: 100 }).then(() => null, (e) => ({ code: e.code, message: e.message })));
  assert.equal(failed.code, 'crashed');
  const text = await expectNotice(page, '#playground');
  assert.match(text, /memory access out of bounds/);
  assert.match(text, /settings are kept/i);
  await page.waitForTimeout(1000); // nothing reloads by itself, nothing piles up
  assert.equal(await noticeCount(page), 1);
  assert.equal(await page.locator('#playground .ng-canvas-wrap:visible').count(), 0, 'the dead section is out of sight');
  await screenshot(page, 'crash-xor');

  await reloadWithKeyboard(page, '#playground');
  await page.waitForSelector('#playground[data-ready]', { timeout: 20_000 });
  const after = await page.evaluate(async () => {
    const pg = window.playgrounds.xor;
    const start = { cycle: pg.state().cycle, events: window.cycleEvents };
    const trained = await pg.train({ cycles: 2000 });
    const focus = document.activeElement?.closest('#playground') !== null;
    return { settings: pg.settings(), info: pg.info(), start, trained: trained.cycle, events: window.cycleEvents - start.events, search: location.search, focus };
  });
  assert.deepEqual(after.settings, before.settings, 'the settings in force before the crash');
  assert.deepEqual(after.info.sizes, [3, 5, 3, 1]);
  assert.equal(after.info.activations[1], 'tanh');
  assert.equal(after.start.cycle, 0, 'a fresh network');
  assert.equal(after.trained, 2000, 'it trains again');
  assert.ok(after.events > 0, 'listeners added before the crash still hear the new section');
  assert.match(after.search, /hidden=5,3/);
  assert.match(after.search, /lr=0.3/);
  assert.ok(after.focus, 'focus stays in the section');
  assert.equal(await noticeCount(page), 0);
  const logged = consoleErrors();
  assert.equal(logged.length, 1, logged.join('\n'));
  assert.match(logged[0], /neuroglow: the WebAssembly module stopped \(memory access out of bounds\)/);
});

test('draw: a trap while reading shows the notice; Reload keeps the model and palette and reads again', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('index.html?task=draw&model=3b1b&palette=blue-orange'));
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  consoleErrors();
  await trap(page, 'Reader', 'readStrokes', false); // the pad reads its strokes
  // The pad shows a reading's errors itself; the notice comes from the module's death.
  const thrown = await page.evaluate(() => {
    try {
      window.playgrounds.draw.draw([[[0.5, 0.15], [0.5, 0.85]]]);
      return null;
    } catch (e) {
      return e.code;
    }
  });
  assert.equal(thrown, 'crashed', 'the call that found the module dead says so');
  const text = await expectNotice(page, '#draw');
  assert.match(text, /unreachable/);
  assert.equal(await noticeCount(page), 1);
  await screenshot(page, 'crash-draw');
  await reloadWithKeyboard(page, '#draw');
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  await page.waitForFunction(() => window.playgrounds.draw.state().info, null, { timeout: 30_000 });
  const after = await page.evaluate(() => {
    const pad = window.playgrounds.draw;
    const outputs = pad.draw([[[0.5, 0.15], [0.5, 0.85]]]);
    return { settings: pad.settings(), outputs, model: pad.state().model };
  });
  assert.equal(after.settings.model, '3b1b');
  assert.equal(after.settings.palette, 'blue-orange');
  assert.equal(after.model, '3b1b');
  assert.equal(after.outputs.length, 10, 'it reads drawings again');
  assert.equal(consoleErrors().length, 1);
});

test('MNIST: a trap in the training worker shows the notice; Reload starts a new worker with the settings and trains', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('index.html?task=mnist&preset=modern&lr=0.02'));
  await page.waitForFunction(() => window.playgrounds?.mnist, null, { timeout: 30_000 });
  await page.evaluate(() => window.playgrounds.mnist.ready);
  consoleErrors();
  const worker = page.workers().find((w) => w.url().includes('/tasks/mnist/worker.js'));
  assert.ok(worker, 'the training worker');
  await trap(worker, 'Playground', 'trainExamples', true);
  const failed = await page.evaluate(() => window.playgrounds.mnist.train({ epochs: 1 }).then(() => null, (e) => ({ code: e.code, message: e.message })));
  assert.equal(failed.code, 'crashed');
  const text = await expectNotice(page, '#mnist');
  assert.match(text, /memory access out of bounds/);
  await page.waitForTimeout(500);
  assert.equal(await noticeCount(page), 1);
  await screenshot(page, 'crash-mnist');

  await reloadWithKeyboard(page, '#mnist');
  const after = await page.evaluate(async () => {
    const pg = window.playgrounds.mnist;
    await pg.ready;
    await pg.step('batch');
    return { settings: pg.settings(), info: pg.info(), seen: pg.state().seen, workers: null };
  });
  assert.equal(after.settings.preset, 'modern');
  assert.equal(after.settings.learningRate, 0.02);
  assert.deepEqual(after.info.sizes, [784, 128, 64, 10]);
  assert.ok(after.seen > 0, 'it trains again');
  assert.equal(page.workers().filter((w) => w.url().includes('/tasks/mnist/worker.js')).length, 1, 'the dead worker is gone');
  const logged = consoleErrors();
  assert.equal(logged.length, 1, logged.join('\n'));
  assert.match(logged[0], /module stopped \(memory access out of bounds\)/);
});

test('one module, several sections: all that used it say so, other tasks keep working, each reloads on its own', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('www/examples/lesson.html'));
  await page.waitForFunction(() => window.lesson && Object.keys(window.lesson).length >= 4, null, { timeout: 60_000 });
  await page.evaluate(() => window.lesson['pg-digits'].ready);
  consoleErrors();
  await trap(page, 'Playground', 'stepPhase', false);
  await page.evaluate(() => {
    try {
      window.lesson['pg-watch'].step('phase');
    } catch {
      // the notice says it
    }
  });
  // Both XOR playgrounds and the pad used the page's module: each shows the notice once.
  for (const host of ['#pg-watch', '#pg-experiment', '#pg-draw']) await expectNotice(page, host);
  assert.equal(await noticeCount(page), 3);
  // MNIST trains in its own worker: untouched.
  assert.equal(await page.locator('#pg-digits .ng-crash').count(), 0);
  const seen = await page.evaluate(async () => {
    await window.lesson['pg-digits'].step('batch');
    return window.lesson['pg-digits'].state().seen;
  });
  assert.ok(seen > 0);
  await reloadWithKeyboard(page, '#pg-experiment');
  const cycle = await page.evaluate(async () => (await window.lesson['pg-experiment'].train({ cycles: 100 })).cycle);
  assert.equal(cycle, 100);
  assert.equal(await noticeCount(page), 2, 'the others wait for their own button');
  await reloadWithKeyboard(page, '#pg-watch');
  await reloadWithKeyboard(page, '#pg-draw');
  assert.equal(await noticeCount(page), 0);
  const watch = await page.evaluate(() => window.lesson['pg-watch'].step('phase').phase);
  assert.equal(watch, 'present');
  assert.equal(consoleErrors().length, 1, 'one module stopped, one report');
});

test('the standalone MNIST page: a trap in its worker, the notice, a new worker with the same options', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('www/mnist/index.html?preset=modern'));
  await page.waitForFunction(() => window.mnist, null, { timeout: 20_000 });
  await page.evaluate(() => window.mnist.ready);
  consoleErrors();
  const worker = page.workers().find((w) => w.url().includes('/tasks/mnist/worker.js'));
  await trap(worker, 'Playground', 'stepPhase', false);
  const code = await page.evaluate(() => window.mnist.step('phase').then(() => null, (e) => e.code));
  assert.equal(code, 'crashed');
  await expectNotice(page, '#app');
  await reloadWithKeyboard(page, '#app');
  const after = await page.evaluate(async () => {
    await window.mnist.ready;
    await window.mnist.step('example');
    return { sizes: window.mnist.state().info.sizes, seen: window.mnist.state().seen };
  });
  assert.deepEqual(after.sizes, [784, 128, 64, 10]);
  assert.equal(after.seen, 1);
  assert.equal(consoleErrors().length, 1);
});

test('no loop: a section that stops again right after its reload says so, and comes back paused', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('index.html?task=xor3&start=playing'));
  await page.waitForSelector('#playground[data-ready]', { timeout: 20_000 });
  consoleErrors();
  const frameTraps = async (glue) => page.evaluate(async (glue) => {
    const m = await import(glue);
    m.Playground.prototype.frame = function () {
      throw new WebAssembly.RuntimeError('unreachable');
    };
  }, glue);
  await frameTraps(url('www/pkg/neuroglow_wasm.js')); // the next frame drawn while playing traps
  assert.doesNotMatch(await expectNotice(page, '#playground'), /stopped again/);
  await reloadWithKeyboard(page, '#playground');
  await page.waitForSelector('#playground[data-ready]', { timeout: 20_000 });
  assert.equal(await page.evaluate(() => window.playgrounds.xor.state().playing), true, 'the first reload keeps start=playing');
  // The fresh module (a module record of its own) stops too, within seconds of the reload.
  await frameTraps(url('www/pkg/neuroglow_wasm.js?instance=2'));
  const text = await expectNotice(page, '#playground');
  assert.match(text, /stopped again soon after reloading/);
  assert.match(text, /come back paused/);
  await page.waitForTimeout(1000);
  assert.equal(await noticeCount(page), 1, 'nothing reloads by itself');
  await screenshot(page, 'crash-again');
  await reloadWithKeyboard(page, '#playground');
  await page.waitForSelector('#playground[data-ready]', { timeout: 20_000 });
  await page.waitForTimeout(500);
  const s = await page.evaluate(() => ({ playing: window.playgrounds.xor.state().playing, start: window.playgrounds.xor.settings().start }));
  assert.deepEqual(s, { playing: false, start: 'paused' });
  assert.equal(await noticeCount(page), 0);
  const logged = consoleErrors();
  assert.equal(logged.length, 2, logged.join('\n'));
});
