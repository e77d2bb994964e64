// Test images for the MNIST worker's Session (shared by the unit tests that run it).

/** IDX files of `n` 28×28 images (class c: a bright band at rows 2c..2c+5) and their labels. */
export function idx(n) {
  const images = new Uint8Array(16 + n * 784);
  const count = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  images.set([0, 0, 8, 3, ...count, 0, 0, 0, 28, 0, 0, 0, 28]);
  const labels = new Uint8Array(8 + n);
  labels.set([0, 0, 8, 1, ...count]);
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    labels[8 + i] = c;
    for (let p = 0; p < 784; p++) images[16 + i * 784 + p] = Math.floor(p / 28) >> 1 === c + 2 ? 255 : (i * 7 + p) % 30;
  }
  return { images, labels };
}
