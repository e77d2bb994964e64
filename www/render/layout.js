// Where the network's neurons are drawn, as pure functions of the layer sizes and the canvas
// size (CSS pixels), and what lies under a point. No canvas, no DOM: unit-tested in Node.
//
// A layout is { kind, key, w, h, layers: [{ n, x, y, r, reach, c, pitch }], ... }: per neuron
// layer the centres (Float32Array x, y), the radius r, how far from a centre a pointer still
// hits the neuron (`reach`; 0: not hit-tested) and the layer's centre line c.
//   'dense': a small graph (every layer ≤ DENSE_MAX neurons, e.g. XOR's 3-4-1): columns of
//            big neurons, room on the right for the output's value and the error box.
//   'image': an image-input graph (e.g. MNIST's 784-16-16-10): the input as a square image
//            (`grid`), the other layers as columns (rows on a narrow, tall canvas) that wrap
//            into lanes when they hold many neurons.

export const DENSE_MAX = 64;

const isSquare = (n) => Number.isInteger(Math.sqrt(n));

/** Which layout a network of these layer sizes gets: 'dense' or 'image'. */
export function layoutKind(sizes) {
  const n0 = sizes[0];
  if (n0 > DENSE_MAX) return 'image';
  return n0 >= 16 && isSquare(n0) && sizes.some((n) => n > DENSE_MAX) ? 'image' : 'dense';
}

/** The layout for these sizes on a w × h canvas. */
export function layout(sizes, w, h) {
  const g = layoutKind(sizes) === 'image' ? imageLayout(sizes, w, h) : denseLayout(sizes, w, h);
  g.key = `${w}x${h}:${sizes.join('-')}`;
  return g;
}

export function denseLayout(sizes, w, h) {
  const narrow = w < 620;
  const L = sizes.length;
  const [padL, padR, padT, padB] = narrow ? [50, 78, 62, 40] : [92, 272, 72, 46];
  const usableH = Math.max(40, h - padT - padB);
  const gapX = (w - padL - padR) / Math.max(1, L - 1);
  const spacing = sizes.map((n) => Math.min(usableH / n, narrow ? 84 : 118));
  const minSpacing = Math.min(...spacing);
  const r = Math.max(1.5, Math.min(narrow ? 15 : 21, minSpacing * 0.27, gapX * 0.1));
  const maxLine = Math.max(1.2, Math.min(narrow ? 9 : 14, minSpacing * 0.16, r * 0.75));
  const layers = sizes.map((n, l) => {
    const c = padL + gapX * l;
    const top = padT + (usableH - spacing[l] * (n - 1)) / 2;
    const y = Float32Array.from({ length: n }, (_, i) => top + spacing[l] * i);
    return { n, x: new Float32Array(n).fill(c), y, r, reach: r + 6, c, pitch: spacing[l], ringOff: 4, ringGrow: r * 1.1 };
  });
  return { kind: 'dense', w, h, narrow, layers, r, maxLine, padB, showValues: r >= 7 };
}

export function imageLayout(sizes, w, h) {
  const L = sizes.length - 1;
  const side = Math.ceil(Math.sqrt(sizes[0]));
  const vertical = w < 600 || w < h * 0.95;
  const pad = vertical ? 14 : 22;
  const few = sizes[L] <= 20;
  let grid;
  let depth;
  let across;
  if (!vertical) {
    const s = Math.floor(Math.min(h - 2 * pad - 22, w * 0.3, 360));
    grid = { x: pad + 4, y: Math.round((h - s) / 2) + 8, s, side };
    depth = [grid.x + s + Math.max(60, w * 0.1), w - pad - (few ? 96 : 40)];
    across = [pad + 26, h - pad];
  } else {
    const s = Math.floor(Math.min(w - 2 * pad, h * 0.34, 300));
    grid = { x: Math.round((w - s) / 2), y: pad + 18, s, side };
    depth = [grid.y + s + Math.max(56, h * 0.09), h - pad - (few ? 34 : 10)];
    across = [pad, w - pad];
  }
  const layers = [pixelLayer(sizes[0], grid)];
  for (let l = 1; l <= L; l++) {
    const c = depth[0] + (depth[1] - depth[0]) * (L === 1 ? 1 : (l - 1) / (L - 1));
    // Lanes of a big layer may spread towards the image, but not over it (nor past the labels).
    const clear = vertical ? grid.y + grid.s + 30 : grid.x + grid.s + 20;
    layers.push(placeLayer(sizes[l], l === L, c, across[0], across[1], vertical, [clear, depth[1]]));
  }
  return { kind: 'image', w, h, vertical, narrow: vertical, grid, layers };
}

/** The input image's pixels as neurons (centres of the cells; not hit-tested). */
function pixelLayer(n, grid) {
  const cell = grid.s / grid.side;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    x[j] = grid.x + ((j % grid.side) + 0.5) * cell;
    y[j] = grid.y + (Math.floor(j / grid.side) + 0.5) * cell;
  }
  return { n, x, y, r: cell / 2, reach: 0, c: grid.x + grid.s / 2, pitch: cell };
}

/**
 * Neuron centres of one layer across the breadth a..b at depth c, wrapping into lanes when many
 * (all lanes kept within the depths `range`).
 */
export function placeLayer(n, isOutput, c, a, b, vertical, range = [-Infinity, Infinity]) {
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
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const mid = (a + b) / 2;
  for (let i = 0; i < n; i++) {
    const lane = i % lanes;
    const count = Math.min(per, Math.ceil((n - lane) / lanes));
    const along = mid + (Math.floor(i / lanes) - (count - 1) / 2) * pitch;
    const off = c + (lane - (lanes - 1) / 2) * laneGap;
    x[i] = vertical ? along : off;
    y[i] = vertical ? off : along;
  }
  const reach = Math.max(r + 4, Math.min(pitch / 2, 14));
  return { n, x, y, r, reach, c, pitch, lanes, ringOff: 2, ringGrow: 3 };
}

/** The neuron nearest to (px, py) within its reach: { type: 'neuron', l, i, x, y, r } or null. */
export function hitNeuron(g, px, py) {
  let best = null;
  let bestD = Infinity;
  g.layers.forEach((lay, l) => {
    if (!(lay.reach > 0)) return;
    for (let i = 0; i < lay.n; i++) {
      const d = Math.hypot(px - lay.x[i], py - lay.y[i]);
      if (d <= lay.reach && d < bestD) {
        bestD = d;
        best = { type: 'neuron', l, i, x: lay.x[i], y: lay.y[i], r: lay.r };
      }
    }
  });
  return best;
}

/**
 * The synapse nearest to (px, py) in a dense layout, within half its drawn width (widths[k]
 * per synapse, column-major like the weights) plus a margin: { type: 'synapse', k, j, i } or null.
 */
export function hitSynapse(g, px, py, widths = []) {
  if (g.kind !== 'dense') return null;
  let best = null;
  let bestD = Infinity;
  for (let k = 0; k < g.layers.length - 1; k++) {
    const A = g.layers[k];
    const B = g.layers[k + 1];
    if (px < A.c || px > B.c) continue;
    for (let j = 0; j < A.n; j++) {
      for (let i = 0; i < B.n; i++) {
        const d = segDist(px, py, A.x[j], A.y[j], B.x[i], B.y[i]);
        const width = widths[k]?.[j * B.n + i] ?? 1;
        if (d <= Math.max(5, width / 2 + 3) && d < bestD) {
          bestD = d;
          best = { type: 'synapse', k, j, i };
        }
      }
    }
  }
  return best;
}

export function segDist(px, py, x0, y0, x1, y1) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}
