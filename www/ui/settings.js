// The settings panel: task, hidden layers, activation, loss, learning rate, batch size, biases,
// seed. Applying rebuilds the network; a refused setting shows the core's message and keeps the
// network.

import { el } from './controls.js';
import { parseHidden } from '../core/session.js';
import { TASKS as TASK_TABLE, ACTIVATIONS, defaultOf } from '../core/config.js';

const TASKS = Object.entries(TASK_TABLE).filter(([, t]) => t.view === 'xor').map(([name, t]) => [name, t.label]);
const LOSSES = [
  ['squared_error', 'squared error'],
  ['cross_entropy', 'cross-entropy'],
];

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
  /**
   * @param current  the settings in use (config.js resolveSettings)
   * @param apply(netOptions) rebuilds (throws with a message when refused) and returns info
   */
  constructor(id, current, apply) {
    this.apply = apply;
    this.task = el('select', { id: `${id}-task` });
    for (const [v, label] of TASKS) this.task.append(el('option', { value: v, text: label }));
    this.hidden = el('input', { type: 'text', id: `${id}-hidden`, inputMode: 'numeric', autocomplete: 'off', spellcheck: false });
    this.activation = el('select', { id: `${id}-activation` });
    for (const a of ACTIVATIONS) this.activation.append(el('option', { value: a, text: a }));
    this.loss = el('select', { id: `${id}-loss` });
    for (const [v, label] of LOSSES) this.loss.append(el('option', { value: v, text: label }));
    this.rate = el('input', { type: 'number', id: `${id}-rate`, min: '0.001', max: '100', step: 'any' });
    this.batch = el('input', { type: 'number', id: `${id}-batch`, min: '1', max: '1024', step: '1' });
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
        field(`${id}-loss`, 'Loss', this.loss),
        field(`${id}-rate`, 'Learning rate', this.rate),
        field(`${id}-batch`, 'Batch size', this.batch),
        field(`${id}-seed`, 'Seed', this.seed),
        el('div', { class: 'ng-field ng-check' }, this.bias, el('label', { for: `${id}-bias`, text: 'Biases' })),
      ),
      el('div', { class: 'ng-row' }, this.applyBtn, this.message),
    );
    this.task.addEventListener('change', () => {
      // Each task has its source's default for biases.
      this.bias.checked = defaultOf('bias', this.task.value);
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.show(current);
  }

  /** Fills the form from the settings in use. */
  show(settings) {
    this.task.value = settings.task;
    this.hidden.value = settings.hidden.join(', ');
    this.activation.value = settings.activation;
    this.loss.value = settings.loss;
    this.rate.value = String(+Number(settings.learningRate).toPrecision(6));
    this.batch.value = String(settings.batchSize);
    this.bias.checked = settings.bias;
    this.seed.value = String(settings.seed);
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
        loss: this.loss.value,
        learningRate: this.number(this.rate, 'learning rate'),
        batchSize: this.number(this.batch, 'batch size'),
        bias: this.bias.checked,
        seed: this.number(this.seed, 'seed'),
      };
      info = this.apply(opts);
    } catch (e) {
      this.fail(e.message);
      return;
    }
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
