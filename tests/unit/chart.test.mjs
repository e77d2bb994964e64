import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimate } from '../../www/render/chart.js';

test('a long series becomes one entry per pixel column, with its extremes', () => {
  const n = 1_000_000;
  const y = (i) => Math.sin(i / 1000);
  let calls = 0;
  const px = (i) => (calls++, Math.floor((i / n) * 500));
  const cols = decimate(n, px, (i) => (calls++, y(i)));
  assert.equal(cols.length, 500);
  assert.ok(calls < 500 * 60, `O(pixels): ${calls} reads of a million points`);
  for (const [, a, b] of cols) assert.ok(a >= -1 && a <= 1 && b >= -1 && b <= 1);
});

test('short series keep every point; non-finite values are skipped', () => {
  assert.deepEqual(decimate(3, (i) => i * 10, (i) => [1, 2, 3][i]), [[0, 1, 1], [10, 2, 2], [20, 3, 3]]);
  assert.deepEqual(decimate(4, () => 7, (i) => [NaN, 5, 1, Infinity][i]), [[7, 5, 1]]);
  assert.deepEqual(decimate(2, () => 0, () => NaN), []);
  assert.deepEqual(decimate(0, () => 0, () => 0), []);
});

test('a column is drawn from its first extreme to its other one', () => {
  // Falling within the column: from the max down to the min; rising: min up to max.
  assert.deepEqual(decimate(3, () => 0, (i) => [3, 2, 1][i]), [[0, 3, 1]]);
  assert.deepEqual(decimate(3, () => 0, (i) => [1, 2, 3][i]), [[0, 1, 3]]);
});
