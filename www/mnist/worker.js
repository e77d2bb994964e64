// The MNIST training worker: its own instance of the wasm core, so training at full speed
// never blocks the page. It posts frames (weights, a sample's activations, the state) at display
// rate as transferred buffers; the main thread only renders.
//
// Protocol. Requests from the page carry an `id`; each gets exactly one
//   { type: 'reply', id, ok: true, value } or { type: 'reply', id, ok: false, error }.
// Unrequested messages: progress, frame, metrics, evaluation, diverged, error.
// The page acknowledges each frame with { type: 'frameAck' } once drawn, so frames never queue.
import init, { Playground } from '../pkg/neuroglow_wasm.js';
import { strongest, STRONGEST, DRAW_ALL_UP_TO } from './strongest.js';

const FRAME_MS = 50;          // at most 20 frames a second reach the page
const SLICE_MS = 24;          // training per slice, before looking at messages again
const METRIC_EVERY = 1000;    // examples per point on the training charts (at full speed)
const METRIC_MS = 400;        // …or this often when training slowly,
const METRIC_MIN = 50;        // …with at least this many examples
const FORCED_MIN = 10;
const ACK_TIMEOUT_MS = 1000;  // a frame is sent anyway if the page has not acknowledged for this long
// Interim test evaluations while playing, by examples seen in the epoch (then every 15,000).
const EVAL_MILESTONES = [500, 1000, 2000, 3000, 5000, 7500, 10000, 15000];
const EVAL_EVERY = 15000;
const EVAL_SHARE = 0.2;       // interim evaluations take at most this share of the time

let pg = null;
let trainData = null;
let testData = null;
let playing = false;
let speed = 0;                // examples per second; 0 = full speed
let budget = 0;               // examples owed to a limited speed
let lastTick = 0;
let perSlice = 256;           // examples per training call, adapted to SLICE_MS
let lastFrame = 0;
let awaitingAck = false;
let pendingPoints = [];
let sinceMetric = 0;
let lastMetricAt = 0;
let evalState = { epochSeen: 0, next: 0, lastAt: 0, lastMs: 0 };
let rate = { t: 0, seen: 0, perSecond: 0 };
let seen = 0;                 // examples learned (the core's count)
let target = null;            // { cycle, id } when training to a number of epochs
let lastEvaluation = null;
let animation = 0;            // bumped to cancel a running probe animation
let loopScheduled = false;
let showing = null;           // { probe, label } while a test image is shown instead of training

const post = (msg, transfer = []) => self.postMessage(msg, transfer);
const reply = (id, value, transfer = []) => post({ type: 'reply', id, ok: true, value }, transfer);
const replyError = (id, e) => post({ type: 'reply', id, ok: false, error: String(e?.message ?? e) });

// setTimeout(0) is clamped to 4 ms when nested; a MessageChannel yields without the clamp.
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  loopScheduled = false;
  loop();
};
function schedule(delay = 0) {
  if (loopScheduled) return;
  loopScheduled = true;
  if (delay > 0) setTimeout(() => channel.port2.postMessage(0), delay);
  else channel.port2.postMessage(0);
}

async function fetchAll(urls) {
  const names = {
    trainImages: 'training images', trainLabels: 'training labels',
    testImages: 'test images', testLabels: 'test labels',
  };
  const files = Object.keys(names).filter((k) => urls[k]);
  const loaded = Object.fromEntries(files.map((k) => [k, 0]));
  const totals = Object.fromEntries(files.map((k) => [k, 0]));
  let lastPost = 0;
  const report = (force) => {
    const now = performance.now();
    if (!force && now - lastPost < 60) return;
    lastPost = now;
    const l = files.reduce((s, k) => s + loaded[k], 0);
    const t = files.reduce((s, k) => s + totals[k], 0);
    post({ type: 'progress', loaded: l, total: t, files: files.length });
  };
  const one = async (key) => {
    let res;
    try {
      res = await fetch(urls[key]);
    } catch (e) {
      throw new Error(`could not load the ${names[key]} (${urls[key]}): ${e.message}`);
    }
    if (!res.ok) throw new Error(`could not load the ${names[key]} (${urls[key]}): HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    totals[key] = Number(res.headers.get('content-length')) || 0;
    const reader = res.body.getReader();
    const chunks = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded[key] += value.length;
      if (loaded[key] > totals[key]) totals[key] = loaded[key];
      report(false);
    }
    const out = new Uint8Array(loaded[key]);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  };
  // All four are fetched at once; a failure names the first file (in order) that failed.
  const settled = await Promise.allSettled(files.map(one));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const bytes = settled.map((r) => r.value);
  report(true);
  return Object.fromEntries(files.map((k, i) => [k, bytes[i]]));
}

function copyView(kind, index) {
  return pg.view(kind, index).slice();
}

/** One frame: what the page needs to draw the network now. */
function frame(extra = {}, force = true) {
  if (!pg) return;
  const now = performance.now();
  if (!force && awaitingAck && now - lastFrame < ACK_TIMEOUT_MS) return;
  const info = pg.info();
  const state = pg.state();
  const layers = info.sizes.length - 1;
  const stepping = !playing;
  const buffers = {};
  const transfer = [];
  const put = (name, arr) => {
    buffers[name] = arr;
    transfer.push(arr.buffer);
  };
  const strong = {};
  for (let k = 0; k < layers; k++) {
    const w = copyView('weights', k);
    if (w.length > DRAW_ALL_UP_TO) {
      const s = strongest(w, STRONGEST);
      if (s) put(`strong${k}`, s);
      strong[k] = true;
    }
    put(`weights${k}`, w);
    put(`biases${k}`, copyView('biases', k));
    if (stepping) {
      const g = copyView('gradWeights', k);
      const c = copyView('changeWeights', k);
      if (g.length > DRAW_ALL_UP_TO) {
        const sg = strongest(g, STRONGEST);
        if (sg) put(`strongGrad${k}`, sg);
        const sc = strongest(c, STRONGEST);
        if (sc) put(`strongChange${k}`, sc);
      }
      put(`gradWeights${k}`, g);
      put(`changeWeights${k}`, c);
    }
  }
  for (let l = 0; l <= layers; l++) {
    put(`a${l}`, copyView('a', l));
    if (stepping) put(`delta${l}`, copyView('delta', l));
  }
  put('target', copyView('target', 0));
  put('error', copyView('error', 0));
  post({
    type: 'frame',
    state,
    info,
    playing,
    speed,
    seen: state.seen,
    samplesPerSecond: playing ? rate.perSecond : 0,
    stepped: null,
    label: showing ? showing.label : pg.currentLabel() ?? null,
    probe: showing ? showing.probe : null,
    buffers,
    ...extra,
  }, transfer);
  lastFrame = now;
  awaitingAck = true;
}

/**
 * Takes a point for the charts when enough examples were learned: METRIC_EVERY, or
 * METRIC_MIN after METRIC_MS (slow speeds), or at least FORCED_MIN when forced (pausing).
 * Fewer stay in the core's window for the next point, so no point rests on a handful.
 */
function flushMetrics(force) {
  const now = performance.now();
  if (!pg) return;
  const due = sinceMetric >= METRIC_EVERY
    || (now - lastMetricAt >= METRIC_MS && sinceMetric >= METRIC_MIN)
    || (force && sinceMetric >= FORCED_MIN);
  if (!due) return;
  const m = pg.takeMetrics();
  seen = m.seen;
  sinceMetric = 0;
  lastMetricAt = now;
  if (m.count > 0) pendingPoints.push({ ...m, epochs: epochsOf() });
}

function postMetrics() {
  if (pendingPoints.length === 0) return;
  post({ type: 'metrics', points: pendingPoints, seen: pg.state().seen, samplesPerSecond: playing ? rate.perSecond : 0 });
  pendingPoints = [];
}

/** Position on the chart's x axis: completed epochs plus the part of the current one. */
function epochsOf() {
  const s = pg.state();
  const frac = s.exampleCount ? Math.min(1, (s.example + 1) / s.exampleCount) : 0;
  // At a cycle boundary example is the last one of the finished cycle.
  const atBoundary = s.example + 1 === s.exampleCount;
  return atBoundary ? s.cycle : s.cycle + frac;
}

function evaluate(reason) {
  if (!testData || !pg) return null;
  const t = performance.now();
  const r = pg.evaluate();
  const ms = performance.now() - t;
  evalState.lastAt = performance.now();
  evalState.lastMs = ms;
  const mistakeLabels = new Uint8Array(r.mistakes.length);
  for (let i = 0; i < r.mistakes.length; i++) mistakeLabels[i] = pg.testLabel(r.mistakes[i]);
  const state = pg.state();
  seen = state.seen;
  lastEvaluation = {
    ...r,
    mistakeLabels: Array.from(mistakeLabels),
    guesses: Array.from(r.guesses),
    mistakes: Array.from(r.mistakes),
    reason,
    ms,
    seen,
    epochs: epochsOf(),
    cycle: state.cycle,
  };
  post({ type: 'evaluation', ...lastEvaluation, state });
  return lastEvaluation;
}

/** Examples into an epoch at which interim evaluation number k is due. */
function milestone(k) {
  const m = EVAL_MILESTONES;
  return k < m.length ? m[k] : m[m.length - 1] + EVAL_EVERY * (k - m.length + 1);
}

function resetCounters() {
  evalState = { epochSeen: 0, next: 0, lastAt: performance.now(), lastMs: 0 };
  rate = { t: 0, seen: 0, perSecond: 0 };
  seen = 0;
  sinceMetric = 0;
  pendingPoints = [];
  perSlice = 256;
}

function stopTarget(error) {
  if (!target) return;
  replyError(target.id, error);
  target = null;
}

function diverged() {
  playing = false;
  const state = pg.state();
  flushMetrics(true);
  postMetrics();
  stopTarget(new Error(state.diverged ?? 'training diverged'));
  post({ type: 'diverged', message: state.diverged, state });
  frame();
}

/** Examples left in the current epoch (at most). */
function leftInEpoch(s) {
  if (s.phase === 'idle') return s.exampleCount - s.example;
  const left = s.exampleCount - (s.example + 1);
  return left > 0 ? left : s.exampleCount;
}

function loop() {
  if (!playing || !pg) return;
  showing = null;
  const start = performance.now();
  const limited = speed > 0 && !target;
  if (limited) {
    budget = Math.min(budget + (speed * (start - (lastTick || start))) / 1000, Math.max(1, speed / 4));
  }
  lastTick = start;
  try {
    let epochEnded = false;
    while (performance.now() - start < SLICE_MS) {
      const s = pg.state();
      let n = Math.min(perSlice, METRIC_EVERY - sinceMetric, leftInEpoch(s));
      if (limited) n = Math.min(n, Math.floor(budget));
      if (n <= 0) break;
      const t0 = performance.now();
      pg.trainExamples(n);
      const spent = performance.now() - t0;
      if (limited) budget -= n;
      sinceMetric += n;
      evalState.epochSeen += n;
      // Aim each call at a fraction of the slice so messages are answered promptly.
      if (!limited) perSlice = Math.max(8, Math.min(20000, Math.round(n * ((SLICE_MS / 3) / Math.max(spent, 0.05)))));
      flushMetrics(false);
      const after = pg.state();
      if (after.cycle > s.cycle) {
        epochEnded = true;
        break;
      }
      if (limited) break;
    }
    const now = performance.now();
    flushMetrics(false);
    seen = pg.state().seen;
    if (now - rate.t > 500) {
      if (rate.t) rate.perSecond = (seen - rate.seen) / ((now - rate.t) / 1000);
      rate.t = now;
      rate.seen = seen;
    }
    const state = pg.state();
    if (epochEnded) {
      flushMetrics(true);
      postMetrics();
      evalState.epochSeen = 0;
      evalState.next = 0;
      const ev = evaluate('epoch');
      post({ type: 'epoch', epoch: state.cycle, evaluation: ev });
      if (target && state.cycle >= target.cycle) {
        playing = false;
        const t = target;
        target = null;
        pg.probeCurrent();
        frame();
        reply(t.id, ev ?? { accuracy: null, epoch: state.cycle });
        return;
      }
    } else if (testData) {
      if (evalState.epochSeen >= milestone(evalState.next)) {
        while (evalState.epochSeen >= milestone(evalState.next)) evalState.next++;
        // Keep interim evaluations to a share of the time.
        if (evalState.lastMs <= EVAL_SHARE * (now - evalState.lastAt) || state.cycle === 0) {
          flushMetrics(true);
          postMetrics();
          evaluate('interim');
        }
      }
    }
    if (performance.now() - lastFrame >= FRAME_MS) {
      postMetrics();
      if (!awaitingAck || performance.now() - lastFrame > ACK_TIMEOUT_MS) {
        pg.probeCurrent();
        frame({}, false);
      }
    }
  } catch (e) {
    if (pg.state().diverged) return diverged();
    playing = false;
    stopTarget(e);
    post({ type: 'error', during: 'training', message: String(e?.message ?? e) });
    return;
  }
  if (playing) schedule(limited ? 16 : 0);
}

function build(opts, train, test) {
  const next = Playground.withImages(opts ?? {}, train.images, train.labels);
  try {
    if (test) next.setTestData(test.images, test.labels);
    // Show the first example from the start.
    next.probeCurrent();
  } catch (e) {
    next.free();
    throw e;
  }
  pg?.free();
  pg = next;
  showing = null;
  resetCounters();
  lastEvaluation = null;
}

function stopPlaying(why) {
  playing = false;
  animation++;
  stopTarget(new Error(why));
}

function describe() {
  const info = pg.info();
  return { info, state: pg.state(), hasTest: !!testData, side: Math.round(Math.sqrt(info.sizes[0])) };
}

const handlers = {
  async init({ wasmUrl, options, urls, files }) {
    await init(wasmUrl ? { module_or_path: wasmUrl } : undefined);
    let train;
    let test = null;
    if (urls) {
      const got = await fetchAll(urls);
      train = { images: got.trainImages, labels: got.trainLabels };
      if (got.testImages) test = { images: got.testImages, labels: got.testLabels };
    } else {
      train = { images: new Uint8Array(files.images), labels: new Uint8Array(files.labels) };
      if (files.testImages) test = { images: new Uint8Array(files.testImages), labels: new Uint8Array(files.testLabels) };
    }
    build(options, train, test);
    stopPlaying('the data was replaced');
    trainData = train;
    testData = test;
    frame();
    return describe();
  },

  /** Rebuild with new settings on the same data; on error the current network stays. */
  configure({ options }) {
    build(options, trainData, testData);
    stopPlaying('the network was rebuilt');
    frame();
    return describe();
  },

  play() {
    if (pg.state().diverged) throw new Error(pg.state().diverged);
    animation++;
    if (!playing) {
      playing = true;
      lastTick = performance.now();
      budget = 0;
      schedule();
    }
    return true;
  },

  pause() {
    const was = playing;
    stopPlaying('training was paused');
    flushMetrics(true);
    postMetrics();
    // Show the example training stopped at (the trace may hold an older one).
    if (was) pg.probeCurrent();
    frame();
    return pg.state();
  },

  speed({ examplesPerSecond }) {
    const v = Number(examplesPerSecond);
    speed = Number.isFinite(v) && v > 0 ? v : 0;
    budget = 0;
    return speed;
  },

  /** Trains whole epochs at full speed; the reply is the evaluation after the last. */
  train({ epochs }, id) {
    const n = Number(epochs ?? 1);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`epochs must be a whole number from 1 to 1000, not ${epochs}`);
    if (pg.state().diverged) throw new Error(pg.state().diverged);
    stopPlaying('a new training run started');
    target = { cycle: pg.state().cycle + n, id };
    playing = true;
    lastTick = performance.now();
    schedule();
    return undefined; // replied when done
  },

  step({ unit }) {
    stopPlaying('training was paused');
    showing = null;
    const before = pg.state();
    const cycle = before.cycle;
    const pending = before.inProgress && !before.probing ? 1 : 0;
    let done = 0;
    try {
      if (unit === 'phase') {
        pg.stepPhase();
        if (pending && !pg.state().inProgress) done = 1;
      } else if (unit === 'example') {
        pg.stepExample();
        done = 1;
      } else if (unit === 'batch') {
        const n = pg.info().batchSize;
        pg.trainExamples(n);
        done = n + pending;
        pg.probeCurrent();
      } else throw new Error(`unknown step "${unit}" (try phase, example, batch or epoch)`);
    } catch (e) {
      if (pg.state().diverged) {
        diverged();
        throw new Error(pg.state().diverged);
      }
      throw e;
    }
    sinceMetric += done;
    flushMetrics(false);
    postMetrics();
    if (pg.state().cycle > cycle) evaluate('epoch');
    frame({ stepped: unit });
    return pg.state();
  },

  evaluate() {
    if (!testData) throw new Error('there is no test data to evaluate on (add a test images and labels pair)');
    return evaluate('request');
  },

  /** Shows the network thinking about test image `index`, layer by layer when `animate`. */
  async probeTest({ index, animate }) {
    stopPlaying('training was paused');
    const run = ++animation;
    const label = pg.testLabel(index);
    pg.probeTest(index);
    showing = { probe: index, label };
    if (!animate) {
      pg.finishProbe();
      frame();
      return pg.state();
    }
    frame({ stepped: 'probe' });
    while (pg.state().probing && pg.state().inProgress) {
      await new Promise((r) => setTimeout(r, 260));
      if (run !== animation) return pg.state();
      pg.stepPhase();
      frame({ stepped: 'probe' });
    }
    return pg.state();
  },

  /** Pixels (0..255, side×side each, concatenated) and labels of test images. */
  testImages({ indices }) {
    if (!testData) throw new Error('there is no test data');
    const side = Math.round(Math.sqrt(pg.info().sizes[0]));
    const px = new Uint8Array(indices.length * side * side);
    const labels = new Uint16Array(indices.length);
    indices.forEach((i, k) => {
      px.set(pg.testImage(i), k * side * side);
      labels[k] = pg.testLabel(i);
    });
    return { value: { pixels: px, labels, side }, transfer: [px.buffer, labels.buffer] };
  },

  predict({ pixels }) {
    const input = Float32Array.from(pixels);
    return Array.from(pg.predict(input));
  },

  save({ note }) {
    const bytes = pg.save(note ?? '');
    return { value: bytes, transfer: [bytes.buffer] };
  },

  load({ bytes, options }) {
    const data = new Uint8Array(bytes);
    if (options) {
      // A pretrained model comes with its own training settings: build them, then load; on
      // error the network that was there stays.
      const next = Playground.withImages(options, trainData.images, trainData.labels);
      let note;
      try {
        if (testData) next.setTestData(testData.images, testData.labels);
        note = next.load(data);
        next.probeCurrent();
      } catch (e) {
        next.free();
        throw e;
      }
      stopPlaying('a model was loaded');
      pg.free();
      pg = next;
      showing = null;
      return loaded(note);
    }
    const note = pg.load(data); // throws and keeps the current model on a bad file
    stopPlaying('a model was loaded');
    showing = null;
    pg.probeCurrent();
    return loaded(note);
  },
};

function loaded(note) {
  resetCounters();
  lastEvaluation = null;
  const evaluation = evaluate('load');
  frame();
  return { note, ...describe(), evaluation };
}

self.onmessage = async ({ data }) => {
  if (data?.type === 'frameAck') {
    awaitingAck = false;
    return;
  }
  const handler = handlers[data?.type];
  const id = data?.id;
  if (!handler) {
    if (id != null) replyError(id, new Error(`unknown message "${data?.type}"`));
    return;
  }
  if (!pg && data.type !== 'init') {
    replyError(id, new Error('the network is not ready yet (the data is still loading)'));
    return;
  }
  try {
    const out = await handler(data, id);
    if (data.type === 'train') return; // replied when the epochs are done
    if (out && typeof out === 'object' && 'transfer' in out && 'value' in out) reply(id, out.value, out.transfer);
    else reply(id, out);
  } catch (e) {
    replyError(id, e);
  }
};
