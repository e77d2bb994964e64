// Recording the XOR playground's canvas as a WebM video (played with the schedule), and saving
// the current frame as a PNG. `pg` is the playground (playground.js).

import { render } from './frame.js';
import { recordCanvas, canvasPng, downloadBlob, sizeText } from '../../ui/recorder.js';

export class XorRecording {
  constructor(pg) {
    this.pg = pg;
    this.recorder = null;
    this.last = null;
    /** True while saveImage() draws the frame it saves (the legend is drawn on the canvas). */
    this.exporting = false;
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

  /**
   * Stops recording (and playing); resolves with the video, also offered for download. After a
   * recording that stopped by itself (the schedule reached its end) it resolves with that one.
   */
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
