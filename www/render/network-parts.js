// The network drawing's parts besides synapses (network.js): the background, neuron discs, the
// input image, and the words and numbers, drawn into the canvas so recordings and images carry them.

import { fixed, fixedSigned, fmt, fmtInt } from '../core/format.js';
import { t } from '../core/i18n.js';
import { COLOURS as C, TEXT, FONT, MONO, clamp01, dot, line, rgba, ring } from './theme.js';

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

/**
 * A neuron lit by v (0..1) in colour col. Dense layout: a wide glow and a bright core that
 * grow with v; image layout: a disc filled by v, with a faint halo when bright.
 */
export function disc(ctx, dense, x, y, r, v, col) {
  if (dense ? v > 0.01 : v > 0.35 && r >= 4) {
    const R = dense ? r * 3.6 : r * 2.1;
    const glow = dense ? ctx.createRadialGradient(x, y, r * 0.7, x, y, R) : rgba(col, 0.1 * v);
    if (dense) [[0, 0.62], [0.35, 0.2], [1, 0]].forEach(([at, a]) => glow.addColorStop(at, rgba(col, a * v)));
    dot(ctx, x, y, R, glow);
  }
  dot(ctx, x, y, r, rgba(C.disc, 1));
  if (!dense && v > 0) {
    ctx.fillStyle = rgba(col, 0.08 + 0.92 * v);
    ctx.fill();
  } else if (dense && v > 0.015) {
    const rc = r * (0.25 + 0.75 * Math.sqrt(v));
    const k = Math.min(1, 0.35 + v);
    const core = ctx.createRadialGradient(x - rc * 0.2, y - rc * 0.25, 0, x, y, rc);
    [[0, [255, 250, 232], 0.98], [0.55, col, 0.92], [1, col, 0.25]].forEach(([at, c, a]) => core.addColorStop(at, rgba(c, a * k)));
    dot(ctx, x, y, rc, core);
  }
}

/** The input layer as the image it holds (a cell per pixel neuron), glowing softly. */
export function inputImage(owner, a0, { x, y, s, side }) {
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
  Object.assign(ctx, { imageSmoothingEnabled: false, shadowColor: rgba(C.warm, 0.18), shadowBlur: 24 });
  ctx.drawImage(owner.pixels, x, y, s, s);
  ctx.restore();
  const cell = s / side;
  if (cell >= 5) { // cell borders, so each pixel reads as a neuron
    Object.assign(ctx, { strokeStyle: rgba(C.bg, 0.55), lineWidth: Math.min(1.2, cell * 0.12) });
    ctx.beginPath();
    for (let i = 1; i < side; i++) {
      const [o, p] = [Math.round(x + i * cell) + 0.5, Math.round(y + i * cell) + 0.5];
      ctx.moveTo(o, y);
      ctx.lineTo(o, y + s);
      ctx.moveTo(x, p);
      ctx.lineTo(x + s, p);
    }
    ctx.stroke();
  }
  Object.assign(ctx, { strokeStyle: rgba(C.white, 0.14), lineWidth: 1 });
  ctx.strokeRect(x - 0.5, y - 0.5, s + 1, s + 1);
}

/** Text with a dark outline (legible over synapses); color: [r, g, b] or a CSS colour. */
function text(ctx, s, x, y, { align = 'center', font, color, caps = false, alpha = 1 }) {
  if (alpha <= 0.01 || !s) return;
  const saved = ctx.globalAlpha;
  const str = caps ? s.toUpperCase() : s;
  Object.assign(ctx, { globalAlpha: saved * alpha, font, textAlign: align, textBaseline: 'middle' });
  // Letter spacing only where it is used: setting it, even to what it was, costs Chromium a new
  // font lookup on the next text (most of a drawing pad frame's time).
  if (caps) ctx.letterSpacing = '1.5px';
  Object.assign(ctx, { lineJoin: 'round', lineWidth: 4, strokeStyle: rgba(C.bg, 0.85) });
  ctx.strokeText(str, x, y);
  ctx.fillStyle = Array.isArray(color) ? rgba(color, 1) : color;
  ctx.fillText(str, x, y);
  ctx.globalAlpha = saved;
  if (caps) ctx.letterSpacing = '0px';
}

/** Dense layout: input names, activations, the output's value, the error box, layer names. */
export function denseText(ctx, frame, v, g, d) {
  const [K, B, nw] = [d.K, frame.buffers, g.narrow];
  const labels = frame.sizes.every((n) => n <= 16);
  const small = v.values && labels;
  g.layers.forEach((lay, l) => {
    const [a, alpha] = [B[`a${l}`], d.reveal(l, 0.7)];
    for (let i = 0; i < lay.n; i++) {
      const [x, y, r] = [lay.x[i], lay.y[i], lay.r];
      if (l === 0 && labels) text(ctx, `x${i + 1}`, x - r - 10, y + 0.5, { align: 'right', font: `600 ${nw ? 12 : 14}px ${FONT}`, color: TEXT.label });
      if (g.showValues && small && l < K) {
        text(ctx, fixed(a[i], l === 0 && Number.isInteger(a[i]) ? 0 : 3), x, y - r - 9, { font: `${nw ? 11 : 12.5}px ${MONO}`, color: rgba(TEXT.value, 0.92), alpha });
      }
    }
    const name = t(l === 0 ? 'render.layerInput' : l === K ? 'render.layerOutput' : K > 2 ? 'render.layerHiddenNumber' : 'render.layerHidden', { n: l });
    text(ctx, name, lay.c, g.h - g.padB / 2 + 4, { font: `500 ${nw ? 10.5 : 12}px ${FONT}`, color: TEXT.dim, caps: true });
  });
  const [out, alpha] = [g.layers[K], d.reveal(K, 0.7)];
  for (let i = 0; small && i < out.n; i++) {
    const [x, y, r, align] = [out.x[i], out.y[i], out.r, nw ? 'center' : 'left'];
    // The value above the output and its name below it (narrow), or both to its right.
    const [vx, vy, nx, ny] = nw ? [x, y - r * 2.2 - 12, x, y + r * 2.2 + 10] : [x + r * 2.2 + 10, y + 1, x + r * 2.2 + 11, y - 25];
    text(ctx, alpha > 0 ? fixed(B[`a${K}`][i], 3) : '', vx, vy, { align, font: `700 ${nw ? 17 : 28}px ${MONO}`, color: TEXT.output, alpha });
    text(ctx, out.n > 1 && !nw ? t('render.outputNumber', { n: i + 1 }) : t('render.output'), nx, ny, { align, font: `600 ${nw ? 11 : 12}px ${FONT}`, color: TEXT.muted });
  }
  if (d.known.error && small && B.target && B.error) errorBox(ctx, B, g, d);
}

/** The target, the output and error = target − output, beside (or below) the output. */
function errorBox(ctx, B, g, d) {
  const [n, nw, o] = [Math.min(B.target.length, 3), g.narrow, g.layers[d.K]];
  const [boxW, rowH, errH] = nw ? [150, 19, 28] : [188, 22, 34];
  const boxH = 18 + n * (2 * rowH + errH) + 16;
  const [bx, by] = nw ? [g.w - boxW - 10, g.h - g.padB - boxH - 4] : [o.c + g.r * 2.2 + 6, o.y[0] + 26];
  Object.assign(ctx, { globalAlpha: d.phase === 'error' ? d.eased : 1, fillStyle: rgba(C.panel, 0.9), strokeStyle: rgba(C.error, 0.55), lineWidth: 1 });
  ctx.beginPath();
  ctx.roundRect(bx, by, boxW, boxH, 10);
  ctx.fill();
  ctx.stroke();
  const num = { align: 'right', font: `500 ${nw ? 11.5 : 12.5}px ${MONO}`, color: TEXT.body };
  const label = { align: 'left', font: `500 ${nw ? 11 : 12}px ${FONT}`, color: TEXT.muted };
  const [left, right] = [bx + 12, bx + boxW - 12];
  const words = { target: t('render.boxTarget'), output: t('render.boxOutput'), error: t('render.boxError') };
  for (let i = 0, y = by + 18; i < n; i++, y += errH * 0.5 + rowH * 0.5) {
    text(ctx, words.target, left, y, label);
    text(ctx, fixed(B.target[i], Number.isInteger(B.target[i]) ? 0 : 3), right, y, num);
    text(ctx, words.output, left, (y += rowH), label);
    text(ctx, fixed(B[`a${d.K}`][i], 3), right, y, num);
    y += rowH * 0.5 + errH * 0.5;
    text(ctx, words.error, left, y, { align: 'left', font: `650 ${nw ? 12.5 : 14}px ${FONT}`, color: rgba(C.error, 0.95) });
    text(ctx, fixedSigned(B.error[i], 3), right, y, { align: 'right', font: `700 ${nw ? 19 : 24}px ${MONO}`, color: C.error });
  }
  text(ctx, t('render.boxFormula'), left, by + boxH - 11, { align: 'left', font: `400 ${nw ? 9.5 : 10.5}px ${FONT}`, color: TEXT.dim });
  ctx.globalAlpha = 1;
}

/** Image layout: layer names, and each output's label, bar and value (up to 20 outputs). */
export function imageText(ctx, frame, v, g, d) {
  const { grid, layers, vertical } = g;
  const name = (l) => (l === 0 ? t('render.layerInputImage', { side: grid.side }) : t(l === d.K ? 'render.layerOutputSize' : 'render.layerHiddenSize', { n: fmtInt(layers[l].n) }));
  const style = { font: `600 11px ${FONT}`, color: TEXT.muted, caps: true };
  if (vertical) text(ctx, name(0), grid.x + grid.s / 2, grid.y - 9, style);
  else text(ctx, name(0), grid.x, grid.y - 12, { ...style, align: 'left' });
  // Side by side, many layers crowd their names: the output's first, then each hidden layer's name,
  // or its size alone, or nothing, wherever it would overlap one already placed.
  const placed = [];
  const place = (l) => {
    const top = Math.min(...layers[l].y) - layers[l].r;
    for (const s of [name(l), fmtInt(layers[l].n)]) {
      Object.assign(ctx, { font: style.font, letterSpacing: '1.5px' }); // (as text() draws it)
      const w = ctx.measureText(s.toUpperCase()).width / 2 + 5;
      ctx.letterSpacing = '0px';
      const [a, b, y] = [layers[l].c - w, layers[l].c + w, top - 14];
      if (placed.some((p) => a < p.b && b > p.a && Math.abs(y - p.y) < 14)) continue;
      placed.push({ a, b, y });
      return text(ctx, s, layers[l].c, y, style);
    }
  };
  if (!vertical) [d.K, ...layers.keys()].filter((l, i) => l > 0 && (i === 0 || l < d.K)).forEach(place);
  for (let l = 1; l < d.K; l++) {
    const top = Math.min(...layers[l].y) - layers[l].r;
    if (vertical) {
      // On a dark pill: in an upright layout the label sits among the synapses.
      Object.assign(ctx, { font: style.font, fillStyle: rgba(C.bg, 0.85) });
      ctx.fillRect(8, top - 22, ctx.measureText(name(l).toUpperCase()).width + 20, 17);
      text(ctx, name(l), 14, top - 13, { ...style, align: 'left' });
    }
  }
  if (layers[d.K].n <= 20) outputs(ctx, frame, v, g, d);
}

/** Each output's digit, bar and value; a dot at the example's label, a dashed ring at a known target. */
function outputs(ctx, frame, v, g, d) {
  const [lay, a, target] = [g.layers[d.K], frame.buffers[`a${d.K}`], frame.buffers.target];
  const reveal = d.reveal(d.K);
  const big = lay.r >= 9;
  for (let i = 0; i < lay.n; i++) {
    const [x, y, r] = [lay.x[i], lay.y[i], lay.r];
    const value = Number.isFinite(a[i]) ? a[i] : 0;
    const guess = i === d.guess && reveal > 0.5;
    const digit = { font: `${guess ? 700 : 600} ${g.vertical ? 12 : big ? 15 : 12}px ${FONT}`, color: guess ? C.warm : rgba(TEXT.body, 0.85) };
    const shown = reveal > 0 ? fmt(value, 2) : '–';
    if (!g.vertical) {
      const [tx, barX] = [x + r + 10, x + r + 10 + (big ? 16 : 12)];
      text(ctx, String(i), tx, y, { align: 'left', ...digit });
      ctx.fillStyle = 'rgba(255,255,255,0.07)';
      ctx.fillRect(barX, y - 2, 44, 4);
      ctx.fillStyle = rgba(guess ? C.warm : TEXT.muted, 0.9);
      ctx.fillRect(barX, y - 2, 44 * clamp01(value) * reveal, 4);
      if (big) text(ctx, shown, barX, y + 11, { align: 'left', font: `11px ${MONO}`, color: TEXT.muted, alpha: reveal > 0 ? 1 : 0.5 });
    } else {
      text(ctx, String(i), x, y + r + 10, digit);
      text(ctx, shown.replace(/^0(?=[.,])/, ''), x, y + r + 22, { font: `9px ${MONO}`, color: TEXT.muted });
    }
    if (v.label === i) dot(ctx, ...(g.vertical ? [x, y - r - 6, 2.5] : [x - r - 8, y, 3]), rgba(d.pal.pos, 0.95));
    if (d.known.error && target && target[i] > 0.5) {
      ctx.setLineDash([3, 3]);
      ring(ctx, x, y, r + 4, d.pal.pos, 0.9, 2);
      ctx.setLineDash([]);
    }
  }
}

/** Top: a title, a caption under it, and the average error on the right. */
export function header(ctx, g, title, caption, loss) {
  const nw = g.narrow;
  text(ctx, title, 18, nw ? 22 : 28, { align: 'left', font: `650 ${nw ? 16 : 20}px ${FONT}`, color: TEXT.bright });
  text(ctx, caption, 18, nw ? 42 : 51, { align: 'left', font: `500 ${nw ? 11.5 : 13}px ${FONT}`, color: TEXT.muted });
  if (loss == null) return;
  if (nw) return text(ctx, t('render.headerError', { loss: fmt(loss, 4) }), g.w - 18, 22, { align: 'right', font: `600 13px ${MONO}`, color: TEXT.loss });
  text(ctx, t('render.headerAverageError'), g.w - 18, 24, { align: 'right', font: `600 11px ${FONT}`, color: TEXT.muted });
  text(ctx, fmt(loss, 4), g.w - 18, 48, { align: 'right', font: `700 22px ${MONO}`, color: TEXT.loss });
}

/** Bottom right: what the two synapse colours mean (so a video or image explains itself). */
export function legend(ctx, g, pal) {
  const y = g.h - (g.padB ?? 30) / 2 + 4;
  const font = `500 11.5px ${FONT}`;
  let x = g.w - 18;
  ctx.font = font;
  for (const [word, colour] of [[t('render.legendInhibits'), pal.neg], [t('render.legendExcites'), pal.pos]]) {
    x -= ctx.measureText(word).width;
    text(ctx, word, x, y, { align: 'left', font, color: TEXT.muted });
    ctx.lineCap = 'round';
    line(ctx, x - 28, y, x - 8, y, rgba(colour, 0.9), 4);
    x -= 44;
  }
}
