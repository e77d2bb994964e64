// Drawing the MNIST section's frames: the worker's latest frame onto the network and the weight
// pictures, the charts, and the lines that say what is on show (status, phase, counters, which
// synapses are drawn). `c` is the controller (controller.js).

import { fmt, fmtInt } from '../../core/format.js';
import { argMax } from '../../mnist/network-view.js';

export const pct = (x, d = 1) => (Number.isFinite(x) ? `${(x * 100).toFixed(d)}%` : '–');

/** Writes text only when it changed (no layout work for a frame that says the same). */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function phaseText(s, info, label) {
  const L = info.sizes.length - 1;
  const name = (l) => (l === 0 ? 'the input' : l === L ? 'the output layer' : `hidden layer ${l}`);
  switch (s.phase) {
    case 'present':
      return `The image is on the ${fmtInt(info.sizes[0])} input neurons, one per pixel. Step to send it forward.`;
    case 'forward':
      return `Forward: ${name(s.layer + 1)} adds up its weighted inputs from ${name(s.layer)} and fires.`;
    case 'error':
      return `Error: the outputs are compared with the label ${label ?? ''} (dashed ring). This example’s loss is ${fmt(s.exampleLoss, 4)}.`;
    case 'backward':
      return `Backward: the error flows back through the weights between ${name(s.layer)} and ${name(s.layer + 1)}; violet shows how much each weight is to blame.`;
    case 'update':
      return 'Update: the weights move a little against their gradients (the flash shows how much each changed).';
    default:
      return '';
  }
}

/** One animation frame: the pending worker frame (if its network is the one shown), then drawing. */
export function render(c, now) {
  c.raf = 0;
  let f = c.pendingFrame;
  // A frame of a new network can arrive just before the reply that describes it: wait for it.
  if (f && (!c.info || f.info.sizes.join('-') !== c.info.sizes.join('-'))) f = null;
  if (f) {
    c.pendingFrame = null;
    c.net.setFrame(f, now);
    c.weights.setFrame(f);
    updateStatus(c, f);
  }
  const more = c.net.render(now);
  c.weights.render();
  c.lossChart.render();
  c.accChart.render();
  if (f) c.client.ack();
  if (more) c.requestRender();
}

function updateStatus(c, f) {
  const s = f.state;
  const out = f.buffers[`a${c.info.sizes.length - 1}`];
  const computed = !(s.phase === 'present' || (s.phase === 'forward' && s.layer < c.info.sizes.length - 2));
  const guess = computed && out ? argMax(out) : null;
  const says = guess === null ? '' : ` · the network says ${guess}`;
  const label = f.label ?? '–';
  setText(c.$('status'), f.probe != null
    ? `Test image ${fmtInt(f.probe + 1)} · a ${label}${says}`
    : `Training example ${fmtInt(s.example + 1)} of ${fmtInt(s.exampleCount)} · label ${label}${says}`);
  setText(c.$('phase'), f.playing || !f.stepped ? '' : phaseText(s, c.info, f.label));
  updateCounters(c, f);
  updateCaption(c);
}

/** Epoch, examples seen, speed and test accuracy. */
export function updateCounters(c, f = c.frame) {
  if (!f) return;
  const s = f.state;
  const q = (k) => c.root.querySelector(`[data-c="${k}"]`);
  setText(q('epoch'), fmtInt(s.cycle));
  setText(q('seen'), fmtInt(c.seen));
  setText(q('sps'), c.playing && c.samplesPerSecond > 0 ? fmtInt(c.samplesPerSecond) : '–');
  setText(q('acc'), c.evaluation ? pct(c.evaluation.accuracy, 2) : '–');
}

function updateCaption(c) {
  const parts = c.net.synapseSummary();
  const capped = parts.filter((p) => p.shown < p.total);
  const L = c.info.sizes.length - 1;
  const where = (k) => (k === 0 ? 'from the input' : k === L - 1 ? 'into the output layer' : `between hidden layers ${k} and ${k + 1}`);
  const text = capped.length
    ? `Showing the ${capped.map((p) => `${fmtInt(p.shown)} strongest of ${fmtInt(p.total)} synapses ${where(p.layer)}`).join(', and the ')}${capped.length < parts.length ? '; all the others are drawn' : ''}.`
    : 'All synapses shown.';
  setText(c.$('caption'), `${text} Green: positive weight, red: negative; brighter and thicker: stronger.`);
}
