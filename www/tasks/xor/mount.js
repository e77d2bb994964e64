// mount(element, { task: 'xor3' | 'xor2', … }): the XOR playground (playground.js) on a network
// built in the main thread's wasm, from settings resolveSettings() has had the core check.

import { loadWasm } from '../../core/wasm.js';
import { Session } from '../../core/session.js';
import { networkOptions } from '../../core/config.js';
import { addStylesheet } from '../../ui/task-common.js';
import { XorPlayground } from './playground.js';
import { makeApi } from './api.js';

/** view for config.js TASKS.xor3/xor2 (neuroglow.js VIEWS). */
export async function mountXor(element, resolved) {
  addStylesheet(element.ownerDocument);
  const session = new Session(await loadWasm(), networkOptions(resolved.settings));
  return makeApi(new XorPlayground(element, session, resolved.settings, resolved.warnings));
}
