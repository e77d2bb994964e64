// The drawing pad: pointer events (mouse, touch, pen) become strokes kept as points (0..1 of the
// side, in ink.js's flat buffers), so Undo redraws the rest, the pad stays crisp at any size, and
// the Reader reads the points themselves (Reader.readStrokes paints them in Rust: no pixels are
// read back from a canvas). The pen's width and the most points a drawing holds are the core's
// (wasm pen()); the glow is a CSS filter.

import { CanvasFit } from '../../render/canvas-fit.js';
import { el } from '../../ui/controls.js';
import { Ink } from './ink.js';

const MIN_STEP = 0.0025; // a point closer than this (share of the side) to the last is skipped

/** Paints the ink in white, each stroke as quadratic curves through the midpoints of its points (as the core's raster.rs). */
function paint(ctx, ink, side, pen) {
  Object.assign(ctx, { lineCap: 'round', lineJoin: 'round', lineWidth: pen * side, strokeStyle: '#ffffff' });
  const xy = ink.xy;
  const x = (i) => xy[2 * i] * side;
  const y = (i) => xy[2 * i + 1] * side;
  for (let k = 0; k < ink.strokes; k++) {
    const [first, end] = ink.range(k);
    ctx.beginPath();
    ctx.moveTo(x(first), y(first));
    for (let i = first + 1; i < end - 1; i++) ctx.quadraticCurveTo(x(i), y(i), (x(i) + x(i + 1)) / 2, (y(i) + y(i + 1)) / 2);
    ctx.lineTo(end - first === 1 ? x(end - 1) + 0.01 : x(end - 1), y(end - 1)); // a single point: a dot of round caps
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
  /** `wrap`: a square box the canvas fills; `pen`: the core's { width, maxPoints } (wasm pen());
   *  `on`: { label, describedBy, onChange (the ink changed, while drawing too), onEnd (a stroke
   *  ended, or strokes were removed), onFull (a point was refused: the drawing holds maxPoints) }. */
  constructor(wrap, pen, on) {
    Object.assign(this, { on, pen: pen.width, ink: new Ink(pen.maxPoints), pointerId: null, dirty: true, refused: false });
    this.canvas = wrap.appendChild(el('canvas', { class: 'dr-pad-canvas', role: 'img', ariaLabel: on.label, ariaDescribedby: on.describedBy }));
    this.ctx = this.canvas.getContext('2d');
    this.listeners = {
      pointerdown: (e) => this.down(e),
      pointermove: (e) => this.move(e),
      pointerup: (e) => this.up(e),
      pointercancel: (e) => this.up(e),
      lostpointercapture: (e) => this.up(e),
      contextmenu: (e) => e.preventDefault(), // no menu or text selection from a long press
    };
    for (const [name, fn] of Object.entries(this.listeners)) this.canvas.addEventListener(name, fn);
    this.moved = () => (this.rect = null); // the pad moved on the screen: measure it again
    const win = this.canvas.ownerDocument.defaultView;
    win.addEventListener('scroll', this.moved, { capture: true, passive: true });
    win.addEventListener('resize', this.moved);
    this.fit = new CanvasFit(wrap, this.canvas, () => {
      this.rect = null;
      this.dirty = true;
      this.render();
    });
    this.render();
  }

  get empty() {
    return this.ink.empty;
  }

  /** Strokes on the pad. */
  get strokes() {
    return this.ink.strokes;
  }

  get drawing() {
    return this.pointerId !== null;
  }

  /** The event's point in shares of the side, into `this.px`, `this.py` (no allocation). The
   *  pad's box is measured when a stroke begins (and again after a scroll or resize): measuring
   *  it on every move would make the browser lay out the words and bars the last move changed. */
  point(e) {
    const r = (this.rect ??= this.canvas.getBoundingClientRect());
    const clamp = (v) => Math.max(-0.05, Math.min(1.05, v));
    this.px = clamp((e.clientX - r.left) / (r.width || 1));
    this.py = clamp((e.clientY - r.top) / (r.height || 1));
  }

  /** Adds the event's point to the stroke unless it is too close to the last one; whether it did. */
  extend(e) {
    this.point(e);
    const done = this.ink.extend(this.px, this.py, MIN_STEP);
    if (done === 'full') this.refuse();
    return done === 'added';
  }

  /** A point did not fit: said once per stroke. */
  refuse() {
    if (this.refused) return;
    this.refused = true;
    this.on.onFull?.();
  }

  down(e) {
    // One pointer draws (a second finger does not); a mouse with its main button.
    if (this.pointerId !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    this.refused = false;
    this.rect = null;
    this.point(e);
    if (!this.ink.begin(this.px, this.py)) {
      this.refuse();
      return;
    }
    this.pointerId = e.pointerId;
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // A synthetic event has no pointer to capture; drawing works without.
    }
    this.changed();
  }

  move(e) {
    if (e.pointerId !== this.pointerId || this.pointerId === null) return;
    e.preventDefault();
    const events = e.getCoalescedEvents?.();
    let added = false;
    if (events?.length) for (const ev of events) added = this.extend(ev) || added;
    else added = this.extend(e);
    if (added) this.changed();
  }

  up(e) {
    if (e.pointerId !== this.pointerId || this.pointerId === null) return;
    if (e.type === 'pointerup') this.extend(e);
    this.ink.end();
    this.pointerId = null;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    this.changed(true);
  }

  /** The ink changed; `ended`: a stroke ended or strokes were removed. */
  changed(ended = false) {
    this.dirty = true;
    this.on.onChange();
    if (ended) this.on.onEnd();
  }

  /** Adds finished strokes (checked by toStrokes) without pointer events; no handlers run. Throws a RangeError past maxPoints (nothing added). */
  add(strokes) {
    this.ink.add(strokes);
    this.dirty = true;
  }

  clear() {
    this.ink.clear();
    this.pointerId = null;
    this.changed(true);
  }

  /** Removes the last stroke (the one being drawn too); false when there was none. */
  undo() {
    if (!this.ink.undo()) return false;
    this.pointerId = null;
    this.changed(true);
    return true;
  }

  /** Redraws the visible pad when the strokes changed. */
  render() {
    if (!this.dirty) return;
    this.dirty = false;
    const side = this.canvas.width;
    this.ctx.clearRect(0, 0, side, side);
    paint(this.ctx, this.ink, side, this.pen);
  }

  destroy() {
    this.fit.destroy();
    for (const [name, fn] of Object.entries(this.listeners)) this.canvas.removeEventListener(name, fn);
    const win = this.canvas.ownerDocument.defaultView;
    win?.removeEventListener('scroll', this.moved, { capture: true });
    win?.removeEventListener('resize', this.moved);
    this.canvas.remove();
  }
}
