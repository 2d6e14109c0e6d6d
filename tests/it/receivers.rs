//! The receiver half: `trigger` sends what Copper would, `listen` checks and journals it,
//! `replay` sends journalled deliveries again, all real processes over loopback.

use std::io::{BufReader, Read};
use std::process::{Child, Stdio};

use serde_json::Value;

use crate::harness::{raw_http, World, TYPES};

const EVENTS: [&str; 3] = ["new", "update", "delete"];

/// A `listen -o json` process that stops after `max` deliveries.
pub struct Listening {
    child: Child,
    pub url: String,
    addr: String,
    out: Option<BufReader<std::process::ChildStdout>>,
}

impl Listening {
    pub fn start(w: &World, max: usize, extra: &[&str], env: &[(&str, &str)]) -> Listening {
        let mut cmd = w.command();
        cmd.args(["-o", "json", "listen", "--port", "0", "--max-deliveries"])
            .arg(max.to_string())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start listen");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let url = crate::harness::listening_url(&mut out);
        let addr = crate::harness::host_port(&url);
        Listening {
            child,
            url,
            addr,
            out: Some(out),
        }
    }

    /// Waits for it to stop (after its deliveries) and returns one JSON value per delivery.
    pub fn deliveries(mut self) -> Vec<Value> {
        let mut text = String::new();
        self.out.take().unwrap().read_to_string(&mut text).unwrap();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "listen failed: {text}");
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
            .collect()
    }
}

/// An app behind a `listen --forward-to`: another listen that journals what it got, headers
/// and all (a journal seals them unless told).
struct App;

impl App {
    fn start(w: &World, max: usize) -> (Listening, std::path::PathBuf) {
        let journal = w.path("app.jsonl");
        let args = ["--journal", journal.to_str().unwrap(), "--journal-secrets"];
        (Listening::start(w, max, &args, &[]), journal)
    }

    /// Every request the app journalled, in the order it came.
    fn received(journal: &std::path::Path) -> Vec<Value> {
        crate::harness::delivery_lines(&std::fs::read_to_string(journal).unwrap())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn trigger_to_listen_for_every_type_and_event() {
    let w = World::offline();
    let journal = w.path("journal.jsonl");
    let listen = Listening::start(
        &w,
        TYPES.len() * EVENTS.len(),
        &[
            "--secret",
            "key=k1-s3cr3t",
            "--journal",
            journal.to_str().unwrap(),
        ],
        &[],
    );
    for kind in TYPES {
        for event in EVENTS {
            let what = format!("{kind}.{event}");
            let mut args = vec![
                "trigger",
                what.as_str(),
                "--to",
                listen.url.as_str(),
                "--secret",
                "key=k1-s3cr3t",
                "--ids",
                "7",
            ];
            if event == "update" {
                args.extend(["--attr", "name=Old,New", "--custom-field", "123=null,4"]);
            }
            let run = w.run(&args);
            run.ok();
            assert!(
                !run.all().contains("k1-s3cr3t"),
                "trigger printed the secret:\n{}",
                run.all()
            );
        }
    }
    let seen = listen.deliveries();
    assert_eq!(seen.len(), 21);
    for (i, d) in seen.iter().enumerate() {
        assert_eq!(d["verdict"], "ok", "{d}");
        assert_eq!(d["status"], 200);
        assert_eq!(d["type"], TYPES[i / 3]);
        assert_eq!(d["event"], EVENTS[i % 3]);
        assert_eq!(d["ids"], serde_json::json!([7]));
        assert_eq!(
            d["body"]["key"], "********",
            "echoed secrets are masked: {d}"
        );
        assert!(!d.to_string().contains("k1-s3cr3t"));
    }
    // The journal keeps every body (it is the owner's, mode 0600), for replay, with the
    // echoed secret values taken out and where they were.
    let kept = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(crate::harness::delivery_lines(&kept).count(), 21);
    assert!(!kept.contains("k1-s3cr3t"), "the journal holds a secret");
    let first: Value =
        serde_json::from_str(crate::harness::delivery_lines(&kept).next().unwrap()).unwrap();
    assert_eq!(first["sealed"][0]["key"], "key", "{first}");
    assert!(first["body"]
        .as_str()
        .unwrap()
        .contains(r#""key":"[sealed]""#));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&journal).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let update: Value =
        serde_json::from_str(crate::harness::delivery_lines(&kept).nth(1).unwrap()).unwrap();
    let body: Value = serde_json::from_str(update["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body["updated_attributes"]["name"],
        serde_json::json!(["Old", "New"])
    );
    assert_eq!(
        body["updated_attributes"]["custom_fields"]["123"],
        serde_json::json!([null, 4])
    );
}

#[test]
fn seventy_five_ids_are_three_notifications() {
    let w = World::offline();
    let listen = Listening::start(&w, 3, &[], &[]);
    w.run(&[
        "trigger",
        "task.delete",
        "--to",
        &listen.url,
        "--ids",
        "1..75",
    ])
    .ok();
    let sizes: Vec<usize> = listen
        .deliveries()
        .iter()
        .map(|d| d["ids"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, vec![30, 30, 15]);
}

#[test]
fn a_secret_mismatch_is_401_and_trigger_fails() {
    let w = World::offline();
    // Refused requests do not count towards --max-deliveries: the one accepted ends it.
    let listen = Listening::start(&w, 1, &[], &[("COPPER_HOOKS_LISTEN_SECRET", "key=right")]);
    let run = w.run(&[
        "trigger",
        "lead.new",
        "--to",
        &listen.url,
        "--secret",
        "key=wrong",
    ]);
    run.code(1).err_has("401").err_has("not answered 2xx");
    w.run(&["trigger", "lead.new", "--to", &listen.url]).code(1);
    w.run(&[
        "trigger",
        "lead.new",
        "--to",
        &listen.url,
        "--secret",
        "key=right",
    ])
    .ok();
    let seen = listen.deliveries();
    assert_eq!(seen[0]["status"], 401);
    assert!(seen[0]["problems"][0]
        .as_str()
        .unwrap()
        .contains("secret 'key' does not match"));
    assert!(!seen[0].to_string().contains("wrong"));
    assert_eq!(seen[1]["problems"][0], "secret 'key' missing");
    assert_eq!(seen[2]["status"], 200);
    assert_eq!(seen.len(), 3);
}

#[test]
fn hmac_signatures_pass_and_fail() {
    let w = World::offline();
    let listen = Listening::start(
        &w,
        1,
        &["--hmac-header", "X-Signature"],
        &[("COPPER_HOOKS_HMAC_SECRET", "signing-secret")],
    );
    let body = r#"{"ids":[1],"type":"lead","event":"new","subscription_id":5,"timestamp":"2026-11-23T09:00:00.000Z"}"#;
    let good = copper_hooks::delivery::hmac_hex(b"signing-secret", body.as_bytes());
    let (status, _) = raw_http(&listen.addr, "POST", "/", &[("X-Signature", "00ff")], body);
    assert_eq!(status, 401);
    let (status, _) = raw_http(&listen.addr, "POST", "/", &[], body);
    assert_eq!(status, 401);
    let (status, _) = raw_http(&listen.addr, "POST", "/", &[("X-Signature", &good)], body);
    assert_eq!(status, 200);
    let seen = listen.deliveries();
    assert_eq!(seen[0]["verdict"], "refused");
    assert_eq!(
        seen[1]["problems"][0],
        "the X-Signature signature is missing"
    );
    assert_eq!(seen[2]["verdict"], "ok");
}

#[test]
fn bad_bodies_are_named_and_answered_400() {
    let w = World::offline();
    let listen = Listening::start(&w, 1, &["--path", "/hooks/copper"], &[]);
    let (status, _) = raw_http(&listen.addr, "POST", "/elsewhere", &[], "{}");
    assert_eq!(status, 404);
    let (status, _) = raw_http(&listen.addr, "POST", "/hooks/copper", &[], "not json");
    assert_eq!(status, 400);
    let too_many = format!(
        r#"{{"ids":{:?},"type":"lead","event":"new","subscription_id":1,"timestamp":"2026-11-23T09:00:00.000Z"}}"#,
        (0..31).collect::<Vec<u64>>()
    );
    let (status, _) = raw_http(&listen.addr, "POST", "/hooks/copper", &[], &too_many);
    assert_eq!(status, 400);
    let update =
        r#"{"ids":[1],"type":"lead","event":"update","subscription_id":1,"timestamp":"nope"}"#;
    let (status, _) = raw_http(&listen.addr, "POST", "/hooks/copper", &[], update);
    assert_eq!(status, 400);
    // What real Copper sends on `new`: an empty updated_attributes, accepted.
    let new = r#"{"ids":[1],"type":"lead","event":"new","subscription_id":1,"timestamp":"2024-05-02T10:00:00.000Z","updated_attributes":{}}"#;
    let (status, _) = raw_http(&listen.addr, "POST", "/hooks/copper", &[], new);
    assert_eq!(status, 200);
    let seen = listen.deliveries();
    assert_eq!(seen[0]["problems"][0], "the body is not JSON");
    assert!(seen[1]["problems"][0].as_str().unwrap().contains("31 ids"));
    let problems = seen[2]["problems"].to_string();
    assert!(
        problems.contains("timestamp") && problems.contains("updated_attributes"),
        "{problems}"
    );
    assert_eq!(seen[3]["verdict"], "ok");
}

#[test]
fn a_journal_replays_the_same_bodies() {
    let w = World::offline();
    let first = w.path("first.jsonl");
    let listen = Listening::start(&w, 3, &["--journal", first.to_str().unwrap()], &[]);
    w.run(&[
        "trigger",
        "person.update",
        "--to",
        &listen.url,
        "--ids",
        "1..40",
        "--attr",
        "x=1,2",
        "--secret",
        "token=s3cr3t \"é\"",
        "--header",
        "X-Source=copper-key-1",
    ])
    .ok();
    w.run(&["trigger", "lead.new", "--to", &listen.url]).ok();
    listen.deliveries();
    let journal = std::fs::read_to_string(&first).unwrap();
    assert!(
        !journal.contains("s3cr3t") && !journal.contains("copper-key-1"),
        "{journal}"
    );
    let kept: Value =
        serde_json::from_str(crate::harness::delivery_lines(&journal).next().unwrap()).unwrap();
    assert_eq!(kept["headers"]["x-source"], "[sealed]");
    assert_eq!(kept["sealed_headers"], serde_json::json!(["x-source"]));
    // Without the values the journal kept out, nothing is sent, and the line says which.
    let lacking = w.run(&[
        "replay",
        first.to_str().unwrap(),
        "--to",
        "http://127.0.0.1:9/",
    ]);
    lacking
        .code(64)
        .err_has("--secret token=... --header x-source=...")
        .err_has("nothing was sent");
    // Given them back (the header from the environment), the bodies go out byte for byte.
    let second = w.path("second.jsonl");
    let again = Listening::start(
        &w,
        2,
        &[
            "--journal",
            second.to_str().unwrap(),
            "--journal-secrets",
            "--secret",
            "token=s3cr3t \"é\"",
        ],
        &[],
    );
    let replay = w.run_with(
        &[
            "replay",
            first.to_str().unwrap(),
            "--to",
            &again.url,
            "--type",
            "person",
            "--secret",
            "token=s3cr3t \"é\"",
        ],
        &[("COPPER_HOOKS_REPLAY_HEADER", "X-Source=copper-key-1")],
    );
    replay.ok();
    assert!(!replay.all().contains("s3cr3t"), "{}", replay.all());
    let seen = again.deliveries();
    assert!(seen.iter().all(|d| d["verdict"] == "ok"), "{seen:?}");
    let entries = |path: &std::path::Path| -> Vec<Value> {
        crate::harness::delivery_lines(&std::fs::read_to_string(path).unwrap())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (before, after) = (entries(&first), entries(&second));
    assert_eq!(after.len(), 2);
    for (kept, came) in before.iter().zip(&after) {
        let sealed = kept["body"].as_str().unwrap();
        let whole = sealed.replace(r#""[sealed]""#, r#""s3cr3t \"é\"""#);
        assert_eq!(
            came["body"].as_str().unwrap(),
            whole,
            "replay changed a body"
        );
        assert_eq!(came["headers"]["x-source"], "copper-key-1");
    }
}

#[test]
fn trigger_refuses_what_copper_would_never_send() {
    let w = World::offline();
    for (args, text) in [
        (
            vec![
                "trigger",
                "lead.new",
                "--to",
                "http://127.0.0.1:9/",
                "--attr",
                "a=1,2",
            ],
            "describe an update",
        ),
        (
            vec!["trigger", "lead.created", "--to", "http://127.0.0.1:9/"],
            "unknown event",
        ),
        (
            vec!["trigger", "lead.new", "--to", "ftp://x/"],
            "http:// or https://",
        ),
        (
            vec![
                "trigger",
                "lead.new",
                "--to",
                "http://127.0.0.1:9/",
                "--ids",
                "9..1",
            ],
            "must go up",
        ),
        (vec!["trigger", "lead.new"], "--to URL"),
    ] {
        let run = w.run(&args);
        assert!(run.code == 64 || run.code == 3, "{args:?}: {}", run.stderr);
        run.err_has(text);
    }
}

#[test]
fn forward_to_passes_each_delivery_on_and_says_how_the_app_answered() {
    let w = World::offline();
    let (app, app_journal) = App::start(&w, 1);
    let front = Listening::start(&w, 1, &["--forward-to", &app.url], &[]);
    w.run(&[
        "trigger",
        "company.new",
        "--to",
        &front.url,
        "--header",
        "X-Tag=t1",
    ])
    .ok();
    let seen = front.deliveries();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0]["verdict"], "ok");
    assert_eq!(seen[1]["forwarded"]["status"], 200, "{}", seen[1]);
    app.deliveries();
    let kept = App::received(&app_journal).remove(0);
    assert_eq!(kept["headers"]["x-tag"], "t1");
    assert!(kept["body"].as_str().unwrap().contains("\"company\""));
}

#[test]
fn test_reports_every_target_and_fails_on_one_that_refuses() {
    let w = World::offline();
    let journal = w.path("seen.jsonl");
    let listen = Listening::start(
        &w,
        3,
        &[
            "--secret",
            "token=right",
            "--journal",
            journal.to_str().unwrap(),
        ],
        &[],
    );
    let manifest = w.write(
        "m.toml",
        "[[subscription]]\ntype = \"person\"\nevent = [\"new\", \"update\"]\ntarget = \"https://a.example.com/h\"\nsecret = { token = \"right\" }\n\n[[subscription]]\ntype = \"lead\"\nevent = \"delete\"\ntarget = \"https://b.example.com/h\"\nsecret = { token = \"stale\" }\n",
    );
    let report = w.path("junit.xml");
    let run = w.run(&[
        "test",
        manifest.to_str().unwrap(),
        "--to",
        &listen.url,
        "--junit",
        report.to_str().unwrap(),
    ]);
    run.code(1)
        .out_has("3 tested, 2 answered 2xx, 1 failed.")
        .out_has("FAILED: answered 401");
    assert!(!run.all().contains("stale"), "{}", run.all());
    // A third accepted delivery ends the listen (refused ones do not count).
    w.run(&[
        "trigger",
        "lead.new",
        "--to",
        &listen.url,
        "--secret",
        "token=right",
        "--header",
        "X-Copper-Hooks-Test=1",
        "--ids",
        "0",
    ])
    .ok();
    let seen = listen.deliveries();
    assert_eq!(seen.iter().filter(|d| d["verdict"] == "ok").count(), 3);
    // Every test notification is Copper's shape, marked: ids [0] and a header; the refused
    // one is journalled in brief (verdict, size, digest), not its body.
    let lines: Vec<Value> =
        crate::harness::delivery_lines(&std::fs::read_to_string(&journal).unwrap())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    let refused: Vec<&Value> = lines.iter().filter(|e| e["verdict"] != "ok").collect();
    assert_eq!(refused.len(), 1);
    assert!(refused[0].get("body").is_none() && refused[0]["sha256"].is_string());
    for entry in lines.iter().filter(|e| e["verdict"] == "ok") {
        assert_eq!(entry["headers"]["x-copper-hooks-test"], "1");
        let body: Value = serde_json::from_str(entry["body"].as_str().unwrap()).unwrap();
        assert_eq!(body["ids"], serde_json::json!([0]));
        assert!(
            entry["problems"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p.as_str().unwrap().contains("secret")),
            "{entry}"
        );
    }
    let xml = std::fs::read_to_string(&report).unwrap();
    assert!(
        xml.contains("tests=\"3\"") && xml.contains("failures=\"1\""),
        "{xml}"
    );
    assert!(xml.contains("lead.delete https://b.example.com/h"), "{xml}");
}

#[test]
fn test_live_sends_to_every_subscription_on_the_account() {
    let w = World::new();
    let a = w.create(
        "task",
        "new",
        "https://a.example.com/",
        &["--secret", "k=v"],
    );
    let b = w.create("task", "update", "https://b.example.com/", &[]);
    let listen = Listening::start(&w, 2, &["--secret", "k=v"], &[]);
    let run = w.run(&["-o", "json", "test", "--live", "--to", &listen.url]);
    w.run(&[
        "trigger",
        "lead.new",
        "--to",
        &listen.url,
        "--secret",
        "k=v",
    ])
    .ok();
    let seen = listen.deliveries();
    let report = run.json();
    assert_eq!(report["tested"], 2);
    assert_eq!(report["targets"][0]["subscription_id"], a);
    assert_eq!(report["targets"][1]["subscription_id"], b);
    assert_eq!(seen[0]["subscription_id"], a);
    // The second has no secret pair, so the receiver that expects one refuses it.
    assert_eq!(seen[1]["status"], 401);
    run.code(1);
}

/// Subscribes a local receiver straight through the emulator's API (the CLI, like Copper,
/// refuses http targets; the emulator takes them with --allow-http-targets).
fn subscribe(w: &World, kind: &str, event: &str, target: &str, token: &str) -> u64 {
    let body = serde_json::json!({"target": target, "type": kind, "event": event, "secret": {"token": token}});
    let (status, answer) = w.emu().raw(
        "POST",
        "/developer_api/v1/webhooks",
        crate::harness::AUTH,
        &body.to_string(),
    );
    assert_eq!(status, 200, "{answer}");
    serde_json::from_str::<Value>(&answer).unwrap()["id"]
        .as_u64()
        .unwrap()
}

/// Polls the emulator's delivery log until it holds `n` attempts (30 s at most).
fn attempts(w: &World, n: usize) -> Vec<Value> {
    for _ in 0..600 {
        let (status, body) = w.emu().raw("GET", "/_emulator/deliveries", &[], "");
        assert_eq!(status, 200, "{body}");
        let log: Vec<Value> = serde_json::from_str(&body).unwrap();
        if log.len() >= n {
            return log;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the emulator never made {n} delivery attempts");
}

#[test]
fn the_emulator_delivers_to_every_subscription_of_the_event() {
    let w = World::with(&["--allow-http-targets"]);
    let listen = Listening::start(&w, 4, &["--secret", "token=t"], &[]);
    let a = subscribe(&w, "person", "update", &listen.url, "t");
    let b = subscribe(&w, "person", "update", &format!("{}?b", listen.url), "t");
    subscribe(&w, "person", "new", &listen.url, "t");
    w.run(&[
        "trigger",
        "person.update",
        "--through-emulator",
        "--ids",
        "1..40",
        "--attr",
        "stage=Lead,Won",
    ])
    .ok()
    .err_has("delivers 4 notification(s) to 2 subscription(s)");
    let seen = listen.deliveries();
    assert_eq!(seen.len(), 4);
    assert!(seen.iter().all(|d| d["verdict"] == "ok"), "{seen:?}");
    let mut subs: Vec<u64> = seen
        .iter()
        .map(|d| d["subscription_id"].as_u64().unwrap())
        .collect();
    subs.sort_unstable();
    assert_eq!(subs, vec![a, a, b, b]);
    let log = attempts(&w, 4);
    assert!(log.iter().all(|a| a["status"] == 200), "{log:?}");
    let mut sizes: Vec<usize> = log
        .iter()
        .map(|a| a["ids"].as_array().unwrap().len())
        .collect();
    sizes.sort_unstable();
    assert_eq!(sizes, vec![10, 10, 30, 30]);
}

#[test]
fn the_emulator_never_retries_and_holds_back_past_its_limit() {
    let w = World::with(&["--allow-http-targets", "--delivery-limit", "2/1"]);
    // A receiver that refuses every delivery: each is tried once, never again.
    let listen = Listening::start(&w, 1, &["--secret", "token=expected"], &[]);
    subscribe(&w, "task", "delete", &listen.url, "other");
    w.run(&[
        "trigger",
        "task.delete",
        "--through-emulator",
        "--ids",
        "1..150",
    ])
    .ok();
    let log = attempts(&w, 5);
    // Refused deliveries do not end the listen: one it accepts does.
    w.run(&[
        "trigger",
        "lead.new",
        "--to",
        &listen.url,
        "--secret",
        "token=expected",
    ])
    .ok();
    let seen = listen.deliveries();
    assert_eq!(seen.len(), 6);
    assert_eq!(seen.iter().filter(|d| d["status"] == 401).count(), 5);
    assert_eq!(log.len(), 5, "a refused delivery was retried: {log:?}");
    assert!(log.iter().all(|a| a["status"] == 401));
    // 5 notifications at 2 a second: some waited, none was dropped.
    assert!(
        log.iter().any(|a| a["held_back_ms"].as_u64().unwrap() > 0),
        "{log:?}"
    );
    assert!(w.emu().stats()["deliveries_held_back"].as_u64().unwrap() >= 1);
}

#[test]
fn delivery_delays_and_limits_run_on_a_scaled_clock() {
    // Delays of up to 30 s and a limit of 2 in 2 minutes, sixty times faster than real
    // time: the whole run takes seconds, and the log speaks Copper's time.
    let w = World::with(&[
        "--allow-http-targets",
        "--delivery-delay",
        "30s",
        "--delivery-limit",
        "2/120",
        "--delivery-time-scale",
        "60",
    ]);
    let listen = Listening::start(&w, 4, &["--secret", "token=t"], &[]);
    subscribe(&w, "lead", "new", &listen.url, "t");
    w.run(&[
        "trigger",
        "lead.new",
        "--through-emulator",
        "--ids",
        "1..120",
    ])
    .ok();
    let seen = listen.deliveries();
    assert_eq!(seen.len(), 4);
    assert!(seen.iter().all(|d| d["verdict"] == "ok"), "{seen:?}");
    let log = attempts(&w, 4);
    let delays: Vec<u64> = log
        .iter()
        .map(|a| a["delay_ms"].as_u64().unwrap())
        .collect();
    assert!(delays.iter().all(|d| *d <= 30_000), "{delays:?}");
    assert!(
        delays.iter().any(|d| *d > 0),
        "no delay was drawn: {delays:?}"
    );
    // Four notifications, all due within 30 s, at two per 2 minutes: the later two waited
    // at least 90 s of Copper's time (1.5 real seconds) for the window to renew.
    let held: Vec<u64> = log
        .iter()
        .map(|a| a["held_back_ms"].as_u64().unwrap())
        .collect();
    assert!(
        held.iter().filter(|h| **h >= 90_000).count() >= 2,
        "{held:?}"
    );
}

#[test]
fn local_http_targets_need_the_emulator_flag() {
    let w = World::new();
    let (status, body) = w.emu().raw(
        "POST",
        "/developer_api/v1/webhooks",
        crate::harness::AUTH,
        r#"{"target": "http://127.0.0.1:9/", "type": "lead", "event": "new"}"#,
    );
    assert_eq!(status, 422, "{body}");
    let (status, body) = w.emu().raw(
        "POST",
        "/_emulator/events",
        &[],
        r#"{"type": "lead", "event": "new", "ids": [1], "updated_attributes": {}}"#,
    );
    assert_eq!(status, 400, "{body}");
}

#[test]
fn the_emulator_does_not_retry_after_a_500() {
    let w = World::with(&["--allow-http-targets"]);
    let (url, server) = crate::harness::foreign_server(
        3,
        b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    let receiver = url.trim_end_matches("/developer_api/v1").to_string() + "/hook";
    subscribe(&w, "lead", "new", &receiver, "t");
    w.run(&["trigger", "lead.new", "--through-emulator", "--ids", "5"])
        .ok();
    let log = attempts(&w, 1);
    assert_eq!(log[0]["status"], 500, "{log:?}");
    // Give a retry every chance to happen; none may.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(attempts(&w, 1).len(), 1);
    drop(server);
}

#[test]
fn each_account_has_delivery_limits_of_its_own() {
    // Two in 2 minutes per account, sixty times faster: two accounts' two notifications
    // each go at once; shared limits would hold two of the four back 90 s of Copper's time.
    let w = World::with(&[
        "--allow-http-targets",
        "--delivery-limit",
        "2/120",
        "--delivery-time-scale",
        "60",
    ]);
    let listen = Listening::start(&w, 4, &["--secret", "token=t"], &[]);
    subscribe(&w, "lead", "new", &listen.url, "t");
    let other = [
        ("X-PW-AccessToken", "another-key-0123456789"),
        ("X-PW-Application", "developer_api"),
        ("X-PW-UserEmail", "other@example.com"),
    ];
    let body = serde_json::json!({"target": listen.url, "type": "lead", "event": "new", "secret": {"token": "t"}});
    let (status, answer) = w.emu().raw(
        "POST",
        "/developer_api/v1/webhooks",
        &other,
        &body.to_string(),
    );
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = w.emu().raw(
        "POST",
        "/_emulator/events",
        &[],
        r#"{"type": "lead", "event": "new", "ids": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]}"#,
    );
    assert_eq!(status, 202, "{answer}");
    let seen = listen.deliveries();
    assert_eq!(seen.len(), 4);
    let log = attempts(&w, 4);
    let held: Vec<u64> = log
        .iter()
        .map(|a| a["held_back_ms"].as_u64().unwrap())
        .collect();
    assert!(held.iter().all(|h| *h < 30_000), "{held:?}");
    // The log speaks of one account when asked.
    let (_, theirs) = w.emu().raw(
        "GET",
        "/_emulator/deliveries?email=other@example.com",
        &[],
        "",
    );
    let theirs: Vec<Value> = serde_json::from_str(&theirs).unwrap();
    assert_eq!(theirs.len(), 2, "{theirs:?}");
    // An event for one account reaches only its subscriptions.
    let (status, answer) = w.emu().raw(
        "POST",
        "/_emulator/events?email=other@example.com",
        &[],
        r#"{"type": "lead", "event": "new", "ids": [1]}"#,
    );
    assert_eq!(status, 202, "{answer}");
    let answer: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["subscriptions"], 1);
}

#[test]
fn quiet_replay_keeps_failures_and_the_summary() {
    let w = World::offline();
    let journal = w.path("journal.jsonl");
    let listen = Listening::start(&w, 3, &["--journal", journal.to_str().unwrap()], &[]);
    for what in ["person.new", "lead.update", "task.delete"] {
        w.run(&["trigger", what, "--to", &listen.url]).ok();
    }
    listen.deliveries();
    let again = Listening::start(&w, 3, &[], &[]);
    let quiet = w.run(&[
        "-q",
        "replay",
        journal.to_str().unwrap(),
        "--to",
        &again.url,
    ]);
    quiet.ok().err_has("3 replayed, 0 not answered 2xx.");
    assert!(!quiet.stderr.contains("from line"), "{}", quiet.stderr);
    again.deliveries();
    // A failure is still said under -q.
    let failing = w.run(&[
        "-q",
        "replay",
        journal.to_str().unwrap(),
        "--to",
        "http://127.0.0.1:9/",
    ]);
    failing.code(1);
    assert_eq!(
        failing.stderr.matches("from line").count(),
        3,
        "{}",
        failing.stderr
    );
}

#[test]
fn a_journal_listen_did_not_write_is_refused_and_nothing_sent() {
    let w = World::offline();
    let again = Listening::start(&w, 1, &[], &[]);
    // Another tool's JSON lines; then a listen entry whose body is not text.
    w.write(
        "other.jsonl",
        "{\"event\": \"person.new\", \"payload\": {\"ids\": [1]}}\n{\"level\": \"info\"}\n",
    );
    w.write(
        "binary.jsonl",
        "{\"received_at\": \"2026-12-01T10:00:00Z\", \"verdict\": \"ok\", \"body\": {\"not\": \"text\"}}\n",
    );
    for file in ["other.jsonl", "binary.jsonl"] {
        let path = w.path(file);
        w.run(&["replay", path.to_str().unwrap(), "--to", &again.url])
            .code(65)
            .err_has("is not a")
            .err_has("nothing was sent");
    }
    drop(again);
}

#[test]
fn forwards_carry_a_stable_id_and_a_standard_webhooks_signature() {
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let w = World::offline();
    let (app, app_journal) = App::start(&w, 3);
    let relay = Listening::start(
        &w,
        3,
        &["--forward-to", &app.url],
        &[("COPPER_HOOKS_SIGN_SECRET", SECRET)],
    );
    // One delivery sent twice (as Copper's bytes), and another; a sender's own webhook-*
    // headers never pass.
    let body = r#"{"ids":[1],"type":"person","event":"new","subscription_id":7,"timestamp":"2026-12-01T10:00:00.000Z","updated_attributes":{}}"#;
    let other = body.replace("[1]", "[2]");
    let addr = crate::harness::host_port(&relay.url);
    for b in [body, body, other.as_str()] {
        let (status, _) = crate::harness::raw_http(
            &addr,
            "POST",
            "/",
            &[
                ("Content-Type", "application/json; charset=utf-8"),
                ("webhook-id", "msg_forged"),
            ],
            b,
        );
        assert_eq!(status, 200);
    }
    relay.deliveries();
    app.deliveries();
    let entries = App::received(&app_journal);
    assert_eq!(entries.len(), 3);
    // Forwards run side by side: the app gets them in any order.
    let id = |e: &Value| e["headers"]["webhook-id"].as_str().unwrap().to_string();
    let ids_of =
        |b: &str| -> Vec<String> { entries.iter().filter(|e| e["body"] == b).map(id).collect() };
    let (same, different) = (ids_of(body), ids_of(&other));
    assert_eq!(same.len(), 2);
    assert_eq!(same[0], same[1], "the same delivery, the same id");
    assert_ne!(same[0], different[0]);
    assert!(same[0].starts_with("msg_") && same[0] != "msg_forged");
    let verifier = standardwebhooks::Webhook::new(SECRET).unwrap();
    for e in &entries {
        let mut headers = standardwebhooks_headers(e);
        let body = e["body"].as_str().unwrap();
        verifier
            .verify(body.as_bytes(), &headers)
            .expect("verifies");
        // The body byte for byte, and Content-Type as it came.
        assert_eq!(
            e["headers"]["content-type"],
            "application/json; charset=utf-8"
        );
        assert!(verifier
            .verify(body.replace('1', "9").as_bytes(), &headers)
            .is_err());
        headers.insert("webhook-id", "msg_other".parse().unwrap());
        assert!(verifier.verify(body.as_bytes(), &headers).is_err());
    }
}

/// The Standard Webhooks headers of a journalled request, for the reference verifier.
fn standardwebhooks_headers(entry: &Value) -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        let value = entry["headers"][name].as_str().unwrap_or_default();
        headers.insert(name, value.parse().unwrap());
    }
    headers
}
