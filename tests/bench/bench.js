// The browser half of `cargo xtask bench`: training throughput of our wasm and of
// TensorFlow.js (cpu and wasm-SIMD backends) on the same MNIST images, shapes, SGD and batch
// sizes, and the drawing latency of `Reader.read` (canvas pixels) and `Reader.readStrokes` (the
// pen's points, the pad's path). The pad's whole path in the real page is path.mjs's. The results land in `window.benchDone`
// (a promise of plain JSON) for tests/bench/run.mjs; progress goes to console.log.
// With `?engine` the page measures our wasm only (training at batch 1 and 128, the reads), for
// tests/bench/engines.mjs, which runs it in each browser engine; TF.js is not touched then.
//
// The measuring protocol matches crates/xtask/src/bench.rs: double the work until the warm-up
// time has passed, size a chunk from the last rate, report the median over timed chunks.
import init, { Playground, Reader } from '../../www/pkg/neuroglow_wasm.js';
import { drawing, flat } from './strokes.js';

const tf = globalThis.tf;
const QUICK = new URLSearchParams(location.search).has('quick');
const ENGINE = new URLSearchParams(location.search).has('engine');
const T = QUICK
  ? { warmSecs: 0.05, chunkSecs: 0.05, reps: 3, reads: 100 }
  : { warmSecs: 0.3, chunkSecs: 0.25, reps: 7, reads: 1000 };

const SHAPES = ['3b1b', 'modern'];
const BATCHES = [1, 32, 128];
const SIZES = { '3b1b': [784, 16, 16, 10], modern: [784, 128, 64, 10] };
const TRAIN_EXAMPLES = 10240; // a multiple of every batch size
const EVAL_EXAMPLES = 1024; // the loss shown as a sanity check is on these training images
const LR = 0.1;
const PAD = 280;
const DRAWINGS = 64;

const logEl = document.getElementById('log');
function log(msg) {
  console.log(msg);
  logEl.textContent += msg + '\n';
}

const now = () => performance.now() / 1000;
const pause = () => new Promise((r) => setTimeout(r, 0));

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * v.length);
  return v[Math.min(Math.max(rank, 1), v.length) - 1];
}

/** Warms `engine` up while doubling the work, then sizes a timed chunk (a multiple of its batch). */
function calibrate(engine) {
  const warm = now();
  let n = engine.batch;
  let rate;
  for (;;) {
    const start = now();
    engine.train(n);
    const secs = now() - start;
    rate = n / Math.max(secs, 1e-9);
    if (now() - warm >= T.warmSecs) break;
    if (secs < T.warmSecs / 4) n *= 2;
  }
  return Math.max(1, Math.ceil((rate * T.chunkSecs) / engine.batch)) * engine.batch;
}

/**
 * Rows of samples/s for engines that train the same shape and batch size. Their timed chunks
 * alternate (A B A B …), so a neighbour's load on this shared machine hits them alike and
 * their ratio stays meaningful even when the absolute figures wobble.
 */
function compare(shape, batch, engines) {
  const chunks = engines.map(calibrate);
  const rates = engines.map(() => []);
  for (let rep = 0; rep < T.reps; rep++) {
    engines.forEach((engine, i) => {
      const start = now();
      engine.train(chunks[i]);
      rates[i].push(chunks[i] / Math.max(now() - start, 1e-9));
    });
  }
  return engines.map((engine, i) => {
    const row = {
      engine: engine.name, shape, batch,
      median: percentile(rates[i], 50), min: percentile(rates[i], 0), max: percentile(rates[i], 100),
      rates: rates[i], loss: engine.loss(),
    };
    log(`  ${engine.name} ${shape} batch ${batch}: ${Math.round(row.median)} samples/s (loss ${row.loss.toFixed(3)})`);
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Data: the same MNIST files the page serves.

async function gunzip(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The first `count` items of an IDX file, as a new (uncompressed) IDX file. */
function idxHead(idx, count) {
  const header = 4 + 4 * idx[3];
  const item = (idx.length - header) / new DataView(idx.buffer).getUint32(4);
  const out = new Uint8Array(header + count * item);
  out.set(idx.subarray(0, header + count * item));
  new DataView(out.buffer).setUint32(4, count);
  return out;
}

async function loadMnist(forTfjs = true) {
  const dir = '../../www/data/mnist/';
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']
      .map((f) => gunzip(`${dir}${f}.gz`)),
  );
  const images = idxHead(trainImages, TRAIN_EXAMPLES);
  const labels = idxHead(trainLabels, TRAIN_EXAMPLES);
  // For TF.js: pixels 0..1 and one-hot labels, exactly what our Dataset presents.
  const x = new Float32Array(forTfjs ? TRAIN_EXAMPLES * 784 : 0);
  for (let i = 0; i < x.length; i++) x[i] = images[16 + i] * (1 / 255);
  const y = new Float32Array(forTfjs ? TRAIN_EXAMPLES * 10 : 0);
  for (let i = 0; i < (forTfjs ? TRAIN_EXAMPLES : 0); i++) y[i * 10 + labels[8 + i]] = 1;
  return {
    images, labels, x, y,
    evalImages: idxHead(images, EVAL_EXAMPLES), evalLabels: idxHead(labels, EVAL_EXAMPLES),
    test: { images: testImages.subarray(16), labels: testLabels.subarray(8) },
  };
}

// ---------------------------------------------------------------------------------------------
// Training

/** Our wasm: the Playground the page uses, trained by `trainExamples`. */
function ours(data, shape, batch) {
  const options = { preset: shape, optimizer: 'sgd', learningRate: LR, batchSize: batch, lrDecay: 1 };
  const pg = Playground.withImages(options, data.images, data.labels);
  pg.setTestData(data.evalImages, data.evalLabels);
  return {
    name: 'neuroglow-wasm',
    batch,
    train: (n) => pg.trainExamples(n),
    loss: () => pg.evaluate().loss,
    dispose: () => pg.free(),
  };
}

/**
 * The training set uploaded once as ready-made batch tensors (a fixed order, cut before timing:
 * cheaper than our shuffled gathers, so if anything this favours TF.js). Not one big tensor
 * sliced per step: the wasm backend's slice costs time proportional to the sliced tensor
 * (~20 ms per slice of the 10,240-image tensor), which would measure a TF.js pitfall, not its speed.
 */
function uploadBatches(data, batch) {
  const x = [];
  const y = [];
  for (let i = 0; i < TRAIN_EXAMPLES; i += batch) {
    x.push(tf.tensor2d(data.x.subarray(i * 784, (i + batch) * 784), [batch, 784]));
    y.push(tf.tensor2d(data.y.subarray(i * 10, (i + batch) * 10), [batch, 10]));
  }
  const evalX = tf.tensor2d(data.x.subarray(0, EVAL_EXAMPLES * 784), [EVAL_EXAMPLES, 784]);
  const evalY = tf.tensor2d(data.y.subarray(0, EVAL_EXAMPLES * 10), [EVAL_EXAMPLES, 10]);
  return { x, y, evalX, evalY, dispose: () => tf.dispose([...x, ...y, evalX, evalY]) };
}

/**
 * TensorFlow.js, as fast as it goes for this: variables, one optimizer.minimize per batch in
 * tf.tidy (no model.fit callbacks), fused matMul + bias (+ ReLU), data pre-uploaded.
 */
function theirs(backend, batches, shape, batch) {
  const sizes = SIZES[shape];
  const layers = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    const [nIn, nOut] = [sizes[k], sizes[k + 1]];
    // The presets' inits: Xavier uniform for 3b1b, He uniform for modern.
    const limit = shape === '3b1b' ? Math.sqrt(6 / (nIn + nOut)) : Math.sqrt(6 / nIn);
    layers.push({
      w: tf.variable(tf.randomUniform([nIn, nOut], -limit, limit, 'float32', k + 1)),
      b: tf.variable(tf.zeros([nOut])),
    });
  }
  const vars = layers.flatMap((l) => [l.w, l.b]);
  const last = layers.length - 1;
  const optimizer = tf.train.sgd(LR);
  // Our squared error is ½·Σ(y−a)² per example; both engines average over the batch.
  const lossOf = (x, y) => {
    let h = x;
    layers.forEach(({ w, b }, k) => {
      if (shape === '3b1b') h = tf.sigmoid(tf.fused.matMul({ a: h, b: w, bias: b }));
      else h = tf.fused.matMul({ a: h, b: w, bias: b, activation: k < last ? 'relu' : 'linear' });
    });
    return shape === '3b1b'
      ? tf.squaredDifference(h, y).sum().mul(0.5 / x.shape[0])
      : tf.losses.softmaxCrossEntropy(y, h);
  };
  let next = 0;
  const tensorsBefore = tf.memory().numTensors;
  return {
    name: `tfjs-${backend}`,
    batch,
    train: (count) => {
      for (let done = 0; done < count; done += batch) {
        const [x, y] = [batches.x[next], batches.y[next]];
        tf.tidy(() => optimizer.minimize(() => lossOf(x, y), false, vars));
        next = (next + 1) % batches.x.length;
      }
      layers[last].b.dataSync(); // the cpu and wasm backends run eagerly; this makes sure
    },
    loss: () => {
      if (tf.memory().numTensors !== tensorsBefore) throw new Error(`tf.js ${backend}: tensors leak in the training step`);
      return tf.tidy(() => lossOf(batches.evalX, batches.evalY).dataSync()[0]);
    },
    dispose: () => {
      tf.dispose(vars);
      optimizer.dispose();
    },
  };
}

/** Runs `compare` on freshly made engines and frees them whatever happens. */
function compareFresh(shape, batch, makers) {
  const engines = [];
  try {
    for (const make of makers) engines.push(make());
    return compare(shape, batch, engines);
  } finally {
    engines.forEach((e) => e.dispose());
  }
}

async function useBackend(name) {
  if (!(await tf.setBackend(name))) throw new Error(`tf.js backend ${name} did not start`);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`tf.js runs on ${tf.getBackend()}, not ${name}`);
}

// ---------------------------------------------------------------------------------------------
// Drawing latency

/** Test digit i drawn on the 280×280 pad: light ink on black, scaled up with smoothing. */
function drawDigit(data, i) {
  const small = new OffscreenCanvas(28, 28);
  const img = new ImageData(28, 28);
  for (let p = 0; p < 784; p++) {
    const v = data.test.images[i * 784 + p];
    img.data.set([v, v, v, 255], p * 4);
  }
  small.getContext('2d').putImageData(img, 0, 0);
  const pad = new OffscreenCanvas(PAD, PAD);
  const ctx = pad.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, PAD, PAD);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, PAD, PAD);
  return { rgba: new Uint8Array(ctx.getImageData(0, 0, PAD, PAD).data.buffer), label: data.test.labels[i] };
}

const argmax = (v) => v.reduce((best, x, i) => (x > v[best] ? i : best), 0);

/** Times `read(i)` (→ outputs) over T.reads calls after 100 to warm up; `label(i)`: the digit drawn. */
function timeReads(read, label) {
  for (let i = 0; i < 100; i++) read(i);
  const ms = [];
  let agree = 0;
  for (let i = 0; i < T.reads; i++) {
    const start = performance.now();
    const out = read(i);
    ms.push(performance.now() - start);
    if (argmax(out) === label(i)) agree++;
  }
  return { reads: T.reads, medianMs: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: percentile(ms, 100), agreement: agree / T.reads };
}

/**
 * Reader.read of MNIST test digits as canvas pixels, and Reader.readStrokes of handwritten strokes
 * (strokes.js). `drawings` may be null (no canvas pixels to read): then only the strokes are timed.
 */
async function latency(drawings, preset) {
  const response = await fetch(`../../www/models/${preset}.ngm`);
  if (!response.ok) throw new Error(`models/${preset}.ngm: HTTP ${response.status}`);
  const reader = Reader.fromModel(new Uint8Array(await response.arrayBuffer()));
  try {
    const rows = [];
    if (drawings) {
      const pixels = timeReads((i) => reader.read(drawings[i % DRAWINGS].rgba, PAD, PAD), (i) => drawings[i % DRAWINGS].label);
      rows.push({ engine: 'neuroglow-wasm', input: 'rgba', preset, ...pixels });
    }
    const hand = Array.from({ length: DRAWINGS }, (_, i) => ({ ...drawing(i), ...flat(drawing(i).strokes) }));
    const strokes = timeReads((i) => reader.readStrokes(hand[i % DRAWINGS].xy, hand[i % DRAWINGS].ends), (i) => hand[i % DRAWINGS].digit);
    rows.push({ engine: 'neuroglow-wasm', input: 'strokes', preset, ...strokes });
    for (const r of rows) log(`  ${preset} ${r.input}: read median ${r.medianMs.toFixed(3)} ms, p95 ${r.p95Ms.toFixed(3)} ms`);
    return rows;
  } finally {
    reader.free();
  }
}

// ---------------------------------------------------------------------------------------------

async function run() {
  await init();
  log(`loading MNIST… (quick: ${QUICK})`);
  const data = await loadMnist();

  tf.enableProdMode(); // as a production app would: fewer checks per op
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // single-threaded, as ours
  tf.wasm.setWasmPaths(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);
  await useBackend('wasm');
  const env = {
    userAgent: navigator.userAgent,
    tfjsVersion: tf.version.tfjs,
    wasmSimd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    wasmThreads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    quick: QUICK,
    timing: T,
  };
  if (!env.wasmSimd) throw new Error('tf.js wasm backend runs without SIMD');

  // Our wasm and TF.js-wasm in alternating chunks (the targets compare these two), then
  // TF.js-cpu on its own (a backend switch moves tensors, so it cannot alternate with wasm).
  const train = [];
  log('training: our wasm and tf.js wasm, alternating');
  for (const batch of BATCHES) {
    const batches = uploadBatches(data, batch);
    try {
      for (const shape of SHAPES) {
        train.push(...compareFresh(shape, batch, [() => ours(data, shape, batch), () => theirs('wasm', batches, shape, batch)]));
        await pause();
      }
    } finally {
      batches.dispose();
    }
  }
  log('training: tf.js cpu');
  await useBackend('cpu');
  for (const batch of BATCHES) {
    const batches = uploadBatches(data, batch);
    try {
      for (const shape of SHAPES) {
        train.push(...compareFresh(shape, batch, [() => theirs('cpu', batches, shape, batch)]));
        await pause();
      }
    } finally {
      batches.dispose();
    }
  }

  log('drawing latency');
  const drawings = Array.from({ length: DRAWINGS }, (_, i) => drawDigit(data, i));
  const lat = [];
  for (const preset of ['modern', '3b1b']) lat.push(...(await latency(drawings, preset)));
  return { env, train, latency: lat };
}

/** The smallest step performance.now() takes here, ms (coarse unless cross-origin isolated). */
function clockStep() {
  let step = Infinity;
  for (let i = 0; i < 20; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    step = Math.min(step, b - a);
  }
  return step;
}

/** `?engine`: our wasm alone, in whichever engine opened the page (tests/bench/engines.mjs). */
async function runEngine() {
  await init();
  log(`loading MNIST… (quick: ${QUICK})`);
  const data = await loadMnist(false);
  const env = {
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    clockMs: clockStep(),
    quick: QUICK,
    timing: T,
  };
  const train = [];
  log('training: our wasm');
  for (const batch of [1, 128]) {
    for (const shape of SHAPES) {
      train.push(...compareFresh(shape, batch, [() => ours(data, shape, batch)]));
      await pause();
    }
  }
  log('drawing latency');
  // Canvas pixels need OffscreenCanvas; an engine without it still times the strokes.
  let drawings = null;
  try {
    drawings = Array.from({ length: DRAWINGS }, (_, i) => drawDigit(data, i));
  } catch (e) {
    log(`no rgba reads: ${e}`);
  }
  const lat = [];
  for (const preset of ['modern', '3b1b']) lat.push(...(await latency(drawings, preset)));
  return { env, train, latency: lat };
}

window.benchDone = (ENGINE ? runEngine() : run()).catch((e) => {
  log(`bench failed: ${e.stack || e}`);
  return { error: String(e.stack || e) };
});
