// Every first-hidden-layer neuron's incoming weights as a picture the size of the input image, in
// the palette's colours (each scaled by its own largest |weight|); a ring shows how strongly it fires
// for the image on the input now. Hovering or focusing a picture (arrow keys move, Escape leaves)
// names the neuron and emphasises it in the network drawing.

import { fmt } from '../../core/format.js';
import { t } from '../../core/i18n.js';
import { COLOURS, colourName, divergingTable, rgba } from '../../render/theme.js';

export class WeightPictures {
  /** `wrap`: what the canvas fills (its width decides the grid); onFocus(i): neuron i hovered/focused (−1: none). */
  constructor(wrap, onFocus, onResize) {
    Object.assign(this, { wrap, onFocus, sizes: null, frame: null, hover: -1, dirty: true, width: 0 });
    wrap.insertAdjacentHTML('beforeend', '<canvas class="mn-weights-canvas" tabindex="0" role="img"></canvas><div class="mn-tip" hidden></div>');
    [this.canvas, this.tip] = [wrap.querySelector('canvas'), wrap.querySelector('.mn-tip')];
    this.ctx = this.canvas.getContext('2d');
    this.tile = document.createElement('canvas');
    this.tctx = this.tile.getContext('2d');
    // Laid out on the next animation frame, not in the observer's callback: a new canvas height
    // there would change the layout being observed (a "ResizeObserver loop" error).
    this.resizeFrame = 0;
    this.observer = new ResizeObserver(() => {
      if (this.resizeFrame) return;
      this.resizeFrame = requestAnimationFrame(() => {
        this.resizeFrame = 0;
        const w = Math.round(wrap.getBoundingClientRect().width);
        if (w === this.width) return;
        this.width = w;
        this.layout();
        onResize();
      });
    });
    this.observer.observe(wrap);
    const c = this.canvas;
    c.addEventListener('pointermove', (e) => {
      const r = c.getBoundingClientRect();
      this.setHover(this.at(e.clientX - r.left, e.clientY - r.top));
    });
    c.addEventListener('pointerleave', () => this.setHover(-1));
    c.addEventListener('blur', () => this.setHover(-1));
    c.addEventListener('focus', () => this.setHover(Math.max(0, this.hover)));
    c.addEventListener('keydown', (e) => {
      const g = this.geo;
      const move = g && { ArrowRight: 1, ArrowLeft: -1, ArrowDown: g.cols, ArrowUp: -g.cols }[e.key];
      if (move) {
        e.preventDefault();
        this.setHover(Math.max(0, Math.min(g.n - 1, this.hover < 0 ? 0 : this.hover + move)));
      } else if (e.key === 'Escape') this.setHover(-1);
    });
  }

  destroy() {
    this.observer.disconnect();
    cancelAnimationFrame(this.resizeFrame);
  }

  setPalette(name) {
    this.palette = name;
    this.table = divergingTable(name);
    this.layout();
  }

  /** A new frame; a network of another shape lays the pictures out again. */
  setFrame(frame) {
    this.frame = frame;
    this.dirty = true;
    if (String(frame.sizes) === String(this.sizes)) return;
    this.sizes = frame.sizes;
    this.hover = -1;
    this.layout();
  }

  /** The grid: big pictures for few neurons, a dense grid for many. */
  layout() {
    if (!this.sizes) return;
    const [n, side] = [this.sizes[1], Math.round(Math.sqrt(this.sizes[0]))];
    const W = Math.max(120, this.width || this.wrap.getBoundingClientRect().width);
    const gap = n > 64 ? 4 : 8;
    const target = n <= 16 ? Math.min(120, (W - gap * 7) / 8) : n <= 64 ? 66 : 54;
    let cols = Math.max(1, Math.floor((W + gap) / (target + gap)));
    if (n <= 16 && cols >= 4) cols = cols >= 8 ? 8 : 4;
    cols = Math.min(cols, n);
    // Prefer a column count that divides the neurons evenly (128 → 16 × 8), when close.
    cols = Array.from({ length: cols }, (_, k) => cols - k).find((c) => c >= cols * 0.7 && n % c === 0) ?? cols;
    const size = Math.floor((W - gap * (cols - 1)) / cols);
    const rows = Math.ceil(n / cols);
    const H = rows * size + (rows - 1) * gap;
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    Object.assign(this.canvas, { width: Math.round(W * dpr), height: Math.round(H * dpr) });
    Object.assign(this.canvas.style, { width: `${W}px`, height: `${H}px` });
    this.geo = { n, side, cols, rows, size, gap, W, H, dpr };
    // All pictures at their own resolution in one image (1 pixel apart), drawn scaled at once.
    const [iw, ih] = [cols * (side + 1) - 1, rows * (side + 1) - 1];
    if (this.tile.width !== iw || this.tile.height !== ih) {
      Object.assign(this.tile, { width: iw, height: ih });
      this.tileImage = this.tctx.createImageData(iw, ih);
    }
    this.canvas.setAttribute('aria-label', t('mnist.weightsLabel', { n, side, pos: colourName(this.palette, 'pos'), neg: colourName(this.palette, 'neg') }));
    this.dirty = true;
  }

  at(x, y) {
    const g = this.geo;
    if (!g) return -1;
    const [c, r] = [Math.floor(x / (g.size + g.gap)), Math.floor(y / (g.size + g.gap))];
    return c >= 0 && c < g.cols && r >= 0 && r * g.cols + c < g.n ? r * g.cols + c : -1;
  }

  setHover(i) {
    if (i === this.hover) return;
    this.hover = i;
    this.dirty = true;
    this.onFocus(i);
    this.updateTip();
  }

  updateTip() {
    const [g, i, f] = [this.geo, this.hover, this.frame];
    this.tip.hidden = !g || i < 0 || !f;
    if (this.tip.hidden) return;
    this.tip.textContent = t('mnist.neuronTip', { i: i + 1, activation: fmt(f.buffers.a1?.[i], 2), bias: fmt(f.buffers.biases0?.[i], 2) });
    // Centred over the picture, but kept inside the grid (its width depends on the language).
    const half = Math.min(g.W / 2, (this.tip.offsetWidth || 120) / 2);
    this.tip.style.left = `${Math.max(half, Math.min(g.W - half, (i % g.cols) * (g.size + g.gap) + g.size / 2))}px`;
    this.tip.style.top = `${Math.floor(i / g.cols) * (g.size + g.gap)}px`;
  }

  render() {
    const f = this.frame;
    if (!this.dirty || !f?.buffers.weights0 || !this.geo) return;
    this.dirty = false;
    const { n, side, cols, size, gap, dpr, W, H } = this.geo;
    this.paintTile(f.buffers.weights0);
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.imageSmoothingEnabled = size / side < 2.5;
    const a = f.buffers.a1;
    let amax = 1;
    for (let i = 0; a && i < a.length; i++) if (Number.isFinite(a[i]) && Math.abs(a[i]) > amax) amax = Math.abs(a[i]);
    ctx.lineWidth = 2;
    for (let i = 0; i < n; i++) {
      const [x, y] = [(i % cols) * (size + gap), Math.floor(i / cols) * (size + gap)];
      ctx.drawImage(this.tile, (i % cols) * (side + 1), Math.floor(i / cols) * (side + 1), side, side, x, y, size, size);
      const glow = a && Number.isFinite(a[i]) ? Math.min(1, Math.abs(a[i]) / amax) : 0;
      ctx.strokeStyle = i === this.hover ? rgba(COLOURS.flash, 0.95) : rgba(COLOURS.warm, 0.06 + 0.85 * glow);
      ctx.strokeRect(x + 1, y + 1, size - 2, size - 2);
    }
    if (this.hover >= 0) this.updateTip();
  }

  /** Every neuron's weights into the tile image, each scaled by its own largest |weight|. */
  paintTile(w) {
    const { n, side, cols } = this.geo;
    const img = this.tileImage;
    const [d, iw, T] = [img.data, img.width, this.table];
    // Column-major: the weight from pixel j to neuron i is w[j·n + i], so one pass finds every maximum.
    const max = this.max?.length === n ? this.max.fill(0) : (this.max = new Float32Array(n));
    for (let q = 0; q < side * side * n; q++) {
      const v = Math.abs(w[q]);
      if (v > max[q % n] && v !== Infinity) max[q % n] = v;
    }
    for (let j = 0; j < side * side; j++) {
      const [py, px] = [Math.floor(j / side), j % side];
      for (let i = 0; i < n; i++) {
        const v = max[i] > 0 ? w[j * n + i] / max[i] : 0;
        const t = 3 * Math.round(((v < -1 ? -1 : v > 1 ? 1 : v || 0) + 1) * 127); // divergingTable's entry for v
        const o = 4 * ((Math.floor(i / cols) * (side + 1) + py) * iw + (i % cols) * (side + 1) + px);
        d[o] = T[t];
        d[o + 1] = T[t + 1];
        d[o + 2] = T[t + 2];
        d[o + 3] = 255;
      }
    }
    this.tctx.putImageData(img, 0, 0);
  }
}
