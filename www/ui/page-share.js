// Share and Embed in the tab bar, for the tabs whose sections have none of their own (MNIST, draw):
// Share copies a link to the tab on show; Embed opens tools.js's Embed panel with the tab's parts.

import { el, button } from './controls.js';
import { copyOrSelect, Tools } from './tools.js';
import { TASKS, defaultOf } from '../core/config.js';
import { t } from '../core/i18n.js';

export class PageShare {
  /** `getPlayground()`: the playground on show (null while none is mounted); `boxes`: where Embed's panel goes. */
  constructor(container, getPlayground, boxes = container) {
    this.boxes = boxes;
    this.getPlayground = getPlayground;
    this.button = button(t('ui.share'), '\u2934', { cls: 'ng-page-share', title: t('page.shareTitle'), onClick: () => this.share() });
    this.message = el('span', { class: 'ng-page-share-msg', role: 'status' });
    this.field = el('input', { type: 'text', readOnly: true, hidden: true, class: 'ng-copy-field ng-page-share-link', ariaLabel: t('page.shareLink'), spellcheck: false });
    this.embeds = new Map(); // task → its Embed button and panel (Tools), made when first shown
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
    const choices = TASKS[task].parts ?? {}; // MNIST has none (its controls are []): only the size to choose
    const embedCode = (opts) => this.getPlayground()?.embedCode(opts) ?? t('page.stillLoading');
    const tools = new Tools(`ng-page-${task}`, new Set(['embed']), { embedCode }, null, {
      choices,
      defaults: Object.keys(choices).length ? defaultOf('controls', task, true) : [],
      title: t('page.embedTitle'),
    });
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
    this.embeds.get(this.task)?.close();
    if (!link) this.message.textContent = t('page.stillLoading');
    else this.message.textContent = (await copyOrSelect(link, this.field, this.field)) ? t('page.linkCopied') : t('page.copyThisLink');
  }
}
