//! A fresh user's frictions (#12), each met the way a new user meets it.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::{sub, Tmux, World};

const T: &str = "https://hooks.example.com/copper";

/// Every default the README states for a flag (`--flag ... default N`) is the binary's.
#[test]
fn the_readme_states_the_defaults_the_binary_has() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut root = copper_hooks::cli::command();
    root.build();
    let mut defaults: Vec<(String, String)> = Vec::new();
    let mut stack = vec![root];
    while let Some(cmd) = stack.pop() {
        for arg in cmd.get_arguments() {
            if let (Some(long), [value]) = (arg.get_long(), arg.get_default_values()) {
                defaults.push((format!("--{long}"), value.to_string_lossy().into_owned()));
            }
        }
        stack.extend(cmd.get_subcommands().cloned());
    }
    let mut checked = 0;
    for (flag, value) in &defaults {
        // Each mention of the flag followed closely by "default X".
        for (at, _) in readme.match_indices(&format!("`{flag}")) {
            // `--dead` is not `--deadline`.
            let after = readme[at + flag.len() + 1..].chars().next();
            if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-') {
                continue;
            }
            let near: String = readme[at..].chars().take(90).collect();
            let Some(stated) = near.split("default ").nth(1) else {
                continue;
            };
            let stated: String = stated
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '.')
                .collect();
            assert_eq!(
                &stated, value,
                "README says {flag} defaults to {stated}, the binary to {value}: {near}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} defaults found in the README");
}

#[test]
fn auth_login_without_a_terminal_reads_the_environment() {
    let w = World::new();
    // The key stays out of argv: only the environment carries it.
    w.run(&["--profile", "ci", "auth", "login"])
        .ok()
        .err_has("Saved profile 'ci'");
    let stored = std::fs::read_to_string(w.path("config/credentials.toml")).unwrap();
    assert!(stored.contains("test-key-0123456789"), "{stored}");
    // With neither, the advice names the variables first.
    w.run_with(
        &["auth", "login"],
        &[("COPPER_API_KEY", ""), ("COPPER_USER_EMAIL", "")],
    )
    .code(64)
    .err_has("set COPPER_USER_EMAIL and COPPER_API_KEY");
}

#[test]
fn the_sandbox_says_what_does_not_apply_to_it() {
    let w = World::offline();
    for what in ["login", "logout"] {
        let run = w.run(&["--sandbox", "auth", what]);
        run.code(64);
        assert!(
            run.error_line()
                .contains(&format!("`auth {what}` does not apply to the sandbox")),
            "{}",
            run.stderr
        );
    }
    assert!(!w.path("config/credentials.toml").exists());
    w.run(&["--sandbox", "auth", "status"])
        .ok()
        .out_has("built-in sandbox");
}

#[test]
fn plans_and_summaries_name_the_account() {
    let w = World::offline();
    let m = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/subscriptions.toml");
    w.run(&["--sandbox", "plan", m])
        .ok()
        .out_has("on the sandbox (owner 'billing-sync'");
    w.run(&["--sandbox", "apply", "--yes", m])
        .ok()
        .err_has("Apply complete on the sandbox: 6 created");
    w.run(&["--sandbox", "apply", "--yes", m])
        .ok()
        .err_has("Nothing to do: the sandbox is in sync");
    let json = w.run(&["--sandbox", "-o", "json", "plan", m]);
    assert_eq!(json.json()["account"], "the sandbox");
    // A stored profile is named by its name and user, never its key.
    let e = World::new();
    e.run(&["--profile", "staging", "auth", "login"]).ok();
    let run = e.run_with(
        &["--profile", "staging", "plan", m],
        &[
            ("COPPER_API_KEY", ""),
            ("COPPER_USER_EMAIL", ""),
            ("COPPER_HOOK_TOKEN", "t0ken"),
        ],
    );
    run.ok()
        .out_has("on profile 'staging' (dev@example.com at 127.0.0.1)");
    assert!(!run.all().contains("test-key-0123456789"));
}

#[test]
fn a_slow_answer_is_said_with_what_is_awaited_and_until_when() {
    let w = World::with(&["--fault", "GET * slow:4500 x1"]);
    let run = w.run(&["list"]);
    run.ok().err_has("waiting for 127.0.0.1 to answer GET /developer_api/v1/webhooks (3 s so far; this try gives up at");
    assert!(
        run.stderr.contains("UTC, the command at "),
        "{}",
        run.stderr
    );
    // -q keeps quiet about it.
    w.emu()
        .fault(json!([{"method": "GET", "kind": "slow", "ms": 4500, "times": 1}]));
    let quiet = w.run(&["-q", "list"]);
    quiet.ok();
    assert!(!quiet.stderr.contains("waiting"), "{}", quiet.stderr);
}

#[test]
fn a_slow_answer_shows_a_spinner_on_a_terminal() {
    let w = World::with(&["--fault", "GET * slow:5000 x1"]);
    let Some(term) = Tmux::start(&w, 120) else {
        return;
    };
    term.run(&["list"]);
    let during = term.wait_for("waiting for an answer");
    assert!(
        during.contains("waiting for 127.0.0.1 to answer GET"),
        "{during}"
    );
    let (after, code) = term.wait_exit();
    assert_eq!(code, 0, "{after}");
    assert!(
        !after.contains("waiting for an answer"),
        "the spinner stayed:\n{after}"
    );
}

#[test]
fn export_says_which_subscription_each_placeholder_serves() {
    let w = World::seeded(
        &[
            sub(170_001, "lead", "new", T, json!({"token": "a-value"})),
            sub(170_002, "lead", "update", T, json!({"token": "b-value"})),
            sub(170_003, "person", "new", T, json!({"token": "b-value"})),
        ],
        &[],
    );
    let run = w.run(&["export"]);
    run.ok()
        .out_has(
            "#   COPPER_SECRET_TOKEN: value of secret 'token' of subscription 170001 lead.new\n",
        )
        .out_has(
            "#   COPPER_SECRET_TOKEN_2: value of secret 'token' of subscriptions 170002 \
             lead.update, 170003 person.new\n",
        );
}

#[test]
fn trigger_names_why_it_could_not_connect_and_times_are_rounded() {
    let w = World::offline();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let run = w.run(&[
        "trigger",
        "lead.new",
        "--to",
        &format!("http://127.0.0.1:{port}/"),
    ]);
    run.code(1)
        .err_has("could not connect: connection refused: nothing listens there");
    let json = w.run(&[
        "-o",
        "json",
        "trigger",
        "lead.new",
        "--to",
        &format!("http://127.0.0.1:{port}/"),
    ]);
    // Milliseconds to the 10 µs: at most two decimals, never float noise.
    for ms in json.stdout.split("\"ms\":").skip(1) {
        let number: String = ms
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let decimals = number.split('.').nth(1).map_or(0, str::len);
        assert!(decimals <= 2, "{number} in {}", json.stdout);
    }
}

#[test]
fn listen_and_the_emulator_stop_cleanly_on_sigterm_and_sigint() {
    let w = World::offline();
    for (signal, said) in [("-TERM", "SIGTERM"), ("-INT", "SIGINT")] {
        for server in [&["listen", "--port", "0"][..], &["emulator"]] {
            let mut cmd = w.command();
            cmd.args(server)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            // The first line says it is listening.
            let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
            let mut line = String::new();
            std::io::BufRead::read_line(&mut out, &mut line).unwrap();
            assert!(line.contains("listening on"), "{line}");
            let killed = std::process::Command::new("kill")
                .args([signal, &child.id().to_string()])
                .status()
                .unwrap();
            assert!(killed.success());
            let deadline = Instant::now() + Duration::from_secs(20);
            let status = loop {
                if let Some(status) = child.try_wait().unwrap() {
                    break status;
                }
                assert!(Instant::now() < deadline, "{server:?} did not stop");
                std::thread::sleep(Duration::from_millis(20));
            };
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            assert_eq!(status.code(), Some(0), "{server:?} on {signal}: {err}");
            assert!(err.contains(&format!("({said}")), "{server:?}: {err}");
        }
    }
}

#[test]
fn each_command_help_lists_only_the_flags_it_reads() {
    let w = World::offline();
    for quiet_only in ["listen", "completions", "man", "validate", "replay"] {
        let help = w.run(&[quiet_only, "--help"]);
        help.ok();
        for flag in [
            "--api-key",
            "--profile",
            "--sandbox",
            "--rate-limit",
            "--show-secrets",
        ] {
            assert!(
                !help.stdout.contains(flag),
                "`{quiet_only} --help` lists {flag}:\n{}",
                help.stdout
            );
        }
    }
    let list = w.run(&["list", "--help"]);
    list.ok()
        .out_has("--api-key")
        .out_has("--show-secrets")
        .out_has("--wide");
    // The top level lists them all, and a command still accepts them.
    w.run(&["--help"])
        .ok()
        .out_has("--api-key")
        .out_has("--sandbox");
    w.run(&["--sandbox", "-q", "completions", "bash"]).ok();
}

#[test]
fn auth_status_on_a_refused_key_advises_login_not_itself() {
    let w = World::with(&["--api-key", "the-only-key-0123"]);
    let run = w.run(&["auth", "status"]);
    run.code(4);
    let line = run.error_line();
    assert!(line.contains("Copper refused these credentials"), "{line}");
    assert!(line.contains("copper-hooks auth login"), "{line}");
    assert!(!line.contains("auth status"), "{line}");
}
