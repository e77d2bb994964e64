// The hover/tap tooltip over a frame: a neuron's weighted sum written out with the core's numbers
// (z = Σ w·a (+ b), a = f(z)), or a synapse's weight, gradient and change. What is known: frame.known.

import { fmt, fmtTerm, fmtSigned } from '../core/format.js';
import { colourName } from '../render/theme.js';
import { t } from '../core/i18n.js';
import { el } from './controls.js';

const num = (x) => (Number.isInteger(x) ? fmt(x, 0) : fmt(x, 3));
const MAX_TERMS = 8;
const note = (text) => ({ text, cls: 'note' });

function neuronName(sizes, l, i) {
  const K = sizes.length - 1;
  if (l === 0) return `x${i + 1}`;
  if (l === K) return sizes[K] > 1 ? t('ui.tipOutputNumber', { n: i + 1 }) : t('ui.tipOutput');
  return K > 2 ? `h${l}.${i + 1}` : `h${i + 1}`;
}

/** What is under the pointer (`hit`: network.js hitTest) in frame `f`: { title, rows: [{ text, cls? }] }. */
export function describe(hit, f, paletteName) {
  return hit.type === 'neuron' ? describeNeuron(hit, f) : describeSynapse(hit, f, paletteName);
}

function describeNeuron({ l, i }, f) {
  const { sizes, buffers: B, known } = f;
  const K = sizes.length - 1;
  const name = neuronName(sizes, l, i);
  const computed = l < known.lit;
  if (l === 0) {
    const rows = [{ text: computed ? `${name} = ${num(B.a0[i])}` : t('ui.tipNoInput', { name }) }];
    return { title: t('ui.tipInput', { name }), rows: [...rows, note(t('ui.tipInputNote'))] };
  }
  const k = l - 1;
  const title = l === K ? (sizes[K] > 1 ? t('ui.tipOutputNeuronNumber', { n: i + 1 }) : t('ui.tipOutputNeuron')) : t('ui.tipHiddenNeuron', { name });
  const rows = [{ text: `z = Σ w·a${f.bias ? ' + b' : ''}`, cls: 'formula' }];
  if (!computed) return { title, rows: [...rows, note(t('ui.tipNotComputed'))] };
  // The weights this pass used, kept by the core (after training at speed they are gone).
  const w = f.beforeExact ? B[`before${k}`] : null;
  if (w) {
    const [nIn, nOut, a] = [sizes[k], sizes[l], B[`a${k}`]];
    const terms = [];
    for (let j = 0; j < Math.min(nIn, MAX_TERMS); j++) terms.push(`${fmtTerm(w[j * nOut + i], 3)}·${num(a[j])}`);
    let sum = terms.join(' + ');
    if (nIn > MAX_TERMS) sum += ` + … ${t('ui.tipMoreTerms', { n: nIn - MAX_TERMS })}`;
    if (f.bias) sum += ` + ${fmtTerm(B[`biases${k}`][i], 3)}`;
    rows.push({ text: `  = ${sum}`, cls: 'formula' });
    if (f.state.phase === 'update' && !f.state.probing) rows.push(note(t('ui.tipBeforeUpdate')));
  } else {
    rows.push(note(t('ui.tipWeightsChanged')));
  }
  rows.push({ text: `  = ${fmt(B[`z${l}`][i], 3)}`, cls: 'formula strong' });
  rows.push({ text: `a = ${f.activations[k]}(z) = ${fmt(B[`a${l}`][i], 3)}`, cls: 'formula strong' });
  if (known.deltaFrom !== null && l >= known.deltaFrom) rows.push({ text: `δ = ∂E/∂z = ${fmtSigned(B[`delta${l}`][i], 4)}`, cls: 'formula delta' });
  return { title, rows };
}

function describeSynapse({ k, j, i }, f, paletteName) {
  const q = j * f.sizes[k + 1] + i;
  const B = f.buffers;
  const w = B[`weights${k}`][q];
  return {
    title: t('ui.tipSynapse', { from: neuronName(f.sizes, k, j), to: neuronName(f.sizes, k + 1, i) }),
    rows: [
      { text: t('ui.tipWeight', { value: fmtSigned(w, 3) }), cls: `formula strong ${w >= 0 ? 'pos' : 'neg'}` },
      { text: t('ui.tipGradient', { value: fmtSigned(B[`gradWeights${k}`]?.[q], 4) }), cls: 'formula' },
      { text: t('ui.tipChange', { value: fmtSigned(B[`changeWeights${k}`]?.[q], 4) }), cls: 'formula' },
      note(w >= 0 ? t('ui.tipPositive', { colour: colourName(paletteName, 'pos') }) : t('ui.tipNegative', { colour: colourName(paletteName, 'neg') })),
    ],
  };
}

/** Shows `content` (describe()) in the tip element `tip` beside the point x, y, inside a box of boxW × boxH. */
export function showTip(tip, content, x, y, boxW, boxH) {
  const row = (cls, text) => el('div', { class: cls, text });
  tip.replaceChildren(row('ng-tip-title', content.title), ...content.rows.map((r) => row(`ng-tip-row ${r.cls ?? ''}`, r.text)));
  tip.hidden = false;
  const [w, h] = [tip.offsetWidth, tip.offsetHeight];
  tip.style.left = `${x + 16 + w > boxW - 6 ? Math.max(6, x - w - 16) : x + 16}px`;
  tip.style.top = `${y + 16 + h > boxH - 6 ? Math.max(6, y - h - 16) : y + 16}px`;
}
