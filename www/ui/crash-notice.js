// A crash never leaves a dead section. mount() (neuroglow.js) mounts every section through
// supervise(): when the WebAssembly module the section runs on traps (core/crash.js) — the page's
// module for XOR and the drawing pad, the training worker's for MNIST — the section is put out of
// sight and one notice takes its place: what happened (the panic's message), role="alert", and a
// "Reload this section" button. The button brings a fresh module (loadWasm(); MNIST: a new worker)
// and mounts the section again with the settings in force then. Nothing reloads by itself; a
// section that stops again soon after comes back paused. The page's module is shared: every
// section that used it shows the notice and comes back on its own button; the others go on.
// The handle mount() resolves with stays the same object throughout (listeners move over).

import { el } from './controls.js';
import { addStylesheet } from './task-common.js';
import { loadWasm, wasmInstance } from '../core/wasm.js';
import { CRASHED, crashError, remountPlan } from '../core/crash.js';
import { t } from '../core/i18n.js';

/** What the section says (the notice's parts, as text): tested in Node. */
export function noticeText(crash, { again = false, paused = false } = {}) {
  return {
    title: t('ui.crashTitle'),
    what: t(crash.panicked ? 'ui.crashWhatPanic' : 'ui.crashWhatTrap'),
    message: crash.message,
    where: crash.location ? t('ui.crashWhere', { location: crash.location }) : '',
    help: t(again ? (paused ? 'ui.crashHelpAgainPaused' : 'ui.crashHelpAgain') : 'ui.crashHelp'),
  };
}

/** The notice: an alert with the message and the Reload button (`onReload`). */
export function crashNotice(crash, { again = false, paused = false, onReload }) {
  const words = noticeText(crash, { again, paused });
  const status = el('span', { class: 'ng-crash-status', role: 'status' });
  const reload = el('button', { type: 'button', class: 'ng-btn ng-primary ng-crash-reload' },
    el('span', { class: 'ng-icon', ariaHidden: 'true', text: '\u21bb' }), el('span', { class: 'ng-label', text: t('ui.crashReload') }));
  const notice = el('div', { class: 'ng ng-crash', role: 'alert', dataCrash: crash.panicked ? 'panic' : 'trap' },
    el('div', { class: 'ng-crash-mark', ariaHidden: 'true' }),
    el('div', { class: 'ng-crash-body' },
      el('p', { class: 'ng-crash-title', text: words.title }),
      el('p', { class: 'ng-crash-what', text: words.what }),
      el('pre', { class: 'ng-crash-message' }, el('code', { text: words.message })),
      ...(words.where ? [el('p', { class: 'ng-crash-where', text: words.where })] : []),
      el('p', { class: 'ng-crash-help', text: words.help }),
      el('div', { class: 'ng-crash-actions' }, reload, status)));
  reload.addEventListener('click', async () => {
    if (reload.disabled) return;
    reload.disabled = true;
    notice.setAttribute('aria-busy', 'true');
    status.textContent = t('ui.crashReloading');
    try {
      await onReload();
    } catch (e) {
      status.textContent = t('ui.crashReloadFailed', { message: e.message });
      reload.disabled = false;
      notice.removeAttribute('aria-busy');
    }
  });
  return Object.assign(notice, { reloadButton: reload });
}

/** Methods a crashed section still answers (they read settings, not the network). */
const PURE = new Set(['settings', 'warnings', 'link', 'embedCode']);
const isAsync = (fn) => fn?.constructor?.name === 'AsyncFunction';
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Mounts a section with `mountView(element, resolved)` and watches it: `watch` is 'page' for a
 * section on the page's wasm module, 'events' for one reporting a crash as an 'error' event with
 * code 'crashed' (MNIST's worker). Resolves with the section's handle, made stable. The settings it
 * comes back with: `resolved.settings` updated by the handle's settings() (the standalone
 * sections have none: they come back with the options they were mounted with).
 */
export async function supervise(element, resolved, { mountView, watch }) {
  const doc = element.ownerDocument;
  addStylesheet(doc); // the notice's look (the standalone section pages have only their own)
  const base = resolved.settings; // url, appUrl and heading never change
  const s = { inner: null, unwatch: null, crash: null, notice: null, mountedAt: null, destroyed: false, listeners: new Set() };

  /** Mounts (`again`: after a crash); claims the page URL (url: true) first, so two mounts cannot both own it. */
  const mountOnce = async (r, again = false) => {
    const docEl = doc.documentElement;
    if (r.settings.url) {
      if (docEl.dataset.neuroglowUrl) throw new Error('neuroglow: only one playground per page can use url: true (it owns the page URL)');
      docEl.dataset.neuroglowUrl = 'mounting';
    }
    try {
      if (watch === 'page') await loadWasm(); // a fresh module if the last one died
      const instance = watch === 'page' ? wasmInstance() : null;
      const inner = await mountView(element, r);
      Object.assign(s, { inner, crash: null, mountedAt: again ? performance.now() : null });
      s.unwatch = watch === 'page'
        ? instance.onCrash(crashed)
        : inner.on('error', (e) => e?.code === CRASHED && crashed(e.crash ?? { message: e.message, location: '', panicked: false }));
      for (const l of s.listeners) l.off = inner.on(l.name, l.fn);
    } catch (e) {
      if (docEl.dataset.neuroglowUrl === 'mounting') delete docEl.dataset.neuroglowUrl;
      throw e;
    }
  };

  /** The module stopped: the section goes out of sight (inert) and the notice takes its place. */
  function crashed(crash) {
    if (s.crash || s.destroyed) return;
    const root = s.inner.element;
    const plan = remountPlan({ ...base, ...s.inner.settings?.() }, { mountedAt: s.mountedAt, crashedAt: performance.now() });
    const hadFocus = root.contains(doc.activeElement);
    Object.assign(s, { crash, plan });
    root.classList.add('ng-crashed');
    root.inert = true;
    const paused = plan.again && s.inner.settings?.().start === 'playing';
    s.notice = crashNotice(crash, { again: plan.again, paused, onReload: reload });
    root.before(s.notice);
    if (hadFocus) s.notice.reloadButton.focus();
  }

  async function reload() {
    const focus = s.notice?.contains(doc.activeElement);
    s.unwatch?.();
    try {
      s.inner.destroy();
    } catch (e) {
      console.error(e); // a dead section goes all the same
    }
    for (const l of s.listeners) l.off = null;
    await mountOnce({ settings: s.plan.settings, warnings: [], fromUrl: new Map() }, true);
    s.notice?.remove();
    s.notice = null;
    if (s.destroyed) return s.inner.destroy(); // destroy() came while it mounted
    if (focus) s.inner.element.querySelector(FOCUSABLE)?.focus();
  }

  await mountOnce(resolved);
  const first = s.inner;
  const handle = {};
  for (const key of Object.keys(first)) {
    const desc = Object.getOwnPropertyDescriptor(first, key);
    if (desc.get || typeof desc.value !== 'function') {
      Object.defineProperty(handle, key, { get: () => s.inner[key], enumerable: true }); // (element, ready, …: the section's now)
      continue;
    }
    const async = isAsync(desc.value);
    handle[key] = (...args) => {
      if (s.crash && !PURE.has(key)) {
        const e = crashError(s.crash);
        if (async) return Promise.reject(e);
        throw e;
      }
      return s.inner[key](...args);
    };
  }
  handle.on = (name, fn) => {
    const l = { name, fn, off: null };
    l.off = s.inner.on(name, fn); // throws for an unknown event, recording nothing
    s.listeners.add(l);
    return () => {
      s.listeners.delete(l);
      l.off?.();
    };
  };
  handle.destroy = () => {
    s.destroyed = true;
    s.unwatch?.();
    s.notice?.remove();
    s.inner.destroy();
  };
  return Object.freeze(handle);
}
