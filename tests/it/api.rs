//! list, get, create, update, delete against the emulator: output, rules, exit codes.

use serde_json::json;

use crate::harness::{golden, spread, World};

const T: &str = "https://hooks.example.com/copper";

#[test]
fn list_table_and_json_are_golden() {
    let w = World::new();
    w.create(
        "person",
        "new",
        T,
        &[
            "--secret",
            "token=s3cr3t-value",
            "--header",
            "X-Source=copper",
        ],
    );
    w.create(
        "lead",
        "update",
        "https://hooks.example.com/leads",
        &["--computed-values"],
    );
    let table = w.run(&["list"]);
    table.ok();
    golden("list.txt", &table.stdout);
    let json = w.run(&["-o", "json", "list"]);
    json.ok();
    golden("list.json", &json.stdout);
    let filtered = w.run(&["-o", "json", "list", "--type", "lead"]);
    assert_eq!(filtered.json().as_array().unwrap().len(), 1);
    let none = w.run(&["-o", "json", "list", "--event", "delete"]);
    assert_eq!(none.json(), json!([]));
}

#[test]
fn empty_list_says_so() {
    let w = World::new();
    let run = w.run(&["list"]);
    run.ok().err_has("No subscriptions.");
    assert_eq!(run.stdout, "");
}

#[test]
fn get_shows_one_and_404_is_clear() {
    let w = World::new();
    let id = w.create("task", "delete", T, &["--secret", "k=v"]);
    let run = w.run(&["get", &id.to_string()]);
    run.ok();
    golden("get.txt", &run.stdout);
    let missing = w.run(&["get", "999"]);
    missing.code(1);
    assert_eq!(
        missing.error_line(),
        "copper-hooks: error: no subscription 999 on this account; `copper-hooks list` \
         shows the ones that exist"
    );
    for args in [
        &["update", "999", "--computed-values"][..],
        &["update", "999", "--target", "https://moved.example.com/"],
        &["delete", "--yes", "999"],
    ] {
        w.run(args)
            .code(1)
            .err_has("no subscription 999 on this account");
    }
}

#[test]
fn create_sends_every_field() {
    let w = World::new();
    w.create(
        "activity_log",
        "update",
        T,
        &[
            "--secret",
            "a=1",
            "--secret",
            "b=x=y",
            "--header",
            "X-One=1",
            "--computed-values",
        ],
    );
    let all = w.list();
    assert_eq!(all.len(), 1);
    let s = &all[0];
    assert_eq!(s["type"], "activity_log");
    assert_eq!(s["event"], "update");
    assert_eq!(s["secret"], json!({"a": "1", "b": "x=y"}));
    assert_eq!(s["headers"], json!({"X-One": "1"}));
    assert_eq!(s["custom_field_computed_values"], true);
}

#[test]
fn create_refuses_what_copper_would_refuse_without_calling() {
    let w = World::new();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--target", "http://hooks.example.com/x"],
            3,
            "is not https",
        ),
        (&["--target", "https://localhost/x"], 3, "internal host"),
        (&["--target", "https://127.0.0.1/x"], 3, "internal host"),
        (&["--target", "https://192.168.0.10/x"], 3, "internal host"),
        (&["--target", "https://[::1]/x"], 3, "internal host"),
        (&["--target", "not-a-url"], 3, "not an absolute URL"),
        (&["--target", "not a url"], 3, "contains a space"),
        (
            &[
                "--target",
                "https://a.example.com/c\r  + create  lead.new  https://x.example.com",
            ],
            3,
            "contains a carriage return (\\r)",
        ),
        (
            &["--target", "https://a.example.com/\u{202e}x"],
            3,
            "\\u{202e}",
        ),
        (&["--target", "https://h\\@127.0.0.1/"], 3, "backslash"),
        (
            &["--target", "https:hooks.example.com/x"],
            3,
            "must start with https://",
        ),
        (
            &["--target", "https://user:pass@hooks.example.com/x"],
            3,
            "carries credentials",
        ),
        (
            &["--target", T, "--secret", "=v"],
            64,
            "secret key is empty",
        ),
        (
            &["--target", T, "--secret", "k=1", "--secret", "k=2"],
            64,
            "given twice",
        ),
        (
            &["--target", T, "--secret", "novalue"],
            64,
            "is not KEY=VALUE",
        ),
        (
            &["--target", T, "--header", "Bad Header=1"],
            64,
            "not a valid HTTP header name",
        ),
    ];
    for (extra, code, message) in cases {
        let mut args = vec!["create", "--type", "lead", "--event", "new"];
        args.extend_from_slice(extra);
        let run = w.run(&args);
        run.code(*code).err_has(message);
        run.error_line();
    }
    // None of them reached the API.
    assert_eq!(w.emu().stats()["requests"], 0);
}

#[test]
fn enum_typos_get_a_suggestion_and_usage_code() {
    let w = World::new();
    let run = w.run(&["create", "--type", "leads", "--event", "new", "--target", T]);
    run.code(64).err_has("a similar value exists: 'lead'");
    let run = w.run(&[
        "create", "--type", "lead", "--event", "created", "--target", T,
    ]);
    run.code(64).err_has("possible values: new, update, delete");
}

#[test]
fn the_101st_subscription_is_refused_before_post() {
    let subs = spread(100);
    let w = World::seeded(&subs, &[]);
    let run = w.run(&["create", "--type", "lead", "--event", "new", "--target", T]);
    run.code(3).err_has("Copper's limit is 100");
    assert_eq!(
        w.emu().stats()["by_method"].get("POST"),
        None,
        "no POST was sent"
    );
}

#[test]
fn duplicate_identity_needs_allow_duplicate() {
    let w = World::new();
    w.create("lead", "new", T, &[]);
    w.run(&["create", "--type", "lead", "--event", "new", "--target", T])
        .code(3)
        .err_has("deliver everything twice");
    w.create("lead", "new", T, &["--allow-duplicate"]);
    assert_eq!(w.list().len(), 2);
}

#[test]
fn update_changes_settings_but_never_type_or_event() {
    let w = World::new();
    let id = w.create("lead", "new", T, &["--secret", "a=1"]).to_string();
    w.run(&[
        "update",
        &id,
        "--target",
        "https://other.example.com/y",
        "--secret",
        "b=2",
        "--computed-values",
    ])
    .ok();
    let s = &w.list()[0];
    assert_eq!(s["target"], "https://other.example.com/y");
    assert_eq!(s["secret"], json!({"b": "2"}));
    assert_eq!(s["custom_field_computed_values"], true);
    w.run(&["update", &id, "--no-computed-values", "--clear-secret"])
        .ok();
    let s = &w.list()[0];
    assert_eq!(s["secret"], json!({}));
    assert_eq!(s["custom_field_computed_values"], false);

    let before = w.emu().stats()["requests"].clone();
    w.run(&["update", &id, "--type", "person"])
        .code(64)
        .err_has("cannot change a subscription's type or event");
    w.run(&["update", &id, "--event", "delete"]).code(64);
    w.run(&["update", &id])
        .code(64)
        .err_has("nothing to change");
    w.run(&["update", &id, "--target", "http://x.example.com"])
        .code(3);
    assert_eq!(
        w.emu().stats()["requests"],
        before,
        "refused updates send nothing"
    );
    w.run(&["update", "424242", "--computed-values"])
        .code(1)
        .err_has("no subscription 424242 on this account");
}

#[test]
fn delete_needs_yes_without_a_terminal() {
    let w = World::new();
    let a = w.create("lead", "new", T, &[]).to_string();
    let b = w.create("lead", "update", T, &[]).to_string();
    w.run(&["delete", &a])
        .code(64)
        .err_has("pass --yes to delete without asking");
    assert_eq!(w.list().len(), 2, "nothing deleted without --yes");
    w.run(&["delete", "--yes", &a, &b]).ok();
    assert!(w.list().is_empty());
    w.run(&["delete", "--yes", &a])
        .code(1)
        .err_has(&format!("no subscription {a} on this account"));
}

#[test]
fn partial_delete_names_each_failure() {
    let w = World::new();
    let a = w.create("lead", "new", T, &[]).to_string();
    let run = w.run(&["delete", "--yes", &a, "999"]);
    run.code(1)
        .err_has("subscription 999:")
        .err_has("1 of 2 deletes failed");
    assert!(w.list().is_empty());
}

#[test]
fn secrets_stay_masked_everywhere_unless_asked() {
    let w = World::new();
    let id = w
        .create(
            "person",
            "new",
            T,
            &[
                "--secret",
                "token=s3cr3t-value",
                "--header",
                "Authorization=Bearer tok-abc",
            ],
        )
        .to_string();
    for args in [
        vec!["list"],
        vec!["-o", "json", "list"],
        vec!["-v", "get", &id],
        vec!["-o", "json", "get", &id],
        vec!["-v", "update", &id, "--computed-values"],
        vec!["-v", "auth", "status"],
    ] {
        let run = w.run(&args);
        run.ok();
        for secret in ["s3cr3t-value", "tok-abc", "test-key-0123456789"] {
            assert!(
                !run.all().contains(secret),
                "{args:?} leaked {secret}:\n{}",
                run.all()
            );
        }
    }
    w.run(&["--show-secrets", "get", &id])
        .ok()
        .out_has("token=s3cr3t-value");
}

#[test]
fn every_call_names_the_tool() {
    let w = World::new();
    w.run(&["list"]).ok();
    let agents = w.emu().stats()["user_agents"].clone();
    assert_eq!(
        agents,
        json!([format!("copper-hooks/{}", env!("CARGO_PKG_VERSION"))])
    );
}

#[test]
fn verbose_traces_calls_on_stderr() {
    let w = World::new();
    let run = w.run(&["-v", "list"]);
    run.ok()
        .err_has("GET http://127.0.0.1:")
        .err_has("/developer_api/v1/webhooks -> 200 OK (");
}

#[test]
fn closed_pipe_ends_quietly() {
    let w = World::new();
    for i in 0..30 {
        w.create("lead", "new", &format!("https://h{i}.example.com/"), &[]);
    }
    let mut child = w
        .command()
        .args(["list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end at once, like `| head -0`.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}
