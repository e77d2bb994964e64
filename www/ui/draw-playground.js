// mount(element, { task: 'draw', model: 'modern' | '3b1b' }): the draw-a-digit section
// (www/draw/draw-view.js) behind the public API's conventions: its settings (the shipped model
// that reads the drawing; embed, controls and hide for the layout) from config.js, so they live
// in the URL and the Share link with a warning for a bad value, and the common methods
// (settings, warnings, link, embedCode, on, destroy) around the section's own (predict, clear,
// undo, draw, useModel, input, state).

import { checkSettings, partNames, partsOf } from '../core/config.js';
import { Emitter } from '../core/events.js';
import { addStylesheet, writeUrl, linkFor, embedCodeFor, mountSection, claimPage, releasePage, destroyGuards } from './task-common.js';

const TASK = 'draw';
const OWN_EVENTS = ['settings'];

let counter = 0;

/** view for config.js TASKS.draw (neuroglow.js VIEWS). */
export async function mountDrawTask(element, resolved) {
  const doc = element.ownerDocument;
  addStylesheet(doc);
  const { settings, warnings } = resolved;
  let mountDraw;
  try {
    ({ mountDraw } = await import('../draw/draw-view.js'));
  } catch (e) {
    throw new Error(`neuroglow: the draw-a-digit section could not be loaded (${e.message})`);
  }
  const id = `ng-draw-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const shown = partsOf(settings);
  const hide = partNames(TASK).filter((p) => !shown.has(p));
  const { root, section } = await mountSection(element, { task: TASK, id, warnings }, (into) =>
    mountDraw(into, { model: settings.model, heading: settings.heading && !settings.embed, hide }),
  );
  root.classList.toggle('ng-embed', settings.embed);
  return new DrawPlayground(element, root, id, section, settings, warnings).api;
}

class DrawPlayground {
  constructor(element, root, id, view, settings, warnings) {
    this.element = element;
    this.root = root;
    this.id = id;
    this.view = view;
    this.settings = settings;
    this.warnings = warnings.slice();
    this.events = new Emitter();
    this.destroyed = false;
    this.offModel = view.on('model', ({ model }) => this.follow(model));
    claimPage(element, id, settings);
    this.api = this.makeApi();
  }

  publicSettings() {
    const { url, appUrl, heading, ...rest } = structuredClone(this.settings);
    return rest;
  }

  /** A shipped model chosen (by useModel() or the menu) is a setting: in the URL and Share links. */
  follow(model) {
    if (this.destroyed || model === this.settings.model) return;
    try {
      checkSettings({ model }, TASK, { allowed: ['model'] });
    } catch {
      return; // a page model or bytes: nothing a link could hold
    }
    this.settings = { ...this.settings, model };
    writeUrl(this.element, this.root, this.id, this.settings);
    this.events.emit('settings', this.publicSettings());
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.offModel();
    this.view.destroy();
    this.root.remove();
    this.events.clear();
    releasePage(this.element, this.id);
  }

  makeApi() {
    const self = this;
    const view = this.view;
    const { live } = destroyGuards(() => self.destroyed);
    // The section's own methods pass through as they are (draw-view.js documents them).
    const own = {};
    for (const name of ['predict', 'clear', 'undo', 'draw', 'input', 'useModel']) {
      if (typeof view[name] === 'function') own[name] = live(name, (...args) => view[name](...args));
    }
    own.state = live('state', () => ({ task: TASK, ...view.state() }));
    return Object.freeze({
      ...own,
      get canvas() {
        return view.canvas;
      },
      settings: live('settings', () => self.publicSettings()),
      warnings: live('warnings', () => self.warnings.slice()),
      link: live('link', () => linkFor(self.element, self.settings)),
      embedCode: live('embedCode', (opts) => embedCodeFor(self.element, self.settings, 'neuroglow: draw a digit and watch a neural network read it', opts)),
      on: live('on', (name, fn) => (OWN_EVENTS.includes(name) ? self.events.on(name, fn) : view.on(name, fn))),
      destroy: () => self.destroy(),
      get task() {
        return TASK;
      },
      get element() {
        return self.root;
      },
    });
  }
}
