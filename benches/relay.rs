//! What the relay costs, measured in one run and printed as a table of figures; it asserts
//! nothing about time. Run with `cargo bench --bench relay` (a release build). Rows go on
//! from `cargo bench --bench apply`'s:
//!
//! 13. deliveries accepted per second, 32 senders at once, each delivery synced into the
//!     journal before its 200 and forwarded to an app that takes everything; beside it, the
//!     same deliveries to a listen with no journal and no forward (the peer: what the relay's
//!     durability costs), each on a fresh journal and process;
//! 14. a journal of 1,000,000 relayed deliveries, 1,000 still pending: time from start until
//!     the app has the 1,000, and the relay's peak memory;
//! 15. the same journal with all 1,000,000 pending and the app away: time to read it back,
//!     and the peak memory of a relay holding a million pending forwards.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_copper-hooks");
/// Deliveries sent in row 13.
const DELIVERIES: u64 = 5_000;
const SENDERS: u64 = 32;
/// Entries in the journal of rows 14 and 15.
const ENTRIES: u64 = 1_000_000;

fn body(n: u64) -> String {
    format!(
        r#"{{"ids":[{n}],"type":"person","event":"update","subscription_id":170001,"timestamp":"2026-12-01T10:00:00.000Z","updated_attributes":{{"name":["Old name","New name"]}},"token":"bench-secret"}}"#
    )
}

/// An app that answers 200 to everything and counts what it took.
fn app() -> (String, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the app");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    let taken = Arc::new(AtomicU64::new(0));
    let count = taken.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let count = count.clone();
            std::thread::spawn(move || serve(stream, &count));
        }
    });
    (url, taken)
}

fn serve(stream: TcpStream, count: &AtomicU64) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut stream = stream;
    loop {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line
                .to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().to_string())
            {
                len = v.parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        count.fetch_add(1, Ordering::SeqCst);
        if stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .is_err()
        {
            return;
        }
    }
}

fn listen(dir: &Path, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args([
            "-o",
            "json",
            "listen",
            "--port",
            "0",
            "--max-connections",
            "1024",
        ])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start listen");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("the address");
    // Lines go on being printed: read them, so stdout never fills.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = out.read_to_string(&mut sink);
    });
    let url: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    let addr = url["listening"]
        .as_str()
        .expect("listening")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    (child, addr)
}

/// Sends [`DELIVERIES`] from [`SENDERS`] threads, a connection each per delivery; the time
/// until every one was answered 200.
fn accept_rate(addr: &str) -> (Duration, u64) {
    let started = Instant::now();
    let ok = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..SENDERS)
        .map(|t| {
            let (addr, ok) = (addr.to_string(), ok.clone());
            std::thread::spawn(move || {
                for n in (t..DELIVERIES).step_by(SENDERS as usize) {
                    let body = body(n);
                    let mut stream = TcpStream::connect(&addr).expect("connect");
                    let request = format!(
                        "POST / HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    stream.write_all(request.as_bytes()).expect("send");
                    let mut answer = String::new();
                    let _ = stream.read_to_string(&mut answer);
                    if answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200") {
                        ok.fetch_add(1, Ordering::SeqCst);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("sender");
    }
    (started.elapsed(), ok.load(Ordering::SeqCst))
}

/// Peak resident memory of a running process, from the kernel (`VmHWM`), in KiB.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

/// A journal of [`ENTRIES`] relayed deliveries as a relay writes them; all but the last
/// `pending` marked forwarded.
fn journal(path: &Path, pending: u64) {
    let file = std::fs::File::create(path).expect("create the journal");
    let mut out = BufWriter::new(file);
    writeln!(out, r#"{{"run":"start","at":"2026-12-01T09:00:00.000Z"}}"#).expect("write");
    for n in 0..ENTRIES {
        let body = serde_json::Value::String(body(n)).to_string();
        writeln!(
            out,
            r#"{{"received_at":"2026-12-01T10:00:00.000Z","path":"/","headers":{{"content-type":"application/json","user-agent":"Copper"}},"body":{body},"status":200,"verdict":"ok","problems":[],"id":"msg_{n:032x}","seq":{n}}}"#
        )
        .expect("write");
        if n < ENTRIES - pending {
            writeln!(
                out,
                r#"{{"state":"forwarded","seq":{n},"at":"2026-12-01T10:00:00.100Z","status":200,"attempts":1}}"#
            )
            .expect("write");
        }
    }
    out.flush().expect("flush");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
}

fn mb(kib: Option<u64>) -> String {
    kib.map_or("n/a".into(), |k| format!("{:.0} MB", k as f64 / 1024.0))
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dir = dir.path();
    let mut rows: Vec<[String; 2]> = Vec::new();
    eprintln!("copper-hooks relay benchmark: {BIN}");

    // 13. The relay's accept rate, and a plain listen's beside it; fresh each.
    let (app_url, taken) = app();
    let journal_path = dir.join("relay.jsonl");
    let (relay, addr) = listen(
        dir,
        &[
            "--journal",
            journal_path.to_str().expect("path"),
            "--forward-to",
            &app_url,
        ],
    );
    let (took, ok) = accept_rate(&addr);
    let started = Instant::now();
    while taken.load(Ordering::SeqCst) < DELIVERIES && started.elapsed() < Duration::from_secs(120)
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    let forwarded_in = took + started.elapsed();
    let relay_peak = peak_kib(relay.id());
    stop(relay);
    let (plain, plain_addr) = listen(dir, &[]);
    let (plain_took, plain_ok) = accept_rate(&plain_addr);
    stop(plain);
    rows.push([
        format!("13. relay: {DELIVERIES} deliveries from {SENDERS} senders, each synced before its 200"),
        format!(
            "{:.0} accepted/s ({ok} answered 200 in {:.2} s), all forwarded in {:.2} s, peak {}; a listen with no journal: {:.0}/s ({plain_ok} in {:.2} s)",
            ok as f64 / took.as_secs_f64(),
            took.as_secs_f64(),
            forwarded_in.as_secs_f64(),
            mb(relay_peak),
            plain_ok as f64 / plain_took.as_secs_f64(),
            plain_took.as_secs_f64()
        ),
    ]);
    eprintln!("  done: 13");

    // 14. Resume of a million entries, 1,000 pending.
    let big = dir.join("million.jsonl");
    journal(&big, 1_000);
    let size = std::fs::metadata(&big).map(|m| m.len()).unwrap_or(0);
    let (app_url, taken) = app();
    let started = Instant::now();
    let (relay, _) = listen(
        dir,
        &[
            "--journal",
            big.to_str().expect("path"),
            "--forward-to",
            &app_url,
        ],
    );
    while taken.load(Ordering::SeqCst) < 1_000 && started.elapsed() < Duration::from_secs(300) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let resumed = started.elapsed();
    let peak = peak_kib(relay.id());
    stop(relay);
    rows.push([
        format!(
            "14. resume a journal of {ENTRIES} deliveries ({} MB), 1,000 pending",
            size >> 20
        ),
        format!(
            "the app has the 1,000 {:.2} s after start ({} taken); peak {}",
            resumed.as_secs_f64(),
            taken.load(Ordering::SeqCst),
            mb(peak)
        ),
    ]);
    eprintln!("  done: 14");

    // 15. A million pending, the app away: read back, and held in bounded memory.
    let all = dir.join("all-pending.jsonl");
    journal(&all, ENTRIES);
    let away = {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = l.local_addr().expect("addr").port();
        drop(l);
        format!("http://127.0.0.1:{port}/")
    };
    let started = Instant::now();
    let (relay, addr) = listen(
        dir,
        &[
            "--journal",
            all.to_str().expect("path"),
            "--forward-to",
            &away,
        ],
    );
    // The address is printed once the journal is read: the relay is up.
    let _ = addr;
    let ready = started.elapsed();
    std::thread::sleep(Duration::from_secs(5));
    let peak = peak_kib(relay.id());
    stop(relay);
    let _ = std::fs::remove_file(&all);
    let _ = std::fs::remove_file(&big);
    rows.push([
        format!("15. {ENTRIES} pending, the app away"),
        format!(
            "read back and listening {:.2} s after start; peak {} after 5 s of retrying",
            ready.as_secs_f64(),
            mb(peak)
        ),
    ]);
    eprintln!("  done: 15");

    let width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(4);
    println!("| {:width$} | figure |", "what");
    println!("|{}|---|", "-".repeat(width + 2));
    for [what, figure] in &rows {
        println!("| {what:width$} | {figure} |");
    }
}
