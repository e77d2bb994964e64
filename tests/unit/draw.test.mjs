// The draw task's parts that need no browser: strokes given to draw() are checked and copied, a
// model the pad cannot use is refused by the facade's error code (not its message text), and the
// Reader's frame says what the controller shows (nothing lit on an empty pad; the guess after).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadWasm } from '../../www/core/wasm.js';
import { toStrokes } from '../../www/tasks/draw/pad.js';
import { openReader } from '../../www/tasks/draw/models.js';
import { setMessages } from '../../www/core/i18n.js';

// The words are the English catalogue's (www/lang/en.json).
setMessages('en', JSON.parse(readFileSync(new URL('../../www/lang/en.json', import.meta.url), 'utf8')));

test('toStrokes copies [x, y] and {x, y} points and names the bad one', () => {
  const given = [[[0.1, 0.2], { x: 0.3, y: 0.4 }]];
  const out = toStrokes(given);
  assert.deepEqual(out, [[{ x: 0.1, y: 0.2 }, { x: 0.3, y: 0.4 }]]);
  assert.notEqual(out[0], given[0]);
  assert.throws(() => toStrokes('seven'), /^TypeError: neuroglow draw: draw\(strokes\): strokes must be an array/);
  assert.throws(() => toStrokes([[]]), /stroke 1 must be a non-empty array/);
  assert.throws(() => toStrokes([[[0, 0], [NaN, 1]]]), /stroke 1, point 2: x and y must be finite numbers/);
});

test('openReader refuses a model without 784 inputs by its code, and bytes that are no model', async () => {
  const wasm = await loadWasm();
  const pg = new wasm.Playground({ task: 'xor3', hidden: [2] });
  const xor = pg.save('tiny');
  pg.free();
  assert.throws(() => openReader(wasm, xor), /cannot read drawings.*784 inputs.*current model stays/);
  assert.throws(() => openReader(wasm, new Uint8Array([1, 2, 3])), /could not be loaded.*current model stays/);
});

test("the Reader's frame: nothing lit on an empty pad; the guess and runner-up once it has read", async () => {
  const wasm = await loadWasm();
  const reader = openReader(wasm, await readFile(new URL('../../www/models/modern.ngm', import.meta.url)));
  let f = reader.frame();
  assert.equal(f.known.lit, 0);
  assert.equal(f.guess, null);
  const one = new Float32Array(784);
  for (let y = 4; y < 24; y++) one[y * 28 + 14] = 1;
  reader.readPixels(one);
  f = reader.frame();
  assert.equal(f.known.lit, f.sizes.length);
  assert.equal(f.known.output, true);
  assert.equal(f.guess, 1);
  assert.ok(Number.isInteger(f.runnerUp) && f.runnerUp !== 1);
  assert.ok(f.buffers.strong0 instanceof Uint32Array && f.buffers.strong0.length > 0);
  reader.free();
});
