// One small driver interface over three browser engines, so that one test file runs in each:
//
//   const e = await launchEngine('firefox' | 'webkit' | 'chromium');
//   e.name, e.version, e.input          which engine, and how input is made
//   await e.goto(url)                   load a page (resolves after its load event)
//   await e.evaluate(fn, arg)           fn(arg) in the page (may be async); JSON-able result
//   await e.pointer('mouse' | 'touch', strokes)   strokes of [x, y] viewport CSS px, as real input where
//                                       the driver can make it (e.input says how; WebKitGTK's touch is dispatched)
//   await e.click(x, y)                 a real mouse click
//   await e.screenshot()                PNG bytes of the viewport
//   await e.errors()                    uncaught page errors (and console.error where the driver sees them)
//   await e.close()
//
// Firefox: puppeteer-core over WebDriver BiDi (firefox.mjs). WebKit: WebKitWebDriver + MiniBrowser
// under Xvfb over classic W3C WebDriver (webkit.mjs). Chromium: Playwright over CDP, the engine the
// rest of tests/e2e uses; here it gives the reference answers the other engines must match.
import { launchFirefox, firefoxMissing } from './firefox.mjs';
import { launchWebkit, webkitMissing } from './webkit.mjs';
import { launch as launchPlaywright, CHROMIUM } from '../e2e/browser.mjs';
import { existsSync } from 'node:fs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** Why `name` cannot run on this machine, or null. */
export function engineMissing(name) {
  if (name === 'firefox') return firefoxMissing();
  if (name === 'webkit') return webkitMissing();
  if (name === 'chromium') return existsSync(CHROMIUM) ? null : `${CHROMIUM} not found`;
  return `unknown engine ${JSON.stringify(name)} (one of ${ENGINES.join(', ')})`;
}

export async function launchEngine(name) {
  const e = name === 'firefox' ? await launchFirefox() : name === 'webkit' ? await launchWebkit() : await launchChromium();
  return {
    ...e,
    async errors() {
      return [...e.consoleErrors, ...(e.pageErrors ? await e.pageErrors().catch(() => []) : [])];
    },
  };
}

async function launchChromium() {
  const b = await launchPlaywright();
  const { page } = b;
  const cdp = await b.context.newCDPSession(page);
  return {
    name: 'chromium',
    version: `Chromium ${b.context.browser()?.version() ?? ''}`.trim(),
    consoleErrors: b.consoleErrors,
    input: 'real (CDP Input.dispatchMouseEvent / dispatchTouchEvent)',
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async pointer(kind, strokes) {
      for (const stroke of strokes) {
        if (kind === 'touch') {
          const touch = (type, [x, y]) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
          await touch('touchStart', stroke[0]);
          for (const p of stroke.slice(1)) await touch('touchMove', p);
          await touch('touchEnd', stroke.at(-1));
        } else {
          await page.mouse.move(...stroke[0]);
          await page.mouse.down();
          for (const p of stroke.slice(1)) await page.mouse.move(...p);
          await page.mouse.up();
        }
      }
    },
    click: (x, y) => page.mouse.click(x, y),
    screenshot: () => page.screenshot(),
    close: () => b.close(),
  };
}
