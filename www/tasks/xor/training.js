// The XOR playground's long runs: train() fast-forwards in slices that yield to the browser, and
// think() animates the network answering an input layer by layer. `pg` is the playground
// (playground.js); a later action (pause, step, play, …) drops its token and so ends the run.

import { phaseMs } from '../../ui/player.js';

/** Whether the learner asked for less motion (animations then take no time). */
export const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** Trains `cycles` more cycles; resolves with the state (pause() stops it early). */
export async function trainCycles(pg, cycles) {
  if (!Number.isSafeInteger(cycles) || cycles < 0) throw new Error('neuroglow train({ cycles }): cycles must be a whole number ≥ 0');
  pg.player.pause();
  pg.thinkToken = null;
  const token = {};
  pg.trainToken = token;
  const session = pg.session;
  const generation = session.generation;
  const target = session.state().cycle + cycles;
  let rate = 20; // cycles per ms, adapted
  for (;;) {
    if (pg.destroyed || pg.trainToken !== token || session.generation !== generation) break;
    const s = session.state();
    if (s.cycle >= target || s.diverged) break;
    const n = Math.min(target - s.cycle, Math.max(1, Math.floor(rate * 10)));
    const t0 = performance.now();
    const after = session.trainCycles(n);
    const dt = performance.now() - t0;
    rate = dt > 0.5 ? Math.max(0.05, 0.5 * rate + 0.5 * (n / dt)) : rate * 2;
    pg.anim = { start: 0, dur: 0, flash: false };
    pg.requestFrame(true);
    if (after.diverged) break;
    await new Promise((r) => setTimeout(r, 0));
  }
  if (pg.trainToken === token) pg.trainToken = null;
  return pg.destroyed ? null : pg.state();
}

/** Shows the network thinking about an input, layer by layer. Resolves with its outputs. */
export async function think(pg, values) {
  pg.player.pause();
  const token = {};
  pg.thinkToken = token;
  let s = pg.session.probe(values); // throws for a bad input, nothing changed
  let interrupted = false;
  const L = pg.session.layers();
  const stepMs = reducedMotion() ? 0 : Math.min(700, Math.max(300, phaseMs(pg.speed)));
  pg.anim = { start: performance.now(), dur: stepMs * 0.85, flash: false };
  pg.requestFrame(true);
  while (s.probing && s.inProgress) {
    await new Promise((r) => setTimeout(r, stepMs));
    if (pg.destroyed || pg.thinkToken !== token) {
      interrupted = true;
      break;
    }
    s = pg.doStep('phase', stepMs * 0.85);
  }
  if (pg.thinkToken === token) pg.thinkToken = null;
  if (pg.destroyed) return [];
  const output = Array.from(pg.session.pg.view('a', L));
  if (!interrupted) pg.probe?.show(values, output);
  pg.events.emit('prediction', { input: Array.from(values), output, thought: true });
  return output;
}
