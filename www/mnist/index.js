// www/mnist/index.html's script: the MNIST section on a page of its own, options from the URL.
// The page's language: ?lang= when it names one shipped, else the browser's (i18n.js).
import { mountMnist, pageLang, useLang, translateTree, t, languageMenu } from '../neuroglow.js';
const params = new URLSearchParams(location.search);
const app = document.getElementById('app');
/** Says `text` on the page, as an alert. */
function alertNote(text, className = '') {
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  if (className) note.className = className;
  note.textContent = text;
  app.append(note);
}
// Exposed for tests and the curious: window.mnist is the API object. A failure to mount is said
// on the page, not left as a blank one (a browser without WebAssembly SIMD never gets here: the
// import above fails, and ../support-check.js has said why).
try {
  // The page's own words first; the section then mounts in the same language.
  const lang = await useLang(pageLang());
  translateTree(document);
  languageMenu(document.getElementById('language'));
  // The way back keeps the language asked for.
  if (params.has('lang')) document.querySelector('a.back').search = `?lang=${lang}`;
  const options = {};
  if (params.has('preset')) options.preset = params.get('preset');
  // A link may point the page at other data, but only on this site: a relative path that
  // stays on this origin. Anything else is said and ignored (no request leaves the site).
  if (params.has('data')) {
    const data = params.get('data');
    const at = new URL(data, location.href);
    if (/^([a-z][a-z0-9+.-]*:|\/\/|\\)/i.test(data.trim()) || at.origin !== location.origin) {
      alertNote(t('mnistPage.dataRefused', { data }), 'data-refused');
    } else options.dataUrl = at.href;
  }
  window.mnist = await mountMnist(app, options);
} catch (e) {
  alertNote(e.message);
}
