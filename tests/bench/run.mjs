// Drives the browser half of `cargo xtask bench`: opens tests/bench/index.html in headless
// Chromium on the server at NEUROGLOW_URL, waits for its results and prints them as JSON on
// stdout (progress on stderr). `--quick` asks the page for a short smoke run. Then the drawing
// pad's whole path on the real page www/draw/ (path.mjs: real mouse events to the bars' numbers)
// for the shipped models.
//
// Responses get COOP/COEP headers so the page is cross-origin isolated: that gives
// performance.now() 5 µs resolution instead of 100 µs (the drawing latency is well under a
// millisecond). The page keeps TF.js single-threaded all the same, as ours is.
import { launch, url } from '../e2e/browser.mjs';
import { measurePath } from './path.mjs';

const quick = process.argv.includes('--quick');
const TIMEOUT_MS = 15 * 60 * 1000;

const { context, page, consoleErrors, close } = await launch();
let exitCode = 0;
try {
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    // TF.js evaluates strings (`Function(…)`), which the site's Content-Security-Policy refuses;
    // the bench page is a developer tool, not part of the site, so it runs without one.
    const { 'content-security-policy': _csp, ...headers } = response.headers();
    await route.fulfill({
      response,
      headers: {
        ...headers,
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      },
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'log') process.stderr.write(`  browser: ${msg.text()}\n`);
  });
  await page.goto(url(`tests/bench/index.html${quick ? '?quick' : ''}`));
  await page.waitForFunction(() => window.benchDone !== undefined);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the bench page took over ${TIMEOUT_MS / 60000} minutes`)), TIMEOUT_MS);
  });
  const results = await Promise.race([page.evaluate(() => window.benchDone), timeout]);
  clearTimeout(timer);
  if (!results.error) {
    process.stderr.write('  the pad\'s whole path on www/draw/ (real mouse events → the bars\' numbers)\n');
    const log = (line) => process.stderr.write(`${line}\n`);
    const events = quick ? 120 : 600;
    results.path = [];
    for (const [preset, strip] of [['modern', false], ['3b1b', false], ['modern', true]]) {
      results.path.push(await measurePath(page, url('www/draw/index.html'), preset, { events, strip, log }));
    }
  }
  results.errors = consoleErrors;
  process.stdout.write(JSON.stringify(results) + '\n');
} catch (e) {
  process.stderr.write(`tests/bench/run.mjs: ${e.stack || e}\n`);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
