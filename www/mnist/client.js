// A promise-based handle on one training worker (see worker.js for the protocol). Every
// request resolves with the worker's reply or rejects with its Error text; unrequested messages
// (progress, frame, metrics, evaluation, epoch, diverged, error) are events.

import { Emitter } from '../core/events.js';

export class MnistClient {
  constructor() {
    this.events = new Emitter();
    this.pending = new Map();
    this.nextId = 1;
    this.closed = false;
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'neuroglow-mnist' });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => {
      // A worker that cannot even start (e.g. the wasm package is missing) ends here.
      e.preventDefault?.();
      const message = e.message || 'the training worker could not start (is the wasm package built into www/pkg?)';
      this.failAll(new Error(message));
      this.events.emit('error', { during: 'worker', message });
    };
    this.worker.onmessageerror = () => this.events.emit('error', { during: 'message', message: 'a message from the worker could not be read' });
  }

  receive(msg) {
    if (msg.type === 'reply') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.error));
      return;
    }
    this.events.emit(msg.type, msg);
  }

  failAll(error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  on(name, fn) {
    return this.events.on(name, fn);
  }

  /** Sends a request; resolves with the reply's value. */
  request(type, payload = {}, transfer = []) {
    if (this.closed) return Promise.reject(new Error('this MNIST view was destroyed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...payload }, transfer);
    });
  }

  /** Tells the worker a frame was drawn, so it may send the next. */
  ack() {
    if (!this.closed) this.worker.postMessage({ type: 'frameAck' });
  }

  init(payload) { return this.request('init', payload); }
  configure(options) { return this.request('configure', { options }); }
  play() { return this.request('play'); }
  pause() { return this.request('pause'); }
  speed(examplesPerSecond) { return this.request('speed', { examplesPerSecond }); }
  train(epochs) { return this.request('train', { epochs }); }
  step(unit) { return this.request('step', { unit }); }
  evaluate() { return this.request('evaluate'); }
  probeTest(index, animate = true) { return this.request('probeTest', { index, animate }); }
  testImages(indices) { return this.request('testImages', { indices: Array.from(indices) }); }
  predict(pixels) { return this.request('predict', { pixels: Array.from(pixels) }); }
  save(note = '') { return this.request('save', { note }); }

  /** Loads model bytes (copied, so the caller's array stays usable). */
  load(bytes, options = null) {
    const copy = new Uint8Array(bytes).slice();
    return this.request('load', { bytes: copy, options }, [copy.buffer]);
  }

  terminate() {
    if (this.closed) return;
    this.closed = true;
    this.worker.terminate();
    this.failAll(new Error('this MNIST view was destroyed'));
    this.events.clear();
  }
}
