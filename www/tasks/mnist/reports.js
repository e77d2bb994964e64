// What the MNIST training worker reports (protocol.js EVENTS), turned into the section: loading
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
    c.fresh = true;
    c.seen = f.state.seen;
    c.samplesPerSecond = f.samplesPerSecond;
    if (!f.playing && c.playing) c.setPlaying(false);
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
  c.setPlaying(false);
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
  if (c.evalTimer && now) clearTimeout(c.evalTimer);
  else if (c.evalTimer) return;
  const show = () => {
    c.timers.delete(c.evalTimer);
    c.evalTimer = 0;
    c.lastEvalView = performance.now();
    if (c.evaluation && !c.destroyed) showEvaluation(c, c.evaluation);
  };
  const wait = now || !c.playing ? 0 : (c.lastEvalView ?? 0) + EVAL_VIEW_MS - performance.now();
  if (wait <= 0) show();
  else c.timers.add((c.evalTimer = setTimeout(show, wait)));
}

function showEvaluation(c, ev) {
  c.root.querySelector('.mn-eval').classList.add('mn-has-eval');
  c.confusion.update(ev);
  c.gallery.update(ev);
  c.$('eval-summary').replaceChildren(
    Object.assign(document.createElement('b'), { textContent: pct(ev.accuracy, 2) }),
    ` of ${fmtInt(ev.count)} test ${c.dataName === 'MNIST' ? 'digits' : 'images'} right after ${fmt(ev.epochs, ev.epochs % 1 === 0 ? 0 : 2)} epoch${ev.epochs === 1 ? '' : 's'} (test loss ${fmt(ev.loss, 3)}).`,
  );
}
