// What the MNIST training worker reports (client.js events), turned into the section: loading
// progress, frames, metrics for the charts, evaluations (the confusion matrix and the mistakes,
// at most every EVAL_VIEW_MS while training), epochs, divergence and errors. `c` is the
// controller (controller.js); every report is passed on as the section's event of that name.

import { fmt, fmtInt } from '../../core/format.js';
import { pct, updateCounters } from './display.js';

const EVAL_VIEW_MS = 1200; // the confusion matrix and gallery follow training at most this often

/** Subscribes the controller to its worker client's reports. */
export function listen(c) {
  const client = c.client;
  client.on('progress', (m) => {
    c.loading = { loaded: m.loaded, total: m.total };
    const p = c.$('progress');
    p.max = Math.max(1, m.total);
    p.value = m.loaded;
    c.$('load-note').textContent = m.total
      ? `${(m.loaded / 1e6).toFixed(1)} of ${(m.total / 1e6).toFixed(1)} MB`
      : `${(m.loaded / 1e6).toFixed(1)} MB`;
  });
  client.on('frame', (f) => {
    c.frame = f;
    c.pendingFrame = f;
    c.seen = f.seen;
    c.samplesPerSecond = f.samplesPerSecond;
    if (!f.playing && c.playing) {
      c.playing = false;
      c.setControls();
    }
    c.requestRender();
    c.events.emit('frame', f);
  });
  client.on('metrics', (m) => {
    for (const p of m.points) {
      c.lossChart.add('loss', p.epochs, p.loss);
      c.accChart.add('train', p.epochs, p.accuracy);
    }
    c.seen = m.seen;
    c.samplesPerSecond = m.samplesPerSecond;
    updateCounters(c);
    c.requestRender();
    c.events.emit('metrics', m);
  });
  client.on('evaluation', (ev) => onEvaluation(c, ev));
  client.on('epoch', (m) => c.events.emit('epoch', { epoch: m.epoch, evaluation: m.evaluation }));
  client.on('diverged', (m) => stopped(c, `${m.message ?? 'Training diverged.'} Press Reset to start again.`, 'diverged', m));
  client.on('error', (m) => stopped(c, `Training stopped: ${m.message}`, 'error', m));
}

function stopped(c, message, event, m) {
  c.playing = false;
  c.setControls();
  c.alert(message);
  c.events.emit(event, m);
}

/** A new evaluation: the accuracy chart and counter now, the matrix and mistakes soon. */
export function onEvaluation(c, ev) {
  c.evaluation = ev;
  c.accChart.add('test', ev.epochs, ev.accuracy);
  updateCounters(c);
  c.requestRender();
  c.events.emit('evaluation', ev);
  scheduleEvalView(c, ev.reason !== 'interim' && ev.reason !== 'epoch');
}

function scheduleEvalView(c, now) {
  if (c.evalTimer && now) {
    clearTimeout(c.evalTimer);
    c.timers.delete(c.evalTimer);
    c.evalTimer = 0;
  }
  if (c.evalTimer) return;
  const wait = now || !c.playing ? 0 : Math.max(0, c.lastEvalView + EVAL_VIEW_MS - performance.now());
  const show = () => {
    c.evalTimer = 0;
    c.lastEvalView = performance.now();
    if (c.evaluation && !c.destroyed) showEvaluation(c, c.evaluation);
  };
  if (wait === 0) show();
  else c.evalTimer = timer(c, show, wait);
}

function timer(c, fn, ms) {
  const t = setTimeout(() => {
    c.timers.delete(t);
    fn();
  }, ms);
  c.timers.add(t);
  return t;
}

function showEvaluation(c, ev) {
  c.root.querySelector('.mn-eval').classList.add('mn-has-eval');
  c.confusion.update(ev);
  c.gallery.update(ev);
  c.$('eval-summary').innerHTML = '';
  const b = document.createElement('b');
  b.textContent = pct(ev.accuracy, 2);
  c.$('eval-summary').append(
    b,
    ` of ${fmtInt(ev.count)} test ${c.dataName === 'MNIST' ? 'digits' : 'images'} right after ${fmt(ev.epochs, ev.epochs % 1 === 0 ? 0 : 2)} epoch${ev.epochs === 1 ? '' : 's'} (test loss ${fmt(ev.loss, 3)}).`,
  );
}
