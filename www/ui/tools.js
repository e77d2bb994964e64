// The tools for course material: Share (a link to these exact settings), Embed (an <iframe>
// snippet), Record (a WebM video of the canvas), Save image (a PNG) and the colour palette.
// The buttons sit in the controls bar; what they produce shows in a box below it.

import { el } from './controls.js';
import { PARTS, EMBED_PARTS } from '../core/config.js';
import { PALETTES } from '../render/palette.js';

function button(label, icon, cls = '') {
  const b = el('button', { type: 'button', class: `ng-btn ${cls}` });
  b.append(el('span', { class: 'ng-icon', ariaHidden: 'true', text: icon }), el('span', { class: 'ng-label', text: label }));
  return b;
}

/** Copies with the async Clipboard API; false when it is missing or refused. */
export async function copyText(text) {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Parts an XOR embed can show (the Embed button itself makes little sense inside an embed). */
const EMBED_CHOICES = Object.fromEntries(Object.entries(PARTS).filter(([p]) => p !== 'embed'));

export class Tools {
  /**
   * @param id        unique prefix for element ids
   * @param parts     the parts shown (share, embed, record, image, palette)
   * @param handlers  { link(): string, embedCode({ controls, width, height }): string,
   *                    record(): void (start or stop), image(): Promise, palette(name) }
   * @param palette   the palette in use
   * @param embed     what the Embed panel offers: { choices: { part: description } (the parts
   *                  to tick), defaults: the parts ticked at first, title } (default: XOR's)
   */
  constructor(id, parts, handlers, palette, embed = {}) {
    this.id = id;
    this.h = handlers;
    this.embedOffer = { choices: EMBED_CHOICES, defaults: EMBED_PARTS, title: 'Embed this playground in a page', ...embed };
    this.items = [];
    this.copied = 0;
    if (parts.has('share')) {
      this.shareBtn = button('Share', '⤴');
      this.shareBtn.title = 'Copy a link to this playground with these settings';
      this.shareBtn.addEventListener('click', () => this.share());
      this.items.push(this.shareBtn);
    }
    if (parts.has('embed')) {
      this.embedBtn = button('Embed', '</>');
      this.embedBtn.title = 'Get an <iframe> snippet for a course page';
      this.embedBtn.setAttribute('aria-expanded', 'false');
      this.embedBtn.addEventListener('click', () => this.toggleEmbed());
      this.items.push(this.embedBtn);
    }
    if (parts.has('record')) {
      this.recordBtn = button('Record', '●', 'ng-record');
      this.recordBtn.title = 'Record the network learning as a WebM video (plays with the schedule)';
      this.recordBtn.setAttribute('aria-pressed', 'false');
      this.recordBtn.addEventListener('click', () => handlers.record());
      this.items.push(this.recordBtn);
    }
    if (parts.has('image')) {
      this.imageBtn = button('Save image', '▣');
      this.imageBtn.title = 'Save the current frame as a PNG';
      this.imageBtn.addEventListener('click', () => handlers.image());
      this.items.push(this.imageBtn);
    }
    if (parts.has('palette')) {
      this.palette = el('select', { id: `${id}-palette`, class: 'ng-palette-select' });
      for (const [name, p] of Object.entries(PALETTES)) this.palette.append(el('option', { value: name, text: p.label }));
      this.palette.value = palette;
      this.palette.addEventListener('change', () => handlers.palette(this.palette.value));
      this.items.push(el('div', { class: 'ng-field ng-inline ng-palette' }, el('label', { for: `${id}-palette`, text: 'Colours' }), this.palette));
    }

    // The box below the controls: a message, and the link / embed code / download when asked.
    this.message = el('p', { class: 'ng-message', role: 'status', ariaLive: 'polite' });
    this.linkField = el('input', { type: 'text', id: `${id}-link`, readOnly: true, class: 'ng-copy-field', spellcheck: false });
    this.linkBox = el(
      'div',
      { class: 'ng-field ng-linkbox' },
      el('label', { for: `${id}-link`, text: 'Link to these settings' }),
      this.linkField,
    );
    this.linkBox.hidden = true;
    this.download = el('a', { class: 'ng-btn ng-primary ng-download' });
    this.download.hidden = true;
    this.embedBox = null;
    this.closeBtn = el('button', { type: 'button', class: 'ng-btn ng-close', ariaLabel: 'Close', text: '×' });
    this.closeBtn.addEventListener('click', () => this.close());
    this.box = el('div', { class: 'ng-outbox', role: 'region', ariaLabel: 'Share, embed and recordings' }, this.closeBtn, this.message, this.linkBox, this.download);
    this.box.hidden = true;
  }

  /** Shows a note in the box (role=status). */
  say(text, kind = '') {
    this.message.textContent = text;
    this.message.className = `ng-message${kind ? ` ng-${kind}` : ''}`;
    this.box.hidden = false;
  }

  close() {
    this.box.hidden = true;
    this.linkBox.hidden = true;
    if (this.embedBox) {
      this.embedBox.hidden = true;
      this.embedBtn?.setAttribute('aria-expanded', 'false');
    }
    this.message.textContent = '';
  }

  async share() {
    const link = this.h.link();
    this.linkField.value = link;
    if (this.embedBox) {
      this.embedBox.hidden = true;
      this.embedBtn?.setAttribute('aria-expanded', 'false');
    }
    const ok = await copyText(link);
    if (ok) {
      this.linkBox.hidden = true;
      this.say('Link copied', 'good');
    } else {
      this.linkBox.hidden = false;
      this.say('Copying is not allowed here: the link is selected below, copy it with Ctrl+C (\u2318C on a Mac).');
      this.linkField.focus();
      this.linkField.select();
    }
  }

  toggleEmbed() {
    if (this.embedBox && !this.embedBox.hidden) {
      this.close();
      return;
    }
    if (!this.embedBox) this.buildEmbed();
    this.linkBox.hidden = true;
    this.message.textContent = '';
    this.embedBox.hidden = false;
    this.box.hidden = false;
    this.embedBtn.setAttribute('aria-expanded', 'true');
    this.updateEmbed();
    this.embedCode.focus();
    this.embedCode.select();
  }

  buildEmbed() {
    const id = this.id;
    this.embedParts = new Map();
    const { choices, defaults, title } = this.embedOffer;
    const boxes = Object.entries(choices).map(([name, doc]) => {
      const c = el('input', { type: 'checkbox', id: `${id}-emb-${name}`, checked: defaults.includes(name) });
      c.addEventListener('change', () => this.updateEmbed());
      this.embedParts.set(name, c);
      return el('div', { class: 'ng-check', title: doc }, c, el('label', { for: c.id, text: name }));
    });
    const num = (name, value) => {
      const i = el('input', { type: 'number', id: `${id}-emb-${name}`, min: '240', max: '2000', step: '10', value: String(value) });
      i.addEventListener('input', () => this.updateEmbed());
      return i;
    };
    this.embedW = num('width', 600);
    this.embedH = num('height', 400);
    this.embedCode = el('textarea', { id: `${id}-emb-code`, class: 'ng-copy-field ng-embed-code', readOnly: true, rows: 4, spellcheck: false });
    const copy = el('button', { type: 'button', class: 'ng-btn ng-primary', text: 'Copy code' });
    copy.addEventListener('click', async () => {
      if (await copyText(this.embedCode.value)) this.say('Embed code copied', 'good');
      else {
        this.embedCode.focus();
        this.embedCode.select();
        this.say('Copying is not allowed here: the code is selected, copy it with Ctrl+C (\u2318C on a Mac).');
      }
    });
    this.embedBox = el(
      'div',
      { class: 'ng-embedbox' },
      el('h3', { class: 'ng-outbox-title', text: title }),
      ...(boxes.length ? [el('fieldset', { class: 'ng-parts' }, el('legend', { text: 'Show in the embed' }), ...boxes)] : []),
      el(
        'div',
        { class: 'ng-row' },
        el('div', { class: 'ng-field' }, el('label', { for: this.embedW.id, text: 'Width' }), this.embedW),
        el('div', { class: 'ng-field' }, el('label', { for: this.embedH.id, text: 'Height' }), this.embedH),
      ),
      el('div', { class: 'ng-field' }, el('label', { for: this.embedCode.id, text: 'Paste this into your page' }), this.embedCode),
      el('div', { class: 'ng-row' }, copy),
    );
    this.embedBox.hidden = true;
    this.box.append(this.embedBox);
  }

  updateEmbed() {
    const controls = [...this.embedParts].filter(([, c]) => c.checked).map(([name]) => name);
    const size = (input, fallback) => {
      const n = Math.round(Number(input.value));
      return Number.isFinite(n) && n >= 100 && n <= 4000 ? n : fallback;
    };
    this.embedCode.value = this.h.embedCode({ controls, width: size(this.embedW, 600), height: size(this.embedH, 400) });
  }

  /** Record button look: recording or not. */
  setRecording(on) {
    if (!this.recordBtn) return;
    this.recordBtn.classList.toggle('ng-on', on);
    this.recordBtn.setAttribute('aria-pressed', String(on));
    this.recordBtn.querySelector('.ng-label').textContent = on ? 'Stop recording' : 'Record';
    this.recordBtn.querySelector('.ng-icon').textContent = on ? '■' : '●';
  }

  /** Offers a finished recording for download. */
  offer(url, filename, text) {
    if (this.download.dataset.url) URL.revokeObjectURL(this.download.dataset.url);
    this.download.href = url;
    this.download.download = filename;
    this.download.dataset.url = url;
    this.download.textContent = text;
    this.download.hidden = false;
    this.box.hidden = false;
  }

  setPalette(name) {
    if (this.palette) this.palette.value = name;
  }

  destroy() {
    if (this.download.dataset.url) URL.revokeObjectURL(this.download.dataset.url);
  }
}
