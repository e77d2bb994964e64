// The hover/tap tooltip: a neuron's weighted sum written out with the numbers the core computed
// (z = Σ w·a (+ b) = z, then a = f(z)), or a synapse's weight, last gradient and last change.
// Formatting only: each printed term is one weight beside one activation.

import { fmt, fmtTerm, fmtSigned } from '../core/format.js';

const num = (x) => (Number.isInteger(x) ? fmt(x, 0) : fmt(x, 3));
const MAX_TERMS = 8;

export function neuronName(sizes, l, i) {
  const K = sizes.length - 1;
  if (l === 0) return `x${i + 1}`;
  if (l === K) return sizes[K] > 1 ? `output ${i + 1}` : 'output';
  return K > 2 ? `h${l}.${i + 1}` : `h${i + 1}`;
}

/**
 * Lines describing what is under the pointer.
 * @param hit   { type: 'neuron', l, i } | { type: 'synapse', k, j, i }
 * @param ctx   { pg, info, lit, phase, layer, probing, before, beforeExact, colours }
 * @returns { title, rows: [{ text, cls? }] }
 */
export function describe(hit, ctx) {
  return hit.type === 'neuron' ? describeNeuron(hit, ctx) : describeSynapse(hit, ctx);
}

/** A neuron: its weighted sum written out with the real numbers, its activation, its δ. */
function describeNeuron(hit, ctx) {
  const { pg, info } = ctx;
  const sizes = info.sizes;
  const K = sizes.length - 1;
  const rows = [];
  const { l, i } = hit;
  const name = neuronName(sizes, l, i);
  const computed = l < ctx.lit;
  if (l === 0) {
    const a = pg.view('a', 0)[i];
    rows.push({ text: computed ? `${name} = ${num(a)}` : `${name}: no input on the network yet` });
    rows.push({ text: 'An input neuron passes its value on unchanged.', cls: 'note' });
    return { title: `Input ${name}`, rows };
  }
  const k = l - 1;
  const nOut = sizes[l];
  const nIn = sizes[k];
  const act = info.activations[k];
  const title = l === K ? `Output neuron${sizes[K] > 1 ? ` ${i + 1}` : ''}` : `Hidden neuron ${name}`;
  rows.push({ text: `z = Σ w·a${info.bias ? ' + b' : ''}`, cls: 'formula' });
  if (!computed) {
    rows.push({ text: 'Not computed yet for this example: press Step to send the signal here.', cls: 'note' });
    return { title, rows };
  }
  // The weights this pass used: the current ones unless an update came after it.
  const updatedSince = ctx.phase === 'update' && !ctx.probing;
  let weights = null;
  let note = '';
  if (!updatedSince) weights = pg.view('weights', k).slice();
  else if (ctx.before && ctx.beforeExact) {
    weights = ctx.before[k];
    note = 'with the weights before this update';
  }
  // Read every view first, then format (no wasm calls in between).
  const aPrev = pg.view('a', k).slice();
  const z = pg.view('z', l)[i];
  const a = pg.view('a', l)[i];
  const b = info.bias ? pg.view('biases', k)[i] : null;
  const delta = pg.view('delta', l)[i];
  if (weights) {
    const terms = [];
    for (let j = 0; j < Math.min(nIn, MAX_TERMS); j++) terms.push(`${fmtTerm(weights[j * nOut + i], 3)}·${num(aPrev[j])}`);
    let sum = terms.join(' + ');
    if (nIn > MAX_TERMS) sum += ` + … (${nIn - MAX_TERMS} more)`;
    if (b !== null) sum += ` + ${fmtTerm(b, 3)}`;
    rows.push({ text: `  = ${sum}`, cls: 'formula' });
    if (note) rows.push({ text: note, cls: 'note' });
  } else {
    rows.push({ text: 'The weights have changed since this pass (training ran on); step an example to see its sum.', cls: 'note' });
  }
  rows.push({ text: `  = ${fmt(z, 3)}`, cls: 'formula strong' });
  rows.push({ text: `a = ${act}(z) = ${fmt(a, 3)}`, cls: 'formula strong' });
  const deltaKnown = !ctx.probing && ((ctx.phase === 'error' && l === K) || (ctx.phase === 'backward' && ctx.layer !== null && l >= Math.max(ctx.layer, 1)));
  if (deltaKnown) rows.push({ text: `δ = ∂E/∂z = ${fmtSigned(delta, 4)}`, cls: 'formula delta' });
  return { title, rows };
}

/** A synapse: its weight, last gradient and last change. */
function describeSynapse(hit, ctx) {
  const { pg, info } = ctx;
  const sizes = info.sizes;
  const rows = [];
  const { k, j, i } = hit;
  const nOut = sizes[k + 1];
  const idx = j * nOut + i;
  const w = pg.view('weights', k)[idx];
  const grad = pg.view('gradWeights', k)[idx];
  const change = pg.view('changeWeights', k)[idx];
  const from = neuronName(sizes, k, j);
  const to = neuronName(sizes, k + 1, i);
  rows.push({ text: `weight w = ${fmtSigned(w, 3)}`, cls: `formula strong ${w >= 0 ? 'pos' : 'neg'}` });
  rows.push({ text: `last gradient ∂E/∂w = ${fmtSigned(grad, 4)}`, cls: 'formula' });
  rows.push({ text: `last change Δw = ${fmtSigned(change, 4)}`, cls: 'formula' });
  const pal = ctx.colours ?? { posName: 'green', negName: 'red' };
  rows.push({ text: w >= 0 ? `Positive: it excites the next neuron (${pal.posName}).` : `Negative: it inhibits the next neuron (${pal.negName}).`, cls: 'note' });
  return { title: `Synapse ${from} → ${to}`, rows };
}

export class Tooltip {
  constructor(el) {
    this.el = el;
    this.el.hidden = true;
  }

  show(content, x, y, boxW, boxH) {
    const el = this.el;
    el.replaceChildren();
    const title = document.createElement('div');
    title.className = 'ng-tip-title';
    title.textContent = content.title;
    el.append(title);
    for (const row of content.rows) {
      const d = document.createElement('div');
      d.className = `ng-tip-row ${row.cls ?? ''}`;
      d.textContent = row.text;
      el.append(d);
    }
    el.hidden = false;
    // Beside the pointer, kept inside the canvas box.
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    let left = x + 16;
    let top = y + 16;
    if (left + w > boxW - 6) left = Math.max(6, x - w - 16);
    if (top + h > boxH - 6) top = Math.max(6, y - h - 16);
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }

  hide() {
    this.el.hidden = true;
  }
}
