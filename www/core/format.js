// Number formatting for display. No maths beyond rounding for print.

const MINUS = '\u2212';

/** A number with `d` decimals and a real minus sign. */
export function fmt(x, d = 3) {
  if (x === null || x === undefined) return '–';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  const s = Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < Math.pow(10, -d) / 2 && d >= 3)
    ? x.toExponential(2)
    : x.toFixed(d);
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
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

/** 60000 → "60,000". */
export function fmtInt(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** Compact axis labels: 1, 10, 100, 1k, 10k. */
export function fmtCompact(n) {
  if (n >= 1e6) return `${n / 1e6}M`;
  if (n >= 1e3) return `${n / 1e3}k`;
  return String(n);
}

/** Always fixed-point (for the drawing: 2–3 decimals, never exponents). */
export function fixed(x, d = 3) {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e5) return fmt(x, d);
  let s = x.toFixed(d);
  if (/^-0\.?0*$/.test(s)) s = s.slice(1); // no "−0.000"
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

export function fixedSigned(x, d = 3) {
  const s = fixed(x, d);
  return s.startsWith(MINUS) || !Number.isFinite(x) ? s : `+${s}`;
}
