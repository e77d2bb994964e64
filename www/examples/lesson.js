// The example lesson's script: mounts every [data-mount] element and wires the two experiment buttons.
import { mount, supportsTask } from '../neuroglow.js';

/** Mounts every [data-mount] element with the options in its attribute; a failure is shown in its place. */
const playgrounds = {};
await Promise.all([...document.querySelectorAll('[data-mount]')].map(async (host) => {
  const options = JSON.parse(host.dataset.mount);
  try {
    if (!supportsTask(options.task)) throw new Error(`This version of neuroglow cannot show the task "${options.task}".`);
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
    if (state.loss < 0.1) result.textContent = `Paused at cycle ${state.cycle.toLocaleString('en-US')}: the average error is ${state.loss.toFixed(4)}.`;
  });
  pg.on('reset', () => { result.textContent = ''; });
  document.getElementById('experiment-run').addEventListener('click', async () => {
    result.textContent = 'Training…';
    const s = await pg.train({ cycles: 60000 });
    if (!(s.loss < 0.1)) result.textContent = `Still at ${s.loss?.toFixed(4)} after ${s.cycle.toLocaleString('en-US')} cycles.`;
  });
}

// The digits: one epoch, then the test accuracy.
const digits = playgrounds['pg-digits'];
const digitsRun = document.getElementById('digits-run');
const digitsResult = document.getElementById('digits-result');
if (digits) {
  digitsRun.addEventListener('click', async () => {
    digitsRun.disabled = true;
    digitsResult.textContent = 'Training on 60,000 digits…';
    try {
      const ev = await digits.train({ epochs: 1 });
      digitsResult.textContent = `After epoch ${digits.state().epoch} it reads ${(ev.accuracy * 100).toFixed(1)}% of the 10,000 test digits correctly.`;
    } catch (e) {
      digitsResult.textContent = e.message;
    } finally {
      digitsRun.disabled = false;
    }
  });
}
