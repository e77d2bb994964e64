// The training worker's Session: one method per request (protocol.js REQUESTS) and the training
// loop, in slices so messages are answered promptly, with points for the charts, interim and
// end-of-epoch evaluations and frames at display rate. Runs in worker.js and, for the unit tests,
// in Node; nothing lives in globals.

import { loadWasm } from '../../core/wasm.js';
import { Slicer } from '../../core/scheduler.js';
import { fetchAll } from './data.js';
import { Evaluations } from './evaluation.js';
import { REQUESTS, FRAME_ACK, STEP_UNITS, STOPPED, fail, ok, failed, errorData, transferables, frameMessage } from './protocol.js';

const FRAME_MS = 50;          // at most 20 frames a second reach the page
const ACK_TIMEOUT_MS = 1000;  // a frame is sent anyway if the page has not acknowledged for this long
const SLICE_MS = 24;          // training per slice, before looking at messages again
const PROBE_STEP_MS = 260;    // between the phases of a test image going through the network
// A chart point every METRIC_EVERY examples, or every METRIC_MS when slow (with at least
// METRIC_MIN examples; FORCED_MIN when forced), so no point rests on a handful.
const [METRIC_EVERY, METRIC_MS, METRIC_MIN, FORCED_MIN] = [1000, 400, 50, 10];
// Requests answered while a test evaluation runs (they leave the network as it is); others wait for it.
const DURING_EVALUATION = ['pause', 'speed', 'predict', 'testImages', 'save'];
/** Position on the charts' x axis: epochs and the part of the current one (at a boundary `example` is the last one's). */
const epochsOf = (s) => (!s.exampleCount || s.example + 1 === s.exampleCount ? s.cycle : s.cycle + (s.example + 1) / s.exampleCount);
/** Examples left in the current epoch (at most). */
const leftInEpoch = (s) => (s.phase === 'idle' ? s.exampleCount - s.example : s.exampleCount - (s.example + 1) || s.exampleCount);
const pair = (images, labels) => (images ? [new Uint8Array(images), new Uint8Array(labels)] : null);

export class Session {
  /** @param {(msg: object, transfer?: ArrayBuffer[]) => void} post  to the page */
  constructor(post) {
    Object.assign(this, {
      post, pg: null, data: null, // data: { train: [images, labels], test: [images, labels] | null }
      playing: false, limit: 0, budget: 0, // limit: examples per second (0: full speed); budget: examples owed to it
      target: null, // { cycle, id } while training to a number of epochs
      animation: 0, // bumped to cancel a running probe animation
      showing: null, // { probe, label } while a test image is shown
      lastFrame: 0, awaitingAck: false,
    });
    // setTimeout(0) is clamped to 4 ms when nested; a MessageChannel yields without the clamp.
    this.channel = new MessageChannel();
    this.channel.port1.onmessage = () => {
      this.scheduled = false;
      this.loop();
    };
    this.channel.port1.unref?.(); // (Node: do not keep the process alive)
    this.evals = new Evaluations(this);
    this.resetCounters();
  }

  /** Handles one message from the page; every request gets exactly one reply. */
  async receive(msg) {
    if (msg?.type === FRAME_ACK) {
      this.awaitingAck = false;
      return;
    }
    const { type, id } = msg ?? {};
    try {
      if (!REQUESTS.includes(type)) throw fail('input', `unknown message "${type}"`);
      if (!this.pg && type !== 'init') throw fail('state', 'the network is not ready yet (the data is still loading)', { i18n: { key: 'mnist.notReady' } });
      if (this.evals.pending && !DURING_EVALUATION.includes(type)) await this.evals.idle();
      const value = await this[type](msg);
      if (type !== 'train') this.post(ok(id, value), transferables(value)); // train replies when done
    } catch (e) {
      if (id != null) this.post(failed(id, e));
    }
  }

  /** Loads the data (`urls` to fetch, or the bytes of own `files`) and builds the network. */
  async init({ options, urls, files }) {
    const wasm = await loadWasm();
    this.Playground = wasm.Playground;
    const f = urls
      ? await fetchAll(urls, (loaded, total, count) => this.post({ type: 'progress', loaded, total, files: count }), wasm.schema().limits.maxFileBytes)
      : { trainImages: files.images, trainLabels: files.labels, testImages: files.testImages, testLabels: files.testLabels };
    this.build(options, { train: pair(f.trainImages, f.trainLabels), test: pair(f.testImages, f.testLabels) });
    return this.rebuilt('the data was replaced');
  }

  /** Rebuilds with new settings on the same data; on error the current network stays. */
  configure({ options }) {
    this.build(options, this.data);
    return this.rebuilt('the network was rebuilt');
  }

  /** A model file; with `options` (a pretrained model's settings) on a network built for them. */
  load({ bytes, options }) {
    const model = new Uint8Array(bytes);
    let note;
    if (options) note = this.build(options, this.data, model);
    else {
      note = this.pg.load(model);
      this.restart();
    }
    return this.evals.idle().then(async () => ({ note, ...this.rebuilt('a model was loaded'), evaluation: await this.runEvaluation('load') }));
  }

  play() {
    const s = this.pg.state();
    if (s.diverged) throw fail('diverged', s.diverged);
    this.animation++;
    if (!this.playing) this.startPlaying();
    return true;
  }

  pause() {
    const was = this.playing;
    this.stopPlaying('training was paused');
    this.postMetrics(this.pg.state(), true);
    if (was) this.pg.probeCurrent(); // the example training stopped at (the trace may hold an older one)
    return this.sendFrame();
  }

  speed({ examplesPerSecond }) {
    const v = Number(examplesPerSecond);
    this.limit = Number.isFinite(v) && v > 0 ? v : 0;
    this.budget = 0;
    return this.limit;
  }

  /** Trains whole epochs at full speed; replies with the evaluation after the last. */
  train({ epochs, id }) {
    const n = Number(epochs ?? 1);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw fail('input', `epochs must be a whole number from 1 to 1000, not ${epochs}`);
    const s = this.pg.state();
    if (s.diverged) throw fail('diverged', s.diverged);
    this.stopPlaying('a new training run started');
    this.target = { cycle: s.cycle + n, id };
    this.startPlaying();
  }

  step({ unit }) {
    if (!STEP_UNITS.includes(unit)) throw fail('input', `unknown step "${unit}" (try phase, example, batch or epoch)`);
    this.stopPlaying('training was paused');
    this.showing = null;
    const pg = this.pg;
    const before = pg.state();
    try {
      if (unit === 'phase') pg.stepPhase();
      else if (unit === 'example') pg.stepExample();
      else {
        pg.trainExamples(pg.info().batchSize);
        pg.probeCurrent();
      }
    } catch (e) {
      const s = pg.state();
      if (!s.diverged) throw e;
      this.diverged(s);
      throw fail('diverged', s.diverged);
    }
    const s = pg.state();
    this.sinceMetric += s.seen - before.seen;
    this.flushMetrics(false, s);
    this.postMetrics(s);
    if (s.cycle > before.cycle) this.runEvaluation('epoch');
    return this.sendFrame({ stepped: unit });
  }

  evaluate() {
    if (!this.data.test) throw fail('data', 'there is no test data to evaluate on (add a test images and labels pair)', { i18n: { key: 'mnist.noTestData' } });
    return this.runEvaluation('request');
  }

  /** Shows the network thinking about test image `index`, phase by phase when `animate`. */
  async probeTest({ index, animate }) {
    this.stopPlaying('training was paused');
    const run = ++this.animation;
    this.showing = { probe: index, label: this.pg.testLabel(index) };
    this.pg.probeTest(index);
    if (!animate) this.pg.finishProbe();
    let s = this.sendFrame({ stepped: animate ? 'probe' : null });
    while (animate && s.probing && s.inProgress) {
      await new Promise((r) => setTimeout(r, PROBE_STEP_MS));
      if (run !== this.animation) return this.pg.state();
      this.pg.stepPhase();
      s = this.sendFrame({ stepped: 'probe' });
    }
    return s;
  }

  /** Pixels (0..255, side×side each, concatenated) and labels of test images. */
  testImages({ indices }) {
    if (!this.data.test) throw fail('data', 'there is no test data');
    const side = Math.round(Math.sqrt(this.pg.info().sizes[0]));
    const pixels = new Uint8Array(indices.length * side * side);
    const labels = new Uint16Array(indices.length);
    indices.forEach((i, k) => {
      pixels.set(this.pg.testImage(i), k * side * side);
      labels[k] = this.pg.testLabel(i);
    });
    return { pixels, labels, side };
  }

  predict({ pixels }) {
    return Array.from(this.pg.predict(Float32Array.from(pixels)));
  }

  save({ note }) {
    return this.pg.save(note ?? '');
  }

  /** A new network on `data` (with a model's weights); on error the current one stays. */
  build(options, data, model = null) {
    const next = this.Playground.withImages(options ?? {}, ...data.train);
    let note = null;
    try {
      if (data.test) next.setTestData(...data.test);
      if (model) note = next.load(model);
    } catch (e) {
      next.free();
      throw e;
    }
    this.pg?.free();
    [this.pg, this.data] = [next, data];
    this.restart();
    return note;
  }

  /** Fresh counters, and the first example on show. */
  restart() {
    this.showing = null;
    this.resetCounters();
    this.pg.probeCurrent();
  }

  resetCounters() {
    this.evals.reset();
    Object.assign(this, {
      slicer: new Slicer({ budgetMs: SLICE_MS / 3, start: 256, min: 8, max: 20000 }), points: [], sinceMetric: 0, lastMetricAt: 0,
      rate: { t: 0, seen: 0, perSecond: 0 }, due: false,
    });
  }

  /** After a new network or model (`why` stops a run of epochs): its first frame and what the page needs to know. */
  rebuilt(why) {
    this.stopPlaying(why);
    const state = this.sendFrame();
    return { info: this.pg.info(), settings: this.pg.settings(), state, hasTest: !!this.data.test };
  }

  /** Posts a frame (unless the last is not drawn yet and `force` is off); returns its state. */
  sendFrame(extra = {}, force = true) {
    const now = performance.now();
    if (!force && this.awaitingAck && now - this.lastFrame < ACK_TIMEOUT_MS) return null;
    const label = this.showing ? this.showing.label : this.pg.currentLabel() ?? null;
    const [msg, transfer] = frameMessage(this.pg.frame(), {
      playing: this.playing, stepped: null, samplesPerSecond: this.playing ? this.rate.perSecond : 0, label, probe: this.showing?.probe ?? null, ...extra,
    });
    this.post(msg, transfer);
    this.lastFrame = now;
    this.awaitingAck = true;
    return msg.state;
  }

  schedule(delay = 0) {
    if (this.scheduled) return;
    this.scheduled = true;
    if (delay > 0) setTimeout(() => this.channel.port2.postMessage(0), delay);
    else this.channel.port2.postMessage(0);
  }

  startPlaying() {
    this.playing = true;
    this.lastTick = performance.now();
    this.budget = 0;
    this.schedule();
  }

  /** Stops playing, a probe animation and a run of epochs (which fails with code STOPPED). */
  stopPlaying(why) {
    this.playing = false;
    this.animation++;
    this.stopTarget(fail(STOPPED, why));
  }

  stopTarget(error) {
    if (this.target) this.post(failed(this.target.id, error));
    this.target = null;
  }

  async loop() {
    if (!this.playing || !this.pg) return;
    this.showing = null;
    const start = performance.now();
    const limited = this.limit > 0 && !this.target;
    if (limited) this.budget = Math.min(this.budget + (this.limit * (start - this.lastTick)) / 1000, Math.max(1, this.limit / 4));
    this.lastTick = start;
    try {
      const [s, ended] = this.trainSlice(start, limited);
      this.measureRate(s);
      // Training waits for the evaluation (sliced: messages such as Pause are answered meanwhile).
      if (ended) await this.endEpoch(s);
      else await this.interimEvaluation(s);
      if (performance.now() - this.lastFrame >= FRAME_MS) {
        this.postMetrics(s);
        if (!this.awaitingAck || performance.now() - this.lastFrame > ACK_TIMEOUT_MS) {
          this.pg.probeCurrent();
          this.sendFrame({}, false);
        }
      }
    } catch (e) {
      const s = this.pg.state();
      if (s.diverged) return this.diverged(s);
      this.playing = false;
      this.stopTarget(e);
      return this.post({ type: 'error', during: 'training', ...errorData(e) });
    }
    if (this.playing) this.schedule(limited ? 16 : 0);
  }

  /** Trains for one slice (to the end of the epoch at most): [state after it, whether the epoch ended]. */
  trainSlice(start, limited) {
    let s = this.pg.state();
    const cycle = s.cycle;
    const b = Math.max(1, this.pg.info().batchSize || 1);
    while (performance.now() - start < SLICE_MS) {
      const left = leftInEpoch(s);
      const want = Math.min(METRIC_EVERY - this.sinceMetric, left, limited ? Math.floor(this.budget) : Infinity);
      if (want <= 0) break;
      // Whole batches only (but the epoch's last, shorter one): a call cut mid-batch trains the
      // rest of that batch example by example, which sums in another order, so the weights would
      // depend on how fast the machine is (run to run, engine to engine). Whole batches keep them
      // the same for the same seed.
      const whole = (k) => Math.min(left, Math.max(b, k - (k % b)));
      const n = this.slicer.run(want, (k) => this.pg.trainExamples(whole(k)) ?? whole(k));
      if (limited) this.budget -= n;
      this.sinceMetric += n;
      this.due ||= this.evals.due(n, s.cycle);
      s = this.pg.state();
      this.flushMetrics(false, s);
      if (s.cycle > cycle || limited) break;
    }
    return [s, s.cycle > cycle];
  }

  measureRate(s) {
    const now = performance.now();
    if (now - this.rate.t <= 500) return;
    const perSecond = this.rate.t ? (s.seen - this.rate.seen) / ((now - this.rate.t) / 1000) : 0;
    this.rate = { t: now, seen: s.seen, perSecond };
  }

  /** Takes a point for the charts when enough examples were learned (see METRIC_EVERY). */
  flushMetrics(force, s) {
    const [now, n] = [performance.now(), this.sinceMetric];
    if (!(n >= METRIC_EVERY || (now - this.lastMetricAt >= METRIC_MS && n >= METRIC_MIN) || (force && n >= FORCED_MIN))) return;
    const m = this.pg.takeMetrics();
    this.sinceMetric = 0;
    this.lastMetricAt = now;
    if (m.count > 0) this.points.push({ ...m, epochs: epochsOf(s) });
  }

  postMetrics(s, force = false) {
    if (force) this.flushMetrics(true, s);
    if (!this.points.length) return;
    this.post({ type: 'metrics', points: this.points, seen: s.seen, samplesPerSecond: this.playing ? this.rate.perSecond : 0 });
    this.points = [];
  }

  /** Evaluates on the test data, a slice at a time, and reports it; resolves with it (null without test data). */
  runEvaluation(reason) {
    return this.evals.run(reason, (s) => ({ seen: s.seen, epochs: epochsOf(s), cycle: s.cycle }));
  }

  async interimEvaluation(s) {
    const due = this.due;
    this.due = false;
    if (!due || !this.data.test) return;
    this.postMetrics(s, true);
    await this.runEvaluation('interim');
  }

  /** An epoch ended: its points and evaluation, and the reply when a run of epochs is done. */
  async endEpoch(s) {
    this.postMetrics(s, true);
    this.due = false;
    this.evals.reset();
    const ev = await this.runEvaluation('epoch');
    this.post({ type: 'epoch', epoch: s.cycle, evaluation: ev });
    const t = this.target;
    if (!t || s.cycle < t.cycle) return;
    this.playing = false;
    this.target = null;
    this.pg.probeCurrent();
    this.sendFrame();
    this.post(ok(t.id, ev ?? { accuracy: null, epoch: s.cycle }));
  }

  diverged(s) {
    this.playing = false;
    this.postMetrics(s, true);
    this.stopTarget(fail('diverged', s.diverged ?? 'training diverged'));
    this.post({ type: 'diverged', message: s.diverged, state: s });
    this.sendFrame();
  }
}
