// The one place for the drawing's colours, fonts and palettes. Every canvas of the page (the
// network, weight pictures, confusion matrix, charts) takes its colours from here, so the
// colour-blind palette applies everywhere. Colours are [r, g, b] arrays; rgba()/css() make
// canvas styles of them.

export const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const MONO = 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';

export const COLOURS = {
  bg: [6, 10, 22],          // the canvas
  disc: [11, 17, 35],       // a neuron's body
  panel: [14, 20, 40],      // boxes drawn on the canvas (the error box)
  tile: [10, 15, 28],       // weight 0 in weight pictures
  warm: [255, 214, 140],    // activation glow, forward signal, the guess
  cool: [125, 196, 255],    // negative activations (tanh, linear)
  violet: [168, 140, 255],  // the backward pass, δ
  flash: [150, 230, 255],   // the update, focus rings
  white: [255, 255, 255],
  error: [255, 184, 77],    // error = target − output
  pixelOff: [14, 20, 36],   // an input image's pixel at 0 …
  pixelOn: [255, 246, 226], // … and at 1
};

/** Text colours; each reads at ≥ 4.5:1 on the background (tests/unit/theme.test.mjs). */
export const TEXT = {
  bright: [232, 238, 255],  // titles
  value: [236, 242, 255],   // numbers beside neurons
  body: [219, 228, 243],    // labels
  output: [255, 236, 200],  // the output's value
  loss: [255, 217, 160],    // the average error
  label: [159, 176, 214],   // input names x1, x2
  muted: [138, 155, 196],   // captions, units
  dim: [114, 130, 170],     // layer names, notes
};

export const BG = css(COLOURS.bg);

// Colour palettes for the sign of a weight (synapses, bias rings, tooltips, legends, weight
// pictures, the confusion matrix). Green/red is the default; blue/orange stays distinct for
// red-green colour-blind viewers.
export const PALETTES = {
  'green-red': { label: 'Green / red', pos: [74, 222, 128], neg: [248, 81, 103], posName: 'green', negName: 'red' },
  'blue-orange': { label: 'Blue / orange (colour-blind friendly)', pos: [77, 163, 255], neg: [255, 150, 40], posName: 'blue', negName: 'orange' },
};
export const DEFAULT_PALETTE = 'green-red';

export function palette(name) {
  return PALETTES[name] ?? PALETTES[DEFAULT_PALETTE];
}

/** One sentence describing the palette, for legends and accessible names. */
export function describePalette(name) {
  const p = palette(name);
  return `${cap(p.posName)} synapses excite (positive weight), ${p.negName} ones inhibit (negative weight); the thicker, the stronger.`;
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);

export function css(c) {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function rgba(c, a) {
  return `rgba(${c[0]},${c[1]},${c[2]},${clamp01(a).toFixed(3)})`;
}

/** The colour of a sign: the palette's positive or negative colour. */
export function signColour(v, name) {
  const p = palette(name);
  return v >= 0 ? p.pos : p.neg;
}

/**
 * A diverging scale for v in −1..1: `base` at 0, the palette's positive colour at +1 and its
 * negative colour at −1, by √|v| (so small values still show). Returns [r, g, b].
 */
export function diverging(v, name, base = COLOURS.tile) {
  const x = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
  const c = signColour(x, name);
  const e = Math.sqrt(Math.abs(x));
  return [0, 1, 2].map((k) => Math.round(base[k] + (c[k] - base[k]) * e));
}

/**
 * The same scale as a lookup table for per-pixel loops: `steps` entries of r, g, b for
 * v = −1 … +1; entry for v is round((v + 1) / 2 · (steps − 1)).
 */
export function divergingTable(name, steps = 255, base = COLOURS.tile) {
  const out = new Uint8ClampedArray(steps * 3);
  for (let s = 0; s < steps; s++) out.set(diverging((2 * s) / (steps - 1) - 1, name, base), 3 * s);
  return out;
}
