// The drawing pad: pointer events (mouse, touch, pen) become strokes kept as points (0..1 of the
// side), so Undo redraws the rest and the pad stays crisp at any size. A fixed-size offscreen
// canvas holds the same ink for reading; the glow is a CSS filter, so both read the same.

import { CanvasFit } from '../../render/canvas-fit.js';
import { el } from '../../ui/controls.js';

const READ_SIZE = 280; // side of the canvas the Reader reads, in pixels
// Pen width as a share of the side: a digit over most of the pad shrinks by about 1/10 into
// MNIST's 20-pixel box, which makes this MNIST's 2–3 pixel pen.
const STROKE = 0.075;
const MIN_STEP = 0.0025; // a point closer than this (share of the side) to the last is skipped

/** Paints strokes in white, each as quadratic curves through the midpoints of its points. */
function paint(ctx, strokes, side) {
  Object.assign(ctx, { lineCap: 'round', lineJoin: 'round', lineWidth: STROKE * side, strokeStyle: '#ffffff' });
  const at = (p) => [p.x * side, p.y * side];
  for (const pts of strokes) {
    ctx.beginPath();
    ctx.moveTo(...at(pts[0]));
    for (let i = 1; i < pts.length - 1; i++) {
      const [p, q] = [pts[i], pts[i + 1]];
      ctx.quadraticCurveTo(...at(p), ...at({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 }));
    }
    const [x, y] = at(pts.at(-1));
    ctx.lineTo(pts.length === 1 ? x + 0.01 : x, y); // a single point: a dot of round caps
    ctx.stroke();
  }
}

/** Checks strokes given to draw() ([[x, y] | {x, y}, …] per stroke, 0..1) and copies them. */
export function toStrokes(strokes) {
  const refuse = (why) => {
    throw new TypeError(`neuroglow draw: draw(strokes): ${why}`);
  };
  if (!Array.isArray(strokes)) refuse('strokes must be an array of strokes (arrays of [x, y] points, 0..1)');
  return strokes.map((stroke, i) => {
    if (!Array.isArray(stroke) || stroke.length === 0) refuse(`stroke ${i + 1} must be a non-empty array of [x, y] points`);
    return stroke.map((p, j) => {
      const [x, y] = Array.isArray(p) ? p : [p?.x, p?.y];
      if (!Number.isFinite(x) || !Number.isFinite(y)) refuse(`stroke ${i + 1}, point ${j + 1}: x and y must be finite numbers (0..1 of the pad's side)`);
      return { x, y };
    });
  });
}

export class DrawPad {
  /** `wrap`: a square box the canvas fills; `on`: { label, describedBy, onChange (the ink changed,
   *  while drawing too), onEnd (a stroke ended, or strokes were removed) }. */
  constructor(wrap, on) {
    Object.assign(this, { on, strokes: [], current: null, pointerId: null, dirty: true });
    this.canvas = wrap.appendChild(el('canvas', { class: 'dr-pad-canvas', role: 'img', ariaLabel: on.label, ariaDescribedby: on.describedBy }));
    this.ctx = this.canvas.getContext('2d');
    this.rctx = el('canvas', { width: READ_SIZE, height: READ_SIZE }).getContext('2d', { willReadFrequently: true });
    this.listeners = {
      pointerdown: (e) => this.down(e),
      pointermove: (e) => this.move(e),
      pointerup: (e) => this.up(e),
      pointercancel: (e) => this.up(e),
      lostpointercapture: (e) => this.up(e),
      contextmenu: (e) => e.preventDefault(), // no menu or text selection from a long press
    };
    for (const [name, fn] of Object.entries(this.listeners)) this.canvas.addEventListener(name, fn);
    this.fit = new CanvasFit(wrap, this.canvas, () => {
      this.dirty = true;
      this.render();
    });
    this.render();
  }

  get empty() {
    return this.strokes.length === 0;
  }

  get drawing() {
    return this.current !== null;
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    const clamp = (v) => Math.max(-0.05, Math.min(1.05, v));
    return { x: clamp((e.clientX - r.left) / (r.width || 1)), y: clamp((e.clientY - r.top) / (r.height || 1)) };
  }

  /** Adds the event's point to the stroke unless it is too close to the last one; whether it did. */
  extend(e) {
    const [p, last] = [this.point(e), this.current.at(-1)];
    if (Math.hypot(p.x - last.x, p.y - last.y) < MIN_STEP) return false;
    this.current.push(p);
    return true;
  }

  down(e) {
    // One pointer draws (a second finger does not); a mouse with its main button.
    if (this.pointerId !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    this.pointerId = e.pointerId;
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // A synthetic event has no pointer to capture; drawing works without.
    }
    this.current = [this.point(e)];
    this.strokes.push(this.current);
    this.changed();
  }

  move(e) {
    if (e.pointerId !== this.pointerId || !this.current) return;
    e.preventDefault();
    const events = e.getCoalescedEvents?.() ?? [];
    if ((events.length ? events : [e]).filter((ev) => this.extend(ev)).length) this.changed();
  }

  up(e) {
    if (e.pointerId !== this.pointerId) return;
    if (e.type === 'pointerup') this.extend(e);
    this.pointerId = this.current = null;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    this.changed(true);
  }

  /** The ink changed; `ended`: a stroke ended or strokes were removed. */
  changed(ended = false) {
    this.dirty = true;
    this.on.onChange();
    if (ended) this.on.onEnd();
  }

  /** Adds finished strokes (checked by toStrokes) without pointer events; no handlers run. */
  add(strokes) {
    this.strokes.push(...strokes);
    this.dirty = true;
  }

  clear() {
    this.strokes = [];
    this.current = this.pointerId = null;
    this.changed(true);
  }

  /** Removes the last stroke; false when there was none. */
  undo() {
    if (this.empty) return false;
    if (this.strokes.pop() === this.current) this.current = this.pointerId = null;
    this.changed(true);
    return true;
  }

  /** Redraws the visible pad and the reading canvas when the strokes changed. */
  render() {
    if (!this.dirty) return;
    this.dirty = false;
    for (const [ctx, side] of [[this.ctx, this.canvas.width], [this.rctx, READ_SIZE]]) {
      ctx.clearRect(0, 0, side, side);
      paint(ctx, this.strokes, side);
    }
  }

  /** The reading canvas's pixels (RGBA), drawn up to date. */
  pixels() {
    this.render();
    return this.rctx.getImageData(0, 0, READ_SIZE, READ_SIZE);
  }

  destroy() {
    this.fit.destroy();
    for (const [name, fn] of Object.entries(this.listeners)) this.canvas.removeEventListener(name, fn);
    this.canvas.remove();
  }
}
