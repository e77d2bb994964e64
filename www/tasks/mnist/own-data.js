// Bring your own data: an images + labels pair of IDX files (gzipped or not, square images up to
// 64×64, up to 100 classes, e.g. Fashion-MNIST), optionally a second pair to test on. Files can
// be dropped together (sorted into slots by name) or picked one by one. The core reads and
// checks them; its message is shown when it refuses.

import { SCHEMA } from '../../core/config.js';
import { fmtInt } from '../../core/format.js';
import { say, report } from './models.js';

const SLOTS = { images: 'Training images', labels: 'Training labels', testImages: 'Test images (optional)', testLabels: 'Test labels (optional)' };

/** Which slot a file name suggests, or null. */
function slotOf(name) {
  const n = name.toLowerCase();
  const [test, images, labels] = [/(^|[^a-z])(t10k|test)/.test(n), /images|idx3/.test(n), /labels|idx1/.test(n)];
  if (images === labels) return null;
  if (test) return images ? 'testImages' : 'testLabels';
  return images ? 'images' : 'labels';
}

const HTML = `
  <details class="mn-own">
    <summary><h3 class="mn-h">Train on your own data</h3></summary>
    <div class="mn-own-body">
      <p class="mn-note">An images file and a labels file in IDX format, gzipped or not: square greyscale images up to 64×64 pixels and up to 100 classes. Fashion-MNIST works as it comes. Add a test pair (names with “t10k” or “test”) to see test accuracy and mistakes.</p>
      <div class="mn-drop" tabindex="-1">
        <p>Drop the files here, or choose them:</p>
        <div class="mn-slots">${Object.entries(SLOTS).map(([k, t]) => `
          <label class="mn-slot"><span class="mn-slot-name">${t}</span><input type="file" data-slot="${k}" aria-label="${t}"><span class="mn-slot-file" data-for="${k}">none</span></label>`).join('')}
        </div>
      </div>
      <div class="mn-row">
        <button type="button" class="mn-btn mn-btn-primary" data-act="use">Train on these files</button>
        <button type="button" class="mn-btn" data-act="mnist">Back to MNIST</button>
      </div>
      <p class="mn-msg" role="status" aria-live="polite"></p>
    </div>
  </details>`;

/** Builds the panel into `wrap`; use(bytes, names) → Promise<string> trains on the files (none: on MNIST again), says what it did. */
export function ownData(wrap, use) {
  wrap.innerHTML = HTML;
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
  const run = (fn) => report(msg, 'Reading the files…', fn);
  wrap.querySelector('[data-act="use"]').addEventListener('click', () => run(async () => {
    if (!files.images || !files.labels) throw new Error('Choose an images file and a labels file first.');
    if (!!files.testImages !== !!files.testLabels) throw new Error('A test set needs both its images and its labels file.');
    const [bytes, names] = [{}, {}];
    const { maxFileBytes } = SCHEMA.limits;
    // Measured before reading: a file too big for the core is never loaded into memory.
    const big = Object.values(files).find((f) => f.size > maxFileBytes);
    if (big) throw new Error(`${big.name} is ${fmtInt(Math.ceil(big.size / 2 ** 20))} MB; data files of up to ${fmtInt(Math.floor(maxFileBytes / 2 ** 20))} MB can be used.`);
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
    if (unknown.length) say(msg, `Could not tell from the name whether ${unknown.join(', ')} holds images or labels: choose it in the right box.`, true);
  });
}
