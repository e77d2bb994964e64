//! A small static HTTP/1.1 server for the repository root, used by `serve` and the e2e tests.
//!
//! One thread per connection (capped), `Connection: close`, GET and HEAD only.
//! Everything is sent with `Cache-Control: no-store` so a rebuilt www/pkg is
//! always what the page loads, and with the site's Content-Security-Policy ([`CSP`]).
//!
//! It only listens on 127.0.0.1, and also only answers requests addressed to it by name
//! (`Host: 127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT`), so a web page elsewhere cannot
//! reach it through DNS rebinding. A client gets 10 s for its whole request head and 30 s for
//! the response; when all connections are taken, the one that has waited longest without
//! sending its request is dropped for the newcomer, so idle or dribbling clients cannot lock
//! the others out. Paths resolve (symlinks and all) to files inside the served root, or 403.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The Content-Security-Policy of every page, written once: `serve` sends it as a header on
/// every response and `cargo xtask dist` writes it into every page of dist/ as a `<meta>` tag.
/// Scripts, styles, workers and requests come from the site itself only, and no inline code
/// (the pages load their scripts and CSS from files); wasm may compile; images may also be
/// `data:`/`blob:` (the icon, saved PNGs) and media `blob:` (recordings). No `frame-ancestors`:
/// teachers embed the pages in iframes on their own sites (and a `<meta>` cannot carry it).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data: blob:; media-src blob:; connect-src 'self'; \
    worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Beyond this many open connections, the oldest one still waiting for its request head is
/// closed for a newcomer; when all of them are busy responding, newcomers get 503.
const MAX_CONNECTIONS: usize = 64;
/// Longest request head we accept; ours are a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;

/// How long a client may take, in all, to send its request head and to take the response.
#[derive(Clone, Copy, Debug)]
struct Limits {
    head: Duration,
    send: Duration,
}

const LIMITS: Limits = Limits {
    head: Duration::from_secs(10),
    send: Duration::from_secs(30),
};

/// `cargo xtask serve`: build, then serve until interrupted.
pub fn command(port: u16) -> Result<(), String> {
    // Bind before the (possibly long) build so a busy port fails at once.
    let listener = bind(port)?;
    crate::build::wasm_package()?;
    println!("neuroglow: serving http://127.0.0.1:{port}/");
    accept_loop(listener, crate::root(), true, LIMITS);
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
    spawn_with(listener, root, LIMITS)
}

fn spawn_with(listener: TcpListener, root: PathBuf, limits: Limits) -> Result<u16, String> {
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || accept_loop(listener, root, false, limits));
    Ok(port)
}

/// The open connections, by id: when each was accepted and, while it has not yet sent its
/// request head, a handle to close it with.
#[derive(Default)]
struct Connections {
    next: u64,
    open: HashMap<u64, (Instant, Option<TcpStream>)>,
}

type Shared = Arc<Mutex<Connections>>;

fn lock(conns: &Shared) -> std::sync::MutexGuard<'_, Connections> {
    conns.lock().unwrap_or_else(|e| e.into_inner())
}

/// Registers a new connection, first closing the longest-waiting idle one when all slots are
/// taken; None when every connection is busy responding.
fn admit(conns: &Shared, stream: &TcpStream) -> Option<u64> {
    let mut c = lock(conns);
    if c.open.len() >= MAX_CONNECTIONS {
        let oldest = c
            .open
            .iter()
            .filter(|(_, (_, idle))| idle.is_some())
            .min_by_key(|(id, (since, _))| (*since, **id))
            .map(|(id, _)| *id);
        let (_, idle) = c.open.remove(&oldest?)?;
        if let Some(idle) = idle {
            let _ = idle.shutdown(Shutdown::Both);
        }
    }
    let id = c.next;
    c.next += 1;
    c.open.insert(id, (Instant::now(), stream.try_clone().ok()));
    Some(id)
}

/// The connection has sent its head and is being answered: it can no longer be dropped.
/// False when it already was.
fn mark_busy(conns: &Shared, id: u64) -> bool {
    match lock(conns).open.get_mut(&id) {
        Some((_, idle)) => {
            *idle = None;
            true
        }
        None => false,
    }
}

fn accept_loop(listener: TcpListener, root: PathBuf, log: bool, limits: Limits) {
    // Requests resolve to canonical paths, which must stay under the canonical root.
    let root = Arc::new(root.canonicalize().unwrap_or(root));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let conns: Shared = Arc::default();
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
        let Some(id) = admit(&conns, &stream) else {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_status(&mut stream, 503, &[], true);
            continue;
        };
        let (root, thread_conns) = (Arc::clone(&root), Arc::clone(&conns));
        let spawned = std::thread::Builder::new().spawn(move || {
            handle(stream, &root, port, log, limits, || {
                mark_busy(&thread_conns, id)
            });
            lock(&thread_conns).open.remove(&id);
        });
        if let Err(e) = spawned {
            eprintln!("neuroglow: cannot start a connection thread: {e}");
            lock(&conns).open.remove(&id);
        }
    }
}

fn handle(
    mut stream: TcpStream,
    root: &Path,
    port: u16,
    log: bool,
    limits: Limits,
    busy: impl FnOnce() -> bool,
) {
    let head = match read_head(&mut stream, Instant::now() + limits.head) {
        Ok(Some(head)) => head,
        Ok(None) => return, // closed, dropped or timed out before sending anything
        Err(status) => {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_status(&mut stream, status, &[], true);
            return;
        }
    };
    if !busy() {
        return; // dropped for a newer connection just as its head arrived
    }
    let mut out = Deadline {
        stream: &mut stream,
        until: Instant::now() + limits.send,
    };
    let (method, target) = match parse_request_line(&head) {
        Some(parts) => parts,
        None => {
            let _ = write_status(&mut out, 400, &[], true);
            return;
        }
    };
    let status = match host_of(&head) {
        Err(()) => 400,
        Ok(host) if !host_allowed(host, port) => 421,
        Ok(_) => 0,
    };
    let status = if status != 0 {
        let _ = write_status(&mut out, status, &[], method != "HEAD");
        status
    } else {
        respond(&mut out, root, method, target)
    };
    if log && status >= 400 {
        eprintln!("neuroglow: {method} {target} -> {status}");
    }
}

/// Reads up to the blank line ending the head, all before `until`. Ok(None): nothing was sent.
fn read_head(stream: &mut TcpStream, until: Instant) -> Result<Option<String>, u16> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return if buf.is_empty() { Ok(None) } else { Err(408) };
        }
        let _ = stream.set_read_timeout(Some(left));
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) if buf.is_empty() => return Ok(None),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(408)
            }
            Ok(0) | Err(_) => return Err(400),
            Ok(n) => n,
        };
        // Look for the end only in what is new (and the 3 bytes before it).
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        let fresh = &buf[from..];
        if fresh.windows(4).any(|w| w == b"\r\n\r\n") || fresh.windows(2).any(|w| w == b"\n\n") {
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

/// The Host header's value; Err when it is missing or given twice.
fn host_of(head: &str) -> Result<&str, ()> {
    let mut hosts = head
        .lines()
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim());
    match (hosts.next(), hosts.next()) {
        (Some(host), None) => Ok(host),
        _ => Err(()),
    }
}

/// Whether a request is addressed to this server by its own name: 127.0.0.1, localhost or
/// [::1], with its port. Any other name (a DNS-rebinding attacker's, say) is refused.
fn host_allowed(host: &str, port: u16) -> bool {
    let host = host.to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}") || (port == 80 && host == *name))
}

/// A writer that gives up at `until`, however slowly the client reads.
struct Deadline<'a> {
    stream: &'a mut TcpStream,
    until: Instant,
}

impl Write for Deadline<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_write_timeout(Some(left))?;
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

/// `root` joined with `rel`, resolved through any symlinks; 404 when it does not exist, 403
/// when it lies outside `root` (which must be canonical) or behind a hidden name there.
fn resolve(root: &Path, rel: &Path) -> Result<PathBuf, u16> {
    let real = root.join(rel).canonicalize().map_err(|_| 404u16)?;
    let inside = real.strip_prefix(root).map_err(|_| 403u16)?;
    let hidden =
        |c: Component| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.'));
    if inside.components().any(hidden) {
        return Err(403);
    }
    Ok(real)
}

/// Writes the response; returns its status for logging.
fn respond(stream: &mut impl Write, root: &Path, method: &str, target: &str) -> u16 {
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let _ = write_status(stream, 405, &[("Allow", "GET, HEAD")], true);
            return 405;
        }
    };
    let found = sanitize(target).and_then(|rel| resolve(root, &rel));
    let mut path = match found {
        Ok(path) => path,
        Err(status) => {
            let _ = write_status(stream, status, &[], !head_only);
            return status;
        }
    };
    if path.is_dir() {
        let raw = target.split(['?', '#']).next().unwrap_or("/");
        if !raw.ends_with('/') {
            // Relative URLs in the directory's index.html need the trailing slash.
            let location = format!("/{}/", raw.trim_start_matches('/'));
            let _ = write_status(stream, 301, &[("Location", &location)], !head_only);
            return 301;
        }
        path = match resolve(root, &path.join("index.html")) {
            Ok(path) => path,
            Err(status) => {
                let _ = write_status(stream, status, &[], !head_only);
                return status;
            }
        };
    }
    let file = match File::open(&path).and_then(|f| Ok((f.metadata()?, f))) {
        Ok((meta, file)) if meta.is_file() => (meta.len(), file),
        _ => {
            let _ = write_status(stream, 404, &[], !head_only);
            return 404;
        }
    };
    let _ = send_file(stream, file, mime(&path), head_only);
    200
}

/// The headers every response carries, after its status line and Content-Type.
fn common_headers() -> String {
    format!(
        "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
         Content-Security-Policy: {CSP}\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n"
    )
}

fn send_file(
    stream: &mut impl Write,
    (len, mut file): (u64, File),
    mime: &str,
    head_only: bool,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(64 * 1024, stream);
    write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {len}\r\n{}\r\n",
        common_headers()
    )?;
    if !head_only {
        io::copy(&mut file, &mut out)?;
    }
    out.flush()
}

fn write_status(
    stream: &mut impl Write,
    status: u16,
    extra: &[(&str, &str)],
    body: bool,
) -> io::Result<()> {
    let reason = reason(status);
    let text = match status {
        421 => format!(
            "{status} {reason}: this server answers only to 127.0.0.1, localhost and [::1] \
             with its port\n"
        ),
        _ => format!("{status} {reason}\n"),
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\n{}",
        text.len(),
        common_headers()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    if body {
        head.push_str(&text);
    }
    stream.write_all(head.as_bytes())?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
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

    /// A fresh directory under the system's temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Sends `raw` to the server on `port` and reads the whole response.
    fn ask(port: u16, raw: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }

    /// `GET path` with the Host a browser on this machine sends.
    fn get(port: u16, path: &str) -> String {
        ask(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
        )
    }

    /// The real server over a socket: status codes, headers, HEAD without a body.
    #[test]
    fn serves_files_and_refuses_the_rest() {
        let dir = TempDir::new("serve");
        let dir = &dir.0;
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>root</p>").unwrap();
        std::fs::write(dir.join("sub/index.html"), "<p>sub</p>").unwrap();
        std::fs::write(dir.join("m.wasm"), [0u8, 97, 115, 109]).unwrap();
        let port = spawn(bind(0).unwrap(), dir.clone()).unwrap();
        let root = get(port, "/");
        assert!(root.starts_with("HTTP/1.1 200 OK\r\n"), "{root}");
        assert!(root.contains("Cache-Control: no-store\r\n"));
        assert!(
            root.contains(&format!("Content-Security-Policy: {CSP}\r\n")),
            "{root}"
        );
        assert!(root.contains("X-Content-Type-Options: nosniff\r\n"));
        assert!(root.ends_with("<p>root</p>"));
        let wasm = ask(
            port,
            &format!("HEAD /m.wasm HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"),
        );
        assert!(
            wasm.contains("Content-Type: application/wasm\r\n"),
            "{wasm}"
        );
        assert!(wasm.contains("Content-Length: 4\r\n") && wasm.ends_with("\r\n\r\n"));
        assert!(get(port, "/sub").contains("Location: /sub/\r\n"));
        assert!(get(port, "/sub/").ends_with("<p>sub</p>"));
        let missing = get(port, "/nope.js");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        assert!(
            missing.contains(&format!("Content-Security-Policy: {CSP}\r\n")),
            "errors carry it too"
        );
        assert!(get(port, "/../x").starts_with("HTTP/1.1 403"));
        let post = ask(
            port,
            &format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
        );
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        assert!(ask(port, "garbage\r\n\r\n").starts_with("HTTP/1.1 400"));
    }

    #[test]
    fn host_names_this_server_only() {
        for host in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LocalHost:8080",
            "[::1]:8080",
        ] {
            assert!(host_allowed(host, 8080), "{host}");
        }
        for host in [
            "evil.example:8080",
            "127.0.0.1",
            "127.0.0.1:80",
            "127.0.0.1:8081",
            "localhost:80800",
            "localhost.evil.example:8080",
            "127.0.0.1:8080.evil.example",
            "127.0.0.2:8080",
            "0.0.0.0:8080",
            "",
        ] {
            assert!(!host_allowed(host, 8080), "{host}");
        }
        assert!(host_allowed("localhost", 80) && host_allowed("localhost:80", 80));
        let head = |h: &str| format!("GET / HTTP/1.1\r\n{h}Accept: */*\r\n\r\n");
        assert_eq!(host_of(&head("Host: localhost:1\r\n")), Ok("localhost:1"));
        assert_eq!(host_of(&head("hOsT:  a:1 \r\n")), Ok("a:1"));
        assert_eq!(host_of(&head("")), Err(()));
        assert_eq!(host_of(&head("Host: a:1\r\nHost: b:1\r\n")), Err(()));
    }

    /// DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends
    /// `Host: evil.example:PORT`; it must not read the repository.
    #[test]
    fn requests_for_other_hosts_are_refused() {
        let dir = TempDir::new("serve-host");
        std::fs::write(dir.0.join("index.html"), "secret").unwrap();
        let port = spawn(bind(0).unwrap(), dir.0.clone()).unwrap();
        assert!(get(port, "/").ends_with("secret"));
        for host in [
            format!("Host: evil.example:{port}\r\n"),
            format!("Host: 127.0.0.1:{}\r\n", port ^ 1),
            String::new(),
        ] {
            let out = ask(port, &format!("GET / HTTP/1.1\r\n{host}\r\n"));
            let want = if host.is_empty() {
                "HTTP/1.1 400"
            } else {
                "HTTP/1.1 421"
            };
            assert!(out.starts_with(want), "{host:?}: {out}");
            assert!(!out.contains("secret"), "{host:?}: {out}");
        }
    }

    /// Symlinks are followed only while they stay inside the served root.
    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_refused() {
        use std::os::unix::fs::symlink;
        let outside = TempDir::new("serve-outside");
        std::fs::write(outside.0.join("secret.txt"), "secret").unwrap();
        let root = TempDir::new("serve-links");
        let r = &root.0;
        std::fs::create_dir_all(r.join("www")).unwrap();
        std::fs::create_dir_all(r.join(".git")).unwrap();
        std::fs::write(r.join("www/a.txt"), "inside").unwrap();
        std::fs::write(r.join(".git/config"), "hidden").unwrap();
        symlink(outside.0.join("secret.txt"), r.join("www/file-out.txt")).unwrap();
        symlink(&outside.0, r.join("www/dir-out")).unwrap();
        symlink("../../", r.join("www/up")).unwrap();
        symlink("a.txt", r.join("www/file-in.txt")).unwrap();
        symlink("../.git", r.join("www/git")).unwrap();
        let port = spawn(bind(0).unwrap(), r.clone()).unwrap();
        assert!(get(port, "/www/a.txt").ends_with("inside"));
        assert!(
            get(port, "/www/file-in.txt").ends_with("inside"),
            "a link inside the root is fine"
        );
        for path in [
            "/www/file-out.txt",
            "/www/dir-out/secret.txt",
            "/www/dir-out/",
            &format!(
                "/www/up/xtask-serve-outside-{}/secret.txt",
                std::process::id()
            ),
            "/www/git/config",
        ] {
            let out = get(port, path);
            assert!(out.starts_with("HTTP/1.1 403"), "{path}: {out}");
            assert!(
                !out.contains("secret") && !out.contains("hidden"),
                "{path}: {out}"
            );
        }
    }

    /// A client that dribbles its request head byte by byte is cut off at the head's deadline,
    /// not kept as long as it sends something now and then.
    #[test]
    fn a_dribbling_client_is_cut_off() {
        let dir = TempDir::new("serve-slow");
        std::fs::write(dir.0.join("index.html"), "ok").unwrap();
        let limits = Limits {
            head: Duration::from_millis(800),
            send: Duration::from_secs(5),
        };
        let port = spawn_with(bind(0).unwrap(), dir.0.clone(), limits).unwrap();
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let start = Instant::now();
        let mut cut = false;
        for b in b"GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            .iter()
            .cycle()
        {
            if s.write_all(&[*b]).is_err() || start.elapsed() > Duration::from_secs(6) {
                cut = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(
            cut && start.elapsed() < Duration::from_secs(6),
            "still connected after {:?}",
            start.elapsed()
        );
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        assert!(out.is_empty() || out.starts_with("HTTP/1.1 408"), "{out}");
    }

    /// Slow-loris: more idle, half-sent requests than there are connection slots must not
    /// keep a normal request from being answered at once.
    #[test]
    fn idle_connections_do_not_lock_out_a_request() {
        let dir = TempDir::new("serve-loris");
        std::fs::write(dir.0.join("index.html"), "ok").unwrap();
        let port = spawn(bind(0).unwrap(), dir.0.clone()).unwrap();
        let loris: Vec<TcpStream> = (0..MAX_CONNECTIONS + 8)
            .map(|_| {
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    .unwrap();
                s
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300));
        let start = Instant::now();
        let out = get(port, "/");
        assert!(
            out.starts_with("HTTP/1.1 200") && out.ends_with("ok"),
            "{out}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "took {:?}",
            start.elapsed()
        );
        drop(loris);
    }
}
