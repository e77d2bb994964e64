// One API and one page for the three tasks: mount({ task: 'mnist' | 'draw' }) gives handles with
// the common methods, their settings live in the URL (bad ones become specific warnings), and
// index.html shows XOR, MNIST and Draw a digit as tabs chosen by ?task= and kept in the URL,
// loading MNIST's data only when its tab opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 120_000 };
const b = browserForSuite();

/** A rough "1": a vertical bar in the middle of a 28×28 image. */
const ONE = Array.from({ length: 784 }, (_, j) => {
  const r = Math.floor(j / 28);
  const c = j % 28;
  return c > 12 && c < 16 && r > 4 && r < 24 ? 1 : 0;
});

const tabState = (page) => page.evaluate(() => [...document.querySelectorAll('[role="tab"]')].map((t) => ({
  name: t.textContent, selected: t.getAttribute('aria-selected'), tabIndex: t.tabIndex, panelHidden: document.getElementById(t.getAttribute('aria-controls')).hidden,
})));

test('mount({ task: "mnist" }): the 3Blue1Brown net with the MNIST API and the common one', TIMEOUT, async () => {
  const { page } = b;
  await page.goto(url('www/examples/lesson.html'));
  await page.waitForFunction(() => window.lesson);
  const r = await page.evaluate(async (input) => {
    const { mount } = await import(new URL('../neuroglow.js', document.baseURI).href);
    const host = document.body.appendChild(document.createElement('div'));
    const pg = await mount(host, { task: 'mnist', preset: '3b1b', heading: false });
    await pg.ready;
    const info = pg.info();
    const settingsEvents = [];
    pg.on('settings', (s) => settingsEvents.push(s.preset));
    await pg.step('batch');
    const out = await pg.predict(input);
    const bytes = await pg.save();
    await pg.step('batch');
    const changed = await pg.predict(input);
    await pg.load(bytes);
    const loaded = await pg.predict(input);
    const ev = await pg.evaluate();
    const errors = [];
    for (const call of [() => pg.train({ epochs: 0 }), () => pg.step('cycle'), () => pg.configure({ hidden: [1e6] }), () => pg.configure({ palette: 'pink' })]) {
      try {
        await call();
        errors.push('accepted');
      } catch (e) {
        errors.push(e.message);
      }
    }
    const modern = await pg.configure({ preset: 'modern' });
    const result = {
      info, out, changedDiffers: JSON.stringify(changed) !== JSON.stringify(out), loaded, accuracy: ev.accuracy, confusion: ev.confusion.length,
      errors, modern, settings: pg.settings(), link: pg.link(), settingsEvents, state: pg.state(),
      task: pg.task,
    };
    pg.destroy();
    result.left = host.children.length;
    host.remove();
    return result;
  }, ONE);
  assert.equal(r.task, 'mnist');
  assert.deepEqual(r.info.sizes, [784, 16, 16, 10]);
  assert.equal(r.info.parameterCount, 13002);
  assert.equal(r.out.length, 10);
  assert.ok(r.changedDiffers, 'a batch of training changes the outputs');
  assert.deepEqual(r.loaded, r.out, 'load(save()) predicts as before');
  assert.ok(r.accuracy > 0 && r.accuracy <= 1);
  assert.equal(r.confusion, 100);
  assert.match(r.errors[0], /epochs must be a whole number/);
  assert.match(r.errors[1], /unit must be "phase", "example", "batch" or "epoch"/);
  assert.match(r.errors[2], /a layer of 1000000 neurons is out of range/);
  // The palette applies to every task now (it recolours MNIST too); an unknown one is refused.
  assert.match(r.errors[3], /option "palette" must be one of green-red, blue-orange/);
  assert.deepEqual(r.modern.sizes, [784, 128, 64, 10]);
  assert.equal(r.settings.preset, 'modern');
  assert.deepEqual(r.settings.hidden, [128, 64]);
  assert.deepEqual(r.settingsEvents, ['modern']);
  assert.match(r.link, /index\.html\?task=mnist&preset=modern&lang=en$/);
  assert.equal(r.left, 0, 'destroy() removes it');
});

test('index.html?task=mnist: settings from the URL, specific warnings, the URL follows the section', TIMEOUT, async () => {
  const page = b.page;
  await page.goto(url('index.html?task=mnist&preset=modern&hidden=1000000&lr=abc&palette=pink&batch=64'));
  await page.waitForSelector('#mnist[data-ready]', { timeout: 60_000 });
  const tabs = await tabState(page);
  assert.deepEqual(tabs.map((t) => [t.name, t.selected, t.panelHidden]), [['XOR', 'false', true], ['MNIST', 'true', false], ['Draw a digit', 'false', true]]);
  const text = await page.locator('#mnist .ng-warnings').innerText();
  assert.match(text, /Ignored hidden=1000000: a layer of 1000000 neurons is out of range \(1 to 4096\) — using 128,64/);
  assert.match(text, /Ignored lr=abc: learning rate must be a number between 0 and 100 — using 0\.05/);
  assert.match(text, /Ignored palette=pink: palette must be one of green-red, blue-orange — using green-red/);
  const s = await page.evaluate(() => window.neuroglow.state());
  assert.deepEqual(s.info.sizes, [784, 128, 64, 10]);
  assert.equal(s.info.batchSize, 64, 'the valid parameters are kept');
  assert.equal(await page.locator('#playground[data-ready]').count(), 0, 'the XOR tab was not mounted');
  // The section's own preset buttons change the network; the address follows.
  await page.getByRole('radio', { name: '3Blue1Brown' }).check();
  await page.waitForFunction(() => location.search === '?task=mnist&lang=en');
  await page.getByRole('radio', { name: 'Modern' }).check();
  await page.waitForFunction(() => location.search === '?task=mnist&preset=modern&lang=en');
  await screenshot(page, 'tasks-mnist-url');
  // start=playing trains once the data is in, also with changes to the preset (shown as Custom).
  await page.goto(url('index.html?task=mnist&hidden=32&start=playing'));
  await page.waitForFunction(() => window.neuroglow?.state().playing && window.neuroglow.state().seen > 0, null, { timeout: 60_000 });
  assert.deepEqual((await page.evaluate(() => window.neuroglow.state())).info.sizes, [784, 32, 10]);
  await page.waitForFunction(() => document.querySelector('#mnist input[type="radio"][value="custom"]').checked);
  await page.evaluate(() => window.neuroglow.pause());
});

test('the tabs: a tablist, MNIST data only when its tab opens, the URL in step, XOR kept', TIMEOUT, async () => {
  const page = await b.context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(url('index.html?task=xor2&seed=3'));
  await page.waitForSelector('#playground[data-ready]');
  assert.equal(await page.getByRole('tablist', { name: 'What the network learns' }).count(), 1);
  assert.deepEqual((await tabState(page)).map((t) => [t.name, t.selected, t.tabIndex]), [['XOR', 'true', 0], ['MNIST', 'false', -1], ['Draw a digit', 'false', -1]]);
  await page.getByRole('button', { name: 'Next cycle' }).click();
  const xorBefore = await page.evaluate(() => window.playgrounds.xor.state().cycle);
  assert.equal(xorBefore, 1);
  assert.ok(!requested.some((p) => p.includes('/data/mnist/') || p.includes('/models/')), 'nothing of MNIST or the models yet');

  // Keyboard: arrows move between tabs and open them.
  await page.getByRole('tab', { name: 'XOR' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'MNIST');
  assert.equal(new URL(page.url()).search, '?task=mnist&lang=en');
  await page.waitForSelector('#mnist[data-ready]', { timeout: 60_000 });
  assert.ok(requested.some((p) => p.endsWith('/data/mnist/train-images-idx3-ubyte.gz')), 'MNIST data loads when its tab opens');
  // Space on the page no longer plays the hidden XOR playground.
  await page.locator('h1').click();
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => window.playgrounds.xor.state().playing), false);

  await page.getByRole('tab', { name: 'Draw a digit' }).click();
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  assert.equal(new URL(page.url()).search, '?task=draw&lang=en');
  await page.getByRole('tab', { name: 'Draw a digit' }).focus();
  await page.keyboard.press('Home');
  assert.equal(new URL(page.url()).search, '?task=xor2&seed=3&lang=en', 'back on XOR, its settings');
  assert.equal(await page.evaluate(() => window.playgrounds.xor.state().cycle), xorBefore, 'XOR kept its state');
  await page.close();
});

test('draw: ?task=draw&model=3b1b reads a stroke drawn with the mouse and one drawn through the API', TIMEOUT, async () => {
  const page = b.page;
  await page.goto(url('index.html?task=draw&model=3b1b&speed=3'));
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  assert.match(await page.locator('#draw .ng-warnings').innerText(), /Ignored speed=3: task draw has no speed setting/);
  const pg = () => page.evaluate(() => window.neuroglow.state());
  assert.equal((await pg()).model, '3b1b');
  assert.deepEqual((await pg()).info.sizes, [784, 16, 16, 10]);
  const box = await page.evaluate(() => {
    const r = window.neuroglow.canvas.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  await page.mouse.move(box.x + box.w * 0.5, box.y + box.h * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.w * 0.5, box.y + box.h * (0.15 + 0.06 * i));
  await page.mouse.up();
  await page.waitForFunction(() => window.neuroglow.state().guess !== null);
  const drawn = await pg();
  assert.equal(drawn.guess, 1, `a vertical stroke reads as 1: ${JSON.stringify(drawn.outputs)}`);
  assert.equal(drawn.outputs.length, 10);
  // Another model from the menu: the URL follows.
  await page.evaluate(() => window.neuroglow.useModel('modern'));
  await page.waitForFunction(() => location.search === '?task=draw&lang=en');
  await page.evaluate(() => window.neuroglow.clear());
  // A "7" through the API.
  const seven = await page.evaluate(() => window.neuroglow.draw([[[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]]]));
  assert.equal(seven.indexOf(Math.max(...seven)), 7, `a 7: ${JSON.stringify(seven)}`);
  await screenshot(page, 'tasks-draw');
});

test('the Draw tab can read with the network being trained in the MNIST tab', TIMEOUT, async () => {
  const page = b.page;
  await page.goto(url('index.html?task=mnist'));
  await page.waitForSelector('#mnist[data-ready]', { timeout: 60_000 });
  await page.evaluate(async () => {
    for (let i = 0; i < 20; i++) await window.playgrounds.mnist.step('batch');
  });
  await page.getByRole('tab', { name: 'Draw a digit' }).click();
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  const menu = page.locator('#draw').getByLabel('Model', { exact: true });
  const offered = await menu.evaluate((s) => [...s.options].map((o) => [o.value, o.textContent]));
  const mine = offered.find(([v]) => v !== 'modern' && v !== '3b1b');
  assert.ok(mine, `the MNIST tab's network is offered: ${JSON.stringify(offered)}`);
  await menu.selectOption(mine[0]);
  await page.waitForFunction((name) => window.playgrounds.draw.state().model === name, mine[1]);
  assert.equal(new URL(page.url()).search, '?task=draw&lang=en', 'a page model is not a URL setting');
  // The pad reads with exactly the MNIST tab's weights.
  const r = await page.evaluate(async () => {
    const d = window.playgrounds.draw;
    const out = d.draw([[[0.5, 0.15], [0.5, 0.85]]]);
    const same = await window.playgrounds.mnist.predict(Array.from(d.input()));
    return { out, same };
  });
  assert.equal(r.out.length, 10);
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(r.out[i] - r.same[i]) < 1e-5, `output ${i}: ${r.out[i]} vs ${r.same[i]}`);
});

test('MNIST data that cannot load: the section says why, the other tabs work', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.route('**/data/mnist/train-labels-idx1-ubyte.gz', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(url('index.html?task=mnist'));
  await page.waitForFunction(() => window.neuroglow);
  const why = await page.evaluate(() => window.neuroglow.ready.then(() => null, (e) => e.message));
  assert.match(why, /HTTP 404/);
  await page.getByText(/could not load the training labels .*HTTP 404/).waitFor();
  assert.equal(await page.locator('#mnist[data-ready]').count(), 0);
  await page.getByRole('tab', { name: 'XOR' }).click();
  await page.waitForSelector('#playground[data-ready]');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  assert.equal(await page.evaluate(() => window.playgrounds.xor.state().phase), 'present');
  await page.close();
  // The browser itself logs the 404.
  b.consoleErrors.splice(0, b.consoleErrors.length, ...b.consoleErrors.filter((e) => !/404|Failed to load resource/.test(e)));
});

test('no console errors', () => {
  assert.deepEqual(b.consoleErrors, []);
});
