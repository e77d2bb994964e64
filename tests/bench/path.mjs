// The drawing pad's whole path, as a user gets it, for `cargo xtask bench` (run.mjs calls this):
// real mouse events (CDP input: trusted, delivered and coalesced by Chromium as a hand's would be)
// draw varied digits (strokes.js) on the real page www/draw/, and for every event that changes the
// drawing the page records
//   event  — from the event's timestamp to the bars' numbers written (the last bar set): the pad
//            reads in the pointer event itself (Reader.readStrokes, the frame, the words and the
//            bars), so this is the browser's delivery of the event plus our work;
//   work   — the same from the moment the event reached the page: what our code costs;
//   shown  — from that moment to the end of the next animation frame, where the pad, the network
//            drawing and, when open, the "See how it sees" strip are drawn;
//   paint  — from the event's timestamp to a message posted once that frame was drawn, which
//            Chromium runs after the frame's rendering (style, layout, paint): about when the
//            numbers and pictures reach the screen.
// Events are sent one at a time, each after the previous reading, so each gets its own frame.

import { drawing } from './strokes.js';

function percentiles(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (p) => v[Math.min(Math.max(Math.ceil((p / 100) * v.length), 1), v.length) - 1];
  return { p50: at(50), p95: at(95), max: at(100) };
}

/** Installs the probe in the page: window.__path.next() resolves once the event sent last has been read. */
async function probe(page) {
  await page.evaluate(() => {
    const P = (window.__path = { pending: null, frame: 0, written: 0, samples: [], wait: null });
    const onEvent = (e) => {
      if (P.pending !== null) return; // an earlier event is not read yet: measure from it
      P.pending = e.timeStamp;
      P.frame = performance.now(); // (a capturing listener on the pad: runs before the pad's own)
    };
    // The moment the bars' numbers are written: the last bar's fill is set last, on every reading.
    const fills = document.querySelectorAll('.dr-root .dr-bar-fill');
    const style = fills[fills.length - 1].style;
    Object.defineProperty(style, 'transform', {
      get: () => style.getPropertyValue('transform'),
      set: (v) => {
        style.setProperty('transform', v);
        if (P.pending !== null) P.written = performance.now();
      },
    });
    for (const type of ['pointerdown', 'pointermove']) window.draw.canvas.addEventListener(type, onEvent, { capture: true });
    window.draw.on('prediction', () => {
      if (P.pending === null) return;
      const now = P.written;
      const sample = { event: now - P.pending, work: now - P.frame };
      const [from, start] = [P.pending, P.frame];
      P.pending = null;
      // The section asked for its frame before this event: this callback runs after its drawing.
      requestAnimationFrame(() => {
        sample.shown = performance.now() - start;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          sample.paint = performance.now() - from;
          P.samples.push(sample);
          P.wait?.();
        };
        channel.port2.postMessage(0);
      });
    });
    P.next = (count) => new Promise((done) => {
      if (P.samples.length >= count) return done(true);
      const timer = setTimeout(() => {
        P.pending = null; // the event changed nothing (a point too close to the last): not a sample
        done(false);
      }, 500);
      P.wait = () => P.samples.length >= count && (clearTimeout(timer), done(true));
    });
  });
}

/**
 * Opens `pageUrl` (www/draw/index.html) afresh and draws until `events` readings were measured
 * with `preset` (the "See how it sees" strip open or not); returns the row.
 */
export async function measurePath(page, pageUrl, preset, { events, strip = false, log = () => {} }) {
  await page.goto(`${pageUrl}?model=${preset}`);
  await page.waitForFunction(() => window.draw?.state().info, null, { timeout: 30_000 });
  await page.evaluate(() => sessionStorage.clear());
  const toggle = page.getByRole('button', { name: 'See how it sees' });
  if ((await toggle.getAttribute('aria-expanded')) !== String(strip)) await toggle.click();
  await probe(page);
  const box = await page.getByRole('img', { name: /draw a digit/i }).boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  let [count, agree, drawings, lost] = [0, 0, 0, 0];
  const sent = async (fn) => {
    await fn();
    if (await page.evaluate((n) => window.__path.next(n), count + 1)) count++;
    else lost++;
  };
  for (let i = 0; count < events; i++) {
    await page.evaluate(() => window.draw.clear());
    const { digit, strokes } = drawing(i);
    for (const stroke of strokes) {
      await page.mouse.move(...at(stroke[0]));
      await sent(() => page.mouse.down());
      for (const p of stroke.slice(1)) await sent(() => page.mouse.move(...at(p)));
      await page.mouse.up();
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    drawings++;
    if ((await page.evaluate(() => window.draw.state().guess)) === digit) agree++;
  }
  const samples = await page.evaluate(() => window.__path.samples);
  const pick = (k) => percentiles(samples.map((s) => s[k]));
  const row = { preset, strip, events: samples.length, drawings, agreement: agree / drawings, lost, eventMs: pick('event'), workMs: pick('work'), shownMs: pick('shown'), paintMs: pick('paint') };
  log(`  ${preset}${strip ? ' (strip open)' : ''}: event → numbers p50 ${row.eventMs.p50.toFixed(2)} ms, p95 ${row.eventMs.p95.toFixed(2)} ms; work p50 ${row.workMs.p50.toFixed(3)} ms, p95 ${row.workMs.p95.toFixed(3)} ms; event → paint p50 ${row.paintMs.p50.toFixed(2)} ms`);
  return row;
}
