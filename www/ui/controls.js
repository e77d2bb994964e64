// Frame-by-frame controls: Step, Next example, Next cycle, Play/Pause, Reset, Speed, Schedule
// and the Rewind scrubber over the kept snapshots; plus the keyboard (Space, Right arrow).

import { fmtInt } from '../core/format.js';
import { BY_NAME } from '../core/config.js';

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('aria') || k.startsWith('data') || k === 'for' || k === 'role') e.setAttribute(k === 'for' ? 'for' : k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`), v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
}
export { el };

function button(label, icon, cls = '') {
  const b = el('button', { type: 'button', class: `ng-btn ${cls}` });
  b.append(el('span', { class: 'ng-icon', ariaHidden: 'true', text: icon }), el('span', { class: 'ng-label', text: label }));
  return b;
}

export class Controls {
  /**
   * @param id       unique prefix for element ids
   * @param handlers { step(kind), toggle(), reset(), speed(v), schedule(on), rewind(i) }
   * @param parts    the parts to show (config.js PARTS); the others are made but not shown
   * @param extra    elements appended as a last group (the tools: Share, Embed, Record, …)
   */
  constructor(id, handlers, { speed, schedule }, parts = null, extra = []) {
    this.h = handlers;
    const show = (name) => !parts || parts.has(name);
    this.stepBtn = button('Step', '›', 'ng-primary');
    this.stepBtn.title = 'Next phase (Right arrow)';
    this.exampleBtn = button('Next example', '»');
    this.cycleBtn = button('Next cycle', '⟳');
    this.playBtn = button('Play', '▶', 'ng-play');
    this.playBtn.title = 'Play / Pause (Space)';
    this.resetBtn = button('Reset', '↺');

    this.speed = el('input', { type: 'range', id: `${id}-speed`, min: String(BY_NAME.speed.min), max: String(BY_NAME.speed.max), step: '1', value: String(speed) });
    this.schedule = el('input', { type: 'checkbox', id: `${id}-schedule`, checked: schedule });
    this.rewind = el('input', { type: 'range', id: `${id}-rewind`, min: '0', max: '0', step: '1', value: '0' });
    this.rewindOut = el('output', { class: 'ng-rewind-out', htmlFor: `${id}-rewind`, text: 'cycle 0' });

    this.stepBtn.addEventListener('click', () => handlers.step('phase'));
    this.exampleBtn.addEventListener('click', () => handlers.step('example'));
    this.cycleBtn.addEventListener('click', () => handlers.step('cycle'));
    this.playBtn.addEventListener('click', () => handlers.toggle());
    this.resetBtn.addEventListener('click', () => handlers.reset());
    this.speed.addEventListener('input', () => handlers.speed(Number(this.speed.value)));
    this.schedule.addEventListener('change', () => handlers.schedule(this.schedule.checked));
    this.rewind.addEventListener('input', () => handlers.rewind(Number(this.rewind.value)));

    const buttons = [
      ['step', this.stepBtn],
      ['example', this.exampleBtn],
      ['cycle', this.cycleBtn],
      ['play', this.playBtn],
      ['reset', this.resetBtn],
    ].filter(([name]) => show(name)).map(([, b]) => b);
    const sliders = [
      ['speed', el('div', { class: 'ng-field ng-inline ng-speed' }, el('label', { for: `${id}-speed`, text: 'Speed' }), this.speed)],
      [
        'schedule',
        el(
          'div',
          { class: 'ng-field ng-inline ng-check', title: 'Slow at first, then jumps through the source\u2019s frames: cycle 2, 10, 20, 50, … 60,000' },
          this.schedule,
          el('label', { for: `${id}-schedule`, text: 'Schedule' }),
        ),
      ],
      ['rewind', el('div', { class: 'ng-field ng-inline ng-rewind' }, el('label', { for: `${id}-rewind`, text: 'Rewind' }), this.rewind, this.rewindOut)],
    ].filter(([name]) => show(name)).map(([, f]) => f);
    this.hasRewind = show('rewind');

    this.element = el('div', { class: 'ng-controls', role: 'group', ariaLabel: 'Training controls' });
    if (buttons.length) this.element.append(el('div', { class: 'ng-buttons' }, ...buttons));
    if (sliders.length) this.element.append(el('div', { class: 'ng-sliders' }, ...sliders));
    if (extra.length) this.element.append(el('div', { class: 'ng-tools' }, ...extra));
    this.empty = !buttons.length && !sliders.length && !extra.length;
    this.snapKey = '';
    this.cycles = [0];
  }

  setSpeed(v) {
    this.speed.value = String(v);
  }

  setSchedule(on) {
    this.schedule.checked = on;
  }

  setPlaying(playing) {
    this.playBtn.querySelector('.ng-label').textContent = playing ? 'Pause' : 'Play';
    this.playBtn.querySelector('.ng-icon').textContent = playing ? '❚❚' : '▶';
    this.playBtn.classList.toggle('ng-on', playing);
  }

  /** Keeps the Rewind scrubber in step with the snapshots and the current cycle. */
  update(state, snapshotCycles) {
    if (!this.hasRewind) return;
    const key = `${state.snapshotCount}:${state.cycle}`;
    if (key === this.snapKey) return;
    this.snapKey = key;
    const cycles = snapshotCycles();
    this.cycles = cycles;
    let idx = 0;
    for (let i = 0; i < cycles.length; i++) if (cycles[i] <= state.cycle) idx = i;
    this.rewind.max = String(Math.max(0, cycles.length - 1));
    this.rewind.disabled = cycles.length < 2;
    this.rewind.value = String(idx);
    this.setRewindLabel(cycles[idx] ?? 0);
  }

  setRewindLabel(cycle) {
    const text = `cycle ${fmtInt(cycle)}`;
    this.rewindOut.textContent = text;
    this.rewind.setAttribute('aria-valuetext', text);
  }
}

/** Whether a key event's target handles keys itself (text fields, sliders, selects…). */
export function ownsKeys(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
