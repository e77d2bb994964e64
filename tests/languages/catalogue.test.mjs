// The message catalogues (www/lang/<code>.json) and the language machinery (www/core/i18n.js),
// without a browser: every language has every key English has (en.json plus the English the
// core's schema and the settings table hold), with the same placeholders; every key the code
// and the pages ask for exists; numbers and plurals follow the language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '../../www/core/config.js'; // (registers the schema's and the settings table's English)
import {
  LANGUAGES, chooseLang, englishFromSource, setMessages, t, formatPercent, formatInt, lang, paramsOf,
} from '../../www/core/i18n.js';
import { fmt, fixed, fmtSigned } from '../../www/core/format.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (code) => JSON.parse(readFileSync(join(ROOT, 'www/lang', `${code}.json`), 'utf8'));
const EN_FILE = read('en');
const SOURCE = englishFromSource();
const EN = { ...SOURCE, ...EN_FILE };
const CODES = Object.keys(LANGUAGES);

const placeholders = paramsOf;

test('every language ships a catalogue, and only the languages listed', () => {
  const files = readdirSync(join(ROOT, 'www/lang')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(files, [...CODES].sort());
  assert.ok(CODES.length >= 3, 'English and at least two more languages');
});

test('English words held by the core and the settings table are written once (not again in en.json)', () => {
  assert.ok(Object.keys(SOURCE).length > 40, 'the schema registered its words');
  const twice = Object.keys(SOURCE).filter((k) => k in EN_FILE);
  assert.deepEqual(twice, [], 'en.json repeats English the core or the settings table already holds');
});

for (const code of CODES.filter((c) => c !== 'en')) {
  test(`the ${LANGUAGES[code]} catalogue has every key, with English's placeholders`, () => {
    const cat = read(code);
    const missing = Object.keys(EN).filter((k) => typeof cat[k] !== 'string' || cat[k].trim() === '');
    assert.deepEqual(missing, [], `${code}.json lacks these keys`);
    const extra = Object.keys(cat).filter((k) => !(k in EN));
    assert.deepEqual(extra, [], `${code}.json has keys English does not (renamed or removed?)`);
    const wrong = Object.keys(EN).filter((k) => placeholders(cat[k]).join() !== placeholders(EN[k]).join());
    assert.deepEqual(wrong.map((k) => `${k}: ${placeholders(EN[k])} vs ${placeholders(cat[k])}`), [], 'placeholders differ');
  });
}

test('every message key the code and the pages use is in the English catalogue', () => {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === 'pkg' || name === 'data' || name === 'models' || name === 'lang') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|html)$/.test(name) && name !== 'i18n.js') files.push(p);
    }
  };
  walk(join(ROOT, 'www'));
  files.push(join(ROOT, 'index.html'));
  const used = new Map();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z][\w.-]*)'/g)) used.set(m[1], f);
    for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) used.set(m[1], f);
    for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].trim().split(/\s+/)) used.set(pair.split(':')[1], f);
  }
  assert.ok(used.size > 100, `found ${used.size} keys in use`);
  const missing = [...used].filter(([k]) => !(k in EN)).map(([k, f]) => `${k} (${f.slice(ROOT.length)})`);
  assert.deepEqual(missing, []);
});

test('chooseLang: what is asked, else the browser\u2019s first language spoken, else English', () => {
  assert.equal(chooseLang('de'), 'de');
  assert.equal(chooseLang('ES'), 'es');
  assert.equal(chooseLang('de-AT'), 'de', 'a region reads as its language');
  assert.equal(chooseLang('fr'), null, 'a language not shipped is refused (the caller warns)');
  assert.equal(chooseLang(null, ['fr-FR', 'es-MX', 'de']), 'es');
  assert.equal(chooseLang('', ['fr']), 'en');
  assert.equal(chooseLang(undefined, []), 'en');
});

test('t(): placeholders, plurals per language, and a missing key shows as ⟦key⟧ (never as English)', () => {
  setMessages('en', read('en'));
  assert.equal(lang(), 'en');
  assert.equal(t('config.notParts', { list: '"x"', n: 1, parts: 'a, b' }), '"x" is not a part of the playground (parts: a, b)');
  assert.equal(t('config.notParts', { list: '"x", "y"', n: 2, parts: 'a' }), '"x", "y" are not parts of the playground (parts: a)');
  assert.equal(t('no.such.key'), '\u27e6no.such.key\u27e7');
  assert.equal(t('option.learningRate'), 'learning rate', 'English from the schema');
  setMessages('de', read('de'));
  assert.equal(t('config.notParts', { list: '"x"', n: 1, parts: 'a' }), '"x" ist kein Teil des Playgrounds (Teile: a)');
  assert.equal(t('option.learningRate'), 'Lernrate');
  setMessages('en', read('en'));
});

test('numbers follow the language: decimal sign, grouping, percent', () => {
  setMessages('en', read('en'));
  assert.deepEqual([fmt(0.0125, 3), fmtSigned(-0.5, 2), fixed(-0.0001, 3), formatInt(60000), formatPercent(0.982, 1)], ['0.013', '\u22120.50', '0.000', '60,000', '98.2%']);
  setMessages('de', read('de'));
  assert.deepEqual([fmt(0.0125, 3), fmtSigned(-0.5, 2), fixed(-0.0001, 3), formatInt(60000), formatPercent(0.982, 1)], ['0,013', '\u22120,50', '0,000', '60.000', '98,2\u00a0%']);
  setMessages('es', read('es'));
  assert.deepEqual([fmt(1.5e-7, 3), formatInt(60000), formatPercent(0.5, 0)], ['1,50e-7', '60.000', '50\u00a0%']);
  setMessages('en', read('en'));
});

test('the stylesheets are written in logical properties, so a right-to-left language needs no layout work', () => {
  const physical = /(^|[\s;{])(margin|padding|border|inset)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|clear\s*:\s*(left|right)/;
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.css')) {
        readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          // A line may stay physical when it says why (e.g. centring with left: 50%).
          if (physical.test(line.replace(/\/\*.*?\*\//g, '')) && !/physical:/.test(line)) found.push(`${p.slice(ROOT.length)}:${i + 1}: ${line.trim()}`);
        });
      }
    }
  };
  walk(join(ROOT, 'www'));
  assert.deepEqual(found, []);
});

test('the English a page keeps in its HTML for before its script runs (title, description) is the catalogue\u2019s', () => {
  const pages = ['index.html', 'www/draw/index.html', 'www/mnist/index.html', 'www/examples/lesson.html'];
  let checked = 0;
  for (const page of pages) {
    const html = readFileSync(join(ROOT, page), 'utf8');
    for (const m of html.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]+)</g)) {
      assert.equal(m[2], EN[m[1]], `${page}: the text of ${m[1]}`);
      checked++;
    }
    for (const m of html.matchAll(/data-i18n-attr="content:([^"\s]+)" content="([^"]+)"/g)) {
      assert.equal(m[2], EN[m[1]], `${page}: the content of ${m[1]}`);
      checked++;
    }
  }
  assert.ok(checked >= 4, `checked ${checked} fallbacks`);
});
