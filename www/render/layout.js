// Where the neurons are drawn, as pure functions of the layer sizes and the canvas size (CSS
// pixels), and what lies under a point. No canvas, no DOM: unit-tested in Node. A layout is
// { kind, key, w, h, layers: [{ n, x, y, r, reach, c }], ... }: per layer the centres (x, y), the
// radius, how far from a centre a pointer still hits (`reach`; 0: not hit-tested), the centre line c.
//   'dense': a small graph (XOR's 3-4-1): columns of big neurons, room on the right for the
//            output's value and the error box.
//   'image': an image-input graph (MNIST's 784-16-16-10): the input as a square image (`grid`),
//            the other layers as columns (rows when narrow) that wrap into lanes when big.

const DENSE_MAX = 64;

/** Which layout a network of these layer sizes gets: 'dense' or 'image'. */
export function layoutKind(sizes) {
  const n0 = sizes[0];
  return n0 > DENSE_MAX || (n0 >= 16 && Number.isInteger(Math.sqrt(n0)) && sizes.some((n) => n > DENSE_MAX)) ? 'image' : 'dense';
}

/** The layout for these sizes on a w × h canvas. */
export function layout(sizes, w, h) {
  const g = layoutKind(sizes) === 'image' ? imageLayout(sizes, w, h) : denseLayout(sizes, w, h);
  return Object.assign(g, { key: `${w}x${h}:${sizes.join('-')}`, sizes: sizes.slice() });
}

function denseLayout(sizes, w, h) {
  const narrow = w < 620;
  const [padL, padR, padT, padB] = narrow ? [50, 78, 62, 40] : [92, 272, 72, 46];
  const usableH = Math.max(40, h - padT - padB);
  const gapX = (w - padL - padR) / Math.max(1, sizes.length - 1);
  const spacing = sizes.map((n) => Math.min(usableH / n, narrow ? 84 : 118));
  const minSpacing = Math.min(...spacing);
  const r = Math.max(1.5, Math.min(narrow ? 15 : 21, minSpacing * 0.27, gapX * 0.1));
  const maxLine = Math.max(1.2, Math.min(narrow ? 9 : 14, minSpacing * 0.16, r * 0.75));
  const layers = sizes.map((n, l) => {
    const c = padL + gapX * l;
    const top = padT + (usableH - spacing[l] * (n - 1)) / 2;
    const y = Float32Array.from({ length: n }, (_, i) => top + spacing[l] * i);
    return { n, x: new Float32Array(n).fill(c), y, r, reach: r + 6, c, ringOff: 4, ringGrow: r * 1.1 };
  });
  return { kind: 'dense', w, h, narrow, layers, r, maxLine, padB, showValues: r >= 7 };
}

function imageLayout(sizes, w, h) {
  const L = sizes.length - 1;
  const side = Math.ceil(Math.sqrt(sizes[0]));
  const vertical = w < 600 || w < h * 0.95;
  const pad = vertical ? 14 : 22;
  const few = sizes[L] <= 20;
  // The image, then the layers from depth[0] to depth[1], across the breadth `across`.
  let grid, depth, across;
  if (!vertical) {
    const s = Math.floor(Math.min(h - 2 * pad - 22, w * 0.3, 360));
    grid = { x: pad + 4, y: Math.round((h - s) / 2) + 8, s, side };
    [depth, across] = [[grid.x + s + Math.max(60, w * 0.1), w - pad - (few ? 96 : 40)], [pad + 26, h - pad]];
  } else {
    const s = Math.floor(Math.min(w - 2 * pad, h * 0.34, 300));
    grid = { x: Math.round((w - s) / 2), y: pad + 18, s, side };
    [depth, across] = [[grid.y + s + Math.max(56, h * 0.09), h - pad - (few ? 34 : 10)], [pad, w - pad]];
  }
  // Lanes of a big layer may spread towards the image, but not over it (nor past the labels).
  const clear = vertical ? grid.y + grid.s + 30 : grid.x + grid.s + 20;
  const layers = sizes.map((n, l) => {
    if (l === 0) return pixelLayer(n, grid);
    const c = depth[0] + (depth[1] - depth[0]) * (L === 1 ? 1 : (l - 1) / (L - 1));
    return placeLayer(n, l === L, c, across, vertical, [clear, depth[1]]);
  });
  return { kind: 'image', w, h, vertical, narrow: vertical, grid, layers };
}

/** The input image's pixels as neurons (centres of the cells; not hit-tested). */
function pixelLayer(n, grid) {
  const cell = grid.s / grid.side;
  const x = Float32Array.from({ length: n }, (_, j) => grid.x + ((j % grid.side) + 0.5) * cell);
  const y = Float32Array.from({ length: n }, (_, j) => grid.y + (Math.floor(j / grid.side) + 0.5) * cell);
  return { n, x, y, r: cell / 2, reach: 0, c: grid.x + grid.s / 2 };
}

/** Neuron centres of one layer across the breadth [a, b] at depth c, wrapping into lanes when many (all kept within the depths `range`). */
function placeLayer(n, isOutput, c, [a, b], vertical, range) {
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
  const spread = lanes > 1 ? ((lanes - 1) / 2) * laneGap + r : 0;
  c = Math.max(range[0] + spread, Math.min(range[1] - spread, c));
  const [x, y] = [new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) {
    const lane = i % lanes;
    const count = Math.min(per, Math.ceil((n - lane) / lanes));
    const along = (a + b) / 2 + (Math.floor(i / lanes) - (count - 1) / 2) * pitch;
    const off = c + (lane - (lanes - 1) / 2) * laneGap;
    [x[i], y[i]] = vertical ? [along, off] : [off, along];
  }
  return { n, x, y, r, reach: Math.max(r + 4, Math.min(pitch / 2, 14)), c, ringOff: 2, ringGrow: 3 };
}

/** The neuron nearest to (px, py) within its reach: { type: 'neuron', l, i, x, y, r } or null. */
export function hitNeuron(g, px, py) {
  let [best, bestD] = [null, Infinity];
  g.layers.forEach((lay, l) => {
    for (let i = 0; lay.reach > 0 && i < lay.n; i++) {
      const d = Math.hypot(px - lay.x[i], py - lay.y[i]);
      if (d <= lay.reach && d < bestD) [best, bestD] = [{ type: 'neuron', l, i, x: lay.x[i], y: lay.y[i], r: lay.r }, d];
    }
  });
  return best;
}

/** The synapse nearest to (px, py) in a dense layout, within half its drawn width (widths[k][j·n_out + i]) plus a margin: { type: 'synapse', k, j, i } or null. */
export function hitSynapse(g, px, py, widths = []) {
  let [best, bestD] = [null, Infinity];
  for (let k = 0; g.kind === 'dense' && k < g.layers.length - 1; k++) {
    const [A, B] = [g.layers[k], g.layers[k + 1]];
    for (let j = 0; px >= A.c && px <= B.c && j < A.n; j++) {
      for (let i = 0; i < B.n; i++) {
        const d = segDist(px, py, A.x[j], A.y[j], B.x[i], B.y[i]);
        if (d <= Math.max(5, (widths[k]?.[j * B.n + i] ?? 1) / 2 + 3) && d < bestD) [best, bestD] = [{ type: 'synapse', k, j, i }, d];
      }
    }
  }
  return best;
}

export function segDist(px, py, x0, y0, x1, y1) {
  const [dx, dy] = [x1 - x0, y1 - y0];
  const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}
