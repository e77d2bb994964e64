// The renderer (www/render/network.js) on a recording 2D context, without a browser: it draws
// every synthetic frame of the harness, takes the guess, what is lit and the strongest synapses
// from the frame (it computes none of them), and hit-tests what it drew.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xorFrame, imageFrame } from '../harness/frames.js';

/** A 2D context that accepts every call and records arcs and strokes. */
function recordingContext() {
  const log = { strokes: [], moves: 0, gradients: 0 };
  const gradient = { addColorStop() {} };
  let path = [];
  const target = {
    log,
    createRadialGradient: () => {
      log.gradients++;
      return gradient;
    },
    createImageData: (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    measureText: (s) => ({ width: s.length * 7 }),
    beginPath: () => { path = []; },
    arc: (x, y, r) => path.push([x, y, r]),
    moveTo: () => { log.moves++; },
    stroke() { log.strokes.push({ style: this.strokeStyle, arcs: path.slice() }); },
  };
  return new Proxy(target, {
    get: (t, k) => (k in t ? t[k] : () => {}),
    set: (t, k, v) => { t[k] = v; return true; },
  });
}

function fakeCanvas() {
  const ctx = recordingContext();
  return { width: 0, height: 0, ctx, getContext: () => ctx, setAttribute() {}, remove() {} };
}

globalThis.window = { devicePixelRatio: 1 };
globalThis.ResizeObserver = class { observe() {} disconnect() {} };
globalThis.document = { createElement: () => fakeCanvas() };
globalThis.performance ??= { now: () => 0 };
const { NetworkRenderer } = await import('../../www/render/network.js');

function renderer(w, h) {
  const wrap = { getBoundingClientRect: () => ({ width: w, height: h }), append() {} };
  const canvas = fakeCanvas();
  return [new NetworkRenderer(wrap, { canvas }), canvas.ctx.log];
}

const PHASES = [['idle'], ['present'], ['forward', 0], ['forward', 1], ['error'], ['backward', 1], ['backward', 0], ['update'], ['probe']];

test('draws every phase of both networks in both layouts and palettes', () => {
  for (const [w, h] of [[1180, 580], [380, 560], [820, 640], [380, 760]]) {
    for (const palette of ['green-red', 'blue-orange']) {
      for (const [phase, layer] of PHASES) {
        for (const make of [xorFrame, imageFrame]) {
          for (const t of [0.4, 1]) {
            const [r] = renderer(w, h);
            r.draw(make(phase, layer), { palette, t, stepped: true, title: 'Cycle 1', caption: 'x', legend: true, hover: { type: 'neuron', l: 1, i: 0 } });
            r.draw(make(phase, layer), { palette, playing: true, weightsVersion: 1 });
          }
        }
      }
    }
  }
});

test('the guess ring is where the frame says, not at the largest output', () => {
  const [r, log] = renderer(820, 640);
  const f = imageFrame('probe');
  const out = f.buffers.a3;
  const largest = out.indexOf(Math.max(...out));
  f.guess = (largest + 3) % 10;
  r.draw(f, {});
  const warm = log.strokes.filter((s) => s.style === 'rgba(255,214,140,0.950)').flatMap((s) => s.arcs);
  const at = (i) => r.neuronAt(3, i);
  assert.ok(warm.some(([x, y]) => x === at(f.guess).x && y === at(f.guess).y), 'ring at frame.guess');
  assert.ok(!warm.some(([x, y]) => x === at(largest).x && y === at(largest).y), 'no ring at the argmax');
});

test('what is lit comes from frame.known', () => {
  const glows = (lit) => {
    const [r, log] = renderer(1180, 580);
    const f = xorFrame('probe'); // every activation is there; known.lit decides what shows
    f.known.lit = lit;
    r.draw(f, {});
    return log.gradients;
  };
  const [none, input, all] = [glows(0), glows(1), glows(3)];
  assert.equal(none, 1, 'only the background halo');
  assert.ok(none < input && input < all, `${none} < ${input} < ${all}`);
});

test('strong index arrays choose the synapses; without them all are drawn', () => {
  const [r, log] = renderer(820, 640);
  const f = imageFrame('probe');
  r.draw(f, {});
  assert.deepEqual(r.synapseSummary(), [
    { layer: 0, total: 12544, shown: 2000 },
    { layer: 1, total: 256, shown: 256 },
    { layer: 2, total: 160, shown: 160 },
  ]);
  const withStrong = log.moves;
  delete f.buffers.strong0;
  const [r2, log2] = renderer(820, 640);
  r2.draw(f, {});
  assert.equal(r2.synapseSummary()[0].shown, 12544);
  assert.ok(log2.moves > withStrong + 2000, `${log2.moves} lines without strong0, ${withStrong} with`);
});

test('hit-testing and neuronAt agree with the drawing', () => {
  const [r] = renderer(1180, 580);
  assert.equal(r.hitTest(10, 10), null, 'nothing before the first frame');
  r.draw(xorFrame('forward', 0), {});
  for (const [l, n] of [[0, 3], [1, 4], [2, 1]]) {
    for (let i = 0; i < n; i++) {
      const p = r.neuronAt(l, i);
      assert.deepEqual([r.hitTest(p.x, p.y).l, r.hitTest(p.x, p.y).i], [l, i]);
    }
  }
  const [a, b] = [r.neuronAt(1, 0), r.neuronAt(2, 0)];
  const hit = r.hitTest(a.x + (b.x - a.x) * 0.5, a.y + (b.y - a.y) * 0.5);
  assert.deepEqual(hit, { type: 'synapse', k: 1, j: 0, i: 0 });
  assert.equal(r.neuronAt(5, 0), null);
  assert.equal(r.neuronAt(1, 9), null);
});
