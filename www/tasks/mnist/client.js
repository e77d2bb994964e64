// The page's handle on one training worker (protocol.js): a request resolves with the reply's
// value or rejects with an Error carrying the reply's code; the worker's reports are events.

import { Emitter } from '../../core/events.js';
import { crashError } from '../../core/crash.js';
import { REQUESTS, FRAME_ACK, CRASHED, fail, toError } from './protocol.js';
import { unsupportedMessage } from '../../core/support.js';
import { t } from '../../core/i18n.js';

const GONE = 'this MNIST view was destroyed';

export class MnistClient {
  constructor() {
    Object.assign(this, { events: new Emitter(), pending: new Map(), nextId: 1, closed: false });
    try {
      this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'neuroglow-mnist' });
    } catch (e) {
      // Browsers without module workers (Firefox before 114) refuse here: say so, not a TypeError.
      if (e?.name === 'SecurityError') throw e;
      const error = new Error(unsupportedMessage([t('mnist.needModuleWorkers')]));
      Object.assign(error, { code: 'unsupported', missing: ['module workers'], cause: e });
      throw error;
    }
    this.worker.onmessage = ({ data: msg }) => {
      if (this.closed) return undefined;
      if (msg.type === CRASHED) return this.crashed(msg.crash);
      if (msg.type !== 'reply') return this.events.emit(msg.type, msg);
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      return msg.ok ? p?.resolve(msg.value) : p?.reject(toError(msg.error));
    };
    this.worker.onerror = (e) => {
      // A worker that cannot even start (e.g. the wasm package is missing) ends here.
      e.preventDefault?.();
      if (this.closed) return;
      // (messages for programmers in English; `i18n` words them on the page: display.js errorText)
      const i18n = e.message ? null : { key: 'mnist.workerNoStart' };
      const message = e.message || 'the training worker could not start (is the wasm package built into www/pkg?)';
      this.failAll(fail('state', message, i18n ? { i18n } : {}));
      this.events.emit('error', { during: 'worker', code: 'state', message, ...(i18n ? { i18n } : {}) });
    };
    this.worker.onmessageerror = () => this.events.emit('error', { during: 'message', code: 'state', message: 'a message from the worker could not be read', i18n: { key: 'mnist.workerUnreadable' } });
  }

  /**
   * The worker's wasm module trapped: the worker is ended (nothing more can be asked of it), every
   * request fails with the crash's Error (code 'crashed'), and the section hears it as an 'error'
   * event with that code (the page then offers a new worker: ui/crash-notice.js).
   */
  crashed(crash) {
    const error = crashError(crash);
    this.closed = error;
    this.worker.terminate();
    this.failAll(error);
    this.events.emit('error', { during: 'crash', code: error.code, message: error.message, crash: error.crash });
  }

  failAll(error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** Sends a request (protocol.js REQUESTS); resolves with the reply's value. */
  request(type, payload = {}, transfer = []) {
    if (!REQUESTS.includes(type)) return Promise.reject(fail('input', `unknown request "${type}"`));
    if (this.closed) return Promise.reject(this.closed instanceof Error ? this.closed : fail('state', GONE));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...payload }, transfer);
    });
  }

  /** Tells the worker a frame was drawn, so it may send the next. */
  ack() {
    if (!this.closed) this.worker.postMessage({ type: FRAME_ACK });
  }

  terminate() {
    if (this.closed) {
      this.events.clear();
      return;
    }
    this.closed = true;
    this.worker.terminate();
    this.failAll(fail('state', GONE));
    this.events.clear();
  }
}
