// When the WebAssembly module traps (a Rust panic aborts as `unreachable`; an out-of-bounds access,
// a stack overflow) the instance is dead: its memory and wasm-bindgen's bookkeeping are left
// half-way, so no call into it is safe again. A WasmInstance wraps one instantiated module and
// every object it makes: each call into wasm runs through call(), which turns a trap into a
// CrashError (code 'crashed'), marks the instance dead once (reading the panic the Rust hook kept,
// lastPanic()) and tells its listeners; afterwards nothing reaches the dead instance. What the
// page does about it (a notice, a fresh instance, the section mounted again) is ui/crash-notice.js's.
// No DOM here; unit-tested in Node (tests/unit/crash.test.mjs).

import { ready, t } from './i18n.js';

export const CRASHED = 'crashed';
/** A section that stops again this soon after it was (re)mounted is "crashing again". */
export const AGAIN_MS = 15_000;

/** Whether an exception thrown by a call into wasm is a trap (the instance is dead after it). */
export function isTrap(e) {
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return true;
  // A stack overflow inside wasm: V8 throws a RangeError, Firefox an InternalError.
  return (e instanceof RangeError && /call stack/i.test(e.message)) || e?.name === 'InternalError';
}

/**
 * What a crash says: the panic's message and location when Rust panicked (the hook in
 * crates/wasm/src/lib.rs), else the trap's own words ("unreachable", "memory access out of bounds").
 * Plain data: it also crosses from the MNIST worker to the page.
 */
export function describeCrash(panic, trap) {
  const trapText = String(trap?.message ?? trap ?? 'the module stopped');
  if (panic && typeof panic.message === 'string') {
    return { message: panic.message, location: typeof panic.location === 'string' ? panic.location : '', trap: trapText, panicked: true };
  }
  return { message: trapText, location: '', trap: trapText, panicked: false };
}

/** The Error a call into a dead module throws (and a crashed section's methods): code 'crashed'. */
export function crashError(crash) {
  // (in the page's language; the English words where no catalogue is loaded, e.g. a unit test)
  const e = new Error(ready() ? t('ui.crashError', { message: crash.message }) : `Something went wrong inside neuroglow: ${crash.message}`);
  return Object.assign(e, { code: CRASHED, crash: { ...crash } });
}

/**
 * How a section comes back after a crash: with the settings in force, except that one which
 * crashed again within AGAIN_MS of its last (re)mount starts paused, so a run that stops the
 * module at once cannot keep stopping it. `again`: whether it did.
 */
export function remountPlan(settings, { mountedAt, crashedAt }) {
  const again = mountedAt !== null && crashedAt - mountedAt < AGAIN_MS;
  const next = { ...settings };
  if (again && next.start === 'playing') next.start = 'paused';
  return { settings: next, again };
}

const isClass = (v) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
// Not calls into wasm: the loader's own functions (a new instance needs a new module record).
const HIDDEN = new Set(['default', 'initSync']);

/** One instantiated wasm-bindgen module (`raw`: its namespace) and everything made from it. */
export class WasmInstance {
  /** `log(text)`: how a trap without a panic message is reported (a panic is logged by Rust's hook). */
  constructor(raw, { id = 1, log = (text) => console.error(text) } = {}) {
    Object.assign(this, { raw, id, log, crash: null, listeners: new Set(), wrapped: new WeakMap() });
    this.classes = Object.values(raw).filter(isClass);
    /** The module as the page uses it: the same names, every call guarded. */
    this.exports = Object.freeze(Object.fromEntries(Object.entries(raw).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) => [k, this.guard(v, raw)])));
  }

  get dead() {
    return this.crash !== null;
  }

  /** Calls `fn(crash)` when this instance dies (at once, asynchronously, if it has); returns an unsubscribe. */
  onCrash(fn) {
    if (this.crash) {
      const crash = this.crash;
      queueMicrotask(() => fn(crash));
      return () => {};
    }
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Runs `fn`, a call into wasm: a trap kills the instance and becomes a CrashError; a dead instance runs nothing. */
  call(fn) {
    if (this.crash) throw crashError(this.crash);
    try {
      return this.wrap(fn());
    } catch (e) {
      if (!isTrap(e)) throw e;
      throw crashError(this.died(e));
    }
  }

  /** Marks the instance dead (once), with the panic Rust's hook kept, and tells the listeners. */
  died(trap) {
    if (this.crash) return this.crash;
    let panic = null;
    try {
      panic = this.raw.lastPanic?.() ?? null; // allocates nothing in wasm: safe on a dead module
    } catch {
      // no panic message then
    }
    this.crash = describeCrash(panic, trap);
    if (!this.crash.panicked) this.log(`neuroglow: the WebAssembly module stopped (${this.crash.trap}); the sections using it offer to reload`);
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const fn of listeners) {
      try {
        fn(this.crash);
      } catch (e) {
        console.error(e);
      }
    }
    return this.crash;
  }

  /** An object the module made: a guarded view of it (numbers, views and plain results pass as they are). */
  wrap(v) {
    if (v === null || typeof v !== 'object' || !this.classes.some((C) => v instanceof C)) return v;
    let p = this.wrapped.get(v);
    if (!p) this.wrapped.set(v, (p = this.guardObject(v)));
    return p;
  }

  /** A function or class of the module, guarded (a class: construction and static methods). */
  guard(v, self) {
    if (typeof v !== 'function') return v;
    if (!isClass(v)) return (...args) => this.call(() => v.apply(self, args));
    return new Proxy(v, {
      construct: (C, args) => this.call(() => Reflect.construct(C, args)),
      get: (C, key) => {
        const m = Reflect.get(C, key);
        return key === 'prototype' || typeof m !== 'function' ? m : (...args) => this.call(() => m.apply(C, args));
      },
    });
  }

  /** A Proxy calling the object's methods through call(). Methods are looked up at each call, on the object itself. */
  guardObject(obj) {
    return new Proxy(obj, {
      get: (o, key) => {
        const m = Reflect.get(o, key, o);
        if (typeof m !== 'function' || key === 'constructor') return m;
        if (key === 'free' || key === Symbol.dispose) return () => this.release(o, m);
        return (...args) => this.call(() => m.apply(o, args));
      },
    });
  }

  /** free(): on a live instance as usual; on a dead one only forgotten on the JS side (its memory goes with the module). */
  release(obj, free) {
    if (!this.crash) return this.call(() => free.call(obj));
    obj.__destroy_into_raw?.(); // pure JS: no finalizer will call into the dead module either
    return undefined;
  }
}
