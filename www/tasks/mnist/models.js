// Saving and loading models (.ngm files made by the core): the network being trained as bytes or
// a download, a model file, or one of the pretrained models shipped with the page. A bad or
// mismatched model is refused by the core and the current one stays. `c` is the controller.

import { SCHEMA } from '../../core/config.js';
import { fmtInt } from '../../core/format.js';
import { downloadBlob } from '../../ui/recorder.js';
import { PRESETS } from './settings.js';
import { pct, onEvaluation } from './display.js';

/** The network's .ngm bytes, described by its shape, epochs and test accuracy. */
export async function saveModel(c) {
  await c.whenReady();
  const acc = c.evaluation ? `, test accuracy ${pct(c.evaluation.accuracy, 2)}` : '';
  return c.client.request('save', { note: `${c.info.sizes.join('-')} trained ${c.frame?.state.cycle ?? 0} epochs in the browser${acc}` });
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
  const what = `The pretrained ${PRESETS[name].name} model`;
  const res = await fetch(new URL(`../../models/${name}.ngm`, import.meta.url)).catch((e) => {
    throw new Error(`${what} could not be fetched (${e.message}).`);
  });
  if (!res.ok) throw new Error(`${what} is not available (models/${name}.ngm: HTTP ${res.status}). It is made with “cargo xtask train”.`);
  const options = { preset: name, task: c.dataName === 'MNIST' ? 'mnist' : 'images' };
  const d = await loadBytes(c, new Uint8Array(await res.arrayBuffer()), options, name);
  c.netOptions = { preset: name };
  return `Loaded the pretrained ${PRESETS[name].name} model${d.evaluation ? `: ${pct(d.evaluation.accuracy, 2)} of the test digits right` : ''}.`;
}

/** The Models panel in `wrap`: save, load a file, load a pretrained model. */
export function modelsPanel(wrap, c) {
  wrap.innerHTML = `
    <h3 class="mn-h">Models</h3>
    <div class="mn-row">
      <button type="button" class="mn-btn" data-act="save">Save model</button>
      <label class="mn-btn mn-file"><input type="file" accept=".ngm,application/octet-stream" aria-label="Load model"><span>Load model</span></label>
    </div>
    <div class="mn-row">
      <label class="mn-field mn-inline"><span>Pretrained</span>
        <select aria-label="Pretrained">${Object.entries(PRESETS).map(([k, v]) => `<option value="${k}">${v.name}</option>`).join('')}</select>
      </label>
      <button type="button" class="mn-btn" data-act="pretrained">Load pretrained</button>
    </div>
    <p class="mn-msg" role="status" aria-live="polite"></p>`;
  const msg = wrap.querySelector('.mn-msg');
  const run = (fn) => report(msg, 'Working…', fn);
  wrap.querySelector('[data-act="save"]').addEventListener('click', () => run(async () => {
    const bytes = await saveModel(c);
    const name = `neuroglow-${c.preset}-${c.info.sizes.join('-')}.ngm`;
    downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), name);
    return `Saved ${name} (${fmtInt(Math.ceil(bytes.length / 1024))} KB).`;
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
      if (f.size > max) throw new Error(`${f.name} is ${fmtInt(Math.ceil(f.size / 2 ** 20))} MB; a model file is at most ${fmtInt(Math.floor(max / 2 ** 20))} MB.`);
      const d = await loadBytes(c, new Uint8Array(await f.arrayBuffer()), null, 'custom');
      return `Loaded ${f.name}${d.note ? `: ${d.note}` : ''}.`;
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
    say(el, e.detail ?? e.message, true);
  }
}
