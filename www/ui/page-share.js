// Share for the page's tabs whose sections have no Share button of their own (MNIST, draw):
// copies the link to the tab on show, with its settings. Where copying is refused (no clipboard
// permission, an insecure origin), the link is shown in a field, selected, to copy by hand.

import { el } from './controls.js';
import { copyText } from './tools.js';

export class PageShare {
  /**
   * @param {HTMLElement} container  where the button, its message and the fallback field go
   * @param {() => string | null} getLink  the link to share now (null while nothing is mounted)
   */
  constructor(container, getLink) {
    this.getLink = getLink;
    this.button = el('button', { type: 'button', class: 'ng-btn ng-page-share', title: 'Copy a link to this tab with its settings' });
    this.button.append(el('span', { class: 'ng-icon', ariaHidden: 'true', text: '\u2934' }), el('span', { class: 'ng-label', text: 'Share' }));
    this.message = el('span', { class: 'ng-page-share-msg', role: 'status' });
    this.field = el('input', { type: 'text', readOnly: true, class: 'ng-copy-field ng-page-share-link', ariaLabel: 'Link to this tab', spellcheck: false });
    this.field.hidden = true;
    this.button.addEventListener('click', () => this.share());
    container.append(this.button, this.message, this.field);
  }

  /** Shown or not (hidden on tabs whose section shares itself). */
  setVisible(on) {
    this.button.hidden = !on;
    this.field.hidden = true;
    this.message.textContent = '';
  }

  async share() {
    const link = this.getLink();
    if (!link) {
      this.message.textContent = 'Still loading: try again in a moment.';
      return;
    }
    this.field.value = link;
    if (await copyText(link)) {
      this.field.hidden = true;
      this.message.textContent = 'Link copied';
    } else {
      this.field.hidden = false;
      this.field.focus();
      this.field.select();
      this.message.textContent = 'Copy this link:';
    }
  }
}
