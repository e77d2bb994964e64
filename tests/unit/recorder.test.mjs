// Which video format Record asks MediaRecorder for: WebM (VP9, VP8, plain) first, then MP4 for
// browsers that record no WebM (Safari/WebKit); the file's type and extension follow the choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseVideoFormat, VIDEO_FORMATS } from '../../www/ui/recorder.js';

const only = (...types) => (t) => types.includes(t);

test('Chromium and Firefox: WebM, VP9 before VP8 before plain WebM', () => {
  assert.deepEqual(chooseVideoFormat(only('video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm')), { mimeType: 'video/webm;codecs=vp9', type: 'video/webm', extension: 'webm' });
  assert.deepEqual(chooseVideoFormat(only('video/webm;codecs=vp8', 'video/webm', 'video/mp4')), { mimeType: 'video/webm;codecs=vp8', type: 'video/webm', extension: 'webm' });
  assert.equal(chooseVideoFormat(only('video/webm', 'video/mp4;codecs=avc1')).mimeType, 'video/webm');
});

test('Safari/WebKit (no WebM recorder): MP4 with H.264, else plain MP4', () => {
  assert.deepEqual(chooseVideoFormat(only('video/mp4;codecs=avc1', 'video/mp4')), { mimeType: 'video/mp4;codecs=avc1', type: 'video/mp4', extension: 'mp4' });
  assert.deepEqual(chooseVideoFormat(only('video/mp4;codecs=h264')), { mimeType: 'video/mp4;codecs=h264', type: 'video/mp4', extension: 'mp4' });
  assert.deepEqual(chooseVideoFormat(only('video/mp4')), { mimeType: 'video/mp4', type: 'video/mp4', extension: 'mp4' });
});

test('nothing recordable, a missing or throwing isTypeSupported: null', () => {
  assert.equal(chooseVideoFormat(only('video/ogg')), null);
  assert.equal(chooseVideoFormat(undefined), null);
  assert.equal(chooseVideoFormat(() => { throw new Error('nope'); }), null);
  // Only a real `true` counts (a truthy non-boolean from a broken polyfill does not).
  assert.equal(chooseVideoFormat(() => 'yes'), null);
});

test('the order asked, and the answer is a copy', () => {
  const asked = [];
  chooseVideoFormat((t) => (asked.push(t), false));
  assert.deepEqual(asked, VIDEO_FORMATS.map((f) => f.mimeType));
  assert.ok(asked.indexOf('video/webm') < asked.indexOf('video/mp4;codecs=avc1'), 'every WebM before any MP4');
  const a = chooseVideoFormat(only('video/mp4'));
  a.extension = 'x';
  assert.equal(chooseVideoFormat(only('video/mp4')).extension, 'mp4');
  for (const f of VIDEO_FORMATS) assert.equal(f.type, f.mimeType.split(';')[0]);
});
