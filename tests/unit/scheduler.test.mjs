import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Slicer } from '../../www/core/scheduler.js';

/** A fake clock: each item costs `msPerItem`. */
function fake(msPerItem) {
  let t = 0;
  return { clock: () => t, work: (n) => { t += n * msPerItem; return n; } };
}

test('the slice size converges on what fits the budget', () => {
  const f = fake(0.01); // 100 items per ms
  const s = new Slicer({ budgetMs: 8, clock: f.clock });
  let n = 0;
  for (let i = 0; i < 40; i++) n = s.run(Infinity, f.work);
  assert.ok(Math.abs(n - 800) <= 8, `8 ms at 100/ms ≈ 800 items, got ${n}`);
});

test('it never exceeds what is wanted, nor its bounds', () => {
  const f = fake(0.0001);
  const s = new Slicer({ budgetMs: 10, max: 5000, clock: f.clock });
  for (let i = 0; i < 50; i++) s.run(Infinity, f.work);
  assert.equal(s.size(), 5000);
  assert.equal(s.size(7), 7);
  assert.equal(new Slicer({ budgetMs: 10, min: 8, clock: f.clock }).size(), 8);
});

test('it slows down when the work gets slower', () => {
  const fast = fake(0.001);
  const s = new Slicer({ budgetMs: 10, clock: () => fast.clock() });
  for (let i = 0; i < 30; i++) s.run(Infinity, fast.work);
  const before = s.size();
  for (let i = 0; i < 6; i++) s.took(s.size(), s.size() * 0.1); // suddenly 100× slower
  assert.ok(s.size() < before / 10, `${s.size()} < ${before / 10}`);
});
