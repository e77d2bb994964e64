// Mounting the MNIST section, two ways:
//
//   mountMnist(element, { preset: '3b1b' })    the section alone (the standalone page www/mnist/):
//     await mnist.ready; mnist.play(); mnist.pause(); await mnist.step('phase' | 'example' | 'batch' | 'epoch');
//     const ev = await mnist.train({ epochs: 1 }); await mnist.evaluate(); await mnist.predict(pixels784);
//     const bytes = await mnist.save(); await mnist.load(bytes); mnist.state(); mnist.on(…); mnist.destroy();
//
//   mount(element, { task: 'mnist', … })      (neuroglow.js → mountMnistTask) the same section behind
//     the public API's conventions: settings from config.js (so they live in the URL and the Share
//     link, with warnings for bad ones), the core's message for networks it refuses, and a handle
//     with the common methods (state, settings, warnings, link, embedCode, configure, on, destroy).
//
// The section trains in its own worker; mount() checks settings against the core on the main
// thread first (with ten blank images), so a refused URL setting becomes a warning instead of a
// failed load.

import { loadWasm } from '../../core/wasm.js';
import { dropRefused, addStylesheet, mountSection } from '../../ui/task-common.js';
import { MnistController, NET_KEYS } from './controller.js';
import { PRESETS } from './settings.js';
import { TASK, NET, overrides, blankDigits, refusal } from './settings-bridge.js';
import { bindTask } from './task.js';
import { sectionApi, taskApi } from './api.js';

/** Options of the section itself (the rest are the network's, checked by the core). */
const VIEW_OPTIONS = ['task', 'examplesPerSecond', 'autoplay', 'dataUrl', 'heading', 'controls', 'speed', 'schedule', 'keyboard'];

/** Checks the section's options (throws for a bad one) and builds it into `element`. */
function createMnist(element, options) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mountMnist(element, options): element must be an HTMLElement');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('mountMnist(element, options): options must be an object');
  }
  const known = [...NET_KEYS, ...VIEW_OPTIONS];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new Error(`neuroglow MNIST: unknown option "${key}" (known options: ${known.join(', ')})`);
  }
  if (options.task !== undefined && options.task !== 'mnist') {
    throw new Error(`neuroglow MNIST: task must be "mnist", not "${options.task}"`);
  }
  if (options.preset !== undefined && !PRESETS[options.preset]) {
    throw new Error(`neuroglow MNIST: unknown preset "${options.preset}" (try ${Object.keys(PRESETS).join(' or ')})`);
  }
  const eps = options.examplesPerSecond;
  if (eps !== undefined && !(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps))) {
    throw new Error('neuroglow MNIST: examplesPerSecond must be a number ≥ 0 (0 trains at full speed)');
  }
  return new MnistController(element, options);
}

/**
 * Mounts the MNIST section into `element` and starts loading the data (progress is shown; the
 * returned API's `ready` promise settles when loading ends).
 * @param {HTMLElement} element
 * @param {object} [options]  preset ('3b1b' | 'modern'), any network option of the core
 *   (hidden, activation, outputActivation, loss, bias, init, optimizer, learningRate, momentum,
 *   batchSize, lrDecay, seed), examplesPerSecond (training speed, 0 = full), autoplay (start
 *   training once the data is in), dataUrl (folder of the MNIST files), heading (false to leave
 *   out the section's heading). `task: 'mnist'` and the public API's UI options (controls,
 *   speed, schedule, keyboard) are accepted and ignored, so mount() can pass its options on.
 */
export async function mountMnist(element, options = {}) {
  return sectionApi(createMnist(element, options));
}

let counter = 0;

/** view for config.js TASKS.mnist (neuroglow.js VIEWS). */
export async function mountMnistTask(element, resolved) {
  addStylesheet(element.ownerDocument);
  const wasm = await loadWasm();
  const data = blankDigits();
  dropRefused(resolved, NET, (s) => refusal(wasm, s, data));
  const { settings, warnings } = resolved;

  const id = `ng-mnist-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  // With changes to the preset, playing starts after the rebuild that shows them as Custom.
  const autoplay = settings.start === 'playing' && Object.keys(overrides(settings)).length === 1;
  const { root, section } = await mountSection(element, { task: TASK, id, warnings }, async (into) =>
    createMnist(into, { ...overrides(settings), autoplay, heading: settings.heading && !settings.embed }),
  );
  root.classList.toggle('ng-embed', settings.embed);
  bindTask(section, { element, root, id, settings, warnings });
  return taskApi(section);
}
