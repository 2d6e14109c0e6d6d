//! The relay (`listen --journal --forward-to`): nothing it accepted is lost. An app of the
//! test's own stands behind it (it can refuse, hang, answer 5xx or go away), the real binary
//! relays, and the tests kill it, fill its disk and restart it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{golden, raw_http, World};

/// How the app answers.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Mode {
    /// 200, and the request is kept.
    Take = 0,
    /// 503, nothing kept.
    Unavailable = 1,
    /// Reads the request, keeps it as seen, and never answers.
    Hang = 2,
    /// 410: final.
    Gone = 3,
    /// 429 with `Retry-After: 1`.
    Busy = 4,
}

#[derive(Clone, Debug)]
pub(crate) struct Got {
    pub(crate) headers: HashMap<String, String>,
    pub(crate) body: String,
    /// When the app read it.
    pub(crate) at: Instant,
}

/// An app on loopback, answering as its mode says.
pub(crate) struct App {
    port: u16,
    mode: Arc<AtomicU8>,
    /// A record id the app answers 503 for, whatever its mode (0: none).
    refused_id: Arc<std::sync::atomic::AtomicU64>,
    taken: Arc<Mutex<Vec<Got>>>,
    /// Every request read, whatever it was answered.
    seen: Arc<Mutex<Vec<Got>>>,
    stop: Arc<AtomicBool>,
}

impl App {
    pub(crate) fn start(mode: Mode) -> App {
        Self::on(TcpListener::bind("127.0.0.1:0").unwrap(), mode)
    }

    pub(crate) fn on(listener: TcpListener, mode: Mode) -> App {
        let port = listener.local_addr().unwrap().port();
        let app = App {
            port,
            mode: Arc::new(AtomicU8::new(mode as u8)),
            refused_id: Arc::default(),
            taken: Arc::default(),
            seen: Arc::default(),
            stop: Arc::default(),
        };
        let (mode, taken, seen, stop, refused) = (
            app.mode.clone(),
            app.taken.clone(),
            app.seen.clone(),
            app.stop.clone(),
            app.refused_id.clone(),
        );
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (mode, taken, seen, stop, refused) = (
                            mode.clone(),
                            taken.clone(),
                            seen.clone(),
                            stop.clone(),
                            refused.clone(),
                        );
                        std::thread::spawn(move || {
                            serve(stream, &mode, &refused, &taken, &seen, &stop)
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        app
    }

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/app", self.port)
    }

    /// Answers 503 for every delivery about record `id` (0: none), whatever the mode.
    pub(crate) fn refuse_record(&self, id: u64) {
        self.refused_id.store(id, Ordering::SeqCst);
    }

    pub(crate) fn set(&self, mode: Mode) {
        self.mode.store(mode as u8, Ordering::SeqCst);
    }

    pub(crate) fn taken(&self) -> Vec<Got> {
        self.taken.lock().unwrap().clone()
    }

    pub(crate) fn seen(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// Waits until the app has taken `n` requests.
    pub(crate) fn wait_taken(&self, n: usize, limit: Duration) -> Vec<Got> {
        let started = Instant::now();
        while self.taken().len() < n {
            assert!(
                started.elapsed() < limit,
                "the app took {} of {n} in {limit:?}",
                self.taken().len()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        self.taken()
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(
    stream: TcpStream,
    mode: &AtomicU8,
    refused_id: &std::sync::atomic::AtomicU64,
    taken: &Mutex<Vec<Got>>,
    seen: &Mutex<Vec<Got>>,
    stop: &AtomicBool,
) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut headers = HashMap::new();
        let mut first = String::new();
        if reader.read_line(&mut first).unwrap_or(0) == 0 {
            return;
        }
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let len: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let got = Got {
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            at: Instant::now(),
        };
        seen.lock().unwrap().push(got.clone());
        let refused = refused_id.load(Ordering::SeqCst);
        let about_refused = refused != 0
            && serde_json::from_str::<Value>(&got.body)
                .ok()
                .and_then(|b| b["ids"].as_array().cloned())
                .is_some_and(|ids| ids.contains(&refused.into()));
        let answer: &[u8] = match mode.load(Ordering::SeqCst) {
            _ if about_refused => b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
            0 => {
                taken.lock().unwrap().push(got);
                b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
            }
            1 => b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
            3 => b"HTTP/1.1 410 Gone\r\nContent-Length: 0\r\n\r\n",
            4 => b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n",
            _ => {
                while !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return;
            }
        };
        if stream.write_all(answer).is_err() {
            return;
        }
    }
}

/// A running relay: `listen -o json --journal J --forward-to URL`.
pub(crate) struct Relay {
    child: Child,
    addr: String,
    out: Option<BufReader<std::process::ChildStdout>>,
}

impl Relay {
    pub(crate) fn start(w: &World, journal: &std::path::Path, to: &str, extra: &[&str]) -> Relay {
        let mut cmd = w.command();
        cmd.args(["-o", "json", "listen", "--port", "0", "--journal"])
            .arg(journal)
            .args(["--forward-to", to])
            .args(extra)
            .env("COPPER_HOOKS_BACKOFF_MS", "20")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start listen");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let url = crate::harness::listening_url(&mut out);
        Relay {
            child,
            addr: crate::harness::host_port(&url),
            out: Some(out),
        }
    }

    pub(crate) fn addr(&self) -> &str {
        &self.addr
    }

    pub(crate) fn send(&self, body: &str) -> u16 {
        raw_http(
            &self.addr,
            "POST",
            "/",
            &[("Content-Type", "application/json")],
            body,
        )
        .0
    }

    /// SIGTERM, then its lines (stdout as JSON) and stderr.
    pub(crate) fn stop(mut self) -> (Vec<Value>, String) {
        std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        self.finish()
    }

    fn finish(&mut self) -> (Vec<Value>, String) {
        let mut text = String::new();
        self.out.take().unwrap().read_to_string(&mut text).unwrap();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "listen failed: {err}");
        let lines = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
            .collect();
        (lines, err)
    }

    fn kill9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A delivery of `kind` `event` about `ids`, numbered `n` (in its attributes and time).
fn delivery(kind: &str, event: &str, ids: &[u64], n: u64) -> String {
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    format!(
        r#"{{"ids":[{}],"type":"{kind}","event":"{event}","subscription_id":7,"timestamp":"2026-12-01T10:00:{:02}.{:03}Z","updated_attributes":{{"n":[{},{n}]}}}}"#,
        ids.join(","),
        n / 1000 % 60,
        n % 1000,
        n.saturating_sub(1)
    )
}

fn n_of(body: &str) -> u64 {
    serde_json::from_str::<Value>(body).unwrap()["updated_attributes"]["n"][1]
        .as_u64()
        .unwrap()
}

/// `journal -o json FILE`.
fn status(w: &World, journal: &std::path::Path) -> Value {
    w.run(&["-o", "json", "journal", journal.to_str().unwrap()])
        .ok()
        .json()
}

#[test]
fn the_app_away_for_a_while_gets_everything_in_order_for_each_record() {
    let w = World::offline();
    // The app is not there at all: its port refuses connections.
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &format!("http://127.0.0.1:{port}/app"), &[]);
    // Three records, each changed several times, interleaved; and one about two records.
    let mut sent = Vec::new();
    for n in 1..=24u64 {
        let id = n % 3 + 1;
        let body = delivery("person", "update", &[id], n);
        assert_eq!(relay.send(&body), 200, "accepted while the app is away");
        sent.push(body);
    }
    let both = delivery("person", "update", &[1, 2], 25);
    assert_eq!(relay.send(&both), 200);
    sent.push(both);
    std::thread::sleep(Duration::from_millis(500));
    let now = status(&w, &journal);
    assert_eq!(now["accepted"], 25);
    assert_eq!(now["pending"], 25, "{now}");
    // The app comes back on its port.
    let app = App::on(
        TcpListener::bind(("127.0.0.1", port)).expect("the app's port again"),
        Mode::Take,
    );
    let got = app.wait_taken(25, Duration::from_secs(60));
    let (lines, _) = relay.stop();
    assert_eq!(got.len(), 25, "each once");
    for record in 1..=3u64 {
        let order: Vec<u64> = got
            .iter()
            .filter(|g| {
                serde_json::from_str::<Value>(&g.body).unwrap()["ids"]
                    .as_array()
                    .unwrap()
                    .contains(&record.into())
            })
            .map(|g| n_of(&g.body))
            .collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order, sorted, "record {record} in the order Copper sent it");
    }
    // Every body byte for byte, each with its id.
    for body in &sent {
        let it = got.iter().find(|g| &g.body == body).expect("arrived");
        assert!(it.headers["webhook-id"].starts_with("msg_"));
        assert_eq!(it.headers["content-type"], "application/json");
    }
    let forwarded = lines
        .iter()
        .filter(|l| l.get("forwarded").is_some())
        .count();
    assert_eq!(forwarded, 25);
    assert!(lines.iter().any(|l| l.get("retrying").is_some()));
    let after = status(&w, &journal);
    assert_eq!(
        (after["forwarded"].as_u64(), after["pending"].as_u64()),
        (Some(25), Some(0)),
        "{after}"
    );
}

#[test]
fn kill_9_mid_forward_loses_nothing_and_repeats_only_what_was_in_flight() {
    let w = World::offline();
    let app = App::start(Mode::Take);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &app.url(), &[]);
    for n in 1..=5 {
        assert_eq!(relay.send(&delivery("company", "new", &[n], n)), 200);
    }
    app.wait_taken(5, Duration::from_secs(30));
    // The app hangs: the next forwards are in flight when the relay is killed.
    app.set(Mode::Hang);
    for n in 6..=12 {
        assert_eq!(relay.send(&delivery("company", "new", &[n], n)), 200);
    }
    let started = Instant::now();
    while app.seen() < 12 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "forwards under way"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    relay.kill9();
    app.set(Mode::Take);
    let pending = status(&w, &journal);
    assert_eq!(pending["pending"], 7, "{pending}");
    assert_eq!(pending["running"], true, "no stop mark: killed");
    // Started again on the same journal: every pending forward is resumed.
    let again = Relay::start(&w, &journal, &app.url(), &[]);
    let got = app.wait_taken(12, Duration::from_secs(30));
    let (_, err) = again.stop();
    assert!(err.contains("Resuming 7 pending forward(s)"), "{err}");
    let mut numbers: Vec<u64> = got.iter().map(|g| n_of(&g.body)).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=12).collect::<Vec<_>>(), "each taken once");
    // The ones in flight at the kill reached the app twice, with the same id both times.
    let seen = app.seen.lock().unwrap().clone();
    for g in got.iter().filter(|g| n_of(&g.body) >= 6) {
        let ids: Vec<&String> = seen
            .iter()
            .filter(|s| s.body == g.body)
            .map(|s| &s.headers["webhook-id"])
            .collect();
        assert_eq!(ids.len(), 2, "in flight, then again");
        assert_eq!(ids[0], ids[1]);
    }
    let last = status(&w, &journal);
    assert_eq!(
        (last["pending"].as_u64(), last["forwarded"].as_u64()),
        (Some(0), Some(12))
    );
    assert_eq!(last["runs"], 2);
}

#[test]
fn what_the_journal_cannot_keep_is_answered_503_and_never_forwarded() {
    let w = World::offline();
    let app = App::start(Mode::Take);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &app.url(), &["--journal-max", "2KiB"]);
    let mut statuses = Vec::new();
    for n in 1..=12 {
        statuses.push(relay.send(&delivery("lead", "new", &[n], n)));
    }
    let kept = statuses.iter().filter(|s| **s == 200).count();
    assert!((1..12).contains(&kept), "{statuses:?}");
    assert!(statuses[kept..].iter().all(|s| *s == 503), "{statuses:?}");
    app.wait_taken(kept, Duration::from_secs(30));
    let (lines, err) = relay.stop();
    assert_eq!(app.taken().len(), kept, "what was refused went no further");
    let refused = lines.iter().filter(|l| l["status"] == 503).count();
    assert_eq!(refused, 12 - kept, "each refusal said: {lines:?} {err}");
    assert!(lines
        .iter()
        .filter(|l| l["status"] == 503)
        .all(|l| l["problems"][0].as_str().unwrap().contains("--journal-max")));
    assert_eq!(status(&w, &journal)["accepted"].as_u64(), Some(kept as u64));
}

#[test]
fn a_journal_the_disk_will_not_grow_is_answered_503_not_a_crash() {
    let w = World::offline();
    let app = App::start(Mode::Take);
    let journal = w.path("relay.jsonl");
    // A file size limit of 4 KiB (bash counts in 1024-byte blocks): writes past it fail
    // with EFBIG, as on a full disk.
    let plain = w.command();
    let mut cmd = std::process::Command::new("bash");
    cmd.env_clear()
        .envs(plain.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .current_dir(plain.get_current_dir().unwrap())
        .env("COPPER_HOOKS_BACKOFF_MS", "20")
        .env("BIN", plain.get_program())
        .env("JOURNAL", &journal)
        .env("APP", app.url())
        .args([
            "-c",
            r#"ulimit -f 4; exec "$BIN" -o json listen --port 0 --journal "$JOURNAL" --forward-to "$APP""#,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let url: Value = serde_json::from_str(&first).unwrap();
    let addr = crate::harness::host_port(url["listening"].as_str().unwrap());
    let mut statuses = Vec::new();
    for n in 1..=20 {
        let body = delivery("task", "new", &[n], n);
        statuses.push(raw_http(&addr, "POST", "/", &[], &body).0);
    }
    let kept = statuses.iter().filter(|s| **s == 200).count();
    assert!(kept >= 1, "{statuses:?}");
    assert!(statuses[kept..].iter().all(|s| *s == 503), "{statuses:?}");
    app.wait_taken(kept, Duration::from_secs(30));
    assert!(child.try_wait().unwrap().is_none(), "still running");
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(app.taken().len(), kept);
}

#[test]
fn a_dead_letter_is_said_counted_and_replayed_once() {
    let w = World::offline();
    let app = App::start(Mode::Gone);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &app.url(), &[]);
    assert_eq!(relay.send(&delivery("opportunity", "new", &[5], 1)), 200);
    // 410 is final: dead at once.
    let started = Instant::now();
    while status(&w, &journal)["dead"] != 1 {
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(50));
    }
    // A 503 is tried again until --retry-for runs out.
    let (lines, _) = relay.stop();
    assert!(lines
        .iter()
        .any(|l| l["dead"]["why"].as_str().is_some_and(|w| w.contains("410"))));
    app.set(Mode::Unavailable);
    let relay = Relay::start(&w, &journal, &app.url(), &["--retry-for", "1s"]);
    assert_eq!(relay.send(&delivery("opportunity", "new", &[6], 2)), 200);
    let started = Instant::now();
    while status(&w, &journal)["dead"] != 2 {
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(50));
    }
    let (lines, _) = relay.stop();
    let why = lines
        .iter()
        .find_map(|l| l["dead"]["why"].as_str())
        .unwrap()
        .to_string();
    assert!(why.contains("--retry-for (1s) ran out"), "{why}");
    assert!(app.seen() >= 3, "tried more than once");
    // The app is fixed: replay --dead sends both, once.
    app.set(Mode::Take);
    let run = w.run(&[
        "replay",
        "--dead",
        journal.to_str().unwrap(),
        "--to",
        &app.url(),
    ]);
    run.ok()
        .err_has("2 dead-lettered replayed, 0 not answered 2xx");
    assert_eq!(app.taken().len(), 2);
    w.run(&[
        "replay",
        "--dead",
        journal.to_str().unwrap(),
        "--to",
        &app.url(),
    ])
    .ok()
    .err_has("0 dead-lettered replayed");
    assert_eq!(app.taken().len(), 2, "a second replay sends nothing");
    let after = status(&w, &journal);
    assert_eq!(
        (after["dead"].as_u64(), after["forwarded"].as_u64()),
        (Some(0), Some(2))
    );
}

#[test]
fn replay_pending_sends_what_a_stopped_relay_left_and_refuses_a_running_one() {
    let w = World::offline();
    let app = App::start(Mode::Unavailable);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &app.url(), &[]);
    for n in 1..=3 {
        assert_eq!(relay.send(&delivery("project", "update", &[n], n)), 200);
    }
    // While listen runs, the journal is its own.
    let busy = w.run(&[
        "replay",
        "--pending",
        journal.to_str().unwrap(),
        "--to",
        &app.url(),
    ]);
    busy.code(64)
        .err_has("being written by another copper-hooks");
    let (_, err) = relay.stop();
    assert!(err.contains("3 still pending in the journal"), "{err}");
    app.set(Mode::Take);
    w.run(&[
        "replay",
        "--pending",
        journal.to_str().unwrap(),
        "--to",
        &app.url(),
    ])
    .ok()
    .err_has("3 pending replayed");
    assert_eq!(app.taken().len(), 3);
    assert_eq!(status(&w, &journal)["pending"], 0);
    // A journal with no relayed deliveries has nothing dead or pending: said, not "0".
    let plain = w.path("plain.jsonl");
    std::fs::write(
        &plain,
        format!(
            "{}\n",
            serde_json::json!({"received_at": "2026-12-01T10:00:00.000Z", "verdict": "ok", "status": 200, "body": "{}", "headers": {}})
        ),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&plain).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o600);
    std::fs::set_permissions(&plain, perms).unwrap();
    w.run(&[
        "replay",
        "--dead",
        plain.to_str().unwrap(),
        "--to",
        &app.url(),
    ])
    .code(65)
    .err_has("holds no relayed deliveries");
}

#[test]
fn the_journal_command_tells_counts_and_gaps() {
    let w = World::offline();
    let journal = w.path("j.jsonl");
    let lines = [
        r#"{"run":"start","at":"2026-12-01T08:00:00.000Z"}"#,
        r#"{"received_at":"2026-12-01T08:00:05.000Z","path":"/","headers":{},"body":"{}","status":200,"verdict":"ok","problems":[],"id":"msg_a","seq":0}"#,
        r#"{"received_at":"2026-12-01T08:00:06.000Z","path":"/","status":401,"verdict":"refused","problems":["secret 'token' does not match"],"size":2,"sha256":"x"}"#,
        r#"{"state":"forwarded","seq":0,"at":"2026-12-01T08:00:06.000Z","status":200,"attempts":1}"#,
        r#"{"received_at":"2026-12-01T11:30:00.000Z","path":"/","headers":{},"body":"{}","status":200,"verdict":"ok","problems":[],"id":"msg_b","seq":1}"#,
        r#"{"state":"dead","seq":1,"at":"2026-12-01T11:31:00.000Z","why":"410"}"#,
        r#"{"run":"start","at":"2026-12-01T14:00:00.000Z"}"#,
        r#"{"received_at":"2026-12-01T14:00:09.000Z","path":"/","headers":{},"body":"{}","status":200,"verdict":"ok","problems":[],"id":"msg_c","seq":2}"#,
        r#"{"run":"stop","at":"2026-12-01T14:10:00.000Z"}"#,
    ];
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let text = w.run(&["journal", "j.jsonl"]).ok().stdout.clone();
    // The last gap runs until now, and the pending one's age grows: both are masked.
    let re_ago = regex_lite(&text);
    golden("journal-status.txt", &re_ago);
    let json = status(&w, &journal);
    assert_eq!(
        (
            json["accepted"].as_u64(),
            json["refused"].as_u64(),
            json["forwarded"].as_u64(),
            json["dead"].as_u64(),
            json["pending"].as_u64()
        ),
        (Some(3), Some(1), Some(1), Some(1), Some(1))
    );
    let gaps = json["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 3, "{gaps:?}");
    assert_eq!(gaps[0]["why"], "no delivery");
    assert_eq!(gaps[1]["from"], "2026-12-01T11:30:00.000Z");
    assert_eq!(gaps[1]["until"], "2026-12-01T14:00:00.000Z");
    assert_eq!(gaps[1]["why"], "not running");
    assert_eq!(gaps[2]["until"], Value::Null);
    // For monitoring: the dead one and the pending one (days old) fail the check.
    w.run(&["journal", "j.jsonl", "--check"])
        .code(1)
        .err_has("1 dead-lettered")
        .err_has("1 pending, the oldest for");
    // Another tool's JSON lines are no journal.
    let other = w.write("other.jsonl", "{\"level\":\"info\"}\n");
    w.run(&["journal", other.to_str().unwrap()])
        .code(65)
        .err_has("is not a copper-hooks journal");
}

/// Masks what depends on the clock: "(… ago)" and the span of a gap until now.
fn regex_lite(text: &str) -> String {
    text.lines()
        .map(|line| {
            let mut line = line.to_string();
            if let Some(at) = line.find(" ago)") {
                let open = line[..at].rfind('(').unwrap();
                line.replace_range(open..at + 5, "(<AGE> ago)");
            }
            if let Some(rest) = line.find(" to now  ") {
                let from = rest + " to now  ".len();
                let end = line[from..].find("  ").map_or(line.len(), |e| from + e);
                line.replace_range(from..end, "<SPAN>");
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn sigterm_drains_what_is_in_flight_and_leaves_the_rest_pending() {
    let w = World::offline();
    let app = App::start(Mode::Hang);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &app.url(), &["--timeout", "2"]);
    for n in 1..=3 {
        assert_eq!(relay.send(&delivery("task", "update", &[n], n)), 200);
    }
    let started = Instant::now();
    while app.seen() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "forwards under way"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let addr = relay.addr().to_string();
    let stopping = Instant::now();
    let (_, err) = relay.stop();
    // The forwards in flight get their --timeout, then stay pending: no longer.
    assert!(
        stopping.elapsed() < Duration::from_secs(15),
        "{:?}",
        stopping.elapsed()
    );
    assert!(err.contains("Stopped (SIGTERM)"), "{err}");
    assert!(err.contains("3 still pending in the journal"), "{err}");
    assert!(
        TcpStream::connect(&addr).is_err(),
        "no new deliveries once stopped"
    );
    let after = status(&w, &journal);
    assert_eq!(
        (after["pending"].as_u64(), after["running"].as_bool()),
        (Some(3), Some(false)),
        "{after}"
    );
}

#[test]
fn compaction_keeps_what_the_relay_still_needs_and_a_restart_resumes_it() {
    let w = World::offline();
    let app = App::start(Mode::Take);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &app.url(), &["--journal-max", "6500"]);
    for n in 1..=8 {
        assert_eq!(relay.send(&delivery("person", "update", &[n], n)), 200);
    }
    app.wait_taken(8, Duration::from_secs(30));
    app.set(Mode::Unavailable);
    for n in 9..=11 {
        assert_eq!(relay.send(&delivery("person", "update", &[n], n)), 200);
    }
    let (_, err) = relay.stop();
    assert!(err.contains("past 80% of --journal-max"), "{err}");
    let before = status(&w, &journal);
    let size = std::fs::metadata(&journal).unwrap().len();
    // While a listen holds it, it is not touched.
    let held = Relay::start(&w, &journal, &app.url(), &[]);
    w.run(&["journal", journal.to_str().unwrap(), "--compact"])
        .code(64)
        .err_has("being written by another copper-hooks");
    held.kill9();
    let done = w
        .run(&[
            "-o",
            "json",
            "journal",
            journal.to_str().unwrap(),
            "--compact",
        ])
        .ok()
        .json();
    assert_eq!(
        (done["kept_whole"].as_u64(), done["kept_as_times"].as_u64()),
        (Some(3), Some(8))
    );
    let compacted = std::fs::metadata(&journal).unwrap().len();
    assert!(compacted * 2 < size, "{size} to {compacted}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&journal).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The same story, told by fewer bytes.
    let after = status(&w, &journal);
    for field in ["accepted", "forwarded", "pending", "dead"] {
        assert_eq!(after[field], before[field], "{field}: {before} {after}");
    }
    // Restarted on it, the relay forwards the three still pending, and only them.
    app.set(Mode::Take);
    let again = Relay::start(&w, &journal, &app.url(), &[]);
    let got = app.wait_taken(11, Duration::from_secs(30));
    again.stop();
    let mut numbers: Vec<u64> = got.iter().map(|g| n_of(&g.body)).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=11).collect::<Vec<_>>());
    assert_eq!(status(&w, &journal)["pending"], 0);
    w.run(&["journal", journal.to_str().unwrap(), "--check"])
        .ok();
}

#[test]
fn relay_flags_that_cannot_work_alone_are_refused() {
    let w = World::offline();
    w.run(&[
        "listen",
        "--port",
        "0",
        "--sign-secret",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ])
    .code(64)
    .err_has("give --forward-to");
    w.run(&[
        "listen",
        "--port",
        "0",
        "--forward-to",
        "http://127.0.0.1:9/",
        "--retry-for",
        "1h",
    ])
    .code(64)
    .err_has("--retry-for needs --journal");
    w.run(&["listen", "--port", "0", "--retry-for", "1h"])
        .code(64);
    w.run(&[
        "replay",
        "j.jsonl",
        "--to",
        "http://127.0.0.1:9/",
        "--sign-secret",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ])
    .code(64)
    .err_has("with --dead or --pending");
    w.run(&["journal", "missing.jsonl"])
        .code(1)
        .err_has("cannot read");
}

#[test]
fn a_failing_record_holds_up_only_its_own_later_deliveries() {
    let w = World::offline();
    let app = App::start(Mode::Take);
    app.refuse_record(1);
    let journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &journal, &app.url(), &[]);
    // Record 1 changes twice around changes of others; the app refuses record 1 for now.
    for (n, id) in [(1, 1), (2, 2), (3, 3), (4, 1), (5, 4)] {
        assert_eq!(relay.send(&delivery("lead", "update", &[id], n)), 200);
    }
    // The others arrive while record 1 is still being retried.
    let got = app.wait_taken(3, Duration::from_secs(30));
    let mut others: Vec<u64> = got.iter().map(|g| n_of(&g.body)).collect();
    others.sort_unstable();
    assert_eq!(others, [2, 3, 5]);
    // Record 1's second change never went before its first was taken.
    let tried = || -> Vec<u64> {
        app.seen
            .lock()
            .unwrap()
            .iter()
            .map(|g| n_of(&g.body))
            .collect()
    };
    let started = Instant::now();
    while !tried().contains(&1) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "record 1 is tried"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!tried().contains(&4), "{:?}", tried());
    app.refuse_record(0);
    let got = app.wait_taken(5, Duration::from_secs(30));
    relay.stop();
    let ones: Vec<u64> = got
        .iter()
        .map(|g| n_of(&g.body))
        .filter(|n| [1, 4].contains(n))
        .collect();
    assert_eq!(ones, [1, 4], "in the order Copper sent them");
}

#[test]
fn an_app_that_asks_for_time_gets_it() {
    let w = World::offline();
    let app = App::start(Mode::Busy);
    let journal = w.path("relay.jsonl");
    // The relay's own backoff is 20 ms here: the wait below is the app's Retry-After.
    let relay = Relay::start(&w, &journal, &app.url(), &[]);
    assert_eq!(relay.send(&delivery("person", "new", &[1], 1)), 200);
    let started = Instant::now();
    while app.seen() < 1 {
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(10));
    }
    app.set(Mode::Take);
    app.wait_taken(1, Duration::from_secs(30));
    relay.stop();
    let seen = app.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "asked once to wait, then taken");
    let waited = seen[1].at.duration_since(seen[0].at);
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
}
