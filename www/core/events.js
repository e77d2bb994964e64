// A tiny event emitter: on() returns an unsubscribe function; a throwing listener is reported
// but never breaks the caller.

export class Emitter {
  constructor() {
    this.listeners = new Map();
  }

  on(name, fn) {
    if (typeof fn !== 'function') throw new TypeError(`on("${name}", fn): fn must be a function`);
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
    return () => this.listeners.get(name)?.delete(fn);
  }

  /** Whether anyone listens to `name`. */
  has(name) {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }

  emit(name, value) {
    for (const fn of [...(this.listeners.get(name) ?? [])]) {
      try {
        fn(value);
      } catch (e) {
        // Reported asynchronously so one broken listener cannot stop the playground.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  clear() {
    this.listeners.clear();
  }
}
