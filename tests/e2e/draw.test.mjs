// The "Draw a digit" section in a real browser: digits drawn with real mouse strokes are read
// right and announced, the bars and the 28×28 image follow, Clear and Undo work, predict()
// agrees across canvas, ImageData and pixels, bad input gets a clear message, models switch
// (and a model that cannot read drawings is refused), two sections keep apart, the palette
// recolours the network live, it works at phone size, and the console stays clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForSuite, url, screenshot } from './browser.mjs';

const TIMEOUT = { timeout: 120_000 };
const b = browserForSuite();

async function open(page = b.page, query = '') {
  await page.goto(url(`www/draw/index.html${query}`));
  await page.waitForFunction(() => window.draw, null, { timeout: 20_000 });
  return page;
}

const status = (page) => page.locator('.dr-root [role="status"]').first();
const state = (page) => page.evaluate(() => {
  const s = window.draw.state();
  return { ...s, info: undefined };
});

// Digits as a person draws them: polylines in 0..1 of the pad, one array per stroke.
const ellipse = (cx, cy, rx, ry, from, to, n = 28) => Array.from({ length: n + 1 }, (_, i) => {
  const t = ((from + ((to - from) * i) / n) * Math.PI) / 180;
  return [cx + rx * Math.cos(t), cy + ry * Math.sin(t)];
});
const DIGITS = {
  0: [ellipse(0.5, 0.5, 0.2, 0.32, -100, 262)],
  1: [[[0.54, 0.16], [0.52, 0.5], [0.49, 0.84]]],
  7: [[[0.27, 0.2], [0.5, 0.19], [0.73, 0.2], [0.6, 0.45], [0.46, 0.83]]],
  3: [[...ellipse(0.48, 0.33, 0.19, 0.15, -160, 90), ...ellipse(0.48, 0.65, 0.21, 0.17, -90, 150).slice(1)]],
  4: [[[0.58, 0.16], [0.42, 0.42], [0.28, 0.62], [0.5, 0.62], [0.76, 0.61]], [[0.63, 0.36], [0.63, 0.6], [0.63, 0.86]]],
};

/** Draws strokes with the real mouse on the pad (press, move in small steps, release). */
async function mouseDraw(page, strokes) {
  const box = await page.getByRole('img', { name: /draw a digit/i }).first().boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  for (const stroke of strokes) {
    const [x0, y0] = at(stroke[0]);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    let [px, py] = [x0, y0];
    for (const p of stroke.slice(1)) {
      const [x, y] = at(p);
      // About one mouse event per 8 px, as a quick hand gives.
      await page.mouse.move(x, y, { steps: Math.max(1, Math.round(Math.hypot(x - px, y - py) / 8)) });
      [px, py] = [x, y];
    }
    await page.mouse.up();
  }
}

test('the pad, the 28×28 image, ten bars and the invitation are there right after load', TIMEOUT, async () => {
  const page = await open();
  const pad = page.getByRole('img', { name: /draw/i }).first();
  assert.equal(await pad.isVisible(), true);
  assert.equal(await pad.evaluate((c) => getComputedStyle(c).touchAction), 'none');
  assert.equal(await page.locator('.dr-seen-canvas').count(), 1);
  assert.equal(await page.locator('.dr-bars .dr-bar').count(), 10);
  assert.match(await status(page).textContent(), /Draw a digit/);
  const s = await state(page);
  assert.equal(s.empty, true);
  assert.equal(s.guess, null);
  assert.equal(s.model, 'modern');
  for (const name of ['Undo', 'Clear']) assert.equal(await page.getByRole('button', { name, exact: true }).isDisabled(), true);
  assert.equal(await page.getByRole('combobox', { name: 'Model' }).inputValue(), 'modern');
  assert.deepEqual(b.consoleErrors, []);
});

for (const digit of ['0', '1', '7', '3', '4']) {
  test(`a ${digit} drawn with the mouse is read as ${digit} and announced`, TIMEOUT, async () => {
    const page = await open();
    await mouseDraw(page, DIGITS[digit]);
    await page.waitForFunction((d) => /It reads a (\d)/.exec(document.querySelector('.dr-root [role="status"]').textContent)?.[1] === d, digit, { timeout: 5000 })
      .catch(() => {});
    const said = await status(page).textContent();
    const s = await state(page);
    assert.equal(s.guess, Number(digit), `read as ${s.guess}: ${said} (outputs ${s.outputs?.map((v) => v.toFixed(2)).join(' ')})`);
    assert.match(said, new RegExp(`It reads a ${digit} \\(\\d+%\\)\\. Runner-up: \\d`));
    assert.equal(s.strokes, DIGITS[digit].length);
    // The big guess, the highlighted bar and the image the network sees follow the drawing.
    assert.equal(await page.locator('[data-part="guess"]').textContent(), digit);
    assert.equal(await page.locator('.dr-bar.dr-first .dr-bar-digit').textContent(), digit);
    const lit = await page.evaluate(() => window.draw.input().filter((v) => v > 0.5).length);
    assert.ok(lit > 20 && lit < 300, `${lit} bright pixels in the 28×28 input`);
    if (digit === '7') await screenshot(page, 'draw-1280x800-seven');
    assert.deepEqual(b.consoleErrors, []);
  });
}

test('the prediction updates while drawing, before the pen is lifted', TIMEOUT, async () => {
  const page = await open();
  const box = await page.getByRole('img', { name: /draw/i }).first().boundingBox();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.85, { steps: 10 });
  await page.waitForFunction(() => window.draw.state().outputs !== null, null, { timeout: 2000 });
  // Not announced yet: the status speaks when the pen is lifted.
  assert.match(await status(page).textContent(), /Draw a digit/);
  const t0 = Date.now();
  await page.mouse.up();
  await page.waitForFunction(() => /It reads a/.test(document.querySelector('.dr-root [role="status"]').textContent), null, { timeout: 2000 });
  assert.ok(Date.now() - t0 < 1000);
});

test('Undo removes the last stroke; Clear empties the pad and the prediction', TIMEOUT, async () => {
  const page = await open();
  await mouseDraw(page, DIGITS[4]);
  await page.waitForFunction(() => window.draw.state().strokes === 2 && /It reads/.test(document.querySelector('.dr-root [role="status"]').textContent));
  const four = await state(page);
  // Inked pixels of the visible pad (the 28×28 input is rescaled to fit, so its ink is not a measure).
  const inked = () => page.evaluate(() => {
    const c = window.draw.canvas;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  const inkBefore = await inked();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  const one = await state(page);
  assert.equal(one.strokes, 1);
  assert.equal(one.empty, false);
  assert.notDeepEqual(one.outputs, four.outputs);
  const inkAfter = await inked();
  assert.ok(inkAfter > 0 && inkAfter < inkBefore * 0.8, `inked pixels ${inkBefore} → ${inkAfter}`);
  // What is shown is the reading of the stroke that is left.
  assert.deepEqual(await page.evaluate(() => window.draw.predict(window.draw.canvas)), one.outputs);
  // Undo twice more: the pad empties, then there is nothing to undo.
  assert.equal(await page.evaluate(() => window.draw.undo()), true);
  assert.equal((await state(page)).empty, true);
  assert.equal(await page.evaluate(() => window.draw.undo()), false);
  assert.match(await status(page).textContent(), /Draw a digit/);
  await mouseDraw(page, DIGITS[0]);
  await page.waitForFunction(() => window.draw.state().guess !== null);
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  const s = await state(page);
  assert.equal(s.empty, true);
  assert.equal(s.outputs, null);
  assert.equal(s.guess, null);
  assert.match(await status(page).textContent(), /Draw a digit/);
  assert.equal(await page.locator('[data-part="guess"]').textContent(), '?');
  assert.equal(await page.evaluate(() => window.draw.input().some((v) => v !== 0)), false);
  // Pixels of the visible pad are clear too.
  assert.equal(await inked(), 0);
  assert.equal(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled(), true);
  assert.deepEqual(b.consoleErrors, []);
});

test('touch and pen draw too (a second finger does not); Ctrl+Z undoes', TIMEOUT, async () => {
  const page = await open();
  const r = await page.evaluate(() => {
    const c = window.draw.canvas;
    const box = c.getBoundingClientRect();
    const fire = (type, pointerId, pointerType, x, y) => c.dispatchEvent(new PointerEvent(type, {
      pointerId, pointerType, isPrimary: pointerId === 1, button: 0, buttons: type === 'pointerup' ? 0 : 1,
      clientX: box.left + x * box.width, clientY: box.top + y * box.height, bubbles: true, cancelable: true,
    }));
    const stroke = (id, type, pts) => {
      fire('pointerdown', id, type, ...pts[0]);
      for (const p of pts.slice(1)) fire('pointermove', id, type, ...p);
      fire('pointerup', id, type, ...pts[pts.length - 1]);
    };
    // A finger draws the bar of a 7 while a second finger lands and moves: only the first draws.
    fire('pointerdown', 1, 'touch', 0.27, 0.2);
    fire('pointerdown', 2, 'touch', 0.9, 0.9);
    fire('pointermove', 2, 'touch', 0.1, 0.9);
    fire('pointermove', 1, 'touch', 0.5, 0.19);
    fire('pointermove', 1, 'touch', 0.73, 0.2);
    fire('pointerup', 2, 'touch', 0.1, 0.9);
    fire('pointerup', 1, 'touch', 0.73, 0.2);
    const afterTouch = window.draw.state().strokes;
    stroke(3, 'pen', [[0.73, 0.2], [0.6, 0.45], [0.46, 0.83]]);
    return { afterTouch, afterPen: window.draw.state().strokes, scrollY: window.scrollY };
  });
  assert.equal(r.afterTouch, 1);
  assert.equal(r.afterPen, 2);
  assert.equal(r.scrollY, 0);
  await page.waitForFunction(() => /It reads a 7/.test(document.querySelector('.dr-root [role="status"]').textContent));
  await page.getByRole('button', { name: 'Clear', exact: true }).focus();
  await page.keyboard.press('Control+z');
  assert.equal((await state(page)).strokes, 1);
  assert.deepEqual(b.consoleErrors, []);
});

test('predict() agrees for the pad canvas, its ImageData and the 784 pixels it sees', TIMEOUT, async () => {
  const page = await open();
  await mouseDraw(page, DIGITS[7]);
  const r = await page.evaluate(() => {
    const d = window.draw;
    const fromCanvas = d.predict(d.canvas);
    const c = d.canvas;
    const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const fromImage = d.predict(img);
    const fromPixels = d.predict(d.input());
    const fromArray = d.predict(Array.from(d.input()));
    const blank = d.predict(new ImageData(50, 50));
    return { fromCanvas, fromImage, fromPixels, fromArray, blank, shown: d.state().outputs };
  });
  assert.equal(r.fromCanvas.length, 10);
  assert.deepEqual(r.fromCanvas, r.shown);
  assert.deepEqual(r.fromPixels, r.fromCanvas);
  assert.deepEqual(r.fromArray, r.fromCanvas);
  const argmax = (a) => a.indexOf(Math.max(...a));
  assert.equal(argmax(r.fromImage), 7);
  assert.equal(argmax(r.fromCanvas), 7);
  const diff = Math.max(...r.fromImage.map((v, i) => Math.abs(v - r.fromCanvas[i])));
  assert.ok(diff < 0.15, `the visible canvas (its own size) vs the strokes read in Rust: outputs differ by ${diff}`);
  assert.equal(r.blank, null);
  // predict() does not disturb what is shown.
  assert.deepEqual((await state(page)).outputs, r.shown);
});

test('bad input gets a clear Error, never a wasm panic; unknown options are refused', TIMEOUT, async () => {
  const page = await open();
  const errors = await page.evaluate(async () => {
    const d = window.draw;
    const grab = (fn) => {
      try {
        fn();
        return 'no error';
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    const { mountDraw } = await import('../neuroglow.js');
    const reject = (p) => p.then(() => 'no error', (e) => e.message);
    return {
      short: grab(() => d.predict([0.5, 0.5])),
      nan: grab(() => d.predict(new Float32Array(784).fill(NaN))),
      range: grab(() => d.predict(new Array(784).fill(2))),
      text: grab(() => d.predict('seven')),
      strokes: grab(() => d.draw([[['a', 1]]])),
      option: await reject(mountDraw(document.createElement('div'), { colour: 'red' })),
      model: await reject(mountDraw(document.createElement('div'), { model: 'gpt' })),
      bytes: await reject(d.useModel(new Uint8Array([1, 2, 3]))),
      name: await reject(d.useModel('nonsense')),
      stillWorks: d.draw([[[0.5, 0.15], [0.5, 0.85]]]) !== null && d.state().model,
    };
  });
  assert.match(errors.short, /^Error: .*expected 784 numbers.*got 2/);
  assert.match(errors.nan, /position 1 is not a number from 0 to 1/);
  assert.match(errors.range, /value 2 at position 1/);
  assert.match(errors.text, /^TypeError: .*canvas, an ImageData, or the 784 pixels/);
  assert.match(errors.strokes, /point 1: x and y must be finite numbers/);
  assert.match(errors.option, /unknown option "colour"/);
  assert.match(errors.model, /unknown model "gpt"/);
  assert.match(errors.bytes, /could not be loaded.*current model stays/);
  assert.match(errors.name, /unknown model "nonsense"/);
  assert.equal(errors.stillWorks, 'modern');
  for (const e of Object.values(errors)) assert.doesNotMatch(String(e), /unreachable|panicked|RuntimeError/);
  assert.deepEqual(b.consoleErrors, []);
});

test('the model switcher: 3Blue1Brown reads too; a model without 784 inputs is refused and the current stays', TIMEOUT, async () => {
  const page = await open();
  await mouseDraw(page, DIGITS[1]);
  await page.getByRole('combobox', { name: 'Model' }).selectOption('3b1b');
  await page.waitForFunction(() => window.draw.state().model === '3b1b');
  const s = await page.evaluate(() => window.draw.state());
  assert.deepEqual(s.info.sizes, [784, 16, 16, 10]);
  assert.equal(s.guess, 1);
  // The words and the bars give the calibrated confidence as a percentage for every model (sigmoid outputs too).
  await page.waitForFunction(() => /It reads a 1 \(\d+%\)/.test(document.querySelector('.dr-root [role="status"]').textContent));
  assert.match(await page.locator('.dr-root .mn-msg').textContent(), /Reading with 3Blue1Brown \(pretrained\): 784–16–16–10/);

  // A model with 3 inputs (an XOR network saved by a Playground), offered on the page.
  await page.evaluate(async () => {
    const wasm = await import('../core/wasm.js').then((m) => m.loadWasm());
    const { registerModel } = await import('../core/models-on-page.js');
    const pg = new wasm.Playground({ task: 'xor3', hidden: [2] });
    const bytes = pg.save('tiny');
    pg.free();
    registerModel(document, { name: 'Tiny', save: async () => bytes });
  });
  const sel = page.getByRole('combobox', { name: 'Model' });
  assert.match(await sel.innerText(), /Tiny/);
  await sel.selectOption({ label: 'Tiny' });
  await page.locator('.dr-root .mn-msg.mn-error').waitFor();
  assert.match(await page.locator('.dr-root .mn-msg').textContent(), /cannot read drawings.*784 inputs.*current model stays/);
  assert.equal((await state(page)).model, '3b1b');
  assert.equal(await sel.inputValue(), '3b1b');
  await page.getByRole('combobox', { name: 'Model' }).selectOption('modern');
  await page.waitForFunction(() => window.draw.state().model === 'modern');
  assert.deepEqual(b.consoleErrors, []);
});

test('with an MNIST section on the page, its freshly trained network can read the drawing', TIMEOUT, async () => {
  const page = await open();
  await page.evaluate(async () => {
    const { mountMnist } = await import('../neuroglow.js');
    const host = document.createElement('div');
    document.body.append(host);
    window.mnist = await mountMnist(host, { preset: '3b1b', heading: false });
  });
  const sel = page.getByRole('combobox', { name: 'Model' });
  await page.waitForFunction(() => [...document.querySelectorAll('.dr-root select option')].some((o) => o.textContent === 'The model you just trained'));
  await page.evaluate(() => window.mnist.ready);
  await mouseDraw(page, DIGITS[1]);
  await sel.selectOption({ label: 'The model you just trained' });
  await page.waitForFunction(() => window.draw.state().model === 'The model you just trained', null, { timeout: 20_000 });
  const before = await state(page);
  assert.equal(await page.getByRole('button', { name: 'Use latest' }).isVisible(), true);
  // An epoch of training later, the pad reads with the new weights by itself.
  await page.evaluate(() => window.mnist.train({ epochs: 1 }));
  await page.waitForFunction(() => /latest epoch/.test(document.querySelector('.dr-root .mn-msg').textContent), null, { timeout: 30_000 });
  const after = await state(page);
  assert.notDeepEqual(after.outputs, before.outputs);
  assert.equal(after.guess, 1, `after one epoch the 1 reads as ${after.guess}`);
  await page.getByRole('button', { name: 'Use latest' }).click();
  await page.waitForFunction(() => /Reading with The model you just trained/.test(document.querySelector('.dr-root .mn-msg').textContent));
  // The MNIST section leaves: its network stays in use, offered as "your model".
  await page.evaluate(() => window.mnist.destroy());
  assert.equal((await state(page)).model, 'custom');
  assert.equal(await sel.inputValue(), 'custom');
  assert.equal(await page.getByRole('button', { name: 'Use latest' }).isVisible(), false);
  assert.deepEqual(b.consoleErrors, []);
});

test('two sections on one page keep apart', TIMEOUT, async () => {
  const page = await open();
  const r = await page.evaluate(async () => {
    const { mountDraw } = await import('../neuroglow.js');
    const host = document.createElement('div');
    document.body.append(host);
    const second = await mountDraw(host, { model: '3b1b', heading: false });
    const a = window.draw;
    a.draw([[[0.5, 0.15], [0.5, 0.85]]]);
    const out = {
      first: a.state(),
      second: second.state(),
      roots: document.querySelectorAll('.dr-root').length,
      styles: [...document.querySelectorAll('link[rel=stylesheet]')].filter((l) => l.href.endsWith('/draw/draw.css')).length,
    };
    second.draw([[[0.27, 0.2], [0.73, 0.2], [0.46, 0.83]]]);
    out.firstAfter = a.state().guess;
    out.secondAfter = second.state().guess;
    second.destroy();
    out.rootsAfter = document.querySelectorAll('.dr-root').length;
    out.stillReads = a.predict(a.canvas) !== null;
    return { ...out, first: { guess: out.first.guess, model: out.first.model }, second: { empty: out.second.empty, model: out.second.model } };
  });
  assert.deepEqual(r.first, { guess: 1, model: 'modern' });
  assert.deepEqual(r.second, { empty: true, model: '3b1b' });
  assert.equal(r.roots, 2);
  assert.equal(r.styles, 1);
  assert.equal(r.firstAfter, 1);
  assert.equal(r.secondAfter, 7);
  assert.equal(r.rootsAfter, 1);
  assert.equal(r.stillReads, true);
  assert.deepEqual(b.consoleErrors, []);
});

test('the network view shows the drawing; hovering an output neuron shows its score', TIMEOUT, async () => {
  const page = await open();
  await mouseDraw(page, DIGITS[7]);
  await page.waitForFunction(() => window.draw.state().guess === 7);
  const canvas = page.locator('.dr-net-wrap canvas');
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const box = await canvas.boundingBox();
  // Find output neuron 7: sweep synthetic pointer moves over the right side in the page (fast),
  // then hover the spot found with the real mouse.
  const spot = await page.evaluate(() => {
    const wrap = document.querySelector('.dr-net-wrap');
    const tip = wrap.querySelector('.dr-tip');
    const r = wrap.getBoundingClientRect();
    for (let y = 4; y < r.height; y += 3) {
      for (let x = r.width * 0.6; x < r.width; x += 3) {
        wrap.querySelector('canvas').dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
        if (!tip.hidden && tip.textContent.startsWith('Output 7:')) return { x: r.left + x, y: r.top + y };
      }
    }
    return null;
  });
  assert.ok(spot, 'no spot over the view shows output 7');
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.move(spot.x, spot.y, { steps: 3 });
  const found = await page.locator('.dr-tip').evaluate((t) => (t.hidden ? '' : t.textContent));
  assert.match(found ?? 'no tooltip', /^Output 7: \d+%$/);
  await screenshot(page, 'draw-1280x800-network');
  assert.deepEqual(b.consoleErrors, []);
});

/** Pixels of the network drawing that are green, or orange: which palette colours its synapses. */
const hues = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const c = document.querySelector('.dr-net-wrap canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const n = { green: 0, orange: 0 };
  for (let i = 0; i < d.length; i += 4) {
    const [r, g, bl] = [d[i], d[i + 1], d[i + 2]];
    if (g > 40 && g > 1.4 * r && g > 1.2 * bl) n.green++;
    if (r > 40 && r > 1.3 * g && g > 1.4 * bl) n.orange++;
  }
  done(n);
}))));

test('the palette: ?palette=blue-orange, configure() and the labelled Colours menu recolour the network live', TIMEOUT, async () => {
  const page = b.page;
  await page.goto(url('index.html?task=draw&palette=blue-orange'));
  await page.waitForSelector('#draw[data-ready]', { timeout: 30_000 });
  await page.evaluate(() => window.playgrounds.draw.draw([[[0.3, 0.2], [0.7, 0.2], [0.45, 0.85]]]));
  const menu = page.locator('#draw').getByRole('combobox', { name: 'Colours' });
  assert.equal(await menu.inputValue(), 'blue-orange');
  let n = await hues(page);
  assert.ok(n.orange > 1000 && n.green === 0, `blue/orange synapses: ${JSON.stringify(n)}`);
  const caption = page.locator('#draw .dr-caption');
  assert.match(await caption.textContent(), /Blue synapses excite .* orange ones inhibit/);
  await screenshot(page, 'draw-palette-blue-orange');
  // configure() recolours at once; the settings event and the URL follow.
  const events = await page.evaluate(async () => {
    const seen = [];
    window.playgrounds.draw.on('settings', (s) => seen.push(s.palette));
    const s = await window.playgrounds.draw.configure({ palette: 'green-red' });
    return [...seen, s.palette];
  });
  assert.deepEqual(events, ['green-red', 'green-red']);
  await page.waitForFunction(() => location.search === '?task=draw&lang=en');
  n = await hues(page);
  assert.ok(n.green > 1000 && n.orange === 0, `green/red synapses: ${JSON.stringify(n)}`);
  assert.match(await caption.textContent(), /Green synapses excite .* red ones inhibit/);
  assert.equal(await menu.inputValue(), 'green-red');
  // The menu is reached with Tab from the model menu and changed with the keyboard.
  await page.locator('#draw').getByRole('combobox', { name: 'Model' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await menu.evaluate((m) => m === document.activeElement), true);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => location.search === '?task=draw&palette=blue-orange&lang=en');
  assert.equal(await page.evaluate(() => window.playgrounds.draw.settings().palette), 'blue-orange');
  assert.ok((await hues(page)).orange > 1000);
  const refused = await page.evaluate(() => window.playgrounds.draw.configure({ palette: 'pink' }).then(() => 'no error', (e) => e.message));
  assert.match(refused, /^neuroglow configure\(\): option "palette" must be one of green-red, blue-orange/);
  assert.deepEqual(b.consoleErrors, []);
});

test('at phone size (360×740) everything fits, controls are 44 px tall and a drawn 7 reads', TIMEOUT, async () => {
  const page = await b.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  for (const name of ['Undo', 'Clear']) {
    const h = (await page.getByRole('button', { name, exact: true }).boundingBox()).height;
    assert.ok(h >= 44, `${name} is ${h}px tall`);
  }
  assert.ok((await page.getByRole('combobox', { name: 'Model' }).boundingBox()).height >= 44);
  const pad = await page.getByRole('img', { name: /draw/i }).first().boundingBox();
  assert.ok(pad.width >= 280 && pad.x >= 0 && pad.x + pad.width <= 360, `pad ${JSON.stringify(pad)}`);
  await mouseDraw(page, DIGITS[7]);
  await page.waitForFunction(() => /It reads a 7/.test(document.querySelector('.dr-root [role="status"]').textContent));
  await screenshot(page, 'draw-360x740');
  await page.evaluate(() => window.scrollTo(0, 700));
  await screenshot(page, 'draw-360x740-below');
  await page.close();
  assert.deepEqual(b.consoleErrors, []);
});
