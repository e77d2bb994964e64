// The MNIST section's two handles over its controller `c` (controller.js): the section's own
// (mountMnist(), the standalone page), and the public API's (mount({ task: 'mnist' }),
// neuroglow.d.ts MnistPlayground) with settings, link, embedCode and argument checks.

import { destroyGuards, linkFor, embedCodeFor } from '../../ui/task-common.js';
import { TASK, overrides } from './settings-bridge.js';
import { loadBytes, saveModel } from './model-files.js';
import { configureTask, publicSettings } from './task.js';

/** Events of the MNIST section, plus the public API's own. */
export const MNIST_EVENTS = ['ready', 'frame', 'metrics', 'evaluation', 'epoch', 'diverged', 'error', 'settings', 'prediction'];

/** What the section is doing: data, network, progress and the last evaluation. */
function snapshot(c) {
  return {
    ready: c.isReady,
    error: c.failure,
    loading: c.loading,
    playing: c.playing,
    preset: c.preset,
    data: c.dataName,
    speed: c.speed,
    info: c.info,
    state: c.frame?.state ?? null,
    /** The test image on the input (after picking a mistake), or null for training examples. */
    probe: c.frame?.probe ?? null,
    epoch: c.frame?.state.cycle ?? 0,
    seen: c.seen,
    samplesPerSecond: c.samplesPerSecond,
    evaluation: c.evaluation,
  };
}

/** The loaded model's note, info and evaluation. */
const loaded = (c, bytes) => loadBytes(c, bytes).then((r) => ({ note: r.note, info: r.info, evaluation: r.evaluation }));

/** The section's handle (mountMnist()). */
export function sectionApi(c) {
  return {
    element: c.root,
    get ready() { return c.ready; },
    play: () => c.play(),
    pause: () => c.pause(),
    step: (unit) => c.step(unit),
    train: (opts) => c.train(opts),
    evaluate: () => c.evaluate(),
    predict: (pixels) => c.predict(pixels),
    save: () => saveModel(c),
    load: (bytes) => loaded(c, bytes),
    configure: (options) => c.configure(options),
    showTest: (index) => c.showTest(index),
    state: () => snapshot(c),
    on: (name, fn) => c.events.on(name, fn),
    destroy: () => c.destroy(),
  };
}

const state = (c) => ({ task: TASK, ...snapshot(c) });

function checkStep(unit) {
  if (!['phase', 'example', 'batch', 'epoch'].includes(unit)) {
    throw new Error(`neuroglow step(unit): unit must be "phase", "example", "batch" or "epoch", not ${JSON.stringify(unit)}`);
  }
}

async function predict(c, pixels) {
  if (!(Array.isArray(pixels) || ArrayBuffer.isView(pixels))) {
    throw new Error('neuroglow predict(pixels): pixels must be 784 numbers from 0 to 1 (a 28×28 image, row by row)');
  }
  const output = await c.predict(pixels);
  c.events.emit('prediction', { input: Array.from(pixels), output: Array.from(output), thought: false });
  return output;
}

/** The public API's frozen handle (mount({ task: 'mnist' })); `c.task` holds its settings. */
export function taskApi(c) {
  const t = c.task;
  const { live, liveAsync } = destroyGuards(() => c.destroyed);
  return Object.freeze({
    /** Settles when the MNIST data is in (rejects with why it could not load). */
    get ready() {
      return t.readyFailed ? c.ready : t.ready;
    },
    step: liveAsync('step', (unit = 'phase') => {
      checkStep(unit);
      return c.step(unit);
    }),
    train: liveAsync('train', ({ epochs = 1 } = {}) => {
      if (!(Number.isSafeInteger(epochs) && epochs >= 1 && epochs <= 1000)) {
        throw new Error('neuroglow train({ epochs }): epochs must be a whole number from 1 to 1000');
      }
      return c.train({ epochs });
    }),
    evaluate: liveAsync('evaluate', () => c.evaluate()),
    predict: liveAsync('predict', (pixels) => predict(c, pixels)),
    save: liveAsync('save', () => saveModel(c)),
    load: liveAsync('load', (bytes) => {
      if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) throw new Error('neuroglow load(bytes): bytes must be a Uint8Array (from save())');
      return loaded(c, bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
    }),
    play: liveAsync('play', () => c.play()),
    pause: liveAsync('pause', () => c.pause()),
    reset: liveAsync('reset', () => c.configure(overrides(t.settings)).then(() => state(c))),
    configure: liveAsync('configure', (changes) => configureTask(c, changes)),
    showTest: liveAsync('showTest', (index) => c.showTest(index)),
    state: live('state', () => state(c)),
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
    destroy: () => c.destroy(),
    get task() {
      return TASK;
    },
    get element() {
      return t.root;
    },
  });
}
