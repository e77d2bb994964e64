// The tools for course material: Share (a link), Embed (an <iframe> snippet), Record (a WebM
// video, or MP4 where the browser records no WebM), Save image (a PNG) and the palette. Buttons
// in the controls bar; what they make, in a box below.

import { el, button, setButton } from './controls.js';
import { PARTS, EMBED_PARTS } from '../core/config.js';
import { PALETTES } from '../render/theme.js';
import { t } from '../core/i18n.js';

/**
 * Copies `text`; where copying is refused (no permission, an insecure origin) it is left in
 * `field`, selected, to copy by hand, and `box` (if any) shows. Resolves with whether it was copied.
 */
export async function copyOrSelect(text, field, box = null) {
  field.value = text;
  let ok = true;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    ok = false;
  }
  if (box) box.hidden = ok;
  if (!ok) {
    field.focus();
    field.select();
  }
  return ok;
}

/** Parts an XOR embed can show (the Embed button itself makes little sense inside an embed). */
/** XOR's parts an embed can show, with their descriptions (read when shown: they are in the page's language). */
const embedChoices = () => Object.fromEntries(Object.entries(PARTS).filter(([p]) => p !== 'embed'));

export class Tools {
  /**
   * `h`: { link(), embedCode({ controls, width, height }), record(), image(), palette(name) };
   * `embed`: what the Embed panel offers, { choices: { part: doc }, defaults, title } (default: XOR's).
   */
  constructor(id, parts, h, palette, embed = {}) {
    this.id = id;
    this.h = h;
    this.embedOffer = { choices: embedChoices(), defaults: EMBED_PARTS, title: t('ui.embedTitle'), ...embed };
    this.items = [];
    const add = (part, make) => parts.has(part) && this.items.push(make());
    add('share', () => button(t('ui.share'), '⤴', { title: t('ui.shareTitle'), onClick: () => this.share() }));
    add('embed', () => (this.embedBtn = button(t('ui.embed'), '</>', { title: t('ui.embedButtonTitle'), ariaExpanded: 'false', onClick: () => this.toggleEmbed() })));
    add('record', () => (this.recordBtn = button(t('ui.record'), '●', { cls: 'ng-record', title: t('ui.recordTitle'), ariaPressed: 'false', onClick: () => h.record() })));
    add('image', () => button(t('ui.saveImage'), '▣', { title: t('ui.saveImageTitle'), onClick: () => h.image() }));
    add('palette', () => {
      const options = Object.entries(PALETTES).map(([name, p]) => new Option(p.label, name, false, name === palette));
      this.palette = el('select', { id: `${id}-palette`, class: 'ng-palette-select', onchange: () => h.palette(this.palette.value) }, ...options);
      return el('div', { class: 'ng-field ng-inline ng-palette' }, el('label', { for: `${id}-palette`, text: t('ui.colours') }), this.palette);
    });
    // The box below the controls: a message, and the link / embed code / download when asked.
    this.message = el('p', { class: 'ng-message', role: 'status', ariaLive: 'polite' });
    this.linkField = el('input', { type: 'text', id: `${id}-link`, readOnly: true, class: 'ng-copy-field', spellcheck: false });
    this.linkBox = el('div', { class: 'ng-field ng-linkbox', hidden: true }, el('label', { for: `${id}-link`, text: t('ui.linkLabel') }), this.linkField);
    this.download = el('a', { class: 'ng-btn ng-primary ng-download', hidden: true });
    const close = el('button', { type: 'button', class: 'ng-btn ng-close', ariaLabel: t('ui.close'), text: '×', onclick: () => this.close() });
    this.box = el('div', { class: 'ng-outbox', role: 'region', ariaLabel: t('ui.outboxLabel'), hidden: true }, close, this.message, this.linkBox, this.download);
  }

  /** Shows a note in the box (role=status). */
  say(text, kind = '') {
    this.message.textContent = text;
    this.message.className = `ng-message${kind ? ` ng-${kind}` : ''}`;
    this.box.hidden = false;
  }

  close() {
    this.box.hidden = this.linkBox.hidden = true;
    if (this.embedBox) this.embedBox.hidden = true;
    this.embedBtn?.setAttribute('aria-expanded', 'false');
    this.message.textContent = '';
  }

  async share() {
    this.close();
    this.box.hidden = false; // the link field must be visible to take focus
    const ok = await copyOrSelect(this.h.link(), this.linkField, this.linkBox);
    this.say(t(ok ? 'ui.linkCopied' : 'ui.copyByHandLink'), ok ? 'good' : '');
  }

  toggleEmbed() {
    const open = this.embedBox && !this.embedBox.hidden;
    this.close();
    if (open) return;
    this.embedBox ??= this.buildEmbed();
    this.embedBox.hidden = this.box.hidden = false;
    this.embedBtn.setAttribute('aria-expanded', 'true');
    this.updateEmbed();
    this.embedCode.focus();
    this.embedCode.select();
  }

  buildEmbed() {
    const id = this.id;
    const { choices, defaults, title } = this.embedOffer;
    const input = (name, props) => el('input', { id: `${id}-emb-${name}`, ...props, oninput: () => this.updateEmbed() });
    this.embedParts = Object.entries(choices).map(([name, doc]) => [name, input(name, { type: 'checkbox', checked: defaults.includes(name) }), doc]);
    const size = (name, value) => input(name, { type: 'number', min: '240', max: '2000', step: '10', value: String(value) });
    [this.embedW, this.embedH] = [size('width', 600), size('height', 400)];
    this.embedCode = el('textarea', { id: `${id}-emb-code`, class: 'ng-copy-field ng-embed-code', readOnly: true, rows: 4, spellcheck: false });
    const copy = el('button', { type: 'button', class: 'ng-btn ng-primary', text: t('ui.copyCode') });
    copy.addEventListener('click', async () => {
      const ok = await copyOrSelect(this.embedCode.value, this.embedCode);
      this.say(t(ok ? 'ui.embedCopied' : 'ui.copyByHandCode'), ok ? 'good' : '');
    });
    const labelled = (input, text) => el('div', { class: 'ng-field' }, el('label', { for: input.id, text }), input);
    const boxes = this.embedParts.map(([name, c, doc]) => el('div', { class: 'ng-check', title: doc }, c, el('label', { for: c.id, text: t(`part.${name}.name`) })));
    const box = el(
      'div',
      { class: 'ng-embedbox', hidden: true },
      el('h3', { class: 'ng-outbox-title', text: title }),
      ...(boxes.length ? [el('fieldset', { class: 'ng-parts' }, el('legend', { text: t('ui.embedShow') }), ...boxes)] : []),
      el('div', { class: 'ng-row' }, labelled(this.embedW, t('ui.embedWidth')), labelled(this.embedH, t('ui.embedHeight'))),
      labelled(this.embedCode, t('ui.embedPaste')),
      el('div', { class: 'ng-row' }, copy),
    );
    this.box.append(box);
    return box;
  }

  updateEmbed() {
    const controls = this.embedParts.filter(([, c]) => c.checked).map(([name]) => name);
    const size = (input, fallback) => {
      const n = Math.round(Number(input.value));
      return Number.isFinite(n) && n >= 100 && n <= 4000 ? n : fallback;
    };
    this.embedCode.value = this.h.embedCode({ controls, width: size(this.embedW, 600), height: size(this.embedH, 400) });
  }

  /** Record button look: recording or not. */
  setRecording(on) {
    if (!this.recordBtn) return;
    setButton(this.recordBtn, t(on ? 'ui.stopRecording' : 'ui.record'), on ? '■' : '●', on);
    this.recordBtn.setAttribute('aria-pressed', String(on));
  }

  /** Offers a finished recording for download. */
  offer(url, filename, text) {
    this.destroy();
    Object.assign(this.download, { href: url, download: filename, textContent: text, hidden: false });
    this.box.hidden = false;
  }

  setPalette(name) {
    if (this.palette) this.palette.value = name;
  }

  destroy() {
    if (this.download.href.startsWith('blob:')) URL.revokeObjectURL(this.download.href);
  }
}
