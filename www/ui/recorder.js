// Recording the network canvas as a WebM video (canvas.captureStream + MediaRecorder), and
// saving the current frame as a PNG. Everything worth seeing (cycle, error, legend) is drawn
// into the canvas itself, so it is in the video too.

const MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** Why recording cannot work here, or '' when it can. */
export function recordingUnsupported(canvas) {
  if (typeof MediaRecorder === 'undefined') return 'this browser cannot record video (no MediaRecorder)';
  if (typeof canvas?.captureStream !== 'function') return 'this browser cannot record a canvas (no captureStream)';
  if (!pickMimeType()) return 'this browser cannot record WebM video';
  return '';
}

/** The first WebM type this browser records: VP9, then VP8, then plain WebM. */
export function pickMimeType() {
  if (typeof MediaRecorder === 'undefined') return '';
  return MIME_TYPES.find((t) => MediaRecorder.isTypeSupported?.(t)) ?? '';
}

export class CanvasRecorder {
  constructor(canvas) {
    this.canvas = canvas;
    this.recorder = null;
    this.chunks = [];
    this.done = null;
    this.startedAt = 0;
  }

  get recording() {
    return this.recorder !== null;
  }

  /** Starts recording; throws with the reason when this browser cannot. */
  start({ fps = 30, bitsPerSecond = 6_000_000 } = {}) {
    if (this.recorder) throw new Error('already recording');
    const why = recordingUnsupported(this.canvas);
    if (why) throw new Error(why);
    const mimeType = pickMimeType();
    const stream = this.canvas.captureStream(fps);
    const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: bitsPerSecond });
    this.chunks = [];
    this.mimeType = mimeType;
    this.done = new Promise((resolve, reject) => {
      recorder.ondataavailable = (e) => {
        if (e.data && e.data.size > 0) this.chunks.push(e.data);
      };
      recorder.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        // The container type without codecs, so players and downloads agree on .webm.
        resolve(new Blob(this.chunks, { type: 'video/webm' }));
        this.chunks = [];
      };
      recorder.onerror = (e) => reject(new Error(`recording failed: ${e.error?.message ?? 'unknown error'}`));
    });
    this.done.catch(() => {});
    recorder.start(1000); // a chunk a second: a long recording never sits in one buffer
    this.recorder = recorder;
    this.startedAt = performance.now();
  }

  /** Stops; resolves with the video (a video/webm Blob). */
  stop() {
    if (!this.recorder) return Promise.reject(new Error('not recording'));
    const recorder = this.recorder;
    this.recorder = null;
    if (recorder.state !== 'inactive') {
      try {
        recorder.requestData();
      } catch {
        // Some browsers refuse requestData right before stop; stop flushes anyway.
      }
      recorder.stop();
    }
    return this.done;
  }

  /** Seconds since start (0 when not recording). */
  elapsed() {
    return this.recorder ? (performance.now() - this.startedAt) / 1000 : 0;
  }
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
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
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
