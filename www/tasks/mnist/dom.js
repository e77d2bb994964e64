// The MNIST section's DOM: the markup (toolbar, network, counters, colours, settings, charts,
// models, weight pictures, evaluation, own data) and the widgets built into it, wired to the
// controller (controller.js) `c`.

import { fmt } from '../../core/format.js';
import { SCHEMA } from '../../core/config.js';
import { linkStylesheet } from '../../core/stylesheet.js';
import { PALETTES } from '../../render/theme.js';
import { NetworkRenderer } from '../../render/network.js';
import { isStopped } from './protocol.js';
import { WeightPictures } from './weight-pictures.js';
import { LineChart } from '../../render/chart.js';
import { ConfusionView } from './confusion.js';
import { Gallery } from './gallery.js';
import { modelsPanel } from './models.js';
import { Settings } from './settings.js';
import { ownData } from './own-data.js';
import { pct } from './display.js';

const COLOURS = { loss: '#ffd68c', train: '#7dd3fc', test: '#4ade80' };
const BUTTONS = [['play', 'Play', ' mn-btn-primary mn-play'], ['epoch', 'One epoch'], ['batch', 'One batch'], ['example', 'One example'], ['phase', 'Step'], ['reset', 'Reset', ' mn-btn-quiet']];
const COUNTERS = [['epoch', 'Epoch', '0'], ['seen', 'Examples seen', '0'], ['sps', 'Samples / s', '–'], ['acc', 'Test accuracy', '–']];

/** The training stage: toolbar, the network (under the loading overlay), status and counters. */
function stageHtml() {
  return `
        <div class="mn-stage mn-panel">
          <div class="mn-toolbar" role="group" aria-label="Training">${
  BUTTONS.map(([act, text, cls = '']) => `<button type="button" class="mn-btn${cls}" data-act="${act}" disabled>${text}</button>`).join('')}</div>
          <div class="mn-net-wrap" data-part="net">
            <div class="mn-overlay" data-part="loading"><div class="mn-overlay-box">
              <p class="mn-overlay-title" data-part="load-title">Loading the MNIST digits…</p>
              <progress data-part="progress" aria-label="Loading data" max="1" value="0"></progress>
              <p class="mn-overlay-note" data-part="load-note">Starting…</p>
              <button type="button" class="mn-btn" data-act="retry" hidden>Try again</button>
            </div></div>
          </div>
          <div class="mn-under">
            <p class="mn-status" data-part="status"></p>
            <p class="mn-phase" data-part="phase"></p>
            <p class="mn-msg mn-error mn-banner" data-part="alert" role="alert" hidden></p>
            <dl class="mn-counters">${COUNTERS.map(([k, t, v]) => `<div><dt>${t}</dt><dd data-c="${k}">${v}</dd></div>`).join('')}</dl>
            <p class="mn-caption" data-part="caption"></p>
            <label class="mn-field mn-inline"><span>Colours</span><select data-part="palette">${
  Object.entries(PALETTES).map(([k, p]) => `<option value="${k}">${p.label}</option>`).join('')}</select></label>
          </div>
        </div>`;
}

/** Below the stage: the weight pictures, the evaluation, own data and the credit. */
function lowerHtml(id) {
  return `
      <section class="mn-panel mn-weights" aria-labelledby="${id}-wh">
        <h3 class="mn-h" id="${id}-wh">What each neuron of the first hidden layer looks for</h3>
        <p class="mn-note" data-part="weights-note"></p>
        <div class="mn-weights-wrap" data-part="weights"></div>
      </section>
      <section class="mn-panel mn-eval" aria-labelledby="${id}-eh">
        <div class="mn-eval-head">
          <h3 class="mn-h" id="${id}-eh">How well it reads the test digits</h3>
          <button type="button" class="mn-btn" data-act="evaluate" disabled>Evaluate on the test set</button>
        </div>
        <p class="mn-eval-summary" data-part="eval-summary">Digits it has never seen: how many does it get right, which does it mix up?</p>
        <div class="mn-eval-grid">
          <div class="mn-eval-matrix"><h4 class="mn-h4">Confusion matrix <span class="mn-muted">rows: true digit · columns: guess</span></h4><div data-part="matrix"></div></div>
          <div class="mn-eval-bars"><h4 class="mn-h4">Accuracy per digit</h4><div data-part="bars"></div></div>
        </div>
        <h4 class="mn-h4 mn-eval-gallery-h">Mistakes</h4>
        <div data-part="gallery"></div>
      </section>
      <section class="mn-panel" data-part="own" aria-label="Your own data"></section>
      <footer class="mn-credit">MNIST database by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, CC BY-SA 3.0.</footer>`;
}

/** The section's markup (`heading`: false leaves the title and lede out). */
function sectionHtml(id, heading) {
  return `
      ${heading ? `<header class="mn-header">
        <h2 class="mn-title">Watch a network learn to read handwriting</h2>
        <p class="mn-lede">60,000 handwritten digits, a few thousand artificial neurons and nothing but arithmetic. Press <b>Play</b> and watch the weights organise themselves, or <b>Step</b> through one example to see a single thought.</p>
      </header>` : ''}
      <div class="mn-layout">${stageHtml()}
        <aside class="mn-side">
          <section class="mn-panel" data-part="settings" aria-label="Network settings"></section>
          <section class="mn-panel mn-charts" aria-label="Learning curves">
            <div class="mn-chart" data-part="loss-chart"></div><div class="mn-chart" data-part="acc-chart"></div>
          </section>
          <section class="mn-panel" data-part="models" aria-label="Models"></section>
        </aside>
      </div>${lowerHtml(id)}`;
}

/** Builds the section into `c.element`: `c.root`, `c.$(part)`, `c.btn(act)` and the widgets. */
export function buildDom(c) {
  linkStylesheet(c.element.ownerDocument, new URL('../../mnist/mnist.css', import.meta.url));
  const root = document.createElement('section');
  root.className = 'mn-root';
  root.setAttribute('aria-label', 'MNIST: a network learning to read handwritten digits');
  root.innerHTML = sectionHtml(c.id, c.options.heading !== false);
  c.root = root;
  c.element.append(root);
  c.$ = (part) => root.querySelector(`[data-part="${part}"]`);
  c.btn = (act) => root.querySelector(`[data-act="${act}"]`);
  buildWidgets(c);
  wireButtons(c);
}

function buildWidgets(c) {
  const redraw = () => c.requestRender();
  c.net = new NetworkRenderer(c.$('net'), { className: 'mn-net-canvas', onResize: () => c.redrawNet() });
  c.weights = new WeightPictures(c.$('weights'), (i) => (c.net.setFocus(i) ? c.redrawNet() : redraw()), redraw);
  c.lossChart = new LineChart(c.$('loss-chart'), {
    label: 'Training loss', format: (y, axis) => (axis !== undefined ? fmt(y, axis) : fmt(y, 3)), series: [{ key: 'loss', label: 'loss', colour: COLOURS.loss }],
  }, redraw);
  c.accChart = new LineChart(c.$('acc-chart'), {
    label: 'Accuracy', yMin: 0, yMax: 1,
    format: (y, axis) => (axis !== undefined ? `${Math.round(y * 100)}%` : pct(y)),
    series: [
      { key: 'train', label: 'training', colour: COLOURS.train },
      { key: 'test', label: 'test', colour: COLOURS.test, dots: true },
    ],
  }, redraw);
  c.confusion = new ConfusionView(c.$('matrix'), c.$('bars'), (cell) => c.gallery.setFilter(cell));
  c.gallery = new Gallery(c.$('gallery'), (indices) => c.client.request('testImages', { indices }), (index) => c.showTest(index));
  c.settings = new Settings(c.$('settings'), {
    onPreset: (name, adam) => c.choose({ preset: name, ...(adam ? SCHEMA.presets.find((p) => p.name === name).withAdam : {}) }, name),
    onApply: (opts) => c.choose(opts, 'custom'),
    onSpeed: (v) => c.setSpeed(v),
  }, c.preset, c.speed);
  modelsPanel(c.$('models'), c);
  ownData(c.$('own'), (files, names) => c.useData(files, names));
  c.$('palette').addEventListener('change', (e) => c.setPalette(e.target.value));
}

function wireButtons(c) {
  const act = (name, fn) => c.btn(name).addEventListener('click', () => c.guard(fn));
  act('play', () => (c.playing ? c.pause() : c.play()));
  // Stopping a run of epochs early (Pause, Reset, a new model) rejects it; no need to say so.
  act('epoch', () => c.step('epoch').catch((e) => {
    if (!isStopped(e)) throw e;
  }));
  for (const unit of ['batch', 'example', 'phase']) act(unit, () => c.step(unit));
  act('reset', () => c.reset());
  act('evaluate', () => c.evaluate());
  act('retry', () => (c.ready = c.load({ urls: c.mnistUrls() })));
}
