// The MNIST section's models: saving the network being trained (.ngm bytes, or a download), and
// loading one from bytes, a file or the shipped pretrained ones. `c` is the controller
// (controller.js); a bad or mismatched model throws and the current one stays.

import { fmtInt } from '../../core/format.js';
import { download } from './models.js';
import { PRESETS } from './settings.js';
import { pct } from './display.js';
import { onEvaluation } from './reports.js';

/** The network's .ngm bytes, described by its shape, epochs and test accuracy. */
export async function saveModel(c) {
  await c.whenReady();
  const acc = c.evaluation ? `, test accuracy ${pct(c.evaluation.accuracy, 2)}` : '';
  return c.client.save(`${c.info.sizes.join('-')} trained ${c.frame?.state.cycle ?? 0} epochs in the browser${acc}`);
}

export async function saveToFile(c) {
  const bytes = await saveModel(c);
  const name = `neuroglow-${c.preset}-${c.info.sizes.join('-')}.ngm`;
  download(bytes, name);
  return `Saved ${name} (${fmtInt(Math.ceil(bytes.length / 1024))} KB).`;
}

/** Loads model bytes; a bad or mismatched file throws and the current model stays. */
export async function loadBytes(c, bytes, options) {
  await c.whenReady();
  const r = await c.client.load(bytes, options);
  c.playing = false;
  c.setInfo(r);
  if (r.evaluation) onEvaluation(c, r.evaluation);
  return r;
}

export async function loadFile(c, file) {
  const r = await loadBytes(c, new Uint8Array(await file.arrayBuffer()));
  c.preset = 'custom';
  c.settings.setPreset('custom');
  c.settings.show(r.info);
  return `Loaded ${file.name}${r.note ? `: ${r.note}` : ''}.`;
}

export async function loadPretrained(c, name) {
  const url = new URL(`../../models/${name}.ngm`, import.meta.url);
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`The pretrained ${PRESETS[name].name} model could not be fetched (${e.message}).`);
  }
  if (!res.ok) {
    throw new Error(`The pretrained ${PRESETS[name].name} model is not available (models/${name}.ngm: HTTP ${res.status}). It is made with “cargo xtask train”.`);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const r = await loadBytes(c, bytes, { preset: name, ...(c.dataName === 'MNIST' ? {} : { task: 'images' }) });
  c.netOptions = { preset: name };
  c.preset = name;
  c.settings.setPreset(name);
  return `Loaded the pretrained ${PRESETS[name].name} model${r.evaluation ? `: ${pct(r.evaluation.accuracy, 2)} of the test digits right` : ''}.`;
}
