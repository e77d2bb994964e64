// Mounting the MNIST section (controller.js) and its two handles, both with their arguments checked:
//   mountMnist(element, { preset })        the section alone (the standalone page www/mnist/);
//   mount(element, { task: 'mnist', … })   (neuroglow.js → mountMnistTask) behind the public API's
//     conventions: settings resolved and checked by config.js and the core, kept in the page URL and
//     Share links, and settings(), warnings(), link(), embedCode() (neuroglow.d.ts MnistPlayground).

import { TASKS, checkSettings, defaultOf, networkOptions } from '../../core/config.js';
import { PALETTES } from '../../render/theme.js';
import { addStylesheet, mountSection, writeUrl, destroyGuards, linkFor, embedCodeFor } from '../../ui/task-common.js';
import { MnistController, TASK, NET, sameValue } from './controller.js';
import { loadBytes, saveModel } from './models.js';
import { t as msg } from '../../core/i18n.js';

/** Options of the section itself (the rest are the network's, checked by the core). */
const VIEW_OPTIONS = ['task', 'examplesPerSecond', 'autoplay', 'dataUrl', 'heading', 'palette'];
const UNITS = ['phase', 'example', 'batch', 'epoch'];
const EVENTS = ['ready', 'frame', 'metrics', 'evaluation', 'epoch', 'diverged', 'error', 'settings', 'prediction'];

/** Checks the section's options (throws for a bad one) and builds it into `element`. */
function createMnist(element, options) {
  if (!(element instanceof HTMLElement)) throw new TypeError('mountMnist(element, options): element must be an HTMLElement');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError('mountMnist(element, options): options must be an object');
  const { task, preset, palette, examplesPerSecond: eps } = options;
  const known = [...NET, ...VIEW_OPTIONS];
  const presets = Object.keys(TASKS[TASK].presets);
  const bad = Object.keys(options).find((k) => !known.includes(k));
  const refused = [
    [bad, `unknown option "${bad}" (known options: ${known.join(', ')})`],
    [task !== undefined && task !== TASK, `task must be "mnist", not "${task}"`],
    [preset !== undefined && !presets.includes(preset), `unknown preset "${preset}" (try ${presets.join(' or ')})`],
    [palette !== undefined && !PALETTES[palette], `palette must be one of ${Object.keys(PALETTES).join(', ')}`],
    [eps !== undefined && !(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps)), 'examplesPerSecond must be a number ≥ 0 (0 trains at full speed)'],
  ].find(([no]) => no);
  if (refused) throw new Error(`neuroglow MNIST: ${refused[1]}`);
  return new MnistController(element, options);
}

/** What the section is doing: data, network, progress and the last evaluation. */
function snapshot(c) {
  const { isReady: ready, failure: error, loading, playing, preset, dataName: data, speed, info, frame, seen, samplesPerSecond, evaluation } = c;
  // probe: the test image on the input (after picking a mistake), or null
  return { ready, error, loading, playing, preset, data, speed, info, state: frame?.state ?? null, probe: frame?.probe ?? null, epoch: frame?.state.cycle ?? 0, seen, samplesPerSecond, evaluation };
}

/** The methods both handles have. */
function common(c) {
  const { liveAsync } = destroyGuards(() => c.destroyed);
  return {
    step: liveAsync('step', (unit = 'phase') => {
      if (!UNITS.includes(unit)) throw new Error(`neuroglow step(unit): unit must be "phase", "example", "batch" or "epoch", not ${JSON.stringify(unit)}`);
      return c.step(unit);
    }),
    train: liveAsync('train', ({ epochs = 1 } = {}) => {
      if (!(Number.isSafeInteger(epochs) && epochs >= 1 && epochs <= 1000)) throw new Error('neuroglow train({ epochs }): epochs must be a whole number from 1 to 1000');
      return c.train({ epochs });
    }),
    evaluate: liveAsync('evaluate', () => c.evaluate()),
    predict: liveAsync('predict', async (pixels) => {
      if (!(Array.isArray(pixels) || ArrayBuffer.isView(pixels))) throw new Error('neuroglow predict(pixels): pixels must be 784 numbers from 0 to 1 (a 28×28 image, row by row)');
      const output = await c.predict(pixels);
      c.events.emit('prediction', { input: Array.from(pixels), output: Array.from(output), thought: false });
      return output;
    }),
    save: liveAsync('save', () => saveModel(c)),
    load: liveAsync('load', async (bytes) => {
      if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) throw new Error('neuroglow load(bytes): bytes must be a Uint8Array (from save())');
      const d = await loadBytes(c, new Uint8Array(bytes));
      return { note: d.note, info: d.info, evaluation: d.evaluation };
    }),
    play: liveAsync('play', () => c.play()),
    pause: liveAsync('pause', () => c.pause()),
    showTest: liveAsync('showTest', (index) => c.showTest(index)),
    destroy: () => c.destroy(),
  };
}

/**
 * The section alone: preset, the network options, examplesPerSecond (0 = full speed), autoplay,
 * dataUrl (folder of the MNIST files), heading, palette (neuroglow.d.ts mountMnist).
 */
export async function mountMnist(element, options = {}) {
  const c = createMnist(element, options);
  return {
    ...common(c),
    element: c.root,
    get ready() {
      return c.ready;
    },
    configure: (o) => c.configure(o),
    state: () => snapshot(c),
    on: (name, fn) => c.events.on(name, fn),
  };
}

let counter = 0;

/** view for config.js TASKS.mnist (neuroglow.js VIEWS): `settings` are resolved and checked by the core. */
export async function mountMnistTask(element, { settings, warnings }) {
  addStylesheet(element.ownerDocument);
  const id = `ng-mnist-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const { root, section: c } = await mountSection(element, { task: TASK, id, warnings }, async (into) => createMnist(into, {
    ...networkOptions(settings),
    palette: settings.palette,
    autoplay: settings.start === 'playing',
    heading: settings.heading && !settings.embed,
  }));
  root.classList.toggle('ng-embed', settings.embed);
  // The controller tells `follow` of settings in force (a rebuild, a loaded model, the palette).
  const t = (c.task = { element, root, id, settings, warnings: warnings.slice(), quiet: false });
  c.follow = (changed) => follow(c, changed);
  if (settings.url) element.ownerDocument.documentElement.dataset.neuroglowUrl = id; // the page URL is claimed now
  c.events.on('ready', () => {
    if (!c.destroyed) element.dataset.ready = 'true';
  });
  const { live, liveAsync } = destroyGuards(() => c.destroyed);
  const state = () => ({ task: TASK, ...snapshot(c) });
  return Object.freeze({
    ...common(c),
    /** Settles when the MNIST data is in (rejects with why it could not load). */
    get ready() {
      return c.ready;
    },
    reset: liveAsync('reset', () => c.configure(networkOptions(t.settings)).then(state)),
    configure: liveAsync('configure', (changes) => configureTask(c, changes)),
    state: live('state', state),
    info: live('info', () => (c.info ? { ...c.info } : null)),
    settings: live('settings', () => publicSettings(t)),
    warnings: live('warnings', () => t.warnings.slice()),
    link: live('link', () => linkFor(t.element, t.settings)),
    embedCode: live('embedCode', (opts) => {
      const sizes = [784, ...t.settings.hidden, 10].join('-');
      return embedCodeFor(t.element, t.settings, msg('mnist.embedTitle', { sizes }), opts);
    }),
    on: live('on', (name, fn) => {
      if (!EVENTS.includes(name)) throw new Error(`neuroglow on(name, fn): unknown event "${name}" (events: ${EVENTS.join(', ')})`);
      return c.events.on(name, fn);
    }),
    task: TASK,
    element: root,
  });
}

/** The settings as the public API shows them (without the page-only ones). */
function publicSettings(t) {
  const { url, appUrl, heading, ...rest } = structuredClone(t.settings);
  return rest;
}

/** Settings that may have changed (a network's in force, the palette): the URL and listeners follow. */
function follow(c, changed) {
  const t = c.task;
  if (c.destroyed || (changed.task && changed.task !== TASK)) return; // own data is not a URL setting
  const next = { ...t.settings };
  for (const [k, v] of Object.entries(changed)) if (k !== 'task' && k in next) next[k] = v;
  if (Object.keys(next).every((k) => sameValue(next[k], t.settings[k]))) return;
  t.settings = next;
  writeUrl(t.element, t.root, t.id, t.settings);
  if (!t.quiet) c.events.emit('settings', publicSettings(t));
}

/** Changes settings (a new preset brings its own defaults; the palette is live); resolves with the info. */
async function configureTask(c, changes) {
  const t = c.task;
  const fail = (e) => new Error(`neuroglow configure(): ${e.detail ?? e.message}`);
  let checked;
  try {
    checked = checkSettings(changes ?? {}, TASK, { allowed: [...NET, 'palette'] });
  } catch (e) {
    throw fail(e);
  }
  const { palette, ...net } = checked;
  const before = t.settings;
  t.quiet = true; // one 'settings' event for the lot, below
  try {
    if (Object.keys(net).length) {
      const next = { ...t.settings, ...net };
      if (net.preset && net.preset !== t.settings.preset) {
        for (const n of NET) if (n !== 'preset' && !(n in net)) next[n] = defaultOf(n, TASK, false, net.preset);
      }
      await c.configure(networkOptions(next)).catch((e) => {
        throw fail(e);
      });
    }
    if (palette) c.setPalette(palette);
  } finally {
    t.quiet = false;
  }
  if (t.settings !== before) c.events.emit('settings', publicSettings(t));
  return c.info;
}
