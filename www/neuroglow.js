// neuroglow's public API: mount a playground where a learner watches a network think and learn.
//
//   import { mount } from './www/neuroglow.js';
//   const pg = await mount(element, { task: 'xor3', hidden: [4], seed: 1, controls: ['step', 'play', 'reset'] });
//   pg.on('cycle', ({ loss }) => { if (loss < 0.1) pg.pause(); });
//   pg.step('phase'); await pg.train({ cycles: 60000 }); pg.predict([1, 1, 0]);
//
//   const mnist = await mount(element, { task: 'mnist', preset: '3b1b' });   // tasks/mnist/
//   const ev = await mnist.train({ epochs: 1 });  // ev.accuracy, ev.confusion
//   const pad = await mount(element, { task: 'draw', model: 'modern' });     // tasks/draw/
//
// Options, URL parameters and Share links follow one table (core/config.js); the typed API is
// documented in neuroglow.d.ts. The network and all its maths live in Rust (wasm); the task
// folders render and handle input. Instances share nothing but the loaded wasm module.
//
// This module only routes: each task's code lives in tasks/<task>/. MNIST and draw-a-digit load
// on demand, so a page with XOR alone never fetches them. The page (index.html) takes its tabs
// and tab-bar Share/Embed from here too, and the standalone section pages their sections.

import { resolveSettings, TASKS, SETTINGS, PARTS, supportsTask } from './core/config.js';
import { mountXor } from './tasks/xor/mount.js';
import { loadWasm } from './core/wasm.js';
import { supervise } from './ui/crash-notice.js';
import { LANGUAGES, browserLanguages, chooseLang, lang, pageLang, ready, t, useLang } from './core/i18n.js';

export { supportsTask, SETTINGS, TASKS, PARTS };
export { EVENTS } from './tasks/xor/api.js';
export { Tabs } from './ui/tabs.js';
export { PageShare } from './ui/page-share.js';
export { LANGUAGES, chooseLang, browserLanguages, pageLang, useLang, translateTree, lang, t } from './core/i18n.js';
export { fixed, percent } from './core/format.js';
export { languageMenu } from './ui/language-menu.js';

/**
 * The code that shows each kind of task (config.js: TASKS[task].view). Each takes the element and
 * the resolved settings ({ settings, warnings, fromUrl }) and resolves with the playground API.
 * `watch`: where a crash of its WebAssembly module shows (ui/crash-notice.js): 'page' for the
 * page's shared module, 'events' for MNIST's worker (an 'error' event with code 'crashed').
 */
const VIEWS = {
  xor: { watch: 'page', mountView: mountXor },
  mnist: { watch: 'events', mountView: async (element, resolved) => (await import('./tasks/mnist/mount.js')).mountMnistTask(element, resolved) },
  draw: {
    watch: 'page',
    mountView: async (element, resolved) => {
      let task;
      try {
        task = await import('./tasks/draw/mount.js');
      } catch (e) {
        throw new Error(`neuroglow: ${t('page.drawLoadFailed', { why: e.message })}`);
      }
      return task.mountDrawTask(element, resolved);
    },
  },
};

/**
 * Mounts a playground into `element`. Resolves with its handle; rejects with a clear Error for
 * bad options. With `url: true` the page's URL query adds settings (bad ones become warnings
 * shown in the playground) and is kept in step with the settings. Should its WebAssembly module
 * stop (a bug), the section shows a notice with a button that mounts it again with the same
 * settings; the handle stays valid (ui/crash-notice.js).
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('neuroglow mount(element, options): element must be a DOM element');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('neuroglow mount(element, options): options must be an object');
  }
  const doc = element.ownerDocument;
  await loadWasm(); // (a fresh module when the page's last one stopped: settings are checked by it)
  const query = options.url === true ? doc.defaultView.location.search : null;
  await pageLanguage(options.lang, query);
  let resolved;
  try {
    resolved = resolveSettings(options, query);
  } catch (e) {
    throw new Error(`neuroglow: ${e.message}`);
  }
  resolved.settings.lang = lang(); // (links keep the language the page shows)
  const view = VIEWS[TASKS[resolved.settings.task].view];
  if (!view) throw new Error(`neuroglow: task "${resolved.settings.task}" cannot be shown yet`);
  // The page URL has one owner (url: true); supervise() claims it before its first await.
  return supervise(element, resolved, view);
}

/**
 * Sets the page's language before anything is drawn: `asked` (mount's `lang`), else ?lang= when
 * the playground reads the URL, else the language the page already shows, else the browser's.
 * One language per page: asking for another than the page shows is refused. A bad ?lang= is
 * ignored here; resolveSettings() then warns about it in the language chosen.
 */
async function pageLanguage(asked, query) {
  const given = asked !== undefined && asked !== null;
  const code = given ? chooseLang(asked) : null;
  const refuse = () => new Error(`neuroglow: ${t('config.optionMustBe', { key: 'lang', valid: t('valid.oneOf', { list: Object.keys(LANGUAGES).join(', ') }), value: JSON.stringify(asked) })}`);
  if (!ready()) {
    // (A bad ?lang=: the browser's language, and a warning from resolveSettings().)
    await useLang(code ?? (query === null ? chooseLang(null, browserLanguages()) : pageLang(query)));
    if (given && code === null) throw refuse();
    return;
  }
  if (given && code === null) throw refuse();
  if (given && code !== lang()) throw new Error(`neuroglow: ${t('config.oneLanguage', { name: LANGUAGES[lang()], code: lang() })}`);
}

/** A standalone section's `lang` (it sets the page's language; the section takes the rest). */
async function sectionLanguage(options) {
  const { lang: asked, ...rest } = options ?? {};
  await pageLanguage(asked, null);
  return rest;
}

/**
 * The MNIST section alone, without the public API's settings layer (the standalone page
 * www/mnist/index.html): options preset, the network options, examplesPerSecond, autoplay,
 * dataUrl, heading. Loads its code on demand. A crash of its worker's module: as mount()'s.
 */
export async function mountMnist(element, options) {
  options = await sectionLanguage(options);
  const task = await import('./tasks/mnist/mount.js');
  return supervise(element, { settings: options }, { watch: 'events', mountView: (into, r) => task.mountMnist(into, r.settings) });
}

/**
 * The draw-a-digit section alone (the standalone page www/draw/index.html): options model,
 * modelUrl, heading, hide. Loads its code on demand. A crash of the page's module: as mount()'s.
 */
export async function mountDraw(element, options) {
  options = await sectionLanguage(options);
  const task = await import('./tasks/draw/mount.js');
  return supervise(element, { settings: options }, { watch: 'page', mountView: (into, r) => task.mountDraw(into, r.settings) });
}
