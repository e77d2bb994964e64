// Layout geometry (www/render/layout.js): both layouts keep every neuron inside the canvas,
// neurons never overlap, and hit-testing finds the neuron (or synapse) under a point.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout, layoutKind, hitNeuron, hitSynapse, segDist } from '../../www/render/layout.js';

const DENSE = [[3, 4, 1], [2, 4, 1], [3, 4, 3, 1], [2, 8, 8, 1], [3, 16, 2]];
const IMAGE = [[784, 16, 16, 10], [784, 128, 64, 10], [784, 10], [784, 300, 10]];
const CANVASES = [[1180, 580], [820, 640], [1100, 640], [380, 560], [380, 760], [1280, 700]];

function* neurons(g, from = 0) {
  for (let l = from; l < g.layers.length; l++) {
    const lay = g.layers[l];
    for (let i = 0; i < lay.n; i++) yield { l, i, x: lay.x[i], y: lay.y[i], r: lay.r };
  }
}

test('layout kind follows the network shape', () => {
  for (const s of DENSE) assert.equal(layoutKind(s), 'dense', s.join('-'));
  for (const s of IMAGE) assert.equal(layoutKind(s), 'image', s.join('-'));
  assert.equal(layoutKind([3, 100, 1]), 'dense'); // no image input: a (crowded) dense graph, as before
  assert.equal(layoutKind([64, 100, 10]), 'image'); // an 8×8 image with a big layer
  assert.equal(layoutKind([100, 4, 2]), 'image'); // too many inputs for circles
});

for (const sizes of [...DENSE, ...IMAGE]) {
  for (const [w, h] of CANVASES) {
    test(`${sizes.join('-')} on ${w}×${h}: inside, no overlap, hit-testing`, () => {
      const g = layout(sizes, w, h);
      const from = g.grid ? 1 : 0;
      assert.equal(g.layers.length, sizes.length);
      g.layers.forEach((lay, l) => assert.equal(lay.n, sizes[l]));
      for (const p of neurons(g, from)) {
        assert.ok(p.x - p.r >= 0 && p.x + p.r <= w && p.y - p.r >= 0 && p.y + p.r <= h, `neuron ${p.l}/${p.i} at ${p.x},${p.y} r ${p.r} outside`);
      }
      if (g.grid) {
        const { x, y, s } = g.grid;
        assert.ok(x >= 0 && y >= 0 && x + s <= w && y + s <= h, 'the input image is inside');
        for (const p of neurons(g, 1)) {
          const inside = p.x + p.r > x && p.x - p.r < x + s && p.y + p.r > y && p.y - p.r < y + s;
          assert.ok(!inside, `neuron ${p.l}/${p.i} over the input image`);
        }
      }
      const all = [...neurons(g, from)];
      for (let a = 0; a < all.length; a++) {
        for (let b = a + 1; b < all.length; b++) {
          const [p, q] = [all[a], all[b]];
          assert.ok(Math.hypot(p.x - q.x, p.y - q.y) >= p.r + q.r, `${p.l}/${p.i} overlaps ${q.l}/${q.i}`);
        }
      }
      for (const p of all) {
        const hit = hitNeuron(g, p.x + p.r * 0.5, p.y - p.r * 0.3);
        assert.deepEqual([hit?.type, hit?.l, hit?.i], ['neuron', p.l, p.i]);
      }
      if (g.grid) assert.equal(hitNeuron(g, g.grid.x + g.grid.s / 2, g.grid.y + g.grid.s / 2), null, 'pixels are not hit-tested');
    });
  }
}

test('dense: the synapse under a point, and nothing on empty canvas', () => {
  const g = layout([3, 4, 1], 1180, 580);
  const [A, B] = [g.layers[0], g.layers[1]];
  for (let j = 0; j < A.n; j++) {
    for (let i = 0; i < B.n; i++) {
      // A point a third of the way along (away from the neurons, where lines do not cross).
      const t = 0.2;
      const px = A.x[j] + (B.x[i] - A.x[j]) * t;
      const py = A.y[j] + (B.y[i] - A.y[j]) * t;
      const widths = [new Float32Array(12).fill(4), new Float32Array(4).fill(4)];
      const hit = hitNeuron(g, px, py) ?? hitSynapse(g, px, py, widths);
      assert.equal(hit?.type, 'synapse');
      const [x0, y0, x1, y1] = [A.x[hit.j], A.y[hit.j], B.x[hit.i], B.y[hit.i]];
      assert.ok(segDist(px, py, x0, y0, x1, y1) <= 1e-3, `hit ${hit.j}→${hit.i} for ${j}→${i}`);
    }
  }
  assert.equal(hitNeuron(g, 5, 5) ?? hitSynapse(g, 5, 5), null);
  assert.equal(hitSynapse(layout([784, 16, 10], 820, 640), 400, 300), null, 'image layout: neurons only');
});

test('layouts are pure: same input, same output', () => {
  assert.deepEqual(layout([784, 16, 16, 10], 820, 640), layout([784, 16, 16, 10], 820, 640));
});
