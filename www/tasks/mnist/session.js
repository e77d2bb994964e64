// The training worker's requests (protocol.js REQUESTS), one method each, on top of the state and
// loop of training.js. Runs in the worker (worker.js) and, for the unit tests, in Node.

import { loadWasm } from '../../core/wasm.js';
import { fetchAll } from './data.js';
import { REQUESTS, FRAME_ACK, STEP_UNITS, fail, ok, failed, transferables } from './protocol.js';
import { Training } from './training.js';

const PROBE_STEP_MS = 260; // between the phases of a test image going through the network

const pair = (images, labels) => (images ? [new Uint8Array(images), new Uint8Array(labels)] : null);

export class Session extends Training {
  /** Handles one message from the page; every request gets exactly one reply. */
  async receive(msg) {
    if (msg?.type === FRAME_ACK) {
      this.awaitingAck = false;
      return;
    }
    const { type, id } = msg ?? {};
    try {
      if (!REQUESTS.includes(type)) throw fail('input', `unknown message "${type}"`);
      if (!this.pg && type !== 'init') throw fail('state', 'the network is not ready yet (the data is still loading)');
      const value = await this[type](msg);
      if (type !== 'train') this.post(ok(id, value), transferables(value)); // train replies when done
    } catch (e) {
      if (id != null) this.post(failed(id, e));
    }
  }

  /** A new network on `data` (with a model's weights); on error the current one stays. */
  build(options, data, model = null) {
    const next = this.Playground.withImages(options ?? {}, ...data.train);
    let note = null;
    try {
      if (data.test) next.setTestData(...data.test);
      if (model) note = next.load(model);
      next.probeCurrent(); // the first example is on show from the start
    } catch (e) {
      next.free();
      throw e;
    }
    this.pg?.free();
    [this.pg, this.data, this.showing] = [next, data, null];
    this.resetCounters();
    return note;
  }

  /** Posts the network's first frame; what the page needs to know about it. */
  rebuilt() {
    const state = this.sendFrame();
    return { info: this.pg.info(), settings: this.pg.settings(), state, hasTest: !!this.data.test };
  }

  /** Loads the data (`urls` to fetch, or the bytes of own `files`) and builds the network. */
  async init({ options, urls, files }) {
    this.Playground = (await loadWasm()).Playground;
    const f = urls
      ? await fetchAll(urls, (loaded, total, count) => this.post({ type: 'progress', loaded, total, files: count }))
      : { trainImages: files.images, trainLabels: files.labels, testImages: files.testImages, testLabels: files.testLabels };
    this.build(options, { train: pair(f.trainImages, f.trainLabels), test: pair(f.testImages, f.testLabels) });
    this.stopPlaying('the data was replaced');
    return this.rebuilt();
  }

  /** Rebuilds with new settings on the same data; on error the current network stays. */
  configure({ options }) {
    this.build(options, this.data);
    this.stopPlaying('the network was rebuilt');
    return this.rebuilt();
  }

  /** A model file; with `options` (a pretrained model's settings) on a network built for them. */
  load({ bytes, options }) {
    const model = new Uint8Array(bytes);
    const note = options ? this.build(options, this.data, model) : this.pg.load(model);
    this.stopPlaying('a model was loaded');
    if (!options) {
      this.showing = null;
      this.resetCounters();
      this.pg.probeCurrent();
    }
    const evaluation = this.runEvaluation('load');
    return { note, ...this.rebuilt(), evaluation };
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
    if (!this.data.test) throw fail('data', 'there is no test data to evaluate on (add a test images and labels pair)');
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
}
