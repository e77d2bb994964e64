// The MNIST worker's protocol (www/tasks/mnist/protocol.js) and its Session (session.js) in Node,
// against the real wasm package, on a small synthetic image set: replies carry error codes (never
// text to parse), frames are copies of the core's snapshot, runs of epochs stop with 'stopped'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../www/tasks/mnist/session.js';
import { idx } from './mnist-images.mjs';
import { errorData, toError, frameMessage, transferables, isStopped, FRAME_ACK } from '../../www/tasks/mnist/protocol.js';
import { loadWasm } from '../../www/core/wasm.js';

/** A session with its posts recorded; request() resolves with the reply. */
function session() {
  const posts = [];
  const s = new Session((msg, transfer = []) => posts.push({ msg, transfer }));
  let id = 0;
  const request = async (type, payload = {}) => {
    const mine = ++id;
    await s.receive({ type, id: mine, ...payload });
    return posts.find((p) => p.msg.type === 'reply' && p.msg.id === mine)?.msg;
  };
  const reports = (type) => posts.filter((p) => p.msg.type === type).map((p) => p.msg);
  return { s, posts, request, reports };
}

async function ready(options = { task: 'mnist', preset: '3b1b' }) {
  const x = session();
  const train = idx(60);
  const testSet = idx(20);
  const r = await x.request('init', { options, files: { images: train.images, labels: train.labels, testImages: testSet.images, testLabels: testSet.labels } });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  return { ...x, init: r.value };
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

test('errors travel as { code, message } (and the core\u2019s option), and come back as Errors with that code', async () => {
  const { Playground } = await loadWasm();
  let refused;
  try {
    Playground.withImages({ task: 'mnist', learningRate: -1 }, idx(10).images, idx(10).labels);
  } catch (e) {
    refused = e;
  }
  const data = structuredClone(errorData(refused));
  assert.equal(data.code, 'config');
  assert.equal(data.option, 'learningRate');
  const back = toError(data);
  assert.ok(back instanceof Error);
  assert.equal(back.code, 'config');
  assert.match(back.detail, /learning rate -1 is out of range/);
  assert.equal(errorData(new TypeError('oops')).code, 'state', 'errors without a code are state errors');
  assert.equal(isStopped(toError({ code: 'stopped', message: 'training was paused' })), true);
});

test('a frame message copies every buffer out of wasm memory and lists it for transfer', async () => {
  const { Playground } = await loadWasm();
  const d = idx(10);
  const pg = Playground.withImages({ task: 'mnist' }, d.images, d.labels);
  pg.probeCurrent();
  const frame = pg.frame();
  const [msg, transfer] = frameMessage(frame, { playing: false, label: 3 });
  assert.equal(msg.type, 'frame');
  assert.equal(msg.label, 3);
  assert.deepEqual(msg.sizes, [784, 16, 16, 10]);
  assert.equal(msg.guess, frame.guess);
  assert.equal(transfer.length, Object.keys(frame.buffers).length);
  for (const [name, b] of Object.entries(msg.buffers)) {
    assert.notEqual(b.buffer, frame.buffers[name].buffer, `${name} is a copy`);
    assert.deepEqual(Array.from(b), Array.from(frame.buffers[name]));
  }
  const [playing] = frameMessage(pg.frame(), { playing: true });
  assert.ok(playing.buffers.weights0 && playing.buffers.a1 && playing.buffers.strong0);
  assert.ok(!playing.buffers.gradWeights0 && !playing.buffers.delta1 && !playing.buffers.before0, 'no step-only buffers while playing');
  pg.free();
  assert.deepEqual(transferables({ pixels: new Uint8Array(4), side: 2 }).length, 1);
  assert.deepEqual(transferables([1, 2, 3]), []);
});

test('init builds the network on the data, replies with info and the settings in force, and posts a frame', async () => {
  const { init, reports } = await ready();
  assert.deepEqual(init.info.sizes, [784, 16, 16, 10]);
  assert.equal(init.settings.preset, '3b1b');
  assert.deepEqual(init.settings.hidden, [16, 16]);
  assert.equal(init.hasTest, true);
  const [f] = reports('frame');
  assert.equal(f.state.exampleCount, 60);
  assert.equal(f.known.output, true);
  assert.equal(typeof f.guess, 'number');
  assert.ok(Number.isInteger(f.label), 'the label of the example on show');
});

test('requests before init, unknown requests and bad arguments are refused by code', async () => {
  const x = session();
  assert.equal((await x.request('play')).error.code, 'state');
  const { request } = await ready();
  assert.equal((await request('bogus')).error.code, 'input');
  assert.equal((await request('step', { unit: 'cycle' })).error.code, 'input');
  assert.equal((await request('train', { epochs: 0 })).error.code, 'input');
  const bad = await request('configure', { options: { task: 'mnist', learningRate: -1 } });
  assert.deepEqual([bad.error.code, bad.error.option], ['config', 'learningRate']);
  assert.equal((await request('load', { bytes: new Uint8Array([1, 2, 3]) })).error.code, 'model');
  assert.equal((await request('predict', { pixels: [1, 2, 3] })).error.code, 'input');
});

test('step goes phase by phase and counts examples learned', async () => {
  const { request, reports } = await ready();
  const phases = [];
  for (let i = 0; i < 9; i++) {
    const s = (await request('step', { unit: 'phase' })).value;
    phases.push(s.phase + (s.layer ?? ''));
  }
  assert.deepEqual(phases.slice(0, 8), ['present', 'forward0', 'forward1', 'forward2', 'error', 'backward2', 'backward1', 'backward0']);
  const last = reports('frame').at(-1);
  assert.equal(last.stepped, 'phase');
  assert.ok(last.buffers.gradWeights0, 'a step sends the gradients');
  await request('step', { unit: 'example' });
  const s = (await request('step', { unit: 'batch' })).value;
  assert.equal(s.seen, 12, 'one example by phases, one whole, a batch of 10');
});

test('a run of epochs replies with the evaluation; pausing it fails it with code "stopped"', async () => {
  const { request, s, posts } = await ready();
  const done = await request('train', { epochs: 1 });
  assert.equal(done, undefined, 'train replies later');
  for (let i = 0; i < 200 && !posts.some((p) => p.msg.type === 'epoch'); i++) await wait(10);
  const ok = posts.filter((p) => p.msg.type === 'reply' && p.msg.ok && p.msg.value?.accuracy !== undefined);
  assert.equal(ok.length, 1, 'the run replied');
  assert.equal(ok[0].msg.value.count, 20);
  assert.equal(ok[0].msg.value.mistakeLabels.length, ok[0].msg.value.mistakes.length);
  await s.receive({ type: 'train', id: 99, epochs: 5 });
  await s.receive({ type: 'pause', id: 100 });
  const stopped = posts.find((p) => p.msg.id === 99).msg;
  assert.equal(stopped.ok, false);
  assert.equal(stopped.error.code, 'stopped');
  assert.equal(posts.find((p) => p.msg.id === 100).msg.ok, true);
});

test('while playing, a frame waits for the page to acknowledge the last one', async () => {
  const { request, s, reports } = await ready();
  const until = async (ok) => {
    for (let i = 0; i < 300 && !ok(); i++) await wait(10);
    return ok();
  };
  await s.receive({ type: FRAME_ACK });
  const before = reports('frame').length;
  await request('play');
  assert.ok(await until(() => reports('frame').length > before), 'a frame while playing');
  const sent = reports('frame').length;
  const sentAt = s.lastFrame; // (the session's clock: when that frame went)
  await wait(300);
  // A frame goes anyway a second after the last one without an ack; on a loaded machine Node may
  // run this timer late (the training loop's messages come first), and then there is nothing to tell.
  if (performance.now() - sentAt < 950) assert.equal(reports('frame').length, sent, 'no new frame without an ack');
  await s.receive({ type: FRAME_ACK });
  assert.ok(await until(() => reports('frame').length > sent), 'the ack lets the next frame through');
  assert.equal(reports('frame').at(-1).playing, true);
  assert.ok(reports('metrics').length > 0, 'chart points while playing');
  assert.equal((await request('pause')).ok, true);
  assert.equal(reports('frame').at(-1).playing, false);
});

test('save and load round-trip; a pretrained model brings its own settings; test images are transferred', async () => {
  const { request, posts } = await ready();
  await request('step', { unit: 'batch' });
  const input = Array.from({ length: 784 }, (_, j) => (j % 28 > 12 ? 1 : 0));
  const before = (await request('predict', { pixels: input })).value;
  const bytes = (await request('save', { note: 'x' })).value;
  assert.ok(bytes instanceof Uint8Array);
  await request('step', { unit: 'batch' });
  const loaded = await request('load', { bytes });
  assert.equal(loaded.value.note, 'x');
  assert.deepEqual((await request('predict', { pixels: input })).value, before);
  const modern = await request('load', { bytes, options: { task: 'mnist', preset: 'modern' } });
  assert.equal(modern.value.settings.preset, 'modern', 'the settings in force come from the worker');
  assert.deepEqual(modern.value.info.sizes, [784, 16, 16, 10], 'the model\u2019s own layers');
  const images = await request('testImages', { indices: [0, 1] });
  assert.equal(images.value.pixels.length, 2 * 784);
  assert.equal(posts.find((p) => p.msg === images).transfer.length, 2);
});

test('a large test set is evaluated in slices: Pause is answered before the evaluation ends, and training waits for it', async () => {
  const x = session();
  const train = idx(60);
  const big = idx(30000); // ~24 MB of test images: many slices
  const r = await x.request('init', { options: { task: 'mnist', preset: 'modern' }, files: { images: train.images, labels: train.labels, testImages: big.images, testLabels: big.labels } });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  const order = [];
  const evaluating = x.request('evaluate').then((reply) => order.push(['evaluate', reply]));
  await wait(0);
  const pausing = x.request('pause').then(() => order.push(['pause']));
  await Promise.all([evaluating, pausing]);
  assert.deepEqual(order.map(([t]) => t), ['pause', 'evaluate'], 'Pause is answered while the evaluation runs');
  const ev = order[1][1].value;
  assert.equal(ev.count, 30000);
  assert.equal(ev.confusion.reduce((a, b) => a + b, 0), 30000, 'every example is booked once, across slices');
  // A step (which changes the weights) waits for a running evaluation instead of mixing with it.
  const seen = x.s.pg.state().seen;
  const again = x.request('evaluate');
  await wait(0);
  const step = await x.request('step', { unit: 'example' });
  const evaluation = (await again).value;
  assert.equal(step.ok, true);
  assert.equal(evaluation.seen, seen, 'evaluated the network as it was before the step');
});
