//! A new user's first hour: the rough edges of #8, each tried the way a person meets it, in a
//! terminal (tmux) where one is involved.

use crate::harness::{entries, Tmux, World};

const T: &str = "https://hooks.example.com/copper";

#[test]
fn login_creates_the_profile_it_names() {
    let w = World::new();
    let key = "test-key-0123456789";
    w.run_with(
        &[
            "--profile",
            "staging",
            "auth",
            "login",
            "--email",
            "dev@example.com",
            "--api-key",
            key,
        ],
        &[("COPPER_API_KEY", ""), ("COPPER_USER_EMAIL", "")],
    )
    .ok()
    .err_has("Saved profile 'staging'");
    w.run_with(
        &[
            "auth",
            "login",
            "--email",
            "dev@example.com",
            "--api-key",
            key,
        ],
        &[
            ("COPPER_PROFILE", "qa"),
            ("COPPER_API_KEY", ""),
            ("COPPER_USER_EMAIL", ""),
        ],
    )
    .ok()
    .err_has("Saved profile 'qa'");
    let stored = std::fs::read_to_string(w.path("config/credentials.toml")).unwrap();
    assert!(
        stored.contains("[profiles.staging]") && stored.contains("[profiles.qa]"),
        "{stored}"
    );
    // Other commands still stop at a profile that does not exist.
    w.run_with(
        &["--profile", "nope", "list"],
        &[("COPPER_API_KEY", ""), ("COPPER_USER_EMAIL", "")],
    )
    .code(4)
    .err_has("auth login");
}

#[test]
fn login_prompts_in_a_terminal_and_creates_the_profile() {
    let w = World::new();
    let Some(term) = Tmux::start(&w, 100) else {
        return;
    };
    term.send("unset COPPER_API_KEY COPPER_USER_EMAIL", true);
    term.run(&["--profile", "staging", "auth", "login"]);
    term.wait_for("Email of the API key's owner");
    term.send("dev@example.com", true);
    term.wait_for("API key");
    term.send("test-key-0123456789", true);
    let (screen, code) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Saved profile 'staging'"), "{screen}");
    assert!(
        !screen.contains("test-key-0123456789"),
        "the key was echoed:\n{screen}"
    );
}

#[test]
fn a_refused_login_says_what_was_refused_and_that_nothing_was_saved() {
    let w = World::with(&["--api-key", "the-right-key-000000"]);
    let run = w.run_with(
        &[
            "auth",
            "login",
            "--email",
            "dev@example.com",
            "--api-key",
            "a-wrong-key-11111111",
        ],
        &[("COPPER_API_KEY", "")],
    );
    run.code(4);
    let line = run.error_line();
    assert!(
        line.contains("refused the email and API key just given"),
        "{line}"
    );
    assert!(line.contains("nothing was saved"), "{line}");
    assert!(!line.contains("auth status"), "{line}");
    assert!(!w.path("config/credentials.toml").exists());
}

#[test]
fn prompts_wait_for_enter_and_list_what_they_delete() {
    let w = World::new();
    let id = w.create("lead", "new", T, &[]).to_string();
    let keep = w.create("person", "new", T, &[]).to_string();
    let Some(term) = Tmux::start(&w, 100) else {
        return;
    };
    // Declining is its own outcome, and nothing goes.
    term.run(&["delete", &keep]);
    let asked = term.wait_for("Delete this subscription?");
    assert!(
        asked.contains(&format!("{keep}  person.new  {T}")),
        "{asked}"
    );
    term.send("n", true);
    let (screen, code) = term.wait_exit();
    assert_eq!(code, 5, "{screen}");
    // A choice, said as one: no "error".
    assert!(screen.contains("Nothing was changed."), "{screen}");
    assert!(!screen.contains("error"), "{screen}");
    // `yes` + Enter is one answer: the shell gets no `es`.
    term.send("clear", true);
    term.run(&["delete", &id]);
    term.wait_for("Delete this subscription?");
    term.send("yes", true);
    let (screen, code) = term.wait_exit();
    assert_eq!(code, 0, "{screen}");
    assert!(
        !screen.contains("not found"),
        "the shell ran the rest:\n{screen}"
    );
    let left: Vec<String> = w.list().iter().map(|s| s["id"].to_string()).collect();
    assert_eq!(left, vec![keep]);
}

#[test]
fn no_terminal_to_ask_on_is_one_usage_error_everywhere() {
    let w = World::new();
    let id = w.create("lead", "new", T, &[]).to_string();
    let path = w.write("m.toml", &entries(0..1));
    for args in [
        vec!["delete", id.as_str()],
        vec!["apply", path.to_str().unwrap()],
    ] {
        w.run(&args).code(64).err_has("no terminal to ask on");
    }
    w.run_with(
        &["auth", "login"],
        &[("COPPER_API_KEY", ""), ("COPPER_USER_EMAIL", "")],
    )
    .code(64)
    .err_has("no terminal to ask on");
    assert_eq!(w.list().len(), 1);
}

#[test]
fn json_is_honoured_or_refused_never_ignored() {
    let w = World::new();
    w.create("lead", "new", T, &["--secret", "token=s3cr3t"]);
    let good = w.write("good.toml", &entries(0..2));
    let bad = w.write(
        "bad.toml",
        "[[subscription]]\ntype = \"persn\"\nevent = \"new\"\n",
    );
    let run = w.run(&[
        "-o",
        "json",
        "validate",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    run.code(65);
    let report = run.json();
    assert_eq!(report["valid"], false);
    assert_eq!(report["files"][0]["valid"], true);
    assert_eq!(report["files"][0]["subscriptions"], 2);
    let problems = report["files"][1]["problems"].as_array().unwrap();
    let problem = problems
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("persn"))
        .unwrap();
    assert_eq!(problem["line"], 2);
    assert_eq!(problem["column"], 8);
    assert!(problem["message"]
        .as_str()
        .unwrap()
        .contains("did you mean 'person'?"));
    let export = w.run(&["-o", "json", "export"]);
    export.ok();
    let doc = export.json();
    assert_eq!(doc["manifest"]["subscription"][0]["type"], "lead");
    assert_eq!(doc["variables"][0]["name"], "COPPER_SECRET_TOKEN");
    assert!(!export.stdout.contains("s3cr3t"));
    for args in [
        vec!["-o", "json", "delete", "--yes", "1"],
        vec!["-o", "json", "auth", "logout"],
        vec!["-o", "json", "completions", "bash"],
    ] {
        w.run(&args).code(64).err_has("-o json is not supported");
    }
}

#[test]
fn quiet_keeps_only_the_summary() {
    let w = World::new();
    let path = w.write("m.toml", &entries(0..3));
    let p = path.to_str().unwrap();
    let plan = w.run(&["-q", "plan", p]);
    plan.ok();
    let lines: Vec<&str> = plan.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged. (dev@example.com at 127.0.0.1)"
    );
    // The one line a reviewer needs stays.
    let full = w.run(&["plan", p]);
    let checksum = full
        .stdout
        .lines()
        .find(|l| l.starts_with("Checksum: "))
        .unwrap();
    assert_eq!(lines[1..], [checksum], "{}", plan.stdout);
    let apply = w.run(&["-q", "apply", "--yes", p]);
    apply.ok();
    assert_eq!(apply.stdout, "");
    assert_eq!(
        apply.stderr.trim(),
        "Apply complete on dev@example.com at 127.0.0.1: 3 created, 0 updated, 0 deleted."
    );
}

#[test]
fn conflicting_flags_and_usage_errors_are_one_line() {
    let w = World::new();
    let id = w.create("lead", "new", T, &[]).to_string();
    let run = w.run(&["update", &id, "--computed-values", "--no-computed-values"]);
    run.code(64);
    let line = run.error_line();
    assert!(line.contains("cannot be used with"), "{line}");
    assert!(line.ends_with("see `copper-hooks update --help`"), "{line}");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let run = w.run(&["list", "--typo"]);
    run.code(64);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains("For more information"),
        "{}",
        run.stderr
    );
    // A bad value names the command whose help explains it, flags and their values
    // (global ones included) skipped on the way.
    for (args, help) in [
        (
            vec!["emulator", "--latency", "x"],
            "copper-hooks emulator --help",
        ),
        (
            vec![
                "--profile",
                "list",
                "-o",
                "json",
                "emulator",
                "--latency",
                "x",
            ],
            "copper-hooks emulator --help",
        ),
        (
            vec!["auth", "login", "--email"],
            "copper-hooks auth login --help",
        ),
        (vec!["-o", "jsn", "list"], "copper-hooks list --help"),
    ] {
        let run = w.run(&args);
        run.code(64);
        let line = run.error_line();
        assert!(line.ends_with(&format!("see `{help}`")), "{args:?}: {line}");
    }
}

#[test]
fn an_empty_variable_is_called_empty() {
    let w = World::offline();
    let path = w.write(
        "m.toml",
        &format!("{}secret = {{ token = \"${{EMPTY}}\" }}\n", entries(0..1)),
    );
    w.run_with(&["validate", path.to_str().unwrap()], &[("EMPTY", "")])
        .code(65)
        .err_has("EMPTY is not set");
    let mut cmd = w.command();
    cmd.args(["validate", path.to_str().unwrap()])
        .env("EMPTY", "");
    let run = crate::harness::into_run(cmd.output().unwrap());
    run.code(65).err_has("environment variable EMPTY is empty");
}

#[test]
fn the_readme_shows_the_example_files_themselves() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for (path, lang) in [
        ("examples/subscriptions.toml", "toml"),
        ("examples/accounts.toml", "toml"),
        ("docs/github-workflow.yml", "yaml"),
        ("docs/github-drift.yml", "yaml"),
    ] {
        let marker = format!("<!-- example:{path} -->\n```{lang}\n");
        let start = readme
            .find(&marker)
            .unwrap_or_else(|| panic!("the README marks {path}"))
            + marker.len();
        let block = &readme[start..start + readme[start..].find("```").unwrap()];
        let file = std::fs::read_to_string(root.join(path)).unwrap();
        assert_eq!(block, file, "README's copy differs from {path}");
    }
}
