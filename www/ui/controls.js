// Frame-by-frame controls: Step, Next example, Next cycle, Play/Pause, Reset, Speed, Schedule
// and the Rewind scrubber over the kept snapshots; plus the keyboard (Space, Right arrow).

import { fmtInt } from '../core/format.js';
import { SPEED_MIN, SPEED_MAX } from './player.js';

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
   */
  constructor(id, handlers, { speed, schedule }) {
    this.h = handlers;
    this.stepBtn = button('Step', '›', 'ng-primary');
    this.stepBtn.title = 'Next phase (Right arrow)';
    this.exampleBtn = button('Next example', '»');
    this.cycleBtn = button('Next cycle', '⟳');
    this.playBtn = button('Play', '▶', 'ng-play');
    this.playBtn.title = 'Play / Pause (Space)';
    this.resetBtn = button('Reset', '↺');

    this.speed = el('input', { type: 'range', id: `${id}-speed`, min: String(SPEED_MIN), max: String(SPEED_MAX), step: '1', value: String(speed) });
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

    this.element = el(
      'div',
      { class: 'ng-controls', role: 'group', ariaLabel: 'Training controls' },
      el('div', { class: 'ng-buttons' }, this.stepBtn, this.exampleBtn, this.cycleBtn, this.playBtn, this.resetBtn),
      el(
        'div',
        { class: 'ng-sliders' },
        el('div', { class: 'ng-field ng-inline' }, el('label', { for: `${id}-speed`, text: 'Speed' }), this.speed),
        el(
          'div',
          { class: 'ng-field ng-inline ng-check', title: 'Slow at first, then jumps through the source\u2019s frames: cycle 2, 10, 20, 50, … 60,000' },
          this.schedule,
          el('label', { for: `${id}-schedule`, text: 'Schedule' }),
        ),
        el('div', { class: 'ng-field ng-inline ng-rewind' }, el('label', { for: `${id}-rewind`, text: 'Rewind' }), this.rewind, this.rewindOut),
      ),
    );
    this.snapKey = '';
    this.cycles = [0];
  }

  setPlaying(playing) {
    this.playBtn.querySelector('.ng-label').textContent = playing ? 'Pause' : 'Play';
    this.playBtn.querySelector('.ng-icon').textContent = playing ? '❚❚' : '▶';
    this.playBtn.classList.toggle('ng-on', playing);
  }

  /** Keeps the Rewind scrubber in step with the snapshots and the current cycle. */
  update(state, snapshotCycles) {
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
