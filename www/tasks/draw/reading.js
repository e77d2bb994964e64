// Reading with the draw section's model (a wasm Reader): any canvas, ImageData or 784 pixels in,
// the outputs out, with errors that say what was wrong; and the words for what it read.

import { scoreText } from './bars.js';

const INVITATION = 'Draw a digit from 0 to 9 in the box: the network reads it as you draw.';

/** The indices of the largest and second-largest outputs (which to highlight). */
export function topTwo(out) {
  let a = -1;
  let b = -1;
  for (let i = 0; i < out.length; i++) {
    if (a < 0 || out[i] > out[a]) {
      b = a;
      a = i;
    } else if (b < 0 || out[i] > out[b]) b = i;
  }
  return [a, b];
}

/** The pixels of any canvas (2d, WebGL, bitmap), copied through a 2d scratch canvas. */
function canvasPixels(c) {
  if (!(c.width > 0 && c.height > 0)) throw new Error(`neuroglow draw: predict(canvas): the canvas is ${c.width}×${c.height} pixels`);
  const scratch = document.createElement('canvas');
  scratch.width = c.width;
  scratch.height = c.height;
  const ctx = scratch.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(c, 0, 0);
  try {
    return ctx.getImageData(0, 0, c.width, c.height);
  } catch (e) {
    throw new Error(`neuroglow draw: predict(canvas): its pixels cannot be read (${e.message})`);
  }
}

/**
 * The outputs for `x` (a canvas, an ImageData or 784 pixels 0..1) read by `reader`, or null for
 * an empty drawing. `pad` (pad.js): its own canvas is read as the pad reads itself (its
 * fixed-size reading canvas); `inputs`: the network's input count.
 */
export function predictWith(reader, x, pad, inputs) {
  if (x instanceof HTMLCanvasElement) return readImage(reader, x === pad.canvas ? pad.pixels() : canvasPixels(x));
  if (x instanceof ImageData) return readImage(reader, x);
  if (Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView))) return readPixels(reader, x, inputs);
  throw new TypeError('neuroglow draw: predict(x): x must be a canvas, an ImageData, or the 784 pixels (0..1) of a 28×28 image');
}

function readImage(reader, img) {
  let out;
  try {
    out = reader.read(img.data, img.width, img.height);
  } catch (e) {
    throw new Error(`neuroglow draw: predict: ${e.message}`);
  }
  return out ? Array.from(out) : null;
}

function readPixels(reader, pixels, n) {
  if (pixels.length !== n) throw new Error(`neuroglow draw: predict(pixels): expected ${n} numbers (a 28×28 image), got ${pixels.length}`);
  for (let i = 0; i < n; i++) {
    const v = pixels[i];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new Error(`neuroglow draw: predict(pixels): value ${String(v)} at position ${i + 1} is not a number from 0 to 1`);
    }
  }
  try {
    return Array.from(reader.readPixels(Float32Array.from(pixels)));
  } catch (e) {
    throw new Error(`neuroglow draw: predict: ${e.message}`);
  }
}

/** The line under the guess: how sure, and the runner-up (or why there is no guess). */
export function noteText({ outputs, guess, runnerUp }, probability, hasReader, error) {
  if (outputs) {
    return `${scoreText(outputs[guess], probability)}${probability ? ' sure' : ''} · runner-up ${runnerUp} (${scoreText(outputs[runnerUp], probability)})`;
  }
  return hasReader ? 'Nothing drawn yet.' : error ? 'No model to read with.' : 'Loading the model…';
}

/** What is announced when the drawing settles. */
export function statusText({ outputs, guess, runnerUp }, probability, hasReader, error) {
  if (!hasReader) return error ?? 'Loading the model…';
  if (!outputs) return INVITATION;
  const p = probability;
  return `It reads a ${guess} (${scoreText(outputs[guess], p)}). Runner-up: ${runnerUp} (${scoreText(outputs[runnerUp], p)}).`;
}
