// One wasm Playground and what the page needs around it: safe stepping (divergence becomes an
// event, not an exception), events, rebuilding from settings, and copies of the weights from
// before each step (for tweening the drawing and writing out sums; never recomputed here).

import { Emitter } from './events.js';

export class Session {
  constructor(wasm, netOptions) {
    this.wasm = wasm;
    this.events = new Emitter();
    this.pg = null;
    /** Bumped whenever the network object is replaced (reset, settings). */
    this.generation = 0;
    /** Bumped whenever the weights or the trace may have changed. */
    this.version = 0;
    this.build(netOptions);
  }

  /** Replaces the network; throws (keeping the current one) when the options are refused. */
  build(netOptions) {
    const pg = new this.wasm.Playground(netOptions);
    this.pg?.free();
    this.pg = pg;
    this.netOptions = { ...netOptions };
    this.info = pg.info();
    this.examples = pg.examples();
    this.generation += 1;
    this.version += 1;
    this.lastCycle = 0;
    this.divergedReported = false;
    /** Weights as they were before the last step, and whether the trace's forward pass used them. */
    this.before = null;
    this.beforeExact = false;
    this.lastOp = 'build';
  }

  get alive() {
    return this.pg !== null;
  }

  state() {
    return this.pg.state();
  }

  layers() {
    return this.info.sizes.length - 1;
  }

  copyWeights() {
    const out = [];
    for (let k = 0; k < this.layers(); k++) out.push(this.pg.view('weights', k).slice());
    return out;
  }

  /**
   * Runs one stepping call. Returns the new state; when training diverges the state carries
   * `diverged` and a 'diverged' event fires (once). Other errors are thrown.
   */
  run(op, fn) {
    this.before = this.copyWeights();
    this.beforeExact = op === 'phase' || op === 'example';
    this.lastOp = op;
    try {
      fn();
    } catch (e) {
      this.version += 1;
      const s = this.pg.state();
      if (s.diverged) return this.reportDiverged(s);
      throw e;
    }
    this.version += 1;
    return this.after();
  }

  after() {
    const s = this.pg.state();
    this.events.emit('step', s);
    if (s.cycle !== this.lastCycle) {
      this.lastCycle = s.cycle;
      this.events.emit('cycle', s);
    }
    return s;
  }

  reportDiverged(s) {
    if (!this.divergedReported) {
      this.divergedReported = true;
      this.events.emit('diverged', { message: s.diverged, state: s });
    }
    return s;
  }

  stepPhase() {
    return this.run('phase', () => this.pg.stepPhase());
  }

  stepExample() {
    return this.run('example', () => this.pg.stepExample());
  }

  stepCycle() {
    return this.run('cycle', () => this.pg.stepCycle());
  }

  /**
   * Trains `cycles` cycles in one call (the caller keeps slices small). With 'cycle' listeners it
   * goes one cycle at a time and emits each, so a listener can stop at an exact cycle by calling
   * interrupt() (e.g. "pause when the error drops below 0.1").
   */
  trainCycles(cycles) {
    this.lastOp = 'train';
    this.beforeExact = false;
    this.before = null;
    this.interrupted = false;
    const each = this.events.has('cycle');
    let s = null;
    try {
      if (each) {
        for (let i = 0; i < cycles && !this.interrupted; i++) {
          this.pg.trainCycles(1);
          this.version += 1;
          s = this.pg.state();
          this.lastCycle = s.cycle;
          this.events.emit('cycle', s);
        }
      } else {
        this.pg.trainCycles(cycles);
      }
    } catch (e) {
      this.version += 1;
      const st = this.pg.state();
      if (st.diverged) return this.reportDiverged(st);
      throw e;
    }
    this.version += 1;
    if (each) return s ?? this.pg.state();
    s = this.pg.state();
    if (s.cycle !== this.lastCycle) {
      this.lastCycle = s.cycle;
      this.events.emit('cycle', s);
    }
    return s;
  }

  /** Stops a trainCycles() call in progress after its current cycle (from a listener). */
  interrupt() {
    this.interrupted = true;
  }

  /** Puts an input on the input neurons (throws a clear Error for a bad input). */
  probe(input) {
    this.before = this.copyWeights();
    this.beforeExact = true;
    this.pg.probe(Float32Array.from(input));
    this.version += 1;
    return this.pg.state();
  }

  predict(input) {
    return Array.from(this.pg.predict(Float32Array.from(input)));
  }

  snapshotCycles() {
    return Array.from(this.pg.snapshotCycles());
  }

  restore(index) {
    this.pg.restore(index);
    this.version += 1;
    this.before = null;
    this.beforeExact = false;
    this.divergedReported = false;
    this.lastOp = 'restore';
    return this.after();
  }

  nextFrame(cycle) {
    return this.wasm.nextFrame(cycle);
  }

  free() {
    this.pg?.free();
    this.pg = null;
    this.events.clear();
  }
}

/** Reads a text field like "4" or "4, 3" (or "" for none) into hidden-layer sizes. */
export function parseHidden(text) {
  const t = String(text).trim();
  if (t === '') return [];
  const parts = t.split(/[\s,]+/).filter(Boolean);
  const sizes = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (sizes.some((n) => !Number.isSafeInteger(n))) {
    throw new Error(`hidden layers: "${t}" is not a list of whole numbers (write e.g. 4 or 4, 3)`);
  }
  return sizes;
}

/** Reads "1, 1, 0" into numbers; the core checks the count and the values. */
export function parseInput(text) {
  const parts = String(text).trim().split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) throw new Error('type the input values, e.g. 1, 1, 0');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isFinite(n)) throw new Error(`"${p}" is not a number`);
    return n;
  });
}
