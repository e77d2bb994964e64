// The example lesson page (www/examples/lesson.html): an XOR playground paused at the start, a
// scripted experiment that pauses when the error drops below 0.1, an embedded iframe, the
// 3Blue1Brown MNIST network, a drawing pad, and the playgrounds keeping out of each other's way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 90_000 };
const b = browserForSuite();

async function open() {
  const { page } = b;
  await page.goto(url('www/examples/lesson.html'));
  await page.waitForSelector('#pg-watch[data-ready]', { timeout: 20_000 });
  await page.waitForSelector('#pg-experiment[data-ready]', { timeout: 20_000 });
  await page.waitForFunction(() => window.lesson);
  return page;
}

const state = (page, id) => page.evaluate((i) => window.lesson[i].state(), id);

test('the XOR playground waits, paused at cycle 0, with the lesson around it', TIMEOUT, async () => {
  const page = await open();
  const s = await state(page, 'pg-watch');
  assert.equal(s.cycle, 0);
  assert.equal(s.phase, 'idle');
  assert.equal(s.playing, false);
  assert.equal(s.task, 'xor3');
  const watch = page.locator('#pg-watch');
  assert.deepEqual(
    (await watch.getByRole('button').allInnerTexts()).map((t) => t.replace(/[^\w ]+/g, '').trim()),
    ['Step', 'Next example', 'Next cycle', 'Play', 'Reset'],
  );
  assert.equal(await watch.locator('.ng-panel-examples').count(), 1);
  assert.equal(await watch.locator('.ng-panel-settings').count(), 0, 'only the parts the lesson chose');
  await page.getByText('1 when exactly one of the first two inputs is 1').waitFor();
  await screenshot(page, 'lesson-1280x800');
});

test('the scripted experiment pauses when the error drops below 0.1, and only that playground moves', TIMEOUT, async () => {
  const page = await open();
  const watch = page.locator('#pg-watch');
  await watch.getByRole('button', { name: 'Step', exact: true }).click();
  const watchBefore = await state(page, 'pg-watch');

  await page.getByRole('button', { name: 'Train until the error is below 0.1' }).click();
  const result = page.locator('#experiment-result');
  await page.waitForFunction(() => /^Paused at cycle/.test(document.getElementById('experiment-result').textContent), null, { timeout: 30_000 });
  const s = await state(page, 'pg-experiment');
  assert.ok(s.loss < 0.1, `loss ${s.loss}`);
  assert.equal(s.playing, false);
  assert.ok(s.cycle > 0 && s.cycle < 60000);
  assert.equal(await result.innerText(), `Paused at cycle ${s.cycle.toLocaleString('en-US')}: the average error is ${s.loss.toFixed(4)}.`);
  // Exactly there: one cycle earlier the error was still at or above 0.1 (a fresh network, same settings).
  const earlier = await page.evaluate(async (cycles) => {
    const { mount } = await import(new URL('../neuroglow.js', document.baseURI).href);
    const host = document.body.appendChild(document.createElement('div'));
    const p = await mount(host, { task: 'xor2', controls: false });
    const r = await p.train({ cycles });
    p.destroy();
    host.remove();
    return r.loss;
  }, s.cycle - 1);
  assert.ok(earlier >= 0.1, `one cycle before: ${earlier}`);

  // The other playground did not move.
  const watchAfter = await state(page, 'pg-watch');
  assert.deepEqual([watchAfter.cycle, watchAfter.phase, watchAfter.example], [watchBefore.cycle, watchBefore.phase, watchBefore.example]);
  // Keys go to the playground that has focus.
  await watch.locator('.ng-net').focus();
  await page.keyboard.press('ArrowRight');
  assert.notEqual((await state(page, 'pg-watch')).phase, watchBefore.phase);
  assert.equal((await state(page, 'pg-experiment')).cycle, s.cycle);
  // Reset clears the message; Play runs it again and the same line stops it.
  await page.locator('#pg-experiment').getByRole('button', { name: 'Reset' }).click();
  assert.equal(await result.innerText(), '');
  await page.locator('#pg-experiment').getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => /^Paused at cycle/.test(document.getElementById('experiment-result').textContent), null, { timeout: 60_000 });
  assert.equal((await state(page, 'pg-experiment')).cycle, s.cycle, 'playing stops at the same cycle');
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'no duplicate ids');
});

test('the iframe shows the embed layout', TIMEOUT, async () => {
  const page = await open();
  const frameEl = page.locator('#iframe iframe');
  await frameEl.scrollIntoViewIfNeeded();
  const frame = page.frameLocator('#iframe iframe');
  await frame.locator('#playground[data-ready]').waitFor({ timeout: 20_000 });
  assert.deepEqual(
    (await frame.locator('#playground').getByRole('button').allInnerTexts()).map((t) => t.replace(/[^\w ]+/g, '').trim()),
    ['Step', 'Play', 'Reset'],
  );
  assert.equal(await frame.locator('.ng-palette-blue-orange').count(), 1);
  assert.equal(await frame.getByRole('tablist').isVisible(), false, 'no tabs in an embed');
  await frame.getByRole('button', { name: 'Step', exact: true }).click();
});

test('the MNIST playground loads the 3Blue1Brown net (13,002 parameters) and trains one epoch from the lesson’s button', TIMEOUT, async () => {
  const page = await open();
  await page.waitForSelector('#pg-digits[data-ready]', { timeout: 60_000 });
  const s = await state(page, 'pg-digits');
  assert.equal(s.task, 'mnist');
  assert.equal(s.ready, true);
  assert.deepEqual(s.info.sizes, [784, 16, 16, 10]);
  assert.equal(s.info.parameterCount, 13002);
  assert.equal(s.playing, false);
  const digits = page.locator('#pg-digits');
  await digits.getByText('13,002', { exact: true }).waitFor();
  assert.equal(await digits.locator('.mn-title').count(), 0, 'heading: false leaves the section heading to the lesson');
  const watchBefore = await state(page, 'pg-watch');
  await page.getByRole('button', { name: 'Train one epoch and test it' }).click();
  await page.waitForFunction(() => /^After epoch 1 it reads/.test(document.getElementById('digits-result').textContent), null, { timeout: 90_000 });
  const text = await page.locator('#digits-result').innerText();
  const acc = Number(text.match(/reads ([\d.]+)%/)[1]);
  assert.ok(acc > 85, text);
  const after = await state(page, 'pg-digits');
  assert.equal(after.epoch, 1);
  assert.equal(after.evaluation.accuracy.toFixed(3), (acc / 100).toFixed(3));
  const watchAfter = await state(page, 'pg-watch');
  assert.equal(watchAfter.cycle, watchBefore.cycle, 'the XOR playground did not move');
  await page.locator('#digits').scrollIntoViewIfNeeded();
  await screenshot(page, 'lesson-mnist');
});

test('the drawing pad reads a digit drawn with the mouse, and one drawn through the API', TIMEOUT, async () => {
  const page = await open();
  await page.waitForSelector('#pg-draw[data-ready]', { timeout: 30_000 });
  const pad = page.locator('#pg-draw canvas').first();
  await pad.scrollIntoViewIfNeeded();
  const box = await page.evaluate(() => {
    const r = window.lesson['pg-draw'].canvas.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  assert.ok(box.w > 100 && box.h > 100, JSON.stringify(box));
  await page.mouse.move(box.x + box.w * 0.5, box.y + box.h * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.w * 0.5, box.y + box.h * (0.15 + 0.06 * i));
  await page.mouse.up();
  await page.waitForFunction(() => window.lesson['pg-draw'].state().guess !== null);
  const s = await state(page, 'pg-draw');
  assert.equal(s.model, '3b1b');
  assert.equal(s.guess, 1, `a vertical stroke reads as 1 (${JSON.stringify(s.outputs)})`);
  const zero = await page.evaluate(() => {
    const pg = window.lesson['pg-draw'];
    pg.clear();
    const ring = Array.from({ length: 33 }, (_, i) => [0.5 + 0.22 * Math.sin((i / 32) * 2 * Math.PI), 0.5 - 0.32 * Math.cos((i / 32) * 2 * Math.PI)]);
    return pg.draw([ring]);
  });
  assert.equal(zero.indexOf(Math.max(...zero)), 0, `a ring reads as 0 (${JSON.stringify(zero)})`);
  await screenshot(page, 'lesson-draw');
});

test('no console errors', () => {
  assert.deepEqual(b.consoleErrors, []);
});
