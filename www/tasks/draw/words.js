// What the draw section says, in words, about one reading (the Reader's frame state: verdict, the
// two likeliest digits, calibrated confidence) and about how the drawing became the network's
// input (its steps). Every number comes from the frame; this only phrases it, in the page's
// language (the draw.* messages). No DOM here.

import { lang, t } from '../../core/i18n.js';
import { fixed, percent as formatPercent } from '../../core/format.js';

// The 102 texts a bar can show, made once per language: the pen's path writes ten per move, and
// Intl.NumberFormat's format() is the slow part of that.
let texts = null;
/** A share 0..1 as a percentage: "93%", "<1%" for a trace, "0%" for none, "–" for no number. */
export function percent(p) {
  if (!Number.isFinite(p)) return '–';
  if (texts?.code !== lang()) texts = { code: lang(), whole: Array.from({ length: 101 }, (_, v) => formatPercent(v / 100, 0)), trace: `<${formatPercent(0.01, 0)}` };
  const v = Math.round(p * 100);
  return p * 100 < 0.5 && p !== 0 ? texts.trace : texts.whole[v] ?? formatPercent(v / 100, 0);
}

/** "a 7", "an 8" (in German "eine 7", in Spanish "un 7"). */
const a = (d) => t('draw.aDigit', { d });

/**
 * The words for a reading (frame state, not null): `kind` (the verdict), `label` (above the big
 * answer), `big` (the answer), `note` (under it) and `said` (the status announcement).
 */
export function readingWords({ verdict, first, second, confidence }) {
  const [p1, p2] = [percent(confidence[first]), percent(confidence[second])];
  const params = { first, second, p1, p2, aFirst: a(first), aSecond: a(second) };
  if (verdict === 'no-digit') {
    return {
      kind: verdict, label: t('draw.noDigitLabel'), big: '?',
      note: t('draw.noDigitNote', params),
      said: t('draw.noDigitSaid', params),
    };
  }
  if (verdict === 'unsure') {
    return {
      kind: verdict, label: t('draw.unsureLabel'), big: t('draw.unsureBig', params),
      note: t('draw.unsureNote', params),
      said: t('draw.unsureSaid', params),
    };
  }
  return {
    kind: 'sure', label: t('draw.sureLabel'), big: String(first),
    note: t('draw.sureNote', params),
    said: t('draw.sureSaid', params),
  };
}

/** The note under the bars: what they show and when the network says it is not sure. */
export const barsNote = ({ unsureBelow }) => t('draw.barsNote', { percent: percent(unsureBelow) });

/** Spaces that must not break a number from its unit or its "×" (captions are narrow). */
const nb = (text) => text.replace(/ /g, '\u00a0');
const num = (x, digits = 1) => (Number.isInteger(x) ? x : fixed(x, digits));

/** "2 right, 1 up", or "" for no move ([dx, dy]: right and down are positive). */
export function moveWords([dx, dy]) {
  const parts = [];
  if (dx) parts.push(t(dx > 0 ? 'draw.moveRight' : 'draw.moveLeft', { n: Math.abs(dx) }));
  if (dy) parts.push(t(dy > 0 ? 'draw.moveDown' : 'draw.moveUp', { n: Math.abs(dy) }));
  return parts.join(t('draw.moveJoin'));
}

/**
 * The four steps from drawing to input, each { title, detail, label } (the caption's two lines
 * and the picture's description), from the frame's steps (not null).
 */
export function stepsWords(s) {
  const [x0, y0, x1, y1] = s.bounds;
  const [w, h] = [x1 - x0, y1 - y0];
  const [cx, cy] = s.centreOfMass;
  const [fx, fy] = [s.shift[0] + cx, s.shift[1] + cy];
  const side = `${s.boxSide} × ${s.boxSide}`;
  const field = `${s.field} × ${s.field}`;
  const scale = fixed(s.scale, 2);
  const moved = moveWords(s.moved);
  const small = `${s.smallWidth} × ${s.smallHeight}`;
  return [
    {
      title: t('draw.step1Title'),
      detail: nb(`${w} × ${h} px`),
      label: t('draw.step1Label', { width: s.width, height: s.height, w, h, x0, y0 }),
    },
    {
      title: t('draw.step2Title'),
      detail: `${nb(`× ${scale}`)} → ${nb(small)}`,
      label: t('draw.step2Label', { scale, side, size: small }),
    },
    {
      title: t('draw.step3Title'),
      detail: moved ? t('draw.step3Moved', { moved }) : t('draw.step3Centred'),
      label: t(moved ? 'draw.step3LabelMoved' : 'draw.step3Label', { field, moved, x: num(fx), y: num(fy), centre: num(s.field / 2) }),
    },
    {
      title: t('draw.step4Title'),
      detail: nb(`${field} px`),
      label: t('draw.step4Label', { field }),
    },
  ];
}

/** The "pen stops" message: the drawing holds `maxPoints` points at most. */
export const fullWords = (maxPoints) => t('draw.full', { max: maxPoints });
