// What a browser needs (www/core/support.js, run by loadWasm()) and the classic-script copy that
// old browsers run before any module (www/support-check.js): the same checks, the same words (the
// catalogue's support.* messages; English, the same in both, when none is loaded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { missingFeatures, unsupportedMessage, assertSupported, REQUIREMENTS, FEATURE_KEYS } from '../../www/core/support.js';
import { setMessages } from '../../www/core/i18n.js';

const CLASSIC = await readFile(new URL('../../www/support-check.js', import.meta.url), 'utf8');
const catalogue = async (code) => JSON.parse(await readFile(new URL(`../../www/lang/${code}.json`, import.meta.url), 'utf8'));
const CATALOGUES = { en: await catalogue('en'), es: await catalogue('es'), de: await catalogue('de') };
const SUPPORTED = CATALOGUES.en['support.browsers'];
setMessages('en', CATALOGUES.en);

/** Runs support-check.js in a fresh context holding `globals`; returns its window.neuroglowSupport. */
function classic(globals) {
  const g = { Uint8Array, Array, WebAssembly: undefined, structuredClone: undefined, ...globals };
  g.globalThis = g;
  vm.runInNewContext(CLASSIC, g);
  const { missing, message, supported, use } = g.neuroglowSupport;
  // Arrays of this realm, for deepEqual.
  return { missing: [...missing], message: (list) => message(vm.runInNewContext('x => x.slice()')(list)), supported, use, g };
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

test('the words are the catalogue\'s support.* messages; the English the classic script falls back on is en.json\'s', async () => {
  const keys = Object.keys(CATALOGUES.en).filter((k) => k.startsWith('support.')).sort();
  const module = await readFile(new URL('../../www/core/support.js', import.meta.url), 'utf8');
  assert.doesNotMatch(module, /cannot run in this browser/, 'support.js words nothing itself: the catalogue does');
  for (const key of keys) {
    assert.ok(CLASSIC.includes(`'${key}': ${key === 'support.browsers' ? 'SUPPORTED' : `'${CATALOGUES.en[key]}'`}`), `${key}: support-check.js's English is en.json's`);
    for (const code of ['es', 'de']) assert.equal(typeof CATALOGUES[code][key], 'string', `${code}.json has ${key}`);
  }
  assert.equal(CATALOGUES.en['support.browsers'], SUPPORTED);
  // Every requirement is named by a message, in both scripts.
  for (const [name] of REQUIREMENTS) {
    assert.ok(FEATURE_KEYS[name], `${name} has a message`);
    assert.ok(CLASSIC.includes(`['${name}', '${FEATURE_KEYS[name]}',`), `support-check.js names ${name} by ${FEATURE_KEYS[name]}`);
  }
});

test('in every language the module and the classic script say the same sentence', () => {
  const lists = [['WebAssembly SIMD'], ['WebAssembly', 'WebAssembly SIMD', 'WebAssembly reference types', 'WebAssembly bulk memory'], ['structuredClone', 'Array.prototype.at and findLastIndex']];
  try {
    for (const code of ['en', 'es', 'de']) {
      setMessages(code, CATALOGUES[code]);
      const c = classic(full);
      c.use(code, CATALOGUES[code]);
      for (const list of lists) {
        const text = unsupportedMessage(list);
        assert.equal(c.message(list), text, `${code}: ${list}`);
        assert.ok(text.includes(CATALOGUES[code]['support.browsers']));
        for (const name of list) assert.ok(text.includes(CATALOGUES[code][FEATURE_KEYS[name]]), `${code}: names ${name}`);
      }
    }
    setMessages('de', CATALOGUES.de);
    assert.match(unsupportedMessage(['WebAssembly', 'WebAssembly SIMD']), /^neuroglow kann in diesem Browser nicht laufen: Er unterstützt WebAssembly und WebAssembly-SIMD nicht\./);
    // Words the caller already has in the page's language pass through (mnist: module workers).
    assert.match(unsupportedMessage(['Modul-Worker']), /unterstützt Modul-Worker nicht/);
  } finally {
    setMessages('en', CATALOGUES.en);
  }
});

/**
 * Runs support-check.js as a page without WebAssembly would: `search` (?lang=…), the browser's
 * `languages`, and the site's answers (URL → { status, body } or 'error'). Returns the alert's
 * text, its lang and the URLs asked for.
 */
function page({ search = '', languages = ['en-US'], answers = {} }) {
  const asked = [];
  const host = { children: [], insertBefore(node) { this.children.unshift(node); } };
  class XMLHttpRequest {
    open(method, url) { this.url = url; }
    send() {
      asked.push(this.url);
      const a = answers[this.url] ?? { status: 404, body: '' };
      if (a === 'error') return this.onerror();
      Object.assign(this, { status: a.status, responseText: a.body });
      this.onload();
    }
  }
  const document = {
    currentScript: { src: 'https://school.example/neuroglow/www/support-check.js?v=2' },
    readyState: 'complete',
    documentElement: { setAttribute() {} },
    createElement: () => ({ style: {}, setAttribute(k, v) { this[k] = v; } }),
    querySelector: () => host,
    querySelectorAll: () => [],
  };
  classic({ structuredClone, document, XMLHttpRequest, location: { search }, navigator: { languages } });
  return { text: host.children[0]?.textContent, lang: host.children[0]?.lang, asked };
}

test('the classic script loads the catalogue next to it: ?lang=, else the browser\'s languages, else English', () => {
  const base = 'https://school.example/neuroglow/www/lang/';
  const site = Object.fromEntries(['en', 'es', 'de'].map((c) => [`${base}${c}.json`, { status: 200, body: JSON.stringify(CATALOGUES[c]) }]));
  const german = page({ search: '?task=xor2&lang=de', languages: ['es-ES'], answers: site });
  assert.deepEqual(german.asked, [`${base}de.json`]);
  assert.equal(german.lang, 'de');
  assert.match(german.text, /^neuroglow kann in diesem Browser nicht laufen: Er unterstützt WebAssembly, WebAssembly-SIMD, WebAssembly-Referenztypen und WebAssembly-Bulk-Memory nicht\./);
  // A language the site lacks (404): the next the browser prefers, base subtag (es-MX → es).
  const spanish = page({ search: '?lang=fr', languages: ['es-MX', 'de'], answers: site });
  assert.deepEqual(spanish.asked, [`${base}fr.json`, `${base}es.json`]);
  assert.match(spanish.text, /^neuroglow no puede funcionar en este navegador porque no tiene WebAssembly, SIMD de WebAssembly/);
  // None of the browser's: en.json.
  const english = page({ languages: ['ja', 'ko-KR'], answers: site });
  assert.deepEqual(english.asked, [`${base}ja.json`, `${base}ko.json`, `${base}en.json`]);
  assert.equal(english.text, unsupportedMessage(['WebAssembly', 'WebAssembly SIMD', 'WebAssembly reference types', 'WebAssembly bulk memory']));
  // The site cannot be reached, or has no catalogues at all: the English words it carries.
  for (const answers of [{ [`${base}de.json`]: 'error' }, {}]) {
    const offline = page({ languages: ['de'], answers });
    assert.equal(offline.lang, 'en');
    assert.equal(offline.text, english.text);
  }
  // Nothing but a language code is asked for.
  assert.deepEqual(page({ search: '?lang=../../secret', languages: [], answers: site }).asked, [`${base}en.json`]);
});
