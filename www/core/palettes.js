// The palettes a learner can pick for the sign of a weight: the values of the `palette` setting
// (config.js) and their colours (render/theme.js draws with them). Green/red is the default;
// blue/orange stays distinct for red-green colour-blind viewers.

export const PALETTES = {
  'green-red': { label: 'Green / red', pos: [74, 222, 128], neg: [248, 81, 103], posName: 'green', negName: 'red' },
  'blue-orange': { label: 'Blue / orange (colour-blind friendly)', pos: [77, 163, 255], neg: [255, 150, 40], posName: 'blue', negName: 'orange' },
};
export const DEFAULT_PALETTE = 'green-red';
