// The draw section's logic that needs no browser: the pad's ink in flat buffers (what
// Reader.readStrokes takes; growing, undo, the point limit), the words for a reading's verdict
// and for the preprocessing steps, and a real Reader agreeing with them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadWasm } from '../../www/core/wasm.js';
import { Ink } from '../../www/tasks/draw/ink.js';
import { readingWords, stepsWords, moveWords, percent, barsNote } from '../../www/tasks/draw/words.js';
import { openReader } from '../../www/tasks/draw/models.js';
import { setMessages } from '../../www/core/i18n.js';

// The words are the English catalogue's (www/lang/en.json).
setMessages('en', JSON.parse(readFileSync(new URL('../../www/lang/en.json', import.meta.url), 'utf8')));

test('Ink keeps strokes as flat points and stroke ends, skips near points, and undoes', () => {
  const ink = new Ink(100);
  assert.equal(ink.empty, true);
  assert.deepEqual([...ink.views().xy], []);
  assert.equal(ink.begin(0.1, 0.2), true);
  assert.equal(ink.extend(0.1, 0.2005, 0.0025), 'near');
  assert.equal(ink.extend(0.3, 0.4, 0.0025), 'added');
  ink.end();
  assert.equal(ink.extend(0.5, 0.5), 'closed');
  ink.begin(0.7, 0.7);
  ink.end();
  const { xy, ends } = ink.views();
  assert.ok(xy instanceof Float32Array && ends instanceof Uint32Array);
  assert.deepEqual([...xy].map((v) => +v.toFixed(4)), [0.1, 0.2, 0.3, 0.4, 0.7, 0.7]);
  assert.deepEqual([...ends], [2, 3]);
  assert.deepEqual([ink.points, ink.strokes, ink.range(1)], [3, 2, [2, 3]]);
  assert.equal(ink.undo(), true);
  assert.deepEqual([...ink.views().ends], [2]);
  assert.equal(ink.points, 2);
  ink.clear();
  assert.equal(ink.undo(), false);
  assert.equal(ink.empty, true);
});

test('Ink grows its buffers without losing points and reuses them (views share one buffer)', () => {
  const ink = new Ink(5000);
  ink.begin(0, 0);
  for (let i = 1; i < 3000; i++) assert.equal(ink.extend(i / 3000, 0.5), 'added');
  ink.end();
  for (let k = 0; k < 40; k++) {
    ink.begin(k / 40, 0.1);
    ink.end();
  }
  const { xy, ends } = ink.views();
  assert.equal(xy.length, 2 * 3040);
  assert.equal(ends.length, 41);
  assert.equal(ends[40], 3040);
  assert.equal(xy[2 * 2999], Math.fround(2999 / 3000));
  assert.equal(ink.views().xy.buffer, xy.buffer, 'no new buffer when nothing grows');
});

test('Ink refuses points past maxPoints, keeping the drawing; add() refuses all or nothing', () => {
  const ink = new Ink(4);
  ink.begin(0, 0);
  assert.equal(ink.extend(0.1, 0), 'added');
  assert.equal(ink.extend(0.2, 0), 'added');
  assert.equal(ink.extend(0.3, 0), 'added');
  assert.equal(ink.full, true);
  assert.equal(ink.extend(0.4, 0), 'full');
  ink.end();
  assert.equal(ink.begin(0.5, 0.5), false);
  assert.equal(ink.strokes, 1);
  ink.undo();
  assert.throws(() => ink.add([[{ x: 0, y: 0 }, { x: 1, y: 1 }], [{ x: 0, y: 1 }, { x: 1, y: 0 }, { x: 0.5, y: 0.5 }]]), {
    name: 'RangeError', message: 'the drawing would have 5 points; the pad holds at most 4',
  });
  assert.equal(ink.empty, true);
  ink.add([[{ x: 0, y: 0 }, { x: 1, y: 1 }], [{ x: 0, y: 1 }]]);
  assert.deepEqual([...ink.views().ends], [2, 3]);
  assert.throws(() => new Ink(0), RangeError);
});

test('the words for each verdict name the digits and the calibrated confidence', () => {
  const confidence = [0.01, 0.02, 0, 0, 0.48, 0, 0, 0, 0.003, 0.487];
  const unsure = readingWords({ verdict: 'unsure', first: 9, second: 4, confidence });
  assert.deepEqual(unsure, { kind: 'unsure', label: 'Not sure', big: '9 or 4?', note: '9: 49% · 4: 48%', said: 'Not sure: a 9 or a 4? (49% and 48%.)' });
  const sure = readingWords({ verdict: 'sure', first: 8, second: 3, confidence: [0, 0, 0, 0.04, 0, 0, 0, 0, 0.96, 0] });
  assert.equal(sure.said, 'It reads an 8 (96%). Runner-up: 3 (4%).');
  assert.deepEqual([sure.label, sure.big, sure.note], ['It reads', '8', '96% sure · runner-up 3 (4%)']);
  const none = readingWords({ verdict: 'no-digit', first: 3, second: 5, confidence: [0.1, 0.1, 0.1, 0.22, 0.1, 0.1, 0.08, 0.05, 0.1, 0.05] });
  assert.equal(none.big, '?');
  assert.equal(none.note, "That doesn't look like a digit. Closest: 3 (22%).");
  assert.equal(none.said, "That doesn't look like a digit. The closest is a 3 (22%).");
  assert.deepEqual([percent(0.004), percent(0), percent(0.995), percent(NaN)], ['<1%', '0%', '100%', '–']);
  assert.match(barsNote({ unsureBelow: 0.75 }), /Below 75% for its best guess it says it is not sure/);
});

test('the steps in words carry the frame\'s numbers', () => {
  const s = {
    width: 280, height: 280, bounds: [64, 40, 216, 241], scale: 0.0995, smallWidth: 15, smallHeight: 20,
    centreOfMass: [7.25, 9.5], shift: [7, 5], field: 28, boxSide: 20, moved: [1, 1],
  };
  const sp = (w) => ({ ...w, detail: w.detail.replace(/\u00a0/g, ' ') }); // no-break spaces as spaces
  const [box, scaled, centred, read] = stepsWords(s).map(sp);
  assert.equal(box.detail, '152 × 201 px');
  assert.match(box.label, /your 280 × 280 pixel drawing .* 152 × 201 pixels, from pixel \(64, 40\)/);
  assert.equal(scaled.detail, '× 0.10 → 15 × 20');
  assert.match(scaled.label, /fits the 20 × 20 pixel box: now 15 × 20 pixels/);
  assert.equal(centred.detail, 'moved 1 right, 1 down');
  assert.match(centred.label, /the ring, at 14.3, 14.5\) sits on the field's centre \(the cross, at 14, 14\)/);
  assert.equal(read.detail, '28 × 28 px');
  assert.equal(stepsWords({ ...s, moved: [0, 0] })[2].detail, 'already centred');
  assert.deepEqual([moveWords([-2, 0]), moveWords([0, -1]), moveWords([0, 0])], ['2 left', '1 up', '']);
});

test('a Reader reads the ink\'s flat buffers; its frame gives the verdict, the confidence and the steps the words take', async () => {
  const wasm = await loadWasm();
  const pen = wasm.pen();
  assert.ok(pen.width > 0 && pen.width < 0.2 && pen.side > 0 && pen.maxPoints > 0, JSON.stringify(pen));
  const reader = openReader(wasm, await readFile(new URL('../../www/models/modern.ngm', import.meta.url)));
  const info = reader.info();
  assert.deepEqual([info.pen, info.side, info.maxPoints], [pen.width, pen.side, pen.maxPoints]);
  const ink = new Ink(info.maxPoints);
  ink.add([[{ x: 0.5, y: 0.15 }, { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.85 }]]);
  const { xy, ends } = ink.views();
  const out = reader.readStrokes(xy, ends);
  assert.equal(out.length, 10);
  const { state } = reader.frame();
  assert.ok(['sure', 'unsure', 'no-digit'].includes(state.verdict));
  assert.equal(state.first, 1);
  const words = readingWords(state);
  assert.equal(words.kind, state.verdict);
  const steps = stepsWords(state.steps);
  assert.equal(steps.length, 4);
  assert.match(steps[1].detail.replace(/\u00a0/g, ' '), new RegExp(`→ ${state.steps.smallWidth} × ${state.steps.smallHeight}$`));
  ink.clear();
  assert.equal(reader.readStrokes(ink.views().xy, ink.views().ends), undefined);
  assert.equal(reader.frame().state, null);
  reader.free();
});
