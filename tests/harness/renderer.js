// The renderer harness: synthetic frames (frames.js) drawn by www/render/network.js, one panel
// per case. Serve the repository root and open tests/harness/renderer.html; shoot.mjs
// screenshots every panel into tests/artifacts/renderer/.

import { NetworkRenderer } from '../../www/render/network.js';
import { xorFrame, imageFrame } from './frames.js';

const xorTitle = { title: 'Cycle 60,000' };
const ex = 'Example 3 of 7';
const CASES = [
  ['xor-answer', 1180, 580, () => xorFrame('probe'), { ...xorTitle, caption: 'New situation: the network\u2019s answer' }],
  ['xor-present', 1180, 580, () => xorFrame('present'), { ...xorTitle, caption: `${ex} · the input arrives`, stepped: true }],
  ['xor-forward0-mid', 1180, 580, () => xorFrame('forward', 0), { ...xorTitle, caption: `${ex} · forward: layer 1 → 2`, stepped: true, t: 0.55 }],
  ['xor-forward1', 1180, 580, () => xorFrame('forward', 1), { ...xorTitle, caption: `${ex} · forward: layer 2 → 3`, stepped: true }],
  ['xor-error', 1180, 580, () => xorFrame('error'), { ...xorTitle, caption: `${ex} · error = target − output`, stepped: true }],
  ['xor-backward1-mid', 1180, 580, () => xorFrame('backward', 1), { ...xorTitle, caption: `${ex} · backward: layer 3 → 2`, stepped: true, t: 0.5 }],
  ['xor-backward0', 1180, 580, () => xorFrame('backward', 0), { ...xorTitle, caption: `${ex} · backward: layer 2 → 1`, stepped: true, hover: { type: 'neuron', l: 1, i: 1 } }],
  ['xor-update-mid', 1180, 580, () => xorFrame('update'), { ...xorTitle, caption: `${ex} · the weights change`, stepped: true, t: 0.35 }],
  ['xor-update-blue-orange', 1180, 580, () => xorFrame('update'), { ...xorTitle, caption: `${ex} · the weights change`, stepped: true, palette: 'blue-orange', legend: true, hover: { type: 'synapse', k: 0, j: 0, i: 3 } }],
  ['xor-narrow-error', 380, 560, () => xorFrame('error'), { ...xorTitle, caption: `${ex} · error`, stepped: true }],
  ['image-playing', 820, 640, () => imageFrame('trained'), { playing: true, focus: 3, label: 6 }],
  ['image-present', 820, 640, () => imageFrame('present'), { stepped: true, label: 6 }],
  ['image-forward1-mid', 820, 640, () => imageFrame('forward', 1), { stepped: true, t: 0.6, label: 6 }],
  ['image-error', 820, 640, () => imageFrame('error'), { stepped: true, label: 6 }],
  ['image-backward0-blue-orange', 820, 640, () => imageFrame('backward', 0), { stepped: true, t: 0.7, palette: 'blue-orange', label: 6 }],
  ['image-update-mid', 820, 640, () => imageFrame('update'), { stepped: true, t: 0.3, label: 6, legend: true }],
  ['image-modern-pad', 1100, 640, () => imageFrame('probe', null, [128, 64]), { playing: true, weightsVersion: 1 }],
  ['image-modern-pad-blue-orange', 1100, 640, () => imageFrame('probe', null, [128, 64]), { playing: true, weightsVersion: 1, palette: 'blue-orange' }],
  ['image-vertical', 380, 760, () => imageFrame('backward', 1), { stepped: true, label: 6 }],
  ['image-blank-pad', 820, 560, () => imageFrame('idle'), { playing: true, weightsVersion: 2 }], // a Reader with no ink: nothing lit
];

const only = new URLSearchParams(location.search).get('only');
const host = document.getElementById('panels');
for (const [name, w, h, make, opts] of CASES) {
  if (only && only !== name) continue;
  const panel = document.createElement('section');
  panel.className = 'panel';
  panel.innerHTML = `<h2>${name}</h2><div class="wrap" id="${name}"></div>`;
  const wrap = panel.querySelector('.wrap');
  Object.assign(wrap.style, { width: `${w}px`, height: `${h}px` }); // CSSOM: the CSP refuses style=""
  host.append(panel);
  const renderer = new NetworkRenderer(wrap);
  renderer.draw(make(), opts);
  panel.dataset.summary = JSON.stringify(renderer.synapseSummary());
}
document.body.dataset.ready = 'true';
