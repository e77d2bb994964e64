// What a browser needs (www/core/support.js, run by loadWasm()) and the classic-script copy that
// old browsers run before any module (www/support-check.js): the same checks, the same words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { missingFeatures, unsupportedMessage, assertSupported, REQUIREMENTS, SUPPORTED } from '../../www/core/support.js';

const CLASSIC = await readFile(new URL('../../www/support-check.js', import.meta.url), 'utf8');

/** Runs support-check.js in a fresh context holding `globals`; returns its window.neuroglowSupport. */
function classic(globals) {
  const g = { Uint8Array, Array, WebAssembly: undefined, structuredClone: undefined, ...globals };
  g.globalThis = g;
  vm.runInNewContext(CLASSIC, g);
  const { missing, message, supported } = g.neuroglowSupport;
  // Arrays of this realm, for deepEqual.
  return { missing: [...missing], message: (list) => message(vm.runInNewContext('x => x.slice()')(list)), supported };
}

/** WebAssembly whose validate refuses modules containing `refused` (a byte sequence). */
const wasmRefusing = (...refused) => ({
  validate(bytes) {
    const a = [...bytes];
    if (refused.some((seq) => a.some((_, i) => seq.every((b, k) => a[i + k] === b)))) return false;
    return WebAssembly.validate(bytes);
  },
});
const SIMD = [0xfd, 15, 0xfd];
const REF_NULL = [208, 112];
const MEMORY_COPY = [252, 10];
const full = { WebAssembly, structuredClone };

test('this Node has everything; so does the classic check (it also wants module scripts, which Node has not)', () => {
  assert.deepEqual(missingFeatures(), []);
  assert.doesNotThrow(() => assertSupported());
  assert.deepEqual(classic(full).missing, []); // no HTMLScriptElement: not a browser, nothing to say
});

test('a browser without SIMD, without reference types, without WebAssembly: named, in order', () => {
  const cases = [
    [{ WebAssembly: wasmRefusing(SIMD), structuredClone }, ['WebAssembly SIMD']],
    [{ WebAssembly: wasmRefusing(REF_NULL), structuredClone }, ['WebAssembly reference types']],
    [{ WebAssembly: wasmRefusing(SIMD, MEMORY_COPY), structuredClone }, ['WebAssembly SIMD', 'WebAssembly bulk memory']],
    [{ structuredClone }, ['WebAssembly', 'WebAssembly SIMD', 'WebAssembly reference types', 'WebAssembly bulk memory']],
    [{ WebAssembly }, ['structuredClone']],
    [{ WebAssembly: { validate() { throw new Error('broken'); } }, structuredClone }, ['WebAssembly SIMD', 'WebAssembly reference types', 'WebAssembly bulk memory']],
  ];
  for (const [globals, want] of cases) {
    assert.deepEqual(missingFeatures({ Array, ...globals }), want);
    assert.deepEqual(classic(globals).missing, want, 'the classic script agrees');
  }
  assert.deepEqual(missingFeatures({ ...full, Array: { prototype: { at() {} } } }), ['Array.prototype.at and findLastIndex']);
});

test('the message names what is missing and the browsers that work; the classic one says the same', () => {
  for (const missing of [['WebAssembly SIMD'], ['WebAssembly', 'WebAssembly SIMD'], ['structuredClone', 'WebAssembly SIMD', 'WebAssembly bulk memory']]) {
    const text = unsupportedMessage(missing);
    assert.match(text, /^neuroglow cannot run in this browser: it lacks /);
    for (const m of missing) assert.ok(text.includes(m));
    assert.ok(text.includes(SUPPORTED));
    assert.equal(classic(full).message(missing), text);
  }
  assert.equal(unsupportedMessage(['WebAssembly', 'WebAssembly SIMD', 'structuredClone']).split('. It runs')[0], 'neuroglow cannot run in this browser: it lacks WebAssembly, WebAssembly SIMD and structuredClone');
  assert.equal(classic(full).supported, SUPPORTED);
  assert.match(SUPPORTED, /Chrome or Edge 98.*Firefox 114.*Safari 16\.4/);
});

test('assertSupported throws an Error with code "unsupported" and the list', () => {
  try {
    assertSupported({ Array, structuredClone, WebAssembly: wasmRefusing(SIMD) });
    assert.fail('should throw');
  } catch (e) {
    assert.equal(e.code, 'unsupported');
    assert.deepEqual(e.missing, ['WebAssembly SIMD']);
    assert.equal(e.message, unsupportedMessage(['WebAssembly SIMD']));
  }
});

test('the classic script: every requirement of the module is checked, plus module scripts', () => {
  const names = REQUIREMENTS.map(([n]) => n);
  for (const n of names) assert.ok(CLASSIC.includes(`'${n}'`), `support-check.js checks ${n}`);
  assert.ok(CLASSIC.includes("'JavaScript modules'"));
  // ES5 only: it must parse where the modules do not.
  assert.doesNotMatch(CLASSIC, /=>|\blet\b|\bconst\b|`|\?\.|\?\?|\bclass\b/);
  // The module-script check: a browser without noModule is named.
  class HTMLScriptElement {}
  assert.deepEqual(classic({ ...full, HTMLScriptElement }).missing, ['JavaScript modules']);
});

test('the probe modules are the ones the build needs: its target_features name them', async () => {
  let wasm;
  try {
    wasm = await readFile(new URL('../../www/pkg/neuroglow_wasm_bg.wasm', import.meta.url));
  } catch {
    return; // not built: the other tests here still ran
  }
  const text = wasm.toString('latin1');
  const at = text.lastIndexOf('target_features');
  assert.ok(at > 0, 'the wasm keeps its target_features section');
  const features = text.slice(at);
  for (const f of ['simd128', 'reference-types', 'bulk-memory']) assert.ok(features.includes(`+\u0007${f}`) || features.includes(f), `the build uses ${f}`);
  // A feature the build starts to use that is newer than SIMD in some browser must get a probe.
  for (const newer of ['relaxed-simd', 'exception-handling', 'tail-call', 'gc', 'memory64', 'multimemory', 'extended-const']) {
    assert.ok(!features.includes(`${newer}`), `the build now uses ${newer}: add a probe to www/core/support.js and www/support-check.js`);
  }
});
