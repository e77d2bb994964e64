// Colour palettes for the sign of a weight (synapses, bias rings, tooltips, legend).
// Green/red is the default; blue/orange stays distinct for red-green colour-blind viewers.

export const PALETTES = {
  'green-red': {
    label: 'Green / red',
    pos: [74, 222, 128],
    neg: [248, 81, 103],
    posName: 'green',
    negName: 'red',
  },
  'blue-orange': {
    label: 'Blue / orange (colour-blind friendly)',
    pos: [77, 163, 255],
    neg: [255, 150, 40],
    posName: 'blue',
    negName: 'orange',
  },
};

export const DEFAULT_PALETTE = 'green-red';

export function palette(name) {
  return PALETTES[name] ?? PALETTES[DEFAULT_PALETTE];
}

export const css = (c) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** One sentence describing the palette, for legends and accessible names. */
export function describePalette(name) {
  const p = palette(name);
  return `${cap(p.posName)} synapses excite (positive weight), ${p.negName} ones inhibit (negative weight); the thicker, the stronger.`;
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);
