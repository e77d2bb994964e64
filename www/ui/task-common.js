// What the playgrounds of every task share around their own view: the warnings box, the page URL
// as settings, Share and Embed links, and guards for the public API. No module state.

import { toQuery, appliesTo, defaultOf, checkSettings } from '../core/config.js';
import { el } from './controls.js';
import { linkStylesheet } from '../core/stylesheet.js';
import { t } from '../core/i18n.js';

/** The dismissable list of URL settings that were not used. */
export function warningsBox(warnings) {
  const close = el('button', { type: 'button', class: 'ng-btn ng-close', ariaLabel: t('ui.dismiss'), text: '×', onclick: () => box.remove() });
  const intro = t('ui.warningsIntro', { n: warnings.length });
  const box = el('div', { class: 'ng-warnings', role: 'status' }, close, el('p', { text: intro }), el('ul', {}, ...warnings.map((w) => el('li', { text: w }))));
  return box;
}

/** Links style.css once per document. */
export function addStylesheet(doc) {
  linkStylesheet(doc, new URL('../style.css', import.meta.url));
}

/** The settings as a handle's settings() shows them (without the page-only ones). */
export function publicSettings(settings) {
  const { url, appUrl, heading, ...rest } = structuredClone(settings);
  return rest;
}

/** `query` on the page links open: this page with url: true, else appUrl, else neuroglow's index.html. */
function pageUrl(element, settings, query) {
  const here = element.ownerDocument.defaultView.location.href;
  const u = settings.appUrl ? new URL(settings.appUrl, here) : settings.url ? new URL(here) : new URL('../../index.html', import.meta.url);
  u.search = toQuery(query);
  u.hash = '';
  return u.href;
}

/** A link opening `settings` in the full page (an embed's link opens the full page too). */
export function linkFor(element, settings) {
  const s = { ...settings, embed: false };
  if (settings.embed && appliesTo('controls', s.task)) Object.assign(s, { controls: defaultOf('controls', s.task, false), hide: [] });
  return pageUrl(element, settings, s);
}

const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** An <iframe> snippet showing `settings` in the embed layout: `controls` (default: the task's embed default), `width`, `height`. */
export function embedCodeFor(element, settings, title, { controls, width = 600, height = 400 } = {}) {
  const s = { ...settings, embed: true };
  if (appliesTo('controls', s.task)) {
    s.controls = controls === undefined ? defaultOf('controls', s.task, true) : checkSettings({ controls }, s.task).controls;
    s.hide = [];
  } else if (controls !== undefined && !(Array.isArray(controls) && controls.length === 0)) {
    throw new Error(`task "${s.task}" has no controls to choose`);
  }
  const size = (v, fallback) => (Number.isSafeInteger(v) && v > 0 ? v : fallback);
  const src = escapeAttr(pageUrl(element, settings, s));
  return `<iframe src="${src}" width="${size(width, 600)}" height="${size(height, 400)}" title="${escapeAttr(title)}" loading="lazy" style="border:0;border-radius:12px;max-width:100%" allow="clipboard-write"></iframe>`;
}

/** Writes `settings` into the page URL (no history entry) when playground `id` owns it and is on show (not in a hidden tab). */
export function writeUrl(element, root, id, settings) {
  const doc = element.ownerDocument;
  if (!settings.url || doc.documentElement.dataset.neuroglowUrl !== id) return;
  if (root.isConnected && root.getClientRects().length === 0) return;
  const win = doc.defaultView;
  const query = toQuery(settings);
  const next = `${win.location.pathname}${query ? `?${query}` : ''}${win.location.hash}`;
  if (next === `${win.location.pathname}${win.location.search}${win.location.hash}`) return;
  try {
    win.history.replaceState(win.history.state, '', next);
  } catch {
    // Sandboxed frames may refuse; the Share link still works.
  }
}

/**
 * Appends the element a section (MNIST, draw) mounts into, with the link's warnings; `mountInto(root)`
 * builds the section. Removed if that fails; the error goes on unchanged (messages carry their own prefix).
 */
export async function mountSection(element, { task, id, warnings, embed = false }, mountInto) {
  // .ng gives the warnings box its colours; the section itself has its own stylesheet.
  const root = el('div', { class: `ng-task ng-task-${task}${embed ? ' ng-embed' : ''}`, id, dataNeuroglow: '', dataTask: task });
  if (warnings.length) root.append(el('div', { class: 'ng ng-task-warnings' }, warningsBox(warnings)));
  element.append(root);
  try {
    return { root, section: await mountInto(root) };
  } catch (e) {
    root.remove();
    throw e;
  }
}

/** Marks `element` as mounted and, with url: true, claims the page URL for playground `id`. */
export function claimPage(element, id, settings) {
  if (settings.url) element.ownerDocument.documentElement.dataset.neuroglowUrl = id;
  element.dataset.ready = 'true';
}

/** Undoes claimPage (destroy()). */
export function releasePage(element, id) {
  delete element.dataset.ready;
  const docEl = element.ownerDocument.documentElement;
  if (docEl.dataset.neuroglowUrl === id) delete docEl.dataset.neuroglowUrl;
}

/** Wrappers for API methods that refuse to run on a destroyed playground (sync and async). */
export function destroyGuards(isDestroyed) {
  const live = (name, fn) => (...args) => {
    if (isDestroyed()) throw new Error(`neuroglow: ${name}() on a destroyed playground`);
    return fn(...args);
  };
  return { live, liveAsync: (name, fn) => async (...args) => live(name, fn)(...args) };
}
