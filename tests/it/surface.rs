//! The CLI's surface: the --help tree, generated completions and man pages, the sandbox,
//! and usage errors.

use std::path::Path;

use crate::harness::{golden, World};

const COMMANDS: &[&str] = &[
    "",
    "list",
    "get",
    "create",
    "update",
    "delete",
    "validate",
    "plan",
    "apply",
    "export",
    "auth",
    "auth login",
    "auth status",
    "auth logout",
    "emulator",
    "completions",
    "man",
];

#[test]
fn help_tree_is_golden() {
    let w = World::offline();
    let mut all = String::new();
    for cmd in COMMANDS {
        let mut args: Vec<&str> = cmd.split_whitespace().collect();
        args.push("--help");
        let run = w.run_with(&args, &[("COLUMNS", "100")]);
        run.ok();
        all.push_str(&format!(
            "$ copper-hooks {}\n{}\n",
            args.join(" "),
            run.stdout
        ));
    }
    golden("help.txt", &all);
}

/// Generates into a temp folder and compares with the checked-in folder;
/// `UPDATE_GOLDEN=1` copies the fresh files over.
fn same_tree(args: &[&str], checked_in: &str) {
    let w = World::offline();
    let fresh = w.path("fresh");
    let fresh_arg = fresh.to_str().unwrap();
    let mut full = args.to_vec();
    full.extend(["--dir", fresh_arg]);
    w.run(&full).ok();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join(checked_in);
    let mut names: Vec<_> = std::fs::read_dir(&fresh)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&repo);
        std::fs::create_dir_all(&repo).unwrap();
        for name in &names {
            std::fs::copy(fresh.join(name), repo.join(name)).unwrap();
        }
        return;
    }
    let mut have: Vec<_> = std::fs::read_dir(&repo)
        .unwrap_or_else(|_| panic!("{checked_in}/ is missing; run `UPDATE_GOLDEN=1 cargo test`"))
        .map(|e| e.unwrap().file_name())
        .collect();
    have.sort();
    assert_eq!(
        have, names,
        "{checked_in}/ has other files than the CLI generates; run `UPDATE_GOLDEN=1 cargo test`"
    );
    for name in names {
        let a = std::fs::read(fresh.join(&name)).unwrap();
        let b = std::fs::read(repo.join(&name)).unwrap();
        assert!(
            a == b,
            "{checked_in}/{} drifted from the CLI; run `UPDATE_GOLDEN=1 cargo test`",
            name.to_string_lossy()
        );
    }
}

#[test]
fn completions_match_the_cli() {
    same_tree(&["completions"], "completions");
}

#[test]
fn man_pages_match_the_cli() {
    same_tree(&["man"], "man");
}

#[test]
fn completions_and_man_print_to_stdout() {
    let w = World::offline();
    w.run(&["completions", "bash"])
        .ok()
        .out_has("complete -F _copper__hooks");
    w.run(&["man"])
        .ok()
        .out_has(".TH copper-hooks")
        .out_has("EXIT STATUS");
    w.run(&["completions"]).code(64);
    // Written to a folder, they say what went where.
    let dir = w.path("out");
    let dir = dir.to_str().unwrap();
    w.run(&["completions", "--dir", dir]).ok().err_has(&format!(
        "Wrote 5 completion scripts to {dir}: copper-hooks.bash, _copper-hooks"
    ));
    w.run(&["man", "--dir", dir])
        .ok()
        .err_has(&format!("man pages to {dir}"));
}

#[test]
fn usage_errors_do_not_collide_with_changes_pending() {
    let w = World::offline();
    w.run(&["list", "--bogus"]).code(64);
    w.run(&["frobnicate"]).code(64);
    w.run(&["get", "not-a-number"]).code(64);
    w.run(&["-o", "markdown", "list"])
        .code(64)
        .err_has("-o markdown is for plan and apply");
    w.run(&["--version"]).ok().out_has("copper-hooks ");
}

#[test]
fn sandbox_runs_the_example_with_no_account() {
    let w = World::offline();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/subscriptions.toml");
    let example = example.to_str().unwrap();
    w.run(&["--sandbox", "validate", example]).ok();
    let run = w.run(&["--sandbox", "apply", "--yes", example]);
    run.ok().err_has("Apply complete on the sandbox: 6 created");
    // State is kept in the data folder: a second run is in sync, and list sees it.
    w.run(&["--sandbox", "apply", "--yes", example])
        .ok()
        .err_has("in sync");
    let list = w.run(&["--sandbox", "-o", "json", "list"]);
    assert_eq!(list.json().as_array().unwrap().len(), 6);
    assert!(w.path("data/sandbox.json").exists());
    assert!(!w.path("home").exists(), "the real home is never touched");
}

#[test]
fn emulator_help_shows_only_what_the_emulator_uses() {
    let w = World::offline();
    let help = w.run(&["emulator", "--help"]);
    help.ok();
    for client_only in [
        "--sandbox",
        "--retries",
        "--show-secrets",
        "--deadline",
        "--output",
    ] {
        assert!(
            !help.stdout.contains(client_only),
            "{client_only} in:\n{}",
            help.stdout
        );
    }
    for its_own in ["--rate-limit", "--api-key", "--listen", "--other-client"] {
        assert!(
            help.stdout.contains(its_own),
            "{its_own} missing:\n{}",
            help.stdout
        );
    }
    let list = w.run(&["list", "--help"]);
    assert!(list.stdout.contains("--sandbox"), "{}", list.stdout);
}
