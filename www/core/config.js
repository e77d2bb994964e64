// Reading settings: mount() options strictly (a bad one throws), URL parameters leniently (a bad
// one becomes a visible warning and the default is used), configure() changes, and the URL query
// that reproduces settings (Share links). JS reads values by type; the core decides whether a
// network setting is in range (one validation, in Rust: checkNetwork). Nothing here touches the DOM.

import {
  SETTINGS, BY_NAME, BY_PARAM, OPTION_NAMES, NETWORK_SETTINGS, SCHEMA, TASKS, ALL_PART_NAMES, wasmModule,
  partNames, validText, defaultOf, appliesTo, networkOptions, supportsTask,
} from './settings-table.js';
import { chooseLang, lang, t, t as tr } from './i18n.js';

export {
  PARTS, EMBED_PARTS, DRAW_PARTS, SCHEMA, ACTIVATIONS, PALETTE_NAMES, MODELS, TASKS, SETTINGS, BY_NAME,
  OPTION_NAMES, NETWORK_SETTINGS, partNames, validText, defaultOf, appliesTo, networkOptions, partsOf, supportsTask,
} from './settings-table.js';

const TRUE = ['', '1', 'true', 'on', 'yes'];
const FALSE = ['0', 'false', 'off', 'no'];
const BAD = Symbol('bad');

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
      if (row.name === 'lang') return (typeof v === 'string' && chooseLang(v)) || BAD; // (de-AT is de)
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
      if (row.name === 'lang') return chooseLang(t) ?? BAD; // (de-AT reads as de)
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
    throw new TypeError(t('config.optionsObject'));
  }
  for (const key of Object.keys(options)) {
    if (!BY_NAME[key]) throw new Error(t('config.unknownOption', { key, list: OPTION_NAMES.join(', ') }));
  }
  const given = {};
  for (const [key, v] of Object.entries(options)) {
    if (v === undefined) continue;
    const row = BY_NAME[key];
    const value = checkValue(row, v);
    // (Part lists are checked against the task's parts below, once the task is known.)
    if (value === BAD) throw new Error(t('config.optionMustBe', { key, valid: validText(row, supportsTask(options.task) ? options.task : null), value: describeJs(v) }));
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
      warnings.push(t('config.unknownSetting', { what: shown(rawKey, text), list: Object.keys(BY_PARAM).join(', ') }));
      continue;
    }
    if (url[row.name]) warnings.push(t('config.givenTwice', { param: row.param, what: shown(rawKey, text) }));
    url[row.name] = { text, raw: rawKey };
  }

  const settings = {};
  const fromUrlValue = (name, fallback) => {
    const row = BY_NAME[name];
    const u = url[name];
    if (!u) return fallback;
    const v = parseParam(row, u.text, settings.task);
    if (v === BAD) {
      warnings.push(t('config.ignored', { what: shown(u.raw, u.text), why: explain(row, u.text, settings.task), value: shownFallback(row, fallback, settings.task) }));
      return fallback;
    }
    fromUrl.set(name, fallback);
    return v;
  };

  // Task and layout first: the other defaults follow them.
  settings.task = fromUrlValue('task', given.task ?? defaultOf('task'));
  if (!supportsTask(settings.task)) throw new Error(t('config.optionMustBe', { key: 'task', valid: validText(BY_NAME.task), value: describeJs(settings.task) }));
  const task = settings.task;
  for (const row of SETTINGS) {
    if (row.scope === 'task' && row.name === 'task') continue;
    const name = row.name;
    if (!appliesTo(name, task)) {
      if (name in given) throw new Error(t('config.optionNotApplies', { key: name, task }));
      if (url[name]) warnings.push(t('config.notForTask', { what: shown(url[name].raw, url[name].text), task, label: row.label }));
      continue;
    }
    // Part lists were checked against every task's parts; now against this task's.
    if (row.type === 'parts' && name in given) {
      const value = checkValue(row, options[name], task);
      if (value === BAD) throw new Error(t('config.optionMustBeFor', { key: name, valid: validText(row, task), task, value: describeJs(options[name]) }));
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
    warnings.push(t('config.ignored', { what: shown(u.raw, u.text), why: e.range ? t('config.mustBe', { label: row.label, valid: validText(row, task) }) : coreWords(e), value: shownFallback(row, fallback, task) }));
    fromUrl.delete(option);
    settings[option] = fallback;
  });
  return { settings, warnings, fromUrl };
}

/** The core's refusal of a mount() option, worded for the programmer who wrote it. */
function refusal(e, option, value) {
  const row = BY_NAME[option];
  if (row && e.range) return new Error(t('config.optionMustBe', { key: option, valid: validText(row), value: describeJs(value) }));
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
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) throw new TypeError(tr('config.settingsObject'));
  const out = {};
  const t = partial.task ?? task;
  for (const [key, v] of Object.entries(partial)) {
    const row = BY_NAME[key];
    if (!row || (allowed && !allowed.includes(key))) {
      throw new Error(tr('config.cannotChange', { key, list: (allowed ?? OPTION_NAMES).join(', ') }));
    }
    if (v === undefined) continue;
    const value = checkValue(row, v, supportsTask(t) ? t : null);
    if (value === BAD) {
      const valid = validText(row, supportsTask(t) ? t : null);
      throw new Error(byLabel ? tr('config.mustBe', { label: row.label, valid }) : tr('config.optionMustBe', { key, valid, value: describeJs(v) }));
    }
    out[key] = value;
  }
  if (!supportsTask(t)) throw new Error(byLabel ? tr('config.mustBe', { label: BY_NAME.task.label, valid: validText(BY_NAME.task) }) : tr('config.optionMustBeShort', { key: 'task', valid: validText(BY_NAME.task) }));
  for (const key of Object.keys(out)) {
    if (!appliesTo(key, t)) throw new Error(byLabel ? tr('config.notApplies', { label: BY_NAME[key].label, task: t }) : tr('config.optionNotApplies', { key, task: t }));
  }
  return out;
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
      return t('config.notParts', { list: unknown.map((p) => JSON.stringify(p)).join(', '), n: unknown.length, parts: names.join(', ') });
    }
  }
  return t('config.mustBe', { label: row.label, valid: validText(row, task) });
}

/** The value a refused URL setting falls back to, as written in a URL (the language's for `lang`). */
function shownFallback(row, v, task) {
  return v === null && row.name === 'lang' ? t('config.browserLanguage') : showValue(row, v, task);
}

/**
 * An error from the core in the page's language. The core words its errors in English, exactly
 * (which value, which limit): English pages show that. Other languages get a sentence naming the
 * setting or the kind of problem, then (for files and inputs) the core's detail.
 */
export function coreWords(e) {
  const detail = e?.detail ?? e?.message ?? String(e);
  if (lang() === 'en' || !['config', 'data', 'model', 'input', 'diverged'].includes(e?.code)) return detail;
  const row = e.code === 'config' && e.option ? BY_NAME[e.option] : null;
  if (row) return e.range ? t('config.mustBe', { label: row.label, valid: validText(row) }) : t('config.notWithOthers', { label: row.label });
  return t(`error.${e.code}`, { detail });
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

