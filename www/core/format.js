// Number formatting for display, in the page's language (i18n.js: its decimal sign and grouping
// come from Intl.NumberFormat). No maths beyond rounding for print.

import { formatCompact, formatInt, localiseDigits } from './i18n.js';

const MINUS = '\u2212';

/** A number with `d` decimals and a real minus sign. */
export function fmt(x, d = 3) {
  if (x === null || x === undefined) return '–';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  const s = Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < Math.pow(10, -d) / 2 && d >= 3)
    ? x.toExponential(2)
    : x.toFixed(d);
  return localiseDigits(s.startsWith('-') ? MINUS + s.slice(1) : s);
}

/** Like fmt but always signed (+0.123 / −0.123). */
export function fmtSigned(x, d = 3) {
  const s = fmt(x, d);
  return s.startsWith(MINUS) || !Number.isFinite(x) ? s : `+${s}`;
}

/** A number in parentheses when negative, for writing sums: 1.2·(−0.5). */
export function fmtTerm(x, d = 3) {
  const s = fmt(x, d);
  return s.startsWith(MINUS) ? `(${s})` : s;
}

/** 60000 → "60,000" (English), "60.000" (German, Spanish). */
export const fmtInt = formatInt;

/** Compact axis labels: 1, 10, 100, 1K, 10K (as the language shortens them). */
export const fmtCompact = formatCompact;

export { formatPercent as percent } from './i18n.js';

/** Always fixed-point (for the drawing: 2–3 decimals, never exponents). */
export function fixed(x, d = 3) {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e5) return fmt(x, d);
  let s = x.toFixed(d);
  if (/^-0\.?0*$/.test(s)) s = s.slice(1); // no "−0.000"
  return localiseDigits(s.startsWith('-') ? MINUS + s.slice(1) : s);
}

export function fixedSigned(x, d = 3) {
  const s = fixed(x, d);
  return s.startsWith(MINUS) || !Number.isFinite(x) ? s : `+${s}`;
}
