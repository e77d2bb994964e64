// The XOR playground's long runs: train() fast-forwards in slices (the one adaptive Slicer) that
// yield to the browser, and think() animates the network answering an input layer by layer.
// `pg` is the playground (playground.js); a later action (pause, step, play, …) drops its
// token and so ends the run.

import { Slicer, yieldToEventLoop } from '../../core/scheduler.js';
import { phaseMs } from '../../ui/player.js';

/** Whether the learner asked for less motion (animations then take no time). */
export const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** Trains `cycles` more cycles; resolves with the state (pause() stops it early). */
export async function train(pg, cycles) {
  if (!Number.isSafeInteger(cycles) || cycles < 0) throw new Error('neuroglow train({ cycles }): cycles must be a whole number ≥ 0');
  pg.player.pause();
  pg.thinkToken = null;
  const token = (pg.trainToken = {});
  const { session } = pg;
  const net = session.pg;
  const target = session.state().cycle + cycles;
  const slicer = new Slicer({ budgetMs: 10, start: 200 });
  // Stops when done, diverged, paused, rebuilt (a new network) or destroyed.
  while (!pg.destroyed && pg.trainToken === token && session.pg === net) {
    const s = session.state();
    if (s.cycle >= target || s.diverged) break;
    slicer.run(target - s.cycle, (n) => session.trainCycles(n));
    pg.still();
    await yieldToEventLoop();
  }
  if (pg.trainToken === token) pg.trainToken = null;
  return pg.destroyed ? null : pg.state();
}

/** Shows the network thinking about an input, layer by layer. Resolves with its outputs. */
export async function think(pg, values) {
  pg.player.pause();
  const token = (pg.thinkToken = {});
  pg.session.pg.probe(Float32Array.from(values)); // throws for a bad input, nothing changed
  let s = pg.session.state();
  const stepMs = reducedMotion() ? 0 : Math.min(700, Math.max(300, phaseMs(pg.settings.speed)));
  pg.animate(stepMs * 0.85);
  while (s.probing && s.inProgress && pg.thinkToken === token) {
    await new Promise((r) => setTimeout(r, stepMs));
    if (pg.destroyed || pg.thinkToken !== token) break;
    s = pg.doStep('phase', stepMs * 0.85);
  }
  const finished = pg.thinkToken === token;
  if (finished) pg.thinkToken = null;
  if (pg.destroyed) return [];
  const output = Array.from(pg.session.pg.view('a', pg.session.info.sizes.length - 1));
  if (finished) pg.probe?.show(values, output);
  pg.events.emit('prediction', { input: Array.from(values), output, thought: true });
  return output;
}
