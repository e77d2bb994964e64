// The language menu of neuroglow's own pages: each language named in itself; choosing one reopens
// the page in it with the address's settings (the address holds them: see index.js's showUrl).

import { LANGUAGES, lang, t } from '../core/i18n.js';

/** Fills `select` (a <select> with a <label for>) and reopens the page on a change. */
export function languageMenu(select, win = window) {
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => {
    const o = new Option(name, code, false, code === lang());
    o.lang = code; // (a screen reader says each name in its own language)
    return o;
  }));
  select.title = t('page.languageHint');
  select.addEventListener('change', () => {
    const url = new URL(win.location.href);
    url.searchParams.set('lang', select.value);
    win.location.assign(url.href);
  });
}
