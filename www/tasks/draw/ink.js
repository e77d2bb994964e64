// The pad's ink as the Reader takes it: every point's x, y (shares of the pad's side) in one flat
// Float32Array and, per stroke, the number of points up to its end in a Uint32Array. The buffers
// grow by doubling and are reused, so drawing allocates almost nothing; at most `maxPoints`
// points (the core's limit, Reader.info().maxPoints / pen().maxPoints) are kept. No DOM here.

export class Ink {
  /** `maxPoints`: the most points a drawing may hold (the core says how many). */
  constructor(maxPoints) {
    if (!(Number.isInteger(maxPoints) && maxPoints > 0)) throw new RangeError(`Ink: maxPoints must be a positive integer, got ${maxPoints}`);
    Object.assign(this, { max: maxPoints, xy: new Float32Array(2 * Math.min(1024, maxPoints)), ends: new Uint32Array(16), n: 0, count: 0, open: false });
  }

  /** Points and strokes held. */
  get points() {
    return this.n;
  }

  get strokes() {
    return this.count;
  }

  get empty() {
    return this.count === 0;
  }

  get full() {
    return this.n >= this.max;
  }

  /** Room for `more` points (the buffers grow; never past maxPoints). */
  reserve(more) {
    const need = this.n + more;
    if (2 * need > this.xy.length) {
      const grown = new Float32Array(2 * Math.min(this.max, Math.max(need, this.xy.length)));
      grown.set(this.xy.subarray(0, 2 * this.n));
      this.xy = grown;
    }
  }

  push(x, y) {
    this.reserve(1);
    this.xy[2 * this.n] = x;
    this.xy[2 * this.n + 1] = y;
    this.n++;
    this.ends[this.count - 1] = this.n;
  }

  /** Starts a stroke at (x, y); false (nothing changes) when the drawing is full. */
  begin(x, y) {
    if (this.full) return false;
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(2 * this.ends.length);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.count++;
    this.open = true;
    this.push(x, y);
    return true;
  }

  /**
   * Adds (x, y) to the open stroke unless it lies within `minStep` of the stroke's last point:
   * 'added', 'near' (skipped), 'full' (refused: maxPoints reached) or 'closed' (no open stroke).
   */
  extend(x, y, minStep = 0) {
    if (!this.open) return 'closed';
    const i = 2 * (this.n - 1);
    if (Math.hypot(x - this.xy[i], y - this.xy[i + 1]) < minStep) return 'near';
    if (this.full) return 'full';
    this.push(x, y);
    return 'added';
  }

  /** The open stroke ends (its points stay). */
  end() {
    this.open = false;
  }

  /** Removes the last stroke (the open one too); false when there is none. */
  undo() {
    if (this.count === 0) return false;
    this.count--;
    this.n = this.count ? this.ends[this.count - 1] : 0;
    this.open = false;
    return true;
  }

  clear() {
    Object.assign(this, { n: 0, count: 0, open: false });
  }

  /**
   * Appends finished strokes ([{x, y}, …] each, already checked). Throws a RangeError and keeps
   * the drawing as it was when they would take it past maxPoints.
   */
  add(strokes) {
    const total = strokes.reduce((sum, s) => sum + s.length, 0);
    if (this.n + total > this.max) {
      throw new RangeError(`the drawing would have ${this.n + total} points; the pad holds at most ${this.max}`);
    }
    this.reserve(total);
    for (const stroke of strokes) {
      this.begin(stroke[0].x, stroke[0].y);
      for (let j = 1; j < stroke.length; j++) this.push(stroke[j].x, stroke[j].y);
      this.end();
    }
  }

  /** Stroke k's points as [first, end) indices. */
  range(k) {
    return [k ? this.ends[k - 1] : 0, this.ends[k]];
  }

  /** What Reader.readStrokes takes: views of the points and stroke ends in use (no copy). */
  views() {
    return { xy: this.xy.subarray(0, 2 * this.n), ends: this.ends.subarray(0, this.count) };
  }
}
