// The public API's side of an MNIST section mounted by mount() (mount.js): its settings follow
// the network (the worker's settings in force after every rebuild or load) and the palette, and
// with them the page URL, Share links and 'settings' listeners. Kept on the controller as `c.task`.

import { checkSettings, defaultOf } from '../../core/config.js';
import { writeUrl } from '../../ui/task-common.js';
import { TASK, NET, sameValue } from './controller.js';

/** The network settings of `settings` (what the worker builds). */
export const networkOf = (settings) => Object.fromEntries(NET.map((n) => [n, settings[n]]));

/** The settings as the public API shows them (without the page-only ones). */
export function publicSettings(t) {
  const { url, appUrl, heading, ...rest } = structuredClone(t.settings);
  return rest;
}

/**
 * Binds controller `c` to the public API: `element` (where mount() put it), `root` (the element
 * around the section), `id` (its page id), the resolved `settings` and `warnings`.
 */
export function bindTask(c, { element, root, id, settings, warnings }) {
  const t = { element, root, id, settings, warnings: warnings.slice(), quiet: false, readyFailed: false };
  c.task = t;
  c.follow = (changed) => follow(c, changed);
  // The page URL is claimed now; ready (data-ready) once the data is in.
  if (settings.url) element.ownerDocument.documentElement.dataset.neuroglowUrl = id;
  t.ready = c.ready.then((d) => {
    if (!c.destroyed) element.dataset.ready = 'true';
    return d;
  });
  t.ready.catch(() => {
    t.readyFailed = true; // shown in the section; its Try again makes a new c.ready
  });
  c.events.on('ready', () => {
    if (t.readyFailed && !c.destroyed) element.dataset.ready = 'true';
  });
  return t;
}

/** Settings that may have changed (a network's in force, the palette): the URL and listeners follow. */
function follow(c, changed) {
  const t = c.task;
  if (c.destroyed || (changed.task && changed.task !== TASK)) return; // own data is not a URL setting
  const next = { ...t.settings };
  for (const [k, v] of Object.entries(changed)) if (k !== 'task' && k in next) next[k] = v;
  if (Object.keys(next).every((k) => sameValue(next[k], t.settings[k]))) return;
  t.settings = next;
  writeUrl(t.element, t.root, t.id, t.settings);
  if (!t.quiet) c.events.emit('settings', publicSettings(t));
}

/** Changes settings (a new preset brings its own defaults; the palette is live); resolves with the info. */
export async function configureTask(c, changes) {
  const t = c.task;
  const fail = (e) => new Error(`neuroglow configure(): ${e.detail ?? e.message}`);
  let checked;
  try {
    checked = checkSettings(changes ?? {}, TASK, { allowed: [...NET, 'palette'] });
  } catch (e) {
    throw fail(e);
  }
  const { palette, ...net } = checked;
  const before = t.settings;
  t.quiet = true; // one 'settings' event for the lot, below
  try {
    if (Object.keys(net).length) {
      const next = { ...t.settings, ...net };
      if (net.preset && net.preset !== t.settings.preset) {
        for (const n of NET) if (n !== 'preset' && !(n in net)) next[n] = defaultOf(n, TASK, false, net.preset);
      }
      await c.configure(networkOf(next)).catch((e) => {
        throw fail(e);
      });
    }
    if (palette) c.setPalette(palette);
  } finally {
    t.quiet = false;
  }
  if (t.settings !== before) c.events.emit('settings', publicSettings(t));
  return c.info;
}
