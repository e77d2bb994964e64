// What the MNIST section shows of its worker (`c` is the controller, controller.js): the reports
// (protocol.js EVENTS: loading progress, frames, chart points, evaluations, epochs, divergence,
// errors; each passed on as the section's event of that name) and the drawing of the latest frame,
// with the animation clock of a step kept here. Everything about the network comes from the frame.

import { fmt, fmtInt } from '../../core/format.js';
import { ANIM_MS } from '../../render/network.js';
import { palette } from '../../render/theme.js';

const EVAL_VIEW_MS = 1200; // the confusion matrix and gallery follow training at most this often

export const pct = (x, d = 1) => (Number.isFinite(x) ? `${(x * 100).toFixed(d)}%` : '–');
const cap = (s) => s[0].toUpperCase() + s.slice(1);
/** Writes text only when it changed (no layout work for a frame that says the same). */
const setText = (el, text) => {
  if (el.textContent !== text) el.textContent = text;
};

/** Subscribes the controller to its worker client's reports. */
export function listen(c) {
  const on = (name, fn) => c.client.events.on(name, fn);
  on('progress', (m) => {
    c.loading = { loaded: m.loaded, total: m.total };
    Object.assign(c.$('progress'), { max: Math.max(1, m.total), value: m.loaded });
    const mb = (n) => (n / 1e6).toFixed(1);
    c.$('load-note').textContent = m.total ? `${mb(m.loaded)} of ${mb(m.total)} MB` : `${mb(m.loaded)} MB`;
  });
  on('frame', (f) => {
    Object.assign(c, { frame: f, fresh: true, seen: f.state.seen, samplesPerSecond: f.samplesPerSecond });
    if (!f.playing && c.playing) c.setPlaying(false);
    c.requestRender();
    c.events.emit('frame', f);
  });
  on('metrics', (m) => {
    for (const p of m.points) {
      c.lossChart.add('loss', p.epochs, p.loss);
      c.accChart.add('train', p.epochs, p.accuracy);
    }
    Object.assign(c, { seen: m.seen, samplesPerSecond: m.samplesPerSecond });
    updateCounters(c);
    c.requestRender();
    c.events.emit('metrics', m);
  });
  on('evaluation', (ev) => onEvaluation(c, ev));
  on('epoch', (m) => c.events.emit('epoch', { epoch: m.epoch, evaluation: m.evaluation }));
  const stopped = (event, message) => (m) => {
    c.setPlaying(false);
    c.alert(message(m));
    c.events.emit(event, m);
  };
  on('diverged', stopped('diverged', (m) => `${m.message ?? 'Training diverged.'} Press Reset to start again.`));
  on('error', stopped('error', (m) => `Training stopped: ${m.message}`));
}

/** A new evaluation: the accuracy chart and counter now, the matrix and mistakes soon. */
export function onEvaluation(c, ev) {
  c.evaluation = ev;
  c.accChart.add('test', ev.epochs, ev.accuracy);
  updateCounters(c);
  c.requestRender();
  c.events.emit('evaluation', ev);
  const now = ev.reason !== 'interim' && ev.reason !== 'epoch';
  if (c.evalTimer && now) clearTimeout(c.evalTimer);
  else if (c.evalTimer) return;
  const show = () => {
    c.timers.delete(c.evalTimer);
    c.evalTimer = 0;
    c.lastEvalView = performance.now();
    if (c.evaluation && !c.destroyed) showEvaluation(c, c.evaluation);
  };
  const wait = now || !c.playing ? 0 : (c.lastEvalView ?? 0) + EVAL_VIEW_MS - performance.now();
  if (wait <= 0) show();
  else c.timers.add((c.evalTimer = setTimeout(show, wait)));
}

function showEvaluation(c, ev) {
  c.root.querySelector('.mn-eval').classList.add('mn-has-eval');
  c.confusion.update(ev);
  c.gallery.update(ev);
  c.$('eval-summary').replaceChildren(
    Object.assign(document.createElement('b'), { textContent: pct(ev.accuracy, 2) }),
    ` of ${fmtInt(ev.count)} test ${c.dataName === 'MNIST' ? 'digits' : 'images'} right after ${fmt(ev.epochs, ev.epochs % 1 === 0 ? 0 : 2)} epoch${ev.epochs === 1 ? '' : 's'} (test loss ${fmt(ev.loss, 3)}).`,
  );
}

/** One animation frame: a new worker frame (acknowledged once drawn), then what changed. */
export function render(c, now) {
  c.raf = 0;
  const f = c.frame;
  const fresh = f && c.fresh;
  if (fresh) {
    c.fresh = false;
    const s = f.state;
    // A step being watched animates its phase; frames while playing do not.
    const key = `${s.cycle}:${s.example}:${s.phase}:${s.layer}:${s.probing}:${f.probe}`;
    if (!f.stepped) c.animStart = -1e9;
    else if (key !== c.animKey && s.phase !== 'idle' && s.phase !== 'present') c.animStart = now;
    c.animKey = key;
    c.weights.setFrame(f);
    const says = f.guess === null ? '' : ` · the network says ${f.guess}`;
    const label = f.label ?? '–';
    setText(c.$('status'), f.probe != null
      ? `Test image ${fmtInt(f.probe + 1)} · a ${label}${says}`
      : `Training example ${fmtInt(s.example + 1)} of ${fmtInt(s.exampleCount)} · label ${label}${says}`);
    setText(c.$('phase'), f.playing || !f.stepped ? '' : phaseText(s, f.sizes, f.label));
    updateCounters(c);
    c.netDirty = true;
  }
  let more = false;
  if (f) {
    const t = Math.min(1, (now - (c.animStart ?? -1e9)) / (f.state.phase === 'update' ? ANIM_MS.update : ANIM_MS.phase));
    if (c.netDirty || t < 1) {
      c.net.draw(f, { t, stepped: !!f.stepped && !f.playing, playing: f.playing, label: f.label, now, palette: c.palette });
      c.netDirty = false;
      updateCaption(c, f.sizes);
    }
    more = !f.playing && t < 1;
  }
  c.weights.render();
  c.lossChart.render();
  c.accChart.render();
  if (fresh) c.client.ack();
  if (more) c.requestRender();
}

function phaseText(s, sizes, label) {
  const L = sizes.length - 1;
  const name = (l) => (l === 0 ? 'the input' : l === L ? 'the output layer' : `hidden layer ${l}`);
  return {
    present: `The image is on the ${fmtInt(sizes[0])} input neurons, one per pixel. Step to send it forward.`,
    forward: `Forward: ${name(s.layer + 1)} adds up its weighted inputs from ${name(s.layer)} and fires.`,
    error: `Error: the outputs are compared with the label ${label ?? ''} (dashed ring). This example’s loss is ${fmt(s.exampleLoss, 4)}.`,
    backward: `Backward: the error flows back through the weights between ${name(s.layer)} and ${name(s.layer + 1)}; violet shows how much each weight is to blame.`,
    update: 'Update: the weights move a little against their gradients (the flash shows how much each changed).',
  }[s.phase] ?? '';
}

/** Epoch, examples seen, speed and test accuracy. */
export function updateCounters(c) {
  const q = (k) => c.root.querySelector(`[data-c="${k}"]`);
  setText(q('epoch'), fmtInt(c.frame?.state.cycle ?? 0));
  setText(q('seen'), fmtInt(c.seen));
  setText(q('sps'), c.playing && c.samplesPerSecond > 0 ? fmtInt(c.samplesPerSecond) : '–');
  setText(q('acc'), c.evaluation ? pct(c.evaluation.accuracy, 2) : '–');
}

/** Which synapses are drawn, and what their colours mean. */
function updateCaption(c, sizes) {
  const parts = c.net.synapseSummary();
  const capped = parts.filter((p) => p.shown < p.total);
  const L = sizes.length - 1;
  const where = (k) => (k === 0 ? 'from the input' : k === L - 1 ? 'into the output layer' : `between hidden layers ${k} and ${k + 1}`);
  const text = capped.length
    ? `Showing the ${capped.map((p) => `${fmtInt(p.shown)} strongest of ${fmtInt(p.total)} synapses ${where(p.layer)}`).join(', and the ')}${capped.length < parts.length ? '; all the others are drawn' : ''}.`
    : 'All synapses shown.';
  const p = palette(c.palette);
  setText(c.$('caption'), `${text} ${cap(p.posName)}: positive weight, ${p.negName}: negative; brighter and thicker: stronger.`);
}

/** The texts that name the network's size or the palette's colours. */
export function writeNotes(c) {
  const sizes = c.info?.sizes;
  if (!sizes) return;
  const p = palette(c.palette);
  const side = Math.round(Math.sqrt(sizes[0]));
  c.$('weights-note').textContent = `Each picture is one neuron’s ${fmtInt(sizes[0])} incoming weights laid out like the ${side}×${side} image: the neuron fires for ink on ${p.posName} and is held back by ink on ${p.negName}. They start as noise; watch them change as it learns.`;
  c.net.canvas.setAttribute('aria-label', `The network: ${sizes.join('–')} neurons. The input image is on the left, the ${sizes.at(-1)} outputs on the right. ${cap(p.posName)} synapses are positive weights, ${p.negName} ones negative.`);
}
