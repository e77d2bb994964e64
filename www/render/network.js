// THE network renderer: one frame snapshot (README, "Architecture") in, one picture out, in one of two
// layouts (layout.js). Neurons glow with their activation; synapses take the palette's colours by
// sign and are as thick as they are strong; the phase shown is highlighted (a warm signal forward,
// the error, a violet pulse back, the update's flash), tweening from the weights before the step.
// What is lit, which δ are known, the guess and the strongest synapses all come from the frame.

import { CanvasFit } from './canvas-fit.js';
import { layout, hitNeuron, hitSynapse } from './layout.js';
import { COLOURS as C, DEFAULT_PALETTE, clamp01, dot, line, palette, rgba, ring, signColour } from './theme.js';
import { background, disc, inputImage, denseText, imageText, header, legend } from './network-parts.js';
import { t } from '../core/i18n.js';

/** How long callers animate a phase step (ms) for the view option `t`; the update's flash fades for longer. */
export const ANIM_MS = { phase: 520, update: 1100 };
const SYNAPSE_MS = 240; // while playing, the synapse layer is redrawn at most this often

const ease = (t) => (t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2);
const smooth = (a, b, t) => ((x) => x * x * (3 - 2 * x))(clamp01((t - a) / (b - a)));

/** The largest finite |value| (over the indices idx, when given). */
function maxAbs(arr, idx = null) {
  let m = 0;
  for (let q = 0, n = idx ? idx.length : arr?.length ?? 0; q < n; q++) {
    const v = Math.abs(arr[idx ? idx[q] : q]);
    if (v > m && v !== Infinity) m = v;
  }
  return m;
}

/** View options besides the frame (setPalette/setValues/setFocus keep theirs between draws). */
const VIEW = {
  palette: DEFAULT_PALETTE, values: true, legend: false, focus: -1, hover: null,
  t: 1,            // progress 0..1 of the phase's animation (1: none running)
  stepped: false,  // a step being watched: highlight its phase (signal, pulse, flash)
  playing: false,  // training runs: synapses from a cached layer, redrawn every SYNAPSE_MS …
  weightsVersion: undefined, // … or only when this changes (weights fixed, e.g. the drawing pad)
  title: null, caption: null, // a header: title, caption and frame.state.loss
  label: null,     // the example's true class (image layout: a dot beside that output)
  now: undefined,  // the frame's time (performance.now()), for the synapse cache
};

export class NetworkRenderer {
  /** Draws into `canvas`, or into a new one (class `className`) appended to `wrap`, whose size it follows. */
  constructor(wrap, { canvas = null, className = 'ng-net-canvas', onResize = () => {}, maxDpr = 2 } = {}) {
    this.fit = new CanvasFit(wrap, canvas ?? className, () => {
      this.cache = null;
      onResize();
    }, maxDpr);
    this.canvas = this.fit.canvas;
    if (this.fit.owns) this.canvas.setAttribute('aria-label', t('render.networkLabel'));
    Object.assign(this, { ctx: this.canvas.getContext('2d'), view: { ...VIEW }, geo: null, widths: [], summary: [] });
  }

  destroy() {
    this.fit.destroy();
  }

  /** Synapse colours: a palette name from theme.js. */
  setPalette(name) {
    this.view.palette = name;
  }

  /** Whether numbers (activations, the output, the error box) are written. */
  setValues(on) {
    this.view.values = on;
  }

  /** Emphasises first-hidden-layer neuron i (−1: none); returns whether that changed. */
  setFocus(i) {
    const changed = i !== this.view.focus;
    this.view.focus = i;
    return changed;
  }

  /** The layout for these layer sizes on the canvas as it is now (null before the first frame). */
  layout(sizes = this.geo?.sizes) {
    if (sizes && this.geo?.key !== `${this.fit.w}x${this.fit.h}:${sizes.join('-')}`) this.geo = layout(sizes, this.fit.w, this.fit.h);
    return this.geo;
  }

  /** Draws one frame with view options (VIEW above). */
  draw(frame, opts = {}) {
    const v = { ...this.view, ...opts };
    const g = this.layout(frame.sizes);
    const d = scene(frame, v, g.kind === 'dense');
    const ctx = this.ctx;
    ctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
    background(ctx, g);
    this.synapses(frame, v, g, d);
    if (v.stepped) this.highlights(frame, g, d);
    if (v.hover?.type === 'synapse') this.outline(g, v.hover);
    if (g.grid) inputImage(this, frame.buffers.a0, g.grid);
    this.neurons(frame, v, g, d);
    (d.dense ? denseText : imageText)(ctx, frame, v, g, d);
    if (v.title) header(ctx, g, v.title, v.caption, frame.state?.loss);
    if (v.legend && !g.narrow && g.w >= 760) legend(ctx, g, d.pal);
    this.summary = frame.sizes.slice(1).map((n, k) => {
      const total = frame.sizes[k] * n;
      return { layer: k, total, shown: frame.buffers[`strong${k}`]?.length ?? total };
    });
  }

  /** Which synapses the last frame drew per weight layer: [{ layer, total, shown }]. */
  synapseSummary() {
    return this.summary;
  }

  /** What is under a point (CSS pixels): { type: 'neuron', l, i, x, y, r }, { type: 'synapse', k, j, i } or null. */
  hitTest(px, py) {
    const g = this.layout();
    return g ? hitNeuron(g, px, py) ?? hitSynapse(g, px, py, this.widths) : null;
  }

  /** Where neuron i of layer l is drawn (CSS pixels), for placing a tooltip; null if nowhere. */
  neuronAt(l, i) {
    const lay = this.layout()?.layers[l];
    return lay && i >= 0 && i < lay.n ? { x: lay.x[i], y: lay.y[i], r: lay.r } : null;
  }

  /** The synapses, drawn now or (while playing) from the cached layer. */
  synapses(frame, v, g, d) {
    if (!v.playing) {
      this.cache = null;
      return this.synapseLayer(this.ctx, frame, v, g, d);
    }
    const { width, height } = this.canvas;
    if (this.cache?.width !== width || this.cache?.height !== height) this.cache = Object.assign(document.createElement('canvas'), { width, height });
    const now = v.now ?? performance.now();
    const fixed = v.weightsVersion !== undefined;
    const key = `${g.key}|${v.palette}|${fixed ? v.weightsVersion : ''}`;
    if (key !== this.cache.key || (!fixed && now - this.cache.at >= SYNAPSE_MS)) {
      const cctx = this.cache.getContext('2d');
      cctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
      cctx.clearRect(0, 0, g.w, g.h);
      this.synapseLayer(cctx, frame, v, g, d);
      Object.assign(this.cache, { key, at: now });
    }
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.drawImage(this.cache, 0, 0);
    this.ctx.setTransform(this.fit.dpr, 0, 0, this.fit.dpr, 0, 0);
  }

  /** Every weight layer in the palette's colours (tweened from before{k} while an update animates). */
  synapseLayer(ctx, frame, v, g, d) {
    const colour = (sign) => (sign > 0 ? d.pal.pos : sign < 0 ? d.pal.neg : [150, 150, 170]);
    this.widths = [];
    for (let k = 0; k < d.K; k++) {
      const w = tweened(frame, k, d);
      const idx = frame.buffers[`strong${k}`] ?? null;
      if (d.dense) {
        const record = (this.widths[k] = new Float32Array(w.length));
        paint(ctx, g, k, w, idx, { scale: d.wRef, levels: 32, record, strokes: (u, s) => [[colour(s), s ? 0.2 + 0.65 * Math.sqrt(u) : 0.5, 0.6 + (g.maxLine - 0.6) * u]] });
      } else {
        // Many lines converge on few neurons: thin them out so the picture does not saturate.
        const density = Math.max(0.3, Math.min(1, Math.sqrt(260 / (idx ? idx.length : w.length))));
        const dim = v.stepped && d.phase === 'forward' && k > d.layer ? 0.35 : 1;
        paint(ctx, g, k, w, idx, { curve: 0.75, min: 0.04, strokes: (u, s) => [[colour(s), (0.05 + 0.6 * u ** 1.6) * density * dim, 0.35 + 1.9 * u * u]] });
      }
    }
  }

  /** The phase: the signal forward along weight layer `layer`, a violet pulse back, the update's flash. */
  highlights(frame, g, d) {
    const B = frame.buffers;
    const { phase, layer, K, t, dense } = d;
    const to = dense ? d.eased : 1 - Math.pow(1 - t, 3);
    this.ctx.globalCompositeOperation = dense ? 'lighter' : 'source-over';
    if (phase === 'forward' && layer >= 0 && layer < K) {
      const w = B[`weights${layer}`];
      // Dense: each line carries its signal a_j·w_ij; image: the strongest weights light up.
      const values = dense ? w.map((x, q) => Math.abs(B[`a${layer}`][Math.floor(q / g.layers[layer + 1].n)] * x)) : w;
      this.pulse(g, layer, values, dense ? null : B[`strong${layer}`], C.warm, { scale: dense ? Math.max(maxAbs(values), 1) : undefined, to, t, boost: 1.2 });
    }
    if (phase === 'backward' && layer >= 0 && layer < K) {
      this.pulse(g, layer, B[`gradWeights${layer}`], B[`strongGrad${layer}`], C.violet, { to, t, backward: true, floor: dense ? 0.18 : 0, min: 0, boost: 1.4 });
    }
    const fade = dense ? 1 - 0.75 * d.eased : 1 - t;
    if (phase === 'update' && !d.probing && fade > 0) {
      const scale = dense ? Math.max(...frame.sizes.slice(1).map((_, k) => maxAbs(B[`changeWeights${k}`]))) : undefined;
      for (let k = 0; k < K; k++) {
        this.pulse(g, k, B[`changeWeights${k}`], B[`strongChange${k}`], dense ? C.white : C.flash, { scale, min: 0.02, flash: true, boost: dense ? fade : 1.5 * fade });
      }
    }
    this.ctx.globalCompositeOperation = 'source-over';
  }

  /** Glowing lines along weight layer k, strength ∝ |value|, over [0, to] of their length (dense, while travelling: with bright heads). */
  pulse(g, k, values, idx, colour, { scale, to = 1, t = 1, backward = false, floor = 0, min = 0.01, boost = 1, flash = false }) {
    if (!values) return;
    const [ctx, dense] = [this.ctx, g.kind === 'dense'];
    const density = Math.max(0.15, Math.min(1, Math.sqrt(120 / (idx ? idx.length : values.length))));
    const strokes = dense
      ? (u) => {
        const s = floor + (1 - floor) * u;
        const w = 0.6 + (g.maxLine - 0.6) * s;
        return flash ? [[colour, 0.55 * s * boost, w + 3 * s]] : [[colour, 0.22 * s, w + 7], [colour, 0.75 * s, Math.max(1, w * 0.45)]];
      }
      : (u) => [[colour, (0.12 + 0.75 * u * u) * density * boost, 0.35 + 2.2 * u * u]];
    const head = dense && !flash && t < 1 && ((x, y, u) => {
      const s = floor + (1 - floor) * u;
      const rad = (3 + 5 * s) * 2.2;
      const grad = ctx.createRadialGradient(x, y, 0, x, y, rad);
      [[0, C.white, 0.95], [0.35, colour, 0.7], [1, colour, 0]].forEach(([at, c, a]) => grad.addColorStop(at, rgba(c, a * s)));
      dot(ctx, x, y, rad, grad);
    });
    paint(ctx, g, k, values, idx, { scale, levels: dense ? 16 : 8, curve: dense ? 1 : 0.75, min, to, backward, strokes, head });
  }

  /** Outlines the hovered synapse. */
  outline(g, { k, j, i }) {
    const [A, B] = [g.layers[k], g.layers[k + 1]];
    if (B && j < A.n && i < B.n) line(this.ctx, A.x[j], A.y[j], B.x[i], B.y[i], 'rgba(255,255,255,0.85)', (this.widths[k]?.[j * B.n + i] ?? 1) + 3);
  }

  /** Every neuron (the input's too unless drawn as an image), with its bias/guess, δ, hover and focus rings. */
  neurons(frame, v, g, d) {
    const [ctx, B, dense] = [this.ctx, frame.buffers, d.dense];
    for (let l = g.grid ? 1 : 0; l <= d.K; l++) {
      const { n, x, y, r, ringOff, ringGrow } = g.layers[l];
      const a = B[`a${l}`] ?? [];
      const show = d.reveal(l);
      const scale = Math.max(1, maxAbs(a)); // activations above 1 (ReLU, linear) scaled for display
      const bias = dense && frame.bias && l > 0 ? B[`biases${l - 1}`] : null;
      const fresh = (d.phase === 'error' && l === d.K) || (d.phase === 'backward' && l === d.layer);
      const D = d.deltaFrom !== null && l >= d.deltaFrom ? B[`delta${l}`] : null;
      const dMax = dense ? d.dMax : maxAbs(D); // δ rings: dense relative to all layers (δ shrink backwards), image per layer
      for (let i = 0; i < n; i++) {
        disc(ctx, dense, x[i], y[i], r, (Number.isFinite(a[i]) ? clamp01(Math.abs(a[i]) / scale) : 1) * show, a[i] < 0 ? C.cool : C.warm);
        let edge = dense ? [[120, 140, 190], 0.55, 1.25] : [C.white, 0.16, r >= 6 ? 1.2 : 0.8];
        if (l === d.K && i === d.guess && show > 0.5) edge = [C.warm, 0.95, edge[2]];
        else if (bias) {
          const rel = Math.min(1, Math.abs(bias[i]) / d.wRef) || 0;
          edge = [signColour(bias[i], v.palette), 0.45 + 0.5 * rel, 1.25 + 2.5 * rel];
        }
        ring(ctx, x[i], y[i], r, ...edge);
        const m = D ? Math.abs(D[i]) / dMax || 0 : 0;
        if (D && dMax > 0 && (dense || m > 0.02)) ring(ctx, x[i], y[i], r + ringOff + ringGrow * m * (fresh ? d.eased : 1), C.violet, (0.25 + 0.75 * m) * (fresh ? 1 : 0.6), 1.5 + 2 * m);
        if (v.hover?.type === 'neuron' && v.hover.l === l && v.hover.i === i) ring(ctx, x[i], y[i], r + 3, C.white, 0.9, 2);
        if (l === 1 && i === v.focus) ring(ctx, x[i], y[i], r + 4, C.flash, 0.95, 2);
      }
    }
  }
}

/** What the frame says, in the form the drawing uses. */
function scene(frame, v, dense) {
  const K = frame.sizes.length - 1;
  const s = frame.state ?? {};
  const known = frame.known ?? { lit: K + 1, deltaFrom: null, error: false, output: true };
  const [phase, layer, t] = [s.phase ?? 'idle', s.layer ?? -1, clamp01(v.t ?? 1)];
  const deltaFrom = known.deltaFrom ?? null;
  let dMax = 0;
  for (let l = deltaFrom ?? K + 1; l <= K; l++) dMax = Math.max(dMax, maxAbs(frame.buffers[`delta${l}`]));
  let wRef = 3; // synapse widths (dense layout) are relative to the largest |w|, at least 3
  for (let k = 0; dense && k < K; k++) wRef = Math.max(wRef, maxAbs(frame.buffers[`weights${k}`]));
  return {
    K, phase, layer, t, eased: ease(t), dense, known, deltaFrom, dMax, wRef,
    probing: !!s.probing,
    pal: palette(v.palette),
    guess: known.output ? frame.guess ?? null : null,
    // How much layer l shows this pass's activations (fading in as the forward signal arrives).
    reveal: (l, from = dense ? 0.55 : 0.4) => (l < known.lit ? (phase === 'forward' && l === layer + 1 && t < 1 ? smooth(from, 1, t) : 1) : 0),
  };
}

/** Weights of layer k, tweened from before{k} while an update animates. */
function tweened(frame, k, d) {
  const [w, b] = [frame.buffers[`weights${k}`], frame.buffers[`before${k}`]];
  return d.phase !== 'update' || d.t >= 1 || b?.length !== w.length ? w : w.map((x, q) => b[q] + (x - b[q]) * d.eased);
}

/** Synapse q of weight layer k from its source (or, backward, from its target) to `to` of the way along. */
function segment(g, k, q, backward, to) {
  const [A, B] = [g.layers[k], g.layers[k + 1]];
  const j = Math.floor(q / B.n);
  const i = q - j * B.n;
  const [x0, y0, x1, y1] = backward ? [B.x[i], B.y[i], A.x[j], A.y[j]] : [A.x[j], A.y[j], B.x[i], B.y[i]];
  return [x0, y0, x0 + (x1 - x0) * to, y0 + (y1 - y0) * to];
}

/**
 * Strokes weight layer k's synapses (all, or the indices in idx) over [0, to] of their length,
 * bucketed by sign and strength so each bucket is one path. strokes(u, sign) gives the
 * [colour, alpha, width] strokes of a bucket of strength u (0..1; sign 0: not finite); head(x, y, u),
 * when given, marks where each signed line ends, after all strokes.
 */
function paint(ctx, g, k, values, idx, { scale, levels = 8, curve = 1, min = 0, to = 1, backward = false, record = null, strokes, head = null }) {
  const max = scale ?? maxAbs(values, idx);
  if (!values || !(max > 0)) return;
  const lists = Array.from({ length: 3 * levels }, () => []);
  for (let p = 0, n = idx ? idx.length : values.length; p < n; p++) {
    const q = idx ? idx[p] : p;
    const m = Math.min(1, Math.abs(values[q]) / max);
    if (!Number.isFinite(values[q])) lists[3 * levels - 1].push(q);
    else if (m >= min) lists[(values[q] >= 0 ? 0 : levels) + Math.min(levels - 1, Math.floor(m ** curve * levels))].push(q);
  }
  ctx.lineCap = 'round';
  lists.forEach((list, b) => {
    if (!list.length) return;
    const specs = strokes(((b % levels) + 1) / levels, b < levels ? 1 : b < 2 * levels ? -1 : 0);
    ctx.beginPath();
    for (const q of list) {
      const [x0, y0, x1, y1] = segment(g, k, q, backward, to);
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      if (record) record[q] = specs[0][2];
    }
    for (const [colour, alpha, width] of specs) {
      Object.assign(ctx, { strokeStyle: rgba(colour, alpha), lineWidth: width });
      ctx.stroke();
    }
  });
  if (head) lists.slice(0, 2 * levels).forEach((list, b) => list.forEach((q) => head(...segment(g, k, q, backward, to).slice(2), ((b % levels) + 1) / levels)));
}
