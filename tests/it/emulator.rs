//! The emulator's own behaviour, spoken to in raw HTTP: Copper's shapes, rules and limits.

use serde_json::{json, Value};

use crate::harness::{Emulator, World, AUTH};

const W: &str = "/developer_api/v1/webhooks";

fn post(emu: &Emulator, body: Value) -> (u16, Value) {
    let (status, text) = emu.raw("POST", W, AUTH, &body.to_string());
    (status, serde_json::from_str(&text).unwrap())
}

#[test]
fn headers_are_required() {
    let emu = Emulator::start(&[]);
    let (status, body) = emu.raw("GET", W, &[], "");
    assert_eq!(status, 401);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["success"], false);
    assert_eq!(body["status"], 401);
    let (status, _) = emu.raw("GET", W, &AUTH[..2], "");
    assert_eq!(status, 401, "email is required too");
    let (status, _) = emu.raw("GET", "/developer_api/v1/account", AUTH, "");
    assert_eq!(status, 200);
}

#[test]
fn crud_in_copper_shapes() {
    let emu = Emulator::start(&[]);
    let (status, made) = post(
        &emu,
        json!({"target": "https://a.example.com/x", "type": "lead", "event": "new", "secret": {"k": "v"}}),
    );
    assert_eq!(status, 200);
    let id = made["id"].as_u64().unwrap();
    assert!(
        made["created_at"].as_i64().unwrap() > 1_600_000_000,
        "Unix seconds"
    );
    let (_, list) = emu.raw("GET", W, AUTH, "");
    let list: Value = serde_json::from_str(&list).unwrap();
    assert!(list.is_array(), "a bare array");
    let (status, _) = emu.raw("GET", &format!("{W}/{id}"), AUTH, "");
    assert_eq!(status, 200);
    let (status, body) = emu.raw("PUT", &format!("{W}/{id}"), AUTH, r#"{"type":"task"}"#);
    assert_eq!(status, 422, "{body}");
    let (status, body) = emu.raw(
        "PUT",
        &format!("{W}/{id}"),
        AUTH,
        r#"{"target":"https://b.example.com"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let (status, body) = emu.raw("DELETE", &format!("{W}/{id}"), AUTH, "");
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"id": id})
    );
    let (status, body) = emu.raw("GET", &format!("{W}/{id}"), AUTH, "");
    assert_eq!(status, 404);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"success": false, "status": 404, "message": "Resource not found"})
    );
}

#[test]
fn rule_breaches_are_422() {
    let emu = Emulator::start(&[]);
    for body in [
        json!({"target": "http://a.example.com", "type": "lead", "event": "new"}),
        json!({"target": "https://localhost/x", "type": "lead", "event": "new"}),
        json!({"target": "https://10.0.0.1/x", "type": "lead", "event": "new"}),
        json!({"target": "https://a.example.com", "type": "user", "event": "new"}),
        json!({"target": "https://a.example.com", "type": "lead", "event": "created"}),
        json!({"type": "lead", "event": "new"}),
    ] {
        let (status, answer) = post(&emu, body.clone());
        assert_eq!(status, 422, "{body}: {answer}");
        assert!(
            answer["message"]
                .as_str()
                .unwrap()
                .starts_with("Invalid input"),
            "{answer}"
        );
    }
    let (_, answer) = post(
        &emu,
        json!({"target": "https://10.0.0.1/x", "type": "lead", "event": "new"}),
    );
    assert_eq!(
        answer["message"],
        "Invalid input: Invalid URI For External Request"
    );
}

#[test]
fn the_limit_of_100_holds() {
    let emu = Emulator::start(&[]);
    for i in 0..100 {
        let (status, _) = post(
            &emu,
            json!({"target": format!("https://h{i}.example.com"), "type": "lead", "event": "new"}),
        );
        assert_eq!(status, 200);
    }
    let (status, answer) = post(
        &emu,
        json!({"target": "https://last.example.com", "type": "lead", "event": "new"}),
    );
    assert_eq!(status, 422, "{answer}");
}

#[test]
fn rolling_window_answers_429() {
    let emu = Emulator::start(&["--rate-limit", "3/60"]);
    for _ in 0..3 {
        assert_eq!(emu.raw("GET", W, AUTH, "").0, 200);
    }
    let (status, body) = emu.raw("GET", W, AUTH, "");
    assert_eq!(status, 429);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["status"], 429);
    assert_eq!(emu.stats()["rate_limited"], 1);
}

#[test]
fn state_survives_a_restart() {
    let w = World::offline();
    let state = w.path("state.json");
    let state_arg = state.to_str().unwrap();
    {
        let emu = Emulator::start(&["--state", state_arg]);
        post(
            &emu,
            json!({"target": "https://a.example.com", "type": "lead", "event": "new"}),
        );
    }
    let emu = Emulator::start(&["--state", state_arg]);
    let (_, list) = emu.raw("GET", W, AUTH, "");
    let list: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (_, made) = post(
        &emu,
        json!({"target": "https://b.example.com", "type": "lead", "event": "new"}),
    );
    assert_ne!(
        made["id"], list[0]["id"],
        "ids are not reused after a restart"
    );
}

#[test]
fn only_the_given_key_and_email_are_accepted() {
    let emu = Emulator::start(&["--api-key", "k1", "--email", "a@example.com"]);
    let good = [
        ("X-PW-AccessToken", "k1"),
        ("X-PW-Application", "developer_api"),
        ("X-PW-UserEmail", "a@example.com"),
    ];
    assert_eq!(emu.raw("GET", W, &good, "").0, 200);
    assert_eq!(emu.raw("GET", W, AUTH, "").0, 401);
}

#[test]
fn faults_from_flags_fire_the_given_number_of_times() {
    let emu = Emulator::start(&["--fault", "GET /webhooks html:502 x2"]);
    let (status, body) = emu.raw("GET", W, AUTH, "");
    assert_eq!(status, 502);
    assert!(body.contains("<html>"));
    assert_eq!(emu.raw("GET", W, AUTH, "").0, 502);
    assert_eq!(emu.raw("GET", W, AUTH, "").0, 200);
}

#[test]
fn a_bad_fault_spec_is_a_usage_error() {
    let w = World::offline();
    w.run(&["emulator", "--fault", "POST /webhooks boom"])
        .code(64)
        .err_has("is not a number");
}

#[test]
fn routes_take_what_real_clients_send() {
    let w = World::new();
    let emu = w.emu();
    let lower_case = [
        ("x-pw-accesstoken", "test-key-0123456789"),
        ("x-pw-application", "developer_api"),
        ("x-pw-useremail", "dev@example.com"),
        ("content-type", "application/json"),
    ];
    let (status, body) = emu.raw(
        "POST",
        "/developer_api/v1/webhooks/",
        &lower_case,
        r#"{"target": "https://a.example.com/", "type": "lead", "event": "new"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let id = serde_json::from_str::<Value>(&body).unwrap()["id"]
        .as_u64()
        .unwrap();
    let (status, _) = emu.raw(
        "GET",
        &format!("/developer_api/v1/webhooks/{id}/"),
        AUTH,
        "",
    );
    assert_eq!(status, 200);
    let (status, body) = emu.raw("GET", "/developer_api/v1/webhooks/abc", AUTH, "");
    assert_eq!(status, 404, "{body}");
    let (status, body) = emu.raw("PATCH", "/developer_api/v1/webhooks", AUTH, "");
    assert_eq!(status, 405, "{body}");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["status"], 405);
    let (status, body) = emu.raw("GET", "/developer_api/v1/nothing", AUTH, "");
    assert_eq!(status, 404, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["message"],
        "Resource not found"
    );
}

fn auth_of<'a>(key: &'a str, email: &'a str) -> [(&'a str, &'a str); 3] {
    [
        ("X-PW-AccessToken", key),
        ("X-PW-Application", "developer_api"),
        ("X-PW-UserEmail", email),
    ]
}

#[test]
fn each_key_and_email_is_an_account_of_its_own() {
    let w = World::offline();
    let state = w.path("state.json");
    let state_arg = state.to_str().unwrap();
    let a = auth_of("key-a", "a@example.com");
    let b = auth_of("key-b", "b@example.com");
    // The same email with another key is another account too.
    let a2 = auth_of("key-a2", "a@example.com");
    let body = json!({"target": "https://a.example.com/x", "type": "lead", "event": "new"});
    {
        let emu = Emulator::start(&["--state", state_arg, "--rate-limit", "3/60"]);
        let (status, made) = emu.raw("POST", W, &a, &body.to_string());
        assert_eq!(status, 200, "{made}");
        let (_, list_b) = emu.raw("GET", W, &b, "");
        assert_eq!(list_b, "[]", "B sees none of A's subscriptions");
        let (status, _) = emu.raw("POST", W, &b, &body.to_string());
        assert_eq!(
            status, 200,
            "the same subscription may exist in two accounts"
        );
        let made: Value = serde_json::from_str(&made).unwrap();
        let id = made["id"].as_u64().unwrap();
        let (status, _) = emu.raw("GET", &format!("{W}/{id}"), &a2, "");
        assert_eq!(status, 404, "A's ids mean nothing to another account");
        // Each account has its own quota: A spends the rest of its three calls...
        for _ in 0..2 {
            let (status, _) = emu.raw("GET", W, &a, "");
            assert_eq!(status, 200);
        }
        let (status, _) = emu.raw("GET", W, &a, "");
        assert_eq!(status, 429, "A's quota is spent");
        let (status, _) = emu.raw("GET", W, &b, "");
        assert_eq!(status, 200, "B's quota is its own");
        // Admin routes take the account.
        let (_, stats) = emu.raw(
            "GET",
            "/_emulator/stats?email=a@example.com&key=key-a",
            &[],
            "",
        );
        let stats: Value = serde_json::from_str(&stats).unwrap();
        assert_eq!(stats["accounts"], 1);
        assert_eq!(stats["subscriptions"], 1);
        assert_eq!(stats["rate_limited"], 1);
        let all = emu.stats();
        assert_eq!(all["accounts"], 3);
        assert_eq!(all["subscriptions"], 2);
    }
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(!text.contains("key-a"), "the state file never holds a key");
    let emu = Emulator::start(&["--state", state_arg]);
    let (_, list_a) = emu.raw("GET", W, &a, "");
    let (_, list_b) = emu.raw("GET", W, &b, "");
    let (_, list_a2) = emu.raw("GET", W, &a2, "");
    let count = |s: &str| {
        serde_json::from_str::<Value>(s)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((count(&list_a), count(&list_b), count(&list_a2)), (1, 1, 0));
}

#[test]
fn a_fault_for_one_account_leaves_the_others_alone() {
    let emu = Emulator::start(&[]);
    let (status, body) = emu.raw(
        "POST",
        "/_emulator/faults?email=b@example.com",
        &[],
        r#"[{"method": "GET", "path": "/webhooks", "kind": "status", "status": 503, "times": 0}]"#,
    );
    assert_eq!(status, 200, "{body}");
    let (status, _) = emu.raw("GET", W, &auth_of("k", "a@example.com"), "");
    assert_eq!(status, 200);
    let (status, _) = emu.raw("GET", W, &auth_of("k", "B@example.com"), "");
    assert_eq!(status, 503, "emails compare without case");
}

#[test]
fn ids_are_unique_across_accounts_and_restarts_as_on_copper() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let state_arg = state.to_str().unwrap().to_string();
    let as_user = |key: &str, email: &str| {
        vec![
            ("X-PW-AccessToken", key.to_string()),
            ("X-PW-Application", "developer_api".to_string()),
            ("X-PW-UserEmail", email.to_string()),
        ]
    };
    let create = |emu: &Emulator, who: &[(&str, String)]| -> u64 {
        let headers: Vec<(&str, &str)> = who.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, body) = emu.raw(
            "POST",
            W,
            &headers,
            r#"{"target": "https://h.example.com/x", "type": "person", "event": "new"}"#,
        );
        assert_eq!(status, 200, "{body}");
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"]
            .as_u64()
            .unwrap()
    };
    let a = as_user("key-a-0123456789", "a@example.com");
    let b = as_user("key-b-0123456789", "b@example.com");
    let emu = Emulator::start(&["--state", &state_arg]);
    let id_a = create(&emu, &a);
    let id_b = create(&emu, &b);
    assert_ne!(id_a, id_b, "account B's first id is not account A's");
    // A's id, asked for with B's key: 404, as Copper answers.
    let headers: Vec<(&str, &str)> = b.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _) = emu.raw("GET", &format!("{W}/{id_a}"), &headers, "");
    assert_eq!(status, 404);
    drop(emu);
    // Started again from its state file, it goes on past every id it holds.
    let emu = Emulator::start(&["--state", &state_arg]);
    let id_c = create(&emu, &as_user("key-c-0123456789", "c@example.com"));
    assert!(id_c > id_a.max(id_b), "{id_c} after {id_a}, {id_b}");
}

#[test]
fn a_server_that_counts_on_arrival_refuses_at_once() {
    use crate::harness::raw_http;
    use std::time::{Duration, Instant};
    // Two calls at once against a quota of one: on arrival, the second is refused as it
    // comes, without the latency; by default, both take it, the 429 as slow as the answer.
    for (model, fast_429) in [("arrival", true), ("answer", false)] {
        let emu = Emulator::start(&[
            "--rate-limit",
            "1/10",
            "--latency",
            "1500",
            "--rate-counts-at",
            model,
        ]);
        let calls: Vec<_> = (0..2)
            .map(|_| {
                let addr = emu.addr.clone();
                std::thread::spawn(move || {
                    let start = Instant::now();
                    let (status, _) =
                        raw_http(&addr, "GET", "/developer_api/v1/webhooks", AUTH, "");
                    (status, start.elapsed())
                })
            })
            .collect();
        let mut answers: Vec<(u16, Duration)> =
            calls.into_iter().map(|c| c.join().unwrap()).collect();
        answers.sort();
        assert_eq!(
            (answers[0].0, answers[1].0),
            (200, 429),
            "{model}: {answers:?}"
        );
        let (taken, refused) = (answers[0].1, answers[1].1);
        assert!(taken >= Duration::from_millis(1500), "{model}: {answers:?}");
        if fast_429 {
            // Sooner than the answer by most of the latency, however loaded the machine.
            assert!(
                refused + Duration::from_millis(1000) < taken,
                "{model}: {answers:?}"
            );
        } else {
            assert!(
                refused >= Duration::from_millis(1500),
                "{model}: {answers:?}"
            );
        }
    }
}
