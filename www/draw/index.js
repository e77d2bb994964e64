// www/draw/index.html's script: the drawing pad on a page of its own, options from the URL.
import { mountDraw } from '../neuroglow.js';
const params = new URLSearchParams(location.search);
const options = {};
for (const name of ['model', 'palette']) if (params.has(name)) options[name] = params.get(name);
try {
  // Exposed for tests and the curious: window.draw is the API object.
  window.draw = await mountDraw(document.getElementById('app'), options);
} catch (e) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = e.message;
  document.getElementById('app').append(p);
  throw e;
}
