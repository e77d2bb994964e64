// Every first-hidden-layer neuron's incoming weights as a picture the size of the input image:
// green where a lit pixel pushes the neuron up, red where it pushes it down (each picture
// scaled by its own largest |weight|). A ring shows how strongly the neuron fires for the image
// on the input now. Hovering or focusing a picture names the neuron and emphasises it in the
// network drawing.

import { fmt } from '../../core/format.js';

const POS = [74, 222, 128];
const NEG = [248, 81, 103];
const BASE = [10, 15, 28];

export class WeightPictures {
  /**
   * @param {HTMLElement} wrap  the element the canvas fills (its width decides the grid)
   * @param {(i: number) => void} onFocus  neuron hovered/focused (−1 when none)
   */
  constructor(wrap, onFocus, onResize = () => {}) {
    this.wrap = wrap;
    this.onFocus = onFocus;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'mn-weights-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    wrap.append(this.canvas);
    this.tip = document.createElement('div');
    this.tip.className = 'mn-tip';
    this.tip.hidden = true;
    wrap.append(this.tip);
    this.ctx = this.canvas.getContext('2d');
    this.tile = document.createElement('canvas');
    this.tctx = this.tile.getContext('2d');
    this.info = null;
    this.frame = null;
    this.hover = -1;
    this.dirty = true;
    this.width = 0;
    this.observer = new ResizeObserver(() => {
      const w = Math.round(wrap.getBoundingClientRect().width);
      if (w !== this.width) {
        this.width = w;
        this.layout();
        onResize();
      }
    });
    this.observer.observe(wrap);
    const pick = (e) => {
      const r = this.canvas.getBoundingClientRect();
      return this.at(e.clientX - r.left, e.clientY - r.top);
    };
    this.canvas.addEventListener('pointermove', (e) => this.setHover(pick(e)));
    this.canvas.addEventListener('pointerleave', () => this.setHover(-1));
    this.canvas.addEventListener('blur', () => this.setHover(-1));
    this.canvas.addEventListener('keydown', (e) => {
      const g = this.geo;
      if (!g) return;
      const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: g.cols, ArrowUp: -g.cols };
      if (e.key in moves) {
        e.preventDefault();
        const n = g.n;
        const cur = this.hover < 0 ? 0 : this.hover + moves[e.key];
        this.setHover(Math.max(0, Math.min(n - 1, cur)));
      } else if (e.key === 'Escape') this.setHover(-1);
    });
    this.canvas.addEventListener('focus', () => {
      if (this.hover < 0) this.setHover(0);
    });
  }

  destroy() {
    this.observer.disconnect();
    this.canvas.remove();
    this.tip.remove();
  }

  setInfo(info) {
    this.info = info;
    this.hover = -1;
    this.layout();
  }

  layout() {
    if (!this.info) return;
    const n = this.info.sizes[1];
    const side = Math.round(Math.sqrt(this.info.sizes[0]));
    const W = Math.max(120, this.width || this.wrap.getBoundingClientRect().width);
    const gap = n > 64 ? 4 : 8;
    // Big pictures for few neurons, a dense grid for many.
    const target = n <= 16 ? Math.min(120, (W - gap * 7) / 8) : n <= 64 ? 66 : 54;
    let cols = Math.max(1, Math.floor((W + gap) / (target + gap)));
    if (n <= 16 && cols >= 8) cols = 8;
    else if (n <= 16 && cols >= 4) cols = 4;
    cols = Math.min(cols, n);
    // Prefer a column count that divides the neurons evenly (128 → 16 × 8), when close.
    for (let c = cols; c >= Math.ceil(cols * 0.7); c--) {
      if (n % c === 0) {
        cols = c;
        break;
      }
    }
    const size = Math.floor((W - gap * (cols - 1)) / cols);
    const rows = Math.ceil(n / cols);
    const H = rows * size + (rows - 1) * gap;
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    this.canvas.width = Math.round(W * dpr);
    this.canvas.height = Math.round(H * dpr);
    this.canvas.style.width = `${W}px`;
    this.canvas.style.height = `${H}px`;
    this.geo = { n, side, cols, rows, size, gap, W, H, dpr };
    // All pictures at their own resolution in one image (1 pixel apart), drawn scaled at once.
    const iw = cols * (side + 1) - 1;
    const ih = rows * (side + 1) - 1;
    if (this.tile.width !== iw || this.tile.height !== ih) {
      this.tile.width = iw;
      this.tile.height = ih;
      this.tileImage = this.tctx.createImageData(iw, ih);
    }
    this.canvas.setAttribute('aria-label',
      `Incoming weights of the ${n} neurons of the first hidden layer, each as a ${side}×${side} picture: green positive, red negative. Use the arrow keys to go through them.`);
    this.dirty = true;
  }

  at(x, y) {
    const g = this.geo;
    if (!g) return -1;
    const c = Math.floor(x / (g.size + g.gap));
    const r = Math.floor(y / (g.size + g.gap));
    if (c < 0 || c >= g.cols || r < 0) return -1;
    const i = r * g.cols + c;
    return i < g.n ? i : -1;
  }

  setHover(i) {
    if (i === this.hover) return;
    this.hover = i;
    this.dirty = true;
    this.onFocus(i);
    this.updateTip();
  }

  updateTip() {
    const g = this.geo;
    const i = this.hover;
    if (!g || i < 0 || !this.frame) {
      this.tip.hidden = true;
      return;
    }
    const a = this.frame.buffers.a1;
    const b = this.frame.buffers.biases0;
    const c = i % g.cols;
    const r = Math.floor(i / g.cols);
    this.tip.hidden = false;
    this.tip.textContent = `neuron ${i + 1} · activation ${fmt(a?.[i], 2)} · bias ${fmt(b?.[i], 2)}`;
    const x = c * (g.size + g.gap) + g.size / 2;
    const y = r * (g.size + g.gap);
    this.tip.style.left = `${Math.max(60, Math.min(g.W - 60, x))}px`;
    this.tip.style.top = `${y}px`;
  }

  setFrame(frame) {
    this.frame = frame;
    this.dirty = true;
  }

  render() {
    if (!this.dirty || !this.frame || !this.geo) return;
    this.dirty = false;
    const f = this.frame;
    const w = f.buffers.weights0;
    const a = f.buffers.a1;
    if (!w) return;
    const { n, side, cols, size, gap, dpr } = this.geo;
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.geo.W, this.geo.H);
    const img = this.tileImage;
    const d = img.data;
    const iw = img.width;
    const pixels = side * side;
    // Each neuron's pictures scaled by its own largest |weight|. Column-major: the weight from
    // pixel j to neuron i is w[j·n + i], so one pass over w finds every maximum.
    const max = this.max && this.max.length === n ? this.max : (this.max = new Float32Array(n));
    max.fill(0);
    for (let j = 0; j < pixels; j++) {
      const row = j * n;
      for (let i = 0; i < n; i++) {
        const v = Math.abs(w[row + i]);
        if (v > max[i] && v !== Infinity) max[i] = v;
      }
    }
    for (let j = 0; j < pixels; j++) {
      const py = Math.floor(j / side);
      const px = j - py * side;
      const row = j * n;
      for (let i = 0; i < n; i++) {
        const inv = max[i] > 0 ? 1 / max[i] : 0;
        const v = w[row + i] * inv;
        const e = Math.sqrt(v < 0 ? (v < -1 ? 1 : -v) : v > 1 ? 1 : v || 0);
        const c = v >= 0 ? POS : NEG;
        const o = 4 * ((Math.floor(i / cols) * (side + 1) + py) * iw + (i % cols) * (side + 1) + px);
        d[o] = BASE[0] + (c[0] - BASE[0]) * e;
        d[o + 1] = BASE[1] + (c[1] - BASE[1]) * e;
        d[o + 2] = BASE[2] + (c[2] - BASE[2]) * e;
        d[o + 3] = 255;
      }
    }
    this.tctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = size / side < 2.5;
    let amax = 1;
    if (a) for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && Math.abs(a[i]) > amax) amax = Math.abs(a[i]);
    for (let i = 0; i < n; i++) {
      const x = (i % cols) * (size + gap);
      const y = Math.floor(i / cols) * (size + gap);
      ctx.drawImage(this.tile, (i % cols) * (side + 1), Math.floor(i / cols) * (side + 1), side, side, x, y, size, size);
      const g = a && Number.isFinite(a[i]) ? Math.min(1, Math.abs(a[i]) / amax) : 0;
      ctx.lineWidth = 2;
      ctx.strokeStyle = i === this.hover ? 'rgba(150,230,255,0.95)' : `rgba(255,214,140,${(0.06 + 0.85 * g).toFixed(3)})`;
      ctx.strokeRect(x + 1, y + 1, size - 2, size - 2);
    }
    if (this.hover >= 0) this.updateTip();
  }
}
