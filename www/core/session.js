// One wasm Playground and what the page needs around it: stepping in which a divergence becomes
// an event rather than an exception, the step/cycle events, and rebuilding from settings. What
// a frame shows (lit layers, δ, the weights before a step) is the core's: read pg.frame().

import { Emitter } from './events.js';

const STEPS = { phase: 'stepPhase', example: 'stepExample', cycle: 'stepCycle' };

export class Session {
  constructor(wasm, netOptions) {
    this.wasm = wasm;
    this.events = new Emitter();
    this.pg = null;
    /** Bumped whenever the weights may have changed (what the examples table shows). */
    this.version = 0;
    this.build(netOptions);
  }

  /** Replaces the network; throws (keeping the current one) when the core refuses the options. */
  build(netOptions) {
    const pg = new this.wasm.Playground(netOptions);
    this.pg?.free();
    Object.assign(this, { pg, netOptions: { ...netOptions }, info: pg.info(), examples: pg.examples(), lastCycle: 0, divergedReported: false });
    this.version += 1;
  }

  state() {
    return this.pg.state();
  }

  /** Runs a call that trains; a divergence fires 'diverged' (once) and returns the state, other errors throw. */
  run(fn) {
    let diverged = false;
    try {
      fn();
    } catch (e) {
      if (e?.code !== 'diverged') throw e;
      diverged = true;
    } finally {
      this.version += 1;
    }
    const s = this.pg.state();
    if (diverged && !this.divergedReported) this.events.emit('diverged', { message: s.diverged, state: s });
    this.divergedReported ||= diverged;
    return s;
  }

  cycled(s) {
    if (s.diverged || s.cycle === this.lastCycle) return;
    this.lastCycle = s.cycle;
    this.events.emit('cycle', s);
  }

  /** One step ('phase' | 'example' | 'cycle', or a call that steps); returns the state. */
  step(kind) {
    const s = this.run(typeof kind === 'function' ? kind : () => this.pg[STEPS[kind]]());
    if (!s.diverged) this.events.emit('step', s);
    this.cycled(s);
    return s;
  }

  /**
   * Trains `cycles` cycles (the caller keeps slices small). With 'cycle' listeners it goes one
   * cycle per call and emits each, so a listener can stop at an exact cycle with interrupt().
   */
  trainCycles(cycles) {
    this.interrupted = false;
    const each = this.events.has('cycle') ? 1 : cycles;
    let s = this.pg.state();
    for (let done = 0; done < cycles && !this.interrupted && !s.diverged; done += each) {
      s = this.run(() => this.pg.trainCycles(each));
      this.cycled(s);
    }
    return s;
  }

  /** Stops a trainCycles() call in progress after its current cycle (from a listener). */
  interrupt() {
    this.interrupted = true;
  }

  predict(input) {
    return Array.from(this.pg.predict(Float32Array.from(input)));
  }

  snapshotCycles() {
    return Array.from(this.pg.snapshotCycles());
  }

  /** Rewinds to kept snapshot `index` (a diverged network too). */
  restore(index) {
    this.divergedReported = false;
    return this.step(() => this.pg.restore(index));
  }

  free() {
    this.pg?.free();
    this.pg = null;
    this.events.clear();
  }
}
