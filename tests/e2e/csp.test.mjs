// The strict Content-Security-Policy (no inline scripts or styles, wasm allowed, everything from
// the site itself): every page works under it without a single violation, both served by
// `cargo xtask serve` (the policy as a header) and from dist/ on a plain static host under a
// sub-path (the policy as a <meta> tag that `cargo xtask dist` writes into each page).
// Violations are caught with a `securitypolicyviolation` listener in every frame and from
// Chromium's console reports ("Refused to … Content Security Policy").
//
// `cargo xtask test` passes dist/'s path in NEUROGLOW_DIST; run alone, this file builds it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, url } from './browser.mjs';
import { distDir, hostDist } from './dist-host.mjs';

const TIMEOUT = { timeout: 300_000 };
let b;
let distHost;
let distBase;
/** The policy `cargo xtask serve` sends; dist's pages must carry the same one. */
let policy;

/** Console reports of the policy: the listener's own and Chromium's. */
const isCsp = (text) => /Content.Security.Policy|CSP violation/i.test(text);
const violations = () => b.consoleErrors.filter(isCsp);

before(async () => {
  // A plain static host: files under a sub-path, no security headers at all.
  distHost = await hostDist(distDir());
  distBase = distHost.base;

  policy = (await fetch(url('index.html'))).headers.get('content-security-policy');
  b = await launch();
  for (const origin of [new URL(url()).origin, new URL(distBase).origin]) {
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  }
  // In every page and frame, before its own scripts: report each violation on the console.
  await b.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} in ${e.sourceFile || e.documentURI}:${e.lineNumber} ${e.sample ?? ''}`);
    });
  });
});

after(async () => {
  await b?.close();
  await distHost?.close();
});

test('the server sends a strict policy: no inline code, no eval, wasm allowed, framing allowed', () => {
  assert.ok(policy, 'cargo xtask serve sends Content-Security-Policy');
  const d = Object.fromEntries(policy.split(';').map((p) => p.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(d['default-src'], ["'self'"]);
  assert.deepEqual(d['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(d['style-src'], ["'self'"]);
  assert.deepEqual(d['object-src'], ["'none'"]);
  assert.deepEqual(d['base-uri'], ["'none'"]);
  assert.ok(!policy.includes('unsafe-inline') && !policy.includes("'unsafe-eval'"), policy);
  assert.ok(!('frame-ancestors' in d), 'teachers embed the pages in iframes');
});

test('the watch catches a violation (an injected <style> and style attribute), not CSSOM styles', TIMEOUT, async () => {
  const page = await b.context.newPage();
  try {
    await page.goto(url('index.html'));
    await page.waitForSelector('#playground[data-ready]', { timeout: 30_000 });
    const from = b.consoleErrors.length;
    await page.evaluate(() => {
      document.body.style.outlineColor = 'red'; // CSSOM: allowed
      document.body.style.removeProperty('outline-color');
    });
    await page.waitForTimeout(200);
    assert.deepEqual(b.consoleErrors.slice(from).filter(isCsp), []);
    await page.evaluate(() => {
      document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' }));
      document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
    });
    await page.waitForTimeout(300);
    const caught = b.consoleErrors.slice(from).filter(isCsp);
    assert.ok(caught.some((m) => /CSP violation: style-src-elem/.test(m)), caught.join('\n'));
    assert.ok(caught.some((m) => /CSP violation: style-src-attr/.test(m)), caught.join('\n'));
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('body > p:last-child')).color === 'rgb(255, 0, 0)'), false, 'the inline style was not applied');
  } finally {
    await page.close();
    b.consoleErrors.length = 0;
  }
});

/** Draws a vertical stroke with the real mouse on the first drawing pad. */
async function drawOne(page) {
  const pad = page.getByRole('img', { name: /draw a digit/i }).first();
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.85, { steps: 10 });
  await page.mouse.up();
}

const button = (page, name) => page.getByRole('button', { name, exact: true });

/** Every page of the site, opened and exercised a little: [name, path, what to do]. */
const PAGES = [
  ['XOR: step, cycle, play, Share, Embed, Record, Save image', 'index.html', async (page) => {
    await page.waitForSelector('#playground[data-ready]', { timeout: 30_000 });
    await button(page, 'Step').click();
    await page.getByRole('button', { name: 'Next cycle' }).click();
    await button(page, 'Play').click();
    await button(page, 'Pause').click();
    await button(page, 'Share').click();
    await button(page, 'Embed').click();
    await page.locator('#playground canvas').first().hover();
    await page.getByRole('button', { name: 'Record' }).click();
    await page.waitForTimeout(800);
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await page.locator('#playground .ng-download').waitFor({ timeout: 15_000 });
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save image' }).click()]);
  }],
  ['XOR 2 in the embed layout, blue-orange', 'index.html?task=xor2&embed=1&controls=step,play,reset&palette=blue-orange', async (page) => {
    await page.waitForSelector('#playground[data-ready]', { timeout: 30_000 });
    await button(page, 'Step').click();
  }],
  ['MNIST tab: step, play, the tab bar’s Share and Embed, the XOR tab', 'index.html?task=mnist', async (page) => {
    await page.waitForSelector('#mnist[data-ready]', { timeout: 60_000 });
    await button(page, 'Step').click();
    await button(page, 'Play').click();
    await page.waitForFunction(() => window.playgrounds.mnist.state().seen > 500, null, { timeout: 30_000 });
    await button(page, 'Pause').click();
    await page.locator('#page-share').getByRole('button', { name: 'Share' }).click();
    await page.locator('#page-share').getByRole('button', { name: 'Embed' }).click();
    await page.getByRole('tab', { name: 'XOR' }).click();
    await page.waitForSelector('#playground[data-ready]', { timeout: 30_000 });
  }],
  ['Draw tab: draw, undo, the tab bar’s Embed', 'index.html?task=draw', async (page) => {
    await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
    await drawOne(page);
    await page.waitForFunction(() => window.playgrounds.draw.state().guess !== null);
    await button(page, 'Undo').click();
    await page.locator('#page-share').getByRole('button', { name: 'Embed' }).click();
  }],
  ['Draw in the embed layout', 'index.html?task=draw&embed&controls=seen,model,network', async (page) => {
    await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
    await drawOne(page);
    await page.waitForFunction(() => window.playgrounds.draw.state().guess !== null);
  }],
  ['MNIST in the embed layout', 'index.html?task=mnist&embed=1', async (page) => {
    await page.waitForSelector('#mnist[data-ready]', { timeout: 60_000 });
    await button(page, 'Step').click();
  }],
  ['the MNIST page', 'www/mnist/index.html', async (page) => {
    await page.waitForFunction(() => window.mnist, null, { timeout: 30_000 });
    await page.evaluate(() => window.mnist.ready);
    await button(page, 'Step').click();
    await button(page, 'Step').click();
  }],
  ['the draw page', 'www/draw/index.html', async (page) => {
    await page.waitForFunction(() => window.draw, null, { timeout: 30_000 });
    await drawOne(page);
    await page.waitForFunction(() => window.draw.state().guess !== null);
  }],
  ['the example lesson: its playgrounds, its iframe, its experiment', 'www/examples/lesson.html', async (page) => {
    for (const id of ['pg-watch', 'pg-experiment', 'pg-digits', 'pg-draw']) await page.waitForSelector(`#${id}[data-ready]`, { timeout: 60_000 });
    await page.locator('#iframe iframe').scrollIntoViewIfNeeded();
    await page.frameLocator('#iframe iframe').locator('#playground[data-ready]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Train until the error is below 0.1' }).click();
    await page.waitForFunction(() => /^Paused at cycle/.test(document.getElementById('experiment-result').textContent), null, { timeout: 30_000 });
    await drawOne(page);
  }],
];

/** Opens `path` under `base`, checks how the policy arrived, runs `exercise`; returns the violations. */
async function visit(base, path, exercise, viaMeta) {
  const page = await b.context.newPage();
  const from = b.consoleErrors.length;
  try {
    const res = await page.goto(base + path);
    assert.equal(res.status(), 200);
    const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.content ?? null);
    if (viaMeta) {
      assert.equal(meta, policy, `${path}: dist's page carries the policy as a <meta> tag`);
    } else {
      assert.equal(res.headers()['content-security-policy'], policy, `${path}: served with the policy`);
      assert.equal(meta, null, `${path}: the source page has no <meta> policy (the header is the one source)`);
    }
    await exercise(page);
    await page.waitForTimeout(300);
    return b.consoleErrors.slice(from).filter(isCsp);
  } finally {
    await page.close();
  }
}

for (const [name, path, exercise] of PAGES) {
  test(`served by cargo xtask serve: ${name}`, TIMEOUT, async () => {
    assert.deepEqual(await visit(url(), path, exercise, false), []);
  });
}

for (const [name, path, exercise] of PAGES) {
  test(`from dist/ under a sub-path: ${name}`, TIMEOUT, async () => {
    assert.deepEqual(await visit(distBase, path, exercise, true), []);
  });
}

test('no violation anywhere, in any frame or worker', () => {
  assert.deepEqual(violations(), []);
});
