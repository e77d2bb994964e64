// The XOR playground's canvas as a video (WebM, or MP4 where the browser records no WebM; played
// with the schedule) or the frame as a PNG.

import { render } from './frame.js';
import { recordCanvas, canvasPng, downloadBlob, sizeText } from '../../ui/recorder.js';
import { fixed } from '../../core/format.js';
import { t } from '../../core/i18n.js';

export class XorRecording {
  constructor(pg) {
    // exporting: saveImage() is drawing the frame it saves (with the legend on the canvas).
    Object.assign(this, { pg, recorder: null, last: null, exporting: false });
  }

  get active() {
    return this.recorder !== null;
  }

  fileName(ext) {
    const { session, settings } = this.pg;
    return `neuroglow-${settings.task}-${session.info.sizes.join('-')}-seed${settings.seed}-cycle${session.state().cycle}.${ext}`;
  }

  /** Starts a recording of the canvas (WebM, else MP4) and plays (with the schedule, unless told not to). */
  start({ play = true, schedule = true } = {}) {
    const pg = this.pg;
    if (this.recorder) throw new Error('neuroglow: already recording');
    this.last = null;
    if (schedule && !pg.settings.schedule) pg.configure({ schedule: true });
    render(pg, performance.now());
    this.recorder = recordCanvas(pg.canvas);
    pg.root.classList.add('ng-recording');
    pg.tools?.setRecording(true);
    pg.tools?.say(t('xor.recordingStarted'));
    const { mimeType, type, extension } = this.recorder;
    pg.events.emit('recording', { recording: true, mimeType, type, extension });
    if (play) pg.play();
    pg.requestFrame(true);
  }

  /** Stops recording and playing; resolves with the video (also after it stopped by itself at the schedule's end). */
  stop() {
    if (this.recorder) this.last = this.finish();
    return this.last ?? Promise.reject(new Error('neuroglow: not recording'));
  }

  async finish() {
    const pg = this.pg;
    const seconds = this.recorder.seconds();
    const { mimeType, type, extension } = this.recorder;
    const name = this.fileName(extension);
    const stopping = this.recorder.stop();
    this.recorder = null;
    let blob;
    try {
      blob = await stopping;
    } catch (e) {
      // No video after all (an empty file, a recorder error): back to the normal view, and why.
      if (pg.player.playing) pg.pause();
      pg.root.classList.remove('ng-recording');
      if (!pg.destroyed) {
        pg.tools?.setRecording(false);
        pg.tools?.say(t('xor.recordingFailed', { message: e.message }));
        pg.events.emit('recording', { recording: false, error: e.message, seconds, mimeType, type, extension });
      }
      throw e;
    }
    if (pg.player.playing) pg.pause();
    pg.root.classList.remove('ng-recording');
    if (pg.destroyed) return blob;
    pg.tools?.setRecording(false);
    pg.tools?.say(t('xor.recorded', { seconds: fixed(seconds, 1) }), 'good');
    pg.tools?.offer(URL.createObjectURL(blob), name, t('xor.downloadVideo', { size: sizeText(blob.size) }));
    pg.events.emit('recording', { recording: false, blob, seconds, mimeType, type, extension });
    return blob;
  }

  /** The current frame as a PNG; downloads it unless { download: false }. */
  async saveImage({ download = true } = {}) {
    const pg = this.pg;
    this.exporting = true;
    render(pg, performance.now());
    let blob;
    try {
      blob = await canvasPng(pg.canvas);
    } finally {
      this.exporting = false;
      pg.requestFrame(true);
    }
    if (download) downloadBlob(blob, this.fileName('png'), pg.element.ownerDocument);
    return blob;
  }

  /** Drops a recording in progress (destroy()). */
  abort() {
    this.recorder?.stop();
    this.recorder = null;
  }
}
