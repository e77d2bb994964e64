// The URL/settings layer (www/core/config.js) without a browser: the core's schema is read from
// the real wasm module, so these tests also check that JS and Rust agree by construction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import './english.mjs';
import { readFile } from 'node:fs/promises';
import {
  SCHEMA, TASKS, SETTINGS, resolveSettings, toQuery, defaultOf, checkSettings, NETWORK_SETTINGS,
} from '../../www/core/config.js';

test('network settings, tasks and presets come from the core schema', () => {
  assert.deepEqual(NETWORK_SETTINGS, SCHEMA.options.map((o) => o.name));
  assert.deepEqual(Object.keys(TASKS), ['xor3', 'xor2', 'mnist', 'draw']);
  assert.deepEqual(defaultOf('hidden', 'xor3'), [4]);
  assert.equal(defaultOf('bias', 'xor2'), true);
  assert.equal(defaultOf('learningRate', 'mnist'), 3, '3b1b is MNIST\u2019s default preset');
  assert.equal(defaultOf('learningRate', 'mnist', false, 'modern'), 0.05);
  assert.equal(defaultOf('model', 'draw'), 'modern');
  const modern = SCHEMA.presets.find((p) => p.name === 'modern');
  assert.deepEqual(modern.sizes, [784, 128, 64, 10]);
  assert.deepEqual(modern.withAdam, { learningRate: 0.001, optimizer: 'adam' }, 'the Adam switch comes from the core');
});

test('mount() options are refused with the core\u2019s verdict, worded for the programmer', () => {
  assert.throws(() => resolveSettings({ learningRate: -1 }), /option "learningRate" must be a number between 0 and 100, not -1/);
  assert.throws(() => resolveSettings({ hidden: [1000000] }), /a layer of 1000000 neurons is out of range \(1 to 4096\)/);
  assert.throws(() => resolveSettings({ task: 'xor3', preset: 'modern' }), /option "preset" does not apply to task "xor3"/);
  assert.throws(() => resolveSettings({ bogus: 1 }), /unknown option "bogus"/);
  assert.throws(() => resolveSettings({ task: 'chess' }), /option "task" must be one of xor3, xor2, mnist, draw/);
  const { settings } = resolveSettings({ task: 'xor2', hidden: [3, 2], learningRate: 0.5 });
  assert.deepEqual([settings.hidden, settings.learningRate, settings.bias], [[3, 2], 0.5, true]);
});

test('bad URL parameters become warnings and fall back, good ones stay', () => {
  const { settings, warnings } = resolveSettings({}, '?task=xor2&lr=abc&hidden=1000000&momentum=2&palette=pink&speed=99&bogus=1&seed=7');
  assert.equal(settings.task, 'xor2');
  assert.equal(settings.seed, 7);
  assert.equal(settings.learningRate, 1);
  assert.deepEqual(settings.hidden, [4]);
  assert.equal(settings.momentum, 0.9);
  const text = warnings.join('\n');
  assert.match(text, /Ignored lr=abc: learning rate must be a number between 0 and 100 — using 1/);
  assert.match(text, /Ignored hidden=1000000: a layer of 1000000 neurons is out of range \(1 to 4096\) — using 4/);
  assert.match(text, /Ignored momentum=2: momentum must be a number from 0 to below 1 — using 0.9/);
  assert.match(text, /Ignored palette=pink: palette must be one of green-red, blue-orange — using green-red/);
  assert.match(text, /Ignored speed=99: speed must be a whole number from 1 to 10 — using 5/);
  assert.match(text, /Ignored bogus=1: unknown setting/);
});

test('a Share link round-trips and holds only what differs from the defaults', () => {
  for (const opts of [
    { task: 'xor3' },
    { task: 'xor2', hidden: [4, 3], learningRate: 0.5, palette: 'blue-orange', optimizer: 'adam' },
    { task: 'mnist', preset: 'modern', learningRate: 0.02 },
    { task: 'draw', model: '3b1b' },
  ]) {
    const { settings } = resolveSettings(opts);
    const query = toQuery(settings);
    const again = resolveSettings({}, `?${query}`);
    assert.deepEqual(again.warnings, []);
    assert.deepEqual(again.settings, settings, query);
  }
  assert.equal(toQuery(resolveSettings({ task: 'mnist', preset: 'modern', learningRate: 0.02 }).settings), 'task=mnist&preset=modern&lr=0.02');
  assert.equal(toQuery(resolveSettings({}).settings), 'task=xor3');
});

test('links made before the redesign still open the same run', () => {
  const { settings, warnings } = resolveSettings({}, '?task=xor2&hidden=4,3&lr=0.5&palette=blue-orange&output=sigmoid&batch=2&decay=0.99&init=xavier');
  assert.deepEqual(warnings, []);
  assert.deepEqual([settings.hidden, settings.learningRate, settings.batchSize, settings.lrDecay, settings.init], [[4, 3], 0.5, 2, 0.99, 'xavier']);
  const m = resolveSettings({}, '?task=mnist&preset=modern&lr=0.02').settings;
  assert.deepEqual([m.hidden, m.learningRate, m.batchSize, m.activation], [[128, 64], 0.02, 32, 'relu']);
});

test('configure() values are checked by type and task', () => {
  assert.deepEqual(checkSettings({ speed: 3 }, 'xor3'), { speed: 3 });
  assert.throws(() => checkSettings({ speed: 30 }, 'xor3'), /option "speed" must be a whole number from 1 to 10/);
  assert.throws(() => checkSettings({ model: 'modern' }, 'xor3'), /does not apply to task "xor3"/);
});

test('neuroglow.d.ts names every option and every value the schema allows', async () => {
  const dts = await readFile(new URL('../../www/neuroglow.d.ts', import.meta.url), 'utf8');
  for (const row of SETTINGS) assert.match(dts, new RegExp(`\\b${row.name}\\??:`), `option ${row.name} is typed`);
  for (const o of SCHEMA.options) {
    for (const v of o.values ?? []) assert.ok(dts.includes(`'${v}'`), `value '${v}' of ${o.name} is typed`);
  }
  for (const t of SCHEMA.tasks) assert.ok(dts.includes(`'${t.name}'`), `task ${t.name} is typed`);
});
