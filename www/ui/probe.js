// "New situation": type an input the network never saw and watch it think about it.

import { el } from './controls.js';
import { fixed } from '../core/format.js';
import { t } from '../core/i18n.js';
import { coreWords } from '../core/config.js';

/** Reads "1, 1, 0" into numbers; the core checks the count and the values. */
function parseInput(text) {
  const parts = String(text).trim().split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) throw new Error(t('ui.probeEmpty'));
  const bad = parts.find((p) => !Number.isFinite(Number(p)));
  if (bad !== undefined) throw new Error(t('ui.probeNotNumber', { text: bad }));
  return parts.map(Number);
}

export class ProbePanel {
  /** @param think(values) → Promise<outputs> (throws with a message for a bad input) */
  constructor(id, think, defaultInput) {
    this.think = think;
    this.input = el('input', { type: 'text', id: `${id}-probe`, value: defaultInput, autocomplete: 'off', spellcheck: false });
    this.output = el('output', { class: 'ng-probe-out', htmlFor: `${id}-probe`, text: '' });
    this.message = el('p', { class: 'ng-message' });
    this.form = el(
      'form',
      { class: 'ng-probe', noValidate: true },
      el('div', { class: 'ng-field' }, el('label', { for: `${id}-probe`, text: t('ui.probeLabel') }), el('div', { class: 'ng-row' }, this.input, el('button', { type: 'submit', class: 'ng-btn ng-primary', text: t('ui.probeThink') }))),
      el('div', { class: 'ng-probe-result' }, el('span', { class: 'ng-probe-label', text: t('ui.probeAnswers') }), this.output),
      el('p', { class: 'ng-hint', text: t('ui.probeHint') }),
      this.message,
    );
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  setDefault(text) {
    this.asked = null;
    this.input.value = text;
    this.output.textContent = '';
    this.say('');
  }

  /** Shows an answer the network gave (also when a script asked, through the API). */
  show(values, outputs) {
    this.say('');
    this.asked = Array.from(values);
    this.input.value = this.asked.join(', ');
    this.output.textContent = outputs.map((v) => fixed(v, 3)).join(t('ui.listSeparator'));
  }

  /** A think that was interrupted (by a step, training, a reset): the answer of the network as it is now. */
  answerNow(values, predict) {
    [this.asked, this.version, this.output.textContent] = [Array.from(values), undefined, ''];
    this.update(undefined, predict);
  }

  /** After the weights changed (`version`), the answer shown is the network's answer now, not a stale one. */
  update(version, predict) {
    if (version === this.version && version !== undefined) return;
    if (!this.asked || this.output.textContent === '…') return; // (a think is running: it shows its own answer)
    this.version = version;
    try {
      this.output.textContent = Array.from(predict(this.asked), (v) => fixed(v, 3)).join(t('ui.listSeparator'));
    } catch {
      [this.asked, this.output.textContent] = [null, '']; // (a network with other inputs)
    }
  }

  /** A message under the form: an alert when `bad`, else cleared. */
  say(text, bad = false) {
    this.message.textContent = text;
    this.message.classList.toggle('ng-bad', bad);
    if (bad) this.message.setAttribute('role', 'alert');
    else this.message.removeAttribute('role');
  }

  async submit() {
    this.say('');
    try {
      const values = parseInput(this.input.value);
      this.output.textContent = '…';
      await this.think(values); // the playground shows the answer (show(), or answerNow() when interrupted)
      if (this.output.textContent === '…') this.output.textContent = '';
    } catch (e) {
      this.output.textContent = '';
      this.say(t('ui.probeFailed', { reason: coreWords(e) }), true);
    }
  }
}
