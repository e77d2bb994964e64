// The Rust pen paints as Chromium's canvas paints: the same strokes, read through the canvas
// (getImageData, the page's old path) and through Reader.readStrokes (the pen's points painted
// in Rust), give the same ink box, nearly the same ink scaled into the 20×20 box, and the same
// reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, url } from './browser.mjs';

test("Rust's pen gives the input Chromium's canvas gives for the same strokes", async () => {
  const { page, consoleErrors, close } = await launch();
  try {
    const blank = url('__e2e_blank__.html');
    await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>e2e</title>' }));
    await page.goto(blank);
    const result = await page.evaluate(async ({ glue, model }) => {
      const mod = await import(glue);
      await mod.default();
      const reader = mod.Reader.fromModel(new Uint8Array(await (await fetch(model)).arrayBuffer()));
      const { pen, side } = reader.info();
      // The oracle: how the pad painted with Canvas 2D (quadratic curves through midpoints,
      // round caps and joins), read back as RGBA.
      const canvas = Object.assign(document.createElement('canvas'), { width: side, height: side });
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      const paint = (strokes) => {
        ctx.clearRect(0, 0, side, side);
        Object.assign(ctx, { lineCap: 'round', lineJoin: 'round', lineWidth: pen * side, strokeStyle: '#ffffff' });
        const at = (p) => [p[0] * side, p[1] * side];
        for (const pts of strokes) {
          ctx.beginPath();
          ctx.moveTo(...at(pts[0]));
          for (let i = 1; i < pts.length - 1; i++) {
            const [p, q] = [pts[i], pts[i + 1]];
            ctx.quadraticCurveTo(...at(p), ...at([(p[0] + q[0]) / 2, (p[1] + q[1]) / 2]));
          }
          const [x, y] = at(pts.at(-1));
          ctx.lineTo(pts.length === 1 ? x + 0.01 : x, y);
          ctx.stroke();
        }
        return ctx.getImageData(0, 0, side, side);
      };
      // Drawings: digit-like strokes and seeded random walks of varied lengths.
      let seed = 7;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      const drawings = [
        [[[0.5, 0.15], [0.5, 0.5], [0.5, 0.85]]], // 1
        [[[0.3, 0.3], [0.5, 0.1], [0.7, 0.3], [0.3, 0.85], [0.75, 0.85]]], // 2
        [[[0.35, 0.15], [0.25, 0.55], [0.7, 0.55]], [[0.6, 0.2], [0.6, 0.9]]], // 4 in two strokes
        [[[0.5, 0.5]]], // a dot
      ];
      for (let d = 0; d < 16; d++) {
        const strokes = [];
        for (let s = 0; s < 1 + (d % 3); s++) {
          let [x, y] = [0.2 + 0.6 * rnd(), 0.2 + 0.6 * rnd()];
          const pts = [[x, y]];
          for (let i = 0; i < 5 + 40 * rnd(); i++) {
            x = Math.min(0.95, Math.max(0.05, x + (rnd() - 0.5) * 0.12));
            y = Math.min(0.95, Math.max(0.05, y + (rnd() - 0.5) * 0.12));
            pts.push([x, y]);
          }
          strokes.push(pts);
        }
        drawings.push(strokes);
      }
      const rows = [];
      for (const strokes of drawings) {
        const img = paint(strokes);
        reader.read(img.data, side, side);
        const c = reader.frame();
        const viaCanvas = Float32Array.from(c.state.steps.small);
        const [boundsCanvas, guessCanvas, sureCanvas] = [c.state.steps.bounds, c.guess, c.state.verdict === 'sure'];
        const xy = Float32Array.from(strokes.flat(2));
        let n = 0;
        const ends = Uint32Array.from(strokes.map((s) => (n += s.length)));
        reader.readStrokes(xy, ends);
        const f = reader.frame();
        // The ink scaled into the 20×20 box, before the whole-pixel shift (whose rounding can
        // tip either way for a drawing whose centre of mass falls exactly between two pixels).
        const viaRust = f.state.steps.small;
        if (viaRust.length !== viaCanvas.length) return { bounds: [boundsCanvas, f.state.steps.bounds] };
        const bounds = Math.max(...f.state.steps.bounds.map((b, i) => Math.abs(b - boundsCanvas[i])));
        let [sum, max, ink, rustInk] = [0, 0, 0, 0];
        for (let i = 0; i < viaRust.length; i++) {
          rustInk += viaRust[i];
          const d = Math.abs(viaRust[i] - viaCanvas[i]);
          sum += d;
          max = Math.max(max, d);
          ink += viaCanvas[i];
        }
        rows.push({ relative: sum / ink, ratio: rustInk / ink, max, bounds, same: f.guess === guessCanvas, sure: sureCanvas });
      }
      return rows;
    }, { glue: url('www/pkg/neuroglow_wasm.js'), model: url('www/models/modern.ngm') });
    assert.equal(result.length, 20);
    for (const [i, r] of result.entries()) {
      // Anti-aliasing differs in detail (Skia's coverage vs a distance ramp); the ink does not.
      assert.ok(r.bounds <= 1, `drawing ${i}: the ink's box differs: ${JSON.stringify(r)}`);
      assert.ok(r.relative < (r.bounds === 0 ? 0.03 : 0.05), `drawing ${i}: the inputs differ by ${(100 * r.relative).toFixed(1)}% of the ink (${JSON.stringify(r)})`);
      // With the same box the grids line up pixel for pixel; a box one pixel wider (an edge
      // pixel's faint ink either side of the ink threshold) shifts the grid a little.
      if (r.bounds === 0) assert.ok(r.max < 0.2, `drawing ${i}: a pixel differs by ${r.max.toFixed(2)} (${JSON.stringify(r)})`);
    }
    // No bias: a pen a little too thin or thick would show here first.
    const ratio = result.reduce((s, r) => s + r.ratio, 0) / result.length;
    assert.ok(Math.abs(ratio - 1) < 0.015, `Rust's ink is ${ratio.toFixed(3)}× the canvas's`);
    // Where the network is sure of the canvas's drawing, it reads Rust's the same (a scribble it
    // is unsure of may tip either way on a faint pixel).
    const sure = result.filter((r) => r.sure);
    assert.ok(sure.length >= 4, `sure of only ${sure.length} drawings`);
    assert.deepEqual(sure.filter((r) => !r.same), [], 'a drawing read differently');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
