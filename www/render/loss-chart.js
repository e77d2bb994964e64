// The average error per cycle on a log-scaled cycle axis (so the early drop is visible).
// Reads the `history` view fresh on each draw; history past the current cycle (after a rewind)
// is the rewound-over future and is drawn dimmed.

import { fmt, fmtCompact } from '../core/format.js';
import { CanvasFit } from './canvas-fit.js';

const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export class LossChart {
  constructor(wrap, canvas, onResize) {
    this.wrap = wrap;
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.key = '';
    this.fit = new CanvasFit(wrap, canvas, () => {
      this.key = '';
      onResize();
    });
  }

  destroy() {
    this.fit.destroy();
  }

  /** Redraws when the history, the current cycle or the size changed. */
  draw(pg, cycle, generation) {
    const hist = pg.view('history', 0);
    const n = hist.length;
    const key = `${generation}:${n}:${cycle}:${this.fit.w}x${this.fit.h}:${n ? hist[n - 1] : ''}`;
    if (key === this.key) return;
    this.key = key;

    const ctx = this.ctx;
    const { w, h } = this.fit;
    ctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const x0 = 46;
    const x1 = w - 12;
    const y0 = 14;
    const y1 = h - 26;
    const plotW = Math.max(10, x1 - x0);

    let top = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(hist[i]) && hist[i] > top) top = hist[i];
    top = niceCeil(top || 0.25);
    const logMax = Math.log10(Math.max(10, n));
    const xOf = (c) => x0 + (plotW * Math.log10(Math.max(1, c))) / logMax;
    const yOf = (v) => y1 - ((y1 - y0) * Math.min(v, top)) / top;

    // Grid and axes.
    ctx.font = `11px ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 1;
    for (let q = 0; q <= 4; q++) {
      const v = (top * q) / 4;
      const y = Math.round(yOf(v)) + 0.5;
      ctx.strokeStyle = q === 0 ? 'rgba(140,160,210,0.35)' : 'rgba(140,160,210,0.1)';
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      ctx.stroke();
      ctx.fillStyle = '#6f7fa8';
      ctx.textAlign = 'right';
      ctx.fillText(fmt(v, top < 0.1 ? 3 : 2), x0 - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let p = 0; p <= Math.ceil(logMax); p++) {
      const c = Math.pow(10, p);
      if (c > Math.max(10, n) * 1.001) break;
      const x = Math.round(xOf(c)) + 0.5;
      ctx.strokeStyle = 'rgba(140,160,210,0.1)';
      ctx.beginPath();
      ctx.moveTo(x, y0);
      ctx.lineTo(x, y1);
      ctx.stroke();
      ctx.fillStyle = '#6f7fa8';
      ctx.fillText(fmtCompact(c), x, y1 + 7);
    }

    if (n === 0) {
      ctx.fillStyle = '#8a9bc4';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = `13px ${FONT}`;
      ctx.fillText('No cycle completed yet', (x0 + x1) / 2, (y0 + y1) / 2);
      return;
    }

    const past = Math.min(cycle, n);
    // Area under the past curve.
    if (past > 0) {
      const pts = this.points(hist, 0, past, xOf, yOf, x0, plotW, logMax);
      const grad = ctx.createLinearGradient(0, y0, 0, y1);
      grad.addColorStop(0, 'rgba(255,184,77,0.28)');
      grad.addColorStop(1, 'rgba(255,184,77,0)');
      ctx.beginPath();
      ctx.moveTo(pts[0][0], y1);
      for (const [x, y] of pts) ctx.lineTo(x, y);
      ctx.lineTo(pts[pts.length - 1][0], y1);
      ctx.closePath();
      ctx.fillStyle = grad;
      ctx.fill();
      this.stroke(pts, 'rgba(255,196,110,0.95)', 1.75);
    }
    if (n > past) {
      const pts = this.points(hist, Math.max(0, past - 1), n, xOf, yOf, x0, plotW, logMax);
      ctx.setLineDash([3, 3]);
      this.stroke(pts, 'rgba(150,165,205,0.35)', 1.25);
      ctx.setLineDash([]);
    }
    if (past > 0 && Number.isFinite(hist[past - 1])) {
      const x = xOf(past);
      const y = yOf(hist[past - 1]);
      ctx.fillStyle = '#ffd9a0';
      ctx.beginPath();
      ctx.arc(x, y, 3.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.font = `600 12px ${FONT}`;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'right';
      ctx.fillStyle = '#ffd9a0';
      ctx.fillText(`${fmt(hist[past - 1], 4)} at cycle ${past.toLocaleString('en-US')}`, x1 - 4, y0 + 4);
    }
  }

  /** The curve as points, one or two per pixel column (min and max of the cycles in it). */
  points(hist, from, to, xOf, yOf, x0, plotW, logMax) {
    const pts = [];
    let i = from;
    while (i < to) {
      const px = Math.floor(xOf(i + 1));
      const cEnd = Math.min(to, Math.floor(Math.pow(10, ((px + 1 - x0) / plotW) * logMax)));
      let mn = Infinity;
      let mx = -Infinity;
      const end = Math.max(i + 1, cEnd);
      for (let m = i; m < end; m++) {
        const v = hist[m];
        if (!Number.isFinite(v)) continue;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (mn !== Infinity) {
        if (end - i === 1) pts.push([xOf(i + 1), yOf(mn)]);
        else {
          pts.push([px + 0.5, yOf(mx)]);
          if (mx !== mn) pts.push([px + 0.5, yOf(mn)]);
        }
      }
      i = end;
    }
    return pts.length ? pts : [[x0, yOf(0)]];
  }

  stroke(pts, color, width) {
    const ctx = this.ctx;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    pts.forEach(([x, y], k) => (k ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.stroke();
  }
}

function niceCeil(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
