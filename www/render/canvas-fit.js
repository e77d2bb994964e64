// Keeps a canvas's backing store the size of its box on screen times the device pixel ratio, so
// every canvas of the page stays crisp on high-DPI screens and follows the layout as it resizes.

export class CanvasFit {
  /**
   * @param {HTMLElement} wrap  the element whose box the canvas fills (observed for size)
   * @param {HTMLCanvasElement|string} canvas  the canvas, or the class of a new one (role img)
   *   appended to wrap and removed by destroy()
   * @param {() => void} onResize  called after the backing store changed size (not at construction)
   * @param {number} [maxDpr]  cap on the pixel ratio (bigger backing stores cost fill rate)
   */
  constructor(wrap, canvas, onResize, maxDpr = 3) {
    this.owns = typeof canvas === 'string';
    if (this.owns) {
      canvas = wrap.appendChild(Object.assign(document.createElement('canvas'), { className: canvas }));
      canvas.setAttribute('role', 'img');
    }
    // w, h: CSS pixels of the box; dpr: the pixel ratio in use.
    Object.assign(this, { wrap, canvas, maxDpr, w: 0, h: 0, dpr: 1 });
    this.update();
    // Resizing the backing store inside the observer's callback can change the layout it just
    // measured (the engines then report "ResizeObserver loop completed with undelivered
    // notifications"); doing it on the next animation frame keeps layout and observation apart.
    this.frame = 0;
    this.observer = new ResizeObserver(() => {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        if (this.update()) onResize();
      });
    });
    this.observer.observe(wrap);
  }

  /** Measures the box; resizes the backing store and returns true when anything changed. */
  update() {
    const r = this.wrap.getBoundingClientRect();
    const dpr = Math.min(window.devicePixelRatio || 1, this.maxDpr);
    const [w, h] = [Math.max(1, Math.round(r.width)), Math.max(1, Math.round(r.height))];
    if (w === this.w && h === this.h && dpr === this.dpr) return false;
    Object.assign(this, { w, h, dpr });
    Object.assign(this.canvas, { width: Math.round(w * dpr), height: Math.round(h * dpr) });
    return true;
  }

  destroy() {
    this.observer.disconnect();
    cancelAnimationFrame(this.frame);
    if (this.owns) this.canvas.remove();
  }
}
