// "New situation": type an input the network never saw and watch it think about it.

import { el } from './controls.js';
import { parseInput } from '../core/session.js';
import { fixed } from '../core/format.js';

export class ProbePanel {
  /** @param think(values) → Promise<outputs> (throws with a message for a bad input) */
  constructor(id, think, defaultInput) {
    this.think = think;
    this.input = el('input', { type: 'text', id: `${id}-probe`, value: defaultInput, autocomplete: 'off', spellcheck: false });
    this.btn = el('button', { type: 'submit', class: 'ng-btn ng-primary', text: 'Think' });
    this.output = el('output', { class: 'ng-probe-out', htmlFor: `${id}-probe`, text: '' });
    this.message = el('p', { class: 'ng-message' });
    this.form = el(
      'form',
      { class: 'ng-probe', noValidate: true },
      el('div', { class: 'ng-field' }, el('label', { for: `${id}-probe`, text: 'New situation' }), el('div', { class: 'ng-row' }, this.input, this.btn)),
      el('div', { class: 'ng-probe-result' }, el('span', { class: 'ng-probe-label', text: 'The network answers' }), this.output),
      el('p', { class: 'ng-hint', text: 'An input the network never saw. Think shows it passing forward, layer by layer (nothing is learned).' }),
      this.message,
    );
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  setDefault(text) {
    this.input.value = text;
    this.output.textContent = '';
    this.clearMessage();
  }

  /** Shows an answer the network gave (also when a script asked, through the API). */
  show(values, outputs) {
    this.clearMessage();
    this.input.value = Array.from(values).join(', ');
    this.output.textContent = outputs.map((v) => fixed(v, 3)).join(', ');
  }

  clearMessage() {
    this.message.textContent = '';
    this.message.removeAttribute('role');
    this.message.classList.remove('ng-bad');
  }

  async submit() {
    this.clearMessage();
    let values;
    try {
      values = parseInput(this.input.value);
      this.output.textContent = '…';
      await this.think(values); // the playground shows the answer (show()) unless interrupted
      if (this.output.textContent === '…') this.output.textContent = '';
    } catch (e) {
      this.output.textContent = '';
      this.message.setAttribute('role', 'alert');
      this.message.classList.add('ng-bad');
      this.message.textContent = `Can\u2019t think about that: ${e.message}.`;
    }
  }
}
