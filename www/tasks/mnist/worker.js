// The MNIST training worker: its own instance of the wasm core, so training at full speed never
// blocks the page. Everything it does is the Session's (session.js); the messages are protocol.js's.
// Should its wasm module trap, the worker tells the page at once (CRASHED; the page then ends this
// worker and offers a new one).

import { Session } from './session.js';
import { onWasmCrash } from '../../core/wasm.js';
import { CRASHED } from './protocol.js';

const post = (msg, transfer = []) => self.postMessage(msg, transfer);
const session = new Session(post);
let crashed = false;
// Runs inside the call that found the trap, so this goes before any reply about that call.
onWasmCrash((crash) => {
  crashed = true;
  post({ type: CRASHED, crash });
});
// After that the Session's own calls keep failing (code 'crashed'): the page was told once.
for (const type of ['error', 'unhandledrejection']) self.addEventListener(type, (e) => crashed && e.preventDefault());
self.onmessage = ({ data }) => session.receive(data);
