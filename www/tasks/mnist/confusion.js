// The confusion matrix (rows: true class, columns: the network's guess) as a heat map with counts,
// right in the palette's positive colour and wrong in its negative one, and per-class accuracy
// bars, from the worker's evaluation. Off-diagonal cells are buttons: picking one filters the
// gallery of mistakes to that confusion. Many classes (own data) are drawn on a canvas instead.

import { fmtInt } from '../../core/format.js';
import { t as msg } from '../../core/i18n.js';
import { palette, rgba } from '../../render/theme.js';
import { esc, pct } from './display.js';

const TABLE_UP_TO = 20;

export class ConfusionView {
  constructor(matrixWrap, barsWrap, onPick) {
    Object.assign(this, { matrixWrap, barsWrap, selected: null, classes: 0, pal: palette() });
    matrixWrap.addEventListener('click', (e) => {
      const b = e.target.closest('button[aria-pressed]');
      if (!b) return;
      const [t, g] = [Number(b.dataset.t), Number(b.dataset.g)];
      const same = this.selected?.t === t && this.selected?.g === g;
      this.select(same ? null : { t, g, count: this.ev.confusion[t * this.classes + g] });
      onPick(this.selected);
    });
  }

  setPalette(name) {
    this.pal = palette(name);
    if (this.ev) this.update(this.ev);
  }

  select(cell) {
    this.selected = cell;
    for (const b of this.matrixWrap.querySelectorAll('button[aria-pressed]')) {
      b.setAttribute('aria-pressed', String(!!cell && Number(b.dataset.t) === cell.t && Number(b.dataset.g) === cell.g));
    }
  }

  update(ev) {
    this.ev = ev;
    const k = ev.classes;
    if (k !== this.classes) this.build(k);
    let [diagMax, offMax] = [0, 0];
    ev.confusion.forEach((c, q) => {
      if (q % (k + 1) === 0) diagMax = Math.max(diagMax, c);
      else offMax = Math.max(offMax, c);
    });
    // Right ones by share of the best; mistakes by √, so rare ones still show.
    const strength = (c, right) => (right ? (diagMax ? c / diagMax : 0) : offMax ? Math.sqrt(c / offMax) : 0);
    const colour = (c, right) => (right ? rgba(this.pal.pos, 0.08 + 0.55 * strength(c, true)) : rgba(this.pal.neg, 0.9 * strength(c, false)));
    if (k > TABLE_UP_TO) this.drawCanvas(ev.confusion, k, strength);
    else {
      this.cells.forEach((td, q) => {
        const [t, g, c] = [Math.floor(q / k), q % k, ev.confusion[q]];
        td.style.background = c === 0 ? '' : colour(c, t === g);
        td.classList.toggle('mn-zero', c === 0);
        const b = td.firstChild;
        b.textContent = c === 0 ? '' : fmtInt(c);
        b.setAttribute('aria-label', msg(t === g ? 'mnist.cellRight' : 'mnist.cellWrong', { count: c, t: String(t), g: String(g) }));
        if (t !== g) b.disabled = c === 0;
      });
    }
    this.bars.forEach((li, i) => {
      const v = ev.perClass[i];
      const fill = li.querySelector('.mn-bar-fill');
      fill.style.width = `${Number.isFinite(v) ? (v * 100).toFixed(1) : 0}%`;
      fill.classList.toggle('mn-weak', v < ev.accuracy - 0.02);
      li.querySelector('.mn-bar-value').textContent = pct(v);
      li.setAttribute('aria-label', Number.isFinite(v) ? msg('mnist.barLabel', { i: String(i), accuracy: pct(v) }) : msg('mnist.barNoTest', { i: String(i) }));
    });
  }

  /** The matrix (a table of buttons, or a canvas for many classes) and the bars for k classes. */
  build(k) {
    this.classes = k;
    const n = [...Array(k).keys()];
    const cell = (t, g) => (t === g
      ? `<td class="mn-diag"><button type="button" class="mn-cell-static" tabindex="-1" data-t="${t}" data-g="${g}"></button></td>`
      : `<td class="mn-off"><button type="button" aria-pressed="false" data-t="${t}" data-g="${g}"></button></td>`);
    this.matrixWrap.innerHTML = k > TABLE_UP_TO
      ? `<canvas class="mn-confusion-canvas" role="img" aria-label="${esc(msg('mnist.confusionCanvas', { k }))}"></canvas>`
      : `<table class="mn-confusion"><caption class="mn-sr">${esc(msg('mnist.confusionCaption'))}</caption>
        <thead><tr><th><span class="mn-axis-t">${esc(msg('mnist.axisTrue'))}</span><span class="mn-axis-g">${esc(msg('mnist.axisGuess'))}</span></th>${n.map((g) => `<th scope="col">${g}</th>`).join('')}</tr></thead>
        <tbody>${n.map((t) => `<tr><th scope="row">${t}</th>${n.map((g) => cell(t, g)).join('')}</tr>`).join('')}</tbody></table>`;
    this.cells = [...this.matrixWrap.querySelectorAll('td')];
    this.select(this.selected);
    this.barsWrap.innerHTML = `<ul class="mn-bars${k > TABLE_UP_TO ? ' mn-bars-dense' : ''}">${n.map((i) => `<li><span class="mn-bar-label">${i}</span><span class="mn-bar-track"><span class="mn-bar-fill"></span></span><span class="mn-bar-value"></span></li>`).join('')}</ul>`;
    this.bars = [...this.barsWrap.querySelectorAll('li')];
  }

  drawCanvas(conf, k, strength) {
    const canvas = this.matrixWrap.firstChild;
    const size = Math.min(360, this.matrixWrap.getBoundingClientRect().width || 360);
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    Object.assign(canvas, { width: Math.round(size * dpr), height: Math.round(size * dpr) });
    Object.assign(canvas.style, { width: `${size}px`, height: `${size}px` });
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#0a1020';
    ctx.fillRect(0, 0, size, size);
    const side = size / k;
    conf.forEach((v, q) => {
      const [t, g] = [Math.floor(q / k), q % k];
      if (!v) return;
      ctx.fillStyle = rgba(t === g ? this.pal.pos : this.pal.neg, 0.15 + 0.85 * strength(v, t === g));
      ctx.fillRect(g * side, t * side, Math.max(1, side - 0.5), Math.max(1, side - 0.5));
    });
  }
}
