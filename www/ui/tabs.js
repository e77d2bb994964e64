// An accessible tab list over existing markup (WAI-ARIA Authoring Practices "Tabs" with automatic
// activation): buttons with role="tab" and aria-controls naming their role="tabpanel". Arrow
// keys, Home and End move between tabs; the selected one alone is in the Tab order.

export class Tabs {
  /** `list`: the role="tablist" element; `onSelect(name, how: 'user' | 'api')` runs after tab `name` (its data-tab) shows. */
  constructor(list, onSelect) {
    this.onSelect = onSelect;
    this.tabs = [...list.querySelectorAll('[role="tab"]')];
    this.selected = null;
    for (const tab of this.tabs) tab.addEventListener('click', () => this.select(tab.dataset.tab, 'user'));
    list.addEventListener('keydown', (e) => {
      const i = this.tabs.indexOf(e.target);
      const n = this.tabs.length;
      const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
      if (i < 0 || e.altKey || e.ctrlKey || e.metaKey || to === undefined) return;
      e.preventDefault();
      this.tabs[to].focus();
      this.select(this.tabs[to].dataset.tab, 'user');
    });
  }

  /** Shows the tab named `name` (its data-tab) and hides the others. */
  select(name, how = 'api') {
    if (!this.tabs.some((t) => t.dataset.tab === name)) throw new Error(`no tab "${name}"`);
    if (this.selected === name) return;
    for (const t of this.tabs) {
      const on = t.dataset.tab === name;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      t.ownerDocument.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    }
    this.selected = name;
    this.onSelect(name, how);
  }
}
