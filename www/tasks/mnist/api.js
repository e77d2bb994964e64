// The MNIST section's two handles over its controller `c` (controller.js): the section's own
// (mountMnist(), the standalone page) and the public API's (mount({ task: 'mnist' }),
// neuroglow.d.ts MnistPlayground), which adds settings, link and embedCode. Both check arguments.

import { destroyGuards, linkFor, embedCodeFor } from '../../ui/task-common.js';
import { TASK } from './controller.js';
import { loadBytes, saveModel } from './models.js';
import { configureTask, publicSettings, networkOf } from './task.js';

/** Events of the MNIST section, plus the public API's own. */
export const MNIST_EVENTS = ['ready', 'frame', 'metrics', 'evaluation', 'epoch', 'diverged', 'error', 'settings', 'prediction'];
const UNITS = ['phase', 'example', 'batch', 'epoch'];

/** What the section is doing: data, network, progress and the last evaluation. */
function snapshot(c) {
  return {
    ready: c.isReady, error: c.failure, loading: c.loading, playing: c.playing, preset: c.preset, data: c.dataName,
    speed: c.speed, info: c.info, state: c.frame?.state ?? null,
    probe: c.frame?.probe ?? null, // the test image on the input (after picking a mistake), or null
    epoch: c.frame?.state.cycle ?? 0, seen: c.seen, samplesPerSecond: c.samplesPerSecond, evaluation: c.evaluation,
  };
}

/** The methods both handles have, with their arguments checked. */
function common(c) {
  const { liveAsync } = destroyGuards(() => c.destroyed);
  return {
    step: liveAsync('step', (unit = 'phase') => {
      if (!UNITS.includes(unit)) throw new Error(`neuroglow step(unit): unit must be "phase", "example", "batch" or "epoch", not ${JSON.stringify(unit)}`);
      return c.step(unit);
    }),
    train: liveAsync('train', ({ epochs = 1 } = {}) => {
      if (!(Number.isSafeInteger(epochs) && epochs >= 1 && epochs <= 1000)) throw new Error('neuroglow train({ epochs }): epochs must be a whole number from 1 to 1000');
      return c.train({ epochs });
    }),
    evaluate: liveAsync('evaluate', () => c.evaluate()),
    predict: liveAsync('predict', async (pixels) => {
      if (!(Array.isArray(pixels) || ArrayBuffer.isView(pixels))) throw new Error('neuroglow predict(pixels): pixels must be 784 numbers from 0 to 1 (a 28×28 image, row by row)');
      const output = await c.predict(pixels);
      c.events.emit('prediction', { input: Array.from(pixels), output: Array.from(output), thought: false });
      return output;
    }),
    save: liveAsync('save', () => saveModel(c)),
    load: liveAsync('load', async (bytes) => {
      if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) throw new Error('neuroglow load(bytes): bytes must be a Uint8Array (from save())');
      const d = await loadBytes(c, new Uint8Array(bytes));
      return { note: d.note, info: d.info, evaluation: d.evaluation };
    }),
    play: liveAsync('play', () => c.play()),
    pause: liveAsync('pause', () => c.pause()),
    showTest: liveAsync('showTest', (index) => c.showTest(index)),
    destroy: () => c.destroy(),
  };
}

/** The section's handle (mountMnist()). */
export function sectionApi(c) {
  return {
    ...common(c),
    element: c.root,
    get ready() {
      return c.ready;
    },
    configure: (options) => c.configure(options),
    state: () => snapshot(c),
    on: (name, fn) => c.events.on(name, fn),
  };
}

/** The public API's frozen handle (mount({ task: 'mnist' })); `c.task` holds its settings. */
export function taskApi(c) {
  const t = c.task;
  const { live, liveAsync } = destroyGuards(() => c.destroyed);
  const state = () => ({ task: TASK, ...snapshot(c) });
  return Object.freeze({
    ...common(c),
    /** Settles when the MNIST data is in (rejects with why it could not load). */
    get ready() {
      return t.readyFailed ? c.ready : t.ready;
    },
    reset: liveAsync('reset', () => c.configure(networkOf(t.settings)).then(state)),
    configure: liveAsync('configure', (changes) => configureTask(c, changes)),
    state: live('state', state),
    info: live('info', () => (c.info ? { ...c.info } : null)),
    settings: live('settings', () => publicSettings(t)),
    warnings: live('warnings', () => t.warnings.slice()),
    link: live('link', () => linkFor(t.element, t.settings)),
    embedCode: live('embedCode', (opts) => {
      const sizes = [784, ...t.settings.hidden, 10].join('-');
      return embedCodeFor(t.element, t.settings, `neuroglow: a ${sizes} neural network learning handwritten digits (MNIST)`, opts);
    }),
    on: live('on', (name, fn) => {
      if (!MNIST_EVENTS.includes(name)) throw new Error(`neuroglow on(name, fn): unknown event "${name}" (events: ${MNIST_EVENTS.join(', ')})`);
      return c.events.on(name, fn);
    }),
    task: TASK,
    get element() {
      return t.root;
    },
  });
}
