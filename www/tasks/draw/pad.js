// The drawing pad: pointer events (mouse, touch, pen) become strokes of light ink. Strokes are
// kept as point lists (0..1 of the pad's side), so Undo redraws the rest and the pad is crisp at
// any size and pixel ratio. A second, offscreen canvas of a fixed READ_SIZE holds the same
// strokes for reading: light ink on a transparent background, as the preprocessing expects.
// Both get the same pure ink (the glow is a CSS filter), so the visible canvas reads the same.

/** Side of the canvas that is read (its pixels go to the Reader), in pixels. */
export const READ_SIZE = 280;
/**
 * Stroke width as a share of the pad's side. A digit drawn over most of the pad is scaled into
 * MNIST's 20-pixel box by about 1/10, which turns this into MNIST's 2–3 pixel pen.
 */
export const STROKE = 0.075;
/** Points closer than this (share of the side) to the last one are skipped. */
const MIN_STEP = 0.0025;
const INK = '#ffffff';

/** Traces one stroke with quadratic curves through the midpoints of its points. */
function trace(ctx, pts, side) {
  const n = pts.length;
  ctx.beginPath();
  if (n === 1) {
    // A dot: an arc filled by the round cap of a zero-length line.
    ctx.moveTo(pts[0].x * side, pts[0].y * side);
    ctx.lineTo(pts[0].x * side + 0.01, pts[0].y * side);
    return;
  }
  ctx.moveTo(pts[0].x * side, pts[0].y * side);
  for (let i = 1; i < n - 1; i++) {
    const p = pts[i];
    const q = pts[i + 1];
    ctx.quadraticCurveTo(p.x * side, p.y * side, ((p.x + q.x) / 2) * side, ((p.y + q.y) / 2) * side);
  }
  ctx.lineTo(pts[n - 1].x * side, pts[n - 1].y * side);
}

function paint(ctx, strokes, side) {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = STROKE * side;
  ctx.strokeStyle = INK;
  for (const s of strokes) {
    trace(ctx, s, side);
    ctx.stroke();
  }
}

/** Checks programmatic strokes ([[x, y] | {x, y}, …] per stroke, 0..1) and copies them. */
export function toStrokes(strokes) {
  if (!Array.isArray(strokes)) throw new TypeError('strokes must be an array of strokes (arrays of [x, y] points, 0..1)');
  return strokes.map((stroke, i) => {
    if (!Array.isArray(stroke) || stroke.length === 0) throw new TypeError(`stroke ${i + 1} must be a non-empty array of [x, y] points`);
    return stroke.map((p, j) => {
      const x = Array.isArray(p) ? p[0] : p?.x;
      const y = Array.isArray(p) ? p[1] : p?.y;
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        throw new TypeError(`stroke ${i + 1}, point ${j + 1}: x and y must be finite numbers (0..1 of the pad's side)`);
      }
      return { x, y };
    });
  });
}

export class DrawPad {
  /**
   * @param {HTMLElement} wrap  a square box; the canvas fills it
   * @param {{ label: string, describedBy?: string, onChange: () => void, onStart?: () => void,
   *   onEnd: () => void }} handlers  onChange: the ink changed (while drawing too); onEnd: a
   *   stroke ended (pen up), or strokes were removed
   */
  constructor(wrap, handlers) {
    this.wrap = wrap;
    this.handlers = handlers;
    this.strokes = [];
    this.current = null;
    this.pointerId = null;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'dr-pad-canvas';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', handlers.label);
    if (handlers.describedBy) this.canvas.setAttribute('aria-describedby', handlers.describedBy);
    wrap.append(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.reading = document.createElement('canvas');
    this.reading.width = READ_SIZE;
    this.reading.height = READ_SIZE;
    this.rctx = this.reading.getContext('2d', { willReadFrequently: true });
    this.side = 0;
    this.dpr = 1;

    const c = this.canvas;
    this.listeners = [
      ['pointerdown', (e) => this.down(e)],
      ['pointermove', (e) => this.move(e)],
      ['pointerup', (e) => this.up(e)],
      ['pointercancel', (e) => this.up(e)],
      ['lostpointercapture', (e) => this.up(e)],
      // No context menu or text selection from a long press while drawing.
      ['contextmenu', (e) => e.preventDefault()],
    ];
    for (const [name, fn] of this.listeners) c.addEventListener(name, fn);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(wrap);
    this.resize();
  }

  get empty() {
    return this.strokes.length === 0;
  }

  get drawing() {
    return this.current !== null;
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    const s = r.width || 1;
    const clamp = (v) => (v < -0.05 ? -0.05 : v > 1.05 ? 1.05 : v);
    return { x: clamp((e.clientX - r.left) / s), y: clamp((e.clientY - r.top) / (r.height || 1)) };
  }

  down(e) {
    if (this.pointerId !== null) return; // a second finger does not draw
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    this.pointerId = e.pointerId;
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // A synthetic event has no pointer to capture; drawing works without.
    }
    this.current = [this.point(e)];
    this.strokes.push(this.current);
    this.handlers.onStart?.();
    this.changed();
  }

  move(e) {
    if (e.pointerId !== this.pointerId || !this.current) return;
    e.preventDefault();
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    let added = false;
    for (const ev of events.length ? events : [e]) {
      const p = this.point(ev);
      const last = this.current[this.current.length - 1];
      if (Math.hypot(p.x - last.x, p.y - last.y) < MIN_STEP) continue;
      this.current.push(p);
      added = true;
    }
    if (added) this.changed();
  }

  up(e) {
    if (e.pointerId !== this.pointerId) return;
    if (e.type === 'pointerup') {
      const p = this.point(e);
      const last = this.current[this.current.length - 1];
      if (Math.hypot(p.x - last.x, p.y - last.y) >= MIN_STEP) this.current.push(p);
    }
    this.pointerId = null;
    this.current = null;
    try {
      if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    } catch {
      // already released
    }
    this.changed();
    this.handlers.onEnd();
  }

  changed() {
    this.dirty = true;
    this.handlers.onChange();
  }

  /** Adds finished strokes (checked by toStrokes) without pointer events; no handlers run. */
  add(strokes) {
    this.strokes.push(...strokes);
    this.dirty = true;
  }

  /** Removes every stroke. */
  clear() {
    this.strokes = [];
    this.current = null;
    this.pointerId = null;
    this.changed();
    this.handlers.onEnd();
  }

  /** Removes the last stroke; false when there was none. */
  undo() {
    if (this.strokes.length === 0) return false;
    const last = this.strokes.pop();
    if (last === this.current) {
      this.current = null;
      this.pointerId = null;
    }
    this.changed();
    this.handlers.onEnd();
    return true;
  }

  resize() {
    const r = this.wrap.getBoundingClientRect();
    const dpr = Math.min(window.devicePixelRatio || 1, 3);
    const side = Math.max(1, Math.round(Math.min(r.width, r.height) || r.width));
    if (side === this.side && dpr === this.dpr) return;
    this.side = side;
    this.dpr = dpr;
    this.canvas.width = Math.round(side * dpr);
    this.canvas.height = Math.round(side * dpr);
    this.dirty = true;
    this.render();
  }

  /** Redraws the visible pad and the reading canvas when the strokes changed. */
  render() {
    if (!this.dirty) return;
    this.dirty = false;
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    paint(ctx, this.strokes, this.canvas.width);
    const r = this.rctx;
    r.clearRect(0, 0, READ_SIZE, READ_SIZE);
    paint(r, this.strokes, READ_SIZE);
  }

  /** The reading canvas's pixels (READ_SIZE², RGBA), drawn up to date. */
  pixels() {
    this.render();
    return this.rctx.getImageData(0, 0, READ_SIZE, READ_SIZE);
  }

  destroy() {
    this.observer.disconnect();
    for (const [name, fn] of this.listeners) this.canvas.removeEventListener(name, fn);
    this.canvas.remove();
  }
}
