// Share and Embed for the page's tabs whose sections have no such buttons of their own (MNIST,
// draw). Share copies the link to the tab on show, with its settings; where copying is refused
// (no clipboard permission, an insecure origin), the link is shown in a field, selected, to copy
// by hand. Embed opens XOR's Embed panel (tools.js), offering the tab's own parts, for an
// <iframe> snippet of the tab in the compact layout (the playground's embedCode()).

import { el } from './controls.js';
import { copyText, Tools } from './tools.js';
import { TASKS, defaultOf } from '../core/config.js';

export class PageShare {
  /**
   * @param {HTMLElement} container  where the buttons, Share's message and link field go
   * @param {() => { link(): string, embedCode(options?: object): string } | null} getPlayground
   *   the playground on show (null while nothing is mounted)
   * @param {HTMLElement} [boxes]  where Embed's panel goes (default: `container`)
   */
  constructor(container, getPlayground, boxes = container) {
    this.boxes = boxes;
    this.getPlayground = getPlayground;
    this.button = el('button', { type: 'button', class: 'ng-btn ng-page-share', title: 'Copy a link to this tab with its settings' });
    this.button.append(el('span', { class: 'ng-icon', ariaHidden: 'true', text: '\u2934' }), el('span', { class: 'ng-label', text: 'Share' }));
    this.message = el('span', { class: 'ng-page-share-msg', role: 'status' });
    this.field = el('input', { type: 'text', readOnly: true, class: 'ng-copy-field ng-page-share-link', ariaLabel: 'Link to this tab', spellcheck: false });
    this.field.hidden = true;
    this.button.addEventListener('click', () => this.share());
    this.embeds = new Map(); // task → its Embed button and panel (Tools), made when first shown
    this.task = null;
    container.append(this.button, this.message, this.field);
  }

  /** The buttons for `task` (null: none, for tabs whose section shares itself). */
  show(task) {
    this.task = task;
    this.button.hidden = !task;
    this.field.hidden = true;
    this.message.textContent = '';
    if (task && !this.embeds.has(task)) this.embeds.set(task, this.makeEmbed(task));
    for (const [t, tools] of this.embeds) {
      tools.embedBtn.hidden = t !== task;
      if (t !== task) tools.close();
    }
  }

  makeEmbed(task) {
    const choices = TASKS[task].parts ?? {}; // MNIST has none: only the size to choose
    const tools = new Tools(
      `ng-page-${task}`,
      new Set(['embed']),
      {
        embedCode: (opts) => {
          const pg = this.getPlayground();
          if (!pg) return 'Still loading: try again in a moment.';
          return pg.embedCode(Object.keys(choices).length ? opts : { width: opts.width, height: opts.height });
        },
      },
      null,
      { choices, defaults: Object.keys(choices).length ? defaultOf('controls', task, true) : [], title: 'Embed this tab in a page' },
    );
    tools.embedBtn.classList.add('ng-page-embed');
    tools.embedBtn.addEventListener('click', () => {
      this.field.hidden = true;
      this.message.textContent = '';
    });
    this.button.after(tools.embedBtn);
    this.boxes.append(tools.box);
    return tools;
  }

  async share() {
    const link = this.getPlayground()?.link();
    if (!link) {
      this.message.textContent = 'Still loading: try again in a moment.';
      return;
    }
    this.embeds.get(this.task)?.close();
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
