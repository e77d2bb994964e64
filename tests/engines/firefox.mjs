// Firefox ESR (Debian `firefox-esr`), headless, driven over WebDriver BiDi with puppeteer-core.
// Input is real: mouse and touch go through BiDi's input.performActions (puppeteer's mouse and
// touchscreen), not through events dispatched from page JS.
import puppeteer from 'puppeteer-core';
import { existsSync } from 'node:fs';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export function firefoxMissing() {
  return existsSync(FIREFOX) ? null : `${FIREFOX} not found (apt-get install firefox-esr)`;
}

/** A fresh headless Firefox with one 1280×800 page, as an Engine (see engines.mjs). */
export async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    // No updates, telemetry or first-run pages in a test profile.
    extraPrefsFirefox: { 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false, 'intl.accept_languages': 'en-US', 'intl.locale.requested': 'en-US' },
  });
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  const version = await browser.version();
  return {
    name: 'firefox',
    version,
    consoleErrors,
    input: 'real (WebDriver BiDi input.performActions)',
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async pointer(kind, strokes) {
      if (kind === 'touch') {
        for (const stroke of strokes) {
          await page.touchscreen.touchStart(...stroke[0]);
          for (const p of stroke.slice(1)) await page.touchscreen.touchMove(...p);
          await page.touchscreen.touchEnd();
        }
        return;
      }
      for (const stroke of strokes) {
        await page.mouse.move(...stroke[0]);
        await page.mouse.down();
        for (const p of stroke.slice(1)) await page.mouse.move(...p);
        await page.mouse.up();
      }
    },
    async click(x, y) {
      await page.mouse.click(x, y);
    },
    screenshot: () => page.screenshot({ type: 'png' }),
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
