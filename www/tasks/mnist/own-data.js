// Bring your own data: an images + labels pair of IDX files (gzipped or not, square images up to
// 64×64, up to 100 classes, e.g. Fashion-MNIST), optionally a second pair to test on. Files can
// be dropped together (sorted into slots by name) or picked one by one. The core reads and
// checks them; its message is shown when it refuses.

import { SCHEMA } from '../../core/config.js';
import { t } from '../../core/i18n.js';
import { esc } from './display.js';
import { say, report } from './models.js';

/** The file slots and their labels' message keys. */
const SLOTS = { images: 'mnist.slotImages', labels: 'mnist.slotLabels', testImages: 'mnist.slotTestImages', testLabels: 'mnist.slotTestLabels' };

/** Which slot a file name suggests, or null. */
function slotOf(name) {
  const n = name.toLowerCase();
  const [test, images, labels] = [/(^|[^a-z])(t10k|test)/.test(n), /images|idx3/.test(n), /labels|idx1/.test(n)];
  if (images === labels) return null;
  if (test) return images ? 'testImages' : 'testLabels';
  return images ? 'images' : 'labels';
}

/** The panel's markup, in the page's language. */
const html = (m = (key) => esc(t(key))) => `
  <details class="mn-own">
    <summary><h3 class="mn-h">${m('mnist.ownHeading')}</h3></summary>
    <div class="mn-own-body">
      <p class="mn-note">${m('mnist.ownIntro')}</p>
      <div class="mn-drop" tabindex="-1">
        <p>${m('mnist.dropHere')}</p>
        <div class="mn-slots">${Object.entries(SLOTS).map(([k, key]) => `
          <label class="mn-slot"><span class="mn-slot-name">${m(key)}</span><input type="file" data-slot="${k}" aria-label="${m(key)}"><span class="mn-slot-file" data-for="${k}">${m('mnist.noFile')}</span></label>`).join('')}
        </div>
      </div>
      <div class="mn-row">
        <button type="button" class="mn-btn mn-btn-primary" data-act="use">${m('mnist.useFiles')}</button>
        <button type="button" class="mn-btn" data-act="mnist">${m('mnist.backToMnist')}</button>
      </div>
      <p class="mn-msg" role="status" aria-live="polite"></p>
    </div>
  </details>`;

/** Builds the panel into `wrap`; use(bytes, names) → Promise<string> trains on the files (none: on MNIST again), says what it did. */
export function ownData(wrap, use) {
  wrap.innerHTML = html();
  const files = {};
  const msg = wrap.querySelector('.mn-msg');
  const set = (slot, file) => {
    files[slot] = file;
    wrap.querySelector(`[data-for="${slot}"]`).textContent = file.name;
  };
  for (const input of wrap.querySelectorAll('input[data-slot]')) {
    input.addEventListener('change', () => input.files?.[0] && set(input.dataset.slot, input.files[0]));
  }
  listenDrop(wrap.querySelector('.mn-drop'), set, msg);
  const run = (fn) => report(msg, t('mnist.readingFiles'), fn);
  wrap.querySelector('[data-act="use"]').addEventListener('click', () => run(async () => {
    if (!files.images || !files.labels) throw new Error(t('mnist.needPair'));
    if (!!files.testImages !== !!files.testLabels) throw new Error(t('mnist.needTestPair'));
    const [bytes, names] = [{}, {}];
    const { maxFileBytes } = SCHEMA.limits;
    // Measured before reading: a file too big for the core is never loaded into memory.
    const big = Object.values(files).find((f) => f.size > maxFileBytes);
    if (big) throw new Error(t('mnist.dataTooBig', { name: big.name, size: Math.ceil(big.size / 2 ** 20), max: Math.floor(maxFileBytes / 2 ** 20) }));
    for (const [k, f] of Object.entries(files)) [bytes[k], names[k]] = [new Uint8Array(await f.arrayBuffer()), f.name];
    return use(bytes, names);
  }));
  wrap.querySelector('[data-act="mnist"]').addEventListener('click', () => run(() => use()));
}

/** Files dropped together go to the slots their names suggest. */
function listenDrop(drop, set, msg) {
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('mn-drop-on');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('mn-drop-on'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('mn-drop-on');
    const unknown = [];
    for (const f of e.dataTransfer?.files ?? []) {
      const slot = slotOf(f.name);
      if (slot) set(slot, f);
      else unknown.push(f.name);
    }
    if (unknown.length) say(msg, t('mnist.unknownDropped', { names: unknown.join(', ') }), true);
  });
}
