// www/mnist/index.html's script: the MNIST section on a page of its own, options from the URL.
import { mountMnist } from '../neuroglow.js';
const params = new URLSearchParams(location.search);
const options = {};
if (params.has('preset')) options.preset = params.get('preset');
// A link may point the page at other data, but only on this site: a relative path that
// stays on this origin. Anything else is said and ignored (no request leaves the site).
if (params.has('data')) {
  const data = params.get('data');
  const at = new URL(data, location.href);
  if (/^([a-z][a-z0-9+.-]*:|\/\/|\\)/i.test(data.trim()) || at.origin !== location.origin) {
    const note = document.createElement('p');
    note.setAttribute('role', 'alert');
    note.className = 'data-refused';
    note.textContent = `Ignored data=${data}: the data must be a relative path on this site; loading the MNIST digits instead.`;
    document.getElementById('app').append(note);
  } else options.dataUrl = at.href;
}
// Exposed for tests and the curious: window.mnist is the API object. A failure to mount is said
// on the page, not left as a blank one (a browser without WebAssembly SIMD never gets here: the
// import above fails, and ../support-check.js has said why).
try {
  window.mnist = await mountMnist(document.getElementById('app'), options);
} catch (e) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = e.message;
  document.getElementById('app').append(p);
}
