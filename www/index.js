// index.html's script: the three tasks as tabs, each mounted when first opened.
import { mount, Tabs, PageShare, pageLang, useLang, translateTree, t, languageMenu } from './neuroglow.js';

// One section per tab; each mounts when its tab is first opened (so MNIST's 11 MB of digits
// load only then). The section the URL asks for (?task=…) reads its settings from the URL
// (bad ones become warnings); the address follows whichever tab is on show.
const SECTIONS = {
  xor: { tasks: ['xor3', 'xor2'], host: 'playground', options: { keyboard: 'page' }, loading: 'page.loadingXor' },
  mnist: { tasks: ['mnist'], host: 'mnist', options: {}, loading: 'page.loadingMnist' },
  draw: { tasks: ['draw'], host: 'draw', options: {}, loading: 'page.loadingDraw' },
};
const query = new URLSearchParams(location.search);

// The page's language: ?lang= (a bad one is warned about by the section that reads the URL),
// else the browser's. The page's own words first, then the sections mount in it.
const language = await useLang(pageLang());
translateTree(document);
languageMenu(document.getElementById('language'));

const asked = (query.get('task') ?? '').trim().toLowerCase();
const first = Object.keys(SECTIONS).find((k) => SECTIONS[k].tasks.includes(asked)) ?? 'xor';
const page = location.pathname;
const opened = {};
let active = null;
window.playgrounds = {};

/** The address of the section on show: its settings (as Share links them), or just its task. */
function showUrl(name) {
  const pg = window.playgrounds[name];
  const query = pg ? new URL(pg.link()).search : `?task=${SECTIONS[name].tasks[0]}&lang=${language}`;
  if (query === location.search) return;
  try {
    history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  } catch {
    // Sandboxed frames may refuse.
  }
}

function open(name) {
  if (opened[name]) return opened[name];
  const s = SECTIONS[name];
  const host = document.getElementById(s.host);
  if (!host.querySelector('.ng-loading')) host.prepend(Object.assign(document.createElement('p'), { className: 'ng-loading', textContent: t(s.loading) }));
  const options = name === first ? { ...s.options, url: true } : { ...s.options, task: s.tasks[0], appUrl: page, lang: language };
  opened[name] = mount(host, options).then(
    (pg) => {
      host.querySelector('.ng-loading')?.remove();
      host.playground = pg;
      window.playgrounds[name] = pg;
      if (active === name) window.neuroglow = pg;
      // The section that owns the URL (url: true) keeps it in step itself.
      if (name !== first) {
        pg.on('settings', () => { if (active === name) showUrl(name); });
        if (active === name) showUrl(name);
      }
      return pg;
    },
    (e) => {
      const p = host.querySelector('.ng-loading') ?? host.appendChild(document.createElement('p'));
      p.className = 'ng-loading';
      p.setAttribute('role', 'alert');
      p.textContent = e.message;
      delete opened[name]; // opening the tab again tries again
      return null;
    },
  );
  return opened[name];
}

// XOR has Share and Embed among its own controls; the other tabs get theirs in the tab bar.
const share = new PageShare(document.getElementById('page-share'), () => window.playgrounds[active] ?? null, document.getElementById('page-embed'));
const tabs = new Tabs(document.querySelector('.ng-tabs'), (name) => {
  active = name;
  share.show(name === 'xor' ? null : SECTIONS[name].tasks[0]);
  if (window.playgrounds[name]) window.neuroglow = window.playgrounds[name];
  // Back on the section that owns the URL, its settings; elsewhere the page writes it.
  if (name !== first || window.playgrounds[name]) showUrl(name);
  open(name);
});
tabs.select(first);
