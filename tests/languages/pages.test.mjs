// Every page in every language: each page is opened and exercised the same way in English and in
// each other language, and every string it shows or announces is collected — text (also of hidden
// panels and menus), accessible names and descriptions, titles, placeholders, the document's title
// and description, live-region announcements and the text drawn on canvases. A string of another
// language that is still English (it also appears on the English page, and the catalogue does not
// say it is the same in both) fails, as does a missing key (⟦key⟧). The catalogue test
// (tests/unit/i18n.test.mjs) checks the keys; this checks nothing bypasses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { browserForSuite, url, screenshot, CHROMIUM } from '../e2e/browser.mjs';
import '../../www/core/config.js'; // (registers the schema's English words)
import { englishFromSource } from '../../www/core/i18n.js';

const suite = browserForSuite();
const LANG_DIR = new URL('../../www/lang/', import.meta.url);
const catalogue = (code) => JSON.parse(readFileSync(new URL(`${code}.json`, LANG_DIR), 'utf8'));
// English as the pages have it: en.json and the words the schema and the settings table hold.
const EN = { ...englishFromSource(), ...catalogue('en') };
const OTHERS = ['es', 'de'];

// Records what canvases draw and what live regions say, from before the page's scripts run.
const SPY = () => {
  window.__seen = new Set();
  for (const proto of [CanvasRenderingContext2D.prototype, globalThis.OffscreenCanvasRenderingContext2D?.prototype].filter(Boolean)) {
    for (const name of ['fillText', 'strokeText']) {
      const orig = proto[name];
      proto[name] = function (text, ...rest) {
        window.__seen.add(String(text));
        return orig.call(this, text, ...rest);
      };
    }
  }
  const live = '[aria-live], [role="status"], [role="alert"], [role="log"], [role="timer"]';
  new MutationObserver((records) => {
    for (const r of records) {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const region = node?.closest?.(live);
      if (region) window.__seen.add(region.textContent);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
};

/** Every string on the page now, plus what the spy heard since it loaded. */
const strings = (page) => page.evaluate(() => {
  const out = new Set(window.__seen);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.closest('script, style, noscript, template, pre.ng-code, code')) out.add(n.textContent);
  }
  const attrs = ['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'title', 'placeholder', 'alt'];
  for (const el of document.querySelectorAll('*')) for (const a of attrs) if (el.hasAttribute(a)) out.add(el.getAttribute(a));
  out.add(document.title);
  out.add(document.querySelector('meta[name="description"]')?.content ?? '');
  // Input values the page wrote (read-only fields: links, snippets are code, not words).
  return [...out];
});

const norm = (s) => s.replace(/\s+/g, ' ').trim();
/** Numbers vary between runs (cycles, timings): compared as '#'. */
const shape = (s) => norm(s).replace(/[−-]?\d+([.,\u00a0 ]\d+)*(e[−-]?\d+)?/g, '#');
/**
 * Names, the same in every language: the product, the tasks' and models' names, functions and
 * optimisers by their mathematical names, file formats, and each language's own name (the
 * language menu names every language in itself).
 */
const NAMES = ['neuroglow', 'XOR', 'MNIST', '3Blue1Brown', 'ReLU', 'relu', 'tanh', 'sigmoid', 'softmax', 'linear', 'Adam', 'adam', 'SGD', 'sgd', 'WebM', 'MP4', 'PNG', 'WebAssembly', 'English', 'Español', 'Deutsch'];
const NAME_RE = new RegExp(`\\b(${NAMES.join('|')})\\b`, 'g');
/** Words, not just names, numbers, symbols, file names or code. */
const wordy = (s) => /\p{L}{3,}/u.test(s.replace(NAME_RE, '')) && !/^[\w.-]+\.(png|webm|mp4|ngm|json)$/i.test(s) && !/^(https?:|<iframe)/.test(s.trim());

/** Opens a page in a language, exercises it, and returns its strings (normalised). */
async function visit(p, code) {
  const page = await suite.browser.newPage();
  await page.addInitScript(SPY);
  try {
    const sep = p.path.includes('?') ? '&' : '?';
    await page.goto(url(`${p.path}${sep}lang=${code}`));
    await p.act(page);
    await page.waitForTimeout(300);
    const all = (await strings(page)).map(norm).filter(Boolean);
    if (code !== 'en') await screenshot(page, `lang-${p.name.replace(/\W+/g, '-')}-${code}`);
    return new Set(all);
  } finally {
    await page.close();
  }
}

const frames = (page, n = 3) => page.evaluate((n) => new Promise((r) => { const f = (k) => (k ? requestAnimationFrame(() => f(k - 1)) : r()); f(n); }), n);

async function xorAct(page) {
  await page.waitForFunction(() => window.playgrounds?.xor, null, { timeout: 20_000 });
  await page.evaluate(async () => {
    const pg = window.playgrounds.xor;
    for (let i = 0; i < 7; i++) pg.step('phase');
  });
  await frames(page);
  await page.locator('#playground .ng-probe button').first().click();
  await frames(page);
  // Share (the tools' first button), then Embed (the one that opens a panel).
  await page.locator('#playground .ng-tools button').first().click();
  await page.locator('#playground .ng-tools button[aria-expanded]').first().click();
  await page.evaluate(() => window.playgrounds.xor.train({ cycles: 300 }));
  await frames(page, 6);
}

/** The API object at window[path[0]][path[1]]… (the page's CSP allows no eval). */
const at = (page, path, f, arg) => page.evaluate(async ({ path, f, arg }) => {
  const h = path.reduce((o, k) => o?.[k], window);
  return window[f](h, arg);
}, { path, f, arg });
const ready = (page, path, test) => page.waitForFunction(({ path, test }) => {
  const h = path.reduce((o, k) => o?.[k], window);
  return h && typeof h[test] === 'function' && (test !== 'state' || h.state().info);
}, { path, test }, { timeout: 30_000 });

async function mnistAct(page, path) {
  await ready(page, path, 'step');
  await page.evaluate(async (path) => {
    const pg = path.reduce((o, k) => o?.[k], window);
    await pg.ready;
    for (let i = 0; i < 4; i++) await pg.step('phase');
    await pg.step('batch');
    await pg.evaluate();
  }, path);
  await frames(page, 6);
}

const SEVEN = [[[0.27, 0.2], [0.5, 0.19], [0.73, 0.2], [0.6, 0.45], [0.46, 0.83]]];
const SCRIBBLE = [Array.from({ length: 60 }, (_, i) => [0.5 + 0.3 * Math.sin(i * 1.7), 0.5 + 0.3 * Math.cos(i * 2.3)])];
async function drawAct(page, path) {
  await ready(page, path, 'state');
  const toggle = page.locator('.dr-steps-toggle');
  if (await toggle.count()) await toggle.first().click();
  for (const strokes of [SCRIBBLE, SEVEN]) {
    await page.evaluate(({ path, strokes }) => {
      const d = path.reduce((o, k) => o?.[k], window);
      d.clear();
      d.draw(strokes);
    }, { path, strokes });
    await frames(page, 4);
  }
}

const PAGES = [
  { name: 'index XOR', path: 'index.html', act: xorAct },
  // Bad settings in the link: the warnings, in the page's language.
  { name: 'index XOR, bad link', path: 'index.html?task=xor2&lr=500&hidden=x&bogus=1&controls=step,nope', act: (page) => page.waitForFunction(() => window.playgrounds?.xor && document.querySelector('.ng-warnings'), null, { timeout: 20_000 }) },
  { name: 'index MNIST', path: 'index.html?task=mnist', act: (page) => mnistAct(page, ['playgrounds', 'mnist']) },
  { name: 'index draw', path: 'index.html?task=draw', act: (page) => drawAct(page, ['playgrounds', 'draw']) },
  { name: 'MNIST page', path: 'www/mnist/index.html', act: (page) => mnistAct(page, ['mnist']) },
  { name: 'draw page', path: 'www/draw/index.html', act: (page) => drawAct(page, ['draw']) },
  { name: 'lesson', path: 'www/examples/lesson.html', act: (page) => page.waitForFunction(() => document.querySelector('.ng-task, .ng'), null, { timeout: 20_000 }).then(() => frames(page, 10)) },
];

for (const p of PAGES) {
  test(`${p.name}: every string shown or announced is in the page's language`, { timeout: 180_000 }, async () => {
    const en = await visit(p, 'en');
    const missingEn = [...en].filter((s) => s.includes('\u27e6'));
    assert.deepEqual(missingEn, [], 'English page: keys missing from the catalogue');
    const english = new Set([...en].map(shape));
    for (const code of OTHERS) {
      const cat = catalogue(code);
      // The messages that are the same in both by design (names: XOR, MNIST, neuroglow …).
      // (Compared regardless of case: a label may be capitalised where it is shown.)
      const same = new Set(Object.keys(cat).filter((k) => cat[k].toLowerCase() === EN[k]?.toLowerCase()).map((k) => shape(cat[k]).toLowerCase()));
      const seen = await visit(p, code);
      const missing = [...seen].filter((s) => s.includes('\u27e6'));
      assert.deepEqual(missing, [], `${code}: keys missing from the catalogue`);
      const untranslated = [...seen].filter((s) => wordy(s) && english.has(shape(s)) && !same.has(shape(s).toLowerCase()));
      assert.deepEqual(untranslated, [], `${code}: still in English on ${p.path}`);
      assert.ok(seen.size > 10, `${code}: the walk saw ${seen.size} strings`);
    }
  });
}

test('the language: ?lang=, the browser\u2019s by default, mount({ lang }), one per page; Share and Embed keep it', { timeout: 120_000 }, async () => {
  const page = await suite.browser.newPage();
  try {
    // ?lang= wins; the address, Share's link and Embed's snippet carry it; numbers follow it.
    await page.goto(url('index.html?task=xor3&lang=de&lr=0.5'));
    await page.waitForFunction(() => window.playgrounds?.xor, null, { timeout: 20_000 });
    const de = await page.evaluate(() => {
      const pg = window.playgrounds.xor;
      pg.step('cycle');
      return { html: document.documentElement.lang, link: pg.link(), embed: pg.embedCode(), address: location.search, step: document.querySelector('#playground .ng-buttons button').textContent, menu: document.getElementById('language').value };
    });
    assert.equal(de.html, 'de');
    assert.equal(de.menu, 'de');
    assert.match(de.link, /[?&]lang=de(&|$)/);
    assert.match(de.embed, /lang=de/);
    assert.match(de.address, /lang=de/);
    assert.ok(de.step.includes(catalogue('de')['ui.step']), `Step is ${de.step}`);
    await page.waitForFunction(() => /\d,\d/.test(document.querySelector('#playground .ng-examples')?.textContent ?? ''), null, { timeout: 5_000 });

    // A second playground on the page takes the page's language; asking for another is refused.
    const second = await page.evaluate(async () => {
      const { mount } = await import(new URL('www/neuroglow.js', location.href).href);
      const a = await mount(document.body.appendChild(document.createElement('div')), { task: 'xor2' });
      let refused = null;
      try {
        await mount(document.body.appendChild(document.createElement('div')), { task: 'xor2', lang: 'es' });
      } catch (e) {
        refused = e.message;
      }
      const same = await mount(document.body.appendChild(document.createElement('div')), { task: 'xor2', lang: 'de-AT' });
      const { t } = await import(new URL('www/neuroglow.js', location.href).href);
      return { lang: a.settings().lang, link: a.link(), refused, expected: `neuroglow: ${t('config.oneLanguage', { name: 'Deutsch', code: 'de' })}`, same: same.settings().lang };
    });
    assert.equal(second.lang, 'de');
    assert.match(second.link, /lang=de/);
    assert.equal(second.refused, second.expected);
    assert.match(second.refused, /eine Sprache pro Seite/, 'said in the page\u2019s language');
    assert.equal(second.same, 'de', 'de-AT reads as de');

    // Choosing in the language menu reopens the page in that language with the same settings.
    await Promise.all([page.waitForNavigation(), page.selectOption('#language', 'es')]);
    await page.waitForFunction(() => window.playgrounds?.xor, null, { timeout: 20_000 });
    const es = await page.evaluate(() => ({ html: document.documentElement.lang, lr: window.playgrounds.xor.settings().learningRate, tab: document.getElementById('tab-draw').textContent }));
    assert.deepEqual(es, { html: 'es', lr: 0.5, tab: catalogue('es')['page.tabDraw'] });
  } finally {
    await page.close();
  }
});

test('without ?lang= the page speaks the browser\u2019s language (Spanish here), else English', { timeout: 60_000 }, async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const [locale, expected] of [['es-ES', 'es'], ['fr-FR', 'en']]) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(url('index.html'));
      await page.waitForFunction(() => window.playgrounds?.xor, null, { timeout: 20_000 });
      const seen = await page.evaluate(() => ({ lang: document.documentElement.lang, tab: document.getElementById('tab-draw').textContent, link: window.playgrounds.xor.link() }));
      assert.deepEqual(seen, { lang: expected, tab: catalogue(expected)['page.tabDraw'], link: seen.link });
      assert.match(seen.link, new RegExp(`lang=${expected}`), 'the link carries the language the page chose');
      await context.close();
    }
  } finally {
    await browser.close();
  }
});

test('a catalogue that cannot be loaded: the page shows English (and says why in the console), never no words', { timeout: 60_000 }, async () => {
  const page = await suite.browser.newPage();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  try {
    await page.route('**/www/lang/de.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(url('index.html?lang=de'));
    await page.waitForFunction(() => window.playgrounds?.xor, null, { timeout: 20_000 });
    const seen = await page.evaluate(() => ({ lang: document.documentElement.lang, tab: document.getElementById('tab-draw').textContent, missing: document.body.innerText.includes('\u27e6') }));
    assert.deepEqual(seen, { lang: 'en', tab: EN['page.tabDraw'], missing: false });
    assert.ok(warnings.some((w) => /de\.json: HTTP 404.*showing English/.test(w)), warnings.join('\n'));
  } finally {
    await page.close();
  }
});
