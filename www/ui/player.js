// The play loop. With the schedule on it follows the source's video: the first cycles phase by
// phase, then growing jumps to the source's frames (the core's `nextFrame`), trained in slices of
// a few milliseconds per animation frame (the adaptive Slicer) so the page never freezes.

import { BY_NAME, SCHEMA } from '../core/config.js';
import { Slicer } from '../core/scheduler.js';

// Phase by phase until the source's first frame; playing stops at its last.
const [SLOW_CYCLES, SOURCE_END] = [SCHEMA.sourceFrames[0], SCHEMA.sourceFrames.at(-1)];

const PHASE_MS = [1600, 1200, 900, 650, 450, 320, 220, 140, 80, 30];
const HOLD_MS = [3000, 2400, 1900, 1500, 1100, 800, 550, 350, 180, 60];
const JUMP_MS = [2500, 1800, 1300, 950, 650, 450, 300, 180, 80, 0];

// The speed range is the settings table's, so the URL, the slider and this agree.
const at = (table, speed) => table[Math.min(BY_NAME.speed.max, Math.max(BY_NAME.speed.min, Math.round(speed))) - 1];
const smoothstep = (t) => t * t * (3 - 2 * t);

/** How long one phase is shown when playing at `speed`. */
export const phaseMs = (speed) => at(PHASE_MS, speed);

export class Player {
  /** `host`: { session, speed(), schedule(), step(kind, animMs) → state, train(cycles) → state, changed(playing, reason) }. */
  constructor(host) {
    this.host = host;
    this.playing = false;
    this.slicer = new Slicer({ budgetMs: 8, start: 40 });
    this.clear();
  }

  clear() {
    this.nextAt = 0;
    this.jump = null;
    this.holdUntil = 0;
  }

  play() {
    if (!this.playing && !this.host.session.state().diverged) this.set(true, 'user');
  }

  pause(reason = 'user') {
    if (this.playing) this.set(false, reason);
  }

  set(playing, reason) {
    this.playing = playing;
    this.clear();
    this.host.changed(playing, reason);
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
    // Under the schedule the very first examples are slowest, speeding up as the pattern is seen.
    const factor = scheduled ? Math.max(0.3, 1 - 0.08 * (s.cycle * s.exampleCount + s.example)) : 1;
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
    const j = (this.jump ??= { from: s.cycle, target: this.host.session.wasm.nextFrame(s.cycle), start: now });
    const dur = at(JUMP_MS, speed);
    const goal = dur > 0 ? Math.round(j.from + (j.target - j.from) * smoothstep(Math.min(1, (now - j.start) / dur))) : j.target;
    let cycle = s.cycle;
    if (goal > cycle) {
      const st = this.slicer.run(goal - cycle, (n) => this.host.train(n));
      if (!this.playing) return; // a listener paused
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
