// A canvas as a video (captureStream + MediaRecorder: WebM, or MP4 where the browser records no
// WebM, as Safari) or a PNG, and a Blob as a download. Everything worth seeing (cycle, error,
// legend) is drawn into the canvas, so it is in both.

import { fixed } from '../core/format.js';
import { t } from '../core/i18n.js';

/** The recorder formats, best first: WebM (VP9, VP8), then MP4 (H.264) for Safari/WebKit. */
export const VIDEO_FORMATS = [
  { mimeType: 'video/webm;codecs=vp9', type: 'video/webm', extension: 'webm' },
  { mimeType: 'video/webm;codecs=vp8', type: 'video/webm', extension: 'webm' },
  { mimeType: 'video/webm', type: 'video/webm', extension: 'webm' },
  { mimeType: 'video/mp4;codecs=avc1', type: 'video/mp4', extension: 'mp4' },
  { mimeType: 'video/mp4;codecs=h264', type: 'video/mp4', extension: 'mp4' },
  { mimeType: 'video/mp4', type: 'video/mp4', extension: 'mp4' },
];

/**
 * The first of VIDEO_FORMATS that `isTypeSupported` (MediaRecorder.isTypeSupported) accepts:
 * { mimeType (asked of the recorder), type (the file's container type), extension }, or null.
 * A throwing or missing isTypeSupported counts as "no".
 */
export function chooseVideoFormat(isTypeSupported) {
  if (typeof isTypeSupported !== 'function') return null;
  for (const format of VIDEO_FORMATS) {
    let ok = false;
    try {
      ok = isTypeSupported(format.mimeType) === true;
    } catch {
      ok = false;
    }
    if (ok) return { ...format };
  }
  return null;
}

/**
 * Starts recording `canvas` (throws why this browser cannot):
 * { mimeType, type, extension, seconds(), stop() → Promise<Blob of `type`> }.
 */
export function recordCanvas(canvas) {
  if (typeof MediaRecorder === 'undefined') throw new Error(t('ui.recNoMediaRecorder'));
  if (typeof canvas.captureStream !== 'function') throw new Error(t('ui.recNoCaptureStream'));
  const format = chooseVideoFormat(MediaRecorder.isTypeSupported?.bind(MediaRecorder));
  if (!format) throw new Error(t('ui.recNoFormat'));
  const { mimeType, type, extension } = format;
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 6_000_000 });
  const chunks = [];
  const done = new Promise((resolve, reject) => {
    recorder.ondataavailable = (e) => e.data?.size > 0 && chunks.push(e.data);
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      // A recorder can accept a type and still write nothing (WebKitGTK with GStreamer older
      // than 1.24, which lacks the fragmented-MP4 muxer): say so rather than offer an empty file.
      if (!chunks.some((c) => c.size > 0)) {
        reject(new Error(t('ui.recEmpty', { mimeType })));
        return;
      }
      // The container type without codecs, so players and downloads agree on the extension.
      resolve(new Blob(chunks, { type }));
    };
    recorder.onerror = (e) => reject(new Error(t('ui.recError', { message: e.error?.message ?? t('ui.recUnknownError') })));
  });
  done.catch(() => {});
  recorder.start(1000); // a chunk a second: a long recording never sits in one buffer
  const startedAt = performance.now();
  return {
    mimeType,
    type,
    extension,
    seconds: () => (performance.now() - startedAt) / 1000,
    stop() {
      if (recorder.state !== 'inactive') {
        try {
          recorder.requestData();
        } catch {
          // Some browsers refuse requestData right before stop; stop flushes anyway.
        }
        recorder.stop();
      }
      return done;
    },
  };
}

/** The canvas as it is now, as a PNG Blob. */
export function canvasPng(canvas) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(t('ui.recNoImage')))), 'image/png');
  });
}

/** Offers a Blob as a file download (a temporary link, clicked). */
export function downloadBlob(blob, filename, doc = document) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(doc.createElement('a'), { href: url, download: filename, hidden: true });
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function sizeText(bytes) {
  if (bytes >= 1e6) return t('ui.sizeMB', { n: fixed(bytes / 1e6, 1) });
  if (bytes >= 1e3) return t('ui.sizeKB', { n: Math.round(bytes / 1e3) });
  return t('ui.sizeBytes', { n: bytes });
}
