//! What the tool does when the server or the network misbehaves: one clear line, the right
//! exit code, retries where they are safe, and never a duplicate subscription.

use std::net::TcpListener;

use serde_json::json;

use crate::harness::{foreign_server, World};

const T: &str = "https://hooks.example.com/copper";

#[test]
fn html_from_a_proxy_is_named() {
    let w = World::with(&["--fault", "GET * html:502 x0"]);
    let run = w.run_with(&["list"], &[("COPPER_HOOKS_RETRIES", "1")]);
    run.code(1);
    assert!(
        run.error_line()
            .contains("answered 502 with an HTML page (text/html) instead of Copper's JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_passing_429_or_5xx_is_retried() {
    let w = World::with(&[
        "--fault",
        "GET /webhooks 429",
        "--fault",
        "GET /webhooks 503",
    ]);
    w.run(&["list"]).ok();
    assert_eq!(w.emu().stats()["faults_injected"], 2);
}

#[test]
fn a_lasting_429_gives_up_at_the_deadline_with_a_clear_line() {
    // 429s do not use up retries (the quota may be spent by someone else for a while): they
    // are waited out, one probe at a time, until the command's deadline.
    let w = World::with(&["--fault", "GET * 429 x0"]);
    let run = w.run_with(
        &["--deadline", "3", "list"],
        &[("COPPER_HOOKS_RETRIES", "0")],
    );
    run.code(1);
    let line = run.error_line();
    assert!(
        line.contains("gave up at the command's deadline of 3s (last: waiting for the rate limit)"),
        "{line}"
    );
    let probes = w.emu().stats()["faults_injected"].as_u64().unwrap();
    // 250 ms growing by half each time: a handful of probes in 3 s, not a stream.
    assert!((2..=10).contains(&probes), "{probes} calls");
}

#[test]
fn create_after_an_unknown_outcome_never_duplicates() {
    // Copper creates, then the answer is lost (500): the tool must find the new one.
    let w = World::with(&["--fault", "POST /webhooks after:500"]);
    let run = w.run(&[
        "-v", "create", "--type", "lead", "--event", "new", "--target", T,
    ]);
    run.ok()
        .err_has("listing to check before any retry")
        .err_has("the create did happen");
    assert_eq!(w.list().len(), 1);
    assert_eq!(
        w.emu().stats()["by_method"]["POST"],
        1,
        "POST was not sent twice"
    );
}

#[test]
fn create_retries_when_the_post_did_not_happen() {
    let w = World::with(&[
        "--fault",
        "POST /webhooks 500",
        "--fault",
        "POST /webhooks 429",
    ]);
    w.run(&["create", "--type", "lead", "--event", "new", "--target", T])
        .ok();
    assert_eq!(w.list().len(), 1);
    assert_eq!(w.emu().stats()["by_method"]["POST"], 3);
}

#[test]
fn a_timeout_after_the_create_is_not_a_duplicate() {
    let w = World::with(&["--fault", "POST /webhooks slow:3000"]);
    let run = w.run(&[
        "--timeout",
        "1",
        "create",
        "--type",
        "lead",
        "--event",
        "new",
        "--target",
        T,
    ]);
    run.ok();
    assert_eq!(w.list().len(), 1);
}

#[test]
fn a_timeout_on_reads_is_named() {
    let w = World::with(&["--fault", "GET * slow:3000 x0"]);
    let run = w.run_with(
        &["--timeout", "1", "list"],
        &[("COPPER_HOOKS_RETRIES", "0")],
    );
    run.code(1);
    assert!(
        run.error_line()
            .contains("within 1s; check the network or raise --timeout"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_refused_connection_is_named() {
    // Bind and drop a listener to find a port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let w = World::offline();
    let url = format!("http://127.0.0.1:{port}/developer_api/v1");
    let run = w.list_against(&url);
    run.code(1);
    assert!(
        run.error_line().contains("could not connect to"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_dropped_connection_is_named() {
    // A server that reads the request and hangs up without answering, twice.
    let (url, server) = foreign_server(2, b"");
    let w = World::offline();
    let run = w.list_against(&url);
    server.join().unwrap();
    run.code(1);
    assert!(
        run.error_line().contains("failed before an answer came"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_client_stays_under_the_rate_limit() {
    // Emulator and client share a tight limit; 12 creates must never meet a 429.
    let w = World::with(&["--rate-limit", "5/1"]);
    let text = crate::harness::entries(0..12);
    let file = w.write("m.toml", &text);
    w.run_with(
        &["apply", "--yes", file.to_str().unwrap()],
        &[("COPPER_HOOKS_RATE_LIMIT", "5/1")],
    )
    .ok();
    let stats = w.emu().stats();
    assert_eq!(stats["rate_limited"], 0, "{stats}");
    assert_eq!(w.list().len(), 12);
    assert_eq!(json!(stats["writes"]), json!(12));
}

#[test]
fn a_tls_failure_is_named() {
    // https to a plain-http server: the handshake fails.
    let w = World::new();
    let url = w.emu().url.replace("http://", "https://");
    let run = w.run_with(
        &["list"],
        &[("COPPER_API_URL", &url), ("COPPER_HOOKS_RETRIES", "0")],
    );
    run.code(1);
    assert!(
        run.error_line()
            .contains("TLS handshake with https://127.0.0.1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_redirect_is_not_followed() {
    // A server that answers with a redirect elsewhere, where the key must not follow.
    let (url, server) = foreign_server(
        1,
        b"HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example.com/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    let w = World::offline();
    let run = w.list_against(&url);
    server.join().unwrap();
    run.code(1);
    assert!(
        run.error_line()
            .contains("redirect to https://elsewhere.example.com/"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_quota_lower_than_the_ceiling_is_learned_and_apply_finishes() {
    // The account takes 20 calls per rolling 2 s; the client was told nothing of it.
    let w = World::with(&["--rate-limit", "20/2"]);
    let path = w.write("m.toml", &crate::harness::entries(0..45));
    let run = w.run(&["apply", "--yes", path.to_str().unwrap()]);
    run.ok()
        .err_has("Apply complete on dev@example.com at 127.0.0.1: 45 created");
    let stats = w.emu().stats();
    assert_eq!(stats["subscriptions"], 45);
    // 429s are a fraction of the calls, not one per call or a retry storm.
    assert!(stats["rate_limited"].as_u64().unwrap() <= 25, "{stats}");
}

#[test]
fn the_quota_one_run_learned_starts_the_next() {
    let w = World::with(&["--rate-limit", "20/2"]);
    let first = w.write("a.toml", &crate::harness::entries(0..45));
    w.run(&["apply", "--yes", first.to_str().unwrap()]).ok();
    let learning = w.emu().stats()["rate_limited"].as_u64().unwrap();
    assert!(learning > 0, "the quota was never hit");
    // Kept privately, naming the account by a digest only.
    let kept = w.path("data/quota.json");
    let text = std::fs::read_to_string(&kept).unwrap();
    for private in ["test-key-0123456789", "dev@example.com", "127.0.0.1"] {
        assert!(!text.contains(private), "{text}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kept).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Let the first run's calls leave the account's window, then run again: it starts from
    // what was learned instead of paying for it with another burst of 429s.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let second = w.write("b.toml", &crate::harness::entries(0..90));
    w.run(&["-v", "apply", "--yes", second.to_str().unwrap()])
        .ok()
        .err_has("pacing: starting from the quota learned 0 min ago");
    let again = w.emu().stats()["rate_limited"].as_u64().unwrap() - learning;
    assert!(
        again < learning,
        "{again} 429s after learning, {learning} while learning"
    );
    // A different account (another email on the same server) starts from nothing.
    let other = w.run(&["-v", "--email", "other@example.com", "list"]);
    other.ok();
    assert!(!other.stderr.contains("pacing:"), "{}", other.stderr);
}

#[test]
fn another_client_spending_the_quota_is_waited_out() {
    let w = World::with(&["--rate-limit", "30/3", "--other-client", "12/3"]);
    let path = w.write("m.toml", &crate::harness::entries(0..40));
    let run = w.run(&["apply", "--yes", path.to_str().unwrap()]);
    run.ok()
        .err_has("Apply complete on dev@example.com at 127.0.0.1: 40 created");
    let stats = w.emu().stats();
    assert_eq!(stats["subscriptions"], 40);
    assert!(stats["spent_by_others"].as_u64().unwrap() > 0, "{stats}");
    // And a burst spent through the admin route is waited out the same way.
    let (status, body) = w
        .emu()
        .raw("POST", "/_emulator/spend", &[], r#"{"calls": 30}"#);
    assert_eq!(status, 200, "{body}");
    w.run(&["list"]).ok();
}

#[test]
fn a_long_wait_for_the_quota_is_said_on_stderr() {
    let w = World::with(&["--rate-limit", "5/4"]);
    let (status, _) = w
        .emu()
        .raw("POST", "/_emulator/spend", &[], r#"{"calls": 5}"#);
    assert_eq!(status, 200);
    let path = w.write("m.toml", &crate::harness::entries(0..3));
    let run = w.run(&["apply", "--yes", path.to_str().unwrap()]);
    run.ok()
        .err_has("for Copper's rate limit (other clients may be using this account's quota)");
    let quiet = w.run(&["-q", "list"]);
    quiet.ok();
    assert!(!quiet.stderr.contains("waiting"), "{}", quiet.stderr);
}

#[test]
fn the_deadline_stops_an_answer_in_flight() {
    // The server takes 20 s to answer; the command was given 1 s in all.
    let w = World::with(&["--latency", "20000"]);
    let started = std::time::Instant::now();
    let run = w.run(&["--deadline", "1", "list"]);
    let took = started.elapsed();
    run.code(1);
    assert!(
        run.error_line().contains(
            "gave up at the command's deadline of 1s (last: waiting for an answer to GET"
        ),
        "{}",
        run.stderr
    );
    assert!(took < std::time::Duration::from_secs(15), "took {took:?}");
}

#[test]
fn the_deadline_bounds_a_whole_fleet_not_each_account() {
    // Six accounts whose quota is spent for good, one at a time, with 2 s for the command:
    // each account used to get 2 s of its own (12 s); now the command stops at 2 s.
    let w = World::with(&["--fault", "GET * 429 x0"]);
    let url = w.emu().url.clone();
    let mut text = String::new();
    let mut env = Vec::new();
    for i in 0..6 {
        text.push_str(&format!(
            "[account.t{i}]\napi_key_env = \"T{i}_KEY\"\nemail = \"t{i}@example.com\"\napi_url = \"{url}\"\n\n"
        ));
        env.push((format!("T{i}_KEY"), format!("key-{i}-0123456789")));
    }
    w.write("accounts.toml", &text);
    w.write("m.toml", "[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n");
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let started = std::time::Instant::now();
    let run = w.run_with(
        &[
            "--deadline",
            "2",
            "plan",
            "--parallel-accounts",
            "1",
            "--accounts",
            "accounts.toml",
            "m.toml",
        ],
        &env,
    );
    let took = started.elapsed();
    run.code(1);
    assert!(run.all().contains("deadline of 2s"), "{}", run.all());
    assert!(
        took < std::time::Duration::from_secs(9),
        "took {took:?}: {}",
        run.stderr
    );
}
