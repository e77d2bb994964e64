// A classic script (ES5, no modules), loaded before the page's module: a browser too old for
// neuroglow gets a message naming what it lacks and the browsers that work at the top of the
// page, instead of a blank page or one that says "Loading…" forever (the modules cannot run: the
// settings table loads the wasm module at import, and neuroglow.js imports it). The same checks and words as
// www/core/support.js (which loadWasm() runs for pages built on the API); tests/unit/support.test.mjs
// keeps the two in step. Sets <html data-ng-unsupported="…"> for tests and styles.
(function (g) {
  var SUPPORTED = 'Chrome or Edge 98 or later, Firefox 114 or later, or Safari 16.4 or later (iPhone and iPad: iOS/iPadOS 16.4)';
  function wasm(bytes) {
    try {
      return typeof g.WebAssembly === 'object' && g.WebAssembly.validate(new Uint8Array(bytes)) === true;
    } catch (e) {
      return false;
    }
  }
  var REQUIREMENTS = [
    ['JavaScript modules', function () { return typeof g.HTMLScriptElement !== 'function' || 'noModule' in g.HTMLScriptElement.prototype; }],
    ['WebAssembly', function () { return typeof g.WebAssembly === 'object' && typeof g.WebAssembly.validate === 'function'; }],
    ['WebAssembly SIMD', function () { return wasm([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]); }],
    ['WebAssembly reference types', function () { return wasm([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11]); }],
    ['WebAssembly bulk memory', function () { return wasm([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11]); }],
    ['structuredClone', function () { return typeof g.structuredClone === 'function'; }],
    ['Array.prototype.at and findLastIndex', function () { return typeof g.Array.prototype.at === 'function' && typeof g.Array.prototype.findLastIndex === 'function'; }],
  ];
  var missing = [];
  for (var i = 0; i < REQUIREMENTS.length; i++) {
    var ok = false;
    try {
      ok = REQUIREMENTS[i][1]();
    } catch (e) {
      ok = false;
    }
    if (!ok) missing.push(REQUIREMENTS[i][0]);
  }
  function message(list) {
    var names = list.length > 1 ? list.slice(0, -1).join(', ') + ' and ' + list[list.length - 1] : list[0];
    return 'neuroglow cannot run in this browser: it lacks ' + names + '. It runs in ' + SUPPORTED + '; please update this browser or open the page in one of those.';
  }
  g.neuroglowSupport = { missing: missing, message: message, supported: SUPPORTED };
  if (!missing.length || typeof document === 'undefined') return;
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
    p.textContent = message(missing);
    var host = document.querySelector('main') || document.body;
    host.insertBefore(p, host.firstChild);
    var waiting = document.querySelectorAll('.ng-loading');
    for (var k = 0; k < waiting.length; k++) waiting[k].parentNode.removeChild(waiting[k]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})(typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : this);
