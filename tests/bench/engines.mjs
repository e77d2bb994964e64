// The "Engines" part of `cargo xtask bench`: our wasm's training throughput and drawing latency in
// each browser engine this machine can run (tests/engines/engines.mjs: Chromium, Firefox ESR,
// WebKitGTK), one after another, so that a regression in one engine is seen. Each engine opens
// tests/bench/index.html?engine (bench.js measures our wasm alone there) on the server at
// NEUROGLOW_URL. Prints { engines: [{ name, version, env, train, latency } | { name, skipped }
// | { name, error }] } as JSON on stdout (progress on stderr); `--quick` asks for short timings.
//
// The engines load the page through a small proxy here that adds COOP/COEP (as run.mjs does for
// Chromium): cross-origin isolated, performance.now() is fine-grained enough to time one read
// (Firefox and WebKit otherwise round it to a millisecond or so). Like run.mjs it drops the site's
// Content-Security-Policy: the bench page also loads TF.js (unused here, but it must not break).
import { createServer } from 'node:http';
import { ENGINES, engineMissing, launchEngine } from '../engines/engines.mjs';
import { url } from '../e2e/browser.mjs';

const quick = process.argv.includes('--quick');
const only = process.env.NEUROGLOW_BENCH_ENGINES?.split(',').filter(Boolean);
const TIMEOUT_MS = (quick ? 3 : 15) * 60 * 1000;
const log = (line) => process.stderr.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A proxy to NEUROGLOW_URL adding COOP/COEP and dropping the CSP; resolves its base URL and close(). */
async function isolatingProxy() {
  const upstream = url('');
  const server = createServer(async (req, res) => {
    try {
      const up = await fetch(new URL(req.url.replace(/^\/+/, ''), upstream), { method: req.method });
      const headers = {};
      for (const [k, v] of up.headers) {
        if (!['content-security-policy', 'content-length', 'content-encoding', 'connection', 'transfer-encoding'].includes(k)) headers[k] = v;
      }
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
      const body = Buffer.from(await up.arrayBuffer());
      headers['content-length'] = String(body.length);
      res.writeHead(up.status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Runs the bench page's engine mode in `e` and resolves its results (or throws). */
async function measure(e, base) {
  await e.goto(new URL(`tests/bench/index.html?engine${quick ? '&quick' : ''}`, base).href);
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    // Polled in short calls: a driver's script timeout must not cut a long measurement.
    const r = await e.evaluate(() => (window.benchDone
      ? Promise.race([window.benchDone, new Promise((resolve) => setTimeout(() => resolve(null), 1000))])
      : null));
    if (r) return r;
    if (Date.now() > deadline) throw new Error(`the bench page took over ${TIMEOUT_MS / 60000} minutes`);
    await sleep(250);
  }
}

const proxy = await isolatingProxy();
const engines = [];
try {
  for (const name of ENGINES) {
    if (only && !only.includes(name)) {
      engines.push({ name, skipped: 'not asked for (NEUROGLOW_BENCH_ENGINES)' });
      continue;
    }
    const missing = engineMissing(name);
    if (missing) {
      log(`  ${name}: skipped: ${missing}`);
      engines.push({ name, skipped: missing });
      continue;
    }
    log(`  ${name}: our wasm, training and reads`);
    let e;
    try {
      e = await launchEngine(name);
      const r = await measure(e, proxy.base);
      const errors = await e.errors().catch(() => []);
      if (r.error) engines.push({ name, version: e.version, error: r.error, errors });
      else engines.push({ name, version: e.version, ...r, errors });
      for (const row of r.train ?? []) log(`    ${row.shape} batch ${row.batch}: ${Math.round(row.median)} samples/s`);
      for (const row of r.latency ?? []) log(`    ${row.preset} ${row.input}: read p50 ${row.medianMs.toFixed(3)} ms, p95 ${row.p95Ms.toFixed(3)} ms`);
    } catch (err) {
      log(`  ${name}: failed: ${err.stack || err}`);
      engines.push({ name, version: e?.version, error: String(err.message || err) });
    } finally {
      await e?.close().catch(() => {});
    }
  }
} finally {
  await proxy.close();
}
process.stdout.write(JSON.stringify({ engines }) + '\n');
process.exit(0);
