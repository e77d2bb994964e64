// Frames for the MNIST network view (../mnist/network-view.js), built from a Reader instead of
// the training worker: the same buffer names (weights<k>, strong<k>, a<l>), copied out of wasm
// memory because the Reader's views are only valid until the next call into wasm. Weights
// change only with the model, so they (and the choice of which synapses to draw) are copied
// once per model and marked with a `weightsVersion`, which lets the view cache the synapses.

import { strongest, STRONGEST, DRAW_ALL_UP_TO } from '../../mnist/strongest.js';

// A drawing is read, not trained on: no phase to animate, nothing being probed.
const STATE = Object.freeze({ cycle: 0, example: 0, exampleCount: 0, phase: 'idle', layer: -1, probing: true });

let versions = 0;

export class ReaderFrames {
  /** Copies the weights of the Reader's model (call once per model). */
  constructor(reader, info) {
    this.info = info;
    this.weights = {};
    for (let k = 0; k < info.sizes.length - 1; k++) {
      const w = reader.view('weights', k).slice();
      this.weights[`weights${k}`] = w;
      if (w.length > DRAW_ALL_UP_TO) {
        const s = strongest(w, STRONGEST);
        if (s) this.weights[`strong${k}`] = s;
      }
    }
    // One frame, refilled by every read: reading happens every animation frame while drawing,
    // so nothing is allocated per read.
    const buffers = { ...this.weights };
    for (let l = 0; l < info.sizes.length; l++) buffers[`a${l}`] = new Float32Array(info.sizes[l]);
    this.current = {
      state: STATE,
      info,
      // Drawn as a live frame: synapses from the cache, no step animation.
      playing: true,
      stepped: null,
      label: null,
      probe: null,
      blank: true,
      weightsVersion: ++versions,
      buffers,
    };
  }

  /** The frame of the Reader's last pass; `blank` (nothing drawn) shows no values or guess. */
  frame(reader, blank) {
    const f = this.current;
    for (let l = 0; l < this.info.sizes.length; l++) f.buffers[`a${l}`].set(reader.view('a', l));
    f.blank = blank;
    return f;
  }
}
