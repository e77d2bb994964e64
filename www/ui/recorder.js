// A canvas as a WebM video (captureStream + MediaRecorder) or a PNG, and a Blob as a download.
// Everything worth seeing (cycle, error, legend) is drawn into the canvas, so it is in both.

const MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** Starts recording `canvas` (throws why this browser cannot): { mimeType, seconds(), stop() → Promise<video/webm Blob> }. */
export function recordCanvas(canvas) {
  if (typeof MediaRecorder === 'undefined') throw new Error('this browser cannot record video (no MediaRecorder)');
  if (typeof canvas.captureStream !== 'function') throw new Error('this browser cannot record a canvas (no captureStream)');
  const mimeType = MIME_TYPES.find((t) => MediaRecorder.isTypeSupported?.(t));
  if (!mimeType) throw new Error('this browser cannot record WebM video');
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 6_000_000 });
  const chunks = [];
  const done = new Promise((resolve, reject) => {
    recorder.ondataavailable = (e) => e.data?.size > 0 && chunks.push(e.data);
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      // The container type without codecs, so players and downloads agree on .webm.
      resolve(new Blob(chunks, { type: 'video/webm' }));
    };
    recorder.onerror = (e) => reject(new Error(`recording failed: ${e.error?.message ?? 'unknown error'}`));
  });
  done.catch(() => {});
  recorder.start(1000); // a chunk a second: a long recording never sits in one buffer
  const startedAt = performance.now();
  return {
    mimeType,
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
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not make an image of the canvas'))), 'image/png');
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
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}
