// Adds (or changes) messages in every catalogue at once, so no language is left behind:
//   node tests/languages/add.mjs FILE.json   where FILE.json is { "en": {key: text}, "es": {…}, "de": {…} }
// Each catalogue (www/lang/<code>.json) is written back with its keys sorted (areas stay
// together: draw.*, mnist.*, ui.*, xor.* …). A lock directory keeps two writers from racing.
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LANG_DIR = fileURLToPath(new URL('../../www/lang/', import.meta.url));
const LOCK = `${LANG_DIR}.lock`;

/** Writes a catalogue object as the repository keeps it (sorted keys, two-space indent). */
export function serialise(messages) {
  const sorted = Object.fromEntries(Object.keys(messages).sort().map((k) => [k, messages[k]]));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

function lock() {
  for (let i = 0; i < 200; i++) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  throw new Error(`${LOCK} is held (remove it if no writer is running)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const add = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const codes = Object.keys(add);
  const keys = new Set(codes.flatMap((c) => Object.keys(add[c])));
  for (const c of codes) {
    const missing = [...keys].filter((k) => !(k in add[c]));
    if (missing.length) throw new Error(`${c} lacks ${missing.join(', ')}`);
  }
  lock();
  try {
    for (const c of codes) {
      const file = `${LANG_DIR}${c}.json`;
      let cur = {};
      try {
        cur = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        if (e.code !== 'ENOENT') throw e;
      }
      writeFileSync(file, serialise({ ...cur, ...add[c] }));
    }
  } finally {
    rmdirSync(LOCK);
  }
  console.log(`added ${keys.size} keys to ${codes.join(', ')}`);
}
