// Test-set evaluations in the training worker, a slice at a time: a large test set must not keep
// Pause (or any message) waiting. One runs at a time; the session does not train while one runs.
// When they are due: at interim milestones of an epoch (taking at most EVAL_SHARE of the time),
// at the end of each epoch, after a model loads, and on request.

import { Slicer, yieldToEventLoop } from '../../core/scheduler.js';

// Interim evaluations while playing, by examples seen in the epoch (then every EVAL_EVERY).
const EVAL_MILESTONES = [500, 1000, 2000, 3000, 5000, 7500, 10000, 15000];
const [EVAL_EVERY, EVAL_SHARE] = [15000, 0.2];
const SLICE_MS = 12; // evaluation per slice, before looking at messages again

const milestone = (k, m = EVAL_MILESTONES) => (k < m.length ? m[k] : m[m.length - 1] + EVAL_EVERY * (k - m.length + 1));

export class Evaluations {
  /** @param {object} session  the worker's Session (its pg, data, post) */
  constructor(session) {
    this.session = session;
    this.slicer = new Slicer({ budgetMs: SLICE_MS, start: 512, min: 64, max: 1e6 });
    this.queue = Promise.resolve();
    this.pending = 0;
    this.reset();
  }

  /** A new epoch (or network): interim milestones start over. */
  reset() {
    Object.assign(this, { epochSeen: 0, next: 0, lastAt: performance.now(), lastMs: 0 });
  }

  /** Resolves when no evaluation is running or queued. */
  idle() {
    return this.pending ? this.queue : Promise.resolve();
  }

  /** Evaluates on the test data and posts it; resolves with it (null without test data, or when the network was replaced meanwhile). */
  run(reason, describe) {
    this.pending++;
    const next = this.queue.then(() => this.evaluate(reason, describe)).finally(() => this.pending--);
    this.queue = next.catch(() => null);
    return next;
  }

  /** Whether an interim evaluation is due after `n` more examples of epoch `cycle` (after the first, within its share of the time). */
  due(n, cycle) {
    this.epochSeen += n;
    if (this.epochSeen < milestone(this.next)) return false;
    while (this.epochSeen >= milestone(this.next)) this.next++;
    return !(cycle > 0 && this.lastMs > EVAL_SHARE * (performance.now() - this.lastAt));
  }

  async evaluate(reason, describe) {
    const { session } = this;
    const pg = session.pg;
    if (!pg || !session.data?.test) return null;
    let ms = 0;
    pg.evaluateStart();
    for (;;) {
      const t0 = performance.now();
      const done = this.slicer.run(Infinity, (n) => pg.evaluateMore(n));
      ms += performance.now() - t0;
      if (done) break;
      await yieldToEventLoop();
      if (session.pg !== pg) return null; // (a new network: this one is gone)
    }
    const r = pg.evaluation();
    [this.lastAt, this.lastMs] = [performance.now(), ms];
    const mistakes = Array.from(r.mistakes);
    const ev = { ...r, mistakes, guesses: Array.from(r.guesses), mistakeLabels: mistakes.map((i) => pg.testLabel(i)), reason, ms, ...describe(pg.state()) };
    session.post({ type: 'evaluation', ...ev, state: pg.state() });
    return ev;
  }
}
