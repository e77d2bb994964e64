// Small live line charts: x is epochs (examples seen ÷ training set size), y a metric the
// worker reported. Long series are drawn as a per-pixel-column min/max envelope so the chart
// costs the same however long training runs.

import { CanvasFit } from '../../render/canvas-fit.js';

const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MONO = 'ui-monospace, "SF Mono", Menlo, Consolas, monospace';

function niceStep(range, ticks) {
  const raw = range / Math.max(1, ticks);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

export class LineChart {
  /**
   * @param {HTMLElement} wrap
   * @param {{ label: string, yMin?: number, yMax?: number|null, format: (y:number)=>string,
   *   series: {key:string, label:string, colour:string, dots?:boolean}[] }} opts
   */
  constructor(wrap, opts, onResize = () => {}) {
    this.wrap = wrap;
    this.opts = opts;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'mn-chart-canvas';
    this.canvas.setAttribute('role', 'img');
    wrap.append(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.data = new Map(opts.series.map((s) => [s.key, { xs: [], ys: [] }]));
    this.dirty = true;
    this.fit = new CanvasFit(wrap, this.canvas, () => {
      this.dirty = true;
      onResize();
    }, 2);
    this.describe();
  }

  destroy() {
    this.fit.destroy();
    this.canvas.remove();
  }

  clear() {
    for (const d of this.data.values()) {
      d.xs.length = 0;
      d.ys.length = 0;
    }
    this.dirty = true;
    this.describe();
  }

  add(key, x, y) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const d = this.data.get(key);
    // Time only moves forward; a point behind the last one replaces the tail (a reload).
    while (d.xs.length && d.xs[d.xs.length - 1] > x) {
      d.xs.pop();
      d.ys.pop();
    }
    d.xs.push(x);
    d.ys.push(y);
    this.dirty = true;
  }

  last(key) {
    const d = this.data.get(key);
    return d.ys.length ? d.ys[d.ys.length - 1] : null;
  }

  describe() {
    const parts = this.opts.series.map((s) => {
      const v = this.last(s.key);
      return `${s.label}: ${v === null ? 'no data yet' : this.opts.format(v)}`;
    });
    this.canvas.setAttribute('aria-label', `${this.opts.label} chart. ${parts.join('; ')}.`);
  }

  render() {
    if (!this.dirty) return;
    this.dirty = false;
    this.describe();
    const { ctx } = this;
    const { w, h } = this.fit;
    ctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const sc = this.scales(w, h);
    this.drawAxes(sc);
    this.drawLegend(w);
    // Series.
    ctx.save();
    ctx.beginPath();
    ctx.rect(sc.x0, sc.y0 - 4, sc.x1 - sc.x0 + 4, sc.y1 - sc.y0 + 8);
    ctx.clip();
    for (const s of this.opts.series) this.drawSeries(sc, s);
    ctx.restore();
  }

  /** The plot area and the data's ranges, with X(x) and Y(y) mapping data to pixels. */
  scales(w, h) {
    const { opts } = this;
    const x0 = 40;
    const x1 = w - 10;
    const y0 = 26;
    const y1 = h - 22;
    let xMax = 0;
    let yMax = opts.yMax ?? 0;
    const yMin = opts.yMin ?? 0;
    for (const d of this.data.values()) {
      if (d.xs.length) xMax = Math.max(xMax, d.xs[d.xs.length - 1]);
      if (opts.yMax == null) for (const y of d.ys) if (y > yMax) yMax = y;
    }
    if (opts.yMax == null) {
      const step = niceStep(yMax || 1, 4);
      yMax = Math.max(step, Math.ceil((yMax || 1) / step) * step);
    }
    xMax = xMax <= 1 ? 1 : Math.ceil(xMax);
    const X = (x) => x0 + ((x1 - x0) * x) / xMax;
    const Y = (y) => y1 - ((y1 - y0) * (Math.min(y, yMax) - yMin)) / (yMax - yMin);
    return { x0, x1, y0, y1, xMax, yMax, yMin, X, Y };
  }

  /** Grid and axes. */
  drawAxes({ x0, x1, y1, xMax, yMax, yMin, X, Y }) {
    const { ctx, opts } = this;
    ctx.font = `10px ${MONO}`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    const ys = niceStep(yMax - yMin, 4);
    const decimals = Math.max(0, -Math.floor(Math.log10(ys) + 1e-9));
    ctx.strokeStyle = 'rgba(255,255,255,0.06)';
    ctx.lineWidth = 1;
    ctx.fillStyle = 'rgba(139,152,176,0.9)';
    for (let y = yMin; y <= yMax + 1e-9; y += ys) {
      const py = Math.round(Y(y)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x0, py);
      ctx.lineTo(x1, py);
      ctx.stroke();
      ctx.fillText(opts.format(y, decimals), x0 - 6, py);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const xs = xMax <= 1 ? 0.25 : niceStep(xMax, Math.max(2, Math.floor((x1 - x0) / 70)));
    const ticks = [];
    for (let x = 0; x <= xMax + 1e-9; x += xs) ticks.push(x);
    ticks.forEach((x, i) => {
      const last = i === ticks.length - 1;
      const text = `${xMax <= 1 ? String(x) : String(Math.round(x))}${last ? (x === 1 ? ' epoch' : ' epochs') : ''}`;
      ctx.textAlign = last ? 'right' : 'center';
      ctx.fillText(text, last ? x1 + 4 : X(x), y1 + 6);
    });
  }

  /** Title and legend. */
  drawLegend(w) {
    const { ctx, opts } = this;
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.font = `600 11px ${FONT}`;
    ctx.fillStyle = 'rgba(219,228,243,0.92)';
    ctx.fillText(opts.label.toUpperCase(), 0, 13);
    let lx = ctx.measureText(opts.label.toUpperCase()).width + 16;
    ctx.font = `11px ${FONT}`;
    for (const s of opts.series) {
      const v = this.last(s.key);
      const text = `${s.label}${v === null ? '' : ` ${opts.format(v)}`}`;
      const tw = ctx.measureText(text).width;
      if (lx + tw + 14 > w) break;
      ctx.fillStyle = s.colour;
      ctx.fillRect(lx, 7, 8, 3);
      ctx.fillStyle = 'rgba(219,228,243,0.8)';
      ctx.fillText(text, lx + 12, 13);
      lx += tw + 26;
    }
  }

  /** One series: a line through each pixel column's range of values (and dots if asked for). */
  drawSeries({ X, Y }, s) {
    const { ctx } = this;
    const d = this.data.get(s.key);
    const n = d.xs.length;
    if (!n) return;
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.6;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let col = -1;
    let lo = 0;
    let hi = 0;
    let first = true;
    const flush = () => {
      if (col < 0) return;
      if (first) {
        ctx.moveTo(col, Y(lo));
        first = false;
      } else ctx.lineTo(col, Y(lo));
      if (hi !== lo) ctx.lineTo(col, Y(hi));
    };
    for (let i = 0; i < n; i++) {
      const px = Math.round(X(d.xs[i]));
      const y = d.ys[i];
      if (px !== col) {
        flush();
        col = px;
        lo = y;
        hi = y;
      } else {
        if (y < lo) lo = y;
        if (y > hi) hi = y;
      }
    }
    flush();
    ctx.stroke();
    if (s.dots) this.drawDots(X, Y, d, s.colour);
  }

  drawDots(X, Y, d, colour) {
    const { ctx } = this;
    const n = d.xs.length;
    ctx.fillStyle = colour;
    const every = Math.max(1, Math.ceil(n / 80));
    for (let i = 0; i < n; i += every) {
      ctx.beginPath();
      ctx.arc(X(d.xs[i]), Y(d.ys[i]), 2.4, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.beginPath();
    ctx.arc(X(d.xs[n - 1]), Y(d.ys[n - 1]), 3.2, 0, Math.PI * 2);
    ctx.fill();
  }
}
