// The example lesson's script: chooses the page's language, fills in its text, mounts every
// [data-mount] element in that language and wires the two experiment buttons.
import { mount, supportsTask, pageLang, useLang, translateTree, t, fixed, percent } from '../neuroglow.js';

// The page's language: ?lang= when it names one of ours, else the browser's (the playgrounds
// follow it: one language per page).
const params = new URLSearchParams(location.search);
const lang = await useLang(pageLang());
translateTree(document);
// The embedded playground shows the language asked for too (without ?lang= it follows the
// browser's languages by itself).
if (params.has('lang')) {
  const frame = document.getElementById('lesson-iframe');
  const src = new URL(frame.getAttribute('src'), location.href);
  src.searchParams.set('lang', lang);
  frame.src = src.href;
}

/** Mounts every [data-mount] element with the options in its attribute; a failure is shown in its place. */
const playgrounds = {};
await Promise.all([...document.querySelectorAll('[data-mount]')].map(async (host) => {
  const options = { ...JSON.parse(host.dataset.mount), lang };
  try {
    if (!supportsTask(options.task)) throw new Error(t('lesson.noTask', { task: options.task }));
    playgrounds[host.id || options.task] = await mount(host, options);
  } catch (e) {
    host.append(Object.assign(document.createElement('p'), { className: 'lesson-error', role: 'alert', textContent: e.message }));
  }
}));
window.lesson = playgrounds; // for the curious (and the tests)

// The experiment: pause as soon as the average error drops below 0.1.
const pg = playgrounds['pg-experiment'];
const result = document.getElementById('experiment-result');
if (pg) {
  pg.on('cycle', ({ loss }) => { if (loss < 0.1) pg.pause(); });
  pg.on('pause', ({ state }) => {
    if (state.loss < 0.1) result.textContent = t('lesson.paused', { cycle: state.cycle, loss: fixed(state.loss, 4) });
  });
  pg.on('reset', () => { result.textContent = ''; });
  document.getElementById('experiment-run').addEventListener('click', async () => {
    result.textContent = t('lesson.training');
    const s = await pg.train({ cycles: 60000 });
    if (!(s.loss < 0.1)) result.textContent = t('lesson.still', { loss: fixed(s.loss, 4), cycles: s.cycle });
  });
}

// The digits: one epoch, then the test accuracy.
const digits = playgrounds['pg-digits'];
const digitsRun = document.getElementById('digits-run');
const digitsResult = document.getElementById('digits-result');
if (digits) {
  digitsRun.addEventListener('click', async () => {
    digitsRun.disabled = true;
    digitsResult.textContent = t('lesson.trainingDigits', { n: 60000 });
    try {
      const ev = await digits.train({ epochs: 1 });
      digitsResult.textContent = t('lesson.afterEpoch', { epoch: digits.state().epoch, accuracy: percent(ev.accuracy, 1), tests: 10000 });
    } catch (e) {
      digitsResult.textContent = e.message;
    } finally {
      digitsRun.disabled = false;
    }
  });
}
