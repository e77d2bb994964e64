// Links a stylesheet into a document once. Found by its resolved URL (not module state), so a
// page's own <link> to the same file counts, and every section and instance shares one link.

/** @param {Document} doc  @param {URL|string} url  absolute URL of the stylesheet */
export function linkStylesheet(doc, url) {
  const href = String(url);
  for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
    if (link.href === href) return;
  }
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  doc.head.append(link);
}
