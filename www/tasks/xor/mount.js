// mount(element, { task: 'xor3' | 'xor2', … }): the XOR playground (playground.js) on a network
// built in the main thread's wasm. Settings from the URL that the core refuses become warnings.

import { loadWasm } from '../../core/wasm.js';
import { Session } from '../../core/session.js';
import { networkOptions, NETWORK_SETTINGS } from '../../core/config.js';
import { dropRefused, coreMessage, addStylesheet } from '../../ui/task-common.js';
import { XorPlayground } from './playground.js';

/** view for config.js TASKS.xor3/xor2 (neuroglow.js VIEWS). */
export async function mountXor(element, resolved) {
  addStylesheet(element.ownerDocument);
  const wasm = await loadWasm();
  const session = buildSession(wasm, resolved);
  return new XorPlayground(element, session, resolved.settings, resolved.warnings).api;
}

/**
 * The network for these settings. When the core refuses settings that came from the URL, each
 * is tried in turn and the refused ones are dropped with a warning (the core's own message);
 * refused mount() options throw.
 */
function buildSession(wasm, resolved) {
  dropRefused(resolved, NETWORK_SETTINGS, (s) => {
    try {
      new wasm.Playground(networkOptions(s)).free();
      return null;
    } catch (e) {
      return coreMessage(e);
    }
  });
  return new Session(wasm, networkOptions(resolved.settings));
}
