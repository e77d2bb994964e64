// The round trip between the public API's MNIST settings (config.js: preset and network options,
// as in the URL and Share links) and what the MNIST section and the core take: the options that
// differ from the preset, a check against the core (on ten blank images) before the worker
// loads, and back from a network's info to settings.

import { TASKS, NETWORK_SETTINGS, appliesTo, defaultOf } from '../../core/config.js';
import { coreMessage } from '../../ui/task-common.js';

export const TASK = 'mnist';
/** The network settings MNIST takes, preset first. */
export const NET = NETWORK_SETTINGS.filter((n) => appliesTo(n, TASK));

const approx = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
export const sameValue = (a, b) => (Array.isArray(a) ? Array.isArray(b) && a.join(',') === b.join(',') : typeof a === 'number' ? approx(a, b) : a === b);

/** The network settings that differ from the preset's (what the core and the section need). */
export function overrides(settings) {
  const out = { preset: settings.preset };
  for (const n of NET) {
    if (n === 'preset') continue;
    const d = defaultOf(n, TASK, false, settings.preset);
    if (!sameValue(settings[n], d)) out[n] = Array.isArray(settings[n]) ? settings[n].slice() : settings[n];
  }
  return out;
}

/** IDX files of ten blank 28×28 images labelled 0–9: enough for the core to build the network. */
export function blankDigits() {
  const n = 10;
  const images = new Uint8Array(16 + n * 784);
  images.set([0, 0, 8, 3, 0, 0, 0, n, 0, 0, 0, 28, 0, 0, 0, 28]);
  const labels = new Uint8Array(8 + n);
  labels.set([0, 0, 8, 1, 0, 0, 0, n]);
  for (let i = 0; i < n; i++) labels[8 + i] = i;
  return { images, labels };
}

/** The core's message when it refuses these settings, else null. */
export function refusal(wasm, settings, data) {
  try {
    wasm.Playground.withImages({ task: TASK, ...overrides(settings) }, data.images, data.labels).free();
    return null;
  } catch (e) {
    return coreMessage(e);
  }
}

/** The settings a network's info stands for: the closest preset, and what differs from it. */
export function settingsOf(info, current) {
  const fromInfo = {
    hidden: info.sizes.slice(1, -1),
    activation: info.activations[0],
    outputActivation: info.activations[info.activations.length - 1],
    loss: info.loss,
    bias: info.bias,
    init: info.init,
    optimizer: info.optimizer,
    learningRate: +info.learningRate.toPrecision(7),
    momentum: +info.momentum.toPrecision(7),
    batchSize: info.batchSize,
    lrDecay: +info.lrDecay.toPrecision(7),
    seed: info.seed,
  };
  const diffs = (p) => Object.keys(fromInfo).filter((n) => !sameValue(fromInfo[n], defaultOf(n, TASK, false, p))).length;
  // The current preset wins ties, so a custom network keeps the preset it started from.
  const presets = [current.preset, ...Object.keys(TASKS[TASK].presets).filter((p) => p !== current.preset)];
  const preset = presets.reduce((best, p) => (diffs(p) < diffs(best) ? p : best));
  return { ...current, preset, ...fromInfo };
}
