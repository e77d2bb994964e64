// The handle mount() resolves with for an XOR playground: the public API (neuroglow.d.ts:
// Playground) over the playground (playground.js). Every method refuses to run once destroyed.

import { destroyGuards, publicSettings } from '../../ui/task-common.js';

/** Events a playground emits (`on(name, fn)`). */
export const EVENTS = ['step', 'cycle', 'diverged', 'prediction', 'play', 'pause', 'reset', 'settings', 'recording'];
/** Methods that are the playground's own. */
const SAME = ['predict', 'state', 'play', 'pause', 'reset', 'rewind', 'link', 'embedCode'];

/** The frozen public handle of playground `pg`. */
export function makeApi(pg) {
  const { live, liveAsync } = destroyGuards(() => pg.destroyed);
  const recording = pg.recording;
  const get = (fn) => ({ get: fn, enumerable: true });
  const api = {
    ...Object.fromEntries(SAME.map((name) => [name, live(name, (...args) => pg[name](...args))])),
    step: live('step', (kind = 'phase') => pg.userStep(kind)),
    train: liveAsync('train', (opts) => pg.train(opts?.cycles)),
    think: liveAsync('think', (input) => pg.think(input)),
    configure: live('configure', (opts) => {
      try {
        return pg.configure(opts);
      } catch (e) {
        throw new Error(`neuroglow configure(): ${e.detail ?? e.message}`);
      }
    }),
    settings: live('settings', () => publicSettings(pg.settings)),
    warnings: live('warnings', () => pg.warnings.slice()),
    info: live('info', () => ({ ...pg.session.info })),
    examples: live('examples', () => structuredClone(pg.session.examples)),
    snapshots: live('snapshots', () => pg.session.snapshotCycles()),
    neuronAt: live('neuronAt', (layer, index) => {
      const at = pg.view.neuronAt(layer, index);
      if (!Number.isInteger(layer) || !Number.isInteger(index) || !at) throw new Error(`neuroglow neuronAt(layer, index): there is no neuron ${index} in layer ${layer}`);
      return at;
    }),
    startRecording: live('startRecording', (opts) => recording.start(opts)),
    stopRecording: liveAsync('stopRecording', () => recording.stop()),
    saveImage: liveAsync('saveImage', (opts) => recording.saveImage(opts)),
    on: live('on', (name, fn) => {
      if (!EVENTS.includes(name)) throw new Error(`neuroglow on(name, fn): unknown event "${name}" (events: ${EVENTS.join(', ')})`);
      return pg.events.on(name, fn);
    }),
    destroy: () => pg.destroy(),
  };
  return Object.freeze(Object.defineProperties(api, { task: get(() => pg.settings.task), element: get(() => pg.root) }));
}
