// The settings table: one row per setting, shared by mount() options, the URL query, the Share
// and Embed links and www/neuroglow.d.ts (a unit test checks it). The network's rows, its tasks,
// presets and defaults come from the core's schema; only what is about the page (layout, parts,
// palette, speed, URL handling) is written here. JS reads values by type; the core decides
// whether a network setting is in range (one validation, in Rust: checkNetwork below).
//
// mount() options are checked strictly (a bad one throws); URL parameters leniently (a bad one
// becomes a visible warning and the default is used). Nothing here touches the DOM.

import { PALETTES, DEFAULT_PALETTE } from '../render/palette.js';
import { loadWasm } from './wasm.js';

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
  record: 'the Record button (a WebM video)',
  image: 'the Save image button (a PNG)',
  palette: 'the colour palette menu',
  status: 'the counters under the canvas',
  legend: 'the colour legend',
  chart: 'the error chart',
  examples: 'the training examples table',
  probe: 'the Ask the network panel',
  settings: 'the Settings panel',
};
const PART_NAMES = Object.keys(PARTS);
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
};
const DRAW_EMBED_PARTS = [];

/** Everything the core knows about tasks, presets, models and network options (one facade call). */
const wasmModule = await loadWasm();
export const SCHEMA = wasmModule.schema();
const OPTION_SPECS = Object.fromEntries(SCHEMA.options.map((o) => [o.name, o]));

export const ACTIVATIONS = OPTION_SPECS.activation.values;
export const PALETTE_NAMES = Object.keys(PALETTES);
/** The shipped models the drawing pad can read with: name → menu label. */
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
const ALL_PART_NAMES = [...new Set(Object.values(TASKS).flatMap((t) => Object.keys(t.parts ?? {})))];

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
];

export const BY_NAME = Object.fromEntries(SETTINGS.map((s) => [s.name, s]));
const BY_PARAM = Object.fromEntries(SETTINGS.filter((s) => s.param).map((s) => [s.param, s]));
export const OPTION_NAMES = SETTINGS.map((s) => s.name);
export const NETWORK_SETTINGS = SETTINGS.filter((s) => s.scope === 'network').map((s) => s.name);

// ------------------------------------------------------------------ types

const TRUE = ['', '1', 'true', 'on', 'yes'];
const FALSE = ['0', 'false', 'off', 'no'];
const BAD = Symbol('bad');

function rangeText(row) {
  if (row.valid) return row.valid;
  if (row.type === 'integer') return row.max === Number.MAX_SAFE_INTEGER ? `a whole number from ${row.min} up` : `a whole number from ${row.min} to ${row.max}`;
  return `a number from ${row.min} to ${row.max}`;
}

/** What a valid value looks like, completing "… must be ___" (`task`: for the parts it has). */
export function validText(row, task = null) {
  switch (row.type) {
    case 'enum':
      return `one of ${row.values().join(', ')}`;
    case 'boolean':
      return row.scope === 'mount' || row.param === null ? 'true or false' : 'on or off (1 or 0)';
    case 'number':
    case 'integer':
      return rangeText(row);
    case 'layers':
      return 'whole numbers of neurons per layer, e.g. 4 or 4,3 (none for no hidden layer)';
    case 'parts':
      return `all, none or a list of ${(task ? partNames(task) : PART_NAMES).join(', ')}`;
    case 'url':
      return 'a URL (a string)';
    default:
      return 'valid';
  }
}

function inRange(row, v) {
  if (!Number.isFinite(v)) return false;
  if (row.type === 'integer' && !Number.isSafeInteger(v)) return false;
  if (row.minOpen ? v <= row.min : v < row.min) return false;
  if (row.maxOpen ? v >= row.max : v > row.max) return false;
  return true;
}

/** A mount() option value, checked; returns it normalised, or BAD. Parts: those of `task` (null: of any task). */
function checkValue(row, v, task = null) {
  switch (row.type) {
    case 'enum':
      if (row.name === 'keyboard' && v === false) return 'off';
      return typeof v === 'string' && row.values().includes(v) ? v : BAD;
    case 'boolean':
      return typeof v === 'boolean' ? v : BAD;
    case 'number':
    case 'integer':
      // The core checks a network setting's range (checkNetwork); the page's own settings here.
      return typeof v === 'number' && (row.scope === 'network' ? Number.isFinite(v) : inRange(row, v)) ? v : BAD;
    case 'layers':
      return Array.isArray(v) && v.every((n) => Number.isSafeInteger(n) && n >= 1) ? v.slice() : BAD;
    case 'parts': {
      const names = task ? partNames(task) : ALL_PART_NAMES;
      if (v === true) return names.slice();
      if (v === false) return [];
      return Array.isArray(v) && v.every((p) => names.includes(p)) ? names.filter((p) => v.includes(p)) : BAD;
    }
    case 'url':
      return v === null || typeof v === 'string' || v instanceof URL ? (v === null ? null : String(v)) : BAD;
    default:
      return BAD;
  }
}

/** A URL parameter's text read into a value (parts: those of `task`), or BAD. */
function parseParam(row, text, task) {
  const t = text.trim();
  switch (row.type) {
    case 'enum':
      return checkValue(row, t.toLowerCase());
    case 'boolean': {
      const l = t.toLowerCase();
      return TRUE.includes(l) ? true : FALSE.includes(l) ? false : BAD;
    }
    case 'number':
    case 'integer': {
      const n = t === '' ? NaN : Number(t);
      return checkValue(row, n);
    }
    case 'layers': {
      if (t === '' || t.toLowerCase() === 'none') return [];
      const parts = t.split(/[\s,;]+/).filter(Boolean);
      if (!parts.every((p) => /^\d+$/.test(p))) return BAD;
      return checkValue(row, parts.map(Number));
    }
    case 'parts': {
      const l = t.toLowerCase();
      if (l === 'all') return partNames(task);
      if (l === 'none' || l === '') return [];
      return checkValue(row, l.split(/[\s,;]+/).filter(Boolean), task);
    }
    default:
      return BAD;
  }
}

/** A value as it is written in a URL (and in warnings); parts: `all` when all of `task`'s. */
export function showValue(row, v, task = 'xor3') {
  switch (row.type) {
    case 'boolean':
      return v ? '1' : '0';
    case 'layers':
      return v.length ? v.join(',') : 'none';
    case 'parts':
      return v.length === partNames(task).length ? 'all' : v.length ? v.join(',') : 'none';
    case 'number':
      return String(+Number(v).toPrecision(7));
    default:
      return String(v);
  }
}

function same(row, a, b) {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.join(',') === b.join(',');
  if (row.type === 'number') return Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a));
  return a === b;
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

// ------------------------------------------------------------------ resolving

/**
 * The full settings of a playground: defaults, then mount() `options` (strict: a bad one throws
 * an Error naming it), then, when `query` (a URL search string or URLSearchParams) is given, its
 * parameters (lenient: a bad one is ignored with a warning).
 *
 * @returns {{ settings: object, warnings: string[], fromUrl: Map<string, *> }}
 *   `fromUrl`: names whose value came from the URL → the value they would have had otherwise
 *   (so a URL value the core refuses can be dropped with a warning).
 */
export function resolveSettings(options = {}, query = null) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('options must be an object');
  }
  for (const key of Object.keys(options)) {
    if (!BY_NAME[key]) throw new Error(`unknown option "${key}" (known options: ${OPTION_NAMES.join(', ')})`);
  }
  const given = {};
  for (const [key, v] of Object.entries(options)) {
    if (v === undefined) continue;
    const row = BY_NAME[key];
    const value = checkValue(row, v);
    // (Part lists are checked against the task's parts below, once the task is known.)
    if (value === BAD) throw new Error(`option "${key}" must be ${validText(row, supportsTask(options.task) ? options.task : null)}, not ${describeJs(v)}`);
    given[key] = value;
  }

  const warnings = [];
  const fromUrl = new Map();
  const params = query === null || query === undefined ? [] : [...new URLSearchParams(query)];
  const url = {};
  for (const [rawKey, text] of params) {
    const key = rawKey.trim();
    const row = BY_PARAM[key] ?? BY_PARAM[key.toLowerCase()];
    if (!row) {
      warnings.push(`Ignored ${shown(rawKey, text)}: unknown setting (settings: ${Object.keys(BY_PARAM).join(', ')})`);
      continue;
    }
    if (url[row.name]) warnings.push(`${row.param} was given more than once: using the last (${shown(rawKey, text)})`);
    url[row.name] = { text, raw: rawKey };
  }

  const settings = {};
  const fromUrlValue = (name, fallback) => {
    const row = BY_NAME[name];
    const u = url[name];
    if (!u) return fallback;
    const v = parseParam(row, u.text, settings.task);
    if (v === BAD) {
      warnings.push(`Ignored ${shown(u.raw, u.text)}: ${explain(row, u.text, settings.task)} \u2014 using ${showValue(row, fallback, settings.task)}`);
      return fallback;
    }
    fromUrl.set(name, fallback);
    return v;
  };

  // Task and layout first: the other defaults follow them.
  settings.task = fromUrlValue('task', given.task ?? defaultOf('task'));
  if (!supportsTask(settings.task)) throw new Error(`option "task" must be ${validText(BY_NAME.task)}, not ${describeJs(settings.task)}`);
  const task = settings.task;
  for (const row of SETTINGS) {
    if (row.scope === 'task' && row.name === 'task') continue;
    const name = row.name;
    if (!appliesTo(name, task)) {
      if (name in given) throw new Error(`option "${name}" does not apply to task "${task}"`);
      if (url[name]) warnings.push(`Ignored ${shown(url[name].raw, url[name].text)}: task ${task} has no ${row.label} setting`);
      continue;
    }
    // Part lists were checked against every task's parts; now against this task's.
    if (row.type === 'parts' && name in given) {
      const value = checkValue(row, options[name], task);
      if (value === BAD) throw new Error(`option "${name}" must be ${validText(row, task)} for task "${task}", not ${describeJs(options[name])}`);
      given[name] = value;
    }
    const base = name in given ? given[name] : defaultOf(name, task, settings.embed ?? false, settings.preset);
    settings[name] = row.param ? fromUrlValue(name, base) : base;
  }
  checkNetwork(settings, (option, e) => {
    const u = url[option];
    if (!fromUrl.has(option) || !u) throw refusal(e, option, given[option]);
    const row = BY_NAME[option];
    const fallback = fromUrl.get(option);
    warnings.push(`Ignored ${shown(u.raw, u.text)}: ${e.range ? `${row.label} must be ${validText(row, task)}` : e.detail} \u2014 using ${showValue(row, fallback, task)}`);
    fromUrl.delete(option);
    settings[option] = fallback;
  });
  return { settings, warnings, fromUrl };
}

/** The core's refusal of a mount() option, worded for the programmer who wrote it. */
function refusal(e, option, value) {
  const row = BY_NAME[option];
  if (row && e.range) return new Error(`option "${option}" must be ${validText(row)}, not ${describeJs(value)}`);
  return new Error(e.detail ?? e.message);
}

/**
 * Asks the core whether the network settings of `settings` make a network (for the tasks that
 * build one). `refused(option, error)` is called for each setting the core refuses by name and
 * must change `settings` or throw; an error that names no setting is thrown.
 */
export function checkNetwork(settings, refused) {
  if (!SCHEMA.tasks.find((t) => t.name === settings.task)?.options.includes('hidden')) return;
  for (let tries = 0; tries <= NETWORK_SETTINGS.length; tries++) {
    try {
      wasmModule.checkOptions(networkOptions(settings));
      return;
    } catch (e) {
      if (e?.code !== 'config' || !e.option || !(e.option in settings)) throw new Error(e?.detail ?? e?.message ?? String(e));
      refused(e.option, e);
    }
  }
}

/**
 * Checks some settings for `configure()`: names and values (strictly), and that they apply to
 * the task. Returns them normalised. `byLabel` words errors for people ("learning rate must be
 * …") instead of programmers ('option "learningRate" must be …').
 */
export function checkSettings(partial, task, { byLabel = false, allowed = null } = {}) {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) throw new TypeError('settings must be an object');
  const out = {};
  const t = partial.task ?? task;
  for (const [key, v] of Object.entries(partial)) {
    const row = BY_NAME[key];
    if (!row || (allowed && !allowed.includes(key))) {
      throw new Error(`cannot change "${key}" here (settings: ${(allowed ?? OPTION_NAMES).join(', ')})`);
    }
    if (v === undefined) continue;
    const value = checkValue(row, v, supportsTask(t) ? t : null);
    const name = byLabel ? row.label : `option "${key}"`;
    if (value === BAD) throw new Error(`${name} must be ${validText(row, supportsTask(t) ? t : null)}${byLabel ? '' : `, not ${describeJs(v)}`}`);
    out[key] = value;
  }
  if (!supportsTask(t)) throw new Error(`${byLabel ? 'task' : 'option "task"'} must be ${validText(BY_NAME.task)}`);
  for (const key of Object.keys(out)) {
    if (!appliesTo(key, t)) throw new Error(`${byLabel ? BY_NAME[key].label : `option "${key}"`} does not apply to task "${t}"`);
  }
  return out;
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

/**
 * The URL query (without "?") that reproduces `settings`: the task always, other settings when
 * they differ from the task's defaults (never `keyboard`, a matter of the hosting page).
 * Commas stay readable.
 */
export function toQuery(settings) {
  const parts = [];
  for (const row of SETTINGS) {
    if (!row.param || row.link === false || !(row.name in settings)) continue;
    const v = settings[row.name];
    if (v === undefined || !appliesTo(row.name, settings.task)) continue;
    if (row.name !== 'task' && same(row, v, defaultOf(row.name, settings.task, settings.embed ?? false, settings.preset))) continue;
    parts.push(`${row.param}=${encode(showValue(row, v, settings.task))}`);
  }
  return parts.join('&');
}

/** Why a URL value was refused, as specific as it can be. */
function explain(row, text, task) {
  if (row.type === 'parts') {
    const names = partNames(task);
    const unknown = text.toLowerCase().split(/[\s,;]+/).filter((p) => p && !names.includes(p));
    if (unknown.length) {
      return `${unknown.map((p) => JSON.stringify(p)).join(', ')} ${unknown.length === 1 ? 'is not a part' : 'are not parts'} of the playground (parts: ${names.join(', ')})`;
    }
  }
  return `${row.label} must be ${validText(row, task)}`;
}

const encode = (s) => encodeURIComponent(s).replace(/%2C/gi, ',');

function shown(key, text) {
  const t = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return text === '' ? key : `${key}=${t}`;
}

function describeJs(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(describeJs).join(', ')}]`;
  if (v === null || typeof v !== 'object') return String(v);
  return 'an object';
}

/** Whether mount() can show a task (the lesson page asks before mounting MNIST or draw). */
export function supportsTask(task) {
  return Object.prototype.hasOwnProperty.call(TASKS, task);
}
