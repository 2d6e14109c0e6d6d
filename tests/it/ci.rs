//! What a CI pipeline needs from the CLI itself (#14): one plan run that writes the Markdown
//! and the JSON of the same plan, a stable hidden marker per manifest and account, and
//! required variables that stop a real run when a CI secret is missing.

use serde_json::Value;

use crate::harness::{entries, World};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/subscriptions.toml");

#[test]
fn one_plan_run_writes_markdown_and_json_of_the_same_plan() {
    let w = World::new();
    let m = w.write("m.toml", &entries(0..3));
    let (md, json) = (w.path("plan.md"), w.path("plan.json"));
    let run = w.run(&[
        "plan",
        "--markdown-file",
        md.to_str().unwrap(),
        "--json-file",
        json.to_str().unwrap(),
        m.to_str().unwrap(),
    ]);
    run.ok();
    assert_eq!(w.emu().stats()["requests"], 1, "one list call");
    let md = std::fs::read_to_string(&md).unwrap();
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let checksum = json["checksum"].as_str().unwrap();
    assert!(md.contains(&format!("Checksum: `{checksum}`")), "{md}");
    assert!(run.stdout.contains(&format!("Checksum: {checksum}")));
    assert_eq!(json["summary"]["create"], 3);
    assert_eq!(json["account"], "dev@example.com at 127.0.0.1");
    // The hidden marker comes first, the same for the same manifest and account.
    let marker = md.lines().next().unwrap();
    assert!(
        marker.starts_with("<!-- copper-hooks plan manifest="),
        "{marker}"
    );
    let again = w.run(&["-o", "markdown", "plan", m.to_str().unwrap()]);
    assert_eq!(again.stdout.lines().next().unwrap(), marker);
    // Another account (another user), another marker.
    let other = w.run_with(
        &["-o", "markdown", "plan", m.to_str().unwrap()],
        &[("COPPER_USER_EMAIL", "other@example.com")],
    );
    assert_ne!(other.stdout.lines().next().unwrap(), marker);
    assert!(!md.contains("test-key-0123456789"));
}

#[test]
fn a_missing_ci_secret_stops_the_run_by_name_but_not_the_sandbox() {
    let w = World::new();
    for args in [
        &["plan", EXAMPLE][..],
        &["apply", "--yes", EXAMPLE],
        &["validate", EXAMPLE],
    ] {
        let run = w.run(args);
        run.code(65)
            .err_has("environment variable COPPER_HOOK_TOKEN is required (the token the receiver checks) and is not set");
    }
    w.run_with(&["plan", EXAMPLE], &[("COPPER_HOOK_TOKEN", "")])
        .code(65);
    assert_eq!(w.emu().writes(), 0);
    w.run_with(
        &["apply", "--yes", EXAMPLE],
        &[("COPPER_HOOK_TOKEN", "real-token")],
    )
    .ok();
    let secrets: Vec<String> = w
        .list()
        .iter()
        .map(|s| s["secret"]["token"].as_str().unwrap().to_string())
        .collect();
    assert!(secrets.iter().all(|s| s == "real-token"), "{secrets:?}");
    // The sandbox takes its own value, which no real account ever gets.
    let s = World::offline();
    s.run(&["--sandbox", "apply", "--yes", EXAMPLE]).ok();
    let token = s.run(&["--sandbox", "-o", "json", "--show-secrets", "list"]);
    assert!(
        token.stdout.contains("sandbox-copper-hook-token"),
        "{}",
        token.stdout
    );
    // Pre-merge checks without secrets still pass, saying what they could not check.
    w.run(&["validate", "--skip-env", EXAMPLE])
        .ok()
        .err_has("not checked");
}
