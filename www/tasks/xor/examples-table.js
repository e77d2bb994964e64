// The training examples as a small table, the current one highlighted, with what the network
// answers for each now (from the core's predict).

import { fmt } from '../../core/format.js';
import { el } from '../../ui/controls.js';

export class ExamplesTable {
  constructor() {
    this.element = el('div', { class: 'ng-table-wrap' });
    this.rows = [];
    this.current = -1;
  }

  setExamples(examples) {
    const n = examples.inputs[0]?.length ?? 0;
    const m = examples.targets[0]?.length ?? 0;
    const table = el('table', { class: 'ng-examples' });
    const head = el('tr');
    for (let j = 0; j < n; j++) head.append(el('th', { scope: 'col', text: `x${j + 1}` }));
    head.append(el('th', { scope: 'col', class: 'ng-target', text: m > 1 ? 'targets' : 'target' }));
    head.append(el('th', { scope: 'col', class: 'ng-out', text: 'output now' }));
    table.append(el('thead', {}, head));
    const body = el('tbody');
    this.rows = examples.inputs.map((x, i) => {
      const tr = el('tr');
      for (const v of x) tr.append(el('td', { text: fmt(v, 0) }));
      tr.append(el('td', { class: 'ng-target', text: examples.targets[i].map((v) => fmt(v, 0)).join(', ') }));
      const out = el('td', { class: 'ng-out', text: '–' });
      tr.append(out);
      body.append(tr);
      return { tr, out, input: x };
    });
    table.append(body);
    this.element.replaceChildren(table);
    this.current = -1;
    this.version = -1;
  }

  /** @param current  index of the example being shown, or -1 */
  update(current, version, predict) {
    if (current !== this.current) {
      this.rows[this.current]?.tr.classList.remove('ng-current');
      this.rows[this.current]?.tr.removeAttribute('aria-current');
      this.rows[current]?.tr.classList.add('ng-current');
      this.rows[current]?.tr.setAttribute('aria-current', 'true');
      this.current = current;
    }
    if (version !== this.version) {
      this.version = version;
      for (const r of this.rows) r.out.textContent = predict(r.input).map((v) => fmt(v, 3)).join(', ');
    }
  }
}
