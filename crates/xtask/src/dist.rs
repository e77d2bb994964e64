//! `cargo xtask dist`: the site as a self-contained static folder, dist/.
//!
//! dist/ holds index.html and www/ (JS, CSS, the wasm package, MNIST data, models, examples).
//! Every URL in it is relative, so it works from any static host under any sub-path, from a
//! local folder served by any static server, and offline. This command checks that (no
//! absolute URL in any import, fetch, worker, src or href) and that the first view (index.html
//! and everything it loads: HTML, JS, CSS, wasm) stays within the gzip budget.
//!
//! Every page in dist/ carries the site's Content-Security-Policy ([`serve::CSP`], the header
//! `cargo xtask serve` sends) as a `<meta http-equiv>` tag, written in as it is copied, so a
//! plain static host gives the same protection; the pages have no inline code for it to block
//! (this command checks that too).

use crate::build;
use crate::serve;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const DIST_DIR: &str = "dist";
/// The first view's payload, gzip-compressed, in bytes (KB = 1000 bytes).
pub const BUDGET: u64 = 300_000;

pub fn command() -> Result<(), String> {
    build::wasm_package()?;
    let out = crate::root().join(DIST_DIR);
    write(&out)?;
    println!("xtask: dist/ is ready: serve it from any static host, e.g. `python3 -m http.server -d dist`");
    Ok(())
}

/// Copies the site into `out` (replacing it), checks its URLs and the first-view budget, and
/// prints the sizes. Expects www/pkg to be built.
pub fn write(out: &Path) -> Result<(), String> {
    let root = crate::root();
    let pkg = root.join(build::PKG_DIR);
    for needed in ["neuroglow_wasm.js", "neuroglow_wasm_bg.wasm"] {
        if !pkg.join(needed).is_file() {
            return Err(format!(
                "{} is missing: build the wasm package first",
                pkg.join(needed).display()
            ));
        }
    }
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("cannot remove {}: {e}", out.display()))?;
    }
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut files = 0;
    copy_file(&root.join("index.html"), &out.join("index.html"))?;
    files += 1;
    files += copy_dir(&root.join("www"), &out.join("www"))?;
    println!(
        "xtask: wrote {} ({files} files, {})",
        out.display(),
        human(dir_size(out))
    );

    let inline = inline_code(out)?;
    if !inline.is_empty() {
        return Err(format!(
            "dist/'s pages must not have inline scripts, styles or event handlers (the Content-Security-Policy blocks them): move them into .js and .css files; found:\n  {}",
            inline.join("\n  ")
        ));
    }
    let absolute = absolute_urls(out)?;
    if !absolute.is_empty() {
        return Err(format!(
            "dist/ must only use relative URLs (it is served under any sub-path, and offline); found:\n  {}",
            absolute.join("\n  ")
        ));
    }
    report(out)
}

// ------------------------------------------------------------------ copying

/// Copies a file; a page (.html) gets the Content-Security-Policy `<meta>` tag on the way.
fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if is_page(from) {
        let html =
            fs::read_to_string(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let html = with_csp(&html).ok_or_else(|| {
            format!(
                "{} has no <meta charset> to put the Content-Security-Policy after",
                from.display()
            )
        })?;
        return fs::write(to, html).map_err(|e| format!("cannot write {}: {e}", to.display()));
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn is_page(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "htm")
    )
}

/// The page with `<meta http-equiv="Content-Security-Policy">` right after its `<meta charset>`
/// (before anything the policy governs), on a line of its own; None without a `<meta charset>`.
fn with_csp(html: &str) -> Option<String> {
    let at = html.to_ascii_lowercase().find("<meta charset")?;
    let end = at + html[at..].find('>')? + 1;
    let indent = &html[html[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let indent = if indent.trim().is_empty() { indent } else { "" };
    let csp = serve::CSP;
    Some(format!(
        "{}\n{indent}<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">{}",
        &html[..end],
        &html[end..]
    ))
}

/// "file: what" for every inline script, `<style>`, `style=` attribute or `on…=` handler in
/// dist's pages: the Content-Security-Policy refuses them all.
fn inline_code(out: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    walk(out, &mut files);
    let mut found = Vec::new();
    for file in files.iter().filter(|f| is_page(f)) {
        let text =
            fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let rel = file.strip_prefix(out).unwrap_or(file);
        found.extend(
            inline_in(&text)
                .into_iter()
                .map(|what| format!("{}: {what}", rel.display())),
        );
    }
    Ok(found)
}

/// The inline code in one page, as found: its tags, shortened.
fn inline_in(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find('<') {
        let at = from + start;
        if lower[at..].starts_with("<!--") {
            from = lower[at..].find("-->").map_or(lower.len(), |i| at + i + 3);
            continue;
        }
        let Some(len) = lower[at..].find('>') else {
            break;
        };
        from = at + len + 1;
        let tag = &lower[at..at + len + 1];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            continue;
        }
        let attrs = attribute_names(tag);
        let inline = match name.as_str() {
            "script" => !attrs.iter().any(|a| a == "src"),
            "style" => true,
            _ => false,
        } || attrs
            .iter()
            .any(|a| a == "style" || (a.starts_with("on") && a.len() > 2));
        if inline {
            found.push(html[at..at + len + 1].chars().take(80).collect());
        }
    }
    found
}

/// The attribute names of a start tag (`<a href="x" hidden>` -> ["href", "hidden"]).
fn attribute_names(tag: &str) -> Vec<String> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let mut names = Vec::new();
    let mut rest = inner.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        names.push(rest[..len].to_string());
        rest = rest[len..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            rest = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].find(q).map_or("", |i| &value[i + 2..]),
                _ => value.trim_start_matches(|c: char| !c.is_whitespace()),
            };
        }
    }
    names
}

/// Copies a directory tree, leaving out hidden files and editor backups. Returns the file count.
fn copy_dir(from: &Path, to: &Path) -> Result<usize, String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let mut count = 0;
    let mut entries: Vec<_> = fs::read_dir(from)
        .map_err(|e| format!("cannot read {}: {e}", from.display()))?
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            count += copy_dir(&path, &to.join(&*name))?;
        } else if path.is_file() {
            copy_file(&path, &to.join(&*name))?;
            count += 1;
        }
    }
    Ok(count)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn dir_size(dir: &Path) -> u64 {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum()
}

// ------------------------------------------------------------------ references

#[derive(Debug, PartialEq, Clone, Copy)]
enum Kind {
    /// Loaded with the page: static imports, `new URL('…', import.meta.url)`, src/href.
    Eager,
    /// Loaded on demand: `import('…')`, `fetch('…')`, `new Worker('…')`, CSS url().
    Lazy,
}

/// The quoted string right after `at` (skipping spaces), and the index after its closing quote.
fn quoted(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = &text[at..];
    let skipped = rest.len() - rest.trim_start().len();
    let start = at + skipped;
    let quote = text[start..].chars().next()?;
    if quote != '\'' && quote != '"' {
        return None;
    }
    let body = &text[start + 1..];
    let end = body.find([quote, '\n'])?;
    if !body[end..].starts_with(quote) {
        return None;
    }
    Some((body[..end].to_string(), start + 1 + end + 1))
}

/// Every occurrence of `pattern` (not preceded by an identifier character) followed by a string.
fn after<'a>(text: &'a str, pattern: &'a str) -> impl Iterator<Item = (String, usize)> + 'a {
    text.match_indices(pattern).filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
            && pattern.chars().next().is_some_and(|c| c.is_alphanumeric())
        {
            return None;
        }
        quoted(text, i + pattern.len())
    })
}

/// The URLs a file refers to, by how they load.
fn references(path: &Path, text: &str) -> Vec<(String, Kind)> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let mut refs = Vec::new();
    if ext == "html" || ext == "htm" {
        for attr in ["src=", "href="] {
            refs.extend(after(text, attr).map(|(u, _)| (u, Kind::Eager)));
        }
    }
    if matches!(ext, "js" | "mjs" | "html" | "htm") {
        for pat in ["from", "import"] {
            refs.extend(after(text, pat).map(|(u, _)| (u, Kind::Eager)));
        }
        for (u, end) in after(text, "new URL(") {
            let rest = text[end..].trim_start();
            let kind =
                if rest.starts_with(',') && rest[1..].trim_start().starts_with("import.meta.url") {
                    Kind::Eager
                } else {
                    Kind::Lazy
                };
            refs.push((u, kind));
        }
        for pat in ["import(", "fetch(", "new Worker(", "importScripts("] {
            refs.extend(after(text, pat).map(|(u, _)| (u, Kind::Lazy)));
        }
    }
    if ext == "css" {
        for (i, _) in text.match_indices("url(") {
            let inner = &text[i + 4..];
            if let Some(end) = inner.find(')') {
                let u = inner[..end].trim().trim_matches(['"', '\'']).to_string();
                refs.push((u, Kind::Lazy));
            }
        }
        refs.extend(after(text, "@import").map(|(u, _)| (u, Kind::Eager)));
    }
    refs
}

/// Whether a URL leaves the folder: another origin, or the server's root.
fn is_absolute(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    if ["data:", "blob:", "about:", "#", "mailto:", "javascript:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return false;
    }
    url.starts_with('/') || url.starts_with('\\') || lower.contains("://")
}

fn is_code(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default(),
        "html" | "htm" | "js" | "mjs" | "css"
    )
}

/// "file: url" for every absolute URL in dist's HTML, JS and CSS.
fn absolute_urls(out: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    walk(out, &mut files);
    let mut found = Vec::new();
    for file in files.iter().filter(|f| is_code(f)) {
        let text =
            fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        for (url, _) in references(file, &text) {
            if is_absolute(&url) {
                let rel = file.strip_prefix(out).unwrap_or(file);
                found.push(format!("{}: {url}", rel.display()));
            }
        }
    }
    Ok(found)
}

/// `base`'s directory joined with a relative URL (query and fragment dropped), inside `out`.
fn resolve(out: &Path, from: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next()?;
    if path.is_empty() || is_absolute(url) || path.contains(':') {
        return None;
    }
    let mut resolved = from.parent()?.to_path_buf();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if !resolved.pop() {
                    return None;
                }
            }
            p => resolved.push(p),
        }
    }
    (resolved.starts_with(out) && resolved.is_file()).then_some(resolved)
}

/// index.html and the HTML, JS, CSS and wasm it loads before anything is clicked.
fn first_view(out: &Path) -> Vec<PathBuf> {
    let index = out.join("index.html");
    let mut seen = vec![index.clone()];
    let mut queue = vec![index];
    while let Some(file) = queue.pop() {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for (url, kind) in references(&file, &text) {
            if kind != Kind::Eager {
                continue;
            }
            let Some(target) = resolve(out, &file, &url) else {
                continue;
            };
            let ext = target
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            if !matches!(ext, "js" | "mjs" | "css" | "wasm") || seen.contains(&target) {
                continue;
            }
            seen.push(target.clone());
            if ext != "wasm" {
                queue.push(target);
            }
        }
    }
    // The page fetches one message catalogue (www/lang/<code>.json, chosen at run time, so no
    // reference names it): the largest counts, whichever language a visitor reads.
    let largest = fs::read_dir(out.join("www/lang"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .max_by_key(|p| p.metadata().map(|m| m.len()).unwrap_or(0));
    seen.extend(largest);
    seen
}

// ------------------------------------------------------------------ sizes

/// gzip -9 size, or None when gzip is not installed.
fn gzip_size(path: &Path) -> Option<u64> {
    let data = fs::read(path).ok()?;
    let mut child = Command::new("gzip")
        .args(["-9", "-c", "-n"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    // Written from a thread: a large file would otherwise fill the pipes both ways.
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    output
        .status
        .success()
        .then_some(output.stdout.len() as u64)
}

pub fn human(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes >= 1_000 {
        format!("{:.1} KB", bytes as f64 / 1e3)
    } else {
        format!("{bytes} B")
    }
}

/// One file of the first view: path inside the site, raw and gzip -9 bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct FileSize {
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
}

/// The first view of the site at `site` (dist/ or the repository root, which has the same
/// layout), biggest first, and whether the sizes are gzip's (false: gzip is not installed and
/// they are the raw sizes). `cargo xtask bench` prints the same figures.
pub fn first_view_sizes(site: &Path) -> (Vec<FileSize>, bool) {
    let gzip_ok = gzip_size(&site.join("index.html")).is_some();
    let mut sizes: Vec<FileSize> = first_view(site)
        .iter()
        .map(|f| {
            let raw = f.metadata().map(|m| m.len()).unwrap_or(0);
            let gzip = if gzip_ok {
                gzip_size(f).unwrap_or(raw)
            } else {
                raw
            };
            let path = f.strip_prefix(site).unwrap_or(f).display().to_string();
            FileSize { path, raw, gzip }
        })
        .collect();
    sizes.sort_by(|a, b| b.gzip.cmp(&a.gzip).then(a.path.cmp(&b.path)));
    (sizes, gzip_ok)
}

fn report(out: &Path) -> Result<(), String> {
    let (rows, gzip_ok) = first_view_sizes(out);
    if !gzip_ok {
        println!("xtask: warning: gzip not found; checking the budget against uncompressed sizes");
    }
    let first: Vec<PathBuf> = rows.iter().map(|f| out.join(&f.path)).collect();
    println!("\nfirst view: index.html and what it loads (HTML, JS, CSS, wasm, the largest message catalogue)");
    println!("  {:>10} {:>10}  file", "raw", "gzip");
    for f in &rows {
        println!("  {:>10} {:>10}  {}", human(f.raw), human(f.gzip), f.path);
    }
    let raw_total: u64 = rows.iter().map(|f| f.raw).sum();
    let gz_total: u64 = rows.iter().map(|f| f.gzip).sum();
    println!(
        "  {:>10} {:>10}  total ({} files)",
        human(raw_total),
        human(gz_total),
        rows.len()
    );

    // Everything else, for the record.
    let mut all = Vec::new();
    walk(out, &mut all);
    let mut groups: Vec<(&str, u64)> = vec![
        ("MNIST data (www/data)", 0),
        ("pretrained models (www/models)", 0),
        ("other code and pages", 0),
    ];
    for f in all.iter().filter(|f| !first.contains(f)) {
        let size = f.metadata().map(|m| m.len()).unwrap_or(0);
        let rel = f.strip_prefix(out).unwrap_or(f);
        let g = if rel.starts_with("www/data") {
            0
        } else if rel.starts_with("www/models") {
            1
        } else {
            2
        };
        groups[g].1 += size;
    }
    println!("loaded later, on demand:");
    for (name, size) in &groups {
        println!("  {:>10}  {name}", human(*size));
    }

    let measured = if gzip_ok { "gzip" } else { "uncompressed" };
    if gz_total > BUDGET {
        return Err(format!(
            "the first view is {} ({measured}), over its budget of {}: make the page lighter (or lazy-load what it does not need at once)",
            human(gz_total),
            human(BUDGET)
        ));
    }
    println!(
        "xtask: first view {} {measured} — within the {} budget ({} to spare)",
        human(gz_total),
        human(BUDGET),
        human(BUDGET - gz_total)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_csp_meta_tag_after_their_charset() {
        let page =
            "<!doctype html>\n<html>\n<head>\n  <meta charset=\"utf-8\">\n  <title>x</title>\n";
        let out = with_csp(page).unwrap();
        assert_eq!(
            out,
            format!("<!doctype html>\n<html>\n<head>\n  <meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n  <title>x</title>\n", serve::CSP)
        );
        assert!(
            !serve::CSP.contains('"'),
            "the policy fits in a double-quoted attribute"
        );
        assert!(
            !serve::CSP.contains("frame-ancestors"),
            "a <meta> policy cannot carry it, and pages may be framed"
        );
        assert_eq!(with_csp("<p>no head</p>"), None);
    }

    #[test]
    fn inline_code_is_found() {
        let page =
            "<!doctype html><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"a.css\">\
                    <script src=\"a.js\"></script><script type=\"module\" src='b.js'></script>\
                    <!-- <script>commented</script> --></head><body>\
                    <div data-mount='{\"a\":\"style=x\"}' hidden>x &lt;script&gt;</div></body>";
        assert_eq!(inline_in(page), Vec::<String>::new());
        for bad in [
            "<script>alert(1)</script>",
            "<SCRIPT type=\"module\">import './x.js'</SCRIPT>",
            "<style>p{}</style>",
            "<p style=\"color:red\">x</p>",
            "<p class=a STYLE=color:red>x</p>",
            "<img src=\"x.png\" onerror=\"alert(1)\">",
            "<button onclick='go()'>x</button>",
        ] {
            assert_eq!(inline_in(bad).len(), 1, "{bad}");
        }
    }

    #[test]
    fn the_site_s_pages_have_no_inline_code() {
        let root = crate::root();
        for page in [
            "index.html",
            "www/mnist/index.html",
            "www/draw/index.html",
            "www/examples/lesson.html",
        ] {
            let html = fs::read_to_string(root.join(page)).unwrap();
            assert_eq!(inline_in(&html), Vec::<String>::new(), "{page}");
            assert!(with_csp(&html).is_some(), "{page} has a <meta charset>");
        }
    }

    #[test]
    fn finds_imports_urls_and_attributes() {
        let js = "import { a } from './a.js';\nimport './side.js';\nexport { b } from \"../b.js\";\n\
                  const w = new URL('../pkg/x.wasm', import.meta.url);\nconst m = await import('./lazy.js');\n\
                  fetch('data/x.gz'); new Worker(new URL('./worker.js', import.meta.url));\nconst fromUrl = 1; imported('no.js');";
        let refs = references(Path::new("m.js"), js);
        let eager: Vec<_> = refs
            .iter()
            .filter(|r| r.1 == Kind::Eager)
            .map(|r| r.0.as_str())
            .collect();
        let lazy: Vec<_> = refs
            .iter()
            .filter(|r| r.1 == Kind::Lazy)
            .map(|r| r.0.as_str())
            .collect();
        assert_eq!(
            eager,
            [
                "./a.js",
                "../b.js",
                "./side.js",
                "../pkg/x.wasm",
                "./worker.js"
            ]
        );
        assert_eq!(lazy, ["./lazy.js", "data/x.gz"]);
        let html = "<link rel=\"stylesheet\" href=\"www/style.css\"><a href='x.html'>x</a><img src=\"/abs.png\">";
        let refs: Vec<_> = references(Path::new("i.html"), html)
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(refs, ["/abs.png", "www/style.css", "x.html"]);
    }

    #[test]
    fn absolute_urls_are_recognised() {
        for url in [
            "/www/x.js",
            "//cdn.example.org/x.js",
            "https://example.org/x.js",
            "HTTP://X",
        ] {
            assert!(is_absolute(url), "{url}");
        }
        for url in [
            "./x.js",
            "../pkg/x.wasm",
            "www/style.css",
            "data:,",
            "blob:abc",
            "#top",
            "x.html?a=1",
        ] {
            assert!(!is_absolute(url), "{url}");
        }
    }

    #[test]
    fn resolves_inside_the_folder_only() {
        let dir = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        fs::create_dir_all(dir.join("www/core")).unwrap();
        fs::write(dir.join("www/a.js"), "").unwrap();
        let from = dir.join("www/core/b.js");
        assert_eq!(
            resolve(&dir, &from, "../a.js?v=1"),
            Some(dir.join("www/a.js"))
        );
        assert_eq!(resolve(&dir, &from, "./missing.js"), None);
        assert_eq!(resolve(&dir, &from, "../../../etc/passwd"), None);
        assert_eq!(resolve(&dir, &from, "/www/a.js"), None);
        let _ = fs::remove_dir_all(&dir);
    }
    #[test]
    fn the_first_view_is_the_page_code_not_its_data() {
        // The repository root has dist/'s layout; the wasm package may not be built yet.
        let root = crate::root();
        let (sizes, _) = first_view_sizes(&root);
        let paths: Vec<&str> = sizes.iter().map(|f| f.path.as_str()).collect();
        for needed in [
            "index.html",
            "www/neuroglow.js",
            "www/style.css",
            "www/core/wasm.js",
        ] {
            assert!(
                paths.contains(&needed),
                "{needed} is in the first view: {paths:?}"
            );
        }
        for p in &paths {
            assert!(
                !p.starts_with("www/data") && !p.starts_with("www/models"),
                "{p} is data, loaded later"
            );
            for lazy in [
                "www/mnist/",
                "www/draw/",
                "www/tasks/mnist/",
                "www/tasks/draw/",
            ] {
                assert!(!p.starts_with(lazy), "{p} loads when its tab opens");
            }
        }
        assert!(
            sizes.windows(2).all(|w| w[0].gzip >= w[1].gzip),
            "biggest first"
        );
        assert!(sizes.iter().all(|f| f.raw > 0 && f.gzip > 0));
    }
}
