// ?embed for the MNIST and Draw tabs: the compact layout for an <iframe> (no page header, tabs or
// footer; the section without its heading, filling the frame), draw's `controls`/`hide` for its
// optional parts, and the tab bar's Embed button whose snippet opens that layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 120_000 };
const b = browserForSuite();

/** Whether the page chrome (header, tabs, tab bar, ledes, footer) is out of sight. */
const chromeShown = (page) =>
  page.evaluate(() => {
    const seen = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
    return { h1: seen('h1'), tabs: seen('[role="tablist"]'), tabbar: seen('.ng-tabbar'), lede: seen('.ng-panel-lede, .mn-lede'), footer: seen('body > footer'), heading: seen('.mn-header') };
  });
const NO_CHROME = { h1: false, tabs: false, tabbar: false, lede: false, footer: false, heading: false };

test('index.html?task=draw&embed=1 at 600×450: the pad, its buttons and the bars fill the frame, and a stroke is read', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 600, height: 450 });
  await page.goto(url('index.html?task=draw&embed=1'));
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  assert.deepEqual(await chromeShown(page), NO_CHROME);
  const root = page.locator('#draw .ng-task');
  assert.equal(await root.evaluate((e) => e.classList.contains('ng-embed')), true);
  for (const sel of ['.dr-pad', '.dr-bars', '.dr-guess-digit']) assert.equal(await root.locator(sel).isVisible(), true, `${sel} shows`);
  for (const name of ['Undo', 'Clear']) assert.equal(await root.getByRole('button', { name, exact: true }).isVisible(), true);
  // By default an embed leaves out the optional parts: what it sees, the model menu, the network.
  for (const sel of ['.dr-seen', '.dr-model', '.dr-net-panel']) assert.equal(await root.locator(sel).isVisible(), false, `${sel} hidden`);
  // Everything fits the frame: nothing to scroll.
  const fits = await page.evaluate(() => {
    const r = (s) => document.querySelector(s).getBoundingClientRect();
    return { page: document.documentElement.scrollHeight <= innerHeight + 1, pad: r('.dr-pad').bottom <= innerHeight, bars: r('.dr-bars').bottom <= innerHeight, toolbar: r('.dr-toolbar').bottom <= innerHeight };
  });
  assert.deepEqual(fits, { page: true, pad: true, bars: true, toolbar: true });
  const out = await page.evaluate(() => window.playgrounds.draw.draw([[[0.5, 0.15], [0.5, 0.85]]]));
  assert.equal(out.length, 10);
  assert.equal(await page.evaluate(() => window.playgrounds.draw.state().guess), 1);
  await page.waitForFunction(() => document.querySelector('#draw .dr-guess-digit').textContent === '1');
  assert.deepEqual(await page.evaluate(() => window.playgrounds.draw.warnings()), []);
  await screenshot(page, 'embed-draw-600x450');
  // Share from inside an embed links to the full page.
  const link = new URL(await page.evaluate(() => window.playgrounds.draw.link()));
  assert.equal(link.searchParams.get('task'), 'draw');
  assert.equal(link.searchParams.has('embed'), false);
  await page.close();
  assert.deepEqual(b.consoleErrors, []);
});

test('draw embeds show the parts `controls` names; `hide` and bad parts follow config.js', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(url('index.html?task=draw&embed&controls=seen,network'));
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  const root = page.locator('#draw .ng-task');
  assert.equal(await root.locator('.dr-seen').isVisible(), true);
  assert.equal(await root.locator('.dr-model').isVisible(), false);
  await page.evaluate(() => window.playgrounds.draw.draw([[[0.3, 0.2], [0.7, 0.2], [0.45, 0.85]]]));
  await root.locator('.dr-net-panel').scrollIntoViewIfNeeded();
  assert.equal(await root.locator('.dr-net-panel').isVisible(), true);
  await page.evaluate(() => document.querySelector('#draw .ng-task').scrollTo(0, 0));
  await screenshot(page, 'embed-draw-360x740');
  // Outside an embed every part shows; `hide` leaves some out; unknown parts become a warning.
  await page.goto(url('index.html?task=draw&hide=network&controls=seen,zap'));
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  assert.equal(await root.locator('.dr-net-panel').isVisible(), false);
  assert.equal(await root.locator('.dr-model').isVisible(), true);
  assert.equal(await page.locator('h1').isVisible(), true, 'the full page');
  assert.match(await page.locator('#draw .ng-warnings').innerText(), /Ignored controls=seen,zap: "zap" is not a part of the playground \(parts: seen, model, network, steps\)/);
  assert.equal(new URL(await page.evaluate(() => window.playgrounds.draw.link())).search, '?task=draw&hide=network&lang=en');
  // mount() checks the parts strictly, for the task.
  const errors = await page.evaluate(async () => {
    const { mount } = await import('./www/neuroglow.js');
    const out = [];
    for (const options of [{ task: 'draw', controls: ['step'] }, { task: 'xor3', hide: ['network'] }, { task: 'mnist', controls: ['play'] }]) {
      const host = document.body.appendChild(document.createElement('div'));
      try {
        await mount(host, options);
        out.push('mounted');
      } catch (e) {
        out.push(e.message);
      }
      host.remove();
    }
    return out;
  });
  assert.match(errors[0], /option "controls" must be all, none or a list of seen, model, network, steps for task "draw"/);
  assert.match(errors[1], /option "hide" must be all, none or a list of step, .* for task "xor3"/);
  assert.match(errors[2], /option "controls" does not apply to task "mnist"/);
  await page.close();
  assert.deepEqual(b.consoleErrors, []);
});

test('index.html?task=mnist&embed=1: the network and its buttons fill the frame, the charts follow, no page chrome', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 600, height: 450 });
  await page.goto(url('index.html?task=mnist&embed=1'));
  await page.waitForSelector('#mnist[data-ready]', { timeout: 60_000 });
  assert.deepEqual(await chromeShown(page), NO_CHROME);
  const root = page.locator('#mnist .ng-task');
  assert.equal(await root.locator('.mn-net-wrap canvas').first().isVisible(), true);
  for (const name of ['Play', 'Step', 'Reset']) assert.equal(await root.getByRole('button', { name, exact: true }).isVisible(), true, `${name} shows`);
  const box = await root.locator('.mn-net-wrap').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 450 && box.height >= 300, `the network fills the frame: ${JSON.stringify(box)}`);
  assert.deepEqual(await page.evaluate(() => window.playgrounds.mnist.warnings()), []);
  assert.equal(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1), true, 'the page itself does not scroll');
  await screenshot(page, 'embed-mnist-600x450');
  // The charts are in the section, a scroll away inside the frame.
  await root.locator('.mn-charts').scrollIntoViewIfNeeded();
  assert.equal(await root.locator('.mn-charts').isVisible(), true);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.waitForFunction(() => window.playgrounds.mnist.state().seen >= 0);
  await page.close();
  assert.deepEqual(b.consoleErrors, []);
});

test('the tab bar\u2019s Embed gives an <iframe> snippet of the draw tab, and its src works', TIMEOUT, async () => {
  const { page, context } = b;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url()).origin });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url('index.html'));
  await page.waitForSelector('#playground[data-ready]');
  const embedButton = page.locator('#page-share').getByRole('button', { name: 'Embed' });
  assert.equal(await embedButton.isVisible(), false, 'XOR has its own Embed');
  await page.getByRole('tab', { name: 'Draw a digit' }).click();
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  await page.evaluate(() => window.playgrounds.draw.useModel('3b1b'));
  await embedButton.click();
  assert.equal(await embedButton.getAttribute('aria-expanded'), 'true');
  const code = page.locator('#ng-page-draw-emb-code');
  let snippet = await code.inputValue();
  assert.match(snippet, /^<iframe src="[^"]+index\.html\?task=draw&amp;embed=1&amp;model=3b1b&amp;lang=en" width="600" height="400" title="neuroglow: draw a digit and watch a neural network read it" loading="lazy"/);
  // The draw tab offers its own parts.
  await page.locator('#page-embed').getByText('network', { exact: true }).click();
  snippet = await code.inputValue();
  assert.match(snippet, /\?task=draw&amp;embed=1&amp;model=3b1b&amp;controls=network&amp;lang=en"/);
  await page.locator('#page-embed').getByText('network', { exact: true }).click();
  await page.getByRole('button', { name: 'Copy code' }).click();
  await page.locator('#page-embed [role="status"]').filter({ hasText: 'Embed code copied' }).waitFor();
  snippet = await page.evaluate(() => navigator.clipboard.readText());
  await page.locator('#page-embed').scrollIntoViewIfNeeded();
  await screenshot(page, 'embed-page-panel');
  // The MNIST tab: its own snippet, no parts to choose.
  await page.getByRole('tab', { name: 'MNIST' }).click();
  await page.waitForFunction(() => window.playgrounds.mnist);
  assert.equal(await code.isVisible(), false, 'the draw panel closes with its tab');
  await embedButton.click();
  const mnistCode = page.locator('#ng-page-mnist-emb-code');
  assert.match(await mnistCode.inputValue(), /index\.html\?task=mnist&amp;embed=1&amp;lang=en" width="600" height="400" title="neuroglow: a 784-16-16-10 neural network learning handwritten digits \(MNIST\)"/);
  assert.equal(await page.locator('#page-embed fieldset:visible').count(), 0);

  // The snippet works: a page with it shows the compact draw tab.
  const src = snippet.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const host = await context.newPage();
  await host.setViewportSize({ width: 700, height: 500 });
  await host.setContent(`<!doctype html><body style="margin:0;background:#000">${snippet}</body>`);
  const frame = host.frameLocator('iframe');
  await frame.locator('#draw[data-ready]').waitFor({ timeout: 30_000 });
  assert.equal(await frame.getByRole('tablist').isVisible(), false);
  assert.equal(await frame.locator('.dr-pad').isVisible(), true);
  const f = host.frames().find((fr) => fr.url() === src);
  assert.ok(f, `the frame opened ${src}`);
  assert.equal(await f.evaluate(() => window.playgrounds.draw.state().model), '3b1b');
  await f.evaluate(() => window.playgrounds.draw.draw([[[0.5, 0.15], [0.5, 0.85]]]));
  assert.equal(await f.evaluate(() => window.playgrounds.draw.state().guess), 1);
  await host.waitForTimeout(300);
  await screenshot(host, 'embed-draw-iframe');
  await host.close();
  assert.deepEqual(b.consoleErrors, []);
});

test('without a clipboard the Embed code is selected to copy by hand', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto(url('index.html?task=draw'));
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  await page.locator('#page-share').getByRole('button', { name: 'Embed' }).click();
  await page.getByRole('button', { name: 'Copy code' }).click();
  await page.locator('#page-embed [role="status"]').filter({ hasText: 'Copying is not allowed here' }).waitFor();
  const { selected, value } = await page.evaluate(() => {
    const f = document.activeElement;
    return { selected: f.value.slice(f.selectionStart, f.selectionEnd), value: f.value };
  });
  assert.match(value, /^<iframe src="[^"]+\?task=draw&amp;embed=1&amp;lang=en"/);
  assert.equal(selected, value);
  await page.close();
  assert.deepEqual(b.consoleErrors, []);
});
