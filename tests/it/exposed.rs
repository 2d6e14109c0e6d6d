//! `listen` facing the internet (#13): what a stranger sends is refused and goes no further,
//! and what it can make the receiver hold (memory, connections, time, disk) is bounded.

use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{raw_http, World};

/// A `listen` on a free port, its stdout read by the test, or left unread.
struct Listen {
    child: Child,
    addr: String,
    url: String,
    out: Option<BufReader<std::process::ChildStdout>>,
}

impl Listen {
    fn start(w: &World, args: &[&str]) -> Listen {
        let mut cmd = w.command();
        cmd.args(["-o", "json", "listen", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start listen");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let url = crate::harness::listening_url(&mut out);
        let addr = crate::harness::host_port(&url);
        Listen {
            child,
            addr,
            url,
            out: Some(out),
        }
    }

    /// Resident memory of the process, from the OS, in KiB.
    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap()
    }

    /// Stops it and returns stdout's lines and stderr.
    fn stop(mut self) -> (Vec<String>, String) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let mut out = String::new();
        if let Some(mut reader) = self.out.take() {
            let _ = reader.read_to_string(&mut out);
        }
        let mut err = String::new();
        let _ = self.child.stderr.take().unwrap().read_to_string(&mut err);
        let status = self.child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{err}");
        (out.lines().map(str::to_string).collect(), err)
    }
}

impl Drop for Listen {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn delivery(extra: &str) -> String {
    format!(
        r#"{{"ids":[1],"type":"lead","event":"new","subscription_id":7,"timestamp":"2026-11-23T09:00:00.000Z","updated_attributes":{{}}{extra}}}"#
    )
}

#[test]
fn empty_expectations_are_refused_at_start() {
    let w = World::offline();
    w.run(&["listen", "--port", "0", "--secret", "token="])
        .code(64)
        .err_has("has no value");
    w.run_with(
        &["listen", "--port", "0", "--hmac-header", "X-Sig"],
        &[("COPPER_HOOKS_HMAC_SECRET", " ")],
    )
    .code(64)
    .err_has("HMAC secret is empty");
}

#[test]
fn a_refused_delivery_is_never_forwarded() {
    let w = World::offline();
    let app = Listen::start(&w, &[]);
    let front = Listen::start(&w, &["--secret", "token=right", "--forward-to", &app.url]);
    let forged = delivery(r#","token":"guess""#);
    let (status, _) = raw_http(&front.addr, "POST", "/", &[], &forged);
    assert_eq!(status, 401);
    let (status, _) = raw_http(&front.addr, "POST", "/", &[], "junk");
    assert_eq!(status, 400);
    let real = delivery(r#","token":"right""#);
    let (status, _) = raw_http(&front.addr, "POST", "/", &[], &real);
    assert_eq!(status, 200);
    std::thread::sleep(Duration::from_millis(300));
    let (front_lines, _) = front.stop();
    let (app_lines, _) = app.stop();
    assert_eq!(app_lines.len(), 1, "the app got: {app_lines:?}");
    assert!(app_lines[0].contains("\"verdict\":\"ok\""), "{app_lines:?}");
    assert!(
        front_lines.iter().any(|l| l.contains("\"forwarded\"")),
        "{front_lines:?}"
    );
    // A forward to its own address is refused at start: it would loop.
    let run = w.run(&[
        "listen",
        "--port",
        "47811",
        "--forward-to",
        "http://127.0.0.1:47811/",
    ]);
    run.code(64).err_has("own address");
}

#[test]
fn refused_requests_cost_no_memory_and_repeats_need_the_same_type_and_event() {
    let w = World::offline();
    let listen = Listen::start(&w, &["--secret", "token=right"]);
    let before = listen.rss_kib();
    // 300 unauthenticated requests with a timestamp of nearly a million digits.
    let stamp = format!("2026-11-23T09:00:00.{}Z", "1".repeat(1_000_000 - 200));
    let body = format!(
        r#"{{"ids":[1],"type":"lead","event":"new","subscription_id":7,"timestamp":"{stamp}","token":"x"}}"#
    );
    for _ in 0..300 {
        let (status, _) = raw_http(&listen.addr, "POST", "/", &[], &body);
        assert!(status == 401 || status == 400, "{status}");
    }
    let after = listen.rss_kib();
    eprintln!("listen RSS: {before} KiB before, {after} KiB after 300 hostile 1 MB requests");
    assert!(
        after < before + 64 * 1024,
        "listen grew from {before} KiB to {after} KiB"
    );
    // Same subscription, id and millisecond, other type: not a repeat.
    let lead = delivery(r#","token":"right""#).replace("\"new\"", "\"update\"");
    let opportunity = lead.replace("\"lead\"", "\"opportunity\"");
    for body in [&lead, &opportunity, &lead] {
        assert_eq!(raw_http(&listen.addr, "POST", "/", &[], body).0, 200);
    }
    let (lines, _) = listen.stop();
    let ok: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("\"verdict\":\"ok\""))
        .collect();
    assert_eq!(ok.len(), 3);
    assert!(ok[0].contains("\"repeat\":false") && ok[1].contains("\"repeat\":false"));
    assert!(ok[2].contains("\"repeat\":true"), "{}", ok[2]);
}

#[test]
fn stalled_bodies_are_let_go_and_connections_are_capped() {
    let w = World::offline();
    let listen = Listen::start(&w, &["--max-connections", "8"]);
    let stall = || {
        let mut s = TcpStream::connect(&listen.addr).unwrap();
        s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"ids\"")
            .unwrap();
        s
    };
    let mut stalled: Vec<TcpStream> = (0..8).map(|_| stall()).collect();
    // At the cap, a ninth connection waits in the backlog, unaccepted: not closed (Copper
    // would never send that delivery again), answered once a slot frees.
    let mut ninth = TcpStream::connect(&listen.addr).unwrap();
    ninth
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    let body = delivery("");
    let request = format!(
        "POST / HTTP/1.0\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    ninth.write_all(request.as_bytes()).unwrap();
    let waiting = std::thread::spawn(move || {
        let mut answer = String::new();
        let _ = ninth.read_to_string(&mut answer);
        answer
    });
    // The stalled bodies are answered 408 within the request deadline (10 s).
    let started = Instant::now();
    for s in &mut stalled {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
    assert!(started.elapsed() < Duration::from_secs(15));
    // The ninth was held, not dropped: answered once the stalled ones were let go.
    let answer = waiting.join().unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200"),
        "{answer:?}"
    );
    // And a real delivery gets through again.
    let (status, _) = raw_http(&listen.addr, "POST", "/", &[], &delivery(""));
    assert_eq!(status, 200);
    let (_, err) = listen.stop();
    assert!(
        err.contains("8 connections are open, the most --max-connections allows"),
        "{err}"
    );
}

#[test]
fn the_journal_is_a_record_not_an_amplifier() {
    let w = World::offline();
    let journal = w.path("j.jsonl");
    let j = journal.to_str().unwrap();
    let listen = Listen::start(&w, &["--journal", j, "--journal-max", "4KiB"]);
    // A second writer is refused.
    w.run(&["listen", "--port", "0", "--journal", j])
        .code(64)
        .err_has("being written by another copper-hooks");
    // A refused request is kept in brief: no body, no headers.
    let junk = "\u{1}".repeat(100_000);
    assert_eq!(
        raw_http(&listen.addr, "POST", "/", &[("X-Junk", "1")], &junk).0,
        400
    );
    for _ in 0..20 {
        assert_eq!(
            raw_http(&listen.addr, "POST", "/", &[], &delivery("")).0,
            200
        );
    }
    let (_, err) = listen.stop();
    assert!(err.contains("the journal reached --journal-max"), "{err}");
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.len() <= 4096, "{}", text.len());
    let first: Value =
        serde_json::from_str(crate::harness::delivery_lines(&text).next().unwrap()).unwrap();
    assert_eq!(first["verdict"], "bad");
    assert_eq!(first["size"], 100_000);
    assert!(first.get("body").is_none() && first.get("headers").is_none());
    for line in text.lines() {
        serde_json::from_str::<Value>(line).expect("no torn line");
    }
}

#[test]
fn journals_that_are_not_journal_files_are_refused() {
    let w = World::offline();
    let secret = w.write("credentials.toml", "[profiles.default]\napi_key = \"k\"\n");
    let link = w.path("link.jsonl");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    w.run(&["listen", "--port", "0", "--journal", link.to_str().unwrap()])
        .code(64)
        .err_has("symbolic link");
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        "[profiles.default]\napi_key = \"k\"\n"
    );
    w.run(&["listen", "--port", "0", "--journal", "/dev/null"])
        .code(64)
        .err_has("not a regular file");
    let fifo = w.path("fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    w.run(&["listen", "--port", "0", "--journal", fifo.to_str().unwrap()])
        .code(64)
        .err_has("not a regular file");
    let other = w.write("notes.txt", "my notes\n");
    std::fs::set_permissions(&other, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    w.run(&[
        "listen",
        "--port",
        "0",
        "--journal",
        other.to_str().unwrap(),
    ])
    .code(64)
    .err_has("not a copper-hooks journal");
}

#[test]
fn a_stdout_nobody_reads_never_stops_the_receiver() {
    let w = World::offline();
    // stdout is a pipe the test never reads past the first line.
    let listen = Listen::start(&w, &[]);
    let url = listen.url.clone();
    let run = w.run(&["-q", "trigger", "lead.new", "--to", &url, "--count", "1500"]);
    run.ok();
    let (lines, err) = listen.stop();
    assert!(
        lines.len() < 1500,
        "every line was written: was the pipe drained?"
    );
    assert!(
        err.contains("lines were not shown: stdout was not being read"),
        "{err}"
    );
}

#[test]
fn json_lines_escape_what_would_move_a_terminal() {
    let w = World::offline();
    let listen = Listen::start(&w, &[]);
    let body = delivery("").replace("\"lead\"", "\"le\u{202E}ad\u{9b}\u{7f}\"");
    assert_eq!(raw_http(&listen.addr, "POST", "/", &[], &body).0, 400);
    let (lines, _) = listen.stop();
    let all = lines.join("\n");
    for c in ['\u{202E}', '\u{9b}', '\u{7f}'] {
        assert!(!all.contains(c), "{c:?} reached the terminal: {all}");
    }
}

#[test]
fn test_and_trigger_send_an_accounts_secrets_only_where_copper_would() {
    let spy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    spy.set_nonblocking(true).unwrap();
    let port = spy.local_addr().unwrap().port();
    let metadata = format!("http://127.0.0.1:{port}/latest/meta-data/");
    let w = World::seeded(
        &[
            crate::harness::sub(
                170_001,
                "lead",
                "new",
                &metadata,
                serde_json::json!({"token": "s3cr3t"}),
            ),
            crate::harness::sub(
                170_002,
                "lead",
                "update",
                &format!("https://user:pw@localhost:{port}/"),
                serde_json::json!({"token": "s3cr3t"}),
            ),
        ],
        &[],
    );
    let run = w.run(&["test", "--live"]);
    run.code(1).out_has("2 tested, 0 answered 2xx, 2 failed.");
    assert!(
        run.stdout.contains("Copper would not deliver there"),
        "{}",
        run.stdout
    );
    let trigger = w.run(&["trigger", "--subscription", "170001"]);
    trigger
        .code(3)
        .err_has("subscription 170001")
        .err_has("nothing was sent");
    assert!(
        spy.accept().is_err(),
        "a secret went to an address Copper refuses"
    );
    // Only the explicit flag sends to a loopback receiver.
    let sent = w.run(&["--timeout", "1", "test", "--live", "--allow-local-targets"]);
    assert!(sent.stdout.contains("lead.new"), "{}", sent.stdout);
    std::thread::sleep(Duration::from_millis(200));
    assert!(spy.accept().is_ok(), "--allow-local-targets sent nothing");
    // --to says where it really sent.
    let to = w.run(&[
        "--timeout",
        "1",
        "test",
        "--live",
        "--to",
        &format!("http://127.0.0.1:{port}/"),
    ]);
    assert!(
        to.stdout
            .contains(&format!("Each was sent to http://127.0.0.1:{port}/ (--to)")),
        "{}",
        to.stdout
    );
}

/// Writes a journal of the given entries (mode 0600, as listen writes it).
fn journal(w: &World, name: &str, entries: &[Value]) -> String {
    let text: String = entries.iter().map(|e| format!("{e}\n")).collect();
    let path = w.write(name, &text);
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn replay_never_authenticates_a_forgery_and_checks_everything_first() {
    let w = World::offline();
    let front = Listen::start(
        &w,
        &[
            "--secret",
            "token=real",
            "--journal",
            &w.path("j.jsonl").to_string_lossy(),
        ],
    );
    // A forgery (refused), junk with keys no user can give, a tunnel's headers, and one real
    // delivery carrying the ownership marker.
    let forged = delivery(r#","token":"guess""#);
    assert_eq!(
        raw_http(&front.addr, "POST", "/", &[("X-Junk", "1")], &forged).0,
        401
    );
    let junk = r#"{"":1,"a=b":2}"#;
    assert_eq!(
        raw_http(&front.addr, "POST", "/", &[("X-Junk", "1")], junk).0,
        400
    );
    let real = delivery(r#","token":"real","copper_hooks_owner":"billing""#);
    let tunnel = [
        ("Cf-Ray", "8a1b"),
        ("X-Forwarded-For", "203.0.113.9"),
        ("Proxy-Authorization", "Basic eDp5"),
        ("X-Tag", "t1"),
    ];
    assert_eq!(raw_http(&front.addr, "POST", "/", &tunnel, &real).0, 200);
    front.stop();
    let j = w.path("j.jsonl");
    let app = Listen::start(&w, &[]);
    // Only the real one is asked for, and only its secret and its own header.
    let run = w.run(&["replay", j.to_str().unwrap(), "--to", &app.url]);
    run.code(64)
        .err_has("--secret token=... --header x-tag=...")
        .err_has("nothing was sent");
    assert!(!run.stderr.contains("cf-ray") && !run.stderr.contains("copper_hooks_owner"));
    let run = w.run(&[
        "replay",
        j.to_str().unwrap(),
        "--to",
        &app.url,
        "--secret",
        "token=real",
        "--header",
        "X-Tag=t1",
        "--include-refused",
    ]);
    run.ok()
        .err_has("1 replayed")
        .err_has("2 refused request(s)");
    let (lines, _) = app.stop();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("\"verdict\":\"ok\""));

    // A header no request can carry stops the replay before anything is sent.
    let mut entry: Value = serde_json::from_str(
        crate::harness::delivery_lines(&std::fs::read_to_string(&j).unwrap())
            .last()
            .unwrap(),
    )
    .unwrap();
    entry["headers"]["x-note"] = Value::String("a\r\nInjected: 1".into());
    let bad = journal(&w, "bad.jsonl", &[entry.clone(), entry]);
    let app = Listen::start(&w, &[]);
    w.run(&[
        "replay",
        &bad,
        "--to",
        &app.url,
        "--secret",
        "token=real",
        "--header",
        "X-Tag=t1",
    ])
    .code(65)
    .err_has("line 1 has a header (x-note) that no HTTP request can carry");
    let (lines, _) = app.stop();
    assert!(lines.is_empty(), "{lines:?}");
}

#[test]
fn replay_signs_each_body_afresh() {
    let w = World::offline();
    let j = w.path("signed.jsonl");
    let front = Listen::start(
        &w,
        &[
            "--hmac-header",
            "X-Sig",
            "--hmac-secret",
            "k3y",
            "--journal",
            &j.to_string_lossy(),
        ],
    );
    for id in [1, 2] {
        let body = delivery("").replace("\"ids\":[1]", &format!("\"ids\":[{id}]"));
        let sig = copper_hooks::delivery::hmac_hex(b"k3y", body.as_bytes());
        assert_eq!(
            raw_http(&front.addr, "POST", "/", &[("X-Sig", &sig)], &body).0,
            200
        );
    }
    front.stop();
    let app = Listen::start(&w, &["--hmac-header", "X-Sig", "--hmac-secret", "k3y"]);
    w.run(&[
        "replay",
        j.to_str().unwrap(),
        "--to",
        &app.url,
        "--hmac-header",
        "X-Sig",
        "--hmac-secret",
        "k3y",
    ])
    .ok()
    .err_has("2 replayed, 0 not answered 2xx");
    let (lines, _) = app.stop();
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("\"verdict\":\"ok\""))
            .count(),
        2,
        "{lines:?}"
    );
}

#[test]
fn an_app_that_never_answers_holds_at_most_the_forward_cap() {
    let app = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let app_url = format!("http://{}/", app.local_addr().unwrap());
    // Accepts and holds every connection, never answering.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in app.incoming().flatten() {
            held.push(stream);
        }
    });
    let w = World::offline();
    let front = Listen::start(&w, &["--forward-to", &app_url]);
    let before = front.rss_kib();
    let started = Instant::now();
    for id in 1..=150 {
        let body = delivery("").replace("\"ids\":[1]", &format!("\"ids\":[{id}]"));
        assert_eq!(raw_http(&front.addr, "POST", "/", &[], &body).0, 200);
    }
    // Answering never waited on the app.
    assert!(started.elapsed() < Duration::from_secs(20));
    let after = front.rss_kib();
    eprintln!("listen RSS: {before} KiB before, {after} KiB with 150 forwards to a silent app");
    assert!(after < before + 32 * 1024, "{before} -> {after} KiB");
    let mut cmd = std::process::Command::new("kill");
    cmd.args(["-KILL", &front.child.id().to_string()]);
    let _ = cmd.status();
}

#[test]
fn a_manifest_or_accounts_file_that_is_a_fifo_is_refused_not_waited_on() {
    // A committed symlink can point at a FIFO: opening it to read would wait forever for a
    // writer, and the validate job would hang until the CI system kills it.
    let w = World::offline();
    let fifo = w.path("manifest.toml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let link = w.path("linked.toml");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    w.write("m.toml", "[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n");
    for args in [
        vec!["validate", "manifest.toml"],
        vec!["validate", "linked.toml"],
        vec![
            "validate",
            "--skip-env",
            "--accounts",
            "linked.toml",
            "m.toml",
        ],
    ] {
        let mut cmd = w.command();
        cmd.args(&args);
        let child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let run = crate::harness::wait_or_kill(child, std::time::Duration::from_secs(20));
        run.code(65).err_has("is not a regular file");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_another_user_planted_in_a_shared_folder_is_not_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let w = World::new();
    let shared = w.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    // Our own file, which the planted links point at.
    let victim = w.write("mine.txt", "my own file\n");
    let plant = |name: &str| {
        let link = shared.join(name);
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        // Another user's link: only root can make one here; elsewhere the test says so.
        std::os::unix::fs::lchown(&link, Some(65534), Some(65534)).is_ok()
    };
    if !plant("plan.md") || !plant("default.toml") {
        eprintln!("skipped: links of another user need root to make");
        return;
    }
    w.write(
        "m.toml",
        "[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n",
    );
    let md = shared.join("plan.md");
    w.run(&["plan", "--markdown-file", md.to_str().unwrap(), "m.toml"])
        .code(3)
        .err_has("is a symlink that another user owns; it was not followed");
    w.create("person", "new", "https://h.example.com/x", &[]);
    let out = shared.join("default.toml");
    w.run(&["export", "--file", out.to_str().unwrap(), "--force"])
        .code(3)
        .err_has("not followed");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "my own file\n");
}

#[test]
fn a_burst_past_the_connection_cap_is_answered_in_turn_not_dropped() {
    // 3,000 deliveries arrive at once (a tunnel's burst), past --max-connections (256):
    // every one is answered 200, in turn, instead of most being closed unanswered.
    let w = World::offline();
    let listen = Listen::start(&w, &[]);
    let body = delivery("");
    let request = format!(
        "POST / HTTP/1.0\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let started = Instant::now();
    let mut streams: Vec<TcpStream> = (0..3000)
        .map(|_| {
            let mut s = TcpStream::connect(&listen.addr).unwrap();
            s.write_all(request.as_bytes()).unwrap();
            s
        })
        .collect();
    let mut ok = 0;
    for s in &mut streams {
        let left = Duration::from_secs(60).saturating_sub(started.elapsed());
        s.set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        if answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200") {
            ok += 1;
        }
    }
    assert_eq!(ok, 3000, "answered 200 of 3,000 in {:?}", started.elapsed());
    drop(listen);
}

#[test]
fn listen_faces_others_only_when_told_and_its_health_says_nothing_more() {
    let w = World::offline();
    w.run(&["listen", "--port", "0", "--bind", "0.0.0.0"])
        .code(64)
        .err_has("--bind 0.0.0.0 is not a loopback address")
        .err_has("--allow-remote");
    // (Binding another address here would face this machine's network: not in a test.)
    // A health check gets "ok" and nothing else: no counts, no configuration.
    let listen = Listen::start(&w, &[]);
    let (status, body) = raw_http(&listen.addr, "GET", "/_copper-hooks/health", &[], "");
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    let (lines, _) = listen.stop();
    assert!(
        lines.iter().all(|l| !l.contains("health")),
        "not a delivery: {lines:?}"
    );
}
