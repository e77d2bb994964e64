// The draw-a-digit section's DOM: the pad with Undo and Clear, the 28×28 image the network sees,
// the guess and its bars, the model menu and the network drawing with its hover tip, wired to
// the controller (controller.js) `c`.

import { linkStylesheet } from '../../core/stylesheet.js';
import { pageModels } from '../../core/models-on-page.js';
import { MnistNetworkView } from '../../mnist/network-view.js';
import { DrawPad } from './pad.js';
import { ScoreBars, scoreText } from './bars.js';
import { SeenImage } from './seen.js';
import { PRETRAINED } from './models.js';

/** The parts `hide` can leave out (the pad, its buttons, the guess and the bars always show). */
export const PARTS = { seen: '.dr-seen', model: '.dr-model', network: '.dr-net-panel' };

// The shared pieces are the MNIST section's (mnist.css); draw.css holds the drawing's own.
export function ensureStyles(doc) {
  linkStylesheet(doc, new URL('../../mnist/mnist.css', import.meta.url));
  linkStylesheet(doc, new URL('../../draw/draw.css', import.meta.url));
}

function sectionHtml(id, h) {
  return `
      ${h === false ? '' : `<header class="mn-header">
        <h2 class="mn-title"></h2>
        <p class="mn-lede">Write a digit with your mouse, finger or pen. The trained network reads it the way it read the MNIST digits: shrunk to 28×28 pixels, centred, then passed through its neurons.</p>
      </header>`}
      <div class="dr-layout">
        <div class="mn-panel dr-drawing">
          <div class="dr-pad" data-part="pad">
            <p class="dr-invite" data-part="invite" aria-hidden="true">Draw a digit here</p>
          </div>
          <p class="mn-sr" id="${id}-padhelp">Drawing needs a mouse, a finger or a pen. The network's guess is announced when you lift it.</p>
          <div class="dr-toolbar" role="group" aria-label="Drawing">
            <button type="button" class="mn-btn" data-act="undo" aria-keyshortcuts="Control+Z" disabled>Undo</button>
            <button type="button" class="mn-btn" data-act="clear" disabled>Clear</button>
          </div>
        </div>
        <div class="mn-panel dr-reading">
          <div class="dr-top">
            <figure class="dr-seen" data-part="seen">
              <figcaption>What the network sees<span>28 × 28 pixels</span></figcaption>
            </figure>
            <div class="dr-guess">
              <p class="dr-guess-label">It reads</p>
              <p class="dr-guess-digit" data-part="guess">?</p>
              <p class="dr-guess-note" data-part="note"></p>
            </div>
          </div>
          <p class="mn-sr" role="status" aria-live="polite" data-part="status"></p>
          <div class="dr-bars-wrap" data-part="bars"></div>
          <div class="dr-model">
            <label class="mn-field" for="${id}-model"><span>Model</span></label>
            <select class="dr-select" id="${id}-model" data-part="model"></select>
            <button type="button" class="mn-btn" data-act="latest" hidden>Use latest</button>
          </div>
          <p class="mn-msg" data-part="msg" aria-live="polite"></p>
        </div>
      </div>
      <section class="mn-panel dr-net-panel" aria-labelledby="${id}-nh">
        <h3 class="mn-h" id="${id}-nh">Inside the network</h3>
        <div class="mn-net-wrap dr-net-wrap" data-part="net">
          <div class="mn-tip dr-tip" data-part="tip" hidden></div>
        </div>
        <p class="dr-caption" data-part="caption"></p>
      </section>`;
}

/** Builds the section into `c.element`: `c.root`, `c.$(part)`, `c.btn(act)` and the widgets. */
export function buildDom(c) {
  const root = c.doc.createElement('section');
  root.className = 'mn-root dr-root';
  root.setAttribute('aria-label', 'Draw a digit');
  const h = c.options.heading;
  root.innerHTML = sectionHtml(c.id, h);
  if (h !== false) root.querySelector('.mn-title').textContent = typeof h === 'string' ? h : 'Draw a digit';
  for (const part of c.options.hide ?? []) root.querySelector(PARTS[part]).hidden = true;
  c.root = root;
  c.element.append(root);
  c.$ = (part) => root.querySelector(`[data-part="${part}"]`);
  c.btn = (act) => root.querySelector(`[data-act="${act}"]`);

  c.pad = new DrawPad(c.$('pad'), {
    label: 'Drawing pad: draw a digit from 0 to 9',
    describedBy: `${c.id}-padhelp`,
    onChange: () => {
      c.stale = true;
      c.request();
    },
    onEnd: () => {
      c.stale = true;
      c.settle = true;
      c.request();
    },
  });
  c.seenView = new SeenImage(c.$('seen'));
  c.bars = new ScoreBars(c.$('bars'), 'Score for each digit');
  c.net = new MnistNetworkView(c.$('net'), () => c.request());
  listen(c, root);
}

function listen(c, root) {
  c.btn('undo').addEventListener('click', () => c.undo());
  c.btn('clear').addEventListener('click', () => c.clear());
  c.btn('latest').addEventListener('click', () => c.choose(c.entry?.id));
  c.$('model').addEventListener('change', (e) => c.choose(e.target.value));
  root.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && e.target.tagName !== 'SELECT') {
      e.preventDefault();
      c.undo();
    }
  });
  const net = c.$('net');
  const onHover = (e) => hover(c, e);
  net.addEventListener('pointermove', onHover);
  // A tap shows the value too (touch has no hover).
  net.addEventListener('pointerdown', onHover);
  net.addEventListener('pointerleave', () => {
    c.$('tip').hidden = true;
  });
}

/** The value of the neuron under the pointer, in the tip. */
function hover(c, e) {
  const tip = c.$('tip');
  const f = c.frame;
  const r = c.$('net').getBoundingClientRect();
  const hit = c.net.neuronAt(e.clientX - r.left, e.clientY - r.top);
  if (!hit || !f) {
    tip.hidden = true;
    return;
  }
  const L = c.info.sizes.length - 1;
  const v = f.buffers[`a${hit.layer}`][hit.index];
  const value = f.blank ? 'nothing drawn yet' : hit.layer === L ? scoreText(v, c.probability) : v.toFixed(3);
  tip.textContent = hit.layer === L
    ? `Output ${hit.index}: ${value}`
    : `Hidden layer ${hit.layer}, neuron ${hit.index + 1}: ${value}`;
  tip.style.left = `${hit.x}px`;
  tip.style.top = `${hit.y - hit.r - 4}px`;
  tip.hidden = false;
}

/** The model menu: the pretrained models, those another section offers, and "your model". */
export function listModels(c) {
  const sel = c.$('model');
  const offered = pageModels(c.doc);
  if (c.entry && !offered.includes(c.entry)) {
    // The section that offered it is gone; its network stays in use as "your model".
    c.setEpochWatch(null);
    c.model = 'custom';
    c.modelLabel = 'Your model';
  }
  const opts = Object.entries(PRETRAINED).map(([v, t]) => [v, t]);
  for (const e of offered) opts.push([e.id, e.name]);
  if (c.model === 'custom') opts.push(['custom', c.modelLabel]);
  sel.textContent = '';
  for (const [v, t] of opts) {
    const o = c.doc.createElement('option');
    o.value = v;
    o.textContent = t;
    sel.append(o);
  }
  sel.value = c.modelValue();
  c.btn('latest').hidden = !c.entry;
}

/** A message under the model menu (an error stands out and is announced). */
export function say(c, text, isError = false) {
  const m = c.$('msg');
  m.textContent = text ?? '';
  m.classList.toggle('mn-error', !!isError);
  m.classList.toggle('mn-banner', !!isError);
  m.setAttribute('role', isError ? 'alert' : 'note');
}
