// Which synapses of a big weight layer are drawn: the strongest few thousand. Shared by the
// training worker (worker.js) and the drawing pad's network view (../draw/), so both pick the
// same lines. Selection for drawing only; nothing here is part of the network's maths.

export const STRONGEST = 2000;       // synapses drawn per big weight layer
export const DRAW_ALL_UP_TO = 4096;  // layers with at most this many weights are drawn whole

/** Indices of the `count` largest |values| (order not kept), or null when all are drawn. */
export function strongest(values, count) {
  const n = values.length;
  if (n <= count) return null;
  // Threshold by a histogram of |v| on a log scale, then collect.
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(values[i]);
    if (v > max && v !== Infinity) max = v;
  }
  const out = new Uint32Array(count);
  if (!(max > 0)) {
    for (let i = 0; i < count; i++) out[i] = i;
    return out;
  }
  const BINS = 512;
  const hist = new Uint32Array(BINS);
  const binOf = (v) => {
    const r = Math.abs(v) / max;
    if (!(r > 1e-6)) return 0;
    const b = Math.floor(((Math.log2(r) + 20) / 20) * (BINS - 1));
    return b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
  };
  for (let i = 0; i < n; i++) hist[binOf(values[i])]++;
  let cut = BINS - 1;
  let acc = 0;
  while (cut > 0 && acc + hist[cut] <= count) acc += hist[cut--];
  // Everything above `cut` is in; fill the rest from bin `cut`.
  let k = 0;
  let room = count - acc;
  for (let i = 0; i < n && k < count; i++) {
    const b = binOf(values[i]);
    if (b > cut) out[k++] = i;
    else if (b === cut && room > 0) {
      out[k++] = i;
      room--;
    }
  }
  return k === count ? out : out.slice(0, k);
}
