// The training worker's state and its loop (session.js adds the requests): training in slices
// so messages are answered promptly, points for the charts, interim and end-of-epoch
// evaluations, and frames at display rate. One object holds it all; nothing lives in globals.

import { Slicer } from '../../core/scheduler.js';
import { fail, failed, ok, errorData, frameMessage, STOPPED } from './protocol.js';

const FRAME_MS = 50;          // at most 20 frames a second reach the page
const ACK_TIMEOUT_MS = 1000;  // a frame is sent anyway if the page has not acknowledged for this long
const SLICE_MS = 24;          // training per slice, before looking at messages again
// A point on the charts every METRIC_EVERY examples, or every METRIC_MS when slow (with at least
// METRIC_MIN examples; FORCED_MIN when forced), so no point rests on a handful.
const [METRIC_EVERY, METRIC_MS, METRIC_MIN, FORCED_MIN] = [1000, 400, 50, 10];
// Interim test evaluations while playing, by examples seen in the epoch (then every 15,000),
// taking at most EVAL_SHARE of the time.
const EVAL_MILESTONES = [500, 1000, 2000, 3000, 5000, 7500, 10000, 15000];
const [EVAL_EVERY, EVAL_SHARE] = [15000, 0.2];

const milestone = (k, m = EVAL_MILESTONES) => (k < m.length ? m[k] : m[m.length - 1] + EVAL_EVERY * (k - m.length + 1));
/** Position on the charts' x axis: epochs and the part of the current one (at a boundary `example` is the last one's). */
const epochsOf = (s) => (!s.exampleCount || s.example + 1 === s.exampleCount ? s.cycle : s.cycle + (s.example + 1) / s.exampleCount);
/** Examples left in the current epoch (at most). */
const leftInEpoch = (s) => (s.phase === 'idle' ? s.exampleCount - s.example : s.exampleCount - (s.example + 1) || s.exampleCount);

export class Training {
  /** @param {(msg: object, transfer?: ArrayBuffer[]) => void} post  to the page */
  constructor(post) {
    this.post = post;
    this.pg = null;
    this.data = null;       // { train: [images, labels], test: [images, labels] | null }
    this.playing = false;
    this.limit = 0;         // examples per second; 0 = full speed
    this.budget = 0;        // examples owed to a limited speed
    this.target = null;     // { cycle, id } while training to a number of epochs
    this.animation = 0;     // bumped to cancel a running probe animation
    this.showing = null;    // { probe, label } while a test image is shown
    this.lastFrame = 0;
    this.awaitingAck = false;
    // setTimeout(0) is clamped to 4 ms when nested; a MessageChannel yields without the clamp.
    this.channel = new MessageChannel();
    this.channel.port1.onmessage = () => {
      this.scheduled = false;
      this.loop();
    };
    this.channel.port1.unref?.(); // (Node: do not keep the process alive)
    this.resetCounters();
  }

  resetCounters() {
    this.slicer = new Slicer({ budgetMs: SLICE_MS / 3, start: 256, min: 8, max: 20000 });
    this.points = [];
    this.sinceMetric = 0;
    this.lastMetricAt = 0;
    this.evals = { epochSeen: 0, next: 0, lastAt: performance.now(), lastMs: 0 };
    this.rate = { t: 0, seen: 0, perSecond: 0 };
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

  /** Evaluates on the test data and reports it (null without test data). */
  runEvaluation(reason) {
    if (!this.data.test) return null;
    const t0 = performance.now();
    const r = this.pg.evaluate();
    const s = this.pg.state();
    this.evals.lastAt = performance.now();
    this.evals.lastMs = this.evals.lastAt - t0;
    const mistakes = Array.from(r.mistakes);
    const ev = {
      ...r, mistakes, guesses: Array.from(r.guesses), mistakeLabels: mistakes.map((i) => this.pg.testLabel(i)),
      reason, ms: this.evals.lastMs, seen: s.seen, epochs: epochsOf(s), cycle: s.cycle,
    };
    this.post({ type: 'evaluation', ...ev, state: s });
    return ev;
  }

  diverged(s) {
    this.playing = false;
    this.postMetrics(s, true);
    this.stopTarget(fail('diverged', s.diverged ?? 'training diverged'));
    this.post({ type: 'diverged', message: s.diverged, state: s });
    this.sendFrame();
  }

  loop() {
    if (!this.playing || !this.pg) return;
    this.showing = null;
    const start = performance.now();
    const limited = this.limit > 0 && !this.target;
    if (limited) this.budget = Math.min(this.budget + (this.limit * (start - this.lastTick)) / 1000, Math.max(1, this.limit / 4));
    this.lastTick = start;
    try {
      const [s, ended] = this.trainSlice(start, limited);
      this.measureRate(s);
      if (ended) this.endEpoch(s);
      else this.interimEvaluation(s);
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
    while (performance.now() - start < SLICE_MS) {
      const want = Math.min(METRIC_EVERY - this.sinceMetric, leftInEpoch(s), limited ? Math.floor(this.budget) : Infinity);
      if (want <= 0) break;
      const n = this.slicer.run(want, (k) => this.pg.trainExamples(k) ?? k);
      if (limited) this.budget -= n;
      this.sinceMetric += n;
      this.evals.epochSeen += n;
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

  /** An epoch ended: its points and evaluation, and the reply when a run of epochs is done. */
  endEpoch(s) {
    this.postMetrics(s, true);
    this.evals.epochSeen = 0;
    this.evals.next = 0;
    const ev = this.runEvaluation('epoch');
    this.post({ type: 'epoch', epoch: s.cycle, evaluation: ev });
    const t = this.target;
    if (!t || s.cycle < t.cycle) return;
    this.playing = false;
    this.target = null;
    this.pg.probeCurrent();
    this.sendFrame();
    this.post(ok(t.id, ev ?? { accuracy: null, epoch: s.cycle }));
  }

  interimEvaluation(s) {
    const e = this.evals;
    if (!this.data.test || e.epochSeen < milestone(e.next)) return;
    while (e.epochSeen >= milestone(e.next)) e.next++;
    if (e.lastMs > EVAL_SHARE * (performance.now() - e.lastAt) && s.cycle > 0) return;
    this.postMetrics(s, true);
    this.runEvaluation('interim');
  }
}
