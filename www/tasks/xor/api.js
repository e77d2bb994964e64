// The handle mount() resolves with for an XOR playground: the public API (neuroglow.d.ts:
// Playground) over the playground (playground.js). Every method refuses to run once destroyed.

import { destroyGuards } from '../../ui/task-common.js';
import { train, think } from './training.js';

/** Events a playground emits (`on(name, fn)`). */
export const EVENTS = ['step', 'cycle', 'diverged', 'prediction', 'play', 'pause', 'reset', 'settings', 'recording'];
/** Methods that are the playground's own. */
const SAME = ['predict', 'state', 'play', 'pause', 'reset', 'rewind', 'link', 'embedCode'];

/** The frozen public handle of playground `pg`. */
export function makeApi(pg) {
  const { live, liveAsync } = destroyGuards(() => pg.destroyed);
  const recording = pg.recording;
  return Object.freeze({
    ...Object.fromEntries(SAME.map((name) => [name, live(name, (...args) => pg[name](...args))])),
    step: live('step', (kind = 'phase') => pg.userStep(kind)),
    train: liveAsync('train', (opts) => train(pg, opts?.cycles)),
    think: liveAsync('think', (input) => think(pg, input)),
    configure: live('configure', (opts) => {
      try {
        return pg.configure(opts);
      } catch (e) {
        throw new Error(`neuroglow configure(): ${e.detail ?? e.message}`);
      }
    }),
    settings: live('settings', () => pg.publicSettings()),
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
    get task() {
      return pg.settings.task;
    },
    get element() {
      return pg.root;
    },
  });
}
