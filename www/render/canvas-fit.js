// Keeps a canvas's backing store the size of its box on screen times the device pixel ratio,
// so drawings stay crisp on high-DPI screens and follow the layout as it resizes. Every canvas
// of the page (network drawings, charts) uses this one piece instead of its own copy.

export class CanvasFit {
  /**
   * @param {HTMLElement} wrap  the element whose box the canvas fills (observed for size)
   * @param {HTMLCanvasElement} canvas
   * @param {() => void} onResize  called after the backing store changed size (not at construction)
   * @param {number} [maxDpr]  cap on the pixel ratio (bigger backing stores cost fill rate)
   */
  constructor(wrap, canvas, onResize, maxDpr = 3) {
    this.wrap = wrap;
    this.canvas = canvas;
    this.maxDpr = maxDpr;
    /** CSS pixels of the box, and the pixel ratio in use. */
    this.w = 0;
    this.h = 0;
    this.dpr = 1;
    this.update();
    this.observer = new ResizeObserver(() => {
      if (this.update()) onResize();
    });
    this.observer.observe(wrap);
  }

  /** Measures the box; resizes the backing store and returns true when anything changed. */
  update() {
    const r = this.wrap.getBoundingClientRect();
    const dpr = Math.min(window.devicePixelRatio || 1, this.maxDpr);
    const w = Math.max(1, Math.round(r.width));
    const h = Math.max(1, Math.round(r.height));
    if (w === this.w && h === this.h && dpr === this.dpr) return false;
    this.w = w;
    this.h = h;
    this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    return true;
  }

  destroy() {
    this.observer.disconnect();
  }
}
