// Saving and loading models (.ngm files made by the core): download the current network, load
// a file, or fetch one of the pretrained models shipped with the page.

import { PRESETS } from './settings.js';
import { downloadBlob } from '../../ui/recorder.js';

let counter = 0;

export class ModelsPanel {
  /**
   * @param {HTMLElement} wrap
   * @param {{ save: () => Promise<void>, loadFile: (file: File) => Promise<string>,
   *   loadPretrained: (name: string) => Promise<string> }} actions  each resolves with a message
   */
  constructor(wrap, actions) {
    const p = `mn-models-${++counter}`;
    wrap.innerHTML = `
      <h3 class="mn-h">Models</h3>
      <div class="mn-row">
        <button type="button" class="mn-btn" data-act="save">Save model</button>
        <label class="mn-btn mn-file"><input type="file" accept=".ngm,application/octet-stream" data-act="load"><span>Load model</span></label>
      </div>
      <div class="mn-row">
        <label class="mn-field mn-inline"><span>Pretrained</span>
          <select id="${p}-which" aria-label="Pretrained">${Object.entries(PRESETS).map(([k, v]) => `<option value="${k}">${v.name}</option>`).join('')}</select>
        </label>
        <button type="button" class="mn-btn" data-act="pretrained">Load pretrained</button>
      </div>
      <p class="mn-msg" role="status" aria-live="polite" id="${p}-msg"></p>`;
    this.msg = wrap.querySelector(`#${p}-msg`);
    this.which = wrap.querySelector(`#${p}-which`);
    const file = wrap.querySelector('input[data-act="load"]');
    file.setAttribute('aria-label', 'Load model');
    const run = async (fn) => {
      this.say('Working…', false);
      try {
        this.say(await fn(), false);
      } catch (e) {
        this.say(e.message, true);
      }
    };
    wrap.querySelector('[data-act="save"]').addEventListener('click', () => run(actions.save));
    wrap.querySelector('[data-act="pretrained"]').addEventListener('click', () => run(() => actions.loadPretrained(this.which.value)));
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (f) run(() => actions.loadFile(f));
    });
  }

  say(text, isError) {
    this.msg.textContent = text;
    this.msg.classList.toggle('mn-error', !!isError);
    this.msg.setAttribute('role', isError ? 'alert' : 'status');
  }
}

/** Offers bytes as a file download. */
export function download(bytes, name) {
  downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), name);
}
