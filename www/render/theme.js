// The drawing's colours, fonts and palettes, for every canvas of the page (network, weight pictures,
// confusion matrix, charts), so the colour-blind palette applies everywhere. Colours are [r, g, b];
// rgba()/css() make canvas styles of them; line()/dot()/ring() are the strokes the drawings share.

import { PALETTES, DEFAULT_PALETTE } from '../core/palettes.js';
import { t } from '../core/i18n.js';

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

// The palettes (core/palettes.js: the values of the `palette` setting) colour a weight's sign everywhere.
export { PALETTES, DEFAULT_PALETTE };

export const palette = (name) => PALETTES[name] ?? PALETTES[DEFAULT_PALETTE];

// Message keys of the palettes (core/palettes.js: name → its words), looked up when shown.
const PALETTE_KEYS = { 'green-red': 'GreenRed', 'blue-orange': 'BlueOrange' };
const paletteKey = (name) => PALETTE_KEYS[name] ?? PALETTE_KEYS[DEFAULT_PALETTE];

/** One sentence describing the palette, for legends and accessible names. */
export function describePalette(name) {
  return t(`render.describe${paletteKey(name)}`);
}

/** The palette's name as a menu shows it ("Green / red"; the settings table makes it the page's language's). */
export const paletteLabel = (name) => palette(name).label;

/** The name of the palette's positive (`sign` 'pos') or negative ('neg') colour, lower case ("green"). */
export const colourName = (name, sign) => t(`render.colour${sign === 'neg' ? 'Neg' : 'Pos'}${paletteKey(name)}`);

export const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);
export const css = (c) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
export const rgba = (c, a) => `rgba(${c[0]},${c[1]},${c[2]},${clamp01(a).toFixed(3)})`;

/** The colour of a sign: the palette's positive or negative colour. */
export const signColour = (v, name) => (v >= 0 ? palette(name).pos : palette(name).neg);

/** A diverging scale for v in −1..1 → [r, g, b]: `base` at 0, the palette's colours at ±1, by √|v| (so small values show). */
export function diverging(v, name, base = COLOURS.tile) {
  const x = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
  const c = signColour(x, name);
  return [0, 1, 2].map((k) => Math.round(base[k] + (c[k] - base[k]) * Math.sqrt(Math.abs(x))));
}

/** The same scale as a lookup table: `steps` × r, g, b for v = −1 … +1 (entry round((v + 1) / 2 · (steps − 1))). */
export function divergingTable(name, steps = 255, base = COLOURS.tile) {
  const out = new Uint8ClampedArray(steps * 3);
  for (let s = 0; s < steps; s++) out.set(diverging((2 * s) / (steps - 1) - 1, name, base), 3 * s);
  return out;
}

/** A straight line from (x0, y0) to (x1, y1) in a CSS colour. */
export function line(ctx, x0, y0, x1, y1, style, width) {
  Object.assign(ctx, { strokeStyle: style, lineWidth: width });
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

/** A filled disc (fill: a CSS colour or gradient; none: the current fillStyle). */
export function dot(ctx, x, y, r, fill = ctx.fillStyle) {
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
}

/** A circle's outline in colour (an [r, g, b]) at alpha. */
export function ring(ctx, x, y, r, colour, alpha, width) {
  Object.assign(ctx, { strokeStyle: rgba(colour, alpha), lineWidth: width });
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.stroke();
}
