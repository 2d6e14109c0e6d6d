//! What a person sees in a terminal, tested in one: the binary runs in tmux, driven with
//! send-keys and read with capture-pane.

use serde_json::json;

use crate::harness::{entries, golden, sub, Tmux, World};

#[test]
fn a_long_apply_shows_a_progress_bar_on_a_terminal_only() {
    let w = World::with(&["--latency", "40"]);
    let path = w.write("m.toml", &entries(0..60));
    let Some(term) = Tmux::start(&w, 80) else {
        return;
    };
    term.run(&[
        "apply",
        "--yes",
        "--concurrency",
        "2",
        path.to_str().unwrap(),
    ]);
    let during = term.wait_for("/60 changes");
    assert!(during.contains("created (id"), "{during}");
    let (after, code) = term.wait_exit();
    assert_eq!(code, 0, "{after}");
    assert!(
        after.contains("Apply complete on dev@example.com at 127.0.0.1: 60 created"),
        "{after}"
    );
    assert!(
        !after.contains("/60 changes"),
        "the bar was left behind:\n{after}"
    );
    // Off a terminal there is no bar, only a line per change.
    let path = w.write("n.toml", &entries(60..63));
    let piped = w.run(&["apply", "--yes", path.to_str().unwrap()]);
    piped.ok();
    assert!(!piped.stderr.contains("changes"), "{}", piped.stderr);
    assert_eq!(piped.stderr.matches("created (id").count(), 3);
}

#[test]
fn list_fits_80_columns_and_keeps_targets_whole() {
    let mut people = sub(
        170_001,
        "person",
        "update",
        "https://hooks.example.com/copper/people",
        json!({"token": "s3cr3t", "copper_hooks_owner": "billing-sync"}),
    );
    people["headers"] = json!({"X-Source": "copper"});
    let subs = [
        people,
        sub(
            170_002,
            "activity_log",
            "new",
            "https://hooks.example.com/copper",
            json!({}),
        ),
        sub(
            170_003,
            "opportunity",
            "delete",
            "https://n8n.example.com/webhook/7f3a",
            json!({"k": "v"}),
        ),
    ];
    let w = World::seeded(&subs, &[]);
    for cols in [80u16, 200] {
        let Some(term) = Tmux::start(&w, cols) else {
            return;
        };
        let shown = term.output_of(&["list"]);
        golden(&format!("list-{cols}.txt"), &shown);
        for line in shown.lines() {
            assert!(
                line.chars().count() <= usize::from(cols),
                "too wide:\n{shown}"
            );
        }
        assert!(
            shown.contains("https://n8n.example.com/webhook/7f3a"),
            "{shown}"
        );
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
}

#[test]
fn ctrl_c_leaves_no_progress_bar_behind() {
    let w = World::with(&["--latency", "200"]);
    let path = w.write("m.toml", &entries(0..60));
    let Some(term) = Tmux::start(&w, 80) else {
        return;
    };
    term.run(&[
        "apply",
        "--yes",
        "--concurrency",
        "1",
        path.to_str().unwrap(),
    ]);
    term.wait_for("/60 changes");
    term.key("C-c");
    let (after, code) = term.wait_exit();
    assert_eq!(code, 130, "{after}");
    assert!(
        after.contains("Interrupted: finishing the calls in flight"),
        "{after}"
    );
    assert!(
        !after.contains("/60 changes"),
        "the bar was left behind after Ctrl-C:\n{after}"
    );
}

#[test]
fn a_fleets_summary_fits_80_columns() {
    let w = World::offline();
    let root = env!("CARGO_MANIFEST_DIR");
    let accounts = format!("{root}/examples/accounts.toml");
    let manifest = format!("{root}/examples/tenant-subscriptions.toml");
    let Some(term) = Tmux::start(&w, 80) else {
        return;
    };
    let args = [
        "--sandbox",
        "-q",
        "apply",
        "--yes",
        "--accounts",
        &accounts,
        &manifest,
    ];
    let first = term.output_of(&args);
    let again = term.output_of(&args);
    golden(
        "fleet-apply-80.txt",
        &format!("{first}\n--- again ---\n{again}"),
    );
    for line in first.lines().chain(again.lines()) {
        assert!(line.chars().count() <= 80, "too wide:\n{first}");
    }
    assert!(first.contains("3 applied"), "{first}");
    assert!(again.contains("3 in sync"), "{again}");
}
