// The public API's side of an MNIST section mounted by mount() (mount.js): its settings follow
// the network (the section's own controls, configure()), and with them the page URL, Share
// links and 'settings' listeners. Kept on the controller as `c.task`.

import { checkSettings, defaultOf } from '../../core/config.js';
import { writeUrl, coreMessage } from '../../ui/task-common.js';
import { TASK, NET, sameValue, overrides, settingsOf } from './settings-bridge.js';

/**
 * Binds controller `c` to the public API: `element` (where mount() put it), `root` (the element
 * around the section), `id` (its page id), the resolved `settings` and `warnings`.
 */
export function bindTask(c, { element, root, id, settings, warnings }) {
  const t = { element, root, id, settings, warnings: warnings.slice(), infoKey: '', readyFailed: false };
  c.task = t;
  // The page URL is claimed now; ready (data-ready) once the data is in, below.
  if (settings.url) element.ownerDocument.documentElement.dataset.neuroglowUrl = id;
  // The section's own controls (preset, custom settings, loading a model) change the network:
  // every frame carries its info, so the settings, the URL and 'settings' listeners follow.
  t.offFrame = c.events.on('frame', (f) => follow(c, f.info));
  const overridden = Object.keys(overrides(settings)).length > 1;
  // Ready once the data is in and, for a preset with changes, the section shows them as Custom
  // (they come through configure(): the same settings and seed, the same network).
  t.ready = c.ready.then(async (described) => {
    if (overridden && !c.destroyed) {
      await c.configure(overrides(t.settings));
      if (t.settings.start === 'playing' && !c.destroyed) await c.play();
    }
    if (!c.destroyed) element.dataset.ready = 'true';
    return described;
  });
  t.ready.catch(() => {
    t.readyFailed = true; // shown in the section; its Try again makes a new c.ready
  });
  t.offReady = c.events.on('ready', () => {
    if (t.readyFailed && !c.destroyed) element.dataset.ready = 'true';
  });
  return t;
}

/** The settings as the public API shows them (without the page-only ones). */
export function publicSettings(t) {
  const { url, appUrl, heading, ...rest } = structuredClone(t.settings);
  return rest;
}

/** The settings follow a network's `info` (own data is not a URL setting). */
function follow(c, info) {
  const t = c.task;
  if (c.destroyed || !info || info.task !== TASK) return;
  const key = JSON.stringify(info, ['sizes', 'activations', 'loss', 'bias', 'init', 'optimizer', 'learningRate', 'momentum', 'batchSize', 'lrDecay', 'seed']);
  if (key === t.infoKey) return;
  const first = t.infoKey === '';
  t.infoKey = key;
  const next = settingsOf(info, t.settings);
  const changed = NET.some((n) => !sameValue(next[n], t.settings[n]));
  if (!changed) return;
  t.settings = next;
  writeUrl(t.element, t.root, t.id, t.settings);
  if (!first) c.events.emit('settings', publicSettings(t));
}

/** Changes network settings (a new preset brings its own defaults); resolves with the info. */
export async function configureTask(c, changes) {
  const t = c.task;
  let checked;
  try {
    checked = checkSettings(changes ?? {}, TASK, { allowed: NET });
  } catch (e) {
    throw new Error(`neuroglow configure(): ${e.message}`);
  }
  const next = { ...t.settings, ...checked };
  if (checked.preset && checked.preset !== t.settings.preset) {
    for (const n of NET) if (n !== 'preset' && !(n in checked)) next[n] = defaultOf(n, TASK, false, checked.preset);
  }
  // Set first: the new network's first frame (which comes before the reply) then matches.
  const before = t.settings;
  t.settings = next;
  let info;
  try {
    info = await c.configure(overrides(next));
  } catch (e) {
    t.settings = before;
    throw new Error(`neuroglow configure(): ${coreMessage(e)}`);
  }
  follow(c, info);
  writeUrl(t.element, t.root, t.id, t.settings);
  c.events.emit('settings', publicSettings(t));
  return info;
}
