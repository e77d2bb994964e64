// "See how it sees": an optional strip under the pad showing how the drawing became the network's
// input, live, from the Reader's frame (state.steps): (1) the ink's box on the drawing, (2) the ink
// scaled into the 20×20 box, (3) placed in the 28×28 field and moved so its centre of mass sits
// on the centre, (4) the 28×28 the network reads. Each step is a small pixelated canvas with a
// caption; the words (words.js) carry the same numbers. Open or closed is remembered for the
// browser session. Closed, it costs nothing per reading.

import { t } from '../../core/i18n.js';
import { COLOURS } from '../../render/theme.js';
import { stepsWords } from './words.js';

const KEY = 'neuroglow.draw.steps'; // sessionStorage: '1' open, '0' closed
const SIZE = 112; // each step canvas's backing store (CSS scales it)
const rgb = ([r, g, b], alpha = 1) => `rgba(${r}, ${g}, ${b}, ${alpha})`;
const [BOX, RING, CROSS] = [rgb(COLOURS.violet), rgb(COLOURS.warm), rgb(COLOURS.flash)];

/** Text for the HTML templates, escaped (messages are text, never markup). */
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const h = (key) => escapeHtml(t(key));

/** The strip's HTML: a disclosure button and the region it opens (`id`: the section's). */
export const stripHtml = (id) => `
      <div class="dr-steps-wrap" data-hide="steps">
        <button type="button" class="mn-btn dr-steps-toggle" data-act="steps" aria-expanded="false" aria-controls="${id}-steps">${h('draw.stepsButton')}</button>
        <div class="dr-steps" id="${id}-steps" role="group" aria-label="${h('draw.stepsLabel')}" hidden>
          <p class="dr-steps-empty">${h('draw.stepsEmpty')}</p>
          <ol class="dr-steps-list">${'<li class="dr-step"><canvas class="dr-step-canvas" role="img"></canvas><p class="dr-step-cap"><span class="dr-step-title"></span> <span class="dr-step-detail"></span></p></li>'.repeat(4)}</ol>
          <p class="dr-steps-legend">${h('draw.stepsLegend')}</p>
        </div>
      </div>`;

function remembered() {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false; // storage refused (a sandboxed frame): closed
  }
}

function remember(open) {
  try {
    sessionStorage.setItem(KEY, open ? '1' : '0');
  } catch {
    // not remembered; the strip still works
  }
}

const setText = (node, text) => node.textContent !== text && (node.textContent = text);

export class Strip {
  /** `root`: the section (holding stripHtml); `pad`: the drawing pad (its visible canvas is step 1's picture). */
  constructor(root, pad) {
    this.pad = pad;
    this.button = root.querySelector('[data-act="steps"]');
    this.region = root.querySelector('.dr-steps');
    this.empty = root.querySelector('.dr-steps-empty');
    this.list = root.querySelector('.dr-steps-list');
    this.legend = root.querySelector('.dr-steps-legend');
    this.steps = [...root.querySelectorAll('.dr-step')].map((li) => {
      const canvas = li.querySelector('canvas');
      Object.assign(canvas, { width: SIZE, height: SIZE });
      return { canvas, ctx: canvas.getContext('2d'), title: li.querySelector('.dr-step-title'), detail: li.querySelector('.dr-step-detail') };
    });
    this.scratch = document.createElement('canvas');
    this.images = new Map(); // ImageData per size, reused
    this.last = [null, null];
    this.button.addEventListener('click', () => this.toggle());
    this.setOpen(remembered());
  }

  toggle() {
    this.setOpen(!this.open);
    remember(this.open);
  }

  setOpen(open) {
    this.open = open;
    this.button.setAttribute('aria-expanded', String(open));
    this.region.hidden = !open;
    if (open) this.show(...this.last);
  }

  /** Shows a reading's steps (`reading`: the frame's state or null; `seen`: the 28×28 input). */
  show(reading, seen) {
    this.last = [reading, seen];
    if (!this.open) return;
    const s = reading?.steps ?? null;
    this.empty.hidden = !!s;
    this.list.hidden = this.legend.hidden = !s;
    if (!s) return;
    stepsWords(s).forEach(({ title, detail, label }, i) => {
      const step = this.steps[i];
      setText(step.title, title);
      setText(step.detail, detail);
      if (step.canvas.getAttribute('aria-label') !== label) step.canvas.setAttribute('aria-label', label);
    });
    this.drawBox(this.steps[0].ctx, s);
    this.drawSmall(this.steps[1].ctx, s);
    this.drawField(this.steps[2].ctx, s, seen, true);
    this.drawField(this.steps[3].ctx, s, seen, false);
  }

  /** Step 1: the drawing (the visible pad, shrunk) with the ink's box outlined. */
  drawBox(ctx, s) {
    const k = SIZE / s.width;
    const [x0, y0, x1, y1] = s.bounds;
    ctx.fillStyle = rgb(COLOURS.pixelOff);
    ctx.fillRect(0, 0, SIZE, SIZE);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.pad.canvas, 0, 0, SIZE, (SIZE * s.height) / s.width);
    ctx.strokeStyle = BOX;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 * k - 1, y0 * k - 1, (x1 - x0) * k + 2, (y1 - y0) * k + 2);
  }

  /** Step 2: the small image in the box, centred. */
  drawSmall(ctx, s) {
    const cell = SIZE / s.boxSide;
    ctx.fillStyle = rgb(COLOURS.pixelOff);
    ctx.fillRect(0, 0, SIZE, SIZE);
    const [ox, oy] = [((s.boxSide - s.smallWidth) / 2) * cell, ((s.boxSide - s.smallHeight) / 2) * cell];
    this.pixels(ctx, s.small, s.smallWidth, s.smallHeight, ox, oy, cell);
    ctx.strokeStyle = BOX;
    ctx.lineWidth = 2;
    ctx.strokeRect(ox, oy, s.smallWidth * cell, s.smallHeight * cell);
  }

  /** Steps 3 and 4: the field the network reads; with `marks`, where plain centring would have put the ink (dashed), where it is, its centre of mass (ring) and the field's centre (cross). */
  drawField(ctx, s, seen, marks) {
    const cell = SIZE / s.field;
    this.pixels(ctx, seen, s.field, s.field, 0, 0, cell);
    if (!marks) return;
    const [sx, sy] = s.shift;
    const [w, h] = [s.smallWidth * cell, s.smallHeight * cell];
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = rgb(COLOURS.violet, 0.7);
    ctx.setLineDash([3, 3]);
    ctx.strokeRect((sx - s.moved[0]) * cell, (sy - s.moved[1]) * cell, w, h);
    ctx.setLineDash([]);
    ctx.strokeStyle = BOX;
    ctx.strokeRect(sx * cell, sy * cell, w, h);
    // Pixel i's centre is at i + ½ cell (the core's pixel-index coordinates).
    const at = (v) => (v + 0.5) * cell;
    const c = at(s.field / 2);
    ctx.strokeStyle = CROSS;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(c - 9, c);
    ctx.lineTo(c + 9, c);
    ctx.moveTo(c, c - 9);
    ctx.lineTo(c, c + 9);
    ctx.stroke();
    ctx.strokeStyle = RING;
    ctx.beginPath();
    ctx.arc(at(sx + s.centreOfMass[0]), at(sy + s.centreOfMass[1]), 6, 0, 2 * Math.PI);
    ctx.stroke();
  }

  /** Ink values 0..1 (w × h, row-major) drawn as cells of `cell` px from (x, y), pixelated. */
  pixels(ctx, values, w, h, x, y, cell) {
    const key = w * 64 + h;
    let img = this.images.get(key);
    if (!img) this.images.set(key, (img = new ImageData(w, h)));
    const [off, on] = [COLOURS.pixelOff, COLOURS.pixelOn];
    for (let j = 0; j < w * h; j++) {
      const v = Math.min(1, Math.max(0, values[j]));
      for (let k = 0; k < 3; k++) img.data[4 * j + k] = off[k] + (on[k] - off[k]) * v;
      img.data[4 * j + 3] = 255;
    }
    if (this.scratch.width < w || this.scratch.height < h) Object.assign(this.scratch, { width: Math.max(w, 32), height: Math.max(h, 32) });
    this.scratch.getContext('2d').putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.scratch, 0, 0, w, h, x, y, w * cell, h * cell);
  }
}
