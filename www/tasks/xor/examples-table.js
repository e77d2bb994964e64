// The training examples as a small table, the current one highlighted, with what the network
// answers for each now (the core's predict).

import { fmt } from '../../core/format.js';
import { el } from '../../ui/controls.js';

export class ExamplesTable {
  constructor() {
    this.element = el('div', { class: 'ng-table-wrap' });
    this.rows = [];
  }

  setExamples({ inputs, targets }) {
    const th = (text, cls = '') => el('th', { scope: 'col', class: cls, text });
    const head = el('tr', {}, ...(inputs[0] ?? []).map((_, j) => th(`x${j + 1}`)));
    head.append(th((targets[0]?.length ?? 0) > 1 ? 'targets' : 'target', 'ng-target'), th('output now', 'ng-out'));
    this.rows = inputs.map((x, i) => {
      const out = el('td', { class: 'ng-out', text: '–' });
      const cells = [...x.map((v) => el('td', { text: fmt(v, 0) })), el('td', { class: 'ng-target', text: targets[i].map((v) => fmt(v, 0)).join(', ') }), out];
      return { tr: el('tr', {}, ...cells), out, input: x };
    });
    this.element.replaceChildren(el('table', { class: 'ng-examples' }, el('thead', {}, head), el('tbody', {}, ...this.rows.map((r) => r.tr))));
    this.current = -1;
    this.version = -1;
  }

  /** Highlights example `current` (−1: none); after the weights changed (`version`) asks `predict` anew. */
  update(current, version, predict) {
    if (current !== this.current) {
      this.rows[this.current]?.tr.classList.remove('ng-current');
      this.rows[this.current]?.tr.removeAttribute('aria-current');
      this.rows[current]?.tr.classList.add('ng-current');
      this.rows[current]?.tr.setAttribute('aria-current', 'true');
      this.current = current;
    }
    if (version === this.version) return;
    this.version = version;
    for (const r of this.rows) r.out.textContent = predict(r.input).map((v) => fmt(v, 3)).join(', ');
  }
}
