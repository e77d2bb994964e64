// XOR's settings panel: the task and the network options people change most, as fields made
// from the core's schema. Applying rebuilds the network; a refused setting shows the core's
// message and keeps the network.

import { el } from './controls.js';
import { TASKS, coreWords, defaultOf } from '../core/config.js';
import { NetworkFields, taskLabel } from './network-fields.js';
import { t } from '../core/i18n.js';
import { fmtInt } from '../core/format.js';

const FIELDS = ['hidden', 'activation', 'loss', 'learningRate', 'batchSize', 'seed', 'bias'];

export class SettingsPanel {
  /**
   * @param current  the settings in use (config.js resolveSettings)
   * @param apply(options) rebuilds (throws with a message when refused) and returns info
   */
  constructor(id, current, apply) {
    this.apply = apply;
    this.task = el('select', { id: `${id}-task` });
    for (const [name, task] of Object.entries(TASKS)) if (task.view === 'xor') this.task.append(el('option', { value: name, text: taskLabel(name) }));
    this.fields = new NetworkFields(id, FIELDS, 'ng');
    this.message = el('p', { class: 'ng-message', role: 'status', ariaLive: 'polite' });
    const taskField = el('div', { class: 'ng-field' }, el('label', { for: this.task.id, text: t('ui.settingsTask') }), this.task);
    this.form = el(
      'form',
      { class: 'ng-settings', noValidate: true },
      el('div', { class: 'ng-grid' }, taskField, ...this.fields.fields),
      el('div', { class: 'ng-row' }, el('button', { type: 'submit', class: 'ng-btn ng-primary', text: t('ui.settingsApply') }), this.message),
    );
    // Each task has its source's default for biases.
    this.task.addEventListener('change', () => this.fields.fill({ bias: defaultOf('bias', this.task.value) }));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.show(current);
  }

  /** Fills the form from the settings in use. */
  show(settings) {
    this.task.value = settings.task;
    this.fields.fill(settings);
  }

  submit() {
    this.message.classList.remove('ng-bad', 'ng-good');
    let info;
    try {
      info = this.apply({ task: this.task.value, ...this.fields.read() });
    } catch (e) {
      this.message.setAttribute('role', 'alert');
      this.message.classList.add('ng-bad');
      this.message.textContent = t('ui.settingsNotApplied', { reason: coreWords(e) });
      return;
    }
    this.message.setAttribute('role', 'status');
    this.message.classList.add('ng-good');
    this.message.textContent = t(info.bias ? 'ui.settingsAppliedBiases' : 'ui.settingsApplied', { sizes: info.sizes.join('-'), count: fmtInt(info.parameterCount) });
  }
}
