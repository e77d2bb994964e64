// Drives `cargo xtask soak` (crates/xtask/src/soak.rs): opens the page on the server at
// NEUROGLOW_URL in headless Chromium and trains for a long time as a learner would let it, through
// the public JS API, sampling the wasm module's memory every few seconds:
//   xor-sgd, xor-adam  index.html?task=xor3 (Adam: &optimizer=adam&lr=0.05), pg.train({ cycles })
//                      (the fastest way the page trains: slices at full speed, a frame drawn
//                      between them); memory: memory.buffer.byteLength of the page's module
//   mnist              index.html?task=mnist (3Blue1Brown preset), pg.train({ epochs }) in its Web
//                      Worker at full speed (an epoch is one pass over the 60,000 training digits;
//                      progress is examples seen / 60,000); memory: the worker's own module, read
//                      inside the worker (its www/core/wasm.js, the instance it trains with)
// Samples go to stderr as they come and, at the end, as JSON on stdout: { runs: [{ name, unit,
// target, samples: [{ t, progress, bytes, pageBytes?, heap? }], seconds, error }], errors }.
// soak.rs judges them. Options: --cycles N --epochs N --every SECONDS (MNIST: at most 1 s)
// --only xor|mnist.
import { launch, url } from '../e2e/browser.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const CYCLES = Number(opt('cycles', 1e8));
const EPOCHS = Number(opt('epochs', 20));
const EVERY_MS = Number(opt('every', 5)) * 1000;
const ONLY = opt('only', null);
/** A run that makes no progress for this long is stuck. */
const STALL_MS = 180_000;

const WASM_JS = url('www/core/wasm.js');
const log = (text) => process.stderr.write(`${text}\n`);
const mib = (b) => (b / 1048576).toFixed(1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Samples `probe()` every `everyMs` until it reports done (or an error, or no progress for STALL_MS). */
async function sampleUntilDone(name, unit, everyMs, probe) {
  const samples = [];
  const t0 = Date.now();
  let last = { progress: -1, at: t0 };
  for (;;) {
    const s = await probe();
    const t = (Date.now() - t0) / 1000;
    if (s.error) return { samples, seconds: t, error: s.error };
    samples.push({ t, progress: s.progress, bytes: s.bytes, ...(s.pageBytes !== undefined ? { pageBytes: s.pageBytes } : {}), heap: s.heap ?? null });
    const progress = s.progress.toLocaleString('en-US', { maximumFractionDigits: 2 });
    log(`  ${name.padEnd(8)} ${t.toFixed(0).padStart(6)} s  ${unit} ${progress.padStart(13)}  wasm ${mib(s.bytes).padStart(8)} MiB`);
    if (s.done) return { samples, seconds: t, error: null };
    if (s.progress > last.progress) last = { progress: s.progress, at: Date.now() };
    else if (Date.now() - last.at > STALL_MS) return { samples, seconds: t, error: `no progress for ${STALL_MS / 1000} s` };
    await sleep(everyMs);
  }
}

/** XOR trained with pg.train({ cycles }) on index.html?<query>. */
async function xor(page, name, query) {
  await page.goto(url(`index.html?${query}`));
  await page.waitForSelector('#playground[data-ready]', { timeout: 60_000 });
  await page.evaluate((cycles) => {
    const pg = window.playgrounds.xor;
    window.soak = { done: false, error: null };
    pg.train({ cycles }).then(
      (s) => Object.assign(window.soak, { done: true, error: s?.diverged ? `diverged at cycle ${s.cycle}: ${s.diverged}` : null }),
      (e) => Object.assign(window.soak, { done: true, error: `${e.code ? `${e.code}: ` : ''}${e.message}` }),
    );
  }, CYCLES);
  const run = await sampleUntilDone(name, 'cycles', EVERY_MS, () => page.evaluate(async (wasmJs) => {
    const { wasmMemoryBytes } = await import(wasmJs); // the page's own module instance
    let progress = 0;
    try {
      progress = window.playgrounds.xor.state().cycle;
    } catch (e) {
      return { error: e.message };
    }
    return { progress, bytes: wasmMemoryBytes(), heap: performance.memory?.usedJSHeapSize, done: window.soak.done, error: window.soak.error };
  }, WASM_JS));
  return { name, unit: 'cycles', target: CYCLES, ...run };
}

/** MNIST trained with pg.train({ epochs }) in its worker; memory read in the worker. */
async function mnist(page) {
  await page.goto(url('index.html?task=mnist'));
  await page.waitForFunction(() => window.playgrounds?.mnist, null, { timeout: 60_000 });
  await page.evaluate(() => window.playgrounds.mnist.ready);
  const worker = page.workers().find((w) => w.url().includes('/tasks/mnist/worker.js'));
  if (!worker) throw new Error('the MNIST training worker was not found');
  await page.evaluate((epochs) => {
    window.soak = { done: false, error: null };
    window.playgrounds.mnist.train({ epochs }).then(
      () => Object.assign(window.soak, { done: true }),
      (e) => Object.assign(window.soak, { done: true, error: `${e.code ? `${e.code}: ` : ''}${e.message}` }),
    );
  }, EPOCHS);
  // 20 epochs of the small preset take well under a minute at full speed: sampled more often.
  const run = await sampleUntilDone('mnist', 'epochs', Math.min(EVERY_MS, 1000), async () => {
    const bytes = await worker.evaluate(async (wasmJs) => (await import(wasmJs)).wasmMemoryBytes(), WASM_JS);
    const s = await page.evaluate(async (wasmJs) => {
      const st = window.playgrounds.mnist.state();
      const { wasmMemoryBytes } = await import(wasmJs);
      const { done, error } = window.soak;
      return { seen: st.seen, count: st.state?.exampleCount ?? 60000, pageBytes: wasmMemoryBytes(), heap: performance.memory?.usedJSHeapSize, done, error };
    }, WASM_JS);
    return { ...s, bytes, progress: s.seen / s.count };
  });
  return { name: 'mnist', unit: 'epochs', target: EPOCHS, ...run };
}

const { page, consoleErrors, close } = await launch();
let exitCode = 0;
const runs = [];
try {
  log(`soak: ${ONLY ?? 'xor and mnist'}; XOR ${CYCLES.toLocaleString('en-US')} cycles, MNIST ${EPOCHS} epochs, a sample every ${EVERY_MS / 1000} s`);
  if (ONLY !== 'mnist') {
    runs.push(await xor(page, 'xor-sgd', 'task=xor3'));
    runs.push(await xor(page, 'xor-adam', 'task=xor3&optimizer=adam&lr=0.05'));
  }
  if (ONLY !== 'xor') runs.push(await mnist(page));
  process.stdout.write(`${JSON.stringify({ runs, errors: consoleErrors })}\n`);
} catch (e) {
  log(`tests/soak/soak.mjs: ${e.stack || e}`);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
