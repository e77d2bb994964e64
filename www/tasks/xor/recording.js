// The XOR playground's canvas as a WebM video (played with the schedule) or the frame as a PNG.

import { render } from './frame.js';
import { recordCanvas, canvasPng, downloadBlob, sizeText } from '../../ui/recorder.js';

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

  /** Starts a WebM recording of the canvas and plays (with the schedule, unless told not to). */
  start({ play = true, schedule = true } = {}) {
    const pg = this.pg;
    if (this.recorder) throw new Error('neuroglow: already recording');
    this.last = null;
    if (schedule && !pg.settings.schedule) pg.configure({ schedule: true });
    render(pg, performance.now());
    this.recorder = recordCanvas(pg.canvas);
    pg.root.classList.add('ng-recording');
    pg.tools?.setRecording(true);
    pg.tools?.say('Recording… press Stop recording to finish.');
    pg.events.emit('recording', { recording: true, mimeType: this.recorder.mimeType });
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
    const name = this.fileName('webm');
    const stopping = this.recorder.stop();
    this.recorder = null;
    const blob = await stopping;
    if (pg.player.playing) pg.pause();
    pg.root.classList.remove('ng-recording');
    if (pg.destroyed) return blob;
    pg.tools?.setRecording(false);
    pg.tools?.say(`Recorded ${seconds.toFixed(1)} s of video.`, 'good');
    pg.tools?.offer(URL.createObjectURL(blob), name, `Download video (${sizeText(blob.size)})`);
    pg.events.emit('recording', { recording: false, blob, seconds });
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
