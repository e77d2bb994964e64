// Course material: settings in the URL (round trip through Share, warnings for bad parameters,
// the URL following changes), the embed layout and its snippet, the colour-blind palette,
// recording a WebM video and saving a PNG, touch-sized targets, and screenshots of each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 120_000 };
let b;

before(async () => {
  b = await launch();
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url()).origin });
});

after(async () => {
  await b?.close();
});

/** Opens index.html with a query and waits for the playground. */
async function open(page, query = '') {
  await page.goto(url(`index.html${query}`));
  await page.waitForSelector('#playground[data-ready]', { timeout: 20_000 });
  return page;
}

const pg = (page, fn, arg) => page.evaluate(fn, arg);
/** What the network answers for every training example now. */
const answers = (page) => pg(page, () => {
  const p = window.neuroglow;
  return p.examples().inputs.map((x) => p.predict(x));
});

test('settings → Share link → the link opens the same network, the same run', TIMEOUT, async () => {
  const page = await open(b.page);
  const historyLength = await page.evaluate(() => history.length);
  // Change settings the way a teacher would: the Settings panel, the palette, the speed.
  await page.getByLabel('Task').selectOption('xor2');
  await page.getByRole('textbox', { name: 'Hidden layers' }).fill('5, 3');
  await page.getByLabel('Activation').selectOption('tanh');
  await page.getByLabel('Learning rate').fill('0.5');
  await page.getByLabel('Batch size').fill('2');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText(/Applied: a 2-5-3-1 network/).waitFor();
  await page.getByLabel('Colours').selectOption('blue-orange');
  await page.getByLabel('Speed').evaluate((e) => {
    e.value = '8';
    e.dispatchEvent(new Event('input', { bubbles: true }));
  });

  // The address bar follows (replaceState: no reload, no new history entry).
  const search = new URL(page.url()).searchParams;
  assert.equal(search.get('task'), 'xor2');
  assert.equal(search.get('hidden'), '5,3');
  assert.equal(search.get('activation'), 'tanh');
  assert.equal(search.get('lr'), '0.5');
  assert.equal(search.get('batch'), '2');
  assert.equal(search.get('seed'), '7');
  assert.equal(search.get('palette'), 'blue-orange');
  assert.equal(search.get('speed'), '8');
  assert.equal(await page.evaluate(() => history.length), historyLength, 'no history entries were added');

  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByText('Link copied').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await pg(page, () => window.neuroglow.link()));
  assert.equal(new URL(copied).searchParams.get('task'), 'xor2');

  const steps = 25;
  await pg(page, (n) => { for (let i = 0; i < n; i++) window.neuroglow.step('cycle'); }, steps);
  const here = { settings: await pg(page, () => window.neuroglow.settings()), info: await pg(page, () => window.neuroglow.info()), out: await answers(page) };

  const other = await b.context.newPage();
  await open(other, new URL(copied).search);
  await pg(other, (n) => { for (let i = 0; i < n; i++) window.neuroglow.step('cycle'); }, steps);
  const there = { settings: await pg(other, () => window.neuroglow.settings()), info: await pg(other, () => window.neuroglow.info()), out: await answers(other) };
  assert.deepEqual(there.settings, here.settings);
  assert.deepEqual(there.info.sizes, [2, 5, 3, 1]);
  assert.deepEqual(there.info, here.info);
  assert.deepEqual(there.out, here.out, 'the same weights after the same steps');
  assert.deepEqual(await pg(other, () => window.neuroglow.warnings()), []);
  assert.equal(await other.locator('.ng-palette-select').inputValue(), 'blue-orange');
  await other.close();
});

test('without a clipboard, Share shows the link in a field, selected', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await open(page, '?task=xor2&seed=3');
  await page.getByRole('button', { name: 'Share' }).click();
  const field = page.getByRole('textbox', { name: 'Link to these settings' });
  await field.waitFor();
  const link = await field.inputValue();
  assert.match(link, /index\.html\?task=xor2&seed=3&lang=en$/);
  assert.equal(await page.evaluate(() => document.activeElement.value.slice(document.activeElement.selectionStart, document.activeElement.selectionEnd)), link, 'the link is selected');
  assert.match(await page.locator('.ng-outbox .ng-message').innerText(), /Ctrl\+C/);
  await page.close();
});

test('invalid parameters give specific warnings and the defaults; the page still works', TIMEOUT, async () => {
  const page = await open(b.page, '?lr=abc&hidden=1000000&palette=pink&speed=99&bogus=1&controls=step,zap&seed=2');
  const box = page.locator('#playground .ng-warnings');
  await box.waitFor();
  const text = await box.innerText();
  assert.match(text, /Ignored lr=abc: learning rate must be a number between 0 and 100 — using 1/);
  assert.match(text, /Ignored hidden=1000000: a layer of 1000000 neurons is out of range \(1 to 4096\) — using 4/);
  assert.match(text, /Ignored palette=pink: palette must be one of green-red, blue-orange — using green-red/);
  assert.match(text, /Ignored speed=99: speed must be a whole number from 1 to 10 — using 5/);
  assert.match(text, /Ignored bogus=1: unknown setting/);
  assert.match(text, /Ignored controls=step,zap: "zap" is not a part of the playground/);
  const s = await pg(page, () => window.neuroglow.settings());
  assert.equal(s.learningRate, 1);
  assert.deepEqual(s.hidden, [4]);
  assert.equal(s.palette, 'green-red');
  assert.equal(s.speed, 5);
  assert.equal(s.seed, 2, 'the valid parameters are kept');
  assert.deepEqual((await pg(page, () => window.neuroglow.info())).sizes, [3, 4, 1]);
  // It works: Step moves the counters.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#playground [data-stat="phase"]').textContent === 'present');
  // The warnings can be dismissed.
  await box.getByRole('button', { name: 'Dismiss' }).click();
  await box.waitFor({ state: 'detached' });
});

test('layout parameters: start playing, choose and hide parts, numbers off', TIMEOUT, async () => {
  const page = await open(b.page, '?start=playing&speed=10&controls=play,reset,status,chart,settings&hide=settings&values=0');
  await page.waitForFunction(() => window.neuroglow.state().playing);
  const root = page.locator('#playground .ng');
  assert.deepEqual((await root.getByRole('button').allInnerTexts()).map((t) => t.replace(/[^\w ]+/g, '').trim()), ['Pause', 'Reset']);
  assert.equal(await root.locator('.ng-panel').count(), 1);
  assert.equal(await root.locator('.ng-panel-chart').count(), 1);
  assert.equal(await root.locator('.ng-status').count(), 1);
  assert.equal(await root.locator('.ng-legend').count(), 0);
  assert.equal((await pg(page, () => window.neuroglow.settings())).values, false);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal((await pg(page, () => window.neuroglow.state())).playing, false);
  // A change rewrites the URL, keeping the layout as given (the author's, not the learner's).
  await pg(page, () => window.neuroglow.configure({ speed: 3 }));
  assert.equal(new URL(page.url()).search, '?task=xor3&speed=3&values=0&start=playing&controls=play,reset,status,chart,settings&hide=settings&lang=en');
  // controls=none: the canvas alone.
  await open(page, '?controls=none');
  assert.equal(await page.locator('#playground .ng button, #playground .ng input, #playground .ng-panel').count(), 0);
});

test('mount() refuses bad options with their names', TIMEOUT, async () => {
  const page = await open(b.page);
  const r = await page.evaluate(async () => {
    const { mount } = await import(new URL('www/neuroglow.js', document.baseURI).href);
    const errors = [];
    for (const bad of [{ learningRate: 'abc' }, { controls: ['zap'] }, { palette: 'pink' }, { preset: '3b1b' }, { url: true }]) {
      try {
        await mount(document.createElement('div'), bad);
      } catch (e) {
        errors.push(e.message);
      }
    }
    return { errors };
  });
  assert.match(r.errors[0], /option "learningRate" must be a number between 0 and 100/);
  assert.match(r.errors[1], /option "controls" must be/);
  assert.match(r.errors[2], /option "palette" must be one of green-red, blue-orange/);
  assert.match(r.errors[3], /option "preset" does not apply to task "xor3"/);
  assert.match(r.errors[4], /only one playground per page can use url: true/);
});

test('events: the loss rides on "cycle", so "pause below 0.1" is one line and stops at that cycle', TIMEOUT, async () => {
  const page = await open(b.page);
  const r = await page.evaluate(async () => {
    const p = window.neuroglow;
    const seen = { prediction: [], settings: 0, reset: 0, pause: [] };
    p.on('prediction', (e) => seen.prediction.push(e));
    p.on('settings', () => seen.settings++);
    p.on('reset', () => seen.reset++);
    p.on('pause', (e) => seen.pause.push(e.reason));
    const off = p.on('cycle', ({ loss }) => { if (loss < 0.1) p.pause(); });
    const s = await p.train({ cycles: 60000 });
    off();
    const stoppedAt = s.cycle;
    p.predict([1, 1, 0]);
    p.configure({ palette: 'blue-orange' });
    const kept = p.state().cycle;
    p.reset();
    await p.train({ cycles: stoppedAt - 1 });
    const before = p.state().loss;
    return { s, stoppedAt, before, kept, seen, settings: p.settings() };
  });
  assert.ok(r.s.loss < 0.1, `stopped with loss ${r.s.loss}`);
  assert.ok(r.before >= 0.1, `one cycle earlier the loss was ${r.before}`);
  assert.ok(r.stoppedAt < 60000);
  assert.deepEqual(r.seen.pause, ['user']);
  assert.equal(r.seen.prediction.length, 1);
  assert.deepEqual(r.seen.prediction[0].input, [1, 1, 0]);
  assert.equal(r.seen.settings, 1);
  assert.equal(r.kept, r.stoppedAt, 'a palette change keeps the network');
  assert.equal(r.seen.reset, 1);
  assert.equal(r.settings.palette, 'blue-orange');
});

test('embed: only the canvas and the chosen controls; the Embed button writes the snippet', TIMEOUT, async () => {
  const page = await open(b.page);
  await page.getByRole('button', { name: 'Embed' }).click();
  const code = page.getByRole('textbox', { name: 'Paste this into your page' });
  await code.waitFor();
  let snippet = await code.inputValue();
  assert.match(snippet, /^<iframe src="[^"]+index\.html\?task=xor3&amp;embed=1&amp;lang=en" width="600" height="400" title="neuroglow: a 3-4-1 neural network learning 3-input XOR" loading="lazy"/);
  await page.locator('.ng-embedbox').getByText('rewind', { exact: true }).click();
  await page.getByLabel('Height').fill('450');
  snippet = await code.inputValue();
  assert.match(snippet, /controls=step,play,reset,rewind&amp;lang=en"/);
  assert.match(snippet, /height="450"/);
  await screenshot(page, 'share-embed-panel');

  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const embed = await b.context.newPage();
  await embed.setViewportSize({ width: 600, height: 400 });
  await embed.goto(src);
  await embed.waitForSelector('#playground[data-ready]');
  const root = embed.locator('#playground .ng');
  assert.equal(await root.evaluate((e) => e.classList.contains('ng-embed')), true);
  const buttons = await root.getByRole('button').allInnerTexts();
  assert.deepEqual(buttons.map((t) => t.replace(/\W+/g, ' ').trim()), ['Step', 'Play', 'Reset']);
  assert.equal(await root.getByRole('slider', { name: 'Rewind' }).count(), 1);
  assert.equal(await root.locator('.ng-panel').count(), 0);
  assert.equal(await embed.locator('h1').isVisible(), false, 'no page header');
  // The canvas takes most of the frame, and nothing scrolls.
  const box = await root.locator('.ng-canvas-wrap').boundingBox();
  assert.ok(box.height > 250 && box.width > 560, JSON.stringify(box));
  const bar = await root.locator('.ng-controls').boundingBox();
  assert.ok(bar.y + bar.height <= 400, `the controls fit in the frame: ${JSON.stringify(bar)}`);
  assert.equal(await embed.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1), true);
  await embed.getByRole('button', { name: 'Step', exact: true }).click();
  await embed.getByRole('button', { name: 'Step', exact: true }).click();
  await embed.waitForTimeout(800);
  await screenshot(embed, 'embed-600x400');
  // Share from inside an embed links to the full playground.
  const link = await embed.evaluate(() => window.neuroglow.link());
  assert.equal(new URL(link).searchParams.has('embed'), false);
  await embed.close();
});

test('palette=blue-orange: blue and orange synapses, a legend that says so, selectable in the UI', TIMEOUT, async () => {
  const page = await open(b.page, '?palette=blue-orange');
  const legend = page.locator('#playground .ng-legend');
  assert.match(await legend.innerText(), /blue: excites/);
  assert.match(await legend.innerText(), /orange: inhibits/);
  assert.match(await page.locator('#playground .ng-net').getAttribute('aria-label'), /Blue synapses excite/);
  await page.getByRole('button', { name: 'Next cycle' }).click();
  const hues = () => page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const c = document.querySelector('#playground .ng-net');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let green = 0;
    let blue = 0;
    let orange = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, bl] = [d[i], d[i + 1], d[i + 2]];
      if (g > r + 60 && g > bl + 30) green++;
      if (bl > r + 60 && bl > g + 20) blue++;
      if (r > bl + 80 && g > bl + 20 && r > g + 20) orange++;
    }
    return { green, blue, orange };
  });
  const bo = await hues();
  assert.ok(bo.blue > 500 && bo.orange > 200, JSON.stringify(bo));
  assert.ok(bo.green < 50, `no green synapses: ${JSON.stringify(bo)}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'palette-blue-orange');
  // Hovering a synapse names the colour.
  const from = await pg(page, () => window.neuroglow.neuronAt(1, 0));
  const to = await pg(page, () => window.neuroglow.neuronAt(2, 0));
  await page.locator('#playground .ng-net').hover({ position: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } });
  await page.waitForFunction(() => /\((blue|orange)\)/.test(document.querySelector('#playground .ng-tip').textContent));
  // Back to green/red from the menu; the URL follows.
  await page.getByLabel('Colours').selectOption('green-red');
  const gr = await hues();
  assert.ok(gr.green > 500, JSON.stringify(gr));
  assert.equal(new URL(page.url()).searchParams.has('palette'), false);
});

test('Record makes a WebM video of the schedule; Save image makes a PNG', TIMEOUT, async () => {
  const page = await open(b.page, '?speed=6&schedule=0');
  await pg(page, () => {
    window.recorded = null;
    window.neuroglow.on('recording', (e) => { if (!e.recording) window.recorded = e; });
  });
  await page.getByRole('button', { name: 'Record' }).click();
  await page.getByRole('button', { name: 'Stop recording' }).waitFor();
  const during = await pg(page, () => ({ s: window.neuroglow.state(), schedule: window.neuroglow.settings().schedule }));
  assert.equal(during.s.playing, true, 'recording plays');
  assert.equal(during.s.recording, true);
  assert.equal(during.schedule, true, 'with the schedule');
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await page.waitForFunction(() => window.recorded, null, { timeout: 10_000 });
  const video = await pg(page, async () => {
    const { blob, seconds } = window.recorded;
    const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
    return { size: blob.size, type: blob.type, seconds, head: [...head], playing: window.neuroglow.state().playing };
  });
  assert.ok(video.size > 1000, `video of ${video.size} bytes`);
  assert.equal(video.type, 'video/webm');
  assert.deepEqual(video.head, [0x1a, 0x45, 0xdf, 0xa3], 'an EBML (WebM) header');
  assert.ok(video.seconds > 1);
  assert.equal(video.playing, false, 'stopping pauses');
  const download = page.locator('#playground .ng-download');
  assert.match(await download.getAttribute('download'), /^neuroglow-xor3-3-4-1-seed1-cycle\d+\.webm$/);
  assert.match(await download.getAttribute('href'), /^blob:/);
  assert.match(await download.innerText(), /Download video \(\d+/);

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save image' }).click()]);
  assert.match(file.suggestedFilename(), /^neuroglow-xor3-3-4-1-seed1-cycle\d+\.png$/);
  const png = await pg(page, async () => {
    const blob = await window.neuroglow.saveImage({ download: false });
    return { type: blob.type, size: blob.size, head: [...new Uint8Array(await blob.slice(0, 4).arrayBuffer())] };
  });
  assert.equal(png.type, 'image/png');
  assert.deepEqual(png.head, [0x89, 0x50, 0x4e, 0x47]);
});

test('phone (360×740): no sideways scrolling, every control at least 44 px tall', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  const small = await page.evaluate(() => [...document.querySelectorAll('#playground button, #playground select, #playground input:not([type=checkbox]), #playground .ng-check')]
    .filter((e) => e.offsetParent !== null)
    .map((e) => ({ what: e.textContent.trim() || e.id || e.className, h: e.getBoundingClientRect().height }))
    .filter((t) => t.h < 44));
  assert.deepEqual(small, []);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForTimeout(800);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'phone-360x740');
  // Keyboard: Tab reaches the tools, and focus is visible.
  await page.getByRole('button', { name: 'Share' }).focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const e = document.activeElement;
    return { text: e.textContent.trim(), outline: getComputedStyle(e).outlineStyle };
  });
  assert.match(focused.text, /Embed/);
  assert.notEqual(focused.outline, 'none');
  await page.close();
});

test('the main page at 1280×800', TIMEOUT, async () => {
  const page = await open(b.page);
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForTimeout(800);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'main-1280x800');
});

test('no console errors', () => {
  assert.deepEqual(b.consoleErrors, []);
});
