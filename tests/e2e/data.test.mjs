// The MNIST files the page serves are the real ones: every checksum in SHA256SUMS matches,
// both the gzipped files and their uncompressed contents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const dir = new URL('../../www/data/mnist/', import.meta.url);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

test('MNIST files match SHA256SUMS (gzipped and uncompressed)', () => {
  const sums = readFileSync(new URL('SHA256SUMS', dir), 'utf8').trim().split('\n')
    .map((line) => line.trim().split(/\s+/)).map(([hash, name]) => ({ hash, name }));
  assert.equal(sums.length, 8, 'four .gz files and four uncompressed');
  for (const { hash, name } of sums) {
    const bytes = name.endsWith('.gz')
      ? readFileSync(new URL(name, dir))
      : gunzipSync(readFileSync(new URL(`${name}.gz`, dir)));
    assert.equal(sha256(bytes), hash, name);
  }
});
