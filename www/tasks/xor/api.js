// The handle mount() resolves with for an XOR playground: the public API (neuroglow.d.ts:
// Playground) over the playground (playground.js). Every method refuses to run once destroyed.

import { destroyGuards } from '../../ui/task-common.js';

/** Events a playground emits (`on(name, fn)`). */
export const EVENTS = ['step', 'cycle', 'diverged', 'prediction', 'play', 'pause', 'reset', 'settings', 'recording'];

/** The frozen public handle of playground `pg`. */
export function makeApi(pg) {
  const { live, liveAsync } = destroyGuards(() => pg.destroyed);
  return Object.freeze({
    step: live('step', (kind = 'phase') => pg.userStep(kind)),
    train: liveAsync('train', (opts) => pg.train(opts)),
    predict: live('predict', (input) => pg.predict(input)),
    think: liveAsync('think', (input) => pg.think(input)),
    state: live('state', () => pg.state()),
    play: live('play', () => pg.play()),
    pause: live('pause', () => pg.pause()),
    reset: live('reset', () => pg.reset()),
    configure: live('configure', (opts) => {
      try {
        return pg.configure(opts);
      } catch (e) {
        throw new Error(e.message.startsWith('neuroglow') ? e.message : `neuroglow configure(): ${e.message.replace(/^invalid setting: /, '')}`);
      }
    }),
    settings: live('settings', () => pg.publicSettings()),
    warnings: live('warnings', () => pg.warnings.slice()),
    info: live('info', () => ({ ...pg.session.info })),
    examples: live('examples', () => structuredClone(pg.session.examples)),
    snapshots: live('snapshots', () => pg.session.snapshotCycles()),
    rewind: live('rewind', (index) => pg.rewind(index)),
    neuronAt: live('neuronAt', (layer, index) => neuronAt(pg, layer, index)),
    link: live('link', () => pg.link()),
    embedCode: live('embedCode', (opts) => pg.embedCode(opts)),
    startRecording: live('startRecording', (opts) => pg.recording.start(opts)),
    stopRecording: liveAsync('stopRecording', () => pg.recording.stop()),
    saveImage: liveAsync('saveImage', (opts) => pg.recording.saveImage(opts)),
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

function neuronAt(pg, layer, index) {
  const sizes = pg.session.info.sizes;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < sizes.length && Number.isInteger(index) && index >= 0 && index < sizes[layer])) {
    throw new Error(`neuroglow neuronAt(layer, index): there is no neuron ${index} in layer ${layer}`);
  }
  return pg.view.neuronAt(layer, index);
}
