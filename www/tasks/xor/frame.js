// One frame of the XOR playground: what the network drawing shows (lit layers, animation, the
// caption), the status bar, the examples table, the error chart and the hover tooltip.

import { fmt, fmtInt } from '../../core/format.js';
import { palette } from '../../render/palette.js';
import { describe } from '../../ui/tooltip.js';

function litLayers(s, layerCount) {
  switch (s.phase) {
    case 'idle':
      return 0;
    case 'present':
      return 1;
    case 'forward':
      return (s.layer ?? 0) + 2;
    default:
      return layerCount + 1;
  }
}

/** Whether two hover hits (network-view.js hitTest) are the same neuron or synapse. */
export function sameHit(a, b) {
  if (!a || !b) return a === b;
  return a.type === b.type && a.l === b.l && a.i === b.i && a.k === b.k && a.j === b.j;
}

/** Draws the playground `pg` (playground.js) as it is at time `now`. */
export function render(pg, now) {
  pg.dirty = false;
  const session = pg.session;
  const s = session.state();
  const info = session.info;
  const K = info.sizes.length - 1;
  const t = pg.anim.dur > 0 ? Math.min(1, Math.max(0, (now - pg.anim.start) / pg.anim.dur)) : 1;
  const lit = litLayers(s, K);
  const stepping = session.lastOp === 'phase' || session.lastOp === 'example';
  const disp = {
    phase: s.phase,
    layer: s.layer ?? null,
    probing: s.probing,
    lit,
    t,
    flash: pg.anim.flash,
    prev: session.before && s.phase === 'update' && pg.anim.dur > 0 ? session.before : null,
    showError: !s.probing && stepping && ['error', 'backward', 'update'].includes(s.phase),
    cycle: s.cycle,
    loss: s.loss ?? null,
    legend: (pg.recording?.exporting ?? false) || (pg.recording?.active ?? false),
    caption: caption(s, session.lastOp, pg.player.playing),
    hover: pg.hover,
  };
  // Non-drawing reads first (they may call into wasm); the view makes its own fresh views.
  updateStatus(pg.status, s);
  pg.controls?.update(s, () => session.snapshotCycles());
  if (pg.table) {
    const current = s.phase !== 'idle' && !s.probing ? s.example : -1;
    pg.table.update(current, `${session.generation}:${session.version}`, (x) => session.predict(x));
  }
  pg.view.draw(session.pg, disp);
  pg.chart?.draw(session.pg, s.cycle, session.generation);
  if (pg.hover && pg.pointer) showTooltip(pg, s, lit);
}

function showTooltip(pg, s, lit) {
  const session = pg.session;
  const content = describe(pg.hover, {
    pg: session.pg,
    info: session.info,
    lit,
    phase: s.phase,
    layer: s.layer ?? null,
    probing: s.probing,
    before: session.before,
    beforeExact: session.beforeExact,
    colours: palette(pg.settings.palette),
  });
  pg.tooltip.show(content, pg.pointer.x, pg.pointer.y, pg.view.fit.w, pg.view.fit.h);
}

/** The line under the network: what this phase does (`lastOp`: the session's last operation). */
function caption(s, lastOp, playing) {
  const n = s.exampleCount;
  const ex = `Example ${s.example + 1} of ${n}`;
  const loss = s.loss !== null && s.loss !== undefined ? `average error ${fmt(s.loss, 4)}` : '';
  if (s.diverged) return 'Training diverged — Reset or rewind';
  if (s.probing) return s.inProgress ? 'New situation: thinking…' : 'New situation: the network\u2019s answer';
  switch (s.phase) {
    case 'idle':
      return s.cycle === 0 ? 'Press Step or Play to start' : `Rewound · ${loss}`;
    case 'present':
      return `${ex} · the input arrives`;
    case 'forward':
      return `${ex} · forward: layer ${s.layer + 1} → ${s.layer + 2}`;
    case 'error':
      return `${ex} · error = target − output`;
    case 'backward':
      return `${ex} · backward: layer ${s.layer + 2} → ${s.layer + 1}`;
    case 'update':
      if (lastOp === 'phase' || lastOp === 'example') return `${ex} · the weights change`;
      return playing ? 'Learning…' : 'Press Step to watch the next example';
    default:
      return '';
  }
}

/** The status bar's values (`status`: its <b> elements by name). */
function updateStatus(status, s) {
  const phase = s.probing && s.phase !== 'idle'
    ? s.inProgress
      ? `thinking${s.layer !== null && s.layer !== undefined ? ` (layer ${s.layer + 1}→${s.layer + 2})` : ''}`
      : 'answered'
    : s.phase === 'forward'
      ? `forward (layer ${s.layer + 1}→${s.layer + 2})`
      : s.phase === 'backward'
        ? `backward (layer ${s.layer + 2}→${s.layer + 1})`
        : s.phase;
  const vals = {
    cycle: fmtInt(s.cycle),
    example: `${s.phase === 'idle' ? '–' : s.example + 1} of ${s.exampleCount}`,
    phase,
    loss: s.loss !== null && s.loss !== undefined ? fmt(s.loss, 4) : '–',
  };
  for (const [k, v] of Object.entries(vals)) if (status[k].textContent !== v) status[k].textContent = v;
}
