// Fetching the MNIST files in the training worker, with progress; a failure names the file.

import { fail } from './protocol.js';

const NAMES = { trainImages: 'training images', trainLabels: 'training labels', testImages: 'test images', testLabels: 'test labels' };
// Their message keys: a failure carries `i18n` for the page to word it (protocol.js).
const KEYS = { trainImages: 'mnist.fileTrainImages', trainLabels: 'mnist.fileTrainLabels', testImages: 'mnist.fileTestImages', testLabels: 'mnist.fileTestLabels' };

/**
 * Fetches the files of `urls` at once; progress(loaded, total, files) at most every 60 ms. A file
 * over `maxBytes` (the core's limit) is refused as soon as that many bytes have come.
 */
export async function fetchAll(urls, progress, maxBytes = Infinity) {
  const keys = Object.keys(NAMES).filter((k) => urls[k]);
  const [loaded, totals] = [{}, {}];
  let last = 0;
  const report = (force) => {
    if (!force && performance.now() - last < 60) return;
    last = performance.now();
    const sum = (o) => keys.reduce((s, k) => s + (o[k] ?? 0), 0);
    progress(sum(loaded), sum(totals), keys.length);
  };
  const one = async (key) => {
    const what = `could not load the ${NAMES[key]} (${urls[key]})`;
    const said = (why) => ({ i18n: { key: 'mnist.fileLoadFailed', params: { what: { key: KEYS[key] }, url: urls[key], why } } });
    const res = await fetch(urls[key]).catch((e) => {
      throw fail('data', `${what}: ${e.message}`, said(e.message));
    });
    if (!res.ok) {
      const http = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      throw fail('data', `${what}: ${http}`, said(http));
    }
    [totals[key], loaded[key]] = [Number(res.headers.get('content-length')) || 0, 0];
    const chunks = [];
    for (const reader = res.body.getReader(); ;) {
      const { done, value } = await reader.read();
      if (done) return new Uint8Array(await new Blob(chunks).arrayBuffer());
      chunks.push(value);
      loaded[key] += value.length;
      if (loaded[key] > maxBytes) {
        await reader.cancel().catch(() => {});
        const max = Math.floor(maxBytes / 2 ** 20);
        throw fail('data', `${what}: the file is over ${max} MB, more than a data file may be`, { i18n: { key: 'mnist.fileTooBig', params: { what: { key: KEYS[key] }, url: urls[key], max } } });
      }
      totals[key] = Math.max(totals[key], loaded[key]);
      report(false);
    }
  };
  // A failure names the first file (in order) that failed.
  const settled = await Promise.allSettled(keys.map(one));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  report(true);
  return Object.fromEntries(keys.map((k, i) => [k, settled[i].value]));
}
