// Synthetic frames in the shape of the core's frame snapshot (README, "Architecture"), for the renderer harness and
// unit tests: a 3-4-1 XOR network in each phase and a 784-16-16-10 image network. The maths
// here (a forward pass, a ranking of synapses) only makes test data; the renderer computes none.

const sigmoid = (x) => 1 / (1 + Math.exp(-x));

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Weights column-major n_out × n_in (element j·n_out + i: from j to i), a forward pass. */
function net(sizes, weights, biases, input) {
  const b = {};
  b.a0 = Float32Array.from(input);
  b.z0 = new Float32Array(sizes[0]);
  for (let k = 0; k < sizes.length - 1; k++) {
    const [nIn, nOut] = [sizes[k], sizes[k + 1]];
    b[`weights${k}`] = Float32Array.from(weights[k]);
    b[`biases${k}`] = Float32Array.from(biases[k]);
    const z = new Float32Array(nOut);
    for (let i = 0; i < nOut; i++) {
      z[i] = biases[k][i];
      for (let j = 0; j < nIn; j++) z[i] += b[`a${k}`][j] * weights[k][j * nOut + i];
    }
    b[`z${k + 1}`] = z;
    b[`a${k + 1}`] = z.map(sigmoid);
  }
  return b;
}

/** Indices of the `count` largest |values| (test data; the core ranks them for real). */
function strongest(values, count) {
  return Uint32Array.from([...values.keys()].sort((p, q) => Math.abs(values[q]) - Math.abs(values[p])).slice(0, count));
}

function backward(sizes, b, target) {
  const L = sizes.length - 1;
  b.target = Float32Array.from(target);
  b.error = b.target.map((t, i) => t - b[`a${L}`][i]);
  b[`delta${L}`] = b.error.map((e, i) => -e * b[`a${L}`][i] * (1 - b[`a${L}`][i]));
  for (let l = L - 1; l >= 0; l--) {
    const [n, nOut] = [sizes[l], sizes[l + 1]];
    const w = b[`weights${l}`];
    b[`gradWeights${l}`] = new Float32Array(n * nOut).map((_, q) => b[`a${l}`][Math.floor(q / nOut)] * b[`delta${l + 1}`][q % nOut]);
    b[`gradBiases${l}`] = b[`delta${l + 1}`].slice();
    b[`changeWeights${l}`] = b[`gradWeights${l}`].map((x) => -0.5 * x);
    b[`changeBiases${l}`] = b[`gradBiases${l}`].map((x) => -0.5 * x);
    b[`before${l}`] = w.map((x, q) => x - b[`changeWeights${l}`][q]);
    b[`delta${l}`] = new Float32Array(n).map((_, j) => {
      let s = 0;
      for (let i = 0; i < nOut; i++) s += w[j * nOut + i] * b[`delta${l + 1}`][i];
      return s * b[`a${l}`][j] * (1 - b[`a${l}`][j]);
    });
  }
}

const KNOWN = {
  idle: (L) => ({ lit: 0, deltaFrom: null, gradFrom: null, error: false, output: false }),
  present: () => ({ lit: 1, deltaFrom: null, gradFrom: null, error: false, output: false }),
  forward: (L, layer) => ({ lit: layer + 2, deltaFrom: null, gradFrom: null, error: false, output: layer + 2 > L }),
  error: (L) => ({ lit: L + 1, deltaFrom: L, gradFrom: null, error: true, output: true }),
  backward: (L, layer) => ({ lit: L + 1, deltaFrom: Math.max(layer, 1), gradFrom: layer, error: true, output: true }),
  update: (L) => ({ lit: L + 1, deltaFrom: null, gradFrom: 0, error: true, output: true }),
  probe: (L) => ({ lit: L + 1, deltaFrom: null, gradFrom: null, error: false, output: true }),
  trained: (L) => ({ lit: L + 1, deltaFrom: null, gradFrom: null, error: false, output: true }), // while playing
};

function topTwo(out) {
  const order = [...out.keys()].sort((p, q) => out[q] - out[p]);
  return out.length >= 2 ? [order[0], order[1]] : [null, null];
}

function frameOf(sizes, buffers, phase, layer, extra = {}) {
  const L = sizes.length - 1;
  const known = KNOWN[phase](L, layer);
  const [guess, runnerUp] = known.output ? topTwo(buffers[`a${L}`]) : [null, null];
  const state = { task: extra.task ?? 'xor3', cycle: extra.cycle ?? 60000, example: 2, exampleCount: 7, phase: phase === 'probe' || phase === 'trained' ? 'update' : phase, layer: layer ?? null, inProgress: false, probing: phase === 'probe', loss: 0.0184, exampleLoss: 0.02, diverged: false, snapshotCount: 3, seen: 0 };
  return { state, sizes, activations: sizes.slice(1).map(() => 'sigmoid'), bias: true, known, guess, runnerUp, beforeExact: true, buffers };
}

// A trained-looking 3-4-1 XOR network (input 3 is the distraction).
// Hidden 1 ≈ x1 OR x2, hidden 2 ≈ x1 AND x2; the output ≈ OR and not AND.
const XOR_W = [
  [6, 5, -4, 0.2, 6, 5, 4, -0.3, 0.4, -0.2, 0.3, 0.5],
  [9, -10, -2, 0.5],
];
const XOR_B = [[-3, -8, -1, 0], [-4]];

/** The XOR network on input [1, 0, 0] (target 1) in a phase: idle present forward error backward update probe trained. */
export function xorFrame(phase, layer = null) {
  const sizes = [3, 4, 1];
  const b = net(sizes, XOR_W, XOR_B, phase === 'probe' ? [1, 1, 0] : [1, 0, 0]);
  backward(sizes, b, [phase === 'probe' ? 0 : 1]);
  return frameOf(sizes, b, phase, layer);
}

/** A digit-like 28×28 image: a "6" drawn as a ring and a stroke. */
function digit() {
  const img = new Float32Array(784);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const ring = Math.abs(Math.hypot(x - 13.5, y - 17.5) - 5) < 1.6;
      const stem = Math.abs(x - 9 - (17 - y) * 0.35) < 1.5 && y > 4 && y < 18;
      const v = ring || stem ? 1 : 0;
      img[y * 28 + x] = v ? 0.6 + 0.4 * ((x + y) % 3 === 0 ? 0.5 : 1) : 0;
    }
  }
  return img;
}

/** A 784-H1-H2-10 network reading the digit, in a phase; strong{k} for layers over 4096 weights. */
export function imageFrame(phase, layer = null, hidden = [16, 16]) {
  const sizes = [784, ...hidden, 10];
  const rand = rng(7 + hidden[0]);
  const W = [];
  const Bs = [];
  for (let k = 0; k < sizes.length - 1; k++) {
    const scale = 3 / Math.sqrt(sizes[k]);
    W.push(Array.from({ length: sizes[k] * sizes[k + 1] }, () => (rand() * 2 - 1) * scale * (rand() < 0.1 ? 4 : 1)));
    Bs.push(Array.from({ length: sizes[k + 1] }, () => rand() * 2 - 1));
  }
  // Make output 6 win.
  for (let j = 0; j < sizes.at(-2); j++) W.at(-1)[j * 10 + 6] += 1.2;
  const b = net(sizes, W, Bs, digit());
  backward(sizes, b, Array.from({ length: 10 }, (_, i) => (i === 6 ? 1 : 0)));
  for (let k = 0; k < sizes.length - 1; k++) {
    if (b[`weights${k}`].length <= 4096) continue;
    b[`strong${k}`] = strongest(b[`weights${k}`], 2000);
    b[`strongGrad${k}`] = strongest(b[`gradWeights${k}`], 2000);
    b[`strongChange${k}`] = strongest(b[`changeWeights${k}`], 2000);
  }
  return frameOf(sizes, b, phase, layer, { task: 'mnist', cycle: 1 });
}
