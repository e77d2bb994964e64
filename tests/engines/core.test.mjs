// The core subset of the e2e suite, in one engine: NEUROGLOW_ENGINE=firefox | webkit | chromium
// (`cargo xtask test` runs it once for Firefox ESR and once for WebKitGTK; the full suite in
// tests/e2e runs in Chromium). XOR stepping (the Step button clicked for real, the API phase by
// phase) and its answer to 1, 1, 0 after 60,000 cycles, bit for bit the answer Chromium gives in
// the same run; one MNIST epoch in the worker, also bit for bit Chromium's; the drawing pad read
// from the API and from mouse and touch strokes (real input, except WebKitGTK's touch, dispatched
// from page JS as PointerEvents with pointerType 'touch': see webkit.mjs); Share and Embed round
// trips; Record (WebM, or MP4 where the engine has no WebM recorder: WebKit); Save image; the API.
//
// Missing engine: the file skips, except under CI=true, where that is a failure. Screenshots of
// failed tests go to tests/artifacts/engines/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchEngine, engineMissing } from './engines.mjs';
import { url } from '../e2e/browser.mjs';

const ENGINE = process.env.NEUROGLOW_ENGINE || 'firefox';
const CI = /^(true|1|yes)$/i.test((process.env.CI ?? '').trim());
const missing = engineMissing(ENGINE);
if (missing && CI) throw new Error(`${ENGINE}: ${missing} (CI=true: a missing engine is a failure, not a skip)`);
const TIMEOUT = { timeout: 180_000, skip: missing ? `${ENGINE}: ${missing}` : false };
const ARTIFACTS = fileURLToPath(new URL('../artifacts/engines/', import.meta.url));

let e = null; // the engine under test
let reference = null; // Chromium's answers, for the comparisons

before(async () => {
  if (missing) return;
  e = await launchEngine(ENGINE);
  console.log(`# ${ENGINE}: ${e.version}; input ${e.input}`);
  reference = ENGINE === 'chromium' ? null : await chromiumReference();
});

after(async () => {
  await e?.close();
});

/** A screenshot into tests/artifacts/engines/ when a test fails, to see what the engine showed. */
async function shoot(name) {
  try {
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(`${ARTIFACTS}${ENGINE}-${name}.png`, await e.screenshot());
  } catch {
    // A screenshot is a help, not a test.
  }
}

/** Runs `body`, shooting the page when it throws. */
function engineTest(name, body) {
  test(name, TIMEOUT, async (t) => {
    try {
      await body(t);
    } catch (err) {
      await shoot(name.replace(/[^\w]+/g, '-').slice(0, 60));
      throw err;
    }
  });
}

/** Polls `fn(arg)` in the page until it is truthy; resolves with that value. */
async function waitFor(fn, arg = null, { timeout = 20_000, what = fn.toString() } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await e.evaluate(fn, arg).catch((err) => ({ __error: err.message }));
    if (v && !v.__error) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${v?.__error ? ` (${v.__error})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The centre of the button labelled `label` (exact text, or aria-label) under `root`, in viewport px. */
async function buttonAt(label, root = 'body') {
  const at = await e.evaluate(({ label, root }) => {
    const b = [...document.querySelector(root).querySelectorAll('button')]
      .find((x) => x.offsetParent !== null && (x.textContent.replace(/[^\p{L}\p{N} ]/gu, '').trim() === label || x.getAttribute('aria-label') === label));
    if (!b) return null;
    b.scrollIntoView({ block: 'center' });
    const r = b.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  }, { label, root });
  assert.ok(at, `a visible button "${label}" in ${root}`);
  return at;
}

/** Opens index.html with `query` and waits for the XOR playground. */
async function openXor(engine, query = '') {
  await engine.goto(url(`index.html${query}`));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await engine.evaluate(() => !!(document.querySelector('#playground[data-ready]') && window.neuroglow)
      || document.querySelector('[role="alert"]')?.textContent || false);
    if (ready === true) return;
    if (typeof ready === 'string') throw new Error(`the page shows an error: ${ready}`);
    if (Date.now() > deadline) throw new Error('the XOR playground did not load in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** XOR facts that must not depend on the engine: the phases of one cycle, the trained answer. */
async function xorFacts(engine) {
  await openXor(engine, '?seed=1');
  return engine.evaluate(async () => {
    const p = window.neuroglow;
    p.reset();
    const phases = [];
    while (phases.length < 200) {
      const s = p.step('phase');
      phases.push(`${s.phase}${s.layer ?? ''}`);
      if (s.cycle === 1) break;
    }
    p.reset();
    const trained = await p.train({ cycles: 60000 });
    return { phases, cycle: trained.cycle, loss: trained.loss, answer: p.predict([1, 1, 0]), examples: p.examples().inputs.map((x) => p.predict(x)[0]) };
  });
}

/** Chromium's answers, computed in this run (a fresh headless Chromium, closed again). */
async function chromiumReference() {
  const c = await launchEngine('chromium');
  try {
    return { xor: await xorFacts(c), mnist: await mnistFacts(c) };
  } finally {
    await c.close();
  }
}

engineTest('the page loads: WebAssembly with SIMD instantiates and XOR is ready', async () => {
  await openXor(e);
  const s = await e.evaluate(() => ({ simd: document.documentElement.dataset.ngUnsupported ?? null, info: window.neuroglow.info().sizes, ua: navigator.userAgent }));
  assert.deepEqual(s.info, [3, 4, 1]);
  assert.equal(s.simd, null, 'no unsupported-browser message');
});

engineTest('XOR: the Step button steps phase by phase; after 60,000 cycles [1,1,0] is Chromium’s answer to the bit', async () => {
  await openXor(e, '?seed=1');
  // A real click on Step.
  const before = await e.evaluate(() => window.neuroglow.state());
  await e.click(...(await buttonAt('Step', '#playground')));
  const stepped = await waitFor(() => { const s = window.neuroglow.state(); return s.phase !== 'idle' && s; });
  assert.equal(before.phase, 'idle');
  assert.equal(stepped.phase, 'present');
  await waitFor(() => document.querySelector('#playground [data-stat="phase"]')?.textContent === 'present', null, { what: 'the status showing the phase' });

  const facts = await xorFacts(e);
  assert.equal(facts.cycle, 60000);
  assert.ok(facts.answer[0] < 0.05, `[1,1,0] → ${facts.answer[0]}`);
  if (reference) {
    assert.deepEqual(facts.phases, reference.xor.phases, 'the same phases in a cycle');
    // deepEqual on numbers is Object.is: the same double, every bit.
    assert.deepEqual(facts.answer, reference.xor.answer, `[1,1,0] → ${facts.answer[0]} here, ${reference.xor.answer[0]} in Chromium`);
    assert.equal(facts.loss, reference.xor.loss, 'the same loss');
    assert.deepEqual(facts.examples, reference.xor.examples, 'the same answers to the training examples');
  }
  console.log(`# ${ENGINE}: [1,1,0] after 60,000 cycles → ${facts.answer[0]} (Chromium ${reference?.xor.answer[0] ?? 'n/a'})`);
});

/** One 3Blue1Brown epoch in the worker (seed 1): the evaluations before and after, and an answer. */
async function mnistFacts(engine) {
  await engine.goto(url('www/mnist/index.html?preset=3b1b'));
  const deadline = Date.now() + 30_000;
  while (!(await engine.evaluate(() => !!window.mnist))) {
    if (Date.now() > deadline) throw new Error('window.mnist did not appear in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return engine.evaluate(async () => {
    const m = window.mnist;
    await m.ready;
    const t0 = performance.now();
    const untrained = await m.evaluate();
    const trained = await m.train({ epochs: 1 });
    const pixels = Array.from({ length: 784 }, (_, j) => ((j * 7) % 13) / 13);
    return {
      ms: performance.now() - t0,
      before: { accuracy: untrained.accuracy, loss: untrained.loss },
      after: { accuracy: trained.accuracy, loss: trained.loss, count: trained.count },
      outputs: await m.predict(pixels),
      state: { epoch: m.state().epoch, sizes: m.state().info.sizes },
    };
  });
}

engineTest('MNIST: one epoch trains in the worker; loss falls, accuracy rises, the weights are Chromium’s to the bit', async () => {
  const r = await mnistFacts(e);
  assert.deepEqual(r.state.sizes, [784, 16, 16, 10]);
  assert.equal(r.state.epoch, 1);
  assert.equal(r.after.count, 10000);
  assert.ok(r.after.loss < r.before.loss, `loss ${r.before.loss} → ${r.after.loss}`);
  assert.ok(r.after.accuracy > 0.85 && r.after.accuracy > r.before.accuracy, `accuracy ${r.before.accuracy} → ${r.after.accuracy}`);
  if (reference) {
    assert.deepEqual(r.before, reference.mnist.before, 'the same untrained network');
    assert.deepEqual(r.after, reference.mnist.after, 'the same evaluation after the epoch');
    assert.deepEqual(r.outputs, reference.mnist.outputs, 'the same outputs for the same image');
  }
  console.log(`# ${ENGINE}: MNIST 3b1b, 1 epoch: accuracy ${r.before.accuracy} → ${r.after.accuracy} (Chromium ${reference?.mnist.after.accuracy ?? 'n/a'}) in ${(r.ms / 1000).toFixed(1)} s`);
});

// A 7 as a person draws it, in 0..1 of the pad.
const SEVEN = [[[0.27, 0.2], [0.5, 0.19], [0.73, 0.2], [0.6, 0.45], [0.46, 0.83]]];

/** `strokes` in 0..1 of the pad → viewport px, about one point per 8 px as a quick hand gives. */
async function onPad(strokes) {
  const box = await e.evaluate(() => {
    window.draw.canvas.scrollIntoView({ block: 'center' });
    const r = window.draw.canvas.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
  return strokes.map((stroke) => {
    const pts = [];
    for (let i = 0; i < stroke.length; i++) {
      const [x, y] = [box.x + stroke[i][0] * box.w, box.y + stroke[i][1] * box.h];
      if (i > 0) {
        const [px, py] = pts.at(-1);
        const n = Math.max(1, Math.round(Math.hypot(x - px, y - py) / 8));
        for (let k = 1; k < n; k++) pts.push([px + ((x - px) * k) / n, py + ((y - py) * k) / n]);
      }
      pts.push([x, y]);
    }
    return pts;
  });
}

engineTest('draw: draw() and mouse and touch strokes on the pad are read as a 7', async () => {
  await e.goto(url('www/draw/index.html'));
  await waitFor(() => !!window.draw && !window.draw.state().error && window.draw.state().info, null, { what: 'the draw pad and its model' });
  // The API.
  const api = await e.evaluate((strokes) => {
    const outputs = window.draw.draw(strokes);
    return { outputs, state: window.draw.state() };
  }, SEVEN);
  assert.equal(api.outputs.length, 10);
  assert.equal(api.state.guess, 7, `draw() read ${api.state.guess}`);

  // What reached the pad: pointer types of its pointerdowns, and whether touch events came too.
  await e.evaluate(() => {
    window.__input = { pointer: [], touch: 0 };
    window.draw.canvas.addEventListener('pointerdown', (ev) => window.__input.pointer.push(ev.pointerType), { capture: true });
    window.draw.canvas.addEventListener('touchstart', () => window.__input.touch++, { capture: true, passive: true });
  });
  for (const kind of ['mouse', 'touch']) {
    await e.evaluate(() => {
      window.draw.clear();
      window.__settled = null;
      window.__input.pointer = [];
      window.__input.touch = 0;
      window.__off?.();
      window.__off = window.draw.on('prediction', (s) => { if (s.settled) window.__settled = { guess: s.guess, strokes: s.strokes }; });
    });
    assert.equal(await e.evaluate(() => window.draw.state().empty), true);
    await e.pointer(kind, await onPad(SEVEN));
    const input = await e.evaluate(() => window.__input);
    assert.deepEqual(input.pointer, [kind], `one ${kind} pointerdown reached the pad`);
    console.log(`# ${ENGINE}: ${kind} stroke: pointerdown types ${input.pointer.join(',')}, touchstart events ${input.touch}`);
    const read = await waitFor(() => { const s = window.draw.state(); return s.strokes > 0 && s.guess !== null && s; }, null, { timeout: 5000, what: `a ${kind} stroke on the pad` });
    assert.equal(read.strokes, 1, `${kind}: one stroke`);
    assert.equal(read.guess, 7, `${kind}: read as ${read.guess} (outputs ${read.outputs?.map((v) => v.toFixed(2)).join(' ')})`);
    const settled = await waitFor(() => window.__settled, null, { timeout: 5000, what: `the ${kind} stroke's settled prediction` });
    assert.equal(settled.guess, 7);
    const scrolled = await e.evaluate(() => document.scrollingElement.scrollTop);
    assert.ok(scrolled >= 0);
  }
});

engineTest('Share and Embed: link() reopens the same network; the embed snippet’s src opens the embed layout', async () => {
  await openXor(e, '?task=xor2&hidden=5,3&lr=0.5&seed=7&palette=blue-orange');
  const here = await e.evaluate(() => {
    const p = window.neuroglow;
    for (let i = 0; i < 25; i++) p.step('cycle');
    return { link: p.link(), embed: p.embedCode({ controls: ['step', 'play'] }), settings: p.settings(), out: p.examples().inputs.map((x) => p.predict(x)), search: location.search };
  });
  assert.equal(new URL(here.link).searchParams.get('task'), 'xor2');
  // The Share button (a real click): the link copied, or shown selected to copy by hand.
  await e.click(...(await buttonAt('Share', '#playground')));
  const said = await waitFor(() => {
    const t = document.querySelector('#playground').innerText;
    return /Link copied|Copying is not allowed here/.test(t) && (/Link copied/.test(t) ? 'copied' : 'by hand');
  }, null, { what: 'Share saying it copied the link, or showing it' });
  console.log(`# ${ENGINE}: Share: link ${said === 'copied' ? 'copied to the clipboard' : 'shown selected, to copy by hand (no clipboard permission)'}`);
  if (said === 'by hand') {
    const field = await e.evaluate(() => document.querySelector('#playground input[aria-label="Link to these settings"]')?.value);
    assert.equal(field, here.link);
  }

  await openXor(e, new URL(here.link).search);
  const there = await e.evaluate(() => {
    const p = window.neuroglow;
    for (let i = 0; i < 25; i++) p.step('cycle');
    return { settings: p.settings(), out: p.examples().inputs.map((x) => p.predict(x)), sizes: p.info().sizes };
  });
  assert.deepEqual(there.sizes, [2, 5, 3, 1]);
  assert.deepEqual(there.settings, here.settings);
  assert.deepEqual(there.out, here.out, 'the same weights after the same steps');

  const src = /src="([^"]+)"/.exec(here.embed)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(src, here.embed);
  assert.equal(new URL(src).searchParams.has('embed'), true);
  await openXor(e, new URL(src).search);
  const embedded = await e.evaluate(() => ({
    header: !!document.querySelector('header')?.offsetParent,
    buttons: [...document.querySelectorAll('#playground button')].filter((b) => b.offsetParent).map((b) => b.textContent.replace(/[^\p{L} ]/gu, '').trim()),
    settings: window.neuroglow.settings(),
  }));
  assert.equal(embedded.header, false, 'no page header in the embed layout');
  assert.deepEqual(embedded.buttons.filter(Boolean).sort(), ['Play', 'Step']);
  assert.equal(embedded.settings.seed, 7);
});

engineTest('Record makes a video this engine can play (WebM, else MP4); Save image makes a PNG', async () => {
  await openXor(e, '?speed=6&schedule=0');
  const can = await e.evaluate(() => ({
    webm: typeof MediaRecorder !== 'undefined' && ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].some((t) => MediaRecorder.isTypeSupported(t)),
    mp4: typeof MediaRecorder !== 'undefined' && ['video/mp4;codecs=avc1', 'video/mp4'].some((t) => MediaRecorder.isTypeSupported(t)),
  }));
  if (ENGINE === 'webkit') assert.equal(can.webm, false, 'WebKit has no WebM recorder (if it gained one, the MP4 path is no longer exercised here)');
  assert.ok(can.webm || can.mp4, 'the engine can record WebM or MP4');
  await e.evaluate(() => {
    window.__recorded = null;
    window.__recording = null;
    window.neuroglow.on('recording', (ev) => {
      if (ev.recording) window.__recording = { mimeType: ev.mimeType, extension: ev.extension };
      else window.__recorded = ev;
    });
  });
  await e.click(...(await buttonAt('Record', '#playground')));
  const started = await waitFor(() => window.__recording, null, { what: 'the recording event' });
  const during = await e.evaluate(() => ({ s: window.neuroglow.state(), schedule: window.neuroglow.settings().schedule }));
  assert.equal(during.s.recording, true);
  assert.equal(during.s.playing, true, 'recording plays');
  assert.equal(during.schedule, true, 'with the schedule');
  await new Promise((r) => setTimeout(r, 2000));
  await e.click(...(await buttonAt('Stop recording', '#playground')));
  await waitFor(() => !!window.__recorded, null, { timeout: 15_000, what: 'the recorded video' });
  const want = can.webm ? 'webm' : 'mp4';
  assert.equal(started.extension, want);
  assert.match(started.mimeType, new RegExp(`^video/${want}`));
  const video = await e.evaluate(async () => {
    const { blob, seconds, mimeType, extension, error } = window.__recorded;
    const head = blob ? [...new Uint8Array(await blob.slice(0, 12).arrayBuffer())] : null;
    const link = document.querySelector('#playground .ng-download');
    return {
      size: blob?.size, type: blob?.type, seconds, mimeType, extension, error, head,
      download: link && !link.hidden ? link.getAttribute('download') : null,
      alert: document.querySelector('#playground [role="alert"]')?.textContent ?? '',
      button: [...document.querySelectorAll('#playground button')].some((b) => /^\W*Record$/.test(b.textContent.trim())),
      state: window.neuroglow.state(),
    };
  });
  assert.equal(video.state.playing, false, 'stopping pauses');
  assert.equal(video.state.recording, false);
  assert.equal(video.extension, want);
  if (video.error) {
    // WebKitGTK with GStreamer < 1.24 (Debian 12) accepts video/mp4 but writes nothing (it needs
    // gst-plugins-rs' isofmp4mux; Safari's recorder has no such gap). Then the page must say so,
    // not offer an empty file, and be ready to record again.
    assert.equal(ENGINE, 'webkit', `only WebKitGTK may fail to record: ${video.error}`);
    assert.match(video.error, /recorded no video data/);
    assert.match(video.alert, /recorded no video data/, 'the learner is told why');
    assert.equal(video.download, null, 'no empty file is offered');
    assert.equal(video.button, true, 'Record is back');
    console.log(`# ${ENGINE}: Record chose ${started.mimeType}; this WebKitGTK's GStreamer wrote no data, and the page said: ${video.alert}`);
  } else {
    assert.ok(video.size > 1000, `video of ${video.size} bytes`);
    assert.ok(video.seconds > 1);
    assert.equal(video.type, `video/${want}`);
    assert.match(video.download, new RegExp(`^neuroglow-xor3-3-4-1-seed1-cycle\\d+\\.${want}$`));
    if (want === 'webm') assert.deepEqual(video.head.slice(0, 4), [0x1a, 0x45, 0xdf, 0xa3], 'an EBML (WebM) header');
    else assert.equal(String.fromCharCode(...video.head.slice(4, 8)), 'ftyp', 'an MP4 (ISO BMFF) header');
    console.log(`# ${ENGINE}: recorded ${video.size} bytes of ${started.mimeType} in ${video.seconds.toFixed(1)} s`);
  }

  const png = await e.evaluate(async () => {
    const blob = await window.neuroglow.saveImage({ download: false });
    return { type: blob.type, size: blob.size, head: [...new Uint8Array(await blob.slice(0, 4).arrayBuffer())] };
  });
  assert.equal(png.type, 'image/png');
  assert.deepEqual(png.head, [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(png.size > 2000);
});

engineTest('the JS API: mount() from the ES module, events, configure(), a refused option, destroy()', async () => {
  await openXor(e);
  const r = await e.evaluate(async () => {
    const { mount } = await import(new URL('www/neuroglow.js', location.href).href);
    const el = document.body.appendChild(document.createElement('div'));
    const pg = await mount(el, { task: 'xor2', hidden: [3], seed: 2, controls: ['step', 'status'] });
    const events = [];
    const off = pg.on('cycle', (s) => events.push(s.cycle));
    pg.step('cycle');
    pg.step('cycle');
    off();
    pg.step('cycle');
    const info = pg.configure({ learningRate: 0.5 });
    let refused = null;
    try {
      await mount(document.body.appendChild(document.createElement('div')), { task: 'xor2', bogus: 1 });
    } catch (err) {
      refused = err.message;
    }
    const trained = await pg.train({ cycles: 500 });
    const out = pg.predict([1, 0]);
    pg.destroy();
    return { events, info: { sizes: info.sizes, lr: info.learningRate }, refused, cycle: trained.cycle, out, gone: el.children.length, task: pg.task };
  });
  assert.deepEqual(r.events, [1, 2]);
  assert.deepEqual(r.info, { sizes: [2, 3, 1], lr: 0.5 });
  assert.match(r.refused ?? '', /bogus/);
  assert.equal(r.cycle, 500);
  assert.equal(r.out.length, 1);
  assert.equal(r.task, 'xor2');
  assert.equal(r.gone, 0, 'destroy() removed it');
});

test('no uncaught errors in the page', TIMEOUT, async () => {
  assert.deepEqual(await e.errors(), []);
});
