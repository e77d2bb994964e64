// The XOR playground's controller: the network session, the play loop and the learner's actions
// (step, play, pause, reset, configure, rewind, predict), input on the canvas and the frame loop.
// The DOM it draws into is dom.js's, each frame frame.js's, recording recording.js's, the long
// runs (train, think) training.js's and the public handle api.js's.

import { TASKS, NETWORK_SETTINGS, networkOptions, partsOf, checkSettings, defaultOf, appliesTo } from '../../core/config.js';
import { describePalette } from '../../render/palette.js';
import { ownsKeys } from '../../ui/controls.js';
import { Player, phaseMs } from '../../ui/player.js';
import { claimPage, releasePage, embedCodeFor, linkFor, writeUrl } from '../../ui/task-common.js';
import { buildDom, applyView } from './dom.js';
import { render, sameHit } from './frame.js';
import { XorRecording } from './recording.js';
import { trainCycles, think, reducedMotion } from './training.js';
import { makeApi } from './api.js';

const STEP_KINDS = ['phase', 'example', 'cycle'];
/** What configure() may change on a live playground (the rest is fixed at mount). */
const LIVE_SETTINGS = ['task', ...NETWORK_SETTINGS, 'speed', 'schedule', 'palette', 'values'];

const copySettings = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) ? v.slice() : v]));

export class XorPlayground {
  constructor(element, session, settings, warnings) {
    this.element = element;
    this.session = session;
    this.settings = settings;
    this.warnings = warnings.slice();
    this.parts = partsOf(settings);
    this.id = `ng-${Math.random().toString(36).slice(2, 10)}`;
    this.speed = settings.speed;
    this.scheduleOn = settings.schedule;
    this.anim = { start: 0, dur: 0, flash: false };
    this.hover = null;
    this.pointer = null;
    this.frameReq = 0;
    this.destroyed = false;
    this.thinkToken = null;
    this.trainToken = null;
    this.onFrame = this.onFrame.bind(this);
    this.onKey = this.onKey.bind(this);
    this.events = session.events;

    this.player = new Player({
      session,
      speed: () => this.speed,
      schedule: () => this.scheduleOn,
      step: (kind, ms) => this.doStep(kind, ms),
      train: (n) => this.session.trainCycles(n),
      changed: (playing, reason) => {
        this.controls?.setPlaying(playing);
        this.requestFrame();
        this.events.emit(playing ? 'play' : 'pause', { reason, state: this.state() });
        if (!playing && reason === 'end' && this.recording.active) this.recording.stop().catch((e) => this.showAlert(e.message));
      },
    });
    this.recording = null;
    buildDom(this);
    this.recording = new XorRecording(this);
    this.unsubDiverged = this.events.on('diverged', ({ message }) => {
      this.player.pause('diverged');
      this.showAlert(message);
    });
    this.networkChanged();
    this.api = makeApi(this);
    this.render(performance.now());
    claimPage(element, this.id, settings);
    if (settings.start === 'playing') this.play();
  }

  defaultProbe() {
    return this.session.info.sizes[0] === 2 ? '1, 1' : this.session.info.sizes[0] === 3 ? '1, 1, 0' : '';
  }

  /** After the network object was (re)built. */
  networkChanged() {
    this.view.setNetwork(this.session.info);
    this.table?.setExamples(this.session.examples);
    this.anim = { start: 0, dur: 0, flash: false };
    this.setHover(null);
    this.hideAlert();
    this.canvas.setAttribute('aria-label', `A ${this.session.info.sizes.join('-')} neural network learning ${TASKS[this.settings.task].title}. ${describePalette(this.settings.palette)}`);
    this.root.dataset.task = this.settings.task;
    this.requestFrame(true);
  }

  // ---------------------------------------------------------------- actions

  /** A step: runs it and starts its animation. Returns the state. */
  doStep(kind, animMs) {
    let s;
    if (kind === 'phase') s = this.session.stepPhase();
    else if (kind === 'example') s = this.session.stepExample();
    else s = this.session.stepCycle();
    if (!s.diverged) this.hideAlert();
    const dur = reducedMotion() ? 0 : animMs;
    const flash = kind !== 'cycle' && s.phase === 'update';
    this.anim = { start: performance.now(), dur, flash };
    this.requestFrame(true);
    return s;
  }

  /** A step asked for by the learner or the API: pauses play and any thinking first. */
  userStep(kind) {
    if (!STEP_KINDS.includes(kind)) throw new Error(`neuroglow step(kind): kind must be "phase", "example" or "cycle", not ${JSON.stringify(kind)}`);
    this.player.pause();
    this.thinkToken = null;
    this.doStep(kind, Math.min(650, Math.max(280, phaseMs(this.speed) * 0.85)));
    return this.state();
  }

  togglePlay() {
    if (this.player.playing) this.pause();
    else this.play();
  }

  play() {
    if (this.player.playing) return;
    this.thinkToken = null;
    this.trainToken = null;
    if (this.session.state().diverged) {
      this.showAlert(this.session.state().diverged);
      return;
    }
    this.player.play();
    this.requestFrame();
  }

  /** Pauses playing, and stops a train() in progress (it resolves with the state reached). */
  pause() {
    this.session.interrupt();
    if (this.trainToken) {
      this.trainToken = null;
      this.events.emit('pause', { reason: 'user', state: this.state() });
    }
    this.player.pause();
  }

  reset() {
    this.player.pause();
    this.thinkToken = null;
    this.trainToken = null;
    this.session.build(this.session.netOptions);
    this.networkChanged();
    this.probe?.setDefault(this.defaultProbe());
    const s = this.state();
    this.events.emit('reset', s);
    return s;
  }

  /**
   * Changes settings (network ones rebuild the network; speed, schedule, palette and values apply
   * live). Settings not given keep their values; a new task starts from its own defaults.
   * Throws, changing nothing, when a setting is refused.
   */
  configure(changes, { byLabel = false } = {}) {
    const checked = checkSettings(changes ?? {}, this.settings.task, { byLabel, allowed: LIVE_SETTINGS });
    const task = checked.task ?? this.settings.task;
    if (TASKS[task].view !== 'xor') throw new Error(`task "${task}" needs a playground of its own: mount() one`);
    const next = { ...this.settings, ...checked };
    const rebuild = Object.keys(checked).some((k) => k === 'task' || NETWORK_SETTINGS.includes(k));
    if (checked.task && checked.task !== this.settings.task) {
      for (const n of NETWORK_SETTINGS) {
        if (!appliesTo(n, task)) delete next[n];
        else next[n] = n in checked ? checked[n] : defaultOf(n, task);
      }
    }
    if (rebuild) {
      this.session.build(networkOptions(next)); // throws before anything changes
      this.player.pause();
      this.thinkToken = null;
      this.trainToken = null;
    }
    this.settings = next;
    this.speed = next.speed;
    if (next.schedule !== this.scheduleOn) {
      this.scheduleOn = next.schedule;
      this.player.clear();
    }
    if (rebuild) {
      this.networkChanged();
      this.probe?.setDefault(this.defaultProbe());
      this.settingsPanel?.show(this.settings);
    }
    applyView(this);
    this.syncUrl();
    this.events.emit('settings', this.publicSettings());
    return { ...this.session.info };
  }

  rewind(index) {
    this.player.pause();
    this.thinkToken = null;
    const s = this.session.restore(index);
    this.hideAlert();
    this.anim = { start: 0, dur: 0, flash: false };
    this.requestFrame(true);
    return s;
  }

  /** Trains in slices that yield to the browser; resolves with the state (pause() stops it). */
  async train({ cycles } = {}) {
    return trainCycles(this, cycles);
  }

  /** Shows the network thinking about an input, layer by layer. Resolves with its outputs. */
  think(values) {
    return think(this, values);
  }

  predict(input) {
    const output = this.session.predict(input);
    this.events.emit('prediction', { input: Array.from(input), output, thought: false });
    return output;
  }

  state() {
    return { ...this.session.state(), playing: this.player.playing, recording: this.recording?.active ?? false };
  }

  publicSettings() {
    const { url, appUrl, ...rest } = copySettings(this.settings);
    return rest;
  }

  // ---------------------------------------------------------------- links

  /** A link that opens these settings as the full playground (an embed's link opens the full page). */
  link() {
    return linkFor(this.element, this.settings);
  }

  /** An <iframe> snippet showing these settings in the compact embed layout. */
  embedCode(options) {
    const title = `neuroglow: a ${this.session.info.sizes.join('-')} neural network learning ${TASKS[this.settings.task].title}`;
    return embedCodeFor(this.element, this.settings, title, options);
  }

  /** With url: true, the page URL follows the settings (no reload, no history entry). */
  syncUrl() {
    if (!this.destroyed) writeUrl(this.element, this.root, this.id, this.settings);
  }

  // ---------------------------------------------------------------- input

  onKey(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || this.destroyed) return;
    const t = e.target;
    if (ownsKeys(t)) return;
    // Under keyboard: 'page', keys inside another playground belong to that one, and a
    // playground out of sight (e.g. in a hidden tab) takes none.
    if (t instanceof Element && t.closest('[data-neuroglow]') && !this.root.contains(t)) return;
    if (this.root.getClientRects().length === 0) return;
    try {
      if (e.key === ' ' || e.key === 'Spacebar') {
        if (t instanceof Element && t.closest('button, a, summary')) return; // they click themselves
        e.preventDefault();
        this.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        this.userStep('phase');
      }
    } catch (err) {
      this.showAlert(err.message);
    }
  }

  onPointer(e, tap = false) {
    const rect = this.canvas.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = this.view.hitTest(x, y);
    if (tap && e.pointerType !== 'mouse' && hit && this.hover && sameHit(hit, this.hover)) {
      this.setHover(null); // a second tap closes it
      return;
    }
    this.pointer = { x, y };
    this.setHover(hit);
  }

  setHover(hit) {
    const changed = !sameHit(hit, this.hover);
    this.hover = hit;
    if (!hit) this.tooltip.hide();
    if (changed) this.requestFrame(true);
  }

  // ---------------------------------------------------------------- drawing

  requestFrame(dirty = false) {
    if (dirty) this.dirty = true;
    if (!this.frameReq && !this.destroyed) this.frameReq = requestAnimationFrame(this.onFrame);
  }

  onFrame(now) {
    this.frameReq = 0;
    if (this.destroyed) return;
    try {
      this.player.tick(now);
      const animating = this.anim.dur > 0 && now - this.anim.start < this.anim.dur + 32;
      // While recording every frame is drawn, so the video stream has a steady frame rate.
      const recording = this.recording?.active ?? false;
      if (this.dirty || animating || this.player.playing || recording) this.render(now);
      if (this.player.playing || animating || recording) this.requestFrame();
    } catch (e) {
      this.player.pause();
      this.showAlert(`Something went wrong: ${e.message}`);
      console.error(e);
    }
  }

  render(now) {
    render(this, now);
  }

  showAlert(message) {
    this.alertEl.textContent = message;
    this.alertEl.hidden = false;
  }

  hideAlert() {
    if (!this.alertEl.hidden) {
      this.alertEl.hidden = true;
      this.alertEl.textContent = '';
    }
  }

  destroy() {
    if (this.destroyed) return;
    this.recording?.abort();
    this.destroyed = true;
    this.player.pause();
    if (this.frameReq) cancelAnimationFrame(this.frameReq);
    this.frameReq = 0;
    document.removeEventListener('keydown', this.onKey);
    this.view.destroy();
    this.chart?.destroy();
    this.tools?.destroy();
    this.unsubDiverged();
    this.root.remove();
    releasePage(this.element, this.id);
    this.session.free();
  }
}
