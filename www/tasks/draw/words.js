// What the draw section says, in words, about one reading (the Reader's frame state: verdict, the
// two likeliest digits, calibrated confidence) and about how the drawing became the network's
// input (its steps). Every number comes from the frame; this only phrases it. No DOM here.

/** A share 0..1 as a percentage: "93%", "<1%" for a trace, "0%" for none, "–" for no number. */
export function percent(p) {
  if (!Number.isFinite(p)) return '–';
  const v = p * 100;
  return v >= 0.5 || v === 0 ? `${Math.round(v)}%` : '<1%';
}

/** "a 7", "an 8". */
const a = (d) => `${d === 8 || d === 11 || d === 18 ? 'an' : 'a'} ${d}`;

/**
 * The words for a reading (frame state, not null): `kind` (the verdict), `label` (above the big
 * answer), `big` (the answer), `note` (under it) and `said` (the status announcement).
 */
export function readingWords({ verdict, first, second, confidence }) {
  const [p1, p2] = [percent(confidence[first]), percent(confidence[second])];
  if (verdict === 'no-digit') {
    return {
      kind: verdict, label: 'No digit?', big: '?',
      note: `That doesn't look like a digit. Closest: ${first} (${p1}).`,
      said: `That doesn't look like a digit. The closest is ${a(first)} (${p1}).`,
    };
  }
  if (verdict === 'unsure') {
    return {
      kind: verdict, label: 'Not sure', big: `${first} or ${second}?`,
      note: `${first}: ${p1} · ${second}: ${p2}`,
      said: `Not sure: ${a(first)} or ${a(second)}? (${p1} and ${p2}.)`,
    };
  }
  return {
    kind: 'sure', label: 'It reads', big: String(first),
    note: `${p1} sure · runner-up ${second} (${p2})`,
    said: `It reads ${a(first)} (${p1}). Runner-up: ${second} (${p2}).`,
  };
}

/** The note under the bars: what they show and when the network says it is not sure. */
export const barsNote = ({ unsureBelow }) =>
  `How sure the network is of each digit (calibrated). Below ${percent(unsureBelow)} for its best guess it says it is not sure.`;

/** Spaces that must not break a number from its unit or its "×" (captions are narrow). */
const nb = (text) => text.replace(/ /g, '\u00a0');
const fmt = (x, digits = 1) => (Number.isInteger(x) ? String(x) : x.toFixed(digits));

/** "2 right, 1 up", or "" for no move ([dx, dy]: right and down are positive). */
export function moveWords([dx, dy]) {
  const parts = [];
  if (dx) parts.push(`${Math.abs(dx)} ${dx > 0 ? 'right' : 'left'}`);
  if (dy) parts.push(`${Math.abs(dy)} ${dy > 0 ? 'down' : 'up'}`);
  return parts.join(', ');
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
  const scale = s.scale.toFixed(2);
  const moved = moveWords(s.moved);
  return [
    {
      title: '1. Ink box',
      detail: nb(`${w} × ${h} px`),
      label: `Step 1: your ${s.width} × ${s.height} pixel drawing with the box around its ink outlined: ${w} × ${h} pixels, from pixel (${x0}, ${y0}).`,
    },
    {
      title: '2. Scaled',
      detail: `${nb(`× ${scale}`)} → ${nb(`${s.smallWidth} × ${s.smallHeight}`)}`,
      label: `Step 2: the ink scaled by ${scale} so its longer side fits the ${side} pixel box: now ${s.smallWidth} × ${s.smallHeight} pixels.`,
    },
    {
      title: '3. Centred',
      detail: moved ? `moved ${moved}` : 'already centred',
      label: `Step 3: placed in the ${field} field ${moved ? `and moved ${moved} (pixels) from plain centring` : 'where plain centring puts it'}, so its centre of mass (the ring, at ${fmt(fx)}, ${fmt(fy)}) sits on the field's centre (the cross, at ${s.field / 2}, ${s.field / 2}).`,
    },
    {
      title: '4. Read',
      detail: nb(`${field} px`),
      label: `Step 4: the ${field} pixels the network reads, one input neuron each.`,
    },
  ];
}

/** How many points a drawing holds, in words for the "pen stops" message. */
export const fullWords = (maxPoints, fmtInt) =>
  `This drawing has reached its limit of ${fmtInt(maxPoints)} points, so the pen stops here. Undo or Clear to draw on.`;
