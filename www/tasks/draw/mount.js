// Mounting the draw-a-digit section, two ways:
//
//   mountDraw(element, { model: 'modern' })    the section alone (the standalone page www/draw/):
//     d.draw([[[0.5, 0.2], [0.5, 0.8]]]);      // strokes in 0..1 of the pad → outputs or null
//     d.predict(canvas | imageData | pixels784) // → outputs (null for an empty drawing)
//     d.undo(); d.clear(); await d.useModel('3b1b' | bytes);
//     d.state();  // { guess, runnerUp, outputs, model, empty, … }
//     d.on('prediction', fn); d.destroy();
//
//   mount(element, { task: 'draw', model: 'modern' | '3b1b' })   (neuroglow.js → mountDrawTask)
//     the same section behind the public API's conventions: its settings (the shipped model that
//     reads the drawing; embed, controls and hide for the layout) from config.js, so they live in
//     the URL and the Share link with a warning for a bad value, and the common methods
//     (settings, warnings, link, embedCode, on, destroy) around the section's own.

import { checkSettings, partNames, partsOf } from '../../core/config.js';
import { loadWasm } from '../../core/wasm.js';
import { addStylesheet, writeUrl, mountSection, claimPage } from '../../ui/task-common.js';
import { DrawController } from './controller.js';
import { PARTS } from './dom.js';
import { PRETRAINED } from './models.js';
import { sectionApi, taskApi, publicSettings } from './api.js';

const TASK = 'draw';
const OPTIONS = ['model', 'modelUrl', 'heading', 'hide'];

/** Throws for a bad option of mountDraw(); returns the options with modelUrl resolved. */
function checkOptions(element, options) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mountDraw(element, options): element must be an HTMLElement');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('mountDraw(element, options): options must be an object');
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) throw new Error(`neuroglow draw: unknown option "${key}" (known options: ${OPTIONS.join(', ')})`);
  }
  const { model = 'modern', modelUrl, heading } = options;
  if (!PRETRAINED[model]) throw new Error(`neuroglow draw: unknown model "${model}" (try ${Object.keys(PRETRAINED).map((k) => `"${k}"`).join(' or ')})`);
  if (modelUrl !== undefined) {
    try {
      new URL(modelUrl, document.baseURI);
    } catch {
      throw new Error(`neuroglow draw: modelUrl "${modelUrl}" is not a URL`);
    }
  }
  if (heading !== undefined && typeof heading !== 'boolean' && typeof heading !== 'string') {
    throw new Error('neuroglow draw: heading must be true, false or a string');
  }
  if (options.hide !== undefined && !(Array.isArray(options.hide) && options.hide.every((p) => Object.hasOwn(PARTS, p)))) {
    throw new Error(`neuroglow draw: hide must be a list of ${Object.keys(PARTS).join(', ')}`);
  }
  const opts = { ...options };
  if (modelUrl !== undefined) {
    // A folder: "models" and "models/" both mean the files inside it.
    const u = new URL(modelUrl, document.baseURI);
    if (!u.pathname.endsWith('/')) u.pathname += '/';
    opts.modelUrl = u;
  }
  return opts;
}

/** Builds the section and loads its first model (a failure is shown in it and in state().error). */
async function createDraw(element, options) {
  const opts = checkOptions(element, options);
  const wasm = await loadWasm();
  const c = new DrawController(element, opts, wasm);
  try {
    await c.useModel(options.model ?? 'modern');
  } catch (e) {
    c.error = e.message.replace(/^neuroglow draw: /, '');
    c.say(c.error, true);
    c.updateNow();
  }
  return c;
}

/**
 * Mounts a "Draw a digit" section into `element`; resolves once it can read (the model loaded).
 * A model that fails to load is reported in the section and by state().error.
 * @param {HTMLElement} element
 * @param {{ model?: 'modern' | '3b1b', modelUrl?: string | URL, heading?: boolean | string, hide?: string[] }} [options]
 *   model: the pretrained model to start with (default 'modern'); modelUrl: the folder of the
 *   .ngm files (default ../models/ next to the page folders); heading: false leaves the heading
 *   out, a string replaces its text; hide: parts to leave out ('seen', 'model', 'network').
 */
export async function mountDraw(element, options = {}) {
  return sectionApi(await createDraw(element, options));
}

let counter = 0;

/** view for config.js TASKS.draw (neuroglow.js VIEWS). */
export async function mountDrawTask(element, resolved) {
  addStylesheet(element.ownerDocument);
  const { settings, warnings } = resolved;
  const id = `ng-draw-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const shown = partsOf(settings);
  const hide = partNames(TASK).filter((p) => !shown.has(p));
  const { root, section } = await mountSection(element, { task: TASK, id, warnings }, (into) =>
    createDraw(into, { model: settings.model, heading: settings.heading && !settings.embed, hide }),
  );
  root.classList.toggle('ng-embed', settings.embed);
  bindTask(section, { element, root, id, settings, warnings });
  return taskApi(section);
}

/** Binds controller `c` to the public API: a shipped model chosen is a setting (URL, Share links). */
function bindTask(c, { element, root, id, settings, warnings }) {
  const t = { element, root, id, settings, warnings: warnings.slice() };
  c.task = t;
  t.offModel = c.on('model', ({ model }) => follow(c, model));
  claimPage(element, id, settings);
}

/** A shipped model chosen (by useModel() or the menu) is a setting: in the URL and Share links. */
function follow(c, model) {
  const t = c.task;
  if (c.destroyed || model === t.settings.model) return;
  try {
    checkSettings({ model }, TASK, { allowed: ['model'] });
  } catch {
    return; // a page model or bytes: nothing a link could hold
  }
  t.settings = { ...t.settings, model };
  writeUrl(t.element, t.root, t.id, t.settings);
  c.events.emit('settings', publicSettings(t));
}
