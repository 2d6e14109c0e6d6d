//! `reconcile` against the emulator's records and Copper's search: exactly the records
//! changed in the window reach the app, 30 ids at most a notification, across pages and
//! the slices past the search cap, under the rate limit; windows from a journal's gaps;
//! through a relay.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::harness::{World, AUTH};
use crate::relay::{App, Mode, Relay};

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn iso(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// Tells the emulator of a change at `at` (no delivery: only the records change).
fn change(w: &World, kind: &str, event: &str, ids: impl IntoIterator<Item = u64>, at: i64) {
    let ids: Vec<u64> = ids.into_iter().collect();
    let body = json!({"type": kind, "event": event, "ids": ids, "at": at, "deliver": false});
    let (status, text) = w
        .emu()
        .raw("POST", "/_emulator/events", &[], &body.to_string());
    assert_eq!(status, 202, "{text}");
}

fn body_of(got: &crate::relay::Got) -> Value {
    serde_json::from_str(&got.body).unwrap()
}

#[test]
fn exactly_the_records_changed_in_the_window_arrive_in_thirties_across_pages_and_slices() {
    let w = World::with(&["--search-cap", "400", "--rate-limit", "3/1"]);
    w.create(
        "person",
        "update",
        "https://app.example.com/p",
        &["--secret", "token=abc"],
    );
    w.create("company", "new", "https://app.example.com/c", &[]);
    let (from, until) = (now() - 7200, now() - 3600);
    // A thousand people made before the window; 650 of them changed in it, 13 to a second
    // (so the search cap cuts through a second); ten more changed in it, one of which is
    // then deleted; some changed after it; companies made in it and before it.
    change(&w, "person", "new", 1..=1000, from - 600);
    for k in 0..50u64 {
        change(
            &w,
            "person",
            "update",
            k * 13 + 1..=k * 13 + 13,
            from + 30 + 60 * k as i64,
        );
    }
    change(&w, "person", "update", 700..=709, from + 100);
    change(&w, "person", "delete", [705], from + 200);
    change(&w, "person", "update", 900..=910, until + 60);
    change(&w, "company", "new", 5001..=5035, from + 200);
    change(&w, "company", "new", [6001], from - 100);
    let app = App::start(Mode::Take);
    // The setup's own calls leave the server's window first: the run below is measured on
    // a quota it has to itself.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let limited_before = w.emu().stats()["rate_limited"].as_u64().unwrap();
    let run = w.run_with(
        &[
            "-o",
            "json",
            "--rate-limit",
            "3/1",
            "reconcile",
            "--since",
            &iso(from),
            "--until",
            &iso(until),
            "--to",
            &app.url(),
        ],
        // A data folder of its own: no quota learned by the creates above, only the limit
        // it is told.
        &[
            ("COPPER_HOOKS_SEARCH_CAP", "400"),
            (
                "COPPER_HOOKS_DATA_DIR",
                w.path("reconcile-data").to_str().unwrap(),
            ),
        ],
    );
    let report = run.ok().json();
    let person = &report["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "person")
        .unwrap()
        .clone();
    let company = &report["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "company")
        .unwrap()
        .clone();
    assert_eq!(
        (person["records"].as_u64(), person["update"].as_u64()),
        (Some(659), Some(659)),
        "{report}"
    );
    assert_eq!(person["notifications"], 22);
    assert!(
        person["slices"].as_u64().unwrap() >= 1,
        "650 records past a cap of 400: {report}"
    );
    assert_eq!(
        (
            company["records"].as_u64(),
            company["notifications"].as_u64()
        ),
        (Some(35), Some(2))
    );
    assert_eq!(report["failed"], 0);
    let got = app.taken();
    assert_eq!(got.len(), 24);
    let mut people = Vec::new();
    let mut companies = Vec::new();
    for g in &got {
        let body = body_of(g);
        let ids: Vec<u64> = body["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert!(!ids.is_empty() && ids.len() <= 30, "{body}");
        assert_eq!(g.headers["x-copper-hooks-synthetic"], "reconcile");
        assert!(
            g.headers["webhook-id"].starts_with("syn_"),
            "{:?}",
            g.headers
        );
        match (body["type"].as_str(), body["event"].as_str()) {
            (Some("person"), Some("update")) => {
                // As Copper would have sent it for the subscription: its id and secret.
                assert_eq!(body["token"], "abc");
                assert!(body["subscription_id"].as_u64().unwrap() > 0);
                people.extend(ids);
            }
            (Some("company"), Some("new")) => companies.extend(ids),
            other => panic!("unexpected {other:?}"),
        }
    }
    let expected: BTreeSet<u64> = (1..=650).chain((700..=709).filter(|i| *i != 705)).collect();
    assert_eq!(people.len(), expected.len(), "each record once");
    assert_eq!(people.into_iter().collect::<BTreeSet<_>>(), expected);
    assert_eq!(
        companies.into_iter().collect::<BTreeSet<_>>(),
        (5001..=5035).collect()
    );
    // Every search paced under the limit the account was told.
    let stats = w.emu().stats();
    assert_eq!(
        stats["rate_limited"].as_u64().unwrap(),
        limited_before,
        "{stats}"
    );
}

#[test]
fn the_emulator_searches_as_copper_does_misspelt_and_millisecond_filters_included() {
    let w = World::new();
    let at = now() - 100;
    change(&w, "lead", "new", 1..=30, at);
    let search = |query: Value| {
        w.emu().raw(
            "POST",
            "/developer_api/v1/leads/search",
            AUTH,
            &query.to_string(),
        )
    };
    let (status, page) = search(json!({"page_size": 200, "minimum_modified_date": at}));
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&page)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        30
    );
    // A wrong name is ignored and filters nothing; seconds given as milliseconds find
    // nothing: both silent, as on Copper.
    let (_, all) = search(json!({"page_size": 200, "minimum_date_modified": at + 1000}));
    assert_eq!(
        serde_json::from_str::<Value>(&all)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        30
    );
    let (_, none) = search(json!({"page_size": 200, "minimum_modified_date": at * 1000}));
    assert_eq!(none.trim(), "[]");
    // The default page is 20; a page past the records is empty; a bad page size is refused.
    let (_, first) = search(json!({}));
    assert_eq!(
        serde_json::from_str::<Value>(&first)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        20
    );
    let (_, past) = search(json!({"page_number": 3}));
    assert_eq!(past.trim(), "[]");
    let (status, refused) = search(json!({"page_size": 500}));
    assert_eq!(status, 422, "{refused}");
    assert!(refused.contains("page_size"));
}

#[test]
fn a_journal_s_gaps_are_the_windows_and_a_relay_carries_what_is_found() {
    let w = World::new();
    w.create("company", "new", "https://app.example.com/c", &[]);
    let t = now();
    // listen ran, stopped two hours ago, started again an hour ago, and has had deliveries
    // since: the hour it was down is the one gap.
    let journal = w.path("front.jsonl");
    let lines = [
        json!({"run": "start", "at": format!("{}", iso(t - 3 * 3600))}),
        json!({"received_at": iso(t - 2 * 3600 - 60), "verdict": "ok", "status": 200, "body": "{}", "headers": {}}),
        json!({"run": "stop", "at": iso(t - 2 * 3600)}),
        json!({"run": "start", "at": iso(t - 3600)}),
        json!({"received_at": iso(t - 600), "verdict": "ok", "status": 200, "body": "{}", "headers": {}}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&journal, text).unwrap();
    change(&w, "company", "new", [11, 12], t - 5400);
    change(&w, "company", "new", [13], t - 300);
    change(&w, "company", "new", [14], t - 4 * 3600);
    let dry = w
        .run(&[
            "-o",
            "json",
            "reconcile",
            "--gaps-from",
            "front.jsonl",
            "--dry-run",
        ])
        .ok()
        .json();
    assert_eq!(dry["windows"].as_array().unwrap().len(), 1, "{dry}");
    assert_eq!(dry["types"][0]["records"], 2);
    assert_eq!(dry["sent"], 0);
    // Through a relay: kept, and forwarded with the id that says it came from a search.
    let app = App::start(Mode::Take);
    let relay_journal = w.path("relay.jsonl");
    let relay = Relay::start(&w, &relay_journal, &app.url(), &[]);
    let url = format!("http://{}/", relay.addr());
    w.run(&["reconcile", "--gaps-from", "front.jsonl", "--to", &url])
        .ok();
    let got = app.wait_taken(1, std::time::Duration::from_secs(30));
    relay.stop();
    assert_eq!(body_of(&got[0])["ids"], json!([11, 12]));
    assert!(got[0].headers["webhook-id"].starts_with("syn_"));
    assert_eq!(got[0].headers["x-copper-hooks-synthetic"], "reconcile");
}

#[test]
fn activities_and_bad_windows_are_refused_with_a_reason() {
    let w = World::new();
    w.run(&[
        "reconcile",
        "--since",
        "1h",
        "--to",
        "http://127.0.0.1:9/",
        "--type",
        "activity_log",
    ])
    .code(64)
    .err_has("activity date");
    w.run(&[
        "reconcile",
        "--since",
        "yesterday-ish",
        "--to",
        "http://127.0.0.1:9/",
    ])
    .code(64)
    .err_has("neither an RFC 3339 time");
    w.run(&[
        "reconcile",
        "--since",
        "1h",
        "--until",
        "2h",
        "--to",
        "http://127.0.0.1:9/",
    ])
    .code(64)
    .err_has("--until is before --since");
    w.run(&["reconcile", "--to", "http://127.0.0.1:9/"])
        .code(64);
}

/// An API of the test's own that lists no subscriptions and answers every search with a
/// record from 1970: a search that ignores its date filter.
fn filterless_api() -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut stream = stream;
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut len = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; len];
            let _ = reader.read_exact(&mut body);
            let answer = if first.contains("/search") {
                r#"[{"id": 1, "date_created": 0, "date_modified": 0}]"#
            } else {
                "[]"
            };
            let _ = stream.write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                )
                .as_bytes(),
            );
        }
    });
    format!("127.0.0.1:{port}")
}

#[test]
fn a_search_that_ignores_its_window_stops_the_run_and_says_so() {
    let w = World::offline();
    let api = filterless_api();
    let app = App::start(Mode::Take);
    let run = w.run_with(
        &[
            "reconcile",
            "--since",
            "1h",
            "--type",
            "person",
            "--to",
            &app.url(),
        ],
        &[
            ("COPPER_API_URL", &format!("http://{api}/developer_api/v1")),
            ("COPPER_API_KEY", "k-0123456789"),
            ("COPPER_USER_EMAIL", "dev@example.com"),
            ("COPPER_HOOKS_API_HOSTS", &api),
        ],
    );
    run.code(1)
        .err_has("outside the window")
        .err_has("ignores the date filter");
    assert!(
        app.taken().is_empty(),
        "nothing sent from a search that cannot be trusted"
    );
}
