// Crash handling without a browser (www/core/crash.js, www/core/wasm.js, the notice's words in
// www/ui/crash-notice.js): a trap in any call into wasm kills that instance once, says what the
// Rust panic said, and nothing reaches the dead instance again; loadWasm() then gives a fresh one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WasmInstance, isTrap, describeCrash, crashError, remountPlan, AGAIN_MS, CRASHED } from '../../www/core/crash.js';
import { loadWasm, wasmInstance, wasmMemoryBytes } from '../../www/core/wasm.js';
import { noticeText } from '../../www/ui/crash-notice.js';
import { readFileSync } from 'node:fs';
import { setMessages } from '../../www/core/i18n.js';

setMessages('en', JSON.parse(readFileSync(new URL('../../www/lang/en.json', import.meta.url), 'utf8'))); // (the notice's and legends' English)

/** A stand-in for a wasm-bindgen module: a class, a static factory, free functions, lastPanic(). */
function fakeModule(panic = null) {
  const log = { calls: 0, freed: 0, forgotten: 0 };
  class Net {
    constructor(n) {
      this.n = n;
      this.__wbg_ptr = 8;
    }
    static build(n) {
      return new Net(n);
    }
    value() {
      log.calls++;
      return this.n;
    }
    child() {
      return new Net(this.n + 1);
    }
    refuse() {
      throw Object.assign(new Error('learning rate must be > 0'), { code: 'config' });
    }
    free() {
      log.freed++;
    }
    __destroy_into_raw() {
      this.__wbg_ptr = 0;
      log.forgotten++;
    }
  }
  const mod = { Net, schema: () => ({ tasks: [] }), lastPanic: () => panic, default: () => {}, initSync: () => {} };
  return { mod, log, Net };
}

const trapOn = (Net, method, e = new WebAssembly.RuntimeError('unreachable')) => {
  Net.prototype[method] = function () {
    throw e;
  };
};

test('traps are RuntimeErrors and wasm stack overflows; errors the core throws on purpose are not', () => {
  assert.equal(isTrap(new WebAssembly.RuntimeError('unreachable')), true);
  assert.equal(isTrap(new RangeError('Maximum call stack size exceeded')), true);
  assert.equal(isTrap(new RangeError('Invalid array length')), false);
  assert.equal(isTrap(Object.assign(new Error('bad option'), { code: 'config' })), false);
  assert.equal(isTrap(new TypeError('x is not a function')), false);
  assert.equal(isTrap(null), false);
});

test('a crash says the panic\u2019s message and where, else the trap\u2019s words; its Error has code "crashed"', () => {
  const p = describeCrash({ message: 'index out of bounds: the len is 3 but the index is 7', location: 'crates/core/src/network.rs:212:17' }, new WebAssembly.RuntimeError('unreachable'));
  assert.deepEqual(p, { message: 'index out of bounds: the len is 3 but the index is 7', location: 'crates/core/src/network.rs:212:17', trap: 'unreachable', panicked: true });
  const t = describeCrash(null, new WebAssembly.RuntimeError('memory access out of bounds'));
  assert.deepEqual(t, { message: 'memory access out of bounds', location: '', trap: 'memory access out of bounds', panicked: false });
  const e = crashError(p);
  assert.equal(e.code, CRASHED);
  assert.equal(e.message, 'Something went wrong inside neuroglow: index out of bounds: the len is 3 but the index is 7');
  assert.deepEqual(structuredClone(e.crash), p, 'the crash is plain data (it crosses from the worker)');
});

test('calls pass through; objects the module makes are guarded too; errors with a code change nothing', () => {
  const { mod, log } = fakeModule();
  const inst = new WasmInstance(mod, { log: () => assert.fail('nothing to log') });
  assert.deepEqual(Object.keys(inst.exports).sort(), ['Net', 'lastPanic', 'schema'], 'the loader\u2019s own functions are not handed out');
  const a = new inst.exports.Net(1);
  assert.equal(a.value(), 1);
  assert.ok(a instanceof mod.Net, 'still the module\u2019s class (wasm-bindgen checks instanceof)');
  assert.equal(a.__wbg_ptr, 8, 'fields read through');
  const b = inst.exports.Net.build(5);
  assert.equal(b.value(), 5);
  assert.equal(a.child().value(), 2);
  assert.deepEqual(inst.exports.schema(), { tasks: [] });
  assert.throws(() => a.refuse(), (e) => e.code === 'config');
  assert.equal(inst.dead, false, 'an error the core means is no crash');
  a.free();
  assert.equal(log.freed, 1);
});

test('a trap kills the instance once: the panic is read, listeners hear it, nothing reaches wasm again', async () => {
  const panic = { message: 'attempt to subtract with overflow', location: 'crates/core/src/stepper.rs:88:9' };
  const { mod, log, Net } = fakeModule(panic);
  const logged = [];
  const inst = new WasmInstance(mod, { log: (t) => logged.push(t) });
  const heard = [];
  inst.onCrash((c) => heard.push(c));
  const a = new inst.exports.Net(1);
  const b = inst.exports.Net.build(2);
  // Patched after the object was made, as the e2e tests do: methods are looked up at each call.
  trapOn(Net, 'value');
  assert.throws(() => a.value(), (e) => e.code === CRASHED && e.crash.message === panic.message && e.crash.location === panic.location);
  assert.equal(inst.dead, true);
  assert.deepEqual(heard.map((c) => c.message), [panic.message]);
  assert.deepEqual(logged, [], 'a panic was logged by Rust\u2019s hook already');
  // Every later call, on any object or function of this instance, fails without calling in.
  Net.prototype.value = function () {
    log.calls++;
    return this.n;
  };
  const before = log.calls;
  assert.throws(() => b.value(), (e) => e.code === CRASHED);
  assert.throws(() => inst.exports.schema(), (e) => e.code === CRASHED);
  assert.throws(() => new inst.exports.Net(3), (e) => e.code === CRASHED);
  assert.equal(log.calls, before);
  assert.equal(heard.length, 1, 'told once');
  // free() on a dead instance only forgets the object on the JS side (no finalizer calls in later).
  b.free();
  assert.deepEqual([log.freed, log.forgotten], [0, 1]);
  // A listener that comes late hears it too (asynchronously).
  const late = await new Promise((resolve) => inst.onCrash(resolve));
  assert.equal(late.message, panic.message);
});

test('a trap without a panic (out of bounds, stack overflow) is logged once, with the trap\u2019s words', () => {
  const { mod, Net } = fakeModule(null);
  const logged = [];
  const inst = new WasmInstance(mod, { log: (t) => logged.push(t) });
  const a = new inst.exports.Net(1);
  trapOn(Net, 'value', new RangeError('Maximum call stack size exceeded'));
  assert.throws(() => a.value(), (e) => e.code === CRASHED && e.crash.message === 'Maximum call stack size exceeded');
  assert.throws(() => a.value(), (e) => e.code === CRASHED);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /stopped \(Maximum call stack size exceeded\)/);
});

test('a section that stops again soon after a reload comes back paused; the first time, as it was', () => {
  const settings = { task: 'xor3', start: 'playing', learningRate: 0.3 };
  const first = remountPlan(settings, { mountedAt: null, crashedAt: 5_000 });
  assert.deepEqual(first, { settings, again: false });
  const soon = remountPlan(settings, { mountedAt: 10_000, crashedAt: 10_000 + AGAIN_MS - 1 });
  assert.equal(soon.again, true);
  assert.deepEqual(soon.settings, { ...settings, start: 'paused' });
  assert.equal(settings.start, 'playing', 'the settings given are not changed');
  const later = remountPlan(settings, { mountedAt: 10_000, crashedAt: 10_000 + AGAIN_MS });
  assert.deepEqual(later, { settings, again: false });
});

test('the notice says what happened, where, and what Reload does', () => {
  const p = noticeText({ message: 'index out of bounds', location: 'crates/core/src/network.rs:212:17', panicked: true });
  assert.equal(p.title, 'Something went wrong inside neuroglow');
  assert.equal(p.message, 'index out of bounds');
  assert.equal(p.where, 'at crates/core/src/network.rs:212:17');
  assert.match(p.help, /settings are kept/);
  const t = noticeText({ message: 'unreachable', location: '', panicked: false }, { again: true });
  assert.equal(t.where, '');
  assert.match(t.help, /stopped again/);
  assert.doesNotMatch(t.help, /paused/);
  assert.match(noticeText({ message: 'unreachable', panicked: false }, { again: true, paused: true }).help, /come back paused/);
});

test('the real module: a trap in one instance, then loadWasm() gives a fresh one and the old objects stay dead', async () => {
  const wasm = await loadWasm();
  const first = wasmInstance();
  const pg = new wasm.Playground({ task: 'xor3', seed: 1 });
  pg.trainCycles(10);
  assert.ok(wasmMemoryBytes() >= 1 << 20);
  assert.equal(first.raw.lastPanic(), null, 'the panic hook (crates/wasm/src/lib.rs) has kept nothing yet');
  trapOn(first.raw.Playground, 'trainCycles');
  assert.throws(() => pg.trainCycles(10), (e) => e.code === CRASHED);
  assert.throws(() => wasm.checkOptions({ task: 'xor3' }), (e) => e.code === CRASHED, 'the module\u2019s functions too, until a fresh one loads');
  pg.free(); // no call into the dead instance
  assert.equal(await loadWasm(), wasm, 'the same module object, now on the fresh instance');
  assert.notEqual(wasmInstance(), first);
  assert.equal(wasmInstance().id, first.id + 1);
  const fresh = new wasm.Playground({ task: 'xor3', seed: 1 });
  fresh.trainCycles(1000);
  assert.equal(fresh.state().cycle, 1000, 'the fresh module\u2019s class is its own (no patched method)');
  assert.throws(() => pg.state(), (e) => e.code === CRASHED);
  assert.deepEqual(wasm.checkOptions({ task: 'xor2' }).hidden, [4]);
  fresh.free();
});
