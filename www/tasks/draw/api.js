// The draw section's two handles over its controller `c` (controller.js): the section's own
// (mountDraw(), the standalone page), and the public API's (mount({ task: 'draw' }),
// neuroglow.d.ts DrawPlayground) with settings, warnings, link and embedCode.

import { destroyGuards, linkFor, embedCodeFor } from '../../ui/task-common.js';

const TASK = 'draw';

/** The settings as the public API shows them (without the page-only ones). */
export function publicSettings(t) {
  const { url, appUrl, heading, ...rest } = structuredClone(t.settings);
  return rest;
}

/** The section's handle (mountDraw()). */
export function sectionApi(c) {
  return {
    element: c.root,
    /** The visible drawing canvas (pass it to predict()). */
    canvas: c.pad.canvas,
    predict: (x) => c.predict(x),
    draw: (strokes) => c.draw(strokes),
    undo: () => c.undo(),
    clear: () => c.clear(),
    useModel: (m) => c.useModel(m),
    /** The 28×28 image (784 values 0..1) the network read from the pad last. */
    input: () => Float32Array.from(c.seen),
    state: () => c.snapshot(),
    on: (name, fn) => c.on(name, fn),
    destroy: () => c.destroy(),
  };
}

/** The public API's frozen handle (mount({ task: 'draw' })); `c.task` holds its settings. */
export function taskApi(c) {
  const t = c.task;
  const { live } = destroyGuards(() => c.destroyed);
  return Object.freeze({
    predict: live('predict', (x) => c.predict(x)),
    clear: live('clear', () => c.clear()),
    undo: live('undo', () => c.undo()),
    draw: live('draw', (strokes) => c.draw(strokes)),
    input: live('input', () => Float32Array.from(c.seen)),
    useModel: live('useModel', (m) => c.useModel(m)),
    state: live('state', () => ({ task: TASK, ...c.snapshot() })),
    get canvas() {
      return c.pad.canvas;
    },
    settings: live('settings', () => publicSettings(t)),
    warnings: live('warnings', () => t.warnings.slice()),
    link: live('link', () => linkFor(t.element, t.settings)),
    embedCode: live('embedCode', (opts) => embedCodeFor(t.element, t.settings, 'neuroglow: draw a digit and watch a neural network read it', opts)),
    on: live('on', (name, fn) => (name === 'settings' ? c.events.on(name, fn) : c.on(name, fn))),
    destroy: () => c.destroy(),
    get task() {
      return TASK;
    },
    get element() {
      return t.root;
    },
  });
}
