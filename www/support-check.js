// A classic script (ES5, no modules), loaded before the page's module: a browser too old for
// neuroglow gets a message naming what it lacks and the browsers that work at the top of the
// page, instead of a blank page or one that says "Loading…" forever (the modules cannot run: the
// settings table loads the wasm module at import, and neuroglow.js imports it). The same checks and words as
// www/core/support.js (which loadWasm() runs for pages built on the API); tests/unit/support.test.mjs
// keeps the two in step. Sets <html data-ng-unsupported="…"> for tests and styles.
//
// The words are the catalogue's (lang/<code>.json next to this script, keys support.*), in the
// language ?lang= or the browser's languages ask for; English, the words below, when no
// catalogue can be loaded.
(function (g) {
  var SUPPORTED = 'Chrome or Edge 98 or later, Firefox 114 or later, or Safari 16.4 or later (iPhone and iPad: iOS/iPadOS 16.4)';
  // The English messages (en.json's support.* too): shown when no catalogue can be loaded.
  var messages = {
    'support.lacks': 'neuroglow cannot run in this browser: it lacks {names}. It runs in {browsers}; please update this browser or open the page in one of those.',
    'support.and': ' and ',
    'support.browsers': SUPPORTED,
    'support.featureModules': 'JavaScript modules',
    'support.featureWasm': 'WebAssembly',
    'support.featureSimd': 'WebAssembly SIMD',
    'support.featureReferenceTypes': 'WebAssembly reference types',
    'support.featureBulkMemory': 'WebAssembly bulk memory',
    'support.featureStructuredClone': 'structuredClone',
    'support.featureArrayAt': 'Array.prototype.at and findLastIndex'
  };
  var lang = 'en';
  // This script's own address, captured while it runs (the catalogues lie next to it).
  var script = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : '';
  function wasm(bytes) {
    try {
      return typeof g.WebAssembly === 'object' && g.WebAssembly.validate(new Uint8Array(bytes)) === true;
    } catch (e) {
      return false;
    }
  }
  // [name (as missing lists it), message key, test].
  var REQUIREMENTS = [
    ['JavaScript modules', 'support.featureModules', function () { return typeof g.HTMLScriptElement !== 'function' || 'noModule' in g.HTMLScriptElement.prototype; }],
    ['WebAssembly', 'support.featureWasm', function () { return typeof g.WebAssembly === 'object' && typeof g.WebAssembly.validate === 'function'; }],
    ['WebAssembly SIMD', 'support.featureSimd', function () { return wasm([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]); }],
    ['WebAssembly reference types', 'support.featureReferenceTypes', function () { return wasm([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11]); }],
    ['WebAssembly bulk memory', 'support.featureBulkMemory', function () { return wasm([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11]); }],
    ['structuredClone', 'support.featureStructuredClone', function () { return typeof g.structuredClone === 'function'; }],
    ['Array.prototype.at and findLastIndex', 'support.featureArrayAt', function () { return typeof g.Array.prototype.at === 'function' && typeof g.Array.prototype.findLastIndex === 'function'; }]
  ];
  var missing = [];
  var keys = {};
  for (var i = 0; i < REQUIREMENTS.length; i++) {
    var ok = false;
    keys[REQUIREMENTS[i][0]] = REQUIREMENTS[i][1];
    try {
      ok = REQUIREMENTS[i][2]();
    } catch (e) {
      ok = false;
    }
    if (!ok) missing.push(REQUIREMENTS[i][0]);
  }
  /** A message with its {name} placeholders filled. */
  function say(key, params) {
    return String(messages[key]).replace(/\{(\w+)\}/g, function (whole, name) {
      return params && params.hasOwnProperty(name) ? params[name] : whole;
    });
  }
  function message(list) {
    var names = [];
    for (var j = 0; j < list.length; j++) names.push(keys.hasOwnProperty(list[j]) ? say(keys[list[j]]) : list[j]);
    var joined = names.length > 1 ? names.slice(0, -1).join(', ') + say('support.and') + names[names.length - 1] : names[0];
    return say('support.lacks', { names: joined, browsers: say('support.browsers') });
  }
  /** Uses a catalogue (code → its messages); keys it lacks stay English. */
  function use(code, catalogue) {
    for (var key in messages) {
      if (messages.hasOwnProperty(key) && catalogue && typeof catalogue[key] === 'string') messages[key] = catalogue[key];
    }
    lang = code;
  }
  g.neuroglowSupport = { missing: missing, message: message, supported: SUPPORTED, use: use };
  if (!missing.length || typeof document === 'undefined') return;

  /** The languages to try, most wanted first: ?lang=, the browser's, English (base subtags: de-AT → de). */
  function wanted() {
    var tags = [];
    var asked = /[?&]lang=([^&#]*)/.exec(g.location ? g.location.search : '');
    if (asked) tags.push(decodeURIComponent(asked[1].replace(/\+/g, ' ')));
    var nav = g.navigator || {};
    if (nav.languages && nav.languages.length) for (var k = 0; k < nav.languages.length; k++) tags.push(nav.languages[k]);
    else if (nav.language) tags.push(nav.language);
    tags.push('en');
    var codes = [];
    for (var m = 0; m < tags.length; m++) {
      var code = String(tags[m]).replace(/^\s+|\s+$/g, '').toLowerCase().split(/[-_]/)[0];
      if (/^[a-z]{2,3}$/.test(code) && codes.indexOf(code) < 0) codes.push(code);
    }
    return codes;
  }

  /** Loads the first catalogue of codes there is (one missing, 404: the next); then done(). */
  function load(codes, done) {
    if (!codes.length || !script || typeof g.XMLHttpRequest === 'undefined') return done();
    var code = codes[0];
    var finished = false;
    function next(loaded) {
      if (finished) return;
      finished = true;
      if (loaded) done();
      else load(codes.slice(1), done);
    }
    try {
      var xhr = new g.XMLHttpRequest();
      xhr.open('GET', script.replace(/[^\/?#]*([?#].*)?$/, '') + 'lang/' + code + '.json', true);
      xhr.timeout = 5000;
      xhr.onload = function () {
        if (xhr.status === 404) return next(false);
        try {
          if (xhr.status >= 200 && xhr.status < 300) use(code, JSON.parse(xhr.responseText));
        } catch (e) {
          // Not a catalogue: the English words stay.
        }
        next(true);
      };
      xhr.onerror = xhr.ontimeout = function () {
        next(true); // the site cannot be reached: the English words
      };
      xhr.send();
    } catch (e) {
      next(true);
    }
  }

  // One alert at the top of the page (nothing on it can work: the page's modules stop at the
  // missing feature), and no "Loading…" placeholder left waiting.
  function show() {
    document.documentElement.setAttribute('data-ng-unsupported', missing.join(', '));
    var p = document.createElement('p');
    p.className = 'ng-unsupported';
    // Styled here (through the CSSOM, which the pages' CSP allows), so every page shows it alike
    // whichever stylesheets it loads.
    var css = { margin: '16px 0', padding: '16px 20px', border: '2px solid #e8a33d', borderRadius: '8px', background: '#2a2112', color: '#ffe2b3', fontSize: '1.05rem', lineHeight: '1.5' };
    for (var key in css) p.style[key] = css[key];
    p.setAttribute('role', 'alert');
    p.setAttribute('lang', lang);
    p.textContent = message(missing);
    var host = document.querySelector('main') || document.body;
    host.insertBefore(p, host.firstChild);
    var waiting = document.querySelectorAll('.ng-loading');
    for (var k = 0; k < waiting.length; k++) waiting[k].parentNode.removeChild(waiting[k]);
  }
  // Shown once both the page and the words are there.
  var pending = 2;
  function ready() {
    if (--pending === 0) show();
  }
  load(wanted(), ready);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})(typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : this);
