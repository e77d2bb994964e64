// The MNIST training worker: its own instance of the wasm core, so training at full speed never
// blocks the page. Everything it does is the Session's (session.js); the messages are protocol.js's.

import { Session } from './session.js';

const session = new Session((msg, transfer = []) => self.postMessage(msg, transfer));
self.onmessage = ({ data }) => session.receive(data);
