// Bring your own data: an images + labels pair of IDX files (gzipped or not, square images up to
// 64×64, up to 100 classes, e.g. Fashion-MNIST), optionally a second pair to test on. Files can
// be dropped together (sorted into slots by name) or picked one by one. The core reads and
// checks them; its message is shown when it refuses.

let counter = 0;

const SLOTS = [
  ['images', 'Training images'],
  ['labels', 'Training labels'],
  ['testImages', 'Test images (optional)'],
  ['testLabels', 'Test labels (optional)'],
];

/** Which slot a file name suggests, or null. */
export function slotOf(name) {
  const n = name.toLowerCase();
  const test = /(^|[^a-z])(t10k|test)/.test(n);
  const images = /images|idx3/.test(n);
  const labels = /labels|idx1/.test(n);
  if (images === labels) return null;
  if (test) return images ? 'testImages' : 'testLabels';
  return images ? 'images' : 'labels';
}

/** The panel's markup (`p`: the prefix of its element ids). */
function ownDataHtml(p) {
  return `
      <details class="mn-own">
        <summary><h3 class="mn-h">Train on your own data</h3></summary>
        <div class="mn-own-body">
          <p class="mn-note">An images file and a labels file in IDX format, gzipped or not: square greyscale images up to 64×64 pixels and up to 100 classes. Fashion-MNIST works as it comes. Add a test pair (names with “t10k” or “test”) to see test accuracy and mistakes.</p>
          <div class="mn-drop" tabindex="-1" id="${p}-drop">
            <p>Drop the files here, or choose them:</p>
            <div class="mn-slots">
              ${SLOTS.map(([k, t]) => `
              <label class="mn-slot"><span class="mn-slot-name">${t}</span>
                <input type="file" data-slot="${k}" aria-label="${t}">
                <span class="mn-slot-file" data-for="${k}">none</span></label>`).join('')}
            </div>
          </div>
          <div class="mn-row">
            <button type="button" class="mn-btn mn-btn-primary" data-act="use">Train on these files</button>
            <button type="button" class="mn-btn" data-act="mnist">Back to MNIST</button>
          </div>
          <p class="mn-msg" role="status" aria-live="polite" id="${p}-msg"></p>
        </div>
      </details>`;
}

export class OwnData {
  /**
   * @param {HTMLElement} wrap
   * @param {{ use: (files: object, names: object) => Promise<string>, useMnist: () => Promise<string> }} actions
   */
  constructor(wrap, actions) {
    const p = `mn-own-${++counter}`;
    this.files = {};
    wrap.innerHTML = ownDataHtml(p);
    this.wrap = wrap;
    this.msg = wrap.querySelector(`#${p}-msg`);
    this.listenFiles(wrap.querySelector(`#${p}-drop`));
    this.listenActions(actions);
  }

  /** The file inputs and the drop zone fill the slots. */
  listenFiles(drop) {
    const wrap = this.wrap;
    for (const input of wrap.querySelectorAll('input[data-slot]')) {
      input.addEventListener('change', () => {
        const f = input.files?.[0];
        if (f) this.set(input.dataset.slot, f);
      });
    }
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
        if (slot) this.set(slot, f);
        else unknown.push(f.name);
      }
      if (unknown.length) this.say(`Could not tell from the name whether ${unknown.join(', ')} holds images or labels: choose it in the right box.`, true);
    });
  }

  /** Train on these files, Back to MNIST. */
  listenActions(actions) {
    const wrap = this.wrap;
    const run = async (fn) => {
      this.say('Reading the files…', false);
      try {
        this.say(await fn(), false);
      } catch (e) {
        this.say(e.message, true);
      }
    };
    wrap.querySelector('[data-act="use"]').addEventListener('click', () => run(async () => {
      if (!this.files.images || !this.files.labels) throw new Error('Choose an images file and a labels file first.');
      if (!!this.files.testImages !== !!this.files.testLabels) throw new Error('A test set needs both its images and its labels file.');
      const bytes = {};
      const names = {};
      for (const [k, f] of Object.entries(this.files)) {
        bytes[k] = new Uint8Array(await f.arrayBuffer());
        names[k] = f.name;
      }
      return actions.use(bytes, names);
    }));
    wrap.querySelector('[data-act="mnist"]').addEventListener('click', () => run(actions.useMnist));
  }

  set(slot, file) {
    this.files[slot] = file;
    this.wrap.querySelector(`[data-for="${slot}"]`).textContent = file.name;
  }

  say(text, isError) {
    this.msg.textContent = text;
    this.msg.classList.toggle('mn-error', !!isError);
    this.msg.setAttribute('role', isError ? 'alert' : 'status');
  }
}
