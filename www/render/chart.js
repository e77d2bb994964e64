// Line charts: XOR's average error per cycle (cycles on a log axis, so the early drop shows) and
// MNIST's live loss and accuracy (epochs, with a title and legend). However long a series gets, a
// redraw costs O(pixels): each pixel column is drawn from at most SAMPLES of its points.

import { CanvasFit } from './canvas-fit.js';
import { FONT, MONO, dot, line } from './theme.js';
import { fmtCompact } from '../core/format.js';
import { localiseDigits, t } from '../core/i18n.js';

const SAMPLES = 8;
const GRID = 'rgba(140,160,210,0.12)';
const LABEL = 'rgba(139,152,176,0.9)';

/**
 * A series as pixel columns [[column, a, b], …]: the extremes of up to `samples` of the column's
 * points, `a` the one nearer its first point. `px(i)` is point i's column (non-decreasing in i),
 * `y(i)` its value (non-finite values are skipped). O(columns · (log n + samples)).
 */
export function decimate(n, px, y, samples = SAMPLES) {
  const out = [];
  for (let i = 0; i < n;) {
    const c = px(i);
    let [lo, hi] = [i + 1, n]; // binary search for the column's end
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      [lo, hi] = px(m) > c ? [lo, m] : [m + 1, hi];
    }
    let [mn, mx, first] = [Infinity, -Infinity, null];
    for (let m = i, step = Math.max(1, Math.floor((lo - i) / samples)); m < lo; m += step) {
      const v = y(m);
      if (Number.isFinite(v)) [first, mn, mx] = [first ?? v, Math.min(mn, v), Math.max(mx, v)];
    }
    if (first !== null) out.push(first - mn <= mx - first ? [c, mn, mx] : [c, mx, mn]);
    i = lo;
  }
  return out;
}

function niceStep(range, ticks) {
  const raw = range / Math.max(1, ticks);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 2.5, 5, 10].find((m) => raw / p <= m) * p;
}

/** A series of points added one by one. */
const added = () => ({ xs: [], ys: [], get n() { return this.xs.length; }, x(i) { return this.xs[i]; }, y(i) { return this.ys[i]; } });

export class LineChart {
  /**
   * @param {HTMLElement} wrap  the element the chart fills
   * @param opts { label, format(y, decimals?), yMin?, yMax? (default: fit the data), logX? (x ≥ 1
   *   on a log axis; else epochs from 0), legend? (title and last values on top; default true),
   *   empty? (said while there is no data), canvas? (else one is made),
   *   series: [{ key, label?, colour, dots?, dash?, fill? (colour under the line),
   *     marker?(x, y) (the last point marked, labelled with this) }] }
   */
  constructor(wrap, opts, onResize = () => {}) {
    this.fit = new CanvasFit(wrap, opts.canvas ?? 'mn-chart-canvas', () => {
      this.dirty = true;
      onResize();
    }, 2);
    this.canvas = this.fit.canvas;
    this.canvas.setAttribute('role', 'img');
    Object.assign(this, { opts, ctx: this.canvas.getContext('2d'), data: new Map(opts.series.map((s) => [s.key, added()])), dirty: true });
    this.describe();
  }

  destroy() {
    this.fit.destroy();
  }

  clear() {
    for (const key of this.data.keys()) this.data.set(key, added());
    this.dirty = true;
    this.describe();
  }

  /** Appends a point; x only moves forward (a point behind the last replaces the tail: a reload). */
  add(key, x, y) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const d = this.data.get(key);
    while (d.n && d.xs[d.n - 1] > x) d.xs.pop(), d.ys.pop();
    d.xs.push(x);
    d.ys.push(y);
    this.dirty = true;
  }

  /** Shows `n` points read through x(i) and y(i) (e.g. from a wasm view) instead of added ones. */
  set(key, n, x, y) {
    this.data.set(key, { n, x, y });
    this.dirty = true;
  }

  last(key) {
    const d = this.data.get(key);
    return d.n ? d.y(d.n - 1) : null;
  }

  describe() {
    const { label, series, format } = this.opts;
    const parts = series.filter((s) => s.label).map((s) => `${s.label}: ${this.last(s.key) === null ? t('render.chartNoData') : format(this.last(s.key))}`);
    this.canvas.setAttribute('aria-label', t('render.chartLabel', { label, values: parts.join('; ') }));
  }

  render() {
    if (!this.dirty) return;
    this.dirty = false;
    this.describe();
    const { ctx, fit, opts } = this;
    ctx.setTransform(fit.dpr, 0, 0, fit.dpr, 0, 0);
    ctx.clearRect(0, 0, fit.w, fit.h);
    const box = { x0: 44, x1: fit.w - 12, y0: opts.legend === false ? 14 : 26, y1: fit.h - 24 };
    const X = this.xScale(box);
    const cols = opts.series.map(({ key }) => {
      const d = this.data.get(key);
      return decimate(d.n, (i) => Math.floor(X(d.x(i))), (i) => d.y(i));
    });
    const Y = this.yScale(box, cols.flat());
    this.axes(box, X, Y);
    if (opts.legend !== false) this.legend(fit.w);
    if (opts.empty && !cols.flat().length) this.text(opts.empty, (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, { font: `13px ${FONT}`, align: 'center' });
    opts.series.forEach((s, k) => this.plot(s, cols[k], box, X, Y));
  }

  /** x → pixels (X.max: the axis' end): log from 1, or linear from 0. */
  xScale({ x0, x1 }) {
    const w = Math.max(10, x1 - x0);
    const max = Math.max(0, ...[...this.data.values()].map((d) => (d.n ? d.x(d.n - 1) : 0)));
    if (this.opts.logX) {
      const log = Math.log10(Math.max(10, max));
      return Object.assign((x) => x0 + (w * Math.log10(Math.max(1, x))) / log, { max: Math.pow(10, log) });
    }
    const end = max <= 1 ? 1 : Math.ceil(max);
    return Object.assign((x) => x0 + (w * x) / end, { max: end });
  }

  /** y → pixels over min…max (a round number above the data unless opts.yMax), with the grid's step. */
  yScale({ y0, y1 }, cols) {
    const min = this.opts.yMin ?? 0;
    let max = this.opts.yMax ?? null;
    const top = max ?? Math.max(0, ...cols.map(([, a, b]) => Math.max(a, b)));
    const step = niceStep(top - min || 1, 4);
    max ??= Math.max(min + step, Math.ceil((top || 1) / step) * step);
    return Object.assign((y) => y1 - ((y1 - y0) * (Math.min(y, max) - min)) / (max - min), { min, max, step });
  }

  /** The grid with its labels: values on the left, cycles (log, with rules) or epochs below. */
  axes({ x0, x1, y1 }, X, Y) {
    const { ctx, opts } = this;
    // Enough decimals for the step itself (0.25 → 2), so every label is its gridline's value.
    let decimals = Math.max(0, -Math.floor(Math.log10(Y.step) + 1e-9));
    if (Math.abs(Y.step * 10 ** decimals - Math.round(Y.step * 10 ** decimals)) > 1e-6) decimals += 1;
    for (let y = Y.min; y <= Y.max + 1e-9; y += Y.step) {
      const py = Math.round(Y(y)) + 0.5;
      line(ctx, x0, py, x1, py, GRID, 1);
      this.text(opts.format(y, decimals), x0 - 6, py, { align: 'right' });
    }
    const ticks = [];
    if (opts.logX) for (let c = 1; c <= X.max * 1.001; c *= 10) ticks.push([c, fmtCompact(c)]);
    else {
      const step = X.max <= 1 ? 0.25 : niceStep(X.max, Math.max(2, Math.floor((x1 - x0) / 70)));
      for (let x = 0; x <= X.max + 1e-9; x += step) ticks.push([x, localiseDigits(String(X.max <= 1 ? x : Math.round(x)))]);
      ticks.at(-1)[1] = t('render.axisEpochs', { x: ticks.at(-1)[1], n: ticks.at(-1)[0] });
    }
    ticks.forEach(([x, label], i) => {
      const px = Math.round(X(x)) + 0.5;
      if (opts.logX) line(ctx, px, Y(Y.max), px, y1, GRID, 1);
      const end = !opts.logX && i === ticks.length - 1;
      this.text(label, end ? x1 + 4 : px, y1 + 12, { align: end ? 'right' : 'center' });
    });
  }

  /** The title and each series' last value. */
  legend(w) {
    const { ctx, opts } = this;
    let x = this.text(opts.label.toUpperCase(), 0, 9, { font: `600 11px ${FONT}`, colour: 'rgba(219,228,243,0.92)' }) + 16;
    for (const s of opts.series) {
      const v = this.last(s.key);
      const text = `${s.label}${v === null ? '' : ` ${opts.format(v)}`}`;
      ctx.font = `11px ${FONT}`;
      if (x + ctx.measureText(text).width + 14 > w) break;
      ctx.fillStyle = s.colour;
      ctx.fillRect(x, 7, 8, 3);
      x += this.text(text, x + 12, 9, { font: ctx.font, colour: 'rgba(219,228,243,0.8)' }) + 26;
    }
  }

  /** One series: its line (dashed, or filled under), its dots, a labelled marker on its last point. */
  plot(s, cols, { y0, x1, y1 }, X, Y) {
    if (!cols.length) return;
    const ctx = this.ctx;
    const path = new Path2D();
    for (const [c, a, b] of cols) path.lineTo(c + 0.5, Y(a)), path.lineTo(c + 0.5, Y(b));
    if (s.fill) {
      const area = new Path2D(path);
      area.lineTo(cols.at(-1)[0] + 0.5, y1);
      area.lineTo(cols[0][0] + 0.5, y1);
      const grad = ctx.createLinearGradient(0, y0, 0, y1);
      grad.addColorStop(0, s.fill);
      grad.addColorStop(1, 'rgba(0,0,0,0)');
      ctx.fillStyle = grad;
      ctx.fill(area);
    }
    Object.assign(ctx, { strokeStyle: s.colour, lineWidth: s.dash ? 1.25 : 1.7, lineJoin: 'round', fillStyle: s.colour });
    ctx.setLineDash(s.dash ? [3, 3] : []);
    ctx.stroke(path);
    ctx.setLineDash([]);
    const d = this.data.get(s.key);
    for (let i = 0, every = Math.ceil(d.n / 80); s.dots && i < d.n; i += every) dot(ctx, X(d.x(i)), Y(d.y(i)), 2.4);
    if (!(s.dots || s.marker) || !Number.isFinite(d.y(d.n - 1))) return;
    dot(ctx, X(d.x(d.n - 1)), Y(d.y(d.n - 1)), s.marker ? 3.5 : 3.2);
    if (s.marker) this.text(s.marker(d.x(d.n - 1), d.y(d.n - 1)), x1 - 4, y0 + 10, { font: `600 12px ${FONT}`, align: 'right', colour: s.colour });
  }

  /** Writes `s`; returns its width. */
  text(s, x, y, { font = `10px ${MONO}`, align = 'left', colour = LABEL } = {}) {
    Object.assign(this.ctx, { font, textAlign: align, textBaseline: 'middle', fillStyle: colour });
    this.ctx.fillText(s, x, y);
    return this.ctx.measureText(s).width;
  }
}
