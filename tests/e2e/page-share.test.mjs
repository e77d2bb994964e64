// The tab bar's Share button: on the MNIST and Draw tabs (XOR shares from its own controls) it
// copies the link to the tab on show with its settings, and that link reopens the same setup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForSuite, url } from './browser.mjs';

const TIMEOUT = { timeout: 120_000 };
const b = browserForSuite();

const shareButton = (page) => page.locator('#page-share').getByRole('button', { name: 'Share' });

test('Share in the tab bar copies the draw tab\u2019s link, and the link reopens it', TIMEOUT, async () => {
  const { page, context } = b;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url()).origin });
  await page.goto(url('index.html'));
  await page.waitForSelector('#playground[data-ready]');
  assert.equal(await shareButton(page).isVisible(), false, 'XOR has its own Share');
  await page.getByRole('tab', { name: 'Draw a digit' }).click();
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  await page.evaluate(() => window.playgrounds.draw.useModel('3b1b'));
  await shareButton(page).click();
  await page.locator('#page-share [role="status"]').filter({ hasText: 'Link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /[?&]task=draw\b/);
  assert.match(link, /[?&]model=3b1b\b/);
  await page.goto(link);
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  assert.equal(await page.getByRole('tab', { name: 'Draw a digit' }).getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => window.playgrounds.draw.state().model), '3b1b');
});

test('without a clipboard the tab bar shows the MNIST tab\u2019s link, selected', TIMEOUT, async () => {
  const { page } = b;
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto(url('index.html?task=mnist&preset=modern'));
  await page.waitForSelector('#mnist .mn-root', { timeout: 30_000 });
  await page.waitForFunction(() => window.playgrounds.mnist);
  await shareButton(page).click();
  const field = page.getByRole('textbox', { name: 'Link to this tab' });
  await field.waitFor();
  const link = await field.inputValue();
  assert.match(link, /[?&]task=mnist\b/);
  assert.match(link, /[?&]preset=modern\b/);
  const selected = await page.evaluate(() => {
    const f = document.activeElement;
    return f?.value?.slice(f.selectionStart, f.selectionEnd) ?? '';
  });
  assert.equal(selected, link, 'the whole link is selected, ready to copy');
  assert.deepEqual(b.consoleErrors, []);
});
