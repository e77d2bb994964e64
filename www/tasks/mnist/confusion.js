// The confusion matrix (rows: true class, columns: the network's guess) as a heat map with
// counts, and per-class accuracy bars, from the worker's evaluation. Off-diagonal cells are
// buttons: picking one filters the gallery of mistakes to that confusion.

import { fmtInt } from '../../core/format.js';

const TABLE_UP_TO = 20; // classes drawn as an HTML table (with counts); more as a canvas

export class ConfusionView {
  constructor(matrixWrap, barsWrap, onPick) {
    this.matrixWrap = matrixWrap;
    this.barsWrap = barsWrap;
    this.onPick = onPick;
    this.selected = null;
    this.classes = 0;
  }

  destroy() {
    this.matrixWrap.replaceChildren();
    this.barsWrap.replaceChildren();
  }

  select(cell) {
    this.selected = cell;
    for (const b of this.matrixWrap.querySelectorAll('button[data-t]:not(.mn-cell-static)')) {
      const on = cell && Number(b.dataset.t) === cell.t && Number(b.dataset.g) === cell.g;
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }

  update(ev) {
    const k = ev.classes;
    const conf = ev.confusion;
    this.conf = conf;
    if (k !== this.classes) {
      this.classes = k;
      this.build(k);
    }
    let offMax = 0;
    let diagMax = 0;
    for (let t = 0; t < k; t++) {
      for (let g = 0; g < k; g++) {
        const c = conf[t * k + g];
        if (t === g) diagMax = Math.max(diagMax, c);
        else offMax = Math.max(offMax, c);
      }
    }
    if (k <= TABLE_UP_TO) {
      for (let t = 0; t < k; t++) {
        for (let g = 0; g < k; g++) {
          const c = conf[t * k + g];
          const cell = this.cells[t * k + g];
          const m = t === g ? (diagMax ? c / diagMax : 0) : offMax ? Math.sqrt(c / offMax) : 0;
          cell.style.setProperty('--m', m.toFixed(3));
          cell.classList.toggle('mn-zero', c === 0);
          const btn = cell.firstChild;
          btn.textContent = c === 0 ? '' : fmtInt(c);
          const what = t === g ? 'recognised correctly' : `taken for a ${g}`;
          btn.setAttribute('aria-label', `${fmtInt(c)} test images of a ${t} ${what}`);
          if (t !== g) btn.disabled = c === 0;
        }
      }
    } else {
      this.drawCanvas(k, conf, diagMax, offMax);
    }
    this.updateBars(ev);
  }

  build(k) {
    this.matrixWrap.replaceChildren();
    this.cells = [];
    if (k > TABLE_UP_TO) {
      this.canvas = document.createElement('canvas');
      this.canvas.className = 'mn-confusion-canvas';
      this.canvas.setAttribute('role', 'img');
      this.canvas.setAttribute('aria-label', `Confusion matrix of ${k} classes (rows: true class, columns: guess)`);
      this.matrixWrap.append(this.canvas);
      return;
    }
    this.matrixWrap.append(this.makeTable(k));
    this.select(this.selected);
  }

  /** The k×k table of cells (buttons that pick the mistakes of one confusion). */
  makeTable(k) {
    const table = document.createElement('table');
    table.className = 'mn-confusion';
    const cap = document.createElement('caption');
    cap.className = 'mn-sr';
    cap.textContent = 'Confusion matrix: rows are the true digit, columns the network’s guess';
    table.append(cap);
    const head = document.createElement('tr');
    const corner = document.createElement('th');
    corner.innerHTML = '<span class="mn-axis-t">true</span><span class="mn-axis-g">guess</span>';
    head.append(corner);
    for (let g = 0; g < k; g++) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = String(g);
      head.append(th);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    for (let t = 0; t < k; t++) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = String(t);
      tr.append(th);
      for (let g = 0; g < k; g++) {
        const td = document.createElement('td');
        td.className = t === g ? 'mn-diag' : 'mn-off';
        td.append(this.cellButton(t, g));
        tr.append(td);
        this.cells.push(td);
      }
      tbody.append(tr);
    }
    table.append(thead, tbody);
    return table;
  }

  cellButton(t, g) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.t = String(t);
    b.dataset.g = String(g);
    if (t === g) {
      b.tabIndex = -1;
      b.className = 'mn-cell-static';
    } else {
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', () => {
        const same = this.selected && this.selected.t === t && this.selected.g === g;
        const cell = same ? null : { t, g, count: this.conf?.[t * this.classes + g] ?? 0 };
        this.select(cell);
        this.onPick(cell);
      });
    }
    return b;
  }

  drawCanvas(k, conf, diagMax, offMax) {
    const size = Math.min(360, this.matrixWrap.getBoundingClientRect().width || 360);
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const c = this.canvas;
    c.width = Math.round(size * dpr);
    c.height = Math.round(size * dpr);
    c.style.width = `${size}px`;
    c.style.height = `${size}px`;
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#0a1020';
    ctx.fillRect(0, 0, size, size);
    const cell = size / k;
    for (let t = 0; t < k; t++) {
      for (let g = 0; g < k; g++) {
        const v = conf[t * k + g];
        if (!v) continue;
        const m = t === g ? v / (diagMax || 1) : Math.sqrt(v / (offMax || 1));
        ctx.fillStyle = t === g ? `rgba(74,222,128,${(0.15 + 0.85 * m).toFixed(3)})` : `rgba(248,81,103,${(0.15 + 0.85 * m).toFixed(3)})`;
        ctx.fillRect(g * cell, t * cell, Math.max(1, cell - 0.5), Math.max(1, cell - 0.5));
      }
    }
  }

  updateBars(ev) {
    const k = ev.classes;
    if (!this.bars || this.bars.length !== k) {
      this.barsWrap.replaceChildren();
      const list = document.createElement('ul');
      list.className = 'mn-bars';
      if (k > TABLE_UP_TO) list.classList.add('mn-bars-dense');
      this.bars = [];
      for (let i = 0; i < k; i++) {
        const li = document.createElement('li');
        li.innerHTML = '<span class="mn-bar-label"></span><span class="mn-bar-track"><span class="mn-bar-fill"></span></span><span class="mn-bar-value"></span>';
        li.querySelector('.mn-bar-label').textContent = String(i);
        list.append(li);
        this.bars.push(li);
      }
      this.barsWrap.append(list);
    }
    const per = ev.perClass;
    for (let i = 0; i < k; i++) {
      const v = per[i];
      const li = this.bars[i];
      const ok = Number.isFinite(v);
      li.querySelector('.mn-bar-fill').style.width = `${ok ? (v * 100).toFixed(1) : 0}%`;
      li.querySelector('.mn-bar-fill').classList.toggle('mn-weak', ok && v < ev.accuracy - 0.02);
      li.querySelector('.mn-bar-value').textContent = ok ? `${(v * 100).toFixed(1)}%` : '–';
      li.setAttribute('aria-label', `class ${i}: ${ok ? `${(v * 100).toFixed(1)}% correct` : 'no test images'}`);
    }
  }
}
