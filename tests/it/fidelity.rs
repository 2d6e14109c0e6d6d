//! The emulator and the client as real Copper and real clients meet them (#13): trailing
//! slashes, what `/account` answers, envelope-named secret keys, a local loop with no curl,
//! and deliveries that stay on this machine unless told.

use serde_json::{json, Value};

use crate::harness::{World, AUTH};

const API: &str = "/developer_api/v1";

#[test]
fn every_route_answers_with_and_without_a_trailing_slash() {
    let w = World::new();
    let create = json!({"target": "https://a.example.com/", "type": "lead", "event": "new"});
    for slash in ["", "/"] {
        let (status, body) = w
            .emu()
            .raw("GET", &format!("{API}/account{slash}"), AUTH, "");
        assert_eq!(status, 200, "/account{slash}: {body}");
        let account: Value = serde_json::from_str(&body).unwrap();
        assert!(account["primary_timezone"].is_string() && account["settings"].is_object());
        let (status, body) = w.emu().raw(
            "POST",
            &format!("{API}/webhooks{slash}"),
            AUTH,
            &create
                .to_string()
                .replace("a.example", &format!("a{}.example", slash.len())),
        );
        assert_eq!(status, 200, "POST /webhooks{slash}: {body}");
        let id = serde_json::from_str::<Value>(&body).unwrap()["id"]
            .as_u64()
            .unwrap();
        let (status, _) = w
            .emu()
            .raw("GET", &format!("{API}/webhooks{slash}"), AUTH, "");
        assert_eq!(status, 200);
        let one = format!("{API}/webhooks/{id}{slash}");
        assert_eq!(w.emu().raw("GET", &one, AUTH, "").0, 200, "GET {one}");
        let change = json!({"custom_field_computed_values": true}).to_string();
        assert_eq!(w.emu().raw("PUT", &one, AUTH, &change).0, 200, "PUT {one}");
        assert_eq!(w.emu().raw("DELETE", &one, AUTH, "").0, 200, "DELETE {one}");
        for admin in ["stats", "deliveries"] {
            let path = format!("/_emulator/{admin}{slash}");
            assert_eq!(w.emu().raw("GET", &path, &[], "").0, 200, "{path}");
        }
    }
}

#[test]
fn answers_carry_a_request_id() {
    let w = World::new();
    let mut stream = std::net::TcpStream::connect(&w.emu().addr).unwrap();
    use std::io::{Read, Write};
    let mut request = format!("GET {API}/account HTTP/1.0\r\n");
    for (k, v) in AUTH {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.to_ascii_lowercase().contains("\r\nx-request-id: "),
        "{answer}"
    );
}

#[test]
fn secret_keys_named_like_envelope_fields_are_refused_before_any_call() {
    let w = World::new();
    for key in [
        "ids",
        "type",
        "event",
        "subscription_id",
        "timestamp",
        "updated_attributes",
    ] {
        let run = w.run(&[
            "create",
            "--type",
            "lead",
            "--event",
            "new",
            "--target",
            "https://a.example.com/",
            "--secret",
            &format!("{key}=x"),
        ]);
        run.code(3)
            .err_has(&format!("secret key '{key}' is a field of every delivery"));
        let m = w.write(
            "m.toml",
            &format!(
                "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://a.example.com/\"\nsecret = {{ {key} = \"x\" }}\n"
            ),
        );
        w.run(&["validate", m.to_str().unwrap()])
            .code(65)
            .err_has(&format!("secret key '{key}' is a field of every delivery"));
    }
    assert_eq!(w.emu().stats()["requests"], 0, "nothing was sent");
}

#[test]
fn new_and_delete_deliveries_carry_an_empty_updated_attributes() {
    let w = World::with(&["--allow-http-targets"]);
    let listen = w.path("seen.jsonl");
    let mut cmd = w.command();
    cmd.args([
        "listen",
        "--port",
        "0",
        "--max-deliveries",
        "2",
        "--journal",
    ])
    .arg(&listen)
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut out, &mut first).unwrap();
    let url = first.trim().rsplit(' ').next().unwrap().to_string();
    // The local loop with copper-hooks alone: an http loopback target is taken when the API
    // is a loopback emulator.
    w.create("lead", "new", &url, &[]);
    w.create("lead", "delete", &url, &[]);
    for what in ["lead.new", "lead.delete"] {
        w.run(&["trigger", what, "--through-emulator"]).ok();
    }
    assert!(child.wait().unwrap().success());
    let text = std::fs::read_to_string(&listen).unwrap();
    for line in crate::harness::delivery_lines(&text) {
        let entry: Value = serde_json::from_str(line).unwrap();
        assert_eq!(entry["verdict"], "ok", "{entry}");
        let body: Value = serde_json::from_str(entry["body"].as_str().unwrap()).unwrap();
        assert_eq!(body["updated_attributes"], json!({}), "{body}");
    }
}

#[test]
fn loopback_receivers_are_targets_only_against_a_loopback_emulator() {
    let w = World::with(&["--allow-http-targets"]);
    let local = "http://127.0.0.1:8787/hooks";
    let id = w.create("person", "update", local, &[]);
    assert!(id > 0);
    // A manifest with one applies, and its export round-trips.
    let m = w.write(
        "m.toml",
        "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"http://127.0.0.1:8787/leads\"\n",
    );
    w.run(&["apply", "--yes", m.to_str().unwrap()]).ok();
    let export = w.run(&["export"]);
    export.ok();
    let exported = w.write("export.toml", &export.stdout);
    w.run(&[
        "plan",
        "--detailed-exitcode",
        "--prune",
        exported.to_str().unwrap(),
    ])
    .ok();
    // Against Copper (https), http stays refused before any call; not even loopback.
    w.run_with(
        &[
            "create", "--type", "lead", "--event", "new", "--target", local,
        ],
        &[("COPPER_API_URL", "https://api.copper.com/developer_api/v1")],
    )
    .code(3)
    .err_has("is not https");
    // The sandbox's emulator never delivers: there it is refused too.
    World::offline()
        .run(&[
            "--sandbox",
            "create",
            "--type",
            "lead",
            "--event",
            "new",
            "--target",
            local,
        ])
        .code(3);
}

#[test]
fn the_emulator_keeps_deliveries_on_this_machine_unless_told() {
    let w = World::with(&["--allow-http-targets"]);
    w.create(
        "task",
        "new",
        "https://hooks.production.example.com/copper",
        &[],
    );
    w.run(&["trigger", "task.new", "--through-emulator"]).ok();
    let mut log: Vec<Value> = Vec::new();
    for _ in 0..200 {
        let (_, body) = w.emu().raw("GET", "/_emulator/deliveries", &[], "");
        log = serde_json::from_str(&body).unwrap();
        if !log.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(log.len(), 1);
    assert!(
        log[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("not sent: external target"),
        "{log:?}"
    );
}

#[test]
fn an_event_too_large_to_queue_is_refused_with_its_numbers() {
    let w = World::new();
    for i in 0..100 {
        let body =
            json!({"target": format!("https://h{i}.example.com/"), "type": "lead", "event": "new"});
        assert_eq!(
            w.emu()
                .raw("POST", &format!("{API}/webhooks"), AUTH, &body.to_string())
                .0,
            200
        );
    }
    let ids: Vec<u64> = (1..=100_000).collect();
    let event = json!({"type": "lead", "event": "new", "ids": ids});
    let (status, body) = w
        .emu()
        .raw("POST", "/_emulator/events", &[], &event.to_string());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("makes 333400 notifications"), "{body}");
    assert!(body.contains("at most 20000"), "{body}");
}
