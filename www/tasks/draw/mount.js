// The draw-a-digit section two ways: mountDraw(), the section alone (the page www/draw/), and
// mountDrawTask() (mount({ task: 'draw' }), neuroglow.d.ts DrawPlayground), the same behind the
// public API's conventions: settings in the URL and Share links, warnings, link, embedCode, configure.

import { MODELS, checkSettings, partNames, partsOf } from '../../core/config.js';
import { loadWasm } from '../../core/wasm.js';
import { PALETTES } from '../../render/theme.js';
import { addStylesheet, writeUrl, mountSection, claimPage, destroyGuards, linkFor, embedCodeFor, publicSettings } from '../../ui/task-common.js';
import { t as tr } from '../../core/i18n.js';
import { DrawController } from './controller.js';

const TASK = 'draw';
const OPTIONS = ['model', 'modelUrl', 'heading', 'hide', 'palette', 'lang']; // (lang: the page's language, set by neuroglow.js mountDraw())
const LIVE = ['model', 'palette']; // what configure() changes
const refuse = (why) => {
  throw new Error(`neuroglow draw: ${why}`);
};
const list = (names) => names.map((n) => `"${n}"`).join(' or ');

/** Throws for a bad option of mountDraw(); returns the options with modelUrl resolved. */
function checkOptions(element, options) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mountDraw(element, options): element must be an HTMLElement');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError('mountDraw(element, options): options must be an object');
  const unknown = Object.keys(options).find((k) => !OPTIONS.includes(k));
  if (unknown) refuse(`unknown option "${unknown}" (known options: ${OPTIONS.join(', ')})`);
  const { model = 'modern', modelUrl, heading = true, hide = [], palette } = options;
  if (!MODELS[model]) refuse(`unknown model "${model}" (try ${list(Object.keys(MODELS))})`);
  if (typeof heading !== 'boolean' && typeof heading !== 'string') refuse('heading must be true, false or a string');
  if (!Array.isArray(hide) || !hide.every((p) => partNames(TASK).includes(p))) refuse(`hide must be a list of ${partNames(TASK).join(', ')}`);
  if (palette !== undefined && !PALETTES[palette]) refuse(`unknown palette "${palette}" (try ${list(Object.keys(PALETTES))})`);
  if (modelUrl === undefined) return { ...options, model };
  let folder;
  try {
    folder = new URL(modelUrl, document.baseURI);
  } catch {
    refuse(`modelUrl "${modelUrl}" is not a URL`);
  }
  if (!folder.pathname.endsWith('/')) folder.pathname += '/'; // "models" means the files inside it too
  return { ...options, model, modelUrl: folder };
}

/** Builds the section and loads its first model (a failure is shown in it and in state().error). */
async function createDraw(element, options) {
  const opts = checkOptions(element, options);
  const c = new DrawController(element, opts, await loadWasm());
  await c.useModel(opts.model).catch((e) => c.failed(e));
  return c;
}

/** What both handles do. */
const methods = (c) => ({
  ...Object.fromEntries(['predict', 'draw', 'undo', 'clear', 'useModel'].map((name) => [name, (...args) => c[name](...args)])),
  input: () => Float32Array.from(c.seen), // the 28×28 image (784 values 0..1) read last
});

/**
 * Mounts the section; resolves once it can read. Options: model ('modern' | '3b1b'), modelUrl
 * (the folder of the .ngm files), heading (false: none; a string: its text), hide (parts to
 * leave out: seen, model, network), palette ('green-red' | 'blue-orange').
 */
export async function mountDraw(element, options = {}) {
  const c = await createDraw(element, options);
  return { element: c.root, canvas: c.pad.canvas, ...methods(c), state: () => c.snapshot(), on: (name, fn) => c.on(name, fn), destroy: () => c.destroy() };
}

/** view for config.js TASKS.draw (neuroglow.js VIEWS). */
export async function mountDrawTask(element, { settings, warnings }) {
  addStylesheet(element.ownerDocument);
  const id = `ng-draw-${Math.random().toString(36).slice(2, 10)}`;
  const shown = partsOf(settings);
  const hide = partNames(TASK).filter((p) => !shown.has(p));
  const { root, section: c } = await mountSection(element, { task: TASK, id, warnings, embed: settings.embed }, (into) =>
    createDraw(into, { model: settings.model, palette: settings.palette, heading: settings.heading && !settings.embed, hide }),
  );
  const t = (c.task = { element, root, id, settings, warnings: warnings.slice() });
  c.events.on('model', ({ model }) => follow(c, 'model', model));
  c.events.on('palette', (palette) => follow(c, 'palette', palette));
  claimPage(element, id, settings);

  const { live, liveAsync } = destroyGuards(() => c.destroyed);
  const api = {
    ...methods(c),
    state: () => ({ task: TASK, ...c.snapshot() }),
    settings: () => publicSettings(t.settings),
    warnings: () => t.warnings.slice(),
    link: () => linkFor(element, t.settings),
    embedCode: (opts) => embedCodeFor(element, t.settings, tr('draw.embedTitle'), opts),
    on: (name, fn) => (name === 'settings' ? c.events.on(name, fn) : c.on(name, fn)),
  };
  for (const [name, fn] of Object.entries(api)) api[name] = live(name, fn);
  api.configure = liveAsync('configure', (changes) => configure(c, changes));
  api.destroy = () => c.destroy();
  const get = (fn) => ({ get: fn, enumerable: true });
  return Object.freeze(Object.defineProperties(api, { canvas: get(() => c.pad.canvas), task: get(() => TASK), element: get(() => root) }));
}

/** A model or palette chosen: into the settings, the page URL and Share links (a page model or bytes are no setting). */
function follow(c, name, value) {
  const t = c.task;
  if (c.destroyed || value === t.settings[name] || (name === 'model' && !MODELS[value])) return;
  t.settings = { ...t.settings, [name]: value };
  writeUrl(t.element, t.root, t.id, t.settings);
  c.events.emit('settings', publicSettings(t.settings));
}

/** configure(): the model and the palette, live; resolves with the settings. */
async function configure(c, changes) {
  let checked;
  try {
    checked = checkSettings(changes ?? {}, TASK, { allowed: LIVE });
  } catch (e) {
    throw new Error(`neuroglow configure(): ${e.message}`);
  }
  if (checked.palette) c.setPalette(checked.palette);
  if (checked.model) await c.useModel(checked.model);
  return publicSettings(c.task.settings);
}
