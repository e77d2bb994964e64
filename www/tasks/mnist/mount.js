// Mounting the MNIST section, two ways:
//
//   mountMnist(element, { preset: '3b1b' })    the section alone (the standalone page www/mnist/):
//     await mnist.ready; mnist.play(); mnist.pause(); await mnist.step('phase' | 'example' | 'batch' | 'epoch');
//     const ev = await mnist.train({ epochs: 1 }); await mnist.evaluate(); await mnist.predict(pixels784);
//     const bytes = await mnist.save(); await mnist.load(bytes); mnist.state(); mnist.on(…); mnist.destroy();
//
//   mount(element, { task: 'mnist', … })      (neuroglow.js → mountMnistTask) the same section behind
//     the public API's conventions: settings from config.js (checked by the core there, so they live
//     in the URL and the Share link, with warnings for bad ones) and a handle with the common
//     methods (state, settings, warnings, link, embedCode, configure, on, destroy).

import { TASKS } from '../../core/config.js';
import { PALETTES } from '../../render/theme.js';
import { addStylesheet, mountSection } from '../../ui/task-common.js';
import { MnistController, TASK, NET } from './controller.js';
import { bindTask, networkOf } from './task.js';
import { sectionApi, taskApi } from './api.js';

/** Options of the section itself (the rest are the network's, checked by the core). */
const VIEW_OPTIONS = ['task', 'examplesPerSecond', 'autoplay', 'dataUrl', 'heading', 'palette', 'controls', 'speed', 'schedule', 'keyboard'];

/** Checks the section's options (throws for a bad one) and builds it into `element`. */
function createMnist(element, options) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mountMnist(element, options): element must be an HTMLElement');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('mountMnist(element, options): options must be an object');
  }
  const known = [...NET, ...VIEW_OPTIONS];
  const bad = Object.keys(options).find((k) => !known.includes(k));
  if (bad) throw new Error(`neuroglow MNIST: unknown option "${bad}" (known options: ${known.join(', ')})`);
  if (options.task !== undefined && options.task !== TASK) throw new Error(`neuroglow MNIST: task must be "mnist", not "${options.task}"`);
  const presets = Object.keys(TASKS[TASK].presets);
  if (options.preset !== undefined && !presets.includes(options.preset)) {
    throw new Error(`neuroglow MNIST: unknown preset "${options.preset}" (try ${presets.join(' or ')})`);
  }
  if (options.palette !== undefined && !PALETTES[options.palette]) {
    throw new Error(`neuroglow MNIST: palette must be one of ${Object.keys(PALETTES).join(', ')}`);
  }
  const eps = options.examplesPerSecond;
  if (eps !== undefined && !(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps))) {
    throw new Error('neuroglow MNIST: examplesPerSecond must be a number ≥ 0 (0 trains at full speed)');
  }
  return new MnistController(element, options);
}

/**
 * Mounts the MNIST section into `element` and starts loading the data (its `ready` settles when
 * loading ends). Options (neuroglow.d.ts mountMnist): preset, the network options, examplesPerSecond
 * (0 = full speed), autoplay, dataUrl (folder of the MNIST files), heading, palette; `task` and
 * XOR's view options are accepted and ignored, so mount() can pass its options on.
 */
export async function mountMnist(element, options = {}) {
  return sectionApi(createMnist(element, options));
}

let counter = 0;

/** view for config.js TASKS.mnist (neuroglow.js VIEWS): `settings` are resolved and checked by the core. */
export async function mountMnistTask(element, { settings, warnings }) {
  addStylesheet(element.ownerDocument);
  const id = `ng-mnist-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const { root, section } = await mountSection(element, { task: TASK, id, warnings }, async (into) => createMnist(into, {
    ...networkOf(settings),
    palette: settings.palette,
    autoplay: settings.start === 'playing',
    heading: settings.heading && !settings.embed,
  }));
  root.classList.toggle('ng-embed', settings.embed);
  bindTask(section, { element, root, id, settings, warnings });
  return taskApi(section);
}
