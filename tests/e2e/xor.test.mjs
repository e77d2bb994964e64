// The XOR playground in a real browser: frame-by-frame stepping, training to the source's
// 60,000 cycles through the public API, keyboard, settings, two playgrounds side by side,
// hover tooltips, and no console errors along the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 90_000 };
const b = browserForSuite();

/** Loads the page and waits until the playground is mounted. */
async function open() {
  await b.page.goto(url('index.html'));
  await b.page.waitForSelector('#playground[data-ready]', { timeout: 20_000 });
}

/** A hash of the network canvas's pixels. */
async function canvasHash(page) {
  const data = await page.evaluate(() => document.querySelector('#playground .ng-net').toDataURL());
  return createHash('sha256').update(data).digest('hex');
}

const phaseText = (page) => page.locator('#playground [data-stat="phase"]').innerText();
const state = (page) => page.evaluate(() => document.getElementById('playground').playground.state());
/** Waits until the step's animation has played out. */
const settle = (page) => page.waitForTimeout(900);

test('Step advances the phase and the drawing changes', TIMEOUT, async () => {
  await open();
  const { page } = b;
  const step = page.getByRole('button', { name: 'Step', exact: true });
  assert.equal(await phaseText(page), 'idle');
  const phases = [];
  const hashes = [await canvasHash(page)];
  for (let i = 0; i < 5; i++) {
    await step.click();
    await settle(page);
    phases.push(await phaseText(page));
    hashes.push(await canvasHash(page));
    if (i === 1) await screenshot(page, 'xor-forward');
  }
  assert.deepEqual(phases, ['present', 'forward (layer 1→2)', 'forward (layer 2→3)', 'error', 'backward (layer 3→2)']);
  assert.equal(new Set(hashes).size, hashes.length, 'every phase draws a different picture');
  assert.match(await page.locator('#playground [data-stat="example"]').innerText(), /^1 of 7$/);
});

test('the public API trains the source network to 60,000 cycles', TIMEOUT, async () => {
  await open();
  const { page } = b;
  const result = await page.evaluate(async () => {
    const pg = document.getElementById('playground').playground;
    const cycles = [];
    const off = pg.on('cycle', (s) => cycles.push(s.cycle));
    const trained = await pg.train({ cycles: 60000 });
    off();
    return { trained, state: pg.state(), out: pg.predict([1, 1, 0]), events: cycles.length };
  });
  assert.equal(result.trained.cycle, 60000);
  assert.equal(result.state.cycle, 60000);
  assert.ok(result.out[0] < 0.05, `[1, 1, 0] → ${result.out[0]}`);
  assert.ok(result.events > 0, 'cycle events fired while training');
  await settle(page);
  assert.match(await page.locator('#playground [data-stat="cycle"]').innerText(), /^60,000$/);
  assert.match(await page.locator('#playground .ng-rewind-out').innerText(), /60,000/);
  await screenshot(page, 'xor-trained');
  // The new situation: the network thinks about 1, 1, 0 and answers near 0.
  await page.getByRole('textbox', { name: 'New situation' }).fill('1, 1, 0');
  await page.getByRole('button', { name: 'Think' }).click();
  await page.waitForFunction(() => /^\d/.test(document.querySelector('#playground .ng-probe-out').textContent), null, { timeout: 15_000 });
  const answer = Number(await page.locator('#playground .ng-probe-out').innerText());
  assert.ok(answer < 0.05, `the page answers ${answer}`);
  // A bad input gives a message and loses nothing.
  await page.getByRole('textbox', { name: 'New situation' }).fill('1, 1');
  await page.getByRole('button', { name: 'Think' }).click();
  await page.getByText(/Can.t think about that/).waitFor();
  assert.equal((await state(page)).cycle, 60000);
  // A script's think() shows its answer in the panel too.
  const scripted = await page.evaluate(() => document.getElementById('playground').playground.think([0, 1, 0]));
  assert.ok(scripted[0] > 0.9, `[0, 1, 0] → ${scripted[0]}`);
  assert.equal(await page.getByRole('textbox', { name: 'New situation' }).inputValue(), '0, 1, 0');
  assert.equal(Number(await page.locator('#playground .ng-probe-out').innerText()).toFixed(3), scripted[0].toFixed(3));
  // Training on while the network is still thinking (this once froze the tab at the next step),
  // and the answer shown follows the weights (never a stale one).
  await page.getByRole('button', { name: 'Think' }).click();
  await page.getByRole('button', { name: 'Next cycle' }).click();
  await page.getByRole('button', { name: 'Next example' }).click();
  const now = await page.evaluate(async () => {
    const pg = document.getElementById('playground').playground;
    await pg.train({ cycles: 5000 });
    return pg.predict([0, 1, 0])[0];
  });
  await settle(page);
  assert.equal((await state(page)).cycle, 65001); // Next cycle finished cycle 60,001; Next example began the next
  assert.equal(Number(await page.locator('#playground .ng-probe-out').innerText()).toFixed(3), now.toFixed(3));
});

test('keyboard: Space toggles Play/Pause, Right arrow steps', TIMEOUT, async () => {
  await open();
  const { page } = b;
  await page.locator('#playground .ng-net').focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  assert.equal((await state(page)).playing, true);
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  assert.equal((await state(page)).playing, false);
  const before = await state(page);
  await page.keyboard.press('ArrowRight');
  const after = await state(page);
  assert.notDeepEqual(
    [after.phase, after.layer, after.example, after.cycle],
    [before.phase, before.layer, before.example, before.cycle],
    'Right arrow stepped',
  );
  // Not while typing in a text field.
  const field = page.getByRole('textbox', { name: 'New situation' });
  await field.focus();
  const typing = await state(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  const still = await state(page);
  assert.deepEqual([still.phase, still.layer, still.playing], [typing.phase, typing.layer, false]);
});

test('an invalid setting shows a message and keeps the network', TIMEOUT, async () => {
  await open();
  const { page } = b;
  await page.getByRole('button', { name: 'Next cycle' }).click();
  const before = await state(page);
  await page.getByRole('textbox', { name: 'Hidden layers' }).fill('1000000');
  await page.getByRole('button', { name: 'Apply' }).click();
  const message = page.locator('#playground .ng-settings .ng-message');
  await message.waitFor();
  assert.match(await message.innerText(), /1000000/);
  assert.match(await message.innerText(), /kept/);
  const info = await page.evaluate(() => document.getElementById('playground').playground.info());
  assert.deepEqual(info.sizes, [3, 4, 1]);
  assert.equal((await state(page)).cycle, before.cycle);
  // The kept network still works, and a valid setting applies.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('textbox', { name: 'Hidden layers' }).fill('5, 3');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText(/Applied: a 3-5-3-1 network/).waitFor();
  assert.equal((await state(page)).cycle, 0);
});

test('two playgrounds on one page do not interfere', TIMEOUT, async () => {
  await open();
  const { page } = b;
  const result = await page.evaluate(async () => {
    const { mount } = await import(new URL('www/neuroglow.js', document.baseURI).href);
    const hostA = document.body.appendChild(document.createElement('div'));
    const hostB = document.body.appendChild(document.createElement('div'));
    const a = await mount(hostA, { seed: 3, controls: true });
    const b = await mount(hostB, { seed: 3, controls: false, speed: 10 });
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    await a.train({ cycles: 500 });
    const bAfterA = b.state();
    b.step('example');
    const aAfterB = a.state();
    let bad = null;
    try {
      await mount(document.createElement('div'), { colour: 'blue' });
    } catch (e) {
      bad = e.message;
    }
    let badNet = null;
    try {
      await mount(document.createElement('div'), { hidden: [1000000] });
    } catch (e) {
      badNet = e.message;
    }
    a.destroy();
    b.destroy();
    return {
      bAfterA,
      aAfterB,
      duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
      left: hostA.childElementCount + hostB.childElementCount,
      readyLeft: hostA.hasAttribute('data-ready'),
      bad,
      badNet,
      mainCycle: document.getElementById('playground').playground.state().cycle,
    };
  });
  assert.equal(result.bAfterA.cycle, 0);
  assert.equal(result.bAfterA.phase, 'idle');
  assert.equal(result.aAfterB.cycle, 500);
  assert.deepEqual(result.duplicateIds, []);
  assert.equal(result.left, 0, 'destroy removes the DOM');
  assert.equal(result.readyLeft, false);
  assert.match(result.bad, /unknown option "colour"/);
  assert.match(result.badNet, /1000000/);
  assert.equal(result.mainCycle, 0, 'the page\u2019s own playground is untouched');
});

test('hovering a neuron shows its weighted sum', TIMEOUT, async () => {
  await open();
  const { page } = b;
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 3; i++) await step.click();
  await settle(page);
  const canvas = page.locator('#playground .ng-net');
  const pos = await page.evaluate(() => document.getElementById('playground').playground.neuronAt(1, 1));
  await canvas.hover({ position: { x: pos.x, y: pos.y } });
  const tip = page.locator('#playground .ng-tip');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.innerText();
  assert.match(text, /z =/);
  assert.match(text, /sigmoid\(z\) =/);
  await screenshot(page, 'xor-tooltip');
  // A synapse: its weight, gradient and change.
  const from = await page.evaluate(() => document.getElementById('playground').playground.neuronAt(1, 0));
  const to = await page.evaluate(() => document.getElementById('playground').playground.neuronAt(2, 0));
  await canvas.hover({ position: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } });
  await page.waitForFunction(() => /weight w =/.test(document.querySelector('#playground .ng-tip').textContent));
  assert.match(await tip.innerText(), /last gradient/);
  // Leaving the canvas hides it.
  await page.getByRole('button', { name: 'Reset' }).hover();
  await tip.waitFor({ state: 'hidden' });
});

test('divergence pauses, explains, and Reset recovers', TIMEOUT, async () => {
  await open();
  const { page } = b;
  const s = await page.evaluate(async () => {
    const pg = document.getElementById('playground').playground;
    pg.configure({ activation: 'linear', outputActivation: 'linear', learningRate: 5 });
    return pg.train({ cycles: 100 });
  });
  assert.ok(s.diverged, 'training diverged');
  const alert = page.locator('#playground .ng-alert');
  await alert.waitFor({ state: 'visible' });
  assert.match(await alert.innerText(), /diverged/);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  assert.equal((await state(page)).playing, false, 'a diverged network does not play');
  await page.getByRole('button', { name: 'Reset' }).click();
  await alert.waitFor({ state: 'hidden' });
  const after = await state(page);
  assert.equal(after.diverged, undefined);
  assert.equal(after.cycle, 0);
});

test('no console errors', () => {
  assert.deepEqual(b.consoleErrors, []);
});
