// www/draw/index.html's script: the drawing pad on a page of its own, options from the URL.
import { mountDraw, pageLang, useLang, translateTree, languageMenu } from '../neuroglow.js';
const params = new URLSearchParams(location.search);
// The page's language: ?lang= when it names one of ours, else the browser's. The page's own
// words first; the section then mounts in the same language.
const lang = await useLang(pageLang());
translateTree(document);
languageMenu(document.getElementById('language'));
// The way back keeps the language asked for.
if (params.has('lang')) document.querySelector('a.back').search = `?lang=${lang}`;
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
