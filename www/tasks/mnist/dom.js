// The MNIST section's DOM: the markup (toolbar, network, counters, colours, settings, charts,
// models, weight pictures, evaluation, own data) and the widgets built into it, wired to the
// controller (controller.js) `c`.

import { fmt, percent } from '../../core/format.js';
import { t } from '../../core/i18n.js';
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
import { esc, pct } from './display.js';

const COLOURS = { loss: '#ffd68c', train: '#7dd3fc', test: '#4ade80' };
// Labels are looked up when the section is built (the catalogue is not loaded at import time).
const BUTTONS = [['play', 'mnist.play', ' mn-btn-primary mn-play'], ['epoch', 'mnist.oneEpoch'], ['batch', 'mnist.oneBatch'], ['example', 'mnist.oneExample'], ['phase', 'mnist.step'], ['reset', 'mnist.reset', ' mn-btn-quiet']];
const COUNTERS = [['epoch', 'mnist.counterEpoch', '0'], ['seen', 'mnist.counterSeen', '0'], ['sps', 'mnist.counterSpeed', '–'], ['acc', 'mnist.counterAccuracy', '–']];
/** A message, escaped for markup. */
const m = (key, params) => esc(t(key, params));
/** A message whose `bold` params are set in <b> (everything escaped). */
function withBold(key, params, bold) {
  const marks = Object.fromEntries(Object.keys(bold).map((k, i) => [k, `\u0001${i}\u0002`]));
  return m(key, { ...params, ...marks }).replace(/\u0001(\d+)\u0002/g, (_, i) => `<b>${esc(Object.values(bold)[i])}</b>`);
}

/** The training stage: toolbar, the network (under the loading overlay), status and counters. */
function stageHtml() {
  return `
        <div class="mn-stage mn-panel">
          <div class="mn-toolbar" role="group" aria-label="${m('mnist.toolbarLabel')}">${
  BUTTONS.map(([act, key, cls = '']) => `<button type="button" class="mn-btn${cls}" data-act="${act}" disabled>${m(key)}</button>`).join('')}</div>
          <div class="mn-net-wrap" data-part="net">
            <div class="mn-overlay" data-part="loading"><div class="mn-overlay-box">
              <p class="mn-overlay-title" data-part="load-title">${m('mnist.loadingDigits')}</p>
              <progress data-part="progress" aria-label="${m('mnist.loadingDataLabel')}" max="1" value="0"></progress>
              <p class="mn-overlay-note" data-part="load-note">${m('mnist.starting')}</p>
              <button type="button" class="mn-btn" data-act="retry" hidden>${m('mnist.tryAgain')}</button>
            </div></div>
          </div>
          <div class="mn-under">
            <p class="mn-status" data-part="status"></p>
            <p class="mn-phase" data-part="phase"></p>
            <p class="mn-msg mn-error mn-banner" data-part="alert" role="alert" hidden></p>
            <dl class="mn-counters">${COUNTERS.map(([k, key, v]) => `<div><dt>${m(key)}</dt><dd data-c="${k}">${v}</dd></div>`).join('')}</dl>
            <p class="mn-caption" data-part="caption"></p>
            <label class="mn-field mn-inline"><span>${m('mnist.colours')}</span><select data-part="palette">${
  Object.entries(PALETTES).map(([k, p]) => `<option value="${k}">${esc(p.label)}</option>`).join('')}</select></label>
          </div>
        </div>`;
}

/** Below the stage: the weight pictures, the evaluation, own data and the credit. */
function lowerHtml(id) {
  return `
      <section class="mn-panel mn-weights" aria-labelledby="${id}-wh">
        <h3 class="mn-h" id="${id}-wh">${m('mnist.weightsHeading')}</h3>
        <p class="mn-note" data-part="weights-note"></p>
        <div class="mn-weights-wrap" data-part="weights"></div>
      </section>
      <section class="mn-panel mn-eval" aria-labelledby="${id}-eh">
        <div class="mn-eval-head">
          <h3 class="mn-h" id="${id}-eh">${m('mnist.evalHeading')}</h3>
          <button type="button" class="mn-btn" data-act="evaluate" disabled>${m('mnist.evaluateButton')}</button>
        </div>
        <p class="mn-eval-summary" data-part="eval-summary">${m('mnist.evalIntro')}</p>
        <div class="mn-eval-grid">
          <div class="mn-eval-matrix"><h4 class="mn-h4">${m('mnist.confusionHeading')} <span class="mn-muted">${m('mnist.confusionAxes')}</span></h4><div data-part="matrix"></div></div>
          <div class="mn-eval-bars"><h4 class="mn-h4">${m('mnist.accuracyPerDigit')}</h4><div data-part="bars"></div></div>
        </div>
        <h4 class="mn-h4 mn-eval-gallery-h">${m('mnist.mistakesHeading')}</h4>
        <div data-part="gallery"></div>
      </section>
      <section class="mn-panel" data-part="own" aria-label="${m('mnist.ownDataLabel')}"></section>
      <footer class="mn-credit">${m('mnist.credit')}</footer>`;
}

/** The section's markup (`heading`: false leaves the title and lede out). */
function sectionHtml(id, heading) {
  return `
      ${heading ? `<header class="mn-header">
        <h2 class="mn-title">${m('mnist.title')}</h2>
        <p class="mn-lede">${withBold('mnist.lede', { count: 60000 }, { play: t('mnist.play'), step: t('mnist.step') })}</p>
      </header>` : ''}
      <div class="mn-layout">${stageHtml()}
        <aside class="mn-side">
          <section class="mn-panel" data-part="settings" aria-label="${m('mnist.settingsLabel')}"></section>
          <section class="mn-panel mn-charts" aria-label="${m('mnist.chartsLabel')}">
            <div class="mn-chart" data-part="loss-chart"></div><div class="mn-chart" data-part="acc-chart"></div>
          </section>
          <section class="mn-panel" data-part="models" aria-label="${m('mnist.modelsLabel')}"></section>
        </aside>
      </div>${lowerHtml(id)}`;
}

/** Builds the section into `c.element`: `c.root`, `c.$(part)`, `c.btn(act)` and the widgets. */
export function buildDom(c) {
  linkStylesheet(c.element.ownerDocument, new URL('../../mnist/mnist.css', import.meta.url));
  const root = document.createElement('section');
  root.className = 'mn-root';
  root.setAttribute('aria-label', t('mnist.sectionLabel'));
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
    label: t('mnist.lossChart'), format: (y, axis) => (axis !== undefined ? fmt(y, axis) : fmt(y, 3)), series: [{ key: 'loss', label: t('mnist.lossSeries'), colour: COLOURS.loss }],
  }, redraw);
  c.accChart = new LineChart(c.$('acc-chart'), {
    label: t('mnist.accuracyChart'), yMin: 0, yMax: 1,
    format: (y, axis) => (axis !== undefined ? percent(y, 0) : pct(y)),
    series: [
      { key: 'train', label: t('mnist.trainSeries'), colour: COLOURS.train },
      { key: 'test', label: t('mnist.testSeries'), colour: COLOURS.test, dots: true },
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
