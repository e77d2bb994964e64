// A gallery of the test images the network gets wrong, each drawn from its pixels with the true
// label → the network's guess. Picking one shows the network thinking about it.

import { t } from '../../core/i18n.js';
import { COLOURS } from '../../render/theme.js';
import { esc } from './display.js';

const PAGE = 40;
const EMPTY = () => t('mnist.galleryEmpty');

export class Gallery {
  /** images(indices) → Promise<{ pixels, side }>: test images' pixels; onPick(index): one was picked. */
  constructor(wrap, images, onPick) {
    Object.assign(this, { wrap, images, cache: new Map(), items: [], filter: null, shown: PAGE, selected: -1, token: 0 });
    wrap.innerHTML = `<p class="mn-gallery-status">${esc(EMPTY())}</p><ul class="mn-gallery"></ul><button type="button" class="mn-btn mn-btn-quiet" hidden>${esc(t('mnist.showMoreMistakes'))}</button>`;
    [this.status, this.grid, this.more] = wrap.children;
    this.more.addEventListener('click', () => {
      this.shown += PAGE;
      this.render();
    });
    this.grid.addEventListener('click', (e) => {
      const b = e.target.closest('.mn-thumb');
      if (!b) return;
      this.selected = Number(b.dataset.index);
      for (const o of this.grid.querySelectorAll('.mn-thumb')) o.setAttribute('aria-pressed', String(o === b));
      onPick(this.selected);
    });
  }

  /** The test set changed (new data): forget cached pixels. */
  reset() {
    Object.assign(this, { items: [], filter: null, selected: -1, total: 0 });
    this.cache.clear();
    this.render();
  }

  update(ev) {
    const items = ev.mistakes.map((index, k) => ({ index, guess: ev.guesses[k], label: ev.mistakeLabels[k] }));
    Object.assign(this, { items, total: ev.count, wrong: ev.wrong });
    if (this.filter) this.filter = { ...this.filter, count: ev.confusion[this.filter.t * ev.classes + this.filter.g] };
    this.render();
  }

  setFilter(filter) {
    Object.assign(this, { filter, shown: PAGE });
    this.render();
  }

  describe(list, page) {
    const f = this.filter;
    if (this.items.length === 0) return this.total ? t('mnist.noMistakes') : EMPTY();
    if (f) {
      const all = Math.max(f.count ?? 0, list.length);
      const listed = all > list.length ? t('mnist.galleryAmongListed', { n: list.length }) : list.length > page.length ? t('mnist.galleryShowing', { n: page.length }) : '';
      return t('mnist.galleryFiltered', { all, t: String(f.t), g: String(f.g), listed });
    }
    const listed = this.items.length < this.wrong ? t('mnist.galleryFirstListed', { n: this.items.length }) : '';
    return t('mnist.galleryWrong', { wrong: this.wrong, total: this.total, listed });
  }

  async render() {
    const token = ++this.token;
    const f = this.filter;
    const list = f ? this.items.filter((it) => it.label === f.t && it.guess === f.g) : this.items;
    const page = list.slice(0, this.shown);
    this.status.textContent = this.describe(list, page);
    this.more.hidden = list.length <= page.length;
    const missing = page.map((it) => it.index).filter((i) => !this.cache.has(i));
    if (missing.length) {
      try {
        const got = await this.images(missing);
        const n = got.side * got.side;
        missing.forEach((i, k) => this.cache.set(i, { pixels: got.pixels.subarray(k * n, (k + 1) * n), side: got.side }));
      } catch {
        return; // the worker was replaced or destroyed; a later update redraws
      }
    }
    if (token !== this.token) return;
    const say = (key, it) => esc(t(key, { index: String(it.index + 1), label: String(it.label), guess: String(it.guess) }));
    this.grid.innerHTML = page.map((it) => `<li><button type="button" class="mn-thumb" data-index="${it.index}" aria-pressed="${it.index === this.selected}"
      aria-label="${say('mnist.thumbLabel', it)}"><canvas></canvas><span class="mn-thumb-cap" title="${say('mnist.thumbTitle', it)}"><span
      class="mn-true">${it.label}</span><span class="mn-arrow" aria-hidden="true">→</span><span class="mn-guess">${it.guess}</span></span></button></li>`).join('');
    this.grid.querySelectorAll('canvas').forEach((c, k) => {
      const img = this.cache.get(page[k].index);
      if (img) draw(c, img.pixels, img.side);
    });
  }
}

/** Draws 0..255 pixels (light ink on dark, as the network drawing's input) into a canvas of the image's own size. */
function draw(canvas, pixels, side) {
  Object.assign(canvas, { width: side, height: side });
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(side, side);
  const [off, on] = [COLOURS.pixelOff, COLOURS.pixelOn];
  for (let j = 0; j < side * side; j++) {
    const v = pixels[j] / 255;
    img.data.set([0, 1, 2].map((k) => off[k] + (on[k] - off[k]) * v).concat(255), 4 * j);
  }
  ctx.putImageData(img, 0, 0);
}
