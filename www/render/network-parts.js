// The parts of the network drawing (network.js) other than synapses: the background, neuron
// discs, the input image, and the words and numbers — values beside the neurons, the output
// and the error box (dense layout), layer names, output labels with bars (image layout), the
// header and the colour legend. Drawn into the canvas so recordings and images carry them.

import { fixed, fixedSigned, fmt } from '../core/format.js';
import { COLOURS as C, TEXT, FONT, MONO, rgba } from './theme.js';

const clamp01 = (x) => (x < 0 ? 0 : x > 1 ? 1 : x);
const ease = (t) => (t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2);
const circle = (ctx, x, y, r) => {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
};

/** Deep navy with a soft light behind the network. */
export function background(ctx, g) {
  ctx.fillStyle = rgba(C.bg, 1);
  ctx.fillRect(0, 0, g.w, g.h);
  const halo = ctx.createRadialGradient(g.w * 0.45, g.h * 0.5, 0, g.w * 0.45, g.h * 0.5, Math.max(g.w, g.h) * 0.7);
  halo.addColorStop(0, 'rgba(40,60,120,0.22)');
  halo.addColorStop(1, 'rgba(0,0,0,0)');
  ctx.fillStyle = halo;
  ctx.fillRect(0, 0, g.w, g.h);
}

export function ring(ctx, x, y, r, colour, alpha, width) {
  ctx.strokeStyle = rgba(colour, alpha);
  ctx.lineWidth = width;
  circle(ctx, x, y, r);
  ctx.stroke();
}

/**
 * A neuron lit by v (0..1) in colour col. Dense layout: a wide glow and a bright core that
 * grow with v; image layout: a disc filled by v, with a faint halo when bright.
 */
export function disc(ctx, dense, x, y, r, v, col) {
  if (dense ? v > 0.01 : v > 0.35 && r >= 4) {
    const R = dense ? r * 3.6 : r * 2.1;
    const glow = dense ? ctx.createRadialGradient(x, y, r * 0.7, x, y, R) : rgba(col, 0.1 * v);
    if (dense) [[0, 0.62], [0.35, 0.2], [1, 0]].forEach(([at, a]) => glow.addColorStop(at, rgba(col, a * v)));
    ctx.fillStyle = glow;
    circle(ctx, x, y, R);
    ctx.fill();
  }
  ctx.fillStyle = rgba(C.disc, 1);
  circle(ctx, x, y, r);
  ctx.fill();
  if (!dense && v > 0) {
    ctx.fillStyle = rgba(col, 0.08 + 0.92 * v);
    ctx.fill();
  } else if (dense && v > 0.015) {
    const rc = r * (0.25 + 0.75 * Math.sqrt(v));
    const k = Math.min(1, 0.35 + v);
    const core = ctx.createRadialGradient(x - rc * 0.2, y - rc * 0.25, 0, x, y, rc);
    core.addColorStop(0, rgba([255, 250, 232], 0.98 * k));
    core.addColorStop(0.55, rgba(col, 0.92 * k));
    core.addColorStop(1, rgba(col, 0.25 * k));
    ctx.fillStyle = core;
    circle(ctx, x, y, rc);
    ctx.fill();
  }
}

/** The input layer as the image it holds (a cell per pixel neuron), glowing softly. */
export function inputImage(owner, a0, grid) {
  const { side } = grid;
  if (owner.pixels?.width !== side) {
    owner.pixels = Object.assign(document.createElement('canvas'), { width: side, height: side });
    owner.pixelData = owner.pixels.getContext('2d').createImageData(side, side);
  }
  const px = owner.pixelData.data;
  for (let j = 0; j < side * side; j++) {
    const v = j < (a0?.length ?? 0) ? clamp01(a0[j]) || 0 : 0;
    for (let c = 0; c < 3; c++) px[4 * j + c] = C.pixelOff[c] + (C.pixelOn[c] - C.pixelOff[c]) * v;
    px[4 * j + 3] = 255;
  }
  owner.pixels.getContext('2d').putImageData(owner.pixelData, 0, 0);
  const ctx = owner.ctx;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.shadowColor = rgba(C.warm, 0.18);
  ctx.shadowBlur = 24;
  ctx.drawImage(owner.pixels, grid.x, grid.y, grid.s, grid.s);
  ctx.restore();
  const cell = grid.s / side;
  if (cell >= 5) { // cell borders, so each pixel reads as a neuron
    ctx.strokeStyle = rgba(C.bg, 0.55);
    ctx.lineWidth = Math.min(1.2, cell * 0.12);
    ctx.beginPath();
    for (let i = 1; i < side; i++) {
      const [o, p] = [Math.round(grid.x + i * cell) + 0.5, Math.round(grid.y + i * cell) + 0.5];
      ctx.moveTo(o, grid.y);
      ctx.lineTo(o, grid.y + grid.s);
      ctx.moveTo(grid.x, p);
      ctx.lineTo(grid.x + grid.s, p);
    }
    ctx.stroke();
  }
  ctx.strokeStyle = rgba(C.white, 0.14);
  ctx.lineWidth = 1;
  ctx.strokeRect(grid.x - 0.5, grid.y - 0.5, grid.s + 1, grid.s + 1);
}

/** Text with a dark outline (legible over synapses). */
function text(ctx, s, x, y, { align = 'center', font, color, caps = false, alpha = 1 }) {
  if (alpha <= 0.01 || !s) return;
  const saved = ctx.globalAlpha;
  ctx.globalAlpha = saved * alpha;
  ctx.font = font;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  if (caps) ctx.letterSpacing = '1.5px';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 4;
  ctx.strokeStyle = rgba(C.bg, 0.85);
  const str = caps ? s.toUpperCase() : s;
  ctx.strokeText(str, x, y);
  ctx.fillStyle = Array.isArray(color) ? rgba(color, 1) : color;
  ctx.fillText(str, x, y);
  if (caps) ctx.letterSpacing = '0px';
  ctx.globalAlpha = saved;
}

/** Dense layout: input names, activations, the output's value, the error box, layer names. */
export function denseText(ctx, frame, v, g, d) {
  const { K } = d;
  const B = frame.buffers;
  const labels = frame.sizes.every((n) => n <= 16);
  const small = v.values && labels;
  g.layers.forEach((lay, l) => {
    const alpha = d.reveal(l, 0.7);
    const a = B[`a${l}`];
    for (let i = 0; i < lay.n; i++) {
      const [x, y, r] = [lay.x[i], lay.y[i], lay.r];
      if (l === 0 && labels) text(ctx, `x${i + 1}`, x - r - 10, y + 0.5, { align: 'right', font: `600 ${g.narrow ? 12 : 14}px ${FONT}`, color: TEXT.label });
      if (g.showValues && small && l < K) {
        text(ctx, fixed(a[i], l === 0 && Number.isInteger(a[i]) ? 0 : 3), x, y - r - 9, { font: `${g.narrow ? 11 : 12.5}px ${MONO}`, color: rgba(TEXT.value, 0.92), alpha });
      }
    }
    const name = l === 0 ? 'input' : l === K ? 'output' : K > 2 ? `hidden ${l}` : 'hidden';
    text(ctx, name, lay.c, g.h - g.padB / 2 + 4, { font: `500 ${g.narrow ? 10.5 : 12}px ${FONT}`, color: TEXT.dim, caps: true });
  });
  const out = g.layers[K];
  for (let i = 0; small && i < out.n; i++) {
    const [x, y, r] = [out.x[i], out.y[i], out.r];
    const alpha = d.reveal(K, 0.7);
    const value = alpha > 0 ? fixed(B[`a${K}`][i], 3) : '';
    if (g.narrow) {
      text(ctx, value, x, y - r * 2.2 - 12, { font: `700 17px ${MONO}`, color: TEXT.output, alpha });
      text(ctx, 'output', x, y + r * 2.2 + 10, { font: `600 11px ${FONT}`, color: TEXT.muted });
    } else {
      text(ctx, value, x + r * 2.2 + 10, y + 1, { align: 'left', font: `700 28px ${MONO}`, color: TEXT.output, alpha });
      text(ctx, out.n > 1 ? `output ${i + 1}` : 'output', x + r * 2.2 + 11, y - 25, { align: 'left', font: `600 12px ${FONT}`, color: TEXT.muted });
    }
  }
  if (d.known.error && small && B.target && B.error) errorBox(ctx, B, g, d);
}

/** The target, the output and error = target − output, beside (or below) the output. */
function errorBox(ctx, B, g, d) {
  const n = Math.min(B.target.length, 3);
  const out = B[`a${d.K}`];
  const nw = g.narrow;
  const [boxW, rowH, errH] = nw ? [150, 19, 28] : [188, 22, 34];
  const boxH = 18 + n * (2 * rowH + errH) + 16;
  const o = g.layers[d.K];
  const bx = nw ? g.w - boxW - 10 : o.c + g.r * 2.2 + 6;
  const by = nw ? g.h - g.padB - boxH - 4 : o.y[0] + 26;
  ctx.globalAlpha = d.phase === 'error' && d.t < 1 ? ease(d.t) : 1;
  ctx.fillStyle = rgba(C.panel, 0.9);
  ctx.strokeStyle = rgba(C.error, 0.55);
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(bx, by, boxW, boxH, 10);
  ctx.fill();
  ctx.stroke();
  const num = { align: 'right', font: `500 ${nw ? 11.5 : 12.5}px ${MONO}`, color: TEXT.body };
  const label = { align: 'left', font: `500 ${nw ? 11 : 12}px ${FONT}`, color: TEXT.muted };
  const [left, right] = [bx + 12, bx + boxW - 12];
  let y = by + 18;
  for (let i = 0; i < n; i++) {
    text(ctx, 'target', left, y, label);
    text(ctx, fixed(B.target[i], Number.isInteger(B.target[i]) ? 0 : 3), right, y, num);
    text(ctx, 'output', left, (y += rowH), label);
    text(ctx, fixed(out[i], 3), right, y, num);
    y += rowH * 0.5 + errH * 0.5;
    text(ctx, 'error', left, y, { align: 'left', font: `650 ${nw ? 12.5 : 14}px ${FONT}`, color: rgba(C.error, 0.95) });
    text(ctx, fixedSigned(B.error[i], 3), right, y, { align: 'right', font: `700 ${nw ? 19 : 24}px ${MONO}`, color: C.error });
    y += errH * 0.5 + rowH * 0.5;
  }
  text(ctx, 'error = target − output', left, by + boxH - 11, { align: 'left', font: `400 ${nw ? 9.5 : 10.5}px ${FONT}`, color: TEXT.dim });
  ctx.globalAlpha = 1;
}

/** Image layout: layer names, and each output's label, bar and value (up to 20 outputs). */
export function imageText(ctx, frame, v, g, d) {
  const { grid, layers, vertical } = g;
  const K = d.K;
  const name = (l) => (l === 0 ? `input ${grid.side}×${grid.side}` : `${l === K ? 'output' : 'hidden'} ${layers[l].n.toLocaleString('en-US')}`);
  const font = `600 11px ${FONT}`;
  if (vertical) text(ctx, name(0), grid.x + grid.s / 2, grid.y - 9, { font, color: TEXT.muted, caps: true });
  else text(ctx, name(0), grid.x, grid.y - 12, { align: 'left', font, color: TEXT.muted, caps: true });
  for (let l = 1; l <= K; l++) {
    const lay = layers[l];
    const top = Math.min(...lay.y) - lay.r;
    if (!vertical) text(ctx, name(l), lay.c, top - 14, { font, color: TEXT.muted, caps: true });
    else if (l < K) {
      // On a dark pill: in an upright layout the label sits among the synapses.
      ctx.font = font;
      ctx.fillStyle = rgba(C.bg, 0.85);
      ctx.fillRect(8, top - 22, ctx.measureText(name(l).toUpperCase()).width + 20, 17);
      text(ctx, name(l), 14, top - 13, { align: 'left', font, color: TEXT.muted, caps: true });
    }
  }
  if (layers[K].n <= 20) outputs(ctx, frame, v, g, d);
}

function outputs(ctx, frame, v, g, d) {
  const lay = g.layers[d.K];
  const a = frame.buffers[`a${d.K}`];
  const target = frame.buffers.target;
  const reveal = d.reveal(d.K);
  const big = lay.r >= 9;
  for (let i = 0; i < lay.n; i++) {
    const [x, y, r] = [lay.x[i], lay.y[i], lay.r];
    const value = Number.isFinite(a[i]) ? a[i] : 0;
    const guess = i === d.guess && reveal > 0.5;
    const digit = { font: `${guess ? 700 : 600} ${g.vertical ? 12 : big ? 15 : 12}px ${FONT}`, color: guess ? C.warm : rgba(TEXT.body, 0.85) };
    const shown = reveal > 0 ? fmt(value, 2) : '–';
    let dot;
    if (!g.vertical) {
      const tx = x + r + 10;
      text(ctx, String(i), tx, y, { align: 'left', ...digit });
      const barX = tx + (big ? 16 : 12);
      ctx.fillStyle = 'rgba(255,255,255,0.07)';
      ctx.fillRect(barX, y - 2, 44, 4);
      ctx.fillStyle = rgba(guess ? C.warm : TEXT.muted, 0.9);
      ctx.fillRect(barX, y - 2, 44 * clamp01(value) * reveal, 4);
      if (big) text(ctx, shown, barX, y + 11, { align: 'left', font: `11px ${MONO}`, color: TEXT.muted, alpha: reveal > 0 ? 1 : 0.5 });
      dot = [x - r - 8, y, 3];
    } else {
      text(ctx, String(i), x, y + r + 10, digit);
      text(ctx, shown.replace(/^0\./, '.'), x, y + r + 22, { font: `9px ${MONO}`, color: TEXT.muted });
      dot = [x, y - r - 6, 2.5];
    }
    if (v.label === i) {
      ctx.fillStyle = rgba(d.pal.pos, 0.95);
      circle(ctx, ...dot);
      ctx.fill();
    }
    if (d.known.error && target && target[i] > 0.5) {
      ctx.strokeStyle = rgba(d.pal.pos, 0.9);
      ctx.lineWidth = 2;
      ctx.setLineDash([3, 3]);
      circle(ctx, x, y, r + 4);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
}

/** Top: a title, a caption under it, and the average error on the right. */
export function header(ctx, g, title, caption, loss) {
  const nw = g.narrow;
  text(ctx, title, 18, nw ? 22 : 28, { align: 'left', font: `650 ${nw ? 16 : 20}px ${FONT}`, color: TEXT.bright });
  text(ctx, caption, 18, nw ? 42 : 51, { align: 'left', font: `500 ${nw ? 11.5 : 13}px ${FONT}`, color: TEXT.muted });
  if (loss === null || loss === undefined) return;
  if (nw) {
    text(ctx, `error ${fmt(loss, 4)}`, g.w - 18, 22, { align: 'right', font: `600 13px ${MONO}`, color: TEXT.loss });
  } else {
    text(ctx, 'AVERAGE ERROR', g.w - 18, 24, { align: 'right', font: `600 11px ${FONT}`, color: TEXT.muted });
    text(ctx, fmt(loss, 4), g.w - 18, 48, { align: 'right', font: `700 22px ${MONO}`, color: TEXT.loss });
  }
}

/** Bottom right: what the two synapse colours mean (so a video or image explains itself). */
export function legend(ctx, g, pal) {
  const y = g.h - (g.padB ?? 30) / 2 + 4;
  const font = `500 11.5px ${FONT}`;
  ctx.font = font;
  let x = g.w - 18;
  for (const [word, colour] of [['inhibits', pal.neg], ['excites', pal.pos]]) {
    x -= ctx.measureText(word).width;
    text(ctx, word, x, y, { align: 'left', font, color: TEXT.muted });
    ctx.strokeStyle = rgba(colour, 0.9);
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x - 28, y);
    ctx.lineTo(x - 8, y);
    ctx.stroke();
    x -= 44;
  }
}
