// el() and button(), which the playgrounds' DOM is made with, and XOR's frame-by-frame controls:
// Step, Next example, Next cycle, Play/Pause, Reset, Speed, Schedule and the Rewind scrubber.

import { fmtInt } from '../core/format.js';
import { BY_NAME } from '../core/config.js';
import { t } from '../core/i18n.js';

/** An element with properties (class, text, aria*, data*, for, role as attributes) and children. */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (/^(aria|data)[A-Z]|^(for|role)$/.test(k)) e.setAttribute(k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`), v);
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

/** A button with an icon and a label (setButton() changes both); `props` as for el(). */
export function button(label, icon, { cls = '', onClick = null, ...props } = {}) {
  const sign = el('span', { class: 'ng-icon', ariaHidden: 'true', text: icon });
  return el('button', { type: 'button', class: `ng-btn ${cls}`, onclick: onClick, ...props }, sign, el('span', { class: 'ng-label', text: label }));
}

export function setButton(b, label, icon, on) {
  b.querySelector('.ng-label').textContent = label;
  b.querySelector('.ng-icon').textContent = icon;
  b.classList.toggle('ng-on', on);
}

const field = (cls, ...children) => el('div', { class: `ng-field ng-inline ${cls}` }, ...children);

export class Controls {
  /** `h`: { step(kind), toggle(), reset(), speed(v), schedule(on), rewind(i) }; `extra`: the tools, a last group. */
  constructor(id, h, { speed, schedule }, parts, extra) {
    const { min, max } = BY_NAME.speed;
    const range = (name, props, on) => el('input', { type: 'range', id: `${id}-${name}`, step: '1', ...props, oninput: (e) => on(Number(e.target.value)) });
    this.speed = range('speed', { min: String(min), max: String(max), value: String(speed) }, h.speed);
    this.schedule = el('input', { type: 'checkbox', id: `${id}-schedule`, checked: schedule, onchange: (e) => h.schedule(e.target.checked) });
    this.rewind = range('rewind', { min: '0', max: '0', value: '0' }, h.rewind);
    this.rewindOut = el('output', { class: 'ng-rewind-out', htmlFor: `${id}-rewind`, text: t('ui.rewindCycle', { cycle: fmtInt(0) }) });
    this.playBtn = button(t('ui.play'), '▶', { cls: 'ng-play', title: t('ui.playTitle'), onClick: () => h.toggle() });
    const label = (name, text) => el('label', { for: `${id}-${name}`, text });
    const pick = (list) => list.filter(([name]) => parts.has(name)).map(([, e]) => e);
    const buttons = pick([
      ['step', button(t('ui.step'), '›', { cls: 'ng-primary', title: t('ui.stepTitle'), onClick: () => h.step('phase') })],
      ['example', button(t('ui.nextExample'), '»', { onClick: () => h.step('example') })],
      ['cycle', button(t('ui.nextCycle'), '⟳', { onClick: () => h.step('cycle') })],
      ['play', this.playBtn],
      ['reset', button(t('ui.reset'), '↺', { onClick: () => h.reset() })],
    ]);
    const sliders = pick([
      ['speed', field('ng-speed', label('speed', t('ui.speed')), this.speed)],
      ['schedule', el('div', { class: 'ng-field ng-inline ng-check', title: t('ui.scheduleTitle') }, this.schedule, label('schedule', t('ui.schedule')))],
      ['rewind', field('ng-rewind', label('rewind', t('ui.rewind')), this.rewind, this.rewindOut)],
    ]);
    this.hasRewind = parts.has('rewind');
    this.element = el('div', { class: 'ng-controls', role: 'group', ariaLabel: t('ui.trainingControls') });
    if (buttons.length) this.element.append(el('div', { class: 'ng-buttons' }, ...buttons));
    if (sliders.length) this.element.append(el('div', { class: 'ng-sliders' }, ...sliders));
    if (extra.length) this.element.append(el('div', { class: 'ng-tools' }, ...extra));
    this.snapKey = '';
  }

  set({ speed, schedule, playing }) {
    if (speed !== undefined) this.speed.value = String(speed);
    if (schedule !== undefined) this.schedule.checked = schedule;
    if (playing !== undefined) setButton(this.playBtn, t(playing ? 'ui.pause' : 'ui.play'), playing ? '❚❚' : '▶', playing);
  }

  /** Keeps the Rewind scrubber in step with the snapshots (`cycles()`: their cycles) and the cycle. */
  update(state, cycles) {
    const key = `${state.snapshotCount}:${state.cycle}`;
    if (!this.hasRewind || key === this.snapKey) return;
    this.snapKey = key;
    const list = cycles();
    const idx = Math.max(0, list.findLastIndex((c) => c <= state.cycle));
    this.rewind.max = String(Math.max(0, list.length - 1));
    this.rewind.disabled = list.length < 2;
    this.rewind.value = String(idx);
    const text = t('ui.rewindCycle', { cycle: fmtInt(list[idx] ?? 0) });
    this.rewindOut.textContent = text;
    this.rewind.setAttribute('aria-valuetext', text);
  }
}

/** Whether a key event's target handles keys itself (text fields, sliders, selects…). */
export function ownsKeys(target) {
  return target instanceof Element && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
