// Handwriting for the drawing benches: the ten digits as a person draws them on the pad (strokes
// of [x, y] points, 0..1 of the side), varied per drawing by a seeded random size, slant, place
// and wobble, and cut into points as far apart as a quick hand's pointer events (about 8 px on a
// 380 px pad). Used in the page (bench.js: Reader.readStrokes) and by run.mjs (real mouse events
// on www/draw/), so both measure the same drawings.

const arc = (cx, cy, rx, ry, from, to, n = 16) => Array.from({ length: n + 1 }, (_, i) => {
  const t = ((from + ((to - from) * i) / n) * Math.PI) / 180;
  return [cx + rx * Math.cos(t), cy + ry * Math.sin(t)];
});

/** One template per digit. */
export const DIGITS = [
  [arc(0.5, 0.5, 0.2, 0.32, -100, 262)],
  [[[0.54, 0.16], [0.52, 0.5], [0.49, 0.84]]],
  [[...arc(0.5, 0.34, 0.2, 0.17, -170, 20), [0.5, 0.6], [0.3, 0.84], [0.52, 0.83], [0.74, 0.84]]],
  [[...arc(0.48, 0.33, 0.19, 0.15, -160, 90), ...arc(0.48, 0.65, 0.21, 0.17, -90, 150).slice(1)]],
  [[[0.58, 0.16], [0.42, 0.42], [0.28, 0.62], [0.5, 0.62], [0.76, 0.61]], [[0.63, 0.36], [0.63, 0.6], [0.63, 0.86]]],
  [[[0.7, 0.17], [0.38, 0.17], [0.34, 0.46], ...arc(0.5, 0.63, 0.2, 0.2, -130, 150).slice(1)]],
  [[[0.62, 0.14], [0.45, 0.35], ...arc(0.5, 0.64, 0.19, 0.2, 190, 540)]],
  [[[0.27, 0.2], [0.5, 0.19], [0.73, 0.2], [0.6, 0.45], [0.46, 0.83]]],
  [[...arc(0.5, 0.32, 0.16, 0.15, 90, 450), ...arc(0.5, 0.65, 0.2, 0.19, -90, 270).slice(1)]],
  [[...arc(0.48, 0.34, 0.18, 0.17, 0, 380), [0.66, 0.6], [0.62, 0.86]]],
];

/** A small seeded generator (mulberry32), so every run draws the same. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Points along a polyline, `step` apart (the last point kept). */
function resample(points, step) {
  const out = [points[0]];
  let [px, py] = points[0];
  let carry = 0;
  for (const [x, y] of points.slice(1)) {
    const len = Math.hypot(x - px, y - py);
    let d = step - carry;
    while (d <= len) {
      out.push([px + ((x - px) * d) / len, py + ((y - py) * d) / len]);
      d += step;
    }
    carry = len - (d - step);
    [px, py] = [x, y];
  }
  const last = points.at(-1);
  if (out.at(-1) !== last) out.push(last);
  return out;
}

/** Drawing `i`: digit i % 10, varied; { digit, strokes }. `step`: the distance between points. */
export function drawing(i, step = 0.02) {
  const rnd = random(1000 + i);
  const digit = i % 10;
  const [s, slant, dx, dy] = [0.75 + 0.35 * rnd(), (rnd() - 0.5) * 0.3, (rnd() - 0.5) * 0.12, (rnd() - 0.5) * 0.12];
  const wobble = () => (rnd() - 0.5) * 0.006;
  const strokes = DIGITS[digit].map((stroke) => resample(stroke.map(([x, y]) => {
    const [u, v] = [(x - 0.5) * s, (y - 0.5) * s];
    return [0.5 + u - slant * v + dx, 0.5 + v + dy];
  }), step).map(([x, y]) => [x + wobble(), y + wobble()]));
  return { digit, strokes };
}

/** Strokes as Reader.readStrokes takes them: flat x, y and each stroke's end. */
export function flat(strokes) {
  const xy = Float32Array.from(strokes.flat(2));
  let n = 0;
  return { xy, ends: Uint32Array.from(strokes, (s) => (n += s.length)) };
}
