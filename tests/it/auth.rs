//! Credentials: resolution order, the 0600 profile file, and what Copper says of them.

use crate::harness::World;

/// Runs with no credentials in the environment, only the API URL.
fn bare(w: &World, args: &[&str], extra: &[(&str, &str)]) -> crate::harness::Run {
    let mut env = vec![("COPPER_API_KEY", ""), ("COPPER_USER_EMAIL", "")];
    env.extend_from_slice(extra);
    w.run_with(args, &env)
}

#[test]
fn login_checks_and_stores_a_private_profile() {
    let w = World::with(&["--api-key", "good-key-123456", "--email", "me@example.com"]);
    let run = bare(
        &w,
        &[
            "--email",
            "me@example.com",
            "--api-key",
            "good-key-123456",
            "auth",
            "login",
        ],
        &[],
    );
    run.ok()
        .err_has("Copper accepts these credentials")
        .err_has("mode 0600");
    let file = w.path("config/credentials.toml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The stored profile is now what commands use, and status says where it came from.
    let status = bare(&w, &["auth", "status"], &[]);
    status
        .ok()
        .out_has("email:       me@example.com (profile file)")
        .out_has("api key:     ********3456 (profile file)")
        .out_has("copper:      accepted");
    assert!(!status.all().contains("good-key-123456"));

    // Flags beat the environment, which beats the profile.
    let status = bare(
        &w,
        &["auth", "status"],
        &[("COPPER_USER_EMAIL", "env@example.com")],
    );
    status
        .code(4)
        .out_has("env@example.com (environment variable COPPER_USER_EMAIL)");
    let status = bare(
        &w,
        &["--email", "me@example.com", "auth", "status"],
        &[("COPPER_USER_EMAIL", "env@example.com")],
    );
    status.ok().out_has("me@example.com (command-line flag)");

    bare(&w, &["auth", "logout"], &[])
        .ok()
        .err_has("Removed profile 'default'");
    bare(&w, &["list"], &[])
        .code(4)
        .err_has("no API key is set");
}

#[test]
fn login_refuses_a_bad_key_and_stores_nothing() {
    let w = World::with(&["--api-key", "good-key-123456"]);
    let run = bare(
        &w,
        &[
            "--email",
            "me@example.com",
            "--api-key",
            "wrong",
            "auth",
            "login",
        ],
        &[],
    );
    run.code(4)
        .err_has("401")
        .err_has("nothing was saved")
        .err_has("run `copper-hooks auth login` again");
    assert!(!w.path("config/credentials.toml").exists());
}

#[test]
fn login_without_a_terminal_needs_flags() {
    let w = World::new();
    bare(&w, &["auth", "login"], &[])
        .code(64)
        .err_has("no terminal to ask on");
}

#[test]
fn a_credentials_file_others_can_read_is_refused() {
    let w = World::new();
    let dir = w.path("config");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("credentials.toml");
    std::fs::write(
        &file,
        "[profiles.default]\napi_key = \"k-123456789012\"\nemail = \"a@example.com\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let run = bare(&w, &["list"], &[]);
        run.code(4)
            .err_has("can be read by others (mode 644)")
            .err_has("chmod 600");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    bare(&w, &["list"], &[]).ok();
}

#[test]
fn wrong_credentials_exit_with_the_auth_code_and_a_hint() {
    let w = World::with(&["--api-key", "the-only-key"]);
    let run = w.run(&["list"]);
    run.code(4);
    assert_eq!(
        run.error_line(),
        "copper-hooks: error: Copper refused the request (401 Invalid credentials); check the \
         API key and email with `copper-hooks auth status`"
    );
    let status = w.run(&["auth", "status"]);
    status.code(4).out_has("copper:      refused");
}

#[test]
fn unknown_profile_is_named() {
    let w = World::new();
    bare(&w, &["--profile", "staging", "list"], &[])
        .code(4)
        .err_has("profile 'staging' (command-line flag) is not in");
}

#[test]
fn api_url_must_be_https_unless_loopback() {
    let w = World::new();
    w.run(&[
        "--api-url",
        "http://api.copper.com/developer_api/v1",
        "list",
    ])
    .code(64)
    .err_has("plain http");
}
