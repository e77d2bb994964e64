// The play loop. With the schedule on (the default) it follows the source's video: the first
// cycles phase by phase, slowly at first, then growing jumps to the source's frames (cycle 2,
// 10, 20, 50, … 60,000 — from the core's `nextFrame`), pausing briefly on each. Training runs
// in slices of a few milliseconds per animation frame, so the page never freezes.

import { BY_NAME } from '../core/config.js';

// The speed range is the settings table's (config.js), so the URL, the slider and this agree.
const SPEED_MIN = BY_NAME.speed.min;
const SPEED_MAX = BY_NAME.speed.max;
/** Cycles shown phase by phase before the jumps begin (the source's first frame). */
export const SLOW_CYCLES = 2;
/** The source's last frame: playing stops there. */
export const SOURCE_END = 60000;

const PHASE_MS = [1600, 1200, 900, 650, 450, 320, 220, 140, 80, 30];
const HOLD_MS = [3000, 2400, 1900, 1500, 1100, 800, 550, 350, 180, 60];
const JUMP_MS = [2500, 1800, 1300, 950, 650, 450, 300, 180, 80, 0];
/** Training time per animation frame. */
const BUDGET_MS = 8;

const at = (table, speed) => table[Math.min(SPEED_MAX, Math.max(SPEED_MIN, Math.round(speed))) - 1];
const smoothstep = (t) => t * t * (3 - 2 * t);

/** How long one phase is shown when playing at `speed`. */
export function phaseMs(speed) {
  return at(PHASE_MS, speed);
}

export class Player {
  /**
   * @param host {
   *   session,                       // core/session.js Session
   *   speed(): number, schedule(): boolean,
   *   step(kind, animMs): state,     // one step, animated for animMs
   *   train(cycles): state,          // trains without animating
   *   changed(playing, reason),      // play/pause happened (reason: 'user' | 'end' | 'diverged')
   * }
   */
  constructor(host) {
    this.host = host;
    this.playing = false;
    this.rate = 5; // cycles per millisecond, learned as we go
    this.clear();
  }

  clear() {
    this.nextAt = 0;
    this.jump = null;
    this.holdUntil = 0;
  }

  play() {
    if (this.playing) return;
    const s = this.host.session.state();
    if (s.diverged) return;
    this.playing = true;
    this.clear();
    this.host.changed(true, 'user');
  }

  pause(reason = 'user') {
    if (!this.playing) return;
    this.playing = false;
    this.clear();
    this.host.changed(false, reason);
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  tick(now) {
    if (!this.playing) return;
    const s = this.host.session.state();
    if (s.diverged) return this.pause('diverged');
    const scheduled = this.host.schedule();
    if (scheduled && s.cycle >= SLOW_CYCLES) this.tickJump(now, s);
    else this.tickPhases(now, s, scheduled);
  }

  tickPhases(now, s, scheduled) {
    if (now < this.nextAt) return;
    const speed = this.host.speed();
    // Under the schedule the very first examples are slowest; it speeds up as the learner
    // has seen the pattern.
    const done = s.cycle * s.exampleCount + s.example;
    const factor = scheduled ? Math.max(0.3, 1 - 0.08 * done) : 1;
    const d = phaseMs(speed) * factor;
    const steps = d >= 16 ? 1 : Math.min(64, Math.round(16 / d));
    for (let n = 0; n < steps; n++) {
      const st = this.host.step('phase', Math.min(700, d * 0.85));
      if (st.diverged) return this.pause('diverged');
      if (!this.playing) return; // a listener paused (e.g. on('cycle', …) → pause())
      if (scheduled && st.cycle >= SLOW_CYCLES) {
        this.holdUntil = now + at(HOLD_MS, speed);
        break;
      }
    }
    this.nextAt = now + d;
  }

  tickJump(now, s) {
    if (now < this.holdUntil) return;
    const speed = this.host.speed();
    if (!this.jump) {
      this.jump = { from: s.cycle, target: this.host.session.nextFrame(s.cycle), start: now };
    }
    const j = this.jump;
    const dur = at(JUMP_MS, speed);
    const goal = dur > 0
      ? Math.round(j.from + (j.target - j.from) * smoothstep(Math.min(1, (now - j.start) / dur)))
      : j.target;
    let cycle = s.cycle;
    const want = goal - cycle;
    if (want > 0) {
      const n = Math.min(want, Math.max(1, Math.floor(this.rate * BUDGET_MS)));
      const t0 = performance.now();
      const st = this.host.train(n);
      const dt = performance.now() - t0;
      if (!this.playing) return; // a listener paused
      if (dt > 0.5) this.rate = Math.max(0.05, 0.6 * this.rate + 0.4 * (n / dt));
      else if (n === Math.floor(this.rate * BUDGET_MS)) this.rate *= 2;
      if (st.diverged) return this.pause('diverged');
      cycle = st.cycle;
    }
    if (cycle >= j.target) {
      this.jump = null;
      this.holdUntil = now + at(HOLD_MS, speed);
      if (j.target === SOURCE_END && j.from < SOURCE_END) this.pause('end');
    }
  }
}
