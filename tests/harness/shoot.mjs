// Screenshots every panel of renderer.html: node tests/harness/shoot.mjs [base URL] [out dir].
// Needs playwright-core (tests/node_modules) and Chromium at /usr/bin/chromium.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8137';
const out = process.argv[3] ?? 'tests/artifacts/renderer';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1240, height: 900 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}/tests/harness/renderer.html`);
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  for (const wrap of await page.locator('.wrap').all()) {
    const id = await wrap.getAttribute('id');
    await wrap.screenshot({ path: `${out}/${id}.png` });
  }
  if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
}
