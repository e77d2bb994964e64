// A gallery of test images the network gets wrong, each drawn from its pixels with the
// network's guess and the true label. Picking one shows the network thinking about it.

const PAGE = 40;

export class Gallery {
  /**
   * @param {HTMLElement} wrap
   * @param {{ testImages: (indices: number[]) => Promise<{pixels: Uint8Array, labels: Uint16Array, side: number}> }} source
   * @param {(index: number, label: number, guess: number) => void} onPick
   */
  constructor(wrap, source, onPick) {
    this.wrap = wrap;
    this.source = source;
    this.onPick = onPick;
    this.cache = new Map();
    this.items = [];
    this.filter = null;
    this.shown = PAGE;
    this.selected = -1;
    this.token = 0;
    this.grid = document.createElement('ul');
    this.grid.className = 'mn-gallery';
    this.status = document.createElement('p');
    this.status.className = 'mn-gallery-status';
    this.more = document.createElement('button');
    this.more.type = 'button';
    this.more.className = 'mn-btn mn-btn-quiet';
    this.more.textContent = 'Show more mistakes';
    this.more.hidden = true;
    this.more.addEventListener('click', () => {
      this.shown += PAGE;
      this.render();
    });
    wrap.append(this.status, this.grid, this.more);
    this.status.textContent = 'Evaluate the network on the test images to see what it gets wrong.';
  }

  destroy() {
    this.token++;
    this.wrap.replaceChildren();
  }

  /** The test set changed (new data): forget cached pixels. */
  reset() {
    this.cache.clear();
    this.items = [];
    this.filter = null;
    this.selected = -1;
    this.render();
  }

  update(ev) {
    this.items = ev.mistakes.map((index, k) => ({ index, guess: ev.guesses[k], label: ev.mistakeLabels[k] }));
    this.total = ev.count;
    this.wrong = ev.wrong;
    if (this.filter) this.filter = { ...this.filter, count: ev.confusion[this.filter.t * ev.classes + this.filter.g] };
    this.render();
  }

  setFilter(filter) {
    this.filter = filter;
    this.shown = PAGE;
    this.render();
  }

  matching() {
    const f = this.filter;
    return f ? this.items.filter((it) => it.label === f.t && it.guess === f.g) : this.items;
  }

  async render() {
    const token = ++this.token;
    const list = this.matching();
    const page = list.slice(0, this.shown);
    const f = this.filter;
    if (this.items.length === 0) {
      this.status.textContent = this.total ? 'No mistakes on the test images.' : 'Evaluate the network on the test images to see what it gets wrong.';
    } else if (f) {
      const all = Math.max(f.count ?? 0, list.length);
      const listed = all > list.length ? ` (${list.length} of them are among the mistakes listed)` : list.length > page.length ? ` (showing ${page.length})` : '';
      this.status.textContent = `${all} test image${all === 1 ? '' : 's'} of a ${f.t} taken for a ${f.g}${listed}. Pick the cell again to show all mistakes.`;
    } else {
      const listed = this.items.length < this.wrong ? ` (the first ${this.items.length} are listed)` : '';
      this.status.textContent = `The network gets ${this.wrong.toLocaleString('en-US')} of ${this.total.toLocaleString('en-US')} test images wrong${listed}. Each shows the true digit → the network’s guess; pick one to watch it think.`;
    }
    this.more.hidden = list.length <= page.length;
    const missing = page.map((it) => it.index).filter((i) => !this.cache.has(i));
    if (missing.length) {
      try {
        const got = await this.source.testImages(missing);
        const n = got.side * got.side;
        missing.forEach((i, k) => this.cache.set(i, { pixels: got.pixels.subarray(k * n, (k + 1) * n), side: got.side }));
      } catch {
        return; // the worker was replaced or destroyed; a later update redraws
      }
    }
    if (token !== this.token) return;
    const frag = document.createDocumentFragment();
    for (const it of page) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'mn-thumb';
      b.dataset.index = String(it.index);
      b.setAttribute('aria-label', `Test image ${it.index + 1}: a ${it.label}, the network guessed ${it.guess}`);
      b.setAttribute('aria-pressed', it.index === this.selected ? 'true' : 'false');
      const c = document.createElement('canvas');
      const img = this.cache.get(it.index);
      if (img) draw(c, img.pixels, img.side);
      const cap = document.createElement('span');
      cap.className = 'mn-thumb-cap';
      cap.innerHTML = `<span class="mn-true"></span><span class="mn-arrow" aria-hidden="true">→</span><span class="mn-guess"></span>`;
      cap.querySelector('.mn-guess').textContent = String(it.guess);
      cap.querySelector('.mn-true').textContent = String(it.label);
      cap.title = `a ${it.label}, guessed ${it.guess}`;
      b.append(c, cap);
      b.addEventListener('click', () => {
        this.selected = it.index;
        for (const o of this.grid.querySelectorAll('.mn-thumb')) o.setAttribute('aria-pressed', o === b ? 'true' : 'false');
        this.onPick(it.index, it.label, it.guess);
      });
      li.append(b);
      frag.append(li);
    }
    this.grid.replaceChildren(frag);
  }
}

/** Draws 0..255 pixels (light ink on dark) into a canvas of the image's own size. */
export function draw(canvas, pixels, side) {
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(side, side);
  const d = img.data;
  for (let j = 0; j < side * side; j++) {
    const v = pixels[j] / 255;
    d[4 * j] = 14 + 241 * v;
    d[4 * j + 1] = 20 + 226 * v;
    d[4 * j + 2] = 36 + 190 * v;
    d[4 * j + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
