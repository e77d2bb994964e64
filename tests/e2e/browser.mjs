// Shared helpers for the e2e tests: a headless Chromium page, URLs on the test
// server, screenshots. Run through `cargo xtask test`, which sets NEUROGLOW_URL.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Debian's Chromium: Playwright's own browser download is not available here.
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Absolute URL on the server under test; `path` is relative to the repository root. */
export function url(path = '') {
  const base = process.env.NEUROGLOW_URL;
  if (!base) throw new Error('NEUROGLOW_URL is not set: run the e2e tests with `cargo xtask test`');
  return new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : base + '/').href;
}

/**
 * A fresh browser with one page. A persistent context is the way to give Chromium
 * its own throwaway --user-data-dir (Playwright refuses that flag in `args`), so
 * `browser` is that BrowserContext: use it for new pages.
 * `consoleErrors` collects console.error messages and uncaught page errors.
 */
export async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'neuroglow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US', // (the pages follow the browser's language; the tests read English words)
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  const watch = (p) => {
    p.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`console.error: ${msg.text()}`);
    });
    p.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const close = async () => {
    await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  };
  return { browser: context, context, page, consoleErrors, close };
}

/**
 * One browser for a whole test file: launched before its first test, closed after its last.
 * Call it at the top level of the file; the object it returns reads through to that browser
 * (page, context, browser, consoleErrors), so use it inside tests and hooks.
 */
export function browserForSuite() {
  let b = null;
  before(async () => {
    b = await launch();
  });
  after(async () => {
    await b?.close();
  });
  const current = () => {
    if (!b) throw new Error('the suite browser is launched in before(): use it inside tests');
    return b;
  };
  return {
    get browser() {
      return current().browser;
    },
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
    get consoleErrors() {
      return current().consoleErrors;
    },
  };
}

/** Saves a PNG of the viewport to tests/artifacts/<name>.png; returns its path. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
