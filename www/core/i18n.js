// Languages: every word the page shows or announces comes from one message catalogue per language
// (www/lang/<code>.json: key → message), looked up by key. One language per page: the first mount() (or the
// page's own script) chooses it from `lang`, ?lang= or the browser's languages.
//
// Messages are plain strings with {name} placeholders; a number placeholder can choose a plural
// form, ICU-style: "{n, plural, one {# cycle} other {# cycles}}" (# is n, formatted). Numbers are
// formatted with Intl.NumberFormat for the page's language (format.js asks numberParts()).

/** The languages shipped: code → its own name (what the language menu shows). */
export const LANGUAGES = { en: 'English', es: 'Español', de: 'Deutsch' };
/** Languages written right to left (none shipped yet; `dir` follows this list). */
const RTL = new Set(['ar', 'fa', 'he', 'ur']);
export const DEFAULT_LANG = 'en';

let current = { code: DEFAULT_LANG, messages: null, plural: null, parts: null };

/**
 * The language to use: the one asked for if shipped (its base, for a region: de-AT → de), else
 * the first of the browser's that is, else English. Unknown `asked` values return null (the
 * caller warns or throws), an empty one means "not asked".
 */
export function chooseLang(asked, preferred = []) {
  const base = (tag) => String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (asked !== undefined && asked !== null && String(asked).trim() !== '') {
    return Object.hasOwn(LANGUAGES, base(asked)) ? base(asked) : null;
  }
  for (const tag of preferred) if (Object.hasOwn(LANGUAGES, base(tag))) return base(tag);
  return DEFAULT_LANG;
}

/** The browser's languages, most preferred first (none outside a browser). */
export const browserLanguages = () => (typeof navigator === 'undefined' ? [] : navigator.languages?.length ? [...navigator.languages] : [navigator.language].filter(Boolean));

/**
 * The language a page's address asks for (`?lang=`, when it names one of ours: a bad one is the
 * warnings' business), else the browser's, else English. What every page starts with.
 */
export function pageLang(search = typeof location === 'undefined' ? '' : location.search) {
  const asked = new URLSearchParams(search).get('lang');
  return (asked?.trim() ? chooseLang(asked) : null) ?? chooseLang(null, browserLanguages());
}

const loaded = new Map();
/** A language's catalogue (fetched once, from this site: the CSP's connect-src 'self'). */
function catalogue(code) {
  if (!loaded.has(code)) {
    const url = new URL(`../lang/${code}.json`, import.meta.url);
    loaded.set(code, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
      return r.json();
    }).catch((e) => {
      loaded.delete(code); // a later mount may try again
      throw Object.assign(new Error(`could not load the "${code}" messages (${e.message})`), { code: 'lang' });
    }));
  }
  return loaded.get(code);
}

/**
 * Makes `code` the page's language: loads its catalogue and sets <html lang dir>. Resolves with
 * the language in use: English when `code`'s catalogue cannot be loaded (said in the console), so
 * a broken file never leaves a page without words.
 */
export async function useLang(code) {
  if (!Object.hasOwn(LANGUAGES, code)) throw Object.assign(new Error(`unknown language "${code}" (languages: ${Object.keys(LANGUAGES).join(', ')})`), { code: 'config', option: 'lang' });
  if (current.messages && current.code === code) return code;
  let messages;
  try {
    messages = await catalogue(code);
  } catch (e) {
    if (code === DEFAULT_LANG) throw e;
    console.warn(`neuroglow: ${e.message}; showing English`);
    return useLang(DEFAULT_LANG);
  }
  setMessages(code, messages);
  return code;
}

// English words whose one copy lives elsewhere — the core's schema (setting, task and model
// names) and the settings table — join en.json's messages: the other catalogues translate them.
const english = {};
/** Registers English text held elsewhere as the English catalogue's message for `key`. */
export function addEnglish(key, text) {
  english[key] = text;
  if (current.code === 'en' && current.messages) current.messages[key] = text;
}
/** The English messages registered by addEnglish (the language tests want every key). */
export const englishFromSource = () => ({ ...english });

/** Sets the catalogue in use directly (node unit tests, which have no fetch of the page's files). */
export function setMessages(code, messages) {
  if (code === 'en') messages = { ...english, ...messages };
  current = { code, messages, plural: new Intl.PluralRules(code), parts: numberParts(code) };
  if (typeof document !== 'undefined') {
    document.documentElement.lang = code;
    document.documentElement.dir = RTL.has(code) ? 'rtl' : 'ltr';
  }
}

/** The page's language code. */
export const lang = () => current.code;
/** Whether a catalogue is in use (before the first useLang(), t() has nothing to look in). */
export const ready = () => current.messages !== null;

/**
 * `code`'s decimal sign and its formatters, each made when first needed (making one costs
 * milliseconds: the compact one is for charts only).
 */
function numberParts(code) {
  const made = {};
  const once = (name, options) => made[name] ?? (made[name] = new Intl.NumberFormat(code, options));
  return {
    decimal: new Intl.NumberFormat(code).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.',
    get int() { return once('int', { maximumFractionDigits: 0 }); },
    get compact() { return once('compact', { notation: 'compact', maximumFractionDigits: 1 }); },
    percent: new Map(),
  };
}
const parts = () => current.parts ?? (current.parts = numberParts(current.code));

/** Localises a number written in JS's own notation ("-0.125", "1.5e-7"): the decimal sign. */
export const localiseDigits = (s) => (parts().decimal === '.' ? s : s.replace('.', parts().decimal));
/** A whole number with the language's grouping (60,000 / 60.000 / 60 000). */
export const formatInt = (n) => parts().int.format(Math.round(n));
/** Axis labels: 1, 10, 100, 1K, 10K (the language's short forms). */
export const formatCompact = (n) => parts().compact.format(n);
/** A fraction 0..1 as a percentage with `d` decimals (98.2 % / 98,2 %), as the language writes it. */
export function formatPercent(x, d = 1) {
  if (!Number.isFinite(x)) return '–';
  const cache = parts().percent;
  if (!cache.has(d)) cache.set(d, new Intl.NumberFormat(current.code, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }));
  return cache.get(d).format(x);
}

// Message templates are parsed once into pieces: strings, {name} and {name, plural, …}.
const parsed = new Map();
function parse(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const close = matching(text, open);
    if (close < 0) break;
    if (open > i) out.push(text.slice(i, open));
    const body = text.slice(open + 1, close);
    const m = /^\s*(\w+)\s*,\s*plural\s*,(.*)$/s.exec(body);
    if (m) {
      const forms = {};
      const re = /\s*(=\d+|\w+)\s*\{/g;
      let at = 0;
      const rest = m[2];
      while (at < rest.length) {
        re.lastIndex = at;
        const f = re.exec(rest);
        if (!f) break;
        const end = matching(rest, f.index + f[0].length - 1);
        forms[f[1]] = parse(rest.slice(f.index + f[0].length, end));
        at = end + 1;
      }
      out.push({ name: m[1], forms });
    } else out.push({ name: body.trim() });
    i = close + 1;
  }
  if (i < text.length) out.push(text.slice(i));
  return out;
}
function matching(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function render(pieces, params, hash) {
  let s = '';
  for (const p of pieces) {
    if (typeof p === 'string') s += hash === undefined ? p : p.replaceAll('#', hash);
    else if (p.forms) {
      const n = Number(params?.[p.name]);
      const form = p.forms[`=${n}`] ?? p.forms[current.plural?.select(n) ?? 'other'] ?? p.forms.other ?? [];
      s += render(form, params, Number.isInteger(n) ? formatInt(n) : localiseDigits(String(n)));
    } else {
      const v = params?.[p.name];
      s += v === undefined || v === null ? `{${p.name}}` : typeof v === 'number' ? (Number.isInteger(v) ? formatInt(v) : localiseDigits(String(v))) : String(v);
    }
  }
  return s;
}

/** The parameter names a message template uses (the catalogue test compares languages by them). */
export function paramsOf(text) {
  const names = new Set();
  const walk = (pieces) => {
    for (const p of pieces) {
      if (typeof p === 'string') continue;
      names.add(p.name);
      for (const form of Object.values(p.forms ?? {})) walk(form);
    }
  };
  walk(parse(text));
  return [...names].sort();
}

/**
 * The message `key` in the page's language with `params` filled in. A key the catalogue lacks
 * shows as ⟦key⟧ (the language tests look for those), never as English by accident.
 */
export function t(key, params) {
  const text = current.messages?.[key];
  if (typeof text !== 'string') return `\u27e6${key}\u27e7`;
  let pieces = parsed.get(text);
  if (!pieces) parsed.set(text, (pieces = parse(text)));
  return render(pieces, params);
}

/** Whether the catalogue in use has `key` (for messages chosen by a code the core sends). */
export const has = (key) => typeof current.messages?.[key] === 'string';

/**
 * Fills an element tree's static text from the catalogue: `data-i18n="key"` sets the text,
 * `data-i18n-attr="aria-label:key title:key2"` sets attributes (what the HTML pages use).
 */
export function translateTree(root) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.trim().split(/\s+/)) {
      const [attr, key] = pair.split(':');
      node.setAttribute(attr, t(key));
    }
  }
}
