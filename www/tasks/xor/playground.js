// The XOR playground's controller: the session, the play loop, the learner's actions (and the long
// runs train and think), input on the canvas and the frame loop. DOM: dom.js; a frame: frame.js.

import { TASKS, NETWORK_SETTINGS, networkOptions, partsOf, checkSettings, defaultOf, appliesTo, coreWords } from '../../core/config.js';
import { describePalette } from '../../render/theme.js';
import { t } from '../../core/i18n.js';
import { taskTitle } from '../../ui/network-fields.js';
import { ownsKeys } from '../../ui/controls.js';
import { Player, phaseMs } from '../../ui/player.js';
import { Slicer, yieldToEventLoop } from '../../core/scheduler.js';
import { claimPage, releasePage, embedCodeFor, linkFor, writeUrl, publicSettings } from '../../ui/task-common.js';
import { buildDom, applyView } from './dom.js';
import { render, sameHit } from './frame.js';
import { XorRecording } from './recording.js';

const STEP_KINDS = ['phase', 'example', 'cycle'];
/** What configure() may change on a live playground (the rest is fixed at mount). */
const LIVE_SETTINGS = ['task', ...NETWORK_SETTINGS, 'speed', 'schedule', 'palette', 'values'];
const STILL = { start: 0, dur: 0, flash: false };
/** Whether the learner asked for less motion (animations then take no time). */
const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class XorPlayground {
  constructor(element, session, settings, warnings) {
    Object.assign(this, { element, session, settings, warnings: warnings.slice(), events: session.events, parts: partsOf(settings) });
    this.id = `ng-${Math.random().toString(36).slice(2, 10)}`;
    Object.assign(this, { anim: STILL, hover: null, pointer: null, frameReq: 0, destroyed: false, thinkToken: null, trainToken: null });
    this.onFrame = this.onFrame.bind(this);
    this.onKey = this.onKey.bind(this);
    this.player = new Player({
      session,
      speed: () => this.settings.speed,
      schedule: () => this.settings.schedule,
      step: (kind, ms) => this.doStep(kind, ms),
      train: (n) => this.session.trainCycles(n),
      changed: (playing, reason) => {
        this.controls?.set({ playing });
        this.requestFrame();
        if (reason === 'crashed') return; // the module stopped: no state to tell (the section's notice says it)
        this.events.emit(playing ? 'play' : 'pause', { reason, state: this.state() });
        if (!playing && reason === 'end' && this.recording.active) this.recording.stop().catch((e) => this.alert(e.message));
      },
    });
    buildDom(this);
    this.recording = new XorRecording(this);
    this.unsubDiverged = this.events.on('diverged', ({ message }) => {
      this.player.pause('diverged');
      this.alert(coreWords({ code: 'diverged', detail: message }));
    });
    this.networkChanged();
    render(this, performance.now());
    claimPage(element, this.id, settings);
    if (settings.start === 'playing') this.play();
  }

  defaultProbe() {
    return { 2: '1, 1', 3: '1, 1, 0' }[this.session.info.sizes[0]] ?? '';
  }

  /** After the network object was (re)built. */
  networkChanged() {
    this.table?.setExamples(this.session.examples);
    this.probe?.setDefault(this.defaultProbe());
    this.anim = STILL;
    this.setHover(null);
    this.alert(null);
    this.canvas.setAttribute('aria-label', t('xor.canvasDescription', { sizes: this.session.info.sizes.join('-'), task: taskTitle(this.settings.task), palette: describePalette(this.settings.palette) }));
    this.root.dataset.task = this.settings.task;
    this.requestFrame(true);
  }

  /** Stops whatever runs: playing, thinking, training. */
  halt() {
    this.player.pause();
    this.thinkToken = this.trainToken = null;
  }

  /** Animates what is shown for `dur` ms (the update flashes when `flash`). */
  animate(dur, flash = false) {
    this.anim = { start: performance.now(), dur: reducedMotion() ? 0 : dur, flash };
    this.requestFrame(true);
  }

  /** Shows the network as it is, without animating (after training at speed). */
  still() {
    this.anim = STILL;
    this.requestFrame(true);
  }

  /** A step: runs it and starts its animation. Returns the state. */
  doStep(kind, animMs) {
    const s = this.session.step(kind);
    if (!s.diverged) this.alert(null);
    this.animate(animMs, kind !== 'cycle' && s.phase === 'update');
    return s;
  }

  /** A step asked for by the learner or the API: pauses play and any thinking first. */
  userStep(kind) {
    if (!STEP_KINDS.includes(kind)) throw new Error(`neuroglow step(kind): kind must be "phase", "example" or "cycle", not ${JSON.stringify(kind)}`);
    this.player.pause();
    this.thinkToken = null;
    this.doStep(kind, Math.min(650, Math.max(280, phaseMs(this.settings.speed) * 0.85)));
    return this.state();
  }

  play() {
    if (this.player.playing) return;
    this.thinkToken = this.trainToken = null;
    const { diverged } = this.session.state();
    if (diverged) return this.alert(coreWords({ code: 'diverged', detail: diverged }));
    this.player.play();
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
    this.halt();
    this.session.build(this.session.netOptions);
    this.networkChanged();
    const s = this.state();
    this.events.emit('reset', s);
    return s;
  }

  /** Changes settings (network ones rebuild; a new task starts from its defaults); throws, changing nothing, for a refused one. */
  configure(changes, { byLabel = false } = {}) {
    const checked = checkSettings(changes ?? {}, this.settings.task, { byLabel, allowed: LIVE_SETTINGS });
    const task = checked.task ?? this.settings.task;
    if (TASKS[task].view !== 'xor') throw new Error(`task "${task}" needs a playground of its own: mount() one`);
    const next = { ...this.settings, ...checked };
    if (task !== this.settings.task) {
      for (const n of NETWORK_SETTINGS) {
        if (!appliesTo(n, task)) delete next[n];
        else next[n] = n in checked ? checked[n] : defaultOf(n, task);
      }
    }
    const rebuild = Object.keys(checked).some((k) => k === 'task' || NETWORK_SETTINGS.includes(k));
    if (rebuild) {
      this.session.build(networkOptions(next)); // throws before anything changes
      this.halt();
    }
    if (next.schedule !== this.settings.schedule) this.player.clear();
    this.settings = next;
    if (rebuild) {
      this.networkChanged();
      this.settingsPanel?.show(this.settings);
    }
    applyView(this);
    if (!this.destroyed) writeUrl(this.element, this.root, this.id, this.settings);
    this.events.emit('settings', publicSettings(this.settings));
    return { ...this.session.info };
  }

  rewind(index) {
    this.player.pause();
    this.thinkToken = null;
    const s = this.session.restore(index);
    this.alert(null);
    this.still();
    return s;
  }

  /** Trains `cycles` more cycles in slices that yield to the browser; resolves with the state. */
  async train(cycles) {
    if (!Number.isSafeInteger(cycles) || cycles < 0) throw new Error('neuroglow train({ cycles }): cycles must be a whole number ≥ 0');
    this.halt();
    const token = (this.trainToken = {});
    const { session } = this;
    const [net, target] = [session.pg, session.state().cycle + cycles];
    const slicer = new Slicer({ budgetMs: 10, start: 200 });
    // Until done or diverged; a later action (pause, step, …), a rebuild or destroy() ends it early.
    while (!this.destroyed && this.trainToken === token && session.pg === net) {
      const s = session.state();
      if (s.cycle >= target || s.diverged) break;
      slicer.run(target - s.cycle, (n) => session.trainCycles(n));
      this.still();
      await yieldToEventLoop();
    }
    if (this.trainToken === token) this.trainToken = null;
    return this.destroyed ? null : this.state();
  }

  /** Shows the network thinking about an input, layer by layer. Resolves with its outputs. */
  async think(values) {
    this.player.pause();
    const token = (this.thinkToken = {});
    this.session.pg.probe(Float32Array.from(values)); // throws for a bad input, nothing changed
    let s = this.session.state();
    const stepMs = reducedMotion() ? 0 : Math.min(700, Math.max(300, phaseMs(this.settings.speed)));
    this.animate(stepMs * 0.85);
    while (s.probing && s.inProgress && this.thinkToken === token) {
      await new Promise((r) => setTimeout(r, stepMs));
      if (this.destroyed || this.thinkToken !== token) break;
      s = this.doStep('phase', stepMs * 0.85);
    }
    const finished = this.thinkToken === token;
    if (finished) this.thinkToken = null;
    if (this.destroyed) return [];
    const output = Array.from(this.session.pg.view('a', this.session.info.sizes.length - 1));
    if (finished) this.probe?.show(values, output);
    else this.probe?.answerNow(values, () => this.session.predict(values)); // (interrupted: the answer of the network as it is now)
    this.events.emit('prediction', { input: Array.from(values), output, thought: true });
    return output;
  }

  predict(input) {
    const output = this.session.predict(input);
    this.events.emit('prediction', { input: Array.from(input), output, thought: false });
    return output;
  }

  state() {
    return { ...this.session.state(), playing: this.player.playing, recording: this.recording?.active ?? false };
  }

  link() {
    return linkFor(this.element, this.settings);
  }

  embedCode(options) {
    const title = t('xor.embedTitle', { sizes: this.session.info.sizes.join('-'), task: taskTitle(this.settings.task) });
    return embedCodeFor(this.element, this.settings, title, options);
  }

  onKey(e) {
    const target = e.target;
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || this.destroyed || ownsKeys(target)) return;
    // Keys inside another playground are its own; one out of sight (a hidden tab) takes none.
    if ((target instanceof Element && target.closest('[data-neuroglow]') && !this.root.contains(target)) || this.root.getClientRects().length === 0) return;
    try {
      if (e.key === ' ' || e.key === 'Spacebar') {
        if (target instanceof Element && target.closest('button, a, summary')) return; // they click themselves
        e.preventDefault();
        this.player.playing ? this.pause() : this.play();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        this.userStep('phase');
      }
    } catch (err) {
      this.alert(err.message);
    }
  }

  onPointer(e, tap = false) {
    const rect = this.canvas.getBoundingClientRect();
    const [x, y] = [e.clientX - rect.left, e.clientY - rect.top];
    const hit = this.view.hitTest(x, y);
    if (tap && e.pointerType !== 'mouse' && hit && sameHit(hit, this.hover)) return this.setHover(null); // a second tap closes it
    this.pointer = { x, y };
    this.setHover(hit);
  }

  setHover(hit) {
    const changed = !sameHit(hit, this.hover);
    this.hover = hit;
    if (!hit) this.tipEl.hidden = true;
    if (changed) this.requestFrame(true);
  }

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
      const busy = animating || this.player.playing || this.recording.active;
      if (this.dirty || busy) render(this, now);
      if (busy) this.requestFrame();
    } catch (e) {
      const crashed = e?.code === 'crashed'; // (reported once, by the section's notice)
      this.player.pause(crashed ? 'crashed' : 'user');
      this.alert(t('xor.somethingWrong', { message: e.message }));
      if (!crashed) console.error(e);
    }
  }

  /** Shows `message` in the alert under the canvas (null: hides it). */
  alert(message) {
    this.alertEl.textContent = message ?? '';
    this.alertEl.hidden = message === null;
  }

  destroy() {
    if (this.destroyed) return;
    this.recording.abort();
    this.destroyed = true;
    this.player.pause();
    cancelAnimationFrame(this.frameReq);
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
