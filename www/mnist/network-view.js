// Draws an image network on a canvas: the input layer as a grid of pixel neurons showing the
// image, hidden neurons glowing by activation, labelled output neurons with their values, and
// synapses green (+) / red (−) with width and alpha by |weight|. Big weight layers show only
// their strongest synapses (chosen in the worker). When stepping, the phase is highlighted:
// a warm signal sweeping forward, the error at the outputs, a violet pulse sweeping back, the
// update flashing. Everything drawn comes from frames (the training worker's, or the drawing
// pad's, built from a Reader); nothing is computed here beyond scaling numbers for display.

import { fmt, fmtInt } from '../core/format.js';
import { CanvasFit } from '../render/canvas-fit.js';

export const BG = '#060a16';
const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const MONO = 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';
const POS = [74, 222, 128];
const NEG = [248, 81, 103];
const WARM = [255, 214, 140];
const VIOLET = [168, 140, 255];
const FLASH = [150, 230, 255];
const TEXT = [219, 228, 243];
const MUTED = [128, 142, 168];
const LEVELS = 8;
const PHASE_MS = 520;
const UPDATE_MS = 1100;
// While training, the synapses (thousands of lines) are redrawn at most this often into a
// cached layer; the neurons, which change every frame, are drawn over it every frame.
const SYNAPSE_MS = 240;

const rgba = (c, a) => `rgba(${c[0]},${c[1]},${c[2]},${Math.max(0, Math.min(1, a)).toFixed(3)})`;
const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);
const easeOut = (t) => 1 - Math.pow(1 - clamp01(t), 3);

function maxAbs(arr, indices) {
  let m = 0;
  if (indices) {
    for (let k = 0; k < indices.length; k++) {
      const v = Math.abs(arr[indices[k]]);
      if (v > m && Number.isFinite(v)) m = v;
    }
  } else {
    for (let i = 0; i < arr.length; i++) {
      const v = Math.abs(arr[i]);
      if (v > m && Number.isFinite(v)) m = v;
    }
  }
  return m;
}

/** The index of the largest value (which output the network picks), for highlighting. */
export function argMax(arr) {
  let best = -1;
  let bv = -Infinity;
  for (let i = 0; i < arr.length; i++) if (arr[i] > bv) { bv = arr[i]; best = i; }
  return best;
}

export class MnistNetworkView {
  /** @param {() => void} onResize  asks for a redraw after the canvas changed size */
  constructor(wrap, onResize = () => {}) {
    this.wrap = wrap;
    this.onResize = onResize;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'mn-net-canvas';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'The network');
    wrap.append(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.grid = document.createElement('canvas');
    this.gctx = this.grid.getContext('2d');
    this.info = null;
    this.frame = null;
    this.geo = null;
    this.dirty = true;
    this.animKey = '';
    this.animStart = -1e9;
    this.focus = -1;
    this.fit = new CanvasFit(wrap, this.canvas, () => {
      this.cache = null;
      this.geo = null;
      this.dirty = true;
      this.onResize();
    }, 2);
  }

  destroy() {
    this.fit.destroy();
    this.canvas.remove();
  }

  setInfo(info) {
    this.info = info;
    this.geo = null;
    this.dirty = true;
    const side = Math.round(Math.sqrt(info.sizes[0]));
    if (this.grid.width !== side) {
      this.grid.width = side;
      this.grid.height = side;
      this.gridImage = this.gctx.createImageData(side, side);
    }
  }

  /** Emphasises first-hidden-layer neuron i (−1 for none). */
  setFocus(i) {
    if (i === this.focus) return;
    this.focus = i;
    this.dirty = true;
  }

  setFrame(frame, now) {
    this.frame = frame;
    this.dirty = true;
    const s = frame.state;
    const key = `${s.cycle}:${s.example}:${s.phase}:${s.layer}:${s.probing}:${frame.probe}`;
    // Only a step the learner asked for is animated (not a pause or a reload).
    if (frame.stepped && key !== this.animKey && s.phase !== 'idle' && s.phase !== 'present') {
      this.animStart = now;
    } else if (!frame.stepped) this.animStart = -1e9;
    this.animKey = key;
  }

  /** Which synapses are drawn per weight layer and how many there are, for the caption. */
  synapseSummary() {
    if (!this.info || !this.frame) return [];
    const sizes = this.info.sizes;
    const out = [];
    for (let k = 0; k < sizes.length - 1; k++) {
      const total = sizes[k] * sizes[k + 1];
      const strong = this.frame.buffers[`strong${k}`];
      out.push({ layer: k, total, shown: strong ? strong.length : total });
    }
    return out;
  }

  layout() {
    const { w, h } = this.fit;
    const sizes = this.info.sizes;
    const L = sizes.length - 1;
    const side = Math.round(Math.sqrt(sizes[0]));
    const vertical = w < 600 || w < h * 0.95;
    const pad = vertical ? 14 : 22;
    const layers = [];
    let grid;
    if (!vertical) {
      const labelW = sizes[L] <= 20 ? 96 : 40;
      const gridS = Math.floor(Math.min(h - 2 * pad - 22, w * 0.3, 360));
      grid = { x: pad + 4, y: Math.round((h - gridS) / 2) + 8, s: gridS, side };
      const xStart = grid.x + gridS + Math.max(60, w * 0.1);
      const xEnd = w - pad - labelW;
      for (let l = 1; l <= L; l++) {
        const t = L === 1 ? 1 : (l - 1) / (L - 1);
        const c = xStart + (xEnd - xStart) * t;
        layers.push(this.placeLayer(sizes[l], l === L, c, pad + 26, h - pad, false));
      }
    } else {
      const labelH = sizes[L] <= 20 ? 34 : 10;
      const gridS = Math.floor(Math.min(w - 2 * pad, h * 0.34, 300));
      grid = { x: Math.round((w - gridS) / 2), y: pad + 18, s: gridS, side };
      const yStart = grid.y + gridS + Math.max(56, h * 0.09);
      const yEnd = h - pad - labelH;
      for (let l = 1; l <= L; l++) {
        const t = L === 1 ? 1 : (l - 1) / (L - 1);
        const c = yStart + (yEnd - yStart) * t;
        layers.push(this.placeLayer(sizes[l], l === L, c, pad, w - pad, true));
      }
    }
    // Pixel centres of the input grid.
    const n0 = sizes[0];
    const px = new Float32Array(n0);
    const py = new Float32Array(n0);
    const cell = grid.s / side;
    for (let j = 0; j < n0; j++) {
      px[j] = grid.x + ((j % side) + 0.5) * cell;
      py[j] = grid.y + (Math.floor(j / side) + 0.5) * cell;
    }
    const xs = [px, ...layers.map((l) => l.x)];
    const ys = [py, ...layers.map((l) => l.y)];
    this.geo = { vertical, grid, layers, xs, ys, cell, key: `${w}x${h}:${sizes.join('-')}` };
  }

  /** Neuron centres of one layer across the breadth from a to b at depth c (wrapping when many). */
  placeLayer(n, isOutput, c, a, b, vertical) {
    const avail = b - a;
    const minPitch = isOutput ? (n <= 20 ? 18 : 5) : 11;
    const maxPitch = isOutput ? 50 : 36;
    let lanes = 1;
    let pitch = Math.min(avail / n, maxPitch);
    if (pitch < minPitch) {
      lanes = Math.ceil((n * minPitch) / avail);
      pitch = Math.min(avail / Math.ceil(n / lanes), maxPitch);
    }
    const per = Math.ceil(n / lanes);
    const laneGap = Math.max(pitch * 1.1, 12);
    const r = Math.max(2, Math.min(pitch * (isOutput ? 0.36 : 0.34), isOutput ? 15 : 11));
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    const mid = (a + b) / 2;
    for (let i = 0; i < n; i++) {
      const lane = i % lanes;
      const pos = Math.floor(i / lanes);
      const count = Math.min(per, Math.ceil((n - lane) / lanes));
      const along = mid + (pos - (count - 1) / 2) * pitch;
      const across = c + (lane - (lanes - 1) / 2) * laneGap;
      if (vertical) {
        x[i] = along;
        y[i] = across;
      } else {
        x[i] = across;
        y[i] = along;
      }
    }
    return { n, x, y, r, pitch, lanes, c, isOutput };
  }

  /**
   * The hidden or output neuron under a point in CSS pixels of the canvas, for tooltips:
   * { layer (1 = first hidden), index, x, y, r } or null.
   */
  neuronAt(px, py) {
    if (!this.info || !this.frame) return null;
    if (!this.geo || this.geo.key !== `${this.fit.w}x${this.fit.h}:${this.info.sizes.join('-')}`) this.layout();
    let best = null;
    let bestD = Infinity;
    this.geo.layers.forEach((g, k) => {
      const reach = Math.max(g.r + 4, Math.min(g.pitch / 2, 14));
      for (let i = 0; i < g.n; i++) {
        const d = Math.hypot(px - g.x[i], py - g.y[i]);
        if (d <= reach && d < bestD) {
          bestD = d;
          best = { layer: k + 1, index: i, x: g.x[i], y: g.y[i], r: g.r };
        }
      }
    });
    return best;
  }

  /** Progress 0..1 of the current phase animation (1 when none). */
  progress(now) {
    return clamp01((now - this.animStart) / PHASE_MS);
  }

  /** Draws when something changed; returns true while an animation still runs. */
  render(now) {
    const f = this.frame;
    const animating = f && !f.playing && now - this.animStart < UPDATE_MS + 50;
    if (!this.dirty && !animating) return false;
    this.dirty = false;
    const ctx = this.ctx;
    ctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, this.fit.w, this.fit.h);
    if (!this.info || !f) return false;
    if (!this.geo || this.geo.key !== `${this.fit.w}x${this.fit.h}:${this.info.sizes.join('-')}`) this.layout();
    const s = f.state;
    const stepping = !f.playing && !!f.stepped;
    const phase = stepping ? s.phase : 'idle';
    const layer = s.layer ?? -1;
    const t = this.progress(now);
    const L = this.info.sizes.length - 1;

    if (f.playing) {
      if (!this.cache) {
        this.cache = document.createElement('canvas');
        this.cache.width = this.canvas.width;
        this.cache.height = this.canvas.height;
        this.cacheAt = -1e9;
      }
      // A frame with a `weightsVersion` (weights that change only now and then, as on the
      // drawing pad) redraws the synapses only when that version or the layout changes.
      const fixed = f.weightsVersion !== undefined;
      const key = fixed ? `${this.geo.key}#${f.weightsVersion}` : this.geo.key;
      if ((!fixed && now - this.cacheAt >= SYNAPSE_MS) || this.cacheKey !== key) {
        this.cacheAt = now;
        this.cacheKey = key;
        const cctx = this.cache.getContext('2d');
        cctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
        cctx.clearRect(0, 0, this.fit.w, this.fit.h);
        this.ctx = cctx;
        for (let k = 0; k < L; k++) this.drawSynapses(k, 'weights', {});
        this.ctx = ctx;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(this.cache, 0, 0);
      ctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
    } else {
      this.cacheAt = -1e9;
      for (let k = 0; k < L; k++) {
        if (stepping && phase === 'forward' && k > layer) this.drawSynapses(k, 'weights', { dim: 0.35 });
        else this.drawSynapses(k, 'weights', {});
      }
    }
    if (stepping) {
      if (phase === 'forward' && layer >= 0) this.drawSynapses(layer, 'weights', { colour: WARM, sweep: easeOut(t), boost: 1.2 });
      if (phase === 'backward' && layer >= 0) this.drawSynapses(layer, 'gradWeights', { colour: VIOLET, sweep: easeOut(t), backward: true, boost: 1.4 });
      if (phase === 'update') {
        const fade = 1 - clamp01((now - this.animStart) / UPDATE_MS);
        if (fade > 0) for (let k = 0; k < L; k++) this.drawSynapses(k, 'changeWeights', { colour: FLASH, boost: 1.5 * fade });
      }
    }
    this.drawInput(f);
    for (let l = 1; l <= L; l++) this.drawLayer(l, f, { phase, layer, t, stepping });
    this.drawLabels(f);
    return f && !f.playing && now - this.animStart < UPDATE_MS + 50;
  }

  drawSynapses(k, kind, { colour, sweep = 1, backward = false, boost = 1, dim = 1 }) {
    const f = this.frame;
    const values = f.buffers[`${kind}${k}`];
    if (!values) return;
    const strongName = kind === 'weights' ? `strong${k}` : kind === 'gradWeights' ? `strongGrad${k}` : `strongChange${k}`;
    const idx = f.buffers[strongName] ?? null;
    const sizes = this.info.sizes;
    const nOut = sizes[k + 1];
    const count = idx ? idx.length : values.length;
    const max = maxAbs(values, idx);
    if (!(max > 0)) return;
    const { xs, ys } = this.geo;
    const sx = xs[k];
    const sy = ys[k];
    const dx = xs[k + 1];
    const dy = ys[k + 1];
    // Many lines converge on few neurons: thin them out so the picture does not saturate.
    const density = colour
      ? Math.max(0.15, Math.min(1, Math.sqrt(120 / count)))
      : Math.max(0.3, Math.min(1, Math.sqrt(260 / count)));
    const ctx = this.ctx;
    // Bucket by sign and strength so each bucket is one path.
    const buckets = this.buckets ?? (this.buckets = Array.from({ length: 2 * LEVELS }, () => []));
    for (const b of buckets) b.length = 0;
    for (let q = 0; q < count; q++) {
      const idxq = idx ? idx[q] : q;
      const v = values[idxq];
      if (!Number.isFinite(v) || v === 0) continue;
      const m = Math.abs(v) / max;
      if (m < 0.04) continue;
      const level = Math.min(LEVELS - 1, Math.floor(Math.pow(m, 0.75) * LEVELS));
      buckets[(v > 0 ? 0 : LEVELS) + level].push(idxq);
    }
    ctx.lineCap = 'round';
    for (let b = 0; b < buckets.length; b++) {
      const list = buckets[b];
      if (list.length === 0) continue;
      const level = b % LEVELS;
      const pos = b < LEVELS;
      const u = (level + 1) / LEVELS;
      const col = colour ?? (pos ? POS : NEG);
      const alpha = (colour ? 0.12 + 0.75 * u * u : 0.05 + 0.6 * Math.pow(u, 1.6)) * density * boost * dim;
      ctx.strokeStyle = rgba(col, alpha);
      ctx.lineWidth = 0.35 + (colour ? 2.2 : 1.9) * u * u;
      ctx.beginPath();
      for (const q of list) {
        const j = Math.floor(q / nOut);
        const i = q - j * nOut;
        if (!backward) {
          ctx.moveTo(sx[j], sy[j]);
          ctx.lineTo(sx[j] + (dx[i] - sx[j]) * sweep, sy[j] + (dy[i] - sy[j]) * sweep);
        } else {
          ctx.moveTo(dx[i], dy[i]);
          ctx.lineTo(dx[i] + (sx[j] - dx[i]) * sweep, dy[i] + (sy[j] - dy[i]) * sweep);
        }
      }
      ctx.stroke();
    }
  }

  drawInput(f) {
    const ctx = this.ctx;
    const { grid } = this.geo;
    const a0 = f.buffers.a0;
    const img = this.gridImage;
    const d = img.data;
    for (let j = 0; j < a0.length; j++) {
      const v = clamp01(a0[j]);
      d[4 * j] = 14 + (255 - 14) * v;
      d[4 * j + 1] = 20 + (246 - 20) * v;
      d[4 * j + 2] = 36 + (226 - 36) * v;
      d[4 * j + 3] = 255;
    }
    this.gctx.putImageData(img, 0, 0);
    ctx.save();
    ctx.imageSmoothingEnabled = false;
    ctx.shadowColor = 'rgba(255, 214, 140, 0.18)';
    ctx.shadowBlur = 24;
    ctx.drawImage(this.grid, grid.x, grid.y, grid.s, grid.s);
    ctx.restore();
    // Cell borders, so each pixel reads as a neuron.
    const cell = grid.s / grid.side;
    if (cell >= 5) {
      ctx.strokeStyle = 'rgba(6, 10, 22, 0.55)';
      ctx.lineWidth = Math.min(1.2, cell * 0.12);
      ctx.beginPath();
      for (let i = 1; i < grid.side; i++) {
        const o = Math.round(grid.x + i * cell) + 0.5;
        ctx.moveTo(o, grid.y);
        ctx.lineTo(o, grid.y + grid.s);
        const p = Math.round(grid.y + i * cell) + 0.5;
        ctx.moveTo(grid.x, p);
        ctx.lineTo(grid.x + grid.s, p);
      }
      ctx.stroke();
    }
    ctx.strokeStyle = 'rgba(255,255,255,0.14)';
    ctx.lineWidth = 1;
    ctx.strokeRect(grid.x - 0.5, grid.y - 0.5, grid.s + 1, grid.s + 1);
  }

  drawLayer(l, f, { phase, layer, t, stepping }) {
    const ctx = this.ctx;
    const geo = this.geo.layers[l - 1];
    const a = f.buffers[`a${l}`];
    if (!a) return;
    const L = this.info.sizes.length - 1;
    const isOutput = l === L;
    // Activations above 1 (ReLU, linear) are scaled by the layer's largest for display.
    const scale = Math.max(1, maxAbs(a));
    // `blank` frames (nothing to read, e.g. an empty drawing pad) show no values and no guess.
    let reveal = f.blank ? 0 : 1;
    if (stepping && phase === 'present') reveal = 0;
    else if (stepping && phase === 'forward') {
      if (l - 1 === layer) reveal = easeOut((t - 0.45) / 0.55);
      else if (l - 1 > layer) reveal = 0;
    }
    const delta = f.buffers[`delta${l}`];
    const showDelta = stepping && phase === 'backward' && delta && l === layer + 1;
    const dmax = showDelta ? maxAbs(delta) : 0;
    const guess = isOutput ? argMax(a) : -1;
    for (let i = 0; i < geo.n; i++) {
      const x = geo.x[i];
      const y = geo.y[i];
      const r = geo.r;
      const v = Number.isFinite(a[i]) ? a[i] : 0;
      const g = clamp01(Math.abs(v) / scale) * reveal;
      if (g > 0.35 && r >= 4) {
        ctx.fillStyle = rgba(WARM, 0.1 * g);
        ctx.beginPath();
        ctx.arc(x, y, r * 2.1, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.fillStyle = '#0c1324';
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fill();
      if (g > 0) {
        ctx.fillStyle = rgba(v < 0 ? [125, 196, 255] : WARM, 0.08 + 0.92 * g);
        ctx.fill();
      }
      ctx.lineWidth = r >= 6 ? 1.2 : 0.8;
      ctx.strokeStyle = isOutput && i === guess && reveal > 0.5 ? rgba(WARM, 0.95) : 'rgba(255,255,255,0.16)';
      ctx.stroke();
      if (showDelta && dmax > 0) {
        const m = Math.abs(delta[i]) / dmax;
        if (m > 0.02) {
          ctx.strokeStyle = rgba(VIOLET, (0.3 + 0.7 * m) * easeOut(t));
          ctx.lineWidth = 1 + 2.5 * m;
          ctx.beginPath();
          ctx.arc(x, y, r + 2 + 3 * m, 0, Math.PI * 2);
          ctx.stroke();
        }
      }
      if (l === 1 && i === this.focus) {
        ctx.strokeStyle = 'rgba(150, 230, 255, 0.95)';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(x, y, r + 4, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
    if (isOutput) this.drawOutputs(f, geo, a, reveal, guess, { phase, stepping });
  }

  drawOutputs(f, geo, a, reveal, guess, { phase, stepping }) {
    const ctx = this.ctx;
    const n = geo.n;
    if (n > 20) return;
    const label = f.label;
    const target = f.buffers.target;
    const showError = stepping && (phase === 'error' || phase === 'backward') && !f.state.probing;
    const vertical = this.geo.vertical;
    const big = geo.r >= 9;
    for (let i = 0; i < n; i++) {
      const x = geo.x[i];
      const y = geo.y[i];
      const v = Number.isFinite(a[i]) ? a[i] : 0;
      const isLabel = label === i;
      const isGuess = i === guess && reveal > 0.5;
      ctx.textBaseline = 'middle';
      if (!vertical) {
        const tx = x + geo.r + 10;
        ctx.font = `${isGuess ? 700 : 600} ${big ? 15 : 12}px ${FONT}`;
        ctx.textAlign = 'left';
        ctx.fillStyle = rgba(isGuess ? WARM : TEXT, isGuess ? 1 : 0.78);
        ctx.fillText(String(i), tx, y);
        const barX = tx + (big ? 16 : 12);
        const barW = 44;
        ctx.fillStyle = 'rgba(255,255,255,0.07)';
        ctx.fillRect(barX, y - 2, barW, 4);
        ctx.fillStyle = rgba(isGuess ? WARM : MUTED, 0.9);
        ctx.fillRect(barX, y - 2, barW * clamp01(v) * reveal, 4);
        if (big) {
          ctx.font = `11px ${MONO}`;
          ctx.fillStyle = rgba(MUTED, reveal > 0 ? 1 : 0.4);
          ctx.fillText(reveal > 0 ? fmt(v, 2) : '–', barX, y + 11);
        }
        if (isLabel) {
          ctx.fillStyle = rgba(POS, 0.95);
          ctx.beginPath();
          ctx.arc(x - geo.r - 8, y, 3, 0, Math.PI * 2);
          ctx.fill();
        }
      } else {
        ctx.textAlign = 'center';
        ctx.font = `${isGuess ? 700 : 600} 12px ${FONT}`;
        ctx.fillStyle = rgba(isGuess ? WARM : TEXT, isGuess ? 1 : 0.78);
        ctx.fillText(String(i), x, y + geo.r + 10);
        ctx.font = `9px ${MONO}`;
        ctx.fillStyle = rgba(MUTED, 1);
        ctx.fillText(reveal > 0 ? fmt(v, 2).replace(/^0\./, '.') : '–', x, y + geo.r + 22);
        if (isLabel) {
          ctx.fillStyle = rgba(POS, 0.95);
          ctx.beginPath();
          ctx.arc(x, y - geo.r - 6, 2.5, 0, Math.PI * 2);
          ctx.fill();
        }
      }
      if (showError && target && target[i] > 0.5) {
        ctx.strokeStyle = rgba(POS, 0.9);
        ctx.lineWidth = 2;
        ctx.setLineDash([3, 3]);
        ctx.beginPath();
        ctx.arc(x, y, geo.r + 4, 0, Math.PI * 2);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
  }

  drawLabels() {
    const ctx = this.ctx;
    const { grid, layers, vertical } = this.geo;
    const sizes = this.info.sizes;
    const L = sizes.length - 1;
    ctx.font = `600 11px ${FONT}`;
    ctx.fillStyle = rgba(MUTED, 1);
    ctx.textBaseline = 'alphabetic';
    const names = sizes.map((n, l) => (l === 0 ? `input ${grid.side}×${grid.side}` : l === L ? `output ${n}` : `hidden ${fmtInt(n)}`));
    if (!vertical) {
      ctx.textAlign = 'left';
      ctx.fillText(names[0].toUpperCase(), grid.x, grid.y - 10);
      ctx.textAlign = 'center';
      layers.forEach((g, i) => {
        let top = Infinity;
        for (let q = 0; q < g.n; q++) top = Math.min(top, g.y[q]);
        ctx.fillText(names[i + 1].toUpperCase(), g.c, top - g.r - 12);
      });
    } else {
      ctx.textAlign = 'center';
      ctx.fillText(names[0].toUpperCase(), grid.x + grid.s / 2, grid.y - 7);
      ctx.textAlign = 'left';
      layers.forEach((g, i) => {
        if (i === L - 1) return;
        let top = Infinity;
        for (let q = 0; q < g.n; q++) top = Math.min(top, g.y[q]);
        const text = names[i + 1].toUpperCase();
        const y = top - g.r - 9;
        // On a dark pill: in an upright layout the label sits among the synapses.
        ctx.fillStyle = 'rgba(6, 10, 22, 0.85)';
        ctx.fillRect(8, y - 11, ctx.measureText(text).width + 12, 16);
        ctx.fillStyle = rgba(MUTED, 1);
        ctx.fillText(text, 14, y);
      });
    }
  }
}
