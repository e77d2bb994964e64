// index.html's ?embed (or embed=1): the compact layout for an <iframe>, set before the first
// paint. A classic script loaded in <head> (not a module: modules run after the first paint).
(function () {
  var q = new URLSearchParams(location.search);
  if (/^\s*(|1|true|on|yes)\s*$/i.test(q.get('embed') ?? 'no')) document.documentElement.classList.add('ng-embed-page');
})();
