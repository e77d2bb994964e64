// One drawn frame of the XOR playground: the core's frame snapshot, read once, goes to the network
// drawing, tooltip, status bar, caption and chart; then the parts that call into wasm themselves.

import { fmt, fmtInt } from '../../core/format.js';
import { describe, showTip } from '../../ui/tooltip.js';
import { t } from '../../core/i18n.js';

/** Whether two hover hits (network.js hitTest) are the same neuron or synapse. */
export function sameHit(a, b) {
  if (!a || !b) return a === b;
  return a.type === b.type && a.l === b.l && a.i === b.i && a.k === b.k && a.j === b.j;
}

/** Draws the playground `pg` (playground.js) as it is at time `now`. */
export function render(pg, now) {
  pg.dirty = false;
  const { session, anim } = pg;
  // The frame's views are valid until the next call into wasm: everything reading them first.
  const f = session.pg.frame();
  const s = f.state;
  pg.view.draw(f, {
    t: anim.dur > 0 ? Math.min(1, Math.max(0, (now - anim.start) / anim.dur)) : 1,
    stepped: anim.flash || s.phase !== 'update',
    title: t('xor.canvasTitle', { cycle: fmtInt(s.cycle) }),
    caption: caption(f, pg.player.playing),
    legend: (pg.recording?.exporting || pg.recording?.active) ?? false,
    hover: pg.hover,
  });
  if (pg.hover && pg.pointer) showTip(pg.tipEl, describe(pg.hover, f, pg.settings.palette), pg.pointer.x, pg.pointer.y, pg.view.fit.w, pg.view.fit.h);
  status(pg.status, s);
  if (pg.chart) loss(pg, f.buffers.history, s.historyStride, s.cycle);
  // These call into wasm themselves (the frame's views are stale after them).
  pg.controls?.update(s, () => session.snapshotCycles());
  pg.table?.update(f.known.lit > 0 && !s.probing ? s.example : -1, session.version, (x) => session.predict(x));
  pg.probe?.update(session.version, (x) => session.predict(x));
}

/**
 * The error chart: the history up to the current cycle, and after a rewind the rewound-over rest.
 * Entry i is the loss of cycle i·stride + 1 (the core thins long histories).
 */
function loss(pg, hist, stride, cycle) {
  const { chart } = pg;
  const n = hist.length;
  const past = Math.min(Math.ceil(cycle / stride), n);
  const key = `${n}:${stride}:${cycle}:${hist[n - 1]}`;
  if (key === pg.chartKey && !chart.dirty) return; // (dirty: resized)
  pg.chartKey = key;
  const x = (i) => i * stride + 1;
  chart.set('past', past, x, (i) => hist[i]);
  const from = Math.max(0, past - 1);
  chart.set('future', n > past ? n - from : 0, (i) => x(from + i), (i) => hist[from + i]);
  chart.render();
}

/** The line under the title: what this phase does. */
function caption(f, playing) {
  const s = f.state;
  const ex = t('xor.captionExample', { n: s.example + 1, count: s.exampleCount });
  if (s.diverged) return t('xor.captionDiverged');
  if (s.probing) return t(s.inProgress ? 'xor.captionThinking' : 'xor.captionAnswer');
  if (s.phase === 'idle') return s.cycle === 0 ? t('xor.captionStart') : s.loss == null ? t('xor.captionRewound') : t('xor.captionRewoundLoss', { loss: fmt(s.loss, 4) });
  const [from, to] = [s.layer + 1, s.layer + 2];
  const what = {
    present: () => t('xor.whatPresent'),
    forward: () => t('xor.whatForward', { from, to }),
    error: () => t('xor.whatError'),
    backward: () => t('xor.whatBackward', { from: to, to: from }),
  }[s.phase]?.();
  if (what) return t('xor.captionStep', { example: ex, what });
  // update: watched step by step (the weights the pass used are kept), or trained through
  return f.beforeExact ? t('xor.captionStep', { example: ex, what: t('xor.whatUpdate') }) : playing ? t('xor.captionLearning') : t('xor.captionNext');
}

/** A phase's name as the status bar shows it (the core's names: idle, present, forward, error, backward, update). */
const PHASE_KEYS = { idle: 'xor.phaseIdle', present: 'xor.phasePresent', forward: 'xor.phaseForward', error: 'xor.phaseError', backward: 'xor.phaseBackward', update: 'xor.phaseUpdate' };
const phaseName = (phase) => (PHASE_KEYS[phase] ? t(PHASE_KEYS[phase]) : phase);

/** The status bar's values (`el`: its <b> elements by name). */
function status(el, s) {
  const layers = (back) => (s.layer == null ? '' : back ? t('xor.statusLayers', { from: s.layer + 2, to: s.layer + 1 }) : t('xor.statusLayers', { from: s.layer + 1, to: s.layer + 2 }));
  let phase = phaseName(s.phase);
  if (s.probing && s.phase !== 'idle') phase = s.inProgress ? t('xor.phaseThinking', { layers: layers(false) }) : t('xor.phaseAnswered');
  else if (s.phase === 'forward' || s.phase === 'backward') phase += layers(s.phase === 'backward');
  const vals = {
    cycle: fmtInt(s.cycle),
    example: t('xor.statusExample', { n: s.phase === 'idle' ? '–' : s.example + 1, count: s.exampleCount }),
    phase,
    loss: s.loss == null ? '–' : fmt(s.loss, 4),
  };
  for (const [k, v] of Object.entries(vals)) if (el[k].textContent !== v) el[k].textContent = v;
}
