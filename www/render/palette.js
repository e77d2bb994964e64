// The palettes live in theme.js (the one place for colours); this module keeps the old import
// path working.

export { PALETTES, DEFAULT_PALETTE, palette, css, describePalette } from './theme.js';
