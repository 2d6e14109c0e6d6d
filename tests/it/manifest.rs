//! validate, plan, apply, export: the manifest workflow against the emulator.

use serde_json::json;

use crate::harness::{entries, golden, spread, sub, World};

const T: &str = "https://hooks.example.com/copper";

const MANIFEST: &str = r#"owner = "billing-sync"

[defaults]
target = "https://hooks.example.com/copper"
secret = { token = "${HOOK_TOKEN}" }

[[subscription]]
type = "person"
event = ["new", "update"]
target = "https://hooks.example.com/copper/people"
custom_field_computed_values = true

[[subscription]]
type = ["lead", "opportunity"]
event = "update"
headers = { "X-Source" = "copper" }
"#;

fn world_with_manifest(subs: &[serde_json::Value]) -> (World, String) {
    let w = World::seeded(subs, &[]);
    let path = w.write("subscriptions.toml", MANIFEST);
    (w, path.to_str().unwrap().to_string())
}

const TOKEN: (&str, &str) = ("HOOK_TOKEN", "tok-s3cr3t");

#[test]
fn validate_is_offline_and_reports_every_problem() {
    let w = World::offline();
    let good = w.write("good.toml", MANIFEST);
    w.run_with(&["validate", good.to_str().unwrap()], &[TOKEN])
        .ok()
        .err_has("ok (4 subscriptions, owner 'billing-sync')");
    // Without the variable: an error naming it, unless --skip-env.
    w.run(&["validate", "good.toml"])
        .code(65)
        .err_has("HOOK_TOKEN is not set");
    w.run(&["validate", "--skip-env", "good.toml"]).ok();

    w.write(
        "bad.toml",
        r#"ownr = "x"
[[subscription]]
type = "leads"
event = ["new", "new"]
target = "http://hooks.example.com"

[[subscription]]
type = "lead"
event = "new"
target = "https://127.0.0.1/x"
secret = { "" = "v" }
headers = { "Bad Header" = "1" }
custom_field_computed_values = "yes"

[[subscription]]
type = "task"
event = "new"
target = "https://a.example.com"

[[subscription]]
type = ["task"]
event = "new"
target = "https://a.example.com"
"#,
    );
    let run = w.run(&["validate", "good.toml", "bad.toml"]);
    run.code(65);
    golden(
        "validate-errors.txt",
        &run.stderr.replace(w.dir.path().to_str().unwrap(), "<DIR>"),
    );
}

#[test]
fn more_than_100_is_a_manifest_error() {
    let w = World::offline();
    let text = format!(
        "[[subscription]]\ntype = [\"lead\", \"person\", \"company\", \"opportunity\", \"project\", \"task\", \"activity_log\"]\nevent = [\"new\", \"update\", \"delete\"]\ntarget = \"{T}\"\n{}",
        (0..5)
            .map(|i| format!("\n[[subscription]]\ntype = [\"lead\", \"person\", \"company\", \"opportunity\", \"project\", \"task\", \"activity_log\"]\nevent = [\"new\", \"update\", \"delete\"]\ntarget = \"https://h{i}.example.com\"\n"))
            .collect::<String>()
    );
    w.write("big.toml", &text);
    w.run(&["validate", "big.toml"])
        .code(65)
        .err_has("big.toml:21:1: this entry brings the manifest to 105 subscriptions");
}

#[test]
fn plan_shows_every_kind_of_change() {
    let subs = vec![
        // unchanged
        sub(
            170_001,
            "person",
            "new",
            "https://hooks.example.com/copper/people",
            json!({"token": "tok-s3cr3t", "copper_hooks_owner": "billing-sync"}),
        ),
        // update: secret value changed, computed off
        sub(
            170_002,
            "person",
            "update",
            "https://hooks.example.com/copper/people",
            json!({"token": "old-s3cr3t", "copper_hooks_owner": "billing-sync"}),
        ),
        // duplicate of 170_002
        sub(
            170_003,
            "person",
            "update",
            "https://hooks.example.com/copper/people",
            json!({"token": "old-s3cr3t", "copper_hooks_owner": "billing-sync"}),
        ),
        // ours, not declared: pruned
        sub(
            170_004,
            "task",
            "new",
            T,
            json!({"copper_hooks_owner": "billing-sync"}),
        ),
        // someone else's: never touched
        sub(
            170_005,
            "task",
            "new",
            "https://zapier.example.com/x",
            json!({"copper_hooks_owner": "zapier"}),
        ),
        sub(
            170_006,
            "company",
            "delete",
            "https://n8n.example.com/x",
            json!({}),
        ),
    ];
    let mut subs = subs;
    subs[0]["custom_field_computed_values"] = json!(true);
    let (w, file) = world_with_manifest(&subs);
    for (name, args) in [
        ("plan.txt", vec!["plan", "--prune", &file]),
        ("plan-no-prune.txt", vec!["plan", &file]),
        ("plan.json", vec!["-o", "json", "plan", "--prune", &file]),
        // Relative, as a repository's workflow names it: the Markdown's marker is a digest
        // of the path, the same in every checkout.
        (
            "plan.md",
            vec!["-o", "markdown", "plan", "--prune", "subscriptions.toml"],
        ),
    ] {
        let run = w.run_with(&args, &[TOKEN]);
        run.ok();
        assert!(!run.all().contains("tok-s3cr3t"), "{name} leaked a secret");
        assert!(!run.all().contains("old-s3cr3t"), "{name} leaked a secret");
        golden(name, &run.stdout.replace(&file, "subscriptions.toml"));
    }
    w.run_with(&["plan", "--detailed-exitcode", &file], &[TOKEN])
        .code(2);
    assert_eq!(w.emu().writes(), 0, "plan writes nothing");
}

#[test]
fn apply_converges_and_a_second_apply_writes_nothing() {
    let (w, file) = world_with_manifest(&[]);
    w.run_with(&["apply", &file], &[TOKEN])
        .code(64)
        .err_has("pass --yes");
    assert_eq!(w.emu().writes(), 0);
    w.run_with(&["apply", "--yes", &file], &[TOKEN])
        .ok()
        .err_has(
            "Apply complete on dev@example.com at 127.0.0.1: 4 created, 0 updated, 0 deleted.",
        );
    let subs = w.list();
    assert_eq!(subs.len(), 4);
    for s in &subs {
        assert_eq!(s["secret"]["copper_hooks_owner"], "billing-sync");
        assert_eq!(s["secret"]["token"], "tok-s3cr3t");
    }
    let writes = w.emu().writes();
    w.run_with(&["apply", "--yes", &file], &[TOKEN])
        .ok()
        .err_has("in sync");
    assert_eq!(w.emu().writes(), writes, "second apply made no write calls");
    w.run_with(&["plan", "--detailed-exitcode", &file], &[TOKEN])
        .ok();

    // A changed secret is an update in place, never a re-create.
    w.run_with(&["apply", "--yes", &file], &[("HOOK_TOKEN", "rotated")])
        .ok()
        .out_has("secret: token changed")
        .err_has("0 created, 4 updated");
    assert!(w.list().iter().all(|s| s["secret"]["token"] == "rotated"));
}

#[test]
fn prune_with_owner_spares_other_integrations() {
    let subs = vec![
        sub(
            170_001,
            "task",
            "new",
            T,
            json!({"copper_hooks_owner": "billing-sync"}),
        ),
        sub(
            170_002,
            "task",
            "update",
            T,
            json!({"copper_hooks_owner": "zapier"}),
        ),
        sub(170_003, "task", "delete", T, json!({})),
    ];
    let (w, file) = world_with_manifest(&subs);
    w.run_with(&["apply", "--yes", &file], &[TOKEN]).ok();
    assert_eq!(w.list().len(), 7, "without --prune nothing is deleted");
    w.run_with(&["apply", "--yes", "--prune", &file], &[TOKEN])
        .ok();
    let ids: Vec<u64> = w.list().iter().map(|s| s["id"].as_u64().unwrap()).collect();
    assert!(!ids.contains(&170_001), "ours is pruned");
    assert!(
        ids.contains(&170_002) && ids.contains(&170_003),
        "others are kept"
    );
}

#[test]
fn prune_without_owner_covers_the_whole_account() {
    let w = World::seeded(
        &[
            sub(170_001, "task", "new", T, json!({})),
            sub(
                170_002,
                "task",
                "update",
                T,
                json!({"copper_hooks_owner": "zapier"}),
            ),
        ],
        &[],
    );
    let file = w.write(
        "m.toml",
        &format!("[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"{T}\"\n"),
    );
    let file = file.to_str().unwrap();
    w.run(&["plan", "--prune", file])
        .ok()
        .out_has("prune: the whole account");
    w.run(&["apply", "--yes", "--prune", file]).ok();
    let subs = w.list();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0]["type"], "lead");
}

#[test]
fn duplicates_are_deleted_keeping_the_oldest() {
    let w = World::seeded(
        &[
            sub(170_005, "lead", "new", T, json!({})),
            sub(170_002, "lead", "new", T, json!({})),
            sub(170_009, "lead", "new", T, json!({})),
        ],
        &[],
    );
    let file = w.write(
        "m.toml",
        &format!("[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"{T}\"\n"),
    );
    let run = w.run(&["apply", "--yes", file.to_str().unwrap()]);
    run.ok().out_has("duplicate of 170002");
    let subs = w.list();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0]["id"], 170_002);
}

#[test]
fn deleting_too_much_is_refused_unless_forced() {
    let subs = spread(10);
    let w = World::seeded(&subs, &[]);
    let keep = entries(0..6);
    let file = w.write("m.toml", &keep);
    let file = file.to_str().unwrap();
    let run = w.run(&["apply", "--yes", "--prune", file]);
    run.code(3);
    assert!(run
        .error_line()
        .contains("deletes 4 of 10 subscriptions, more than 30%"));
    assert_eq!(w.emu().writes(), 0);
    w.run(&[
        "apply",
        "--yes",
        "--prune",
        "--max-delete-percent",
        "40",
        file,
    ])
    .ok();
    assert_eq!(w.list().len(), 6);

    // An empty manifest with --prune is refused even below the percentage rule's minimum.
    let empty = w.write("empty.toml", "# nothing\n");
    let run = w.run(&[
        "apply",
        "--yes",
        "--prune",
        "--max-delete-percent",
        "100",
        empty.to_str().unwrap(),
    ]);
    run.code(3).err_has("declares no subscriptions");
    w.run(&[
        "apply",
        "--yes",
        "--prune",
        "--force",
        empty.to_str().unwrap(),
    ])
    .ok();
    assert!(w.list().is_empty());
}

#[test]
fn the_limit_decides_the_order_and_refuses_overflow() {
    // 98 exist; the manifest keeps 95 of them and adds 5 new: creating first would reach 103.
    let subs = spread(98);
    let w = World::seeded(&subs, &[]);
    let text = entries((0..95).chain(200..205));
    let file = w.write("m.toml", &text);
    let file = file.to_str().unwrap();
    w.run(&["apply", "--yes", "--prune", file]).ok();
    assert_eq!(w.list().len(), 100);

    // 100 exist; a manifest adding one more without pruning would end at 101: refused.
    let more = format!("[[subscription]]\ntype = \"task\"\nevent = \"new\"\ntarget = \"{T}\"\n");
    let more = w.write("more.toml", &more);
    let run = w.run(&["apply", "--yes", "--force", more.to_str().unwrap()]);
    run.code(3).err_has("would hold 101 subscriptions");
}

#[test]
fn a_partial_failure_is_reported_and_a_rerun_converges() {
    let (w, file) = world_with_manifest(&[]);
    // Every POST for a lead fails: the other creates go through.
    w.emu().fault(json!([{"method": "POST", "path": "/webhooks", "body_contains": "\"lead\"", "kind": "status", "status": 400, "times": 0}]));
    let run = w.run_with(&["apply", "--yes", &file], &[TOKEN]);
    run.code(1)
        .err_has("failed: create lead.update https://hooks.example.com/copper: Copper refused the request (400 Injected failure)")
        .err_has("1 of 4 changes failed");
    assert_eq!(w.list().len(), 3);

    // The fault is lifted by restarting from the same account: rerun creates only the missing one.
    let subs = w.list();
    drop(w);
    let (w, file) = world_with_manifest(&subs);
    w.run_with(&["apply", "--yes", &file], &[TOKEN])
        .ok()
        .err_has("1 created, 0 updated, 0 deleted");
    assert_eq!(w.list().len(), 4);
}

#[test]
fn a_lost_answer_during_apply_makes_no_duplicate() {
    let (w, file) = world_with_manifest(&[]);
    w.emu()
        .fault(json!([{"method": "POST", "kind": "after", "status": 502, "times": 2}]));
    w.run_with(&["apply", "--yes", &file], &[TOKEN]).ok();
    assert_eq!(w.list().len(), 4);
    assert_eq!(w.emu().stats()["by_method"]["POST"], 4);
}

#[test]
fn expect_checksum_guards_the_reviewed_plan() {
    let (w, file) = world_with_manifest(&[]);
    let plan = w.run_with(&["-o", "json", "plan", &file], &[TOKEN]);
    let sum = plan.json()["checksum"].as_str().unwrap().to_string();
    w.create("task", "new", T, &[]); // the account changes after the review
    let run = w.run_with(
        &[
            "apply",
            "--yes",
            "--prune",
            "--expect-checksum",
            &sum,
            &file,
        ],
        &[TOKEN],
    );
    run.code(3).err_has("changed since the review");
    w.run_with(
        &["apply", "--yes", "--expect-checksum", &sum, &file],
        &[TOKEN],
    )
    .ok();
}

#[test]
fn apply_json_reports_the_plan_and_the_result() {
    let (w, file) = world_with_manifest(&[]);
    let run = w.run_with(&["-o", "json", "apply", "--yes", &file], &[TOKEN]);
    run.ok();
    let doc = run.json();
    assert_eq!(doc["plan"]["version"], 1);
    assert_eq!(doc["result"]["created"].as_array().unwrap().len(), 4);
    assert_eq!(doc["result"]["failed"], json!([]));
    assert!(!run.stdout.contains("tok-s3cr3t"));
}

#[test]
fn dry_run_is_plan() {
    let (w, file) = world_with_manifest(&[]);
    w.run_with(&["apply", "--dry-run", &file], &[TOKEN])
        .ok()
        .out_has("Plan: 4 to create");
    assert_eq!(w.emu().writes(), 0);
}

#[test]
fn unset_variables_stop_plan_with_the_data_code() {
    let (w, file) = world_with_manifest(&[]);
    w.run(&["plan", &file])
        .code(65)
        .err_has("environment variable HOOK_TOKEN is not set");
    assert_eq!(
        w.emu().stats()["requests"],
        0,
        "nothing is called for a bad manifest"
    );
}

#[test]
fn export_round_trips_to_an_empty_plan() {
    let (w, file) = world_with_manifest(&[sub(
        170_100,
        "task",
        "new",
        "https://zapier.example.com/$x",
        json!({"k": "v$1"}),
    )]);
    w.run_with(&["apply", "--yes", &file], &[TOKEN]).ok();

    let run = w.run(&["export", "--include-secrets"]);
    run.ok();
    assert!(run.stdout.contains("tok-s3cr3t"), "secrets asked for");
    w.run(&["export", "--include-secrets", "--file", "private.toml"])
        .ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(w.path("private.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "an export with secrets is private");
    }
    let exported = w.write("exported.toml", &run.stdout);
    w.run(&["plan", "--detailed-exitcode", exported.to_str().unwrap()])
        .ok()
        .out_has("No changes");

    let run = w.run(&["export"]);
    run.ok().err_has("COPPER_SECRET_TOKEN");
    assert!(!run.stdout.contains("tok-s3cr3t"));
    // Which subscriptions a placeholder serves is said by id, and ids depend on the order
    // concurrent creates finished in: the golden file holds them as <ID>.
    let ids_hidden: String = run
        .stdout
        .lines()
        .map(|line| {
            if !line.starts_with("#   ") {
                return format!("{line}\n");
            }
            let mut out = String::new();
            for word in line.split(' ') {
                let id = word.len() == 6 && word.chars().all(|c| c.is_ascii_digit());
                out.push_str(if id { "<ID>" } else { word });
                out.push(' ');
            }
            format!("{}\n", out.trim_end())
        })
        .collect();
    golden("export.toml", &ids_hidden);
    let exported = w.write("placeholders.toml", &run.stdout);
    w.run_with(
        &[
            "plan",
            "--detailed-exitcode",
            "--prune",
            exported.to_str().unwrap(),
        ],
        &[
            ("COPPER_SECRET_TOKEN", "tok-s3cr3t"),
            ("COPPER_SECRET_K", "v$1"),
            ("COPPER_HEADER_X_SOURCE", "copper"),
        ],
    )
    .ok()
    .out_has("No changes");
}

#[cfg(unix)]
#[test]
fn an_interrupted_apply_stops_cleanly_and_a_rerun_finishes() {
    let w = World::with(&["--latency", "150"]);
    let text = entries(0..20);
    let file = w.write("m.toml", &text);
    let file = file.to_str().unwrap().to_string();
    let child = w
        .command()
        .args(["apply", "--yes", "--concurrency", "1", &file])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until some creates went through, then press Ctrl-C.
    let run = crate::harness::interrupt_after(child, w.emu(), 3);
    run.code(130).err_has("run apply again to finish");
    let made = w.list().len();
    assert!((3..20).contains(&made), "stopped part way: {made}");
    w.run(&["apply", "--yes", &file]).ok();
    assert_eq!(w.list().len(), 20, "the rerun finished, with no duplicate");
}

#[test]
fn a_moved_target_is_created_before_the_old_one_goes() {
    let w = World::seeded(
        &[sub(
            170_001,
            "lead",
            "new",
            "https://old.example.com/h",
            json!({"copper_hooks_owner": "me"}),
        )],
        &[],
    );
    let file = w.write(
        "m.toml",
        "owner = \"me\"\n[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://new.example.com/h\"\n",
    );
    let run = w.run(&["-v", "apply", "--yes", "--prune", file.to_str().unwrap()]);
    run.ok();
    let post = run.stderr.find("POST ").expect("a POST");
    let delete = run.stderr.find("DELETE ").expect("a DELETE");
    assert!(post < delete, "create went first:\n{}", run.stderr);
    let subs = w.list();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0]["target"], "https://new.example.com/h");
}

#[test]
fn skip_env_checks_everything_a_variable_does_not_decide() {
    let w = World::offline();
    // Every subscription is counted, and what was not checked is said, with where.
    w.write(
        "four.toml",
        r#"
[[subscription]]
type = "lead"
event = ["new", "update"]
target = "https://hooks.example.net/${P}"
secret = { token = "${TOKEN}" }

[[subscription]]
type = "lead"
event = "delete"
target = "${ZAP_URL}"

[[subscription]]
type = "person"
event = "new"
target = "https://${HOST}.example.com/x"
"#,
    );
    let run = w.run(&["validate", "--skip-env", "four.toml"]);
    run.ok().err_has("ok (4 subscriptions)");
    for unchecked in [
        "four.toml:5:10: the path of target 'https://hooks.example.net/${P}': ${P} is not set",
        "four.toml:6:20: the value of secret.token: ${TOKEN} is not set",
        "four.toml:11:10: the host of target '${ZAP_URL}': ${ZAP_URL} is not set",
        "four.toml:16:10: the host of target 'https://${HOST}.example.com/x'",
    ] {
        run.err_has(&format!("not checked: {unchecked}"));
    }
    let json = w.run(&["-o", "json", "validate", "--skip-env", "four.toml"]);
    json.ok();
    assert_eq!(json.json()["files"][0]["subscriptions"], 4);
    assert_eq!(
        json.json()["files"][0]["unchecked"]
            .as_array()
            .unwrap()
            .len(),
        4
    );

    // What is written out is still checked: duplicates by the text as written, the scheme,
    // the host before the variable, and the 100 limit.
    w.write(
        "bad.toml",
        r#"
[[subscription]]
type = "lead"
event = "new"
target = "https://hooks.example.net/${P}"

[[subscription]]
type = "lead"
event = "new"
target = "https://hooks.example.net/${P}"

[[subscription]]
type = "lead"
event = "update"
target = "http://127.0.0.1/${P}"

[[subscription]]
type = "lead"
event = "delete"
target = "http://${H}/x"

[[subscription]]
type = "person"
event = "new"
target = "https://127.0.0.1/${P}"
"#,
    );
    let run = w.run(&["validate", "--skip-env", "bad.toml"]);
    run.code(65)
        .err_has("bad.toml:7:1: lead.new to https://hooks.example.net/${P} is declared twice")
        .err_has("bad.toml:15:10: target 'http://127.0.0.1/${P}' is not https")
        .err_has("bad.toml:20:10: target 'http://${H}/x' is not https")
        .err_has("bad.toml:25:10: target 'https://127.0.0.1/${P}' points at an internal host");
    // Two variables are two targets, not a duplicate.
    w.write(
        "two.toml",
        "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://h.example.net/${A}\"\n\
         [[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://h.example.net/${B}\"\n",
    );
    w.run(&["validate", "--skip-env", "two.toml"])
        .ok()
        .err_has("ok (2 subscriptions)");
    let many: String = (0..101)
        .map(|i| {
            format!("[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://h{i}.example.net/${{P}}\"\n")
        })
        .collect();
    w.write("many.toml", &many);
    w.run(&["validate", "--skip-env", "many.toml"])
        .code(65)
        .err_has("101 subscriptions; Copper allows at most 100");
}

/// Runs `validate` on hostile input, which must be refused promptly with `expect` said.
fn refused_promptly(w: &World, args: &[&str], expect: &str) {
    let mut cmd = w.command();
    cmd.args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let run =
        crate::harness::wait_or_kill(cmd.spawn().unwrap(), std::time::Duration::from_secs(60));
    run.code(65).err_has(expect);
}

#[test]
fn small_files_that_would_multiply_in_memory_are_refused() {
    let w = World::offline();
    // An accounts file of `accounts` accounts that each take `defaults` default variables.
    let accounts_file = |defaults: usize, accounts: usize| {
        let vars: Vec<String> = (0..defaults).map(|i| format!("V{i} = \"x\"")).collect();
        let mut text = format!("[defaults]\nvars = {{ {} }}\n", vars.join(", "));
        for i in 0..accounts {
            text.push_str(&format!("[account.a{i}]\nprofile = \"p\"\n"));
        }
        text
    };
    // 25,000 default variables, which each of 10,000 accounts would copy (0.6 MiB).
    w.write("wide.toml", &accounts_file(25_000, 10_000));
    w.write("m.toml", "[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n");
    refused_promptly(
        &w,
        &["validate", "--accounts", "wide.toml", "m.toml"],
        "'vars' in [defaults] sets 25000 variables; at most 256",
    );
    // Within each table's bound, the product over accounts is bounded too.
    w.write("many.toml", &accounts_file(200, 10_000));
    refused_promptly(
        &w,
        &["validate", "--accounts", "many.toml", "m.toml"],
        "comes to more than 250000 variable values",
    );
    // A default secret of 30,000 keys that 5,000 tables would each copy (1 MiB).
    let mut manifest =
        String::from("[defaults]\ntarget = \"https://h.example.com/x\"\nsecret = { ");
    manifest.push_str(
        &(0..30_000)
            .map(|i| format!("k{i} = \"v\""))
            .collect::<Vec<_>>()
            .join(", "),
    );
    manifest.push_str(" }\n");
    for i in 0..5_000 {
        manifest.push_str(&format!("[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/{i}\"\n"));
    }
    manifest.truncate(1 << 20);
    let cut = manifest.rfind("[[subscription]]").unwrap();
    manifest.truncate(cut);
    w.write("secrets.toml", &manifest);
    refused_promptly(
        &w,
        &["validate", "secrets.toml"],
        "'secret' has 30000 keys; a subscription takes at most 64",
    );
    // One long variable read in every subscription: each keeps its own copy.
    let long = "y".repeat(100_000);
    w.write(
        "long.toml",
        &format!("[account.a]\nprofile = \"p\"\nvars = {{ BIG = \"{long}\" }}\n"),
    );
    w.write(
        "reads.toml",
        "[defaults]\nsecret = { t = \"${BIG}${BIG}\" }\n[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n",
    );
    refused_promptly(
        &w,
        &["validate", "--accounts", "long.toml", "reads.toml"],
        "longer than 8192 bytes once ${BIG} is read",
    );
}

#[test]
fn the_documented_key_rotation_leaves_only_the_new_keys_subscriptions() {
    // The README's steps, on the emulator (each key and email is an account of its own, as
    // Copper's subscriptions belong to the key that made them).
    let w = World::new();
    w.write("subscriptions.toml", MANIFEST);
    let old = [("COPPER_API_KEY", "old-key-0123456789"), TOKEN];
    let new = [("COPPER_API_KEY", "new-key-0123456789"), TOKEN];
    w.run_with(&["apply", "--yes", "subscriptions.toml"], &old)
        .ok();
    let count = |env: &[(&str, &str)]| {
        let run = w.run_with(&["-o", "json", "list"], env);
        run.ok();
        run.json().as_array().unwrap().len()
    };
    let declared = count(&old);
    assert!(declared > 0);
    // 1. A record of what the old key holds.
    w.run_with(&["export", "--file", "old.toml"], &old).ok();
    // 2. The new key's plan, reviewed first: it creates everything.
    w.run_with(&["plan", "subscriptions.toml"], &new)
        .ok()
        .out_has(&format!("Plan: {declared} to create"));
    // 3. The old key's subscriptions of this manifest go (Copper asks for that first).
    w.write("retire.toml", "owner = \"billing-sync\"\n");
    w.run_with(
        &["apply", "--yes", "--prune", "--force", "retire.toml"],
        &old,
    )
    .ok();
    assert_eq!(count(&old), 0);
    // 4. At once, the new key makes them again; its plan is then in sync.
    w.run_with(&["apply", "--yes", "subscriptions.toml"], &new)
        .ok();
    assert_eq!(count(&new), declared);
    w.run_with(&["plan", "--detailed-exitcode", "subscriptions.toml"], &new)
        .ok();
}
