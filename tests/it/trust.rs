//! The contract a reviewed plan rests on, tried as an attacker would: what is shown is what is
//! applied, keys and secrets go nowhere but Copper, and nothing a file, a server or a flag
//! holds can make the tool panic, hang or grow without bound.

use std::io::{Read, Write};
use std::net::TcpListener;

use serde_json::json;

use crate::harness::{foreign_server, spread, sub, write_state, World};

const T: &str = "https://hooks.example.com/copper";

/// Fails when `text` holds a character that would change how a terminal shows it: anything
/// but printable text and line breaks.
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} holds raw {bad:?}:\n{text}");
}

fn manifest(target: &str) -> String {
    format!("[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"{target}\"\n")
}

#[test]
fn a_target_that_fakes_a_plan_line_is_refused() {
    let w = World::offline();
    let path = w.write(
        "m.toml",
        &manifest(r"https://attacker.example.net/c\r  + create  lead.new  https://hooks.example.com/copper"),
    );
    let run = w.run(&["validate", path.to_str().unwrap()]);
    run.code(65).err_has("contains a carriage return (\\r)");
    assert_clean("validate", &run.all());
    // A key may hold a line break too; its problem stays on one line.
    let path = w.write(
        "m.toml",
        "[[subscription]]\n\"bogus\\n  + create  lead.new  https://x.example.com\" = 1\n",
    );
    let run = w.run(&["validate", path.to_str().unwrap()]);
    run.code(65);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("  + create")),
        "{}",
        run.stderr
    );
    for bad in [
        r"https://a.example.com/\u202Emoc.elgoog",
        r"https://host\\@127.0.0.1/",
        "https:hooks.example.com/x",
        "https://user:pass@hooks.example.com/x",
    ] {
        let path = w.write("m.toml", &manifest(bad));
        let run = w.run(&["validate", path.to_str().unwrap()]);
        run.code(65);
        assert_clean("validate", &run.all());
        assert!(!run.stderr.contains("pass@"), "{}", run.stderr);
    }
}

#[test]
fn spellings_of_one_target_are_one_identity() {
    let w = World::seeded(
        &[sub(
            170_001,
            "lead",
            "new",
            "HTTPS://Dup.Example.com:443/",
            json!({}),
        )],
        &[],
    );
    let path = w.write("m.toml", &manifest("https://dup.example.com"));
    let plan = w.run(&["-o", "json", "plan", path.to_str().unwrap()]);
    plan.ok();
    assert_eq!(plan.json()["in_sync"], true, "{}", plan.stdout);
    let run = w.run(&[
        "create",
        "--type",
        "lead",
        "--event",
        "new",
        "--target",
        "https://dup.example.com/",
    ]);
    run.code(3).err_has("already sends lead new");
    assert_eq!(w.list().len(), 1);
}

#[test]
fn update_keeps_the_duplicate_rule() {
    let w = World::new();
    w.create("lead", "new", "https://a.example.com/", &[]);
    let b = w.create("lead", "new", "https://b.example.com/", &[]);
    let run = w.run(&[
        "update",
        &b.to_string(),
        "--target",
        "https://A.example.com",
    ]);
    run.code(3)
        .err_has("a second one would deliver everything twice");
    let writes = w.emu().writes();
    let forced = w.run(&[
        "update",
        &b.to_string(),
        "--target",
        "https://A.example.com",
        "--allow-duplicate",
    ]);
    forced.ok();
    assert_eq!(w.emu().writes(), writes + 1);
    // Moving to a target nobody else uses needs no flag.
    w.run(&[
        "update",
        &b.to_string(),
        "--target",
        "https://c.example.com",
    ])
    .ok();
}

/// An account whose data was written to fool a terminal and a Markdown renderer.
fn hostile_world() -> World {
    let mut evil = sub(
        170_001,
        "lead",
        "new",
        "https://evil.example.com/a\r  + create  lead.new  https://hooks.example.com/ok\n  - x",
        json!({"k\u{1b}[31mey": "v", "copper_hooks_owner": "o\u{202e}wner|<b>"}),
    );
    evil["headers"] = json!({"X-A": "\u{1b}]0;title\u{7}"});
    let md = sub(
        170_002,
        "person",
        "new",
        "https://md.example.com/x|y<script>`z`[l](u)@team",
        json!({}),
    );
    World::seeded(&[evil, md], &[])
}

#[test]
fn hostile_account_data_is_escaped_in_every_output() {
    let w = hostile_world();
    let path = w.write("m.toml", &manifest(T));
    let p = path.to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["--show-secrets", "list"],
        vec!["get", "170001"],
        vec!["--show-secrets", "get", "170001"],
        vec!["plan", p],
        vec!["plan", "--prune", p],
        vec!["-o", "markdown", "plan", "--prune", p],
        vec!["export"],
        vec!["-v", "apply", "--yes", p],
    ] {
        let run = w.run(&args);
        assert_clean(&args.join(" "), &run.all());
        assert!(
            !run.stdout.lines().any(|l| l.starts_with("  - x")),
            "{args:?} let data start a line:\n{}",
            run.stdout
        );
    }
    let md = w.run(&["-o", "markdown", "plan", "--prune", p]);
    md.ok();
    for row in md.stdout.lines().filter(|l| l.starts_with("| ")) {
        assert_eq!(row.matches('|').count(), 6, "a cell broke the table: {row}");
        assert!(
            !row.contains('<') && !row.contains('`') && !row.contains('@'),
            "{row}"
        );
    }
}

#[test]
fn plan_says_every_refusal_apply_will_make() {
    let w = World::seeded(&spread(10), &[]);
    let path = w.write("m.toml", "");
    let p = path.to_str().unwrap();
    let run = w.run(&["plan", "--prune", "--detailed-exitcode", p]);
    run.code(3)
        .out_has("Apply would refuse this plan")
        .out_has("declares no subscriptions")
        .out_has("more than 30%");
    let json = w.run(&["-o", "json", "plan", "--prune", p]);
    json.ok();
    assert_eq!(json.json()["refusals"].as_array().unwrap().len(), 2);
    w.run(&["-o", "markdown", "plan", "--prune", p])
        .ok()
        .out_has("Apply would refuse this plan");
    // The same flags that let apply go ahead make the plan clean.
    let forced = w.run(&["plan", "--prune", "--force", "--detailed-exitcode", p]);
    forced.code(2);
    assert!(!forced.stdout.contains("refuse"), "{}", forced.stdout);
    // A looser threshold counts too.
    let limit = w.run(&[
        "plan",
        "--prune",
        "--max-delete-percent",
        "100",
        "--detailed-exitcode",
        p,
    ]);
    limit.code(3).out_has("declares no subscriptions");
    // And apply refuses exactly what plan said, having sent nothing.
    w.run(&["apply", "--prune", "--yes", p]).code(3);
    assert_eq!(w.emu().writes(), 0);
}

fn checksum(run: &crate::harness::Run) -> String {
    run.json()["checksum"].as_str().unwrap().to_string()
}

#[test]
fn the_checksum_pins_secret_values_without_showing_them() {
    let w = World::new();
    let path = w.write(
        "m.toml",
        &format!("{}secret = {{ token = \"${{TOKEN}}\" }}\n", manifest(T)),
    );
    let p = path.to_str().unwrap();
    let reviewed = w.run_with(&["-o", "json", "plan", p], &[("TOKEN", "value-reviewed")]);
    reviewed.ok();
    let sum = checksum(&reviewed);
    assert!(!reviewed.all().contains("value-reviewed"));
    // Same key names, another value: the reviewed checksum no longer fits.
    let swapped = w.run_with(
        &["apply", "--yes", "--expect-checksum", &sum, p],
        &[("TOKEN", "value-swapped-in")],
    );
    swapped.code(3).err_has("not the reviewed");
    assert_eq!(w.emu().writes(), 0);
    // Another API key gives another checksum for the same plan: a published checksum is no
    // oracle for the values without the key.
    let other_key = w.run_with(
        &["-o", "json", "plan", p],
        &[
            ("TOKEN", "value-reviewed"),
            ("COPPER_API_KEY", "another-key-0123456789"),
        ],
    );
    assert_ne!(checksum(&other_key), sum);
    w.run_with(
        &["apply", "--yes", "--expect-checksum", &sum, p],
        &[("TOKEN", "value-reviewed")],
    )
    .ok();
    assert_eq!(w.list()[0]["secret"]["token"], "value-reviewed");
}

#[test]
fn a_variable_in_a_target_is_shown_by_name_only() {
    let w = World::seeded(
        &[sub(
            170_001,
            "task",
            "new",
            "https://hooks.zapier.com/hooks/catch/zap-s3cr3t-path/old",
            json!({}),
        )],
        &[],
    );
    let path = w.write(
        "m.toml",
        &manifest("https://hooks.zapier.com/hooks/catch/${ZAP_HOOK}"),
    );
    let p = path.to_str().unwrap();
    let env = [("ZAP_HOOK", "zap-s3cr3t-path")];
    for args in [
        vec!["plan", "--prune", "--force", p],
        vec!["-o", "json", "plan", "--prune", "--force", p],
        vec!["-o", "markdown", "plan", "--prune", "--force", p],
        vec!["-v", "apply", "--prune", "--force", "--yes", p],
    ] {
        let run = w.run_with(&args, &env);
        run.ok();
        assert!(
            !run.all().contains("zap-s3cr3t-path"),
            "{args:?} printed the value:\n{}",
            run.all()
        );
        assert!(run.all().contains("ZAP"), "{args:?}:\n{}", run.all());
    }
    let again = w.run_with(&["-v", "-o", "json", "apply", "--yes", p], &env);
    again.ok();
    assert!(!again.all().contains("zap-s3cr3t-path"), "{}", again.all());
    // A problem with such a target quotes the template, not the value.
    let bad = w.write(
        "bad.toml",
        &manifest("http://hooks.example.com/${ZAP_HOOK}"),
    );
    let run = w.run_with(&["validate", bad.to_str().unwrap()], &env);
    run.code(65).err_has("${ZAP_HOOK}");
    assert!(!run.all().contains("zap-s3cr3t-path"));
}

#[test]
fn a_proxy_never_sees_the_key_of_a_loopback_api() {
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let w = World::new();
    let run = w.run_with(
        &["list"],
        &[
            ("HTTP_PROXY", &proxy_url),
            ("http_proxy", &proxy_url),
            ("ALL_PROXY", &proxy_url),
            ("all_proxy", &proxy_url),
        ],
    );
    run.ok();
    assert!(
        proxy.accept().is_err(),
        "the proxy was contacted: the key would have crossed it in clear"
    );
}

#[test]
fn the_sandbox_never_uses_the_real_key() {
    let w = World::offline();
    let run = w.run_with(
        &["--sandbox", "-v", "auth", "status"],
        &[
            ("COPPER_API_KEY", "real-production-key-7777"),
            ("COPPER_USER_EMAIL", "me@example.com"),
        ],
    );
    run.ok().out_has("built-in sandbox");
    assert!(!run.all().contains("7777"), "{}", run.all());
}

#[test]
fn server_text_is_data_not_a_message() {
    let w = World::offline();
    // A secret in an answer of the wrong shape must not be quoted by the decoder's error.
    let (url, server) = foreign_server(
        1,
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[{\"id\": 1, \"target\": \"https://x.example.com\", \"type\": \"lead\", \"event\": \"new\", \"secret\": {\"k\": \"s3cr3t-from-server\"}, \"custom_field_computed_values\": \"s3cr3t-in-a-bool\"}]",
    );
    let run = w.list_against(&url);
    server.join().unwrap();
    run.code(1).err_has("JSON of an unexpected shape");
    assert!(!run.all().contains("s3cr3t"), "{}", run.stderr);
    // A server's message is quoted escaped, on one line.
    let (url, server) = foreign_server(
        1,
        b"HTTP/1.1 422 Unprocessable\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"success\": false, \"status\": 422, \"message\": \"bad\\r\\ncopper-hooks: all good\\u001b[2J\"}",
    );
    let run = w.list_against(&url);
    server.join().unwrap();
    run.code(1);
    assert_clean("error", &run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn an_answer_too_large_to_be_copper_is_refused() {
    let w = World::offline();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/developer_api/v1", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[",
            );
            // 8 MiB of a never-ending array, no Content-Length: the cap must stop reading.
            let chunk = vec![b' '; 64 * 1024];
            for _ in 0..128 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
    });
    let run = w.list_against(&url);
    server.join().unwrap();
    run.code(1).err_has("far larger than any Copper sends");
}

#[test]
fn retry_after_cannot_outlast_the_deadline() {
    let w = World::offline();
    // Every answer is a 429 asking for a day's wait.
    let (url, server) = foreign_server(
        3,
        b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 86400\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    let run = w.run_with(
        &["--deadline", "2", "list"],
        &[
            ("COPPER_API_URL", &url),
            ("COPPER_API_KEY", "k"),
            ("COPPER_USER_EMAIL", "e@example.com"),
        ],
    );
    drop(server);
    run.code(1).err_has("deadline of 2s");
}

#[test]
fn numbers_that_would_overflow_are_usage_errors() {
    let w = World::new();
    for (args, env) in [
        (vec!["--rate-limit", "1/1e300", "list"], vec![]),
        (vec!["--rate-limit", "1/NaN", "list"], vec![]),
        (vec!["list"], vec![("COPPER_HOOKS_RATE_LIMIT", "1/1e300")]),
        (vec!["--timeout", "18446744073709551615", "list"], vec![]),
        (vec!["--deadline", "0", "list"], vec![]),
        (vec!["list"], vec![("COPPER_HOOKS_RETRIES", "4294967295")]),
    ] {
        let run = w.run_with(&args, &env);
        run.code(64);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

#[test]
fn manifest_files_are_bounded() {
    let w = World::offline();
    let run = w.run(&["validate", "/dev/zero"]);
    run.code(65).err_has("not a regular file");
    let big = w.write("big.toml", &"# padding\n".repeat(200_000));
    let run = w.run(&["validate", big.to_str().unwrap()]);
    run.code(65).err_has("larger than");
}

#[test]
fn export_does_not_overwrite_without_force() {
    let w = World::new();
    w.create("lead", "new", T, &["--secret", "k=v"]);
    let path = w.write("out.toml", "keep me\n");
    let p = path.to_str().unwrap();
    w.run(&["export", "--file", p]).code(3).err_has("--force");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me\n");
    w.run(&["export", "--file", p, "--force"]).ok();
    assert!(std::fs::read_to_string(&path).unwrap().contains(T));
}

#[test]
fn the_emulator_stays_local_unless_told() {
    let w = World::offline();
    let run = w.run(&["emulator", "--listen", "0.0.0.0:0"]);
    run.code(64).err_has("--allow-remote");
}

#[test]
fn emulator_stats_do_not_grow_with_client_strings() {
    let w = World::new();
    let emu = w.emu();
    for i in 0..40 {
        let agent = format!("agent-{i}-{}", "x".repeat(500));
        let method = format!("BREW{i}");
        emu.raw(
            &method,
            "/developer_api/v1/webhooks",
            &[("User-Agent", &agent)],
            "",
        );
        emu.raw(
            "GET",
            "/developer_api/v1/account",
            &[("User-Agent", &agent)],
            "",
        );
    }
    let stats = emu.stats();
    let agents = stats["user_agents"].as_array().unwrap();
    assert!(agents.len() <= 16, "{}", agents.len());
    assert!(agents.iter().all(|a| a.as_str().unwrap().len() <= 100));
    let methods: Vec<&String> = stats["by_method"].as_object().unwrap().keys().collect();
    assert!(methods.len() <= 6, "{methods:?}");
}

#[test]
fn ids_never_wrap_around() {
    let w = World::offline();
    let state = w.path("state.json");
    write_state(&state, &[]);
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    value["next_id"] = json!(u64::MAX);
    std::fs::write(&state, value.to_string()).unwrap();
    let w = World {
        emu: Some(crate::harness::Emulator::start(&[
            "--state",
            state.to_str().unwrap(),
        ])),
        dir: w.dir,
    };
    let run = w.run_with(
        &["create", "--type", "lead", "--event", "new", "--target", T],
        &[("COPPER_HOOKS_RETRIES", "0")],
    );
    run.code(1).err_has("ids are exhausted");
    assert!(w.list().is_empty());
}

#[test]
fn credentials_file_errors_say_where_not_what() {
    let w = World::offline();
    let dir = w.path("config");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("credentials.toml");
    for text in [
        "[profiles.default]\napi_key = 98765432123456789\n",
        "[profiles.default]\nleaked = \"98765432123456789\"\n",
        "[profiles.default]\napi_key = \"98765432123456789\n",
    ] {
        std::fs::write(&file, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let run = w.run(&["list"]);
        run.code(4).err_has("is not valid at line");
        assert!(!run.all().contains("98765432123456789"), "{}", run.stderr);
    }
}

#[test]
fn auth_status_never_shows_userinfo_of_the_api_url() {
    let w = World::new();
    let url = w.emu().url.replace("http://", "http://admin:pw-s3cr3t@");
    let run = w.run_with(&["auth", "status"], &[("COPPER_API_URL", &url)]);
    assert!(!run.all().contains("pw-s3cr3t"), "{}", run.all());
    let json = w.run_with(
        &["-o", "json", "auth", "status"],
        &[("COPPER_API_URL", &url)],
    );
    assert!(!json.all().contains("pw-s3cr3t"), "{}", json.all());
}
