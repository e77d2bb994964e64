// The 28×28 image the network actually reads (the Reader's preprocessed input), drawn one
// canvas pixel per input pixel and scaled up crisply by CSS, in the network view's colours.

export class SeenImage {
  constructor(wrap, side = 28) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'dr-seen-canvas';
    this.canvas.width = side;
    this.canvas.height = side;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', `What the network sees: your drawing as ${side}×${side} pixels`);
    wrap.prepend(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.image = this.ctx.createImageData(side, side);
  }

  /** Shows 784 ink values 0..1 (or fewer/more for another field: ignored beyond the side²). */
  show(pixels) {
    const d = this.image.data;
    const n = Math.min(pixels.length, d.length / 4);
    for (let j = 0; j < n; j++) {
      const v = pixels[j] < 0 ? 0 : pixels[j] > 1 ? 1 : pixels[j];
      d[4 * j] = 14 + (255 - 14) * v;
      d[4 * j + 1] = 20 + (246 - 20) * v;
      d[4 * j + 2] = 36 + (226 - 36) * v;
      d[4 * j + 3] = 255;
    }
    this.ctx.putImageData(this.image, 0, 0);
  }
}
