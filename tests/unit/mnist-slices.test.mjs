// Training MNIST in the worker gives the same weights however the work is cut into slices: the
// Session trains whole mini-batches per call (session.js trainSlice), so a slow machine, a fast
// one, and Firefox, WebKit and Chromium (tests/engines) all reach the same network for a seed.
// A slice cut mid-batch would finish that batch example by example, summing in another order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../www/tasks/mnist/session.js';
import { idx } from './mnist-images.mjs';

/** One epoch of `options` on 500 images, the slicer always offering `slice` examples; the outcome. */
async function epoch(options, slice) {
  const posts = [];
  const s = new Session((msg) => posts.push(msg));
  let id = 0;
  const request = async (type, payload = {}) => {
    const mine = ++id;
    await s.receive({ type, id: mine, ...payload });
    return mine;
  };
  const [train, testSet] = [idx(500), idx(50)];
  await request('init', { options, files: { images: train.images, labels: train.labels, testImages: testSet.images, testLabels: testSet.labels } });
  const sizes = new Set();
  // As a machine of another speed would: the slicer offers `slice` examples per call.
  s.slicer.size = (want = Infinity) => Math.min(want, slice);
  const real = s.pg.trainExamples.bind(s.pg);
  s.pg.trainExamples = (k) => (sizes.add(k), real(k));
  const run = await request('train', { epochs: 1 });
  for (let i = 0; i < 500 && !posts.some((m) => m.type === 'reply' && m.id === run); i++) await new Promise((r) => setTimeout(r, 10));
  const reply = posts.find((m) => m.type === 'reply' && m.id === run);
  assert.equal(reply?.ok, true, JSON.stringify(reply?.error));
  const probe = await request('predict', { pixels: Array.from({ length: 784 }, (_, j) => ((j * 7) % 13) / 13) });
  const outputs = posts.find((m) => m.type === 'reply' && m.id === probe)?.value;
  s.receive({ type: 'pause', id: 999 });
  return { accuracy: reply.value.accuracy, loss: reply.value.loss, outputs: [...(outputs?.outputs ?? outputs ?? [])], sizes: [...sizes] };
}

test('3Blue1Brown (batches of 10): slices of 7, 64 and 333 examples give the same network, bit for bit', async () => {
  const options = { task: 'mnist', preset: '3b1b', seed: 3 };
  const [a, b, c] = [await epoch(options, 7), await epoch(options, 64), await epoch(options, 333)];
  assert.ok(a.outputs.length === 10, JSON.stringify(a.outputs));
  for (const r of [a, b, c]) assert.ok(r.sizes.every((k) => k % 10 === 0), `whole batches only: ${r.sizes}`);
  assert.deepEqual(b, { ...a, sizes: b.sizes });
  assert.deepEqual(c, { ...a, sizes: c.sizes });
});

test('batches that do not divide the epoch (32 into 500): the last, shorter batch is the same too', async () => {
  const options = { task: 'mnist', preset: 'modern', batchSize: 32, seed: 2 };
  const [a, b] = [await epoch(options, 50), await epoch(options, 1000)];
  assert.deepEqual(b.outputs, a.outputs);
  assert.equal(b.loss, a.loss);
  assert.ok(a.sizes.includes(500 % 32) || b.sizes.includes(500 % 32), `the epoch's last batch of ${500 % 32}: ${a.sizes} / ${b.sizes}`);
});
