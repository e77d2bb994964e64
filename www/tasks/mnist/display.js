// What the MNIST section shows of its worker (`c` is the controller, controller.js): the reports
// (protocol.js EVENTS: loading progress, frames, chart points, evaluations, epochs, divergence,
// errors; each passed on as the section's event of that name) and the drawing of the latest frame,
// with the animation clock of a step kept here. Everything about the network comes from the frame.

import { fmt, fmtInt, percent } from '../../core/format.js';
import { has, t } from '../../core/i18n.js';
import { coreWords } from '../../core/config.js';
import { ANIM_MS } from '../../render/network.js';
import { colourName } from '../../render/theme.js';

const EVAL_VIEW_MS = 1200; // the confusion matrix and gallery follow training at most this often

/** A fraction as a percentage in the page's language (format.js). */
export const pct = (x, d = 1) => percent(x, d);
const cap = (s) => s[0].toUpperCase() + s.slice(1);
/** The palette's colour names in the page's language (theme.js), for messages: pos, posCap, neg. */
const colours = (name) => ({ pos: colourName(name, 'pos'), posCap: cap(colourName(name, 'pos')), neg: colourName(name, 'neg') });
/** Text for markup (messages are plain text). */
export const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A message with some params set apart as elements (e.g. a number in <b>): nodes to append.
 * `marked`: param name → [tag, text].
 */
export function messageNodes(key, params, marked) {
  const names = Object.keys(marked);
  const text = t(key, { ...params, ...Object.fromEntries(names.map((n, i) => [n, `\u0001${i}\u0002`])) });
  return text.split(/\u0001(\d+)\u0002/).map((piece, k) => {
    if (k % 2 === 0) return piece;
    const [tag, content] = marked[names[Number(piece)]];
    return Object.assign(document.createElement(tag), { textContent: content });
  }).filter((n) => n !== '');
}

/**
 * What an error says on the page: the worker's and the page's own errors carry a message key
 * (`i18n: { key, params }`, a param may itself be { key, params }) and are worded here, in the
 * page's language; others say their (English) message, or the core's `detail` when `detail` is set.
 */
export function errorText(e, detail = false) {
  const word = (m) => (m && typeof m === 'object' && typeof m.key === 'string' && has(m.key)
    ? t(m.key, Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, v && typeof v === 'object' ? word(v) ?? '' : v])))
    : null);
  // The core's errors (a code of its own): worded by coreWords (the language's sentence and the detail).
  return word(e?.i18n) ?? (['config', 'data', 'model', 'input', 'diverged'].includes(e?.code) ? coreWords(e) : detail ? e?.detail ?? e?.message : e?.message) ?? String(e);
}
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
    const mb = (n) => fmt(n / 1e6, 1);
    c.$('load-note').textContent = m.total ? t('mnist.loadedOfMb', { loaded: mb(m.loaded), total: mb(m.total) }) : t('mnist.loadedMb', { loaded: mb(m.loaded) });
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
  on('diverged', stopped('diverged', (m) => t('mnist.divergedAlert', { why: m.message ? coreWords({ code: 'diverged', detail: m.message }) : t('mnist.diverged'), reset: t('mnist.reset') })));
  on('error', stopped('error', (m) => t('mnist.trainingStopped', { why: errorText(m) })));
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
  const key = c.dataName === 'MNIST' ? 'mnist.evalSummaryDigits' : 'mnist.evalSummaryImages';
  c.$('eval-summary').replaceChildren(...messageNodes(key, {
    count: ev.count, n: ev.epochs, epochs: fmt(ev.epochs, ev.epochs % 1 === 0 ? 0 : 2), loss: fmt(ev.loss, 3),
  }, { accuracy: ['b', pct(ev.accuracy, 2)] }));
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
    const params = { index: f.probe != null ? f.probe + 1 : s.example + 1, count: s.exampleCount, label: String(f.label ?? '–'), guess: String(f.guess) };
    const says = f.guess === null ? '' : 'Guess';
    setText(c.$('status'), t(f.probe != null ? `mnist.statusTest${says}` : `mnist.statusTraining${says}`, params));
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
  // A layer's name as the subject of a sentence, or after a preposition (German declines them).
  const name = (l, as) => t(`mnist.layer${as}${l === 0 ? 'Input' : l === L ? 'Output' : 'Hidden'}`, { n: l });
  switch (s.phase) {
    case 'present': return t('mnist.phasePresent', { count: sizes[0], step: t('mnist.step') });
    case 'forward': return t('mnist.phaseForward', { to: name(s.layer + 1, 'Subject'), from: name(s.layer, 'Object') });
    case 'error': return t('mnist.phaseError', { label: String(label ?? ''), loss: fmt(s.exampleLoss, 4) });
    case 'backward': return t('mnist.phaseBackward', { from: name(s.layer, 'Object'), to: name(s.layer + 1, 'Object') });
    case 'update': return t('mnist.phaseUpdate');
    default: return '';
  }
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
  const where = (k) => (k === 0 ? t('mnist.synapsesFromInput') : k === L - 1 ? t('mnist.synapsesIntoOutput') : t('mnist.synapsesBetweenHidden', { a: k, b: k + 1 }));
  const list = capped.map((p) => t('mnist.captionPart', { shown: p.shown, total: p.total, where: where(p.layer) })).join(t('mnist.captionJoin'));
  const text = capped.length
    ? t(capped.length < parts.length ? 'mnist.captionShowingSome' : 'mnist.captionShowing', { parts: list })
    : t('mnist.captionAll');
  setText(c.$('caption'), `${text} ${t('mnist.captionColours', colours(c.palette))}`);
}

/** The texts that name the network's size or the palette's colours. */
export function writeNotes(c) {
  const sizes = c.info?.sizes;
  if (!sizes) return;
  const side = Math.round(Math.sqrt(sizes[0]));
  c.$('weights-note').textContent = t('mnist.weightsNote', { count: sizes[0], side, ...colours(c.palette) });
  c.net.canvas.setAttribute('aria-label', t('mnist.networkLabel', { sizes: sizes.join('–'), outputs: sizes.at(-1), ...colours(c.palette) }));
}
