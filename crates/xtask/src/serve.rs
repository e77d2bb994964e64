//! A small static HTTP/1.1 server for the repository root, used by `serve` and the e2e tests.
//!
//! One thread per connection (capped), `Connection: close`, GET and HEAD only.
//! Everything is sent with `Cache-Control: no-store` so a rebuilt www/pkg is
//! always what the page loads.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Beyond this many open connections new ones get 503 instead of a thread.
const MAX_CONNECTIONS: usize = 64;
/// Longest request head we accept; ours are a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;

/// `cargo xtask serve`: build, then serve until interrupted.
pub fn command(port: u16) -> Result<(), String> {
    // Bind before the (possibly long) build so a busy port fails at once.
    let listener = bind(port)?;
    crate::build::wasm_package()?;
    println!("neuroglow: serving http://127.0.0.1:{port}/");
    accept_loop(listener, crate::root(), true);
    Ok(())
}

/// Binds 127.0.0.1:port (0 picks a free one).
pub fn bind(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => format!(
            "port {port} is already in use (another `cargo xtask serve`?); choose one with --port N"
        ),
        _ => format!("cannot listen on 127.0.0.1:{port}: {e}"),
    })
}

/// Serves `root` from a background thread; returns the bound port.
pub fn spawn(listener: TcpListener, root: PathBuf) -> Result<u16, String> {
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || accept_loop(listener, root, false));
    Ok(port)
}

fn accept_loop(listener: TcpListener, root: PathBuf, log: bool) {
    let root = Arc::new(root);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(s) => s,
            Err(e) => {
                // E.g. out of file descriptors: back off instead of spinning.
                eprintln!("neuroglow: accept failed: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = write_status(&mut stream, 503, "Service Unavailable", &[], false);
            continue;
        }
        let (root, open) = (Arc::clone(&root), Arc::clone(&open));
        let spawned = std::thread::Builder::new().spawn(move || {
            handle(stream, &root, log);
            open.fetch_sub(1, Ordering::SeqCst);
        });
        if let Err(e) = spawned {
            eprintln!("neuroglow: cannot start a connection thread: {e}");
        }
    }
}

fn handle(mut stream: TcpStream, root: &Path, log: bool) {
    // Idle or stalled clients (e.g. browser preconnects) must not hold a thread forever.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let head = match read_head(&mut stream) {
        Ok(Some(head)) => head,
        Ok(None) => return, // closed or timed out before sending anything
        Err(status) => {
            let _ = write_status(&mut stream, status, reason(status), &[], true);
            return;
        }
    };
    let (method, target) = match parse_request_line(&head) {
        Some(parts) => parts,
        None => {
            let _ = write_status(&mut stream, 400, reason(400), &[], true);
            return;
        }
    };
    let status = respond(&mut stream, root, method, target);
    if log && status >= 400 {
        eprintln!("neuroglow: {method} {target} -> {status}");
    }
}

/// Reads up to the blank line ending the head. Ok(None): nothing was sent.
fn read_head(stream: &mut TcpStream) -> Result<Option<String>, u16> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) if buf.is_empty() => return Ok(None),
            Ok(0) | Err(_) => return Err(400),
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.windows(2).any(|w| w == b"\n\n") {
            return String::from_utf8(buf).map(Some).map_err(|_| 400);
        }
        if buf.len() > MAX_HEAD {
            return Err(431);
        }
    }
}

/// `GET /path HTTP/1.1` -> ("GET", "/path").
fn parse_request_line(head: &str) -> Option<(&str, &str)> {
    let mut parts = head.lines().next()?.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && version.starts_with("HTTP/1.")).then_some((method, target))
}

/// Writes the response; returns its status for logging.
fn respond(stream: &mut TcpStream, root: &Path, method: &str, target: &str) -> u16 {
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let _ = write_status(stream, 405, reason(405), &[("Allow", "GET, HEAD")], true);
            return 405;
        }
    };
    let rel = match sanitize(target) {
        Ok(rel) => rel,
        Err(status) => {
            let _ = write_status(stream, status, reason(status), &[], !head_only);
            return status;
        }
    };
    let mut path = root.join(rel);
    if path.is_dir() {
        let raw = target.split(['?', '#']).next().unwrap_or("/");
        if !raw.ends_with('/') {
            // Relative URLs in the directory's index.html need the trailing slash.
            let location = format!("/{}/", raw.trim_start_matches('/'));
            let _ = write_status(
                stream,
                301,
                reason(301),
                &[("Location", &location)],
                !head_only,
            );
            return 301;
        }
        path.push("index.html");
    }
    let file = match File::open(&path).and_then(|f| Ok((f.metadata()?, f))) {
        Ok((meta, file)) if meta.is_file() => (meta.len(), file),
        _ => {
            let _ = write_status(stream, 404, reason(404), &[], !head_only);
            return 404;
        }
    };
    let _ = send_file(stream, file, mime(&path), head_only);
    200
}

fn send_file(
    stream: &mut TcpStream,
    (len, mut file): (u64, File),
    mime: &str,
    head_only: bool,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(64 * 1024, stream);
    write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {len}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    )?;
    if !head_only {
        io::copy(&mut file, &mut out)?;
    }
    out.flush()
}

fn write_status(
    stream: &mut TcpStream,
    status: u16,
    reason: &str,
    extra: &[(&str, &str)],
    body: bool,
) -> io::Result<()> {
    let text = format!("{status} {reason}\n");
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        text.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    if body {
        head.push_str(&text);
    }
    stream.write_all(head.as_bytes())
}

fn reason(status: u16) -> &'static str {
    match status {
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// Request target -> path relative to the served root, or the status refusing it:
/// 400 for malformed targets, 403 for `..`, hidden files (.git, .cargo) and odd bytes.
pub fn sanitize(target: &str) -> Result<PathBuf, u16> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(400);
    }
    // Decode before splitting so an encoded `%2e%2e%2f` cannot sneak through.
    let decoded = percent_decode(path).ok_or(400u16)?;
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            s if s.starts_with('.') => return Err(403),
            s if s.contains(['\\', ':', '\0']) => return Err(403),
            s => rel.push(s),
        }
    }
    Ok(rel)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content-Type by extension. `.gz` is served as gzip data, never as
/// `Content-Encoding`, because the page decompresses those files itself.
pub fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "gz" => "application/gzip",
        "webm" => "video/webm",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "ts" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        let m = |p: &str| mime(Path::new(p));
        assert_eq!(m("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            m("www/pkg/neuroglow_wasm.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(m("a/b.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(m("www/pkg/neuroglow_wasm_bg.wasm"), "application/wasm");
        assert_eq!(m("data/train-images-idx3-ubyte.gz"), "application/gzip");
        assert_eq!(m("X.PNG"), "image/png");
        assert_eq!(m("clip.webm"), "video/webm");
        assert_eq!(m("favicon.ico"), "image/x-icon");
        assert_eq!(m("README.md"), "text/markdown; charset=utf-8");
        assert_eq!(m("Makefile"), "application/octet-stream");
    }

    #[test]
    fn sanitize_maps_to_relative_paths() {
        assert_eq!(sanitize("/"), Ok(PathBuf::new()));
        assert_eq!(sanitize("/www/pkg/x.js"), Ok(PathBuf::from("www/pkg/x.js")));
        assert_eq!(
            sanitize("/www//./pkg/x.js?v=1#top"),
            Ok(PathBuf::from("www/pkg/x.js"))
        );
        assert_eq!(sanitize("/a%20b.txt"), Ok(PathBuf::from("a b.txt")));
    }

    #[test]
    fn sanitize_refuses_traversal_and_hidden_files() {
        for target in [
            "/../Cargo.toml",
            "/www/../../etc/passwd",
            "/%2e%2e/Cargo.toml",
            "/www/%2E%2E%2F%2E%2E%2Fetc",
            "/.git/config",
            "/www/..",
            "/a\\..\\b",
            "/C:/x",
            "/x%00.html",
        ] {
            assert_eq!(sanitize(target), Err(403), "{target}");
        }
    }

    #[test]
    fn sanitize_rejects_malformed_targets() {
        for target in ["", "*", "http://example.com/", "/%", "/%zz", "/%ff"] {
            assert_eq!(sanitize(target), Err(400), "{target}");
        }
    }

    #[test]
    fn request_line_parsing() {
        assert_eq!(
            parse_request_line("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
            Some(("GET", "/"))
        );
        assert_eq!(
            parse_request_line("HEAD /a HTTP/1.0\r\n\r\n"),
            Some(("HEAD", "/a"))
        );
        assert_eq!(parse_request_line("GET /\r\n\r\n"), None);
        assert_eq!(parse_request_line("GET / HTTP/2 x\r\n\r\n"), None);
        assert_eq!(parse_request_line("\r\n\r\n"), None);
    }

    /// The real server over a socket: status codes, headers, HEAD without a body.
    #[test]
    fn serves_files_and_refuses_the_rest() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>root</p>").unwrap();
        std::fs::write(dir.join("sub/index.html"), "<p>sub</p>").unwrap();
        std::fs::write(dir.join("m.wasm"), [0u8, 97, 115, 109]).unwrap();
        let port = spawn(bind(0).unwrap(), dir.clone()).unwrap();
        let ask = |raw: &str| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.write_all(raw.as_bytes()).unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).unwrap();
            out
        };
        let root = ask("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(root.starts_with("HTTP/1.1 200 OK\r\n"), "{root}");
        assert!(root.contains("Cache-Control: no-store\r\n"));
        assert!(root.ends_with("<p>root</p>"));
        let wasm = ask("HEAD /m.wasm HTTP/1.1\r\n\r\n");
        assert!(
            wasm.contains("Content-Type: application/wasm\r\n"),
            "{wasm}"
        );
        assert!(wasm.contains("Content-Length: 4\r\n") && wasm.ends_with("\r\n\r\n"));
        assert!(ask("GET /sub HTTP/1.1\r\n\r\n").contains("Location: /sub/\r\n"));
        assert!(ask("GET /sub/ HTTP/1.1\r\n\r\n").ends_with("<p>sub</p>"));
        assert!(ask("GET /nope.js HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        assert!(ask("GET /../x HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 403"));
        assert!(ask("POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405"));
        assert!(ask("garbage\r\n\r\n").starts_with("HTTP/1.1 400"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
