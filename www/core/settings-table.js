// The settings table: one row per setting, shared by mount() options, the URL query, the Share
// and Embed links and www/neuroglow.d.ts (a unit test checks it). The network's rows, its tasks,
// presets and defaults come from the core's schema; only what is about the page (layout, parts,
// palette, speed) is written here. Reading and checking values: config.js.

import { PALETTES, DEFAULT_PALETTE } from './palettes.js';
import { loadWasm } from './wasm.js';
import { LANGUAGES, addEnglish, t } from './i18n.js';

/** Parts of the playground that `controls` shows (and `hide` hides), in display order. */
export const PARTS = {
  step: 'the Step button (one phase)',
  example: 'the Next example button',
  cycle: 'the Next cycle button',
  play: 'the Play/Pause button',
  reset: 'the Reset button',
  speed: 'the Speed slider',
  schedule: 'the Schedule switch',
  rewind: 'the Rewind scrubber',
  share: 'the Share button (copies a link)',
  embed: 'the Embed button (an <iframe> snippet)',
  record: 'the Record button (a WebM or MP4 video)',
  image: 'the Save image button (a PNG)',
  palette: 'the colour palette menu',
  status: 'the counters under the canvas',
  legend: 'the colour legend',
  chart: 'the error chart',
  examples: 'the training examples table',
  probe: 'the Ask the network panel',
  settings: 'the Settings panel',
};
export const PART_NAMES = Object.keys(PARTS);
/** What an embedded playground shows unless `controls` says otherwise. */
export const EMBED_PARTS = ['step', 'play', 'reset'];

/**
 * Draw a digit's optional parts (the pad, Undo/Clear, the guess and the bars always show). Its
 * embed shows none of them unless `controls` says otherwise.
 */
export const DRAW_PARTS = {
  seen: 'the 28×28 image the network sees',
  model: 'the model menu',
  network: 'the network drawing (Inside the network)',
  steps: 'the "See how it sees" strip under the pad (how the drawing becomes the 28×28 input)',
};
const DRAW_EMBED_PARTS = [];

/** Everything the core knows about tasks, presets, models and network options (one facade call). */
export const wasmModule = await loadWasm();
export const SCHEMA = wasmModule.schema();
const OPTION_SPECS = Object.fromEntries(SCHEMA.options.map((o) => [o.name, o]));

export const ACTIVATIONS = OPTION_SPECS.activation.values;
export const PALETTE_NAMES = Object.keys(PALETTES);
/** The shipped models the drawing pad can read with: name → menu label (in the page's language). */
export const MODELS = Object.fromEntries(SCHEMA.models.map((m) => [m.name, m.label]));

/** What each kind of task shows of the page: the parts `controls` and `hide` choose from. */
const VIEW_PARTS = {
  xor: { parts: PARTS, embedParts: EMBED_PARTS },
  draw: { parts: DRAW_PARTS, embedParts: DRAW_EMBED_PARTS },
  mnist: {},
};

/**
 * The tasks mount() knows, from the core's schema: `view` names the code that draws the task
 * (neuroglow.js); `network` holds the task's defaults for the settings it takes; `presets` (MNIST)
 * makes the defaults follow the `preset` setting; `parts` are what `controls` and `hide` choose
 * from, `embedParts` what an embed shows unless `controls` says otherwise.
 */
export const TASKS = Object.fromEntries(SCHEMA.tasks.map((t) => [t.name, {
  label: t.label,
  title: t.title,
  view: t.view,
  network: { ...t.defaults },
  ...(t.options.includes('preset') ? { presets: Object.fromEntries(SCHEMA.presets.map((p) => [p.name, p.options])) } : {}),
  ...VIEW_PARTS[t.view],
}]));

const taskNames = () => Object.keys(TASKS);

/** The part names `controls` and `hide` take for a task (none for a task without parts). */
export function partNames(task) {
  return Object.keys(TASKS[task]?.parts ?? {});
}
/** Every part name of any task (what a part list is checked against before the task is known). */
export const ALL_PART_NAMES = [...new Set(Object.values(TASKS).flatMap((t) => Object.keys(t.parts ?? {})))];

/**
 * Every setting. `scope`: 'task' (chosen first; other defaults follow it), 'network' (rebuilds
 * the network; applies to the tasks whose `network` has it), 'view' (live), 'layout' (fixed at
 * mount), 'mount' (mount() only, not in the URL). `views`: the kinds of task (TASKS[t].view) a
 * view or layout setting applies to (default: all).
 */
export const SETTINGS = [
  { name: 'task', param: 'task', scope: 'task', type: 'enum', values: taskNames, default: 'xor3', label: 'task', doc: 'What the network learns.' },
  { name: 'embed', param: 'embed', scope: 'task', type: 'boolean', default: false, label: 'embed', doc: 'Compact layout for an <iframe>, without the page around it. XOR: the canvas and the chosen controls only (default controls: step, play, reset). Draw a digit: the pad, its guess and bars, and the chosen controls (default: none of seen, model, network). MNIST: the section without its heading.' },
  ...SCHEMA.options.map((o) => ({ ...o, scope: 'network', values: o.values ? () => o.values : undefined })),
  { name: 'speed', param: 'speed', scope: 'view', views: ['xor'], type: 'integer', min: 1, max: 10, default: 5, label: 'speed', doc: 'Playing speed, 1 (slow) to 10 (fast).' },
  { name: 'schedule', param: 'schedule', scope: 'view', views: ['xor'], type: 'boolean', default: true, label: 'schedule', doc: 'Play slowly at first, then jump through the source video\u2019s frames (cycle 2, 10, 20, 50, … 60,000).' },
  { name: 'palette', param: 'palette', scope: 'view', type: 'enum', values: () => PALETTE_NAMES, default: DEFAULT_PALETTE, label: 'palette', doc: 'Synapse colours: green-red, or blue-orange (readable with red-green colour blindness).' },
  { name: 'values', param: 'values', scope: 'view', views: ['xor'], type: 'boolean', default: true, label: 'values', doc: 'Numbers on the canvas (activations, output, error box).' },
  { name: 'start', param: 'start', scope: 'layout', views: ['xor', 'mnist'], type: 'enum', values: () => ['paused', 'playing'], default: 'paused', label: 'start', doc: 'Whether the playground starts playing.' },
  { name: 'controls', param: 'controls', scope: 'layout', views: ['xor', 'draw'], type: 'parts', label: 'controls', doc: 'Parts shown: all, none, or a list. XOR: step, example, cycle, play, reset, speed, schedule, rewind, share, embed, record, image, palette, status, legend, chart, examples, probe, settings. Draw a digit: seen, model, network.' },
  { name: 'hide', param: 'hide', scope: 'layout', views: ['xor', 'draw'], type: 'parts', default: [], label: 'hide', doc: 'Parts hidden from those `controls` shows.' },
  { name: 'keyboard', param: 'keyboard', scope: 'layout', views: ['xor'], link: false, type: 'enum', values: () => ['focus', 'page', 'off'], default: 'focus', label: 'keyboard', doc: 'Space plays/pauses and Right arrow steps: when the playground has focus, anywhere on the page, or off.' },
  { name: 'heading', param: null, scope: 'mount', views: ['mnist', 'draw'], type: 'boolean', default: true, label: 'heading', doc: 'MNIST and draw a digit: whether the section shows its own heading and introduction (false when the page has its own).' },
  { name: 'url', param: null, scope: 'mount', type: 'boolean', default: false, label: 'url', doc: 'Read settings from the page URL (bad ones become warnings) and keep the URL in step with the settings. One playground per page.' },
  { name: 'appUrl', param: null, scope: 'mount', type: 'url', default: null, label: 'appUrl', doc: 'The page that Share and Embed links open (default: this page when url is true, else neuroglow\u2019s index.html).' },
  { name: 'lang', param: 'lang', scope: 'layout', type: 'enum', values: () => Object.keys(LANGUAGES), default: null, label: 'language', doc: 'The page\u2019s language: en (English), es (Spanish) or de (German). Default: the first of the browser\u2019s languages that is one of these, else English. One language per page: the first playground sets it; Share and Embed links keep it.' },
];

/**
 * The words this table and the core's schema hold in English — setting names, their `valid`
 * words and (for the network's settings) their docs, task names, model and palette names — are
 * the English catalogue's for those keys (i18n.js adds them to en.json's); the objects read them
 * back through t(), so every language names them from its own catalogue.
 */
function translated(obj, field, key) {
  addEnglish(key, obj[field]);
  Object.defineProperty(obj, field, { get: () => t(key), enumerable: true, configurable: true });
}
for (const row of SETTINGS) {
  translated(row, 'label', `option.${row.name}`);
  if (row.valid) translated(row, 'valid', `option.${row.name}.valid`);
  if (row.scope === 'network') translated(row, 'doc', `option.${row.name}.doc`);
}
for (const [name, task] of Object.entries(TASKS)) {
  translated(task, 'label', `task.${name}`);
  translated(task, 'title', `task.${name}.title`);
}
for (const name of Object.keys(MODELS)) translated(MODELS, name, `model.${name}`);
// A part's description (an Embed checkbox's tooltip) and its name on that checkbox (in English the
// `controls` value itself).
for (const parts of [PARTS, DRAW_PARTS]) {
  for (const name of Object.keys(parts)) {
    translated(parts, name, `part.${name}`);
    addEnglish(`part.${name}.name`, name);
  }
}
for (const [name, p] of Object.entries(PALETTES)) translated(p, 'label', `palette.${name}`);

export const BY_NAME = Object.fromEntries(SETTINGS.map((s) => [s.name, s]));
export const BY_PARAM = Object.fromEntries(SETTINGS.filter((s) => s.param).map((s) => [s.param, s]));
export const OPTION_NAMES = SETTINGS.map((s) => s.name);
export const NETWORK_SETTINGS = SETTINGS.filter((s) => s.scope === 'network').map((s) => s.name);

function rangeText(row) {
  if (row.valid) return row.valid;
  if (row.type === 'integer') return row.max === Number.MAX_SAFE_INTEGER ? t('valid.wholeFrom', { min: row.min }) : t('valid.wholeRange', { min: row.min, max: row.max });
  return t('valid.numberRange', { min: row.min, max: row.max });
}

/** What a valid value looks like, completing "… must be ___" (`task`: for the parts it has). */
export function validText(row, task = null) {
  switch (row.type) {
    case 'enum':
      return t('valid.oneOf', { list: row.values().join(', ') });
    case 'boolean':
      return row.scope === 'mount' || row.param === null ? t('valid.trueFalse') : t('valid.onOff');
    case 'number':
    case 'integer':
      return rangeText(row);
    case 'layers':
      return t('valid.layers');
    case 'parts':
      return t('valid.parts', { list: (task ? partNames(task) : PART_NAMES).join(', ') });
    case 'url':
      return t('valid.url');
    default:
      return t('valid.valid');
  }
}

/** A setting's default for a task (and layout; and preset, for the tasks that have presets). */
export function defaultOf(name, task = 'xor3', embed = false, preset = undefined) {
  const row = BY_NAME[name];
  if (row.scope === 'network') {
    const t = TASKS[task];
    const fromPreset = t?.presets && name !== 'preset' ? t.presets[preset ?? t.network.preset] : null;
    const v = fromPreset ? fromPreset[name] : t?.network[name];
    return Array.isArray(v) ? v.slice() : v;
  }
  if (name === 'controls') return (embed ? TASKS[task]?.embedParts ?? [] : partNames(task)).slice();
  return Array.isArray(row.default) ? row.default.slice() : row.default;
}

/** Whether a setting applies to a task. */
export function appliesTo(name, task) {
  const row = BY_NAME[name];
  if (row.scope === 'network') return Object.prototype.hasOwnProperty.call(TASKS[task]?.network ?? {}, name);
  return !row.views || row.views.includes(TASKS[task]?.view);
}

/** The options to pass to the core for these settings (every network setting, explicitly). */
export function networkOptions(settings) {
  const out = { task: settings.task };
  for (const name of NETWORK_SETTINGS) {
    if (appliesTo(name, settings.task) && settings[name] !== undefined) {
      out[name] = Array.isArray(settings[name]) ? settings[name].slice() : settings[name];
    }
  }
  return out;
}

/** The parts shown: `controls` minus `hide`, in display order. */
export function partsOf(settings) {
  const hide = new Set(settings.hide ?? []);
  return new Set((settings.controls ?? []).filter((p) => !hide.has(p)));
}

/** Whether mount() can show a task (the lesson page asks before mounting MNIST or draw). */
export function supportsTask(task) {
  return Object.prototype.hasOwnProperty.call(TASKS, task);
}
