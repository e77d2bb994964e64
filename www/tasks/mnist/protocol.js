// The messages between the MNIST section (client.js) and its training worker (worker.js, session.js),
// unit-tested in Node (tests/unit/protocol.test.mjs). A request { type: one of REQUESTS, id, ...payload }
// gets exactly one reply: { type: 'reply', id, ok: true, value } or { type: 'reply', id, ok: false,
// error: { code, message, … } }, `code` being the core's or STOPPED (the page branches on codes, never
// on text). The worker has no message catalogue: an error the page shows may carry `i18n: { key,
// params }` (a param may itself be { key, params }), worded on the page in its language
// (display.js errorText); `message` stays English, for programmers. Reports (no id): EVENTS; a 'frame' is the core's frame snapshot with every buffer copied
// and transferred, plus playing, stepped, label, probe and samplesPerSecond. The page acknowledges
// each drawn frame ({ type: FRAME_ACK }), so frames never queue up.
// Should the worker's wasm module trap, the worker says so first ({ type: CRASHED, crash }, crash as
// core/crash.js describes it) and the page ends it (client.js); its later replies are not read.

export const REQUESTS = ['init', 'configure', 'play', 'pause', 'speed', 'train', 'step', 'evaluate', 'probeTest', 'testImages', 'predict', 'save', 'load'];
export const EVENTS = ['progress', 'frame', 'metrics', 'evaluation', 'epoch', 'diverged', 'error'];
export const FRAME_ACK = 'frameAck';
export const CRASHED = 'crashed';
/** A run of epochs ended early (paused, rebuilt, a model loaded, a new run, new data). */
export const STOPPED = 'stopped';
export const STEP_UNITS = ['phase', 'example', 'batch'];

/** An Error carrying a code (and the core's option/detail when it gave them). */
export function fail(code, message, more = {}) {
  return Object.assign(new Error(message), { code, ...more });
}

export const isStopped = (e) => e?.code === STOPPED;

/** An error as a reply carries it (structured-clone safe). */
export function errorData(e) {
  const out = { code: typeof e?.code === 'string' ? e.code : 'state', message: String(e?.message ?? e) };
  for (const k of ['option', 'detail', 'range', 'i18n']) if (e?.[k] !== undefined) out[k] = e[k];
  return out;
}

export const ok = (id, value) => ({ type: 'reply', id, ok: true, value });
export const failed = (id, e) => ({ type: 'reply', id, ok: false, error: errorData(e) });

/** The Error a failed reply stands for. */
export const toError = (data) => fail(data.code, data.message, data);

/** Buffers a reply value carries (itself or its own fields), to transfer instead of copy. */
export function transferables(value) {
  if (ArrayBuffer.isView(value)) return [value.buffer];
  return value && typeof value === 'object' ? Object.values(value).filter((v) => ArrayBuffer.isView(v)).map((v) => v.buffer) : [];
}

// Buffers only a step shows (δ, gradients, changes, the weights before): not sent while playing.
const STEP_ONLY = /^(z|delta|grad|change|before|strongGrad|strongChange)/;

/**
 * The 'frame' report for a core frame: its views into wasm memory copied (they are only valid
 * until the next call into wasm) and listed for transfer. Returns [message, transfer].
 */
export function frameMessage(frame, extra) {
  const buffers = {};
  for (const [name, view] of Object.entries(frame.buffers)) {
    if (!(extra.playing && STEP_ONLY.test(name))) buffers[name] = view.slice();
  }
  const msg = { type: 'frame', ...frame, ...extra, buffers };
  return [msg, Object.values(buffers).map((b) => b.buffer)];
}
