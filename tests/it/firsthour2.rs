//! The first hour of #20: wrong answers a new user met, each tried the way a person meets it.

use crate::harness::World;

const M: &str =
    "[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n";

#[test]
fn the_sandbox_never_reads_the_users_credentials() {
    let w = World::offline();
    // A profile named in the environment that does not exist, and a credentials file that
    // is readable by others and not even TOML: none of it is the sandbox's business.
    let config = w.path("config");
    std::fs::create_dir_all(&config).unwrap();
    let creds = config.join("credentials.toml");
    std::fs::write(&creds, "this is not toml [[[").unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&creds, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    w.run_with(&["--sandbox", "list"], &[("COPPER_PROFILE", "staging")])
        .ok();
    w.run(&["--sandbox", "list"]).ok();
}

#[test]
fn skip_unresolved_never_turns_a_broken_manifest_into_success() {
    let w = World::new();
    w.write(
        "accounts.toml",
        &format!(
            "[account.a]\napi_key_env = \"A_KEY\"\nemail = \"a@example.com\"\napi_url = \"{}\"\n",
            w.emu().url
        ),
    );
    w.write("broken.toml", &M.replace("person", "persn"));
    let env = [("A_KEY", "a-key-0123456789")];
    for args in [
        &["apply", "--yes", "--skip-unresolved"][..],
        &["plan", "--detailed-exitcode", "--skip-unresolved"],
    ] {
        let mut args = args.to_vec();
        args.extend(["--accounts", "accounts.toml", "broken.toml"]);
        let run = w.run_with(&args, &env);
        run.code(65)
            .err_has("unknown type 'persn'")
            .err_has("whatever the accounts");
        // Said once, not once per account.
        assert_eq!(
            run.stderr.matches("unknown type 'persn'").count(),
            1,
            "{}",
            run.stderr
        );
    }
    assert_eq!(w.emu().stats()["requests"], 0);
}

#[test]
fn validate_over_accounts_gives_advice_it_takes_and_json_with_every_problem() {
    let w = World::offline();
    w.write(
        "bad.toml",
        "[account.a]\napi_key_env = \"A_KEY\"\nemail = \"a@example.com\"\nbogus = 1\n\n[account.b]\nprofile = \"p\"\nemail = \"x@example.com\"\n",
    );
    w.write("m.toml", M);
    let run = w.run(&["-o", "json", "validate", "--accounts", "bad.toml", "m.toml"]);
    run.code(65);
    let doc = run.json();
    let problems = doc["files"][0]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{doc}");
    for p in problems {
        assert_eq!(p["file"], "bad.toml");
        assert!(
            p["line"].as_u64().unwrap() > 0 && p["column"].as_u64().unwrap() > 0,
            "{p}"
        );
        assert!(!p["message"].as_str().unwrap().is_empty());
    }
    // An account that cannot be resolved: the advice is one validate takes.
    w.write(
        "unset.toml",
        "[account.a]\napi_key_env = \"A_KEY\"\nemail = \"a@example.com\"\nvars = { T = { env = \"UNSET_T\" } }\n",
    );
    w.write("t.toml", &M.replace("/x", "/${T}"));
    let run = w.run(&["validate", "--accounts", "unset.toml", "t.toml"]);
    run.code(65)
        .err_has("choose the accounts to check with --account");
    assert!(!run.stderr.contains("--skip-unresolved"), "{}", run.stderr);
}

#[test]
fn a_typo_in_triggers_type_or_event_is_a_usage_error_with_a_suggestion() {
    let w = World::offline();
    w.run(&["trigger", "persn.update", "--to", "http://127.0.0.1:9/"])
        .code(64)
        .err_has("did you mean 'person'");
    w.run(&["trigger", "person.updte", "--to", "http://127.0.0.1:9/"])
        .code(64)
        .err_has("did you mean 'update'");
}

#[test]
fn man_advice_works_as_printed() {
    let w = World::offline();
    let dir = w.path("share/man/man1");
    let run = w.run(&["man", "--dir", dir.to_str().unwrap()]);
    run.ok();
    let parent = w.path("share/man");
    assert!(
        run.stderr
            .contains(&format!("put {} on MANPATH", parent.display())),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("man1 on MANPATH"), "{}", run.stderr);
}

#[test]
fn small_surface_mistakes_are_gone() {
    let w = World::offline();
    // The emulator reads --api-key alone, and says so.
    let help = w.run(&["emulator", "--help"]);
    help.ok().out_has("COPPER_API_KEY is not read");
    assert!(
        !help.stdout.contains("[env: COPPER_API_KEY]"),
        "{}",
        help.stdout
    );
    // export's --accounts says what export does with it.
    w.run(&["export", "--help"])
        .ok()
        .out_has("Export every account of this accounts file");
    // No completion offers the test knob that is no flag.
    for shell in ["bash", "zsh", "fish"] {
        let script = w.run(&["completions", shell]);
        script.ok();
        assert!(!script.stdout.contains("backoff-ms"), "{shell}");
    }
    // Advice with a profile name that needs quoting quotes it.
    w.run(&["--profile", "bad name", "list"])
        .code(4)
        .err_has("copper-hooks --profile 'bad name' auth login");
}
