// The draw section's DOM, wired to the controller `c`: the pad, the "See how it sees" strip
// (strip.js), the 28×28 image the network sees, the answer and the confidence bars, the menus and
// the network drawing; and the frame's reading shown in it, in the words of words.js ("It reads
// 7", "Not sure: 4 or 9?", "That doesn't look like a digit").

import { fixed } from '../../core/format.js';
import { t } from '../../core/i18n.js';
import { linkStylesheet } from '../../core/stylesheet.js';
import { NetworkRenderer } from '../../render/network.js';
import { COLOURS, PALETTES, describePalette, paletteLabel } from '../../render/theme.js';
import { el } from '../../ui/controls.js';
import { DrawPad } from './pad.js';
import { Strip, stripHtml } from './strip.js';
import { readingWords, barsNote, percent } from './words.js';

/** The words while a model loads (a function: the catalogue is not loaded at import). */
export const loading = () => t('draw.loading');
const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);
const setText = (el, text) => el.textContent !== text && (el.textContent = text);

/** Text for the HTML templates, escaped (messages are text, never markup). */
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const h = (key) => escapeHtml(t(key));

/** A raw output as text: "93%" for a probability (softmax), "0.93" otherwise (sigmoid). */
const scoreText = (v, probability) => (!Number.isFinite(v) ? '–' : probability ? percent(v) : fixed(v, 2));

// data-hide: the parts `hide` can leave out (config.js DRAW_PARTS); the colour menu goes with the model's.
const html = (id, heading) => `${heading === false ? '' : `
  <header class="mn-header">
    <h2 class="mn-title"></h2>
    <p class="mn-lede">${h('draw.lede')}</p>
  </header>`}
  <div class="dr-layout">
    <div class="mn-panel dr-drawing">
      <div class="dr-pad" data-part="pad"><p class="dr-invite" data-part="invite" aria-hidden="true">${h('draw.invite')}</p></div>
      <p class="mn-sr" id="${id}-padhelp">${h('draw.padHelp')}</p>
      <div class="dr-toolbar" role="group" aria-label="${h('draw.toolbarLabel')}">
        <button type="button" class="mn-btn" data-act="undo" aria-keyshortcuts="Control+Z" disabled>${h('draw.undo')}</button>
        <button type="button" class="mn-btn" data-act="clear" disabled>${h('draw.clear')}</button>
      </div>${stripHtml(id)}
    </div>
    <div class="mn-panel dr-reading">
      <div class="dr-top">
        <figure class="dr-seen" data-hide="seen">
          <canvas class="dr-seen-canvas" data-part="seen" width="28" height="28" role="img" aria-label="${h('draw.seenLabel')}"></canvas>
          <figcaption>${h('draw.seenCaption')}<span>${h('draw.seenSize')}</span></figcaption>
        </figure>
        <div class="dr-guess"><p class="dr-guess-label" data-part="label">${h('draw.sureLabel')}</p>
          <p class="dr-guess-digit dr-none" data-part="guess">?</p><p class="dr-guess-note" data-part="note"></p></div>
      </div>
      <p class="mn-sr" role="status" aria-live="polite" data-part="status"></p>
      <div class="dr-bars-wrap"><ol class="dr-bars" data-part="bars" aria-label="${h('draw.barsLabel')}" aria-describedby="${id}-barsnote"></ol>
        <p class="dr-bars-note" id="${id}-barsnote" data-part="barsnote"></p></div>
      <div class="dr-model" data-hide="model">
        <span class="dr-pair"><label class="mn-field" for="${id}-model"><span>${h('draw.model')}</span></label><select class="dr-select" id="${id}-model" data-part="model"></select></span>
        <button type="button" class="mn-btn" data-act="latest" hidden>${h('draw.useLatest')}</button>
        <span class="dr-pair"><label class="mn-field" for="${id}-palette"><span>${h('draw.colours')}</span></label><select class="dr-select" id="${id}-palette" data-part="palette">
          ${Object.keys(PALETTES).map((name) => `<option value="${name}">${escapeHtml(paletteLabel(name))}</option>`).join('')}</select></span>
      </div>
      <p class="mn-msg" data-part="msg" aria-live="polite"></p>
    </div>
  </div>
  <section class="mn-panel dr-net-panel" data-hide="network" aria-labelledby="${id}-nh">
    <h3 class="mn-h" id="${id}-nh">${h('draw.insideNetwork')}</h3>
    <div class="mn-net-wrap dr-net-wrap" data-part="net"><div class="mn-tip dr-tip" data-part="tip" hidden></div></div>
    <p class="dr-caption" data-part="caption"></p>
  </section>`;

/** Builds the section into `c.element`: `c.root`, `c.$(part)`, `c.btn(act)` and the widgets. */
export function buildDom(c) {
  // The pieces it shares with the MNIST section are mnist.css's; draw.css holds the drawing's own.
  for (const css of ['../../mnist/mnist.css', '../../draw/draw.css']) linkStylesheet(c.doc, new URL(css, import.meta.url));
  const { heading, hide = [] } = c.options;
  const root = (c.root = el('section', { class: 'mn-root dr-root', ariaLabel: t('draw.title'), innerHTML: html(c.id, heading) }));
  if (heading !== false) root.querySelector('.mn-title').textContent = typeof heading === 'string' ? heading : t('draw.title');
  for (const part of hide) root.querySelector(`[data-hide="${part}"]`).hidden = true;
  c.element.append(root);
  // The parts are looked up once: the pen's path writes to them on every move.
  const found = new Map();
  const find = (selector) => found.get(selector) ?? found.set(selector, root.querySelector(selector)).get(selector);
  c.$ = (part) => find(`[data-part="${part}"]`);
  c.btn = (act) => find(`[data-act="${act}"]`);
  // The pen moved: read at once (the numbers follow the pen), draw on the next frame; announce
  // once the pen is up.
  const ended = () => {
    c.settle = true;
    c.request();
  };
  c.pad = new DrawPad(c.$('pad'), c.pen, {
    label: t('draw.padLabel'), describedBy: `${c.id}-padhelp`, onChange: () => c.penMoved(), onEnd: ended, onFull: () => c.full(),
  });
  c.strip = new Strip(root, c.pad);
  c.net = new NetworkRenderer(c.$('net'), { onResize: () => c.request() });
  c.$('palette').value = c.palette;
  listen(c, root);
}

function listen(c, root) {
  c.btn('undo').addEventListener('click', () => c.undo());
  c.btn('clear').addEventListener('click', () => c.clear());
  c.btn('latest').addEventListener('click', () => c.choose(c.entry?.id));
  c.$('model').addEventListener('change', (e) => c.choose(e.target.value));
  c.$('palette').addEventListener('change', (e) => c.setPalette(e.target.value));
  root.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && e.target.tagName !== 'SELECT') {
      e.preventDefault();
      c.undo();
    }
  });
  const net = c.$('net');
  net.addEventListener('pointermove', (e) => hover(c, e));
  net.addEventListener('pointerdown', (e) => hover(c, e)); // a tap shows the value too (touch has no hover)
  net.addEventListener('pointerleave', () => (c.$('tip').hidden = true));
}

/** The value of the neuron under the pointer (hidden or output), in the tip. */
function hover(c, e) {
  const tip = c.$('tip');
  const r = c.$('net').getBoundingClientRect();
  const hit = c.reader ? c.net.hitTest(e.clientX - r.left, e.clientY - r.top) : null;
  tip.hidden = hit?.type !== 'neuron';
  if (tip.hidden) return;
  const { l, i } = hit;
  const output = l === c.info.sizes.length - 1;
  const v = c.reader.view('a', l)[i];
  const value = l >= c.lit ? t('draw.tipNothing') : output ? scoreText(v, c.probability) : fixed(v, 3);
  tip.textContent = output ? t('draw.tipOutput', { i, value }) : t('draw.tipHidden', { layer: l, neuron: i + 1, value });
  tip.style.left = `${hit.x}px`;
  tip.style.top = `${hit.y - hit.r - 4}px`;
}

/** Shows the reading (c.result, c.seen) in the section; announces it once the drawing settles. */
export function showReading(c) {
  const { reading } = c.result;
  const empty = c.pad.empty;
  const words = reading && readingWords(reading);
  showBars(c.$('bars'), c.info?.sizes.at(-1) ?? 0, reading);
  setText(c.$('barsnote'), reading ? barsNote(reading) : '');
  c.$('invite').hidden = !empty;
  c.btn('undo').disabled = c.btn('clear').disabled = empty;
  setText(c.$('label'), words?.label ?? t('draw.sureLabel'));
  const big = c.$('guess');
  setText(big, words?.big ?? '?');
  big.classList.toggle('dr-none', !words);
  big.classList.toggle('dr-unsure', words?.kind === 'unsure');
  big.classList.toggle('dr-nodigit', words?.kind === 'no-digit');
  setText(c.$('note'), words ? words.note : c.reader ? t('draw.nothingDrawn') : c.error ? t('draw.noModel') : loading());
  if (c.settle && !c.pad.drawing) {
    c.settle = false;
    const said = words ? words.said : t('draw.drawPrompt');
    setText(c.$('status'), c.reader ? said : c.error ?? loading());
  }
}

/** The network drawing's caption (after it was drawn: it says whether only the strongest synapses show). */
export function showCaption(c) {
  if (!c.info) return;
  const capped = c.net.synapseSummary().some((s) => s.shown < s.total);
  const parts = [t('draw.captionIntro'), capped ? t('draw.captionCapped') : '', describePalette(c.palette), t('draw.captionHover', { sizes: c.info.sizes.join('–') })];
  setText(c.$('caption'), parts.filter(Boolean).join(' '));
}

/** Ink values 0..1 into the 28×28 canvas (CSS scales it up), in the network drawing's pixel colours. */
export function showSeen(canvas, pixels) {
  const ctx = canvas.getContext('2d');
  const img = (canvas.img ??= ctx.createImageData(canvas.width, canvas.height));
  const [off, on] = [COLOURS.pixelOff, COLOURS.pixelOn];
  for (let j = 0; j < Math.min(pixels.length, img.data.length / 4); j++) {
    for (let k = 0; k < 3; k++) img.data[4 * j + k] = off[k] + (on[k] - off[k]) * clamp01(pixels[j]);
    img.data[4 * j + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** One bar per output: the calibrated confidence (null reading: nothing drawn), the two likeliest highlighted. */
function showBars(list, n, reading) {
  if (list.children.length !== n) {
    list.innerHTML = Array.from({ length: n }, (_, i) => `<li class="dr-bar"><span class="dr-bar-val">–</span><span class="dr-bar-track"><span class="dr-bar-fill"></span></span><span class="dr-bar-digit">${i}</span></li>`).join('');
    list.bars = [...list.children].map((li) => ({ li, val: li.firstChild, fill: li.querySelector('.dr-bar-fill') }));
  }
  const p = reading?.confidence;
  for (let i = 0; i < n; i++) {
    const { li, val, fill } = list.bars[i];
    setText(val, p ? percent(p[i]) : '–');
    fill.style.transform = `scaleY(${p ? clamp01(p[i]) : 0})`;
    li.classList.toggle('dr-first', !!p && i === reading.first);
    li.classList.toggle('dr-second', !!p && i === reading.second);
  }
}

/** A message under the model menu (an error stands out and is announced). */
export function say(c, text, isError = false) {
  const m = c.$('msg');
  m.textContent = text ?? '';
  m.className = `mn-msg${isError ? ' mn-error mn-banner' : ''}`;
  m.setAttribute('role', isError ? 'alert' : 'note');
}
