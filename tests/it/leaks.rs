//! Keys and secrets go nowhere but Copper: every command and every error path, with `-v` and
//! in every output format, run with known values, and none of them may appear anywhere in
//! what the tool prints.

use serde_json::json;

use crate::harness::{sub, Emulator, Run, World};

const KEY: &str = "LEAKKEY-9f8e7d6c5b4a";
const WRONG_KEY: &str = "LEAKKEY-wrong-1a2b3c4d";
const SECRET: &str = "LEAKSECRET-0123abcd";
const SECRET_2: &str = "LEAKSECRET-rotated-77";
const HEADER: &str = "LEAKHEADER-Bearer-xyz";
const TARGET_PATH: &str = "LEAKPATH-zapcatch-42";
const TARGET_PW: &str = "LEAKPW-userinfo-9";

const NEEDLES: &[&str] = &[
    KEY,
    WRONG_KEY,
    SECRET,
    SECRET_2,
    HEADER,
    TARGET_PATH,
    TARGET_PW,
];

const MANIFEST: &str = r#"owner = "leak-test"

[defaults]
secret = { token = "${TOKEN}" }
headers = { Authorization = "${AUTH_HEADER}" }

[[subscription]]
type = ["lead", "person"]
event = "new"
target = "https://hooks.zapier.com/hooks/catch/${HOOK_PATH}"
"#;

const BAD_MANIFEST: &str = r#"[[subscription]]
type = "lead"
event = "new"
target = "http://hooks.example.com/${HOOK_PATH}"
secret = { token = "${TOKEN}", "" = "${TOKEN}" }
headers = { "Bad Name" = "${AUTH_HEADER}", X-Ok = "${UNSET_VAR}" }
"#;

struct Leaks {
    w: World,
    env: Vec<(&'static str, &'static str)>,
    checked: usize,
}

impl Leaks {
    fn new() -> Leaks {
        // The account already holds a subscription whose target carries credentials.
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.json");
        crate::harness::write_state(
            &state,
            &[sub(
                170_001,
                "task",
                "delete",
                &format!("https://svc:{TARGET_PW}@legacy.example.com/hook"),
                json!({"token": SECRET, "copper_hooks_owner": "leak-test"}),
            )],
        );
        let emu = Emulator::start(&[
            "--api-key",
            KEY,
            "--email",
            "dev@example.com",
            "--state",
            state.to_str().unwrap(),
        ]);
        Leaks {
            w: World {
                dir,
                emu: Some(emu),
            },
            env: vec![
                ("COPPER_API_KEY", KEY),
                ("TOKEN", SECRET),
                ("AUTH_HEADER", HEADER),
                ("HOOK_PATH", TARGET_PATH),
                ("COPPER_HOOKS_RETRIES", "1"),
            ],
            checked: 0,
        }
    }

    /// Runs the command, verbosely, in each output format given, and fails on any needle.
    fn check(&mut self, args: &[&str], formats: &[&str]) -> Run {
        self.check_with(args, formats, &[])
    }

    fn check_with(&mut self, args: &[&str], formats: &[&str], env: &[(&str, &str)]) -> Run {
        self.check_allowing(args, formats, env, &[])
    }

    fn check_allowing(
        &mut self,
        args: &[&str],
        formats: &[&str],
        env: &[(&str, &str)],
        allowed: &[&str],
    ) -> Run {
        let mut last = None;
        for format in formats {
            let mut full = vec!["-v", "-o", format];
            full.extend_from_slice(args);
            let mut all_env = self.env.clone();
            all_env.extend_from_slice(env);
            let run = self.w.run_with(&full, &all_env);
            for needle in NEEDLES.iter().filter(|n| !allowed.contains(n)) {
                assert!(
                    !run.all().contains(needle),
                    "`copper-hooks {}` printed {needle}:\n{}",
                    full.join(" "),
                    run.all()
                );
            }
            self.checked += 1;
            last = Some(run);
        }
        last.unwrap()
    }
}

const TJ: &[&str] = &["table", "json"];
const ALL: &[&str] = &["table", "json", "markdown"];

#[test]
fn no_key_secret_or_target_credential_is_ever_printed() {
    let mut l = Leaks::new();
    let manifest = l.w.write("subscriptions.toml", MANIFEST);
    let m = manifest.to_str().unwrap().to_string();
    let bad = l.w.write("bad.toml", BAD_MANIFEST);
    let b = bad.to_str().unwrap().to_string();
    let target = "https://hooks.example.com/copper";

    // The API commands.
    l.check(&["list"], TJ).ok();
    l.check(&["get", "170001"], TJ).ok();
    let created = l.check(
        &[
            "create",
            "--type",
            "company",
            "--event",
            "update",
            "--target",
            target,
            "--secret",
            &format!("token={SECRET}"),
            "--header",
            &format!("Authorization={HEADER}"),
        ],
        &["json"],
    );
    created.ok();
    let id = created.json()["id"].as_u64().unwrap().to_string();
    l.check(
        &[
            "update",
            &id,
            "--secret",
            &format!("token={SECRET_2}"),
            "--header",
            &format!("X-Other={HEADER}"),
        ],
        TJ,
    )
    .ok();

    // The manifest workflow.
    l.check(&["validate", &m], &["table"]).ok();
    l.check(&["validate", &b], &["table"]).code(65);
    l.check(&["plan", "--prune", "--force", &m], ALL).ok();
    l.check(&["plan", "--prune", &m], ALL);
    l.check(&["apply", "--dry-run", &m], ALL).ok();
    l.check(&["apply", "--yes", "--prune", "--force", &m], &["json"])
        .ok();
    l.check(&["apply", "--yes", &m], ALL).ok();
    // export knows no manifest, so it cannot tell a token in a target's path from the rest
    // of the URL: it writes targets as the account holds them, credentials (user:password@)
    // excepted. The README's Security section says so.
    l.check_allowing(&["export"], &["table"], &[], &[TARGET_PATH])
        .ok();
    let file = l.w.path("exported.toml");
    l.check_allowing(
        &["export", "--file", file.to_str().unwrap()],
        &["table"],
        &[],
        &[TARGET_PATH],
    )
    .ok();
    let exported = std::fs::read_to_string(&file).unwrap();
    for needle in NEEDLES.iter().filter(|n| **n != TARGET_PATH) {
        assert!(!exported.contains(needle), "{exported}");
    }

    // Credentials.
    l.check(&["auth", "status"], TJ).ok();
    l.check(
        &[
            "auth",
            "login",
            "--api-key",
            KEY,
            "--email",
            "dev@example.com",
        ],
        &["table"],
    )
    .ok();
    l.check(&["auth", "status"], TJ).ok();
    l.check(&["auth", "logout"], &["table"]).ok();

    // Error paths.
    l.check_with(&["list"], TJ, &[("COPPER_API_KEY", WRONG_KEY)])
        .code(4);
    l.check_with(
        &[
            "auth",
            "login",
            "--api-key",
            WRONG_KEY,
            "--email",
            "dev@example.com",
        ],
        &["table"],
        &[],
    )
    .code(4);
    l.check(&["get", "999"], TJ).code(1);
    l.check(
        &[
            "create", "--type", "lead", "--event", "new", "--target", target, "--secret", SECRET,
        ],
        &["table"],
    )
    .code(64);
    l.check(
        &[
            "create",
            "--type",
            "lead",
            "--event",
            "new",
            "--target",
            &format!("https://u:{TARGET_PW}@x.example.com/"),
        ],
        &["table"],
    )
    .code(3);
    l.check(
        &[
            "create",
            "--type",
            "lead",
            "--event",
            "new",
            "--target",
            &format!("{target}/x\r"),
        ],
        &["table"],
    )
    .code(3);
    l.check(
        &[
            "apply",
            "--yes",
            "--expect-checksum",
            "0000000000000000",
            &m,
        ],
        &["table"],
    )
    .code(3);
    l.check_with(&["plan", &m], &["table"], &[("TOKEN", "")])
        .code(65);
    let emu = l.w.emu();
    emu.fault(json!([
        {"method": "GET", "kind": "html", "status": 502, "times": 2},
        {"method": "POST", "kind": "after", "status": 500, "times": 1},
        {"method": "PUT", "kind": "status", "status": 429, "times": 0},
    ]));
    l.check(&["list"], &["table"]).code(1);
    l.check(
        &[
            "create",
            "--type",
            "project",
            "--event",
            "new",
            "--target",
            target,
            "--secret",
            &format!("token={SECRET}"),
            "--header",
            &format!("Authorization={HEADER}"),
        ],
        &["table"],
    )
    .ok();
    // Every PUT answers 429: waited out until a short deadline.
    l.check(
        &[
            "--deadline",
            "2",
            "update",
            &id,
            "--secret",
            &format!("token={SECRET}"),
        ],
        &["table"],
    )
    .code(1)
    .err_has("deadline");
    l.check(&["delete", "--yes", &id, "424242"], &["table"])
        .code(1);
    assert!(l.checked >= 44, "only {} runs were checked", l.checked);
}
