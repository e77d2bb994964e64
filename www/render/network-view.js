// Draws the network on a canvas: neurons glowing with their activation, synapses green/red with
// width ∝ |weight|, and the phase being shown (signals travelling forward, the error, a violet
// pulse travelling back, the update flashing). Every number is read from wasm memory through
// fresh views each frame; nothing is computed here beyond scaling numbers for display.

import { fixed, fixedSigned, fmt, fmtInt } from '../core/format.js';
import { palette, DEFAULT_PALETTE } from './palette.js';
import { CanvasFit } from './canvas-fit.js';

const BG = '#060a16';
const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const MONO = 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';
const WARM = [255, 214, 140]; // activation glow / forward signal
const COOL = [125, 196, 255]; // negative activations (tanh, linear)
const VIOLET = [168, 140, 255]; // backward pass
const ERR = [255, 184, 77];

const rgba = (c, a) => `rgba(${c[0]},${c[1]},${c[2]},${Math.max(0, Math.min(1, a)).toFixed(3)})`;
const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);
const ease = (t) => (t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2);
const smooth = (a, b, t) => {
  const x = clamp01((t - a) / (b - a));
  return x * x * (3 - 2 * x);
};
const finiteAbs = (x) => (Number.isFinite(x) ? Math.abs(x) : 0);

function maxAbs(arr) {
  let m = 0;
  for (let i = 0; i < arr.length; i++) {
    const v = finiteAbs(arr[i]);
    if (v > m) m = v;
  }
  return m;
}

/** Display brightness of an activation: |a| clamped to 0..1 (sigmoid: a itself). */
export function glowOf(a) {
  return Number.isFinite(a) ? clamp01(Math.abs(a)) : 1;
}

export class NetworkView {
  /**
   * @param {HTMLElement} wrap  the element the canvas fills (observed for size)
   * @param {() => void} onResize  called after the backing store changed size
   */
  constructor(wrap, canvas, onResize) {
    this.wrap = wrap;
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.sizes = [1, 1];
    this.geo = null;
    this.colours = palette(DEFAULT_PALETTE);
    this.values = true;
    this.fit = new CanvasFit(wrap, canvas, () => {
      this.geo = null;
      onResize();
    });
  }

  destroy() {
    this.fit.destroy();
  }

  setNetwork(info) {
    this.sizes = info.sizes.slice();
    this.bias = info.bias;
    this.activations = info.activations.slice();
    this.geo = null;
  }

  /** Synapse colours: a name from palette.js. */
  setPalette(name) {
    this.colours = palette(name);
  }

  /** Whether numbers (activations, the output, the error box) are drawn. */
  setValues(on) {
    this.values = on;
  }

  /** Neuron positions for the current size. */
  layout() {
    if (this.geo) return this.geo;
    const w = this.fit.w;
    const h = this.fit.h;
    const narrow = w < 620;
    const L = this.sizes.length;
    const padL = narrow ? 50 : 92;
    const padR = narrow ? 78 : 272;
    const padT = narrow ? 62 : 72;
    const padB = narrow ? 40 : 46;
    const usableH = Math.max(40, h - padT - padB);
    const gapX = (w - padL - padR) / Math.max(1, L - 1);
    let spacingMin = Infinity;
    const xs = [];
    const ys = [];
    for (let l = 0; l < L; l++) {
      const n = this.sizes[l];
      xs.push(padL + gapX * l);
      const spacing = Math.min(usableH / n, narrow ? 84 : 118);
      spacingMin = Math.min(spacingMin, spacing);
      const top = padT + (usableH - spacing * (n - 1)) / 2;
      ys.push(Array.from({ length: n }, (_, i) => top + spacing * i));
    }
    const r = Math.max(1.5, Math.min(narrow ? 15 : 21, spacingMin * 0.27, gapX * 0.1));
    const maxLine = Math.max(1.2, Math.min(narrow ? 9 : 14, spacingMin * 0.16, r * 0.75));
    this.geo = { w, h, narrow, L, xs, ys, r, maxLine, padT, padB, padL, padR, showValues: r >= 7, lineW: [] };
    return this.geo;
  }

  /**
   * Draws one frame.
   * @param pg    the wasm Playground (views are made fresh here and not kept)
   * @param disp  { phase, layer, probing, lit, t, prev, showError, cycle, loss, hover, exampleLabel }
   */
  draw(pg, disp) {
    const ctx = this.ctx;
    const g = this.layout();
    const { L, xs, ys, r } = g;
    const K = L - 1;
    ctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);

    // Background: deep navy with a soft light behind the network.
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, g.w, g.h);
    const halo = ctx.createRadialGradient(g.w * 0.45, g.h * 0.5, 0, g.w * 0.45, g.h * 0.5, Math.max(g.w, g.h) * 0.7);
    halo.addColorStop(0, 'rgba(40,60,120,0.22)');
    halo.addColorStop(1, 'rgba(0,0,0,0)');
    ctx.fillStyle = halo;
    ctx.fillRect(0, 0, g.w, g.h);

    // Fresh views, read now and dropped at the end of this call.
    const { W, G, C, B, A, D, target, error } = this.views(pg);

    const { phase, layer, t } = disp;
    const POS = this.colours.pos;
    const NEG = this.colours.neg;
    const tweening = phase === 'update' && disp.prev && t < 1;
    let wRef = 0;
    for (let k = 0; k < K; k++) wRef = Math.max(wRef, maxAbs(W[k]));
    const scaleRef = Math.max(wRef, 3);
    const weightAt = (k, idx) => {
      const w = W[k][idx];
      if (!tweening) return w;
      const p = disp.prev[k][idx];
      return p + (w - p) * ease(t);
    };

    // Synapses: colour by sign, width by |w|.
    ctx.lineCap = 'round';
    const lineW = [];
    for (let k = 0; k < K; k++) {
      const nIn = this.sizes[k];
      const nOut = this.sizes[k + 1];
      const widths = new Float32Array(nIn * nOut);
      for (let j = 0; j < nIn; j++) {
        for (let i = 0; i < nOut; i++) {
          const idx = j * nOut + i;
          const w = weightAt(k, idx);
          const rel = Number.isFinite(w) ? Math.min(1, Math.abs(w) / scaleRef) : 1;
          const width = 0.6 + (g.maxLine - 0.6) * rel;
          widths[idx] = width;
          ctx.strokeStyle = Number.isFinite(w) ? rgba(w >= 0 ? POS : NEG, 0.2 + 0.65 * Math.sqrt(rel)) : 'rgba(150,150,170,0.5)';
          ctx.lineWidth = width;
          ctx.beginPath();
          ctx.moveTo(xs[k], ys[k][j]);
          ctx.lineTo(xs[k + 1], ys[k + 1][i]);
          ctx.stroke();
        }
      }
      lineW.push(widths);
    }
    g.lineW = lineW;

    ctx.globalCompositeOperation = 'lighter';
    // Forward: the signal a_j·w_ij travels along weight layer `layer`.
    if (phase === 'forward' && layer !== null && layer < K) {
      const k = layer;
      const nIn = this.sizes[k];
      const nOut = this.sizes[k + 1];
      let sMax = 0;
      for (let j = 0; j < nIn; j++) for (let i = 0; i < nOut; i++) sMax = Math.max(sMax, finiteAbs(A[k][j] * W[k][j * nOut + i]));
      const norm = Math.max(sMax, 1);
      const head = ease(t);
      for (let j = 0; j < nIn; j++) {
        for (let i = 0; i < nOut; i++) {
          const s = finiteAbs(A[k][j] * W[k][j * nOut + i]) / norm;
          if (s < 0.01) continue;
          this.glowLine(xs[k], ys[k][j], xs[k + 1], ys[k + 1][i], 0, head, WARM, s, lineW[k][j * nOut + i], t < 1);
        }
      }
    }
    // Backward: a violet pulse travels right → left along weight layer `layer`, glow ∝ |gradient|.
    if (phase === 'backward' && layer !== null && layer < K) {
      const k = layer;
      const nIn = this.sizes[k];
      const nOut = this.sizes[k + 1];
      const gMax = maxAbs(G[k]) || 1;
      const head = ease(t);
      for (let j = 0; j < nIn; j++) {
        for (let i = 0; i < nOut; i++) {
          const s = finiteAbs(G[k][j * nOut + i]) / gMax;
          this.glowLine(xs[k + 1], ys[k + 1][i], xs[k], ys[k][j], 0, head, VIOLET, 0.18 + 0.82 * s, lineW[k][j * nOut + i], t < 1);
        }
      }
    }
    // Update: every changed synapse flashes in proportion to |Δw|.
    if (phase === 'update' && !disp.probing && disp.flash) {
      let cMax = 0;
      for (let k = 0; k < K; k++) cMax = Math.max(cMax, maxAbs(C[k]));
      if (cMax > 0) {
        const fade = t < 1 ? 1 - 0.75 * ease(t) : 0.25;
        for (let k = 0; k < K; k++) {
          const nIn = this.sizes[k];
          const nOut = this.sizes[k + 1];
          for (let j = 0; j < nIn; j++) {
            for (let i = 0; i < nOut; i++) {
              const s = finiteAbs(C[k][j * nOut + i]) / cMax;
              if (s < 0.02) continue;
              ctx.strokeStyle = rgba([255, 255, 255], 0.55 * s * fade);
              ctx.lineWidth = lineW[k][j * nOut + i] + 3 * s;
              ctx.beginPath();
              ctx.moveTo(xs[k], ys[k][j]);
              ctx.lineTo(xs[k + 1], ys[k + 1][i]);
              ctx.stroke();
            }
          }
        }
      }
    }
    ctx.globalCompositeOperation = 'source-over';

    // Hovered synapse: outline it.
    if (disp.hover?.type === 'synapse') {
      const { k, j, i } = disp.hover;
      if (k < K && j < this.sizes[k] && i < this.sizes[k + 1]) {
        ctx.strokeStyle = 'rgba(255,255,255,0.85)';
        ctx.lineWidth = lineW[k][j * this.sizes[k + 1] + i] + 3;
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.moveTo(xs[k], ys[k][j]);
        ctx.lineTo(xs[k + 1], ys[k + 1][i]);
        ctx.stroke();
      }
    }

    // δ rings: known for the output from the error phase on, then layer by layer backwards.
    let deltaFrom = Infinity;
    if (!disp.probing) {
      if (phase === 'error') deltaFrom = K;
      else if (phase === 'backward' && layer !== null) deltaFrom = Math.max(layer, 1);
    }
    let dMax = 0;
    for (let l = Math.min(deltaFrom, L); l < L; l++) dMax = Math.max(dMax, maxAbs(D[l]));

    // Neurons.
    for (let l = 0; l < L; l++) {
      const lit = l < disp.lit;
      const arriving = phase === 'forward' && layer !== null && l === layer + 1 && t < 1;
      const fade = lit ? (arriving ? smooth(0.55, 1, t) : 1) : 0;
      for (let i = 0; i < this.sizes[l]; i++) {
        const x = xs[l];
        const y = ys[l][i];
        const a = A[l][i];
        const v = glowOf(a) * fade;
        const col = a < 0 ? COOL : WARM;
        if (v > 0.01) {
          const glow = ctx.createRadialGradient(x, y, r * 0.7, x, y, r * 3.6);
          glow.addColorStop(0, rgba(col, 0.62 * v));
          glow.addColorStop(0.35, rgba(col, 0.2 * v));
          glow.addColorStop(1, rgba(col, 0));
          ctx.fillStyle = glow;
          ctx.beginPath();
          ctx.arc(x, y, r * 3.6, 0, Math.PI * 2);
          ctx.fill();
        }
        // Disc: dark, with a bright core whose size and brightness follow the activation.
        ctx.fillStyle = '#0b1123';
        ctx.beginPath();
        ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.fill();
        if (v > 0.015) {
          const rc = r * (0.25 + 0.75 * Math.sqrt(v));
          const k = Math.min(1, 0.35 + v);
          const core = ctx.createRadialGradient(x - rc * 0.2, y - rc * 0.25, 0, x, y, rc);
          core.addColorStop(0, rgba([255, 250, 232], 0.98 * k));
          core.addColorStop(0.55, rgba(col, 0.92 * k));
          core.addColorStop(1, rgba(col, 0.25 * k));
          ctx.fillStyle = core;
          ctx.beginPath();
          ctx.arc(x, y, rc, 0, Math.PI * 2);
          ctx.fill();
        }
        ctx.beginPath();
        ctx.arc(x, y, r, 0, Math.PI * 2);
        // Ring: the bias, when there is one (green/red, thicker for larger |b|).
        let ringCol = 'rgba(120,140,190,0.55)';
        let ringW = 1.25;
        if (this.bias && l > 0) {
          const b = B[l - 1][i];
          const rel = Math.min(1, finiteAbs(b) / Math.max(wRef, 3));
          ringCol = rgba(b >= 0 ? POS : NEG, 0.45 + 0.5 * rel);
          ringW = 1.25 + 2.5 * rel;
        }
        ctx.strokeStyle = ringCol;
        ctx.lineWidth = ringW;
        ctx.stroke();

        // δ ring, growing with |δ|.
        if (l >= deltaFrom && dMax > 0) {
          const rel = finiteAbs(D[l][i]) / dMax;
          const fresh = (phase === 'error' && l === K) || (phase === 'backward' && l === layer);
          const grow = fresh && t < 1 ? ease(t) : 1;
          const rr = r + 4 + r * 1.1 * rel * grow;
          ctx.strokeStyle = rgba(VIOLET, (0.25 + 0.75 * rel) * (fresh ? 1 : 0.6));
          ctx.lineWidth = 1.5 + 2 * rel;
          ctx.beginPath();
          ctx.arc(x, y, rr, 0, Math.PI * 2);
          ctx.stroke();
        }
        if (disp.hover?.type === 'neuron' && disp.hover.l === l && disp.hover.i === i) {
          ctx.strokeStyle = 'rgba(255,255,255,0.9)';
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.arc(x, y, r + 3, 0, Math.PI * 2);
          ctx.stroke();
        }
      }
    }

    // Numbers beside the neurons.
    const valueFont = `${g.narrow ? 11 : 12.5}px ${MONO}`;
    const small = this.values && this.sizes.every((n) => n <= 16);
    const labels = this.sizes.every((n) => n <= 16);
    for (let l = 0; l < L; l++) {
      const lit = l < disp.lit;
      const arriving = phase === 'forward' && layer !== null && l === layer + 1 && t < 1;
      const alpha = lit ? (arriving ? smooth(0.7, 1, t) : 1) : 0;
      for (let i = 0; i < this.sizes[l]; i++) {
        const x = xs[l];
        const y = ys[l][i];
        if (l === 0 && labels) {
          this.text(`x${i + 1}`, x - r - 10, y + 0.5, { align: 'right', font: `600 ${g.narrow ? 12 : 14}px ${FONT}`, color: '#9fb0d6' });
        }
        if (alpha > 0 && g.showValues && small && l < K) {
          this.text(fixed(A[l][i], l === 0 && Number.isInteger(A[l][i]) ? 0 : 3), x, y - r - 9, { font: valueFont, color: 'rgba(236,242,255,0.92)', alpha });
        }
      }
    }

    // The output: its value, big, and (after the error phase) target and error.
    const outX = xs[K];
    for (let i = 0; i < this.sizes[K] && small; i++) {
      const y = ys[K][i];
      const lit = K < disp.lit;
      const arriving = phase === 'forward' && layer === K - 1 && t < 1;
      const alpha = lit ? (arriving ? smooth(0.7, 1, t) : 1) : 0;
      const valueText = alpha > 0 ? fixed(A[K][i], 3) : '';
      const labelX = outX + r * 2.2 + 10;
      if (g.narrow) {
        this.text(valueText, outX, y - r * 2.2 - 12, { font: `700 17px ${MONO}`, color: '#ffecc8', alpha });
        this.text('output', outX, y + r * 2.2 + 10, { font: `600 11px ${FONT}`, color: '#8a9bc4' });
      } else {
        this.text(valueText, labelX, y + 1, { align: 'left', font: `700 28px ${MONO}`, color: '#ffecc8', alpha });
        this.text(this.sizes[K] > 1 ? `output ${i + 1}` : 'output', labelX + 1, y - 25, { align: 'left', font: `600 12px ${FONT}`, color: '#8a9bc4' });
      }
    }
    if (disp.showError && small) this.drawErrorBox(target, error, A[K], disp, g);

    // Layer captions.
    for (let l = 0; l < L; l++) {
      const name = l === 0 ? 'input' : l === K ? 'output' : K > 2 ? `hidden ${l}` : 'hidden';
      this.text(name, xs[l], g.h - g.padB / 2 + 4, { font: `500 ${g.narrow ? 10.5 : 12}px ${FONT}`, color: '#5d6c93', caps: true });
    }

    // Caption: where we are. Drawn into the canvas so recordings and images carry it.
    this.text(`Cycle ${fmtInt(disp.cycle)}`, 18, g.narrow ? 22 : 28, { align: 'left', font: `650 ${g.narrow ? 16 : 20}px ${FONT}`, color: '#e8eeff' });
    this.text(disp.caption, 18, g.narrow ? 42 : 51, { align: 'left', font: `500 ${g.narrow ? 11.5 : 13}px ${FONT}`, color: '#8a9bc4' });
    if (disp.loss !== null && disp.loss !== undefined) {
      const right = g.w - 18;
      if (g.narrow) {
        this.text(`error ${fmt(disp.loss, 4)}`, right, 22, { align: 'right', font: `600 13px ${MONO}`, color: '#ffd9a0' });
      } else {
        this.text('AVERAGE ERROR', right, 24, { align: 'right', font: `600 11px ${FONT}`, color: '#8a9bc4' });
        this.text(fmt(disp.loss, 4), right, 48, { align: 'right', font: `700 22px ${MONO}`, color: '#ffd9a0' });
      }
    }
    // In videos and images the colours explain themselves (on the page the legend is HTML).
    if (disp.legend && !g.narrow && g.w >= 760) this.drawLegend(g, POS, NEG);
  }

  /** Bottom right: what the two synapse colours mean (so a video explains itself). */
  drawLegend(g, pos, neg) {
    const ctx = this.ctx;
    const y = g.h - g.padB / 2 + 4;
    const font = `500 11.5px ${FONT}`;
    ctx.font = font;
    const wInh = ctx.measureText('inhibits').width;
    const wExc = ctx.measureText('excites').width;
    let x = g.w - 18 - wInh;
    this.text('inhibits', x, y, { align: 'left', font, color: '#8a9bc4' });
    x -= 8;
    this.legendLine(x - 20, x, y, neg);
    x -= 20 + 16 + wExc;
    this.text('excites', x, y, { align: 'left', font, color: '#8a9bc4' });
    x -= 8;
    this.legendLine(x - 20, x, y, pos);
  }

  legendLine(x0, x1, y, col) {
    const ctx = this.ctx;
    ctx.strokeStyle = rgba(col, 0.9);
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x0, y);
    ctx.lineTo(x1, y);
    ctx.stroke();
  }

  /**
   * Every view this frame needs. Passing a view's name into wasm may (rarely) grow its memory,
   * which detaches the views made before: then all are made again.
   */
  views(pg) {
    const K = this.sizes.length - 1;
    for (let attempt = 0; ; attempt++) {
      const v = { W: [], G: [], C: [], B: [], A: [], D: [] };
      for (let k = 0; k < K; k++) {
        v.W.push(pg.view('weights', k));
        v.G.push(pg.view('gradWeights', k));
        v.C.push(pg.view('changeWeights', k));
        if (this.bias) v.B.push(pg.view('biases', k));
      }
      for (let l = 0; l <= K; l++) {
        v.A.push(pg.view('a', l));
        v.D.push(pg.view('delta', l));
      }
      v.target = pg.view('target', 0);
      v.error = pg.view('error', 0);
      const all = [...v.W, ...v.G, ...v.C, ...v.B, ...v.A, ...v.D, v.target, v.error];
      if (attempt >= 2 || all.every((a) => a.length > 0)) return v;
    }
  }

  /** A glowing segment from (x0,y0) towards (x1,y1), covering [from, to] of its length. */
  glowLine(x0, y0, x1, y1, from, to, col, strength, baseWidth, withHead) {
    const ctx = this.ctx;
    const ax = x0 + (x1 - x0) * from;
    const ay = y0 + (y1 - y0) * from;
    const bx = x0 + (x1 - x0) * to;
    const by = y0 + (y1 - y0) * to;
    ctx.strokeStyle = rgba(col, 0.22 * strength);
    ctx.lineWidth = baseWidth + 7;
    ctx.beginPath();
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx, by);
    ctx.stroke();
    ctx.strokeStyle = rgba(col, 0.75 * strength);
    ctx.lineWidth = Math.max(1, baseWidth * 0.45);
    ctx.stroke();
    if (withHead) {
      const rad = 3 + 5 * strength;
      const head = ctx.createRadialGradient(bx, by, 0, bx, by, rad * 2.2);
      head.addColorStop(0, rgba([255, 255, 255], 0.95 * strength));
      head.addColorStop(0.35, rgba(col, 0.7 * strength));
      head.addColorStop(1, rgba(col, 0));
      ctx.fillStyle = head;
      ctx.beginPath();
      ctx.arc(bx, by, rad * 2.2, 0, Math.PI * 2);
      ctx.fill();
    }
  }

  drawErrorBox(target, error, out, disp, g) {
    const ctx = this.ctx;
    const n = Math.min(target.length, 3);
    const fade = disp.phase === 'error' && disp.t < 1 ? ease(disp.t) : 1;
    const boxW = g.narrow ? 150 : 188;
    const rowH = g.narrow ? 19 : 22;
    const errH = g.narrow ? 28 : 34;
    const boxH = 18 + n * (2 * rowH + errH) + 16;
    const y0 = g.ys[g.L - 1][0];
    let bx;
    let by;
    if (g.narrow) {
      bx = g.w - boxW - 10;
      by = g.h - g.padB - boxH - 4;
    } else {
      bx = g.xs[g.L - 1] + g.r * 2.2 + 6;
      by = y0 + 26;
    }
    ctx.globalAlpha = fade;
    ctx.fillStyle = 'rgba(14,20,40,0.9)';
    ctx.strokeStyle = rgba(ERR, 0.55);
    ctx.lineWidth = 1;
    roundRect(ctx, bx, by, boxW, boxH, 10);
    ctx.fill();
    ctx.stroke();
    const small = `500 ${g.narrow ? 11.5 : 12.5}px ${MONO}`;
    const label = `500 ${g.narrow ? 11 : 12}px ${FONT}`;
    const left = bx + 12;
    const right = bx + boxW - 12;
    let y = by + 18;
    for (let i = 0; i < n; i++) {
      this.text('target', left, y, { align: 'left', font: label, color: '#8a9bc4' });
      this.text(fixed(target[i], Number.isInteger(target[i]) ? 0 : 3), right, y, { align: 'right', font: small, color: '#dde5f7' });
      y += rowH;
      this.text('output', left, y, { align: 'left', font: label, color: '#8a9bc4' });
      this.text(fixed(out[i], 3), right, y, { align: 'right', font: small, color: '#dde5f7' });
      y += rowH * 0.5 + errH * 0.5;
      this.text('error', left, y, { align: 'left', font: `650 ${g.narrow ? 12.5 : 14}px ${FONT}`, color: rgba(ERR, 0.95) });
      this.text(fixedSigned(error[i], 3), right, y, { align: 'right', font: `700 ${g.narrow ? 19 : 24}px ${MONO}`, color: rgba(ERR, 1) });
      y += errH * 0.5 + rowH * 0.5;
    }
    this.text('error = target − output', left, by + boxH - 11, { align: 'left', font: `400 ${g.narrow ? 9.5 : 10.5}px ${FONT}`, color: '#6f7fa8' });
    ctx.globalAlpha = 1;
  }

  text(s, x, y, { align = 'center', font, color, caps = false, alpha = 1 }) {
    const ctx = this.ctx;
    if (alpha <= 0.01) return;
    const saved = ctx.globalAlpha;
    ctx.globalAlpha = saved * alpha;
    ctx.font = font;
    ctx.textAlign = align;
    ctx.textBaseline = 'middle';
    const str = caps ? s.toUpperCase() : s;
    if (caps) ctx.letterSpacing = '1.5px';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4;
    ctx.strokeStyle = 'rgba(6,10,22,0.85)';
    ctx.strokeText(str, x, y);
    ctx.fillStyle = color;
    ctx.fillText(str, x, y);
    if (caps) ctx.letterSpacing = '0px';
    ctx.globalAlpha = saved;
  }

  /** What is under a point (CSS pixels): a neuron, a synapse, or null. */
  hitTest(px, py) {
    const g = this.geo;
    if (!g) return null;
    const { L, xs, ys, r } = g;
    for (let l = 0; l < L; l++) {
      if (Math.abs(px - xs[l]) > r + 8) continue;
      for (let i = 0; i < ys[l].length; i++) {
        if (Math.hypot(px - xs[l], py - ys[l][i]) <= r + 6) return { type: 'neuron', l, i };
      }
    }
    let best = null;
    let bestD = Infinity;
    for (let k = 0; k < L - 1; k++) {
      if (px < xs[k] || px > xs[k + 1]) continue;
      const nOut = ys[k + 1].length;
      for (let j = 0; j < ys[k].length; j++) {
        for (let i = 0; i < nOut; i++) {
          const d = segDist(px, py, xs[k], ys[k][j], xs[k + 1], ys[k + 1][i]);
          const width = g.lineW[k]?.[j * nOut + i] ?? 1;
          if (d <= Math.max(5, width / 2 + 3) && d < bestD) {
            bestD = d;
            best = { type: 'synapse', k, j, i };
          }
        }
      }
    }
    return best;
  }

  /** Where a neuron is drawn (CSS pixels), for placing a tooltip. */
  neuronAt(l, i) {
    const g = this.layout();
    return { x: g.xs[l], y: g.ys[l][i], r: g.r };
  }
}

function segDist(px, py, x0, y0, x1, y1) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy || 1;
  const t = clamp01(((px - x0) * dx + (py - y0) * dy) / len2);
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}
