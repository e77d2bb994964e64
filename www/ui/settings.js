// The settings panel: task, hidden layers, activation, learning rate, biases, seed. Applying
// rebuilds the network; a refused setting shows the core's message and keeps the network.

import { el } from './controls.js';
import { parseHidden } from '../core/session.js';

const TASKS = [
  ['xor3', '3-input XOR (the source)'],
  ['xor2', 'Classic XOR'],
];
const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'linear'];

function field(id, label, input, hint) {
  const f = el('div', { class: 'ng-field' }, el('label', { for: id, text: label }), input);
  if (hint) {
    const h = el('span', { class: 'ng-hint', id: `${id}-hint`, text: hint });
    input.setAttribute('aria-describedby', h.id);
    f.append(h);
  }
  return f;
}

export class SettingsPanel {
  /** @param apply(netOptions) rebuilds (throws with a message when refused) and returns info */
  constructor(id, current, apply) {
    this.apply = apply;
    this.task = el('select', { id: `${id}-task` });
    for (const [v, label] of TASKS) this.task.append(el('option', { value: v, text: label }));
    this.hidden = el('input', { type: 'text', id: `${id}-hidden`, inputMode: 'numeric', autocomplete: 'off', spellcheck: false });
    this.activation = el('select', { id: `${id}-activation` });
    for (const a of ACTIVATIONS) this.activation.append(el('option', { value: a, text: a }));
    this.rate = el('input', { type: 'number', id: `${id}-rate`, min: '0.001', max: '100', step: 'any' });
    this.bias = el('input', { type: 'checkbox', id: `${id}-bias` });
    this.seed = el('input', { type: 'number', id: `${id}-seed`, min: '0', step: '1' });
    this.applyBtn = el('button', { type: 'submit', class: 'ng-btn ng-primary', text: 'Apply' });
    this.message = el('p', { class: 'ng-message', role: 'status', ariaLive: 'polite' });

    this.form = el(
      'form',
      { class: 'ng-settings', noValidate: true },
      el(
        'div',
        { class: 'ng-grid' },
        field(`${id}-task`, 'Task', this.task),
        field(`${id}-hidden`, 'Hidden layers', this.hidden, 'neurons per layer, e.g. 4 or 4, 3'),
        field(`${id}-activation`, 'Activation', this.activation),
        field(`${id}-rate`, 'Learning rate', this.rate),
        field(`${id}-seed`, 'Seed', this.seed),
        el('div', { class: 'ng-field ng-check' }, this.bias, el('label', { for: `${id}-bias`, text: 'Biases' })),
      ),
      el('div', { class: 'ng-row' }, this.applyBtn, this.message),
    );
    this.task.addEventListener('change', () => {
      // Each task has its source's default for biases.
      this.bias.checked = this.task.value === 'xor2';
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.show(current);
  }

  /** Fills the form from the settings in use (the core's `info()`). */
  show(info) {
    this.task.value = info.task;
    this.hidden.value = info.sizes.slice(1, -1).join(', ');
    this.activation.value = ACTIVATIONS.includes(info.activations[0]) && info.sizes.length > 2 ? info.activations[0] : this.activation.value || 'sigmoid';
    this.rate.value = String(+info.learningRate.toPrecision(6));
    this.bias.checked = info.bias;
    this.seed.value = String(info.seed);
  }

  submit() {
    this.message.classList.remove('ng-bad', 'ng-good');
    this.message.removeAttribute('role');
    let info;
    try {
      const opts = {
        task: this.task.value,
        hidden: parseHidden(this.hidden.value),
        activation: this.activation.value,
        learningRate: this.number(this.rate, 'learning rate'),
        bias: this.bias.checked,
        seed: this.number(this.seed, 'seed'),
      };
      info = this.apply(opts);
    } catch (e) {
      this.fail(e.message);
      return;
    }
    this.show(info);
    this.message.setAttribute('role', 'status');
    this.message.classList.add('ng-good');
    this.message.textContent = `Applied: a ${info.sizes.join('-')} network with ${info.parameterCount} weights${info.bias ? ' and biases' : ''}.`;
  }

  fail(text) {
    this.message.setAttribute('role', 'alert');
    this.message.classList.add('ng-bad');
    this.message.textContent = `Not applied — ${text}. The current network is kept.`;
  }

  number(input, name) {
    const t = input.value.trim();
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) throw new Error(`${name}: "${input.value}" is not a number`);
    return n;
  }
}
