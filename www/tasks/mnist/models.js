// Saving and loading models (.ngm files made by the core): the network being trained as bytes or
// a download, a model file, or one of the pretrained models shipped with the page. A bad or
// mismatched model is refused by the core and the current one stays. `c` is the controller.

import { SCHEMA } from '../../core/config.js';
import { t } from '../../core/i18n.js';
import { downloadBlob } from '../../ui/recorder.js';
import { presets } from './settings.js';
import { esc, errorText, pct, onEvaluation } from './display.js';

/** The network's .ngm bytes, described by its shape, epochs and test accuracy. */
export async function saveModel(c) {
  await c.whenReady();
  const params = { sizes: c.info.sizes.join('-'), epochs: c.frame?.state.cycle ?? 0, accuracy: c.evaluation ? pct(c.evaluation.accuracy, 2) : '' };
  return c.client.request('save', { note: t(c.evaluation ? 'mnist.modelNoteAccuracy' : 'mnist.modelNote', params) });
}

/** Loads model bytes (copied: the caller's stay usable), with a pretrained model's `options`. */
export async function loadBytes(c, bytes, options = null, preset = undefined) {
  await c.whenReady();
  const copy = new Uint8Array(bytes).slice();
  const d = await c.client.request('load', { bytes: copy, options }, [copy.buffer]);
  c.setNetwork(d, preset);
  if (d.evaluation) onEvaluation(c, d.evaluation);
  return d;
}

async function loadPretrained(c, name) {
  const model = presets()[name].name;
  const res = await fetch(new URL(`../../models/${name}.ngm`, import.meta.url)).catch((e) => {
    throw new Error(t('mnist.pretrainedFetchFailed', { model, why: e.message }));
  });
  if (!res.ok) throw new Error(t('mnist.pretrainedMissing', { model, file: `models/${name}.ngm`, status: String(res.status) }));
  const options = { preset: name, task: c.dataName === 'MNIST' ? 'mnist' : 'images' };
  const d = await loadBytes(c, new Uint8Array(await res.arrayBuffer()), options, name);
  c.netOptions = { preset: name };
  return d.evaluation ? t('mnist.pretrainedLoadedAccuracy', { model, accuracy: pct(d.evaluation.accuracy, 2) }) : t('mnist.pretrainedLoaded', { model });
}

/** The Models panel in `wrap`: save, load a file, load a pretrained model. */
export function modelsPanel(wrap, c) {
  wrap.innerHTML = `
    <h3 class="mn-h">${esc(t('mnist.modelsLabel'))}</h3>
    <div class="mn-row">
      <button type="button" class="mn-btn" data-act="save">${esc(t('mnist.saveModel'))}</button>
      <label class="mn-btn mn-file"><input type="file" accept=".ngm,application/octet-stream" aria-label="${esc(t('mnist.loadModel'))}"><span>${esc(t('mnist.loadModel'))}</span></label>
    </div>
    <div class="mn-row">
      <label class="mn-field mn-inline"><span>${esc(t('mnist.pretrained'))}</span>
        <select aria-label="${esc(t('mnist.pretrained'))}">${Object.entries(presets()).map(([k, v]) => `<option value="${k}">${esc(v.name)}</option>`).join('')}</select>
      </label>
      <button type="button" class="mn-btn" data-act="pretrained">${esc(t('mnist.loadPretrained'))}</button>
    </div>
    <p class="mn-msg" role="status" aria-live="polite"></p>`;
  const msg = wrap.querySelector('.mn-msg');
  const run = (fn) => report(msg, t('mnist.working'), fn);
  wrap.querySelector('[data-act="save"]').addEventListener('click', () => run(async () => {
    const bytes = await saveModel(c);
    const name = `neuroglow-${c.preset}-${c.info.sizes.join('-')}.ngm`;
    downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), name);
    return t('mnist.saved', { name, kb: Math.ceil(bytes.length / 1024) });
  }));
  const which = wrap.querySelector('select');
  wrap.querySelector('[data-act="pretrained"]').addEventListener('click', () => run(() => loadPretrained(c, which.value)));
  const file = wrap.querySelector('input[type="file"]');
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    file.value = '';
    if (!f) return;
    run(async () => {
      const max = SCHEMA.limits.maxModelBytes;
      if (f.size > max) throw new Error(t('mnist.modelTooBig', { name: f.name, size: Math.ceil(f.size / 2 ** 20), max: Math.floor(max / 2 ** 20) }));
      const d = await loadBytes(c, new Uint8Array(await f.arrayBuffer()), null, 'custom');
      return d.note ? t('mnist.loadedFileNote', { name: f.name, note: d.note }) : t('mnist.loadedFile', { name: f.name });
    });
  });
}

/** A panel's message line: a status, or an alert for an error. */
export function say(el, text, isError = false) {
  el.textContent = text;
  el.classList.toggle('mn-error', isError);
  el.setAttribute('role', isError ? 'alert' : 'status');
}

/** Runs a panel's action, saying `pending` meanwhile and then what it resolved with or why it failed. */
export async function report(el, pending, fn) {
  say(el, pending);
  try {
    say(el, await fn());
  } catch (e) {
    say(el, errorText(e, true), true);
  }
}
