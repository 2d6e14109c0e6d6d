//! Many accounts from one manifest: the accounts file, `--account`, `--shard`, concurrent
//! plans and applies against emulated accounts (each (key, email) pair its own), the exit
//! rule, checksums, the fleet-wide delete guard, and credentials that never cross.

use serde_json::Value;

use crate::harness::{golden, Emulator, World};

const MANIFEST: &str = r#"owner = "fleet-test"

[defaults]
target = "https://hooks.example.com/copper/${TENANT}"
secret = { token = "${TENANT_SECRET}" }

[[subscription]]
type = ["person", "company"]
event = ["new", "update"]
"#;

/// An account of the accounts file: its name, key and email, at this API URL.
fn account(name: &str, url: &str) -> String {
    let upper = name.to_uppercase().replace('-', "_");
    format!(
        "[account.{name}]\ngroups = [\"tenants\"]\napi_key_env = \"{upper}_KEY\"\nemail = \"{name}@example.com\"\n\
         api_url = \"{url}\"\nvars = {{ TENANT = \"{name}\", TENANT_SECRET = {{ env = \"{upper}_SECRET\" }} }}\n\n"
    )
}

fn key_of(name: &str) -> String {
    format!("key-of-{name}-0123456789")
}

/// The environment a fleet run gets: each account's key and secret under its own names.
fn env_of(names: &[&str]) -> Vec<(String, String)> {
    let mut env = Vec::new();
    for name in names {
        let upper = name.to_uppercase().replace('-', "_");
        env.push((format!("{upper}_KEY"), key_of(name)));
        env.push((format!("{upper}_SECRET"), format!("secret-of-{name}")));
    }
    env
}

struct Fleet {
    world: World,
    names: Vec<&'static str>,
    accounts: String,
    manifest: String,
}

impl Fleet {
    fn new(names: &[&'static str]) -> Fleet {
        Fleet::with(&[], names, MANIFEST)
    }

    /// A fleet of `names` at an emulator started with `flags`, keeping `manifest`.
    fn with(flags: &[&str], names: &[&'static str], manifest: &str) -> Fleet {
        let world = World::with(flags);
        let url = world.emu().url.clone();
        let text: String = names.iter().map(|n| account(n, &url)).collect();
        world.write("accounts.toml", &text);
        world.write("tenant.toml", manifest);
        // Named as a user would, from the folder the binary runs in.
        Fleet {
            world,
            names: names.to_vec(),
            accounts: "accounts.toml".into(),
            manifest: "tenant.toml".into(),
        }
    }

    /// A raw call to the emulator as one account (its key and email).
    fn raw_as(&self, name: &str, method: &str, path: &str, body: &str) -> (u16, String) {
        let key = key_of(name);
        let email = format!("{name}@example.com");
        let headers = [
            ("X-PW-AccessToken", key.as_str()),
            ("X-PW-Application", "developer_api"),
            ("X-PW-UserEmail", email.as_str()),
        ];
        self.world.emu().raw(method, path, &headers, body)
    }

    fn run(&self, args: &[&str]) -> crate::harness::Run {
        let env = env_of(&self.names);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.world.run_with(args, &env)
    }

    /// The binary started with `args` and the fleet's environment, its output piped: for a
    /// test that presses Ctrl-C in it.
    fn spawn(&self, args: &[&str]) -> std::process::Child {
        let mut cmd = self.world.command();
        cmd.args(args);
        for (k, v) in env_of(&self.names) {
            cmd.env(k, v);
        }
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// A command over the fleet: `cmd` then the accounts file, extra flags and the manifest.
    fn fleet(&self, cmd: &[&str], extra: &[&str]) -> crate::harness::Run {
        let mut args: Vec<&str> = cmd.to_vec();
        args.extend(["--accounts", self.accounts.as_str()]);
        args.extend_from_slice(extra);
        args.push(self.manifest.as_str());
        self.run(&args)
    }

    /// Faults for one account's calls only (its key and email).
    fn fault(&self, name: &str, faults: &str) {
        let path = format!(
            "/_emulator/faults?email={name}@example.com&key={}",
            key_of(name)
        );
        let (status, body) = self.world.emu().raw("POST", &path, &[], faults);
        assert_eq!(status, 200, "{body}");
    }

    /// The emulator's counters for one account.
    fn stats(&self, name: &str) -> Value {
        account_stats(self.world.emu(), name, &key_of(name))
    }
}

fn account_stats(emu: &Emulator, name: &str, key: &str) -> Value {
    let path = format!("/_emulator/stats?email={name}@example.com&key={key}");
    let (status, body) = emu.raw("GET", &path, &[], "");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn a_fleet_converges_in_one_run_and_a_second_run_writes_nothing() {
    let f = Fleet::new(&["acme", "globex", "initech"]);
    let run = f.fleet(&["apply", "--yes"], &[]);
    run.ok()
        .err_has("Fleet apply: 3 accounts: 3 applied, 0 in sync, 0 failed, 0 refused.");
    for name in &f.names {
        let stats = f.stats(name);
        assert_eq!(stats["subscriptions"], 4, "{name}: {stats}");
        assert_eq!(stats["writes"], 4, "{name}");
    }
    let writes = f.world.emu().writes();
    let again = f.fleet(&["apply", "--yes"], &[]);
    again.ok().err_has("0 applied, 3 in sync");
    assert_eq!(
        f.world.emu().writes(),
        writes,
        "a second run makes no writes"
    );
    // Each account got its own values: its own target and secret.
    let run = f.run(&[
        "-o",
        "json",
        "--show-secrets",
        "--api-key",
        &key_of("globex"),
        "--email",
        "globex@example.com",
        "list",
    ]);
    run.ok();
    let subs = run.json();
    for sub in subs.as_array().unwrap() {
        assert_eq!(sub["target"], "https://hooks.example.com/copper/globex");
        assert_eq!(sub["secret"]["token"], "secret-of-globex");
    }
}

#[test]
fn the_plan_shows_a_summary_then_each_account() {
    let f = Fleet::new(&["acme", "globex"]);
    f.fleet(&["apply", "--yes", "-q"], &["--account", "acme"])
        .ok();
    let run = f.fleet(&["plan", "--detailed-exitcode"], &[]);
    run.code(2);
    let checksum = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Fleet checksum: "))
        .unwrap()
        .to_string();
    let shown = run
        .stdout
        .replace(&checksum, "<fleet>")
        .replace(&f.world.emu().addr, "<emulator>");
    // Account checksums are keyed with each account's key: they vary with the port-free
    // key only, so they are stable; keep them out of the golden all the same.
    let shown: String = shown
        .lines()
        .map(|l| {
            if l.starts_with("Checksum: ") {
                "Checksum: <account>"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    golden("fleet-plan.txt", &shown);
    run.err_has("exit 2 from: globex");

    let json = f.fleet(&["-o", "json", "plan"], &[]);
    json.ok();
    let doc = json.json();
    assert_eq!(doc["checksum"], checksum.as_str());
    assert_eq!(doc["accounts"].as_array().unwrap().len(), 2);
    assert_eq!(doc["accounts"][0]["plan"]["in_sync"], true);
    assert_eq!(doc["accounts"][1]["plan"]["summary"]["create"], 4);
    assert!(doc["accounts"][1]["plan"]["checksum"].is_string());

    let md = f.fleet(&["-o", "markdown", "plan"], &[]);
    md.ok()
        .out_has("### copper-hooks fleet plan for")
        .out_has("| globex | 4 | 0 | 0 | 0 | 0 | 0 | changes pending |")
        .out_has("1 account(s) in sync with the manifest.")
        .out_has("<details><summary>globex</summary>")
        .out_has(&format!("Checksum: `{checksum}`"));
    assert!(
        !md.stdout.contains("<summary>acme</summary>"),
        "an account in sync has no section"
    );
    // apply -o markdown shows the same plan before it applies it.
    f.fleet(&["-o", "markdown", "apply", "--yes"], &[])
        .ok()
        .out_has("### copper-hooks fleet plan for")
        .out_has(&format!("Checksum: `{checksum}`"));
}

#[test]
fn a_failing_account_leaves_the_others_applied_and_is_named() {
    let f = Fleet::new(&["acme", "globex", "initech"]);
    f.fault(
        "globex",
        r#"[{"method": "POST", "path": "/webhooks", "kind": "status", "status": 500, "times": 0}]"#,
    );
    let run = f.fleet(&["apply", "--yes"], &[]);
    run.code(1)
        .err_has("Fleet apply: 3 accounts: 2 applied, 0 in sync, 1 failed, 0 refused.")
        .err_has("exit 1 from: globex")
        .err_has("failed: globex: create");
    assert_eq!(f.stats("acme")["subscriptions"], 4);
    assert_eq!(f.stats("initech")["subscriptions"], 4);
    assert_eq!(f.stats("globex")["subscriptions"], 0);
}

#[test]
fn a_rerun_after_a_failure_finishes_what_is_left() {
    let f = Fleet::new(&["acme", "globex"]);
    f.fault(
        "globex",
        r#"[{"method": "POST", "path": "/webhooks", "kind": "status", "status": 503, "times": 2}]"#,
    );
    f.fleet(&["apply", "--yes", "--retries", "0"], &[]).code(1);
    let rerun = f.fleet(&["apply", "--yes"], &[]);
    rerun.ok().err_has("1 applied, 1 in sync");
    assert_eq!(f.stats("globex")["subscriptions"], 4);
    assert_eq!(
        f.stats("acme")["writes"],
        4,
        "the account done first is not written again"
    );
}

#[test]
fn credentials_never_cross_between_accounts() {
    // Two Copper "sites": acme's API at one emulator, globex's at another.
    let w = World::new();
    let other = Emulator::start(&[]);
    let text = account("acme", &w.emu().url) + &account("globex", &other.url);
    let accounts = w.write("accounts.toml", &text);
    let manifest = w.write("tenant.toml", MANIFEST);
    let mut env = env_of(&["acme", "globex"]);
    let hosts = format!(
        "{},{}",
        crate::harness::host_port(&w.emu().url),
        crate::harness::host_port(&other.url)
    );
    env.push(("COPPER_HOOKS_API_HOSTS".into(), hosts));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let run = w.run_with(
        &[
            "-v",
            "apply",
            "--yes",
            "--accounts",
            accounts.to_str().unwrap(),
            manifest.to_str().unwrap(),
        ],
        &env,
    );
    run.ok();
    let seen =
        |emu: &Emulator, name: &str| account_stats(emu, name, &key_of(name))["accounts"].clone();
    assert_eq!(seen(w.emu(), "acme"), 1);
    assert_eq!(seen(&other, "globex"), 1);
    assert_eq!(
        seen(w.emu(), "globex"),
        0,
        "globex's key never reached acme's API"
    );
    assert_eq!(
        seen(&other, "acme"),
        0,
        "acme's key never reached globex's API"
    );
    assert_eq!(
        w.emu().stats()["accounts"],
        1,
        "nothing else called acme's API"
    );
    assert_eq!(other.stats()["accounts"], 1, "nor globex's");
    // The environment's own COPPER_API_KEY (the harness sets one) is never used.
    assert_eq!(
        account_stats(w.emu(), "dev", "test-key-0123456789")["accounts"],
        0
    );
    let all = run.all();
    for (_, value) in &env {
        assert!(!all.contains(value), "{value} was shown:\n{all}");
    }
}

#[test]
fn bad_accounts_files_get_every_problem_at_once() {
    let w = World::new();
    let manifest = w.write("tenant.toml", MANIFEST);
    let accounts = w.write(
        "accounts.toml",
        r#"[account.acme]
api_key_env = "ACME_KEY"
emial = "ops@acme.example"
vars = { TENANT = "acme", TENANT_SECRET = { env = "ACME_SECRET" } }

[account.ACME]
profile = "acme"
vars = { TENANT = "acme" }

[account.globex]
api_key = "0123456789abcdef0123456789abcdef"
email = "ops@globex.example"
vars = { TENANT = "globex", TENANT_SECRET = "hunter2-in-clear" }
"#,
    );
    assert!(accounts.is_file() && manifest.is_file());
    let run = w.run(&["plan", "--accounts", "accounts.toml", "tenant.toml"]);
    run.code(65);
    golden("fleet-accounts-errors.txt", &run.stderr);
    assert!(
        !run.stderr.contains("hunter2"),
        "a secret in clear is never repeated"
    );
    assert!(!run.stderr.contains("0123456789abcdef"));
    assert_eq!(w.emu().stats()["requests"], 0, "nothing is called");
}

#[test]
fn an_account_that_matches_nothing_lists_the_names_there_are() {
    let f = Fleet::new(&["acme", "globex"]);
    let run = f.fleet(&["plan"], &["--account", "prod-*"]);
    run.code(64)
        .err_has("--account 'prod-*' matches no account; accounts: acme, globex; groups: tenants");
    let run = f.fleet(&["plan"], &["--account", "glo*"]);
    run.ok().out_has("== globex ==");
    assert!(!run.stdout.contains("== acme =="));
}

#[test]
fn an_unresolved_account_stops_every_call_unless_skipped() {
    let f = Fleet::new(&["acme", "globex"]);
    let mut env = env_of(&["acme"]);
    env.push(("GLOBEX_KEY".into(), String::new()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let accounts = f.accounts.as_str();
    let manifest = f.manifest.as_str();
    let run = f
        .world
        .run_with(&["apply", "--yes", "--accounts", accounts, manifest], &env);
    run.code(4)
        .err_has("account 'globex': its API key is read from $GLOBEX_KEY, which is not set")
        .err_has("nothing was called in any account");
    assert_eq!(f.world.emu().stats()["requests"], 0);
    let run = f.world.run_with(
        &[
            "apply",
            "--yes",
            "--skip-unresolved",
            "--accounts",
            accounts,
            manifest,
        ],
        &env,
    );
    run.ok()
        .err_has("going on without 1 account(s): globex")
        .err_has("1 skipped");
    assert_eq!(f.stats("acme")["subscriptions"], 4);
}

#[test]
fn shards_split_the_fleet_between_jobs() {
    let names = ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6", "t-7", "t-8"];
    let f = Fleet::new(&names);
    let mut planned: Vec<String> = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let run = f.fleet(&["-o", "json", "plan"], &["--shard", shard]);
        run.ok();
        for entry in run.json()["accounts"].as_array().unwrap() {
            planned.push(entry["name"].as_str().unwrap().to_string());
        }
    }
    planned.sort();
    assert_eq!(planned, names, "every account in exactly one shard");
    f.fleet(&["plan"], &["--shard", "4/3"]).code(64);
}

#[test]
fn the_fleet_wide_guard_refuses_deleting_in_many_accounts_at_once() {
    let names = ["a1", "a2", "a3", "a4"];
    let f = Fleet::new(&names);
    f.fleet(&["apply", "--yes", "-q"], &[]).ok();
    // The manifest shrinks: every account would lose a subscription.
    let smaller = MANIFEST.replace("event = [\"new\", \"update\"]", "event = \"new\"");
    f.world.write("tenant.toml", &smaller);
    let writes = f.world.emu().writes();
    let run = f.fleet(&["apply", "--yes", "--prune"], &[]);
    run.code(3)
        .err_has("deletes subscriptions in 4 of the 4 accounts planned at once")
        .err_has("nothing was changed in any account");
    assert_eq!(f.world.emu().writes(), writes);
    f.fleet(&["apply", "--yes", "--prune"], &["--account", "a1"])
        .ok();
    f.fleet(&["apply", "--yes", "--prune", "--force"], &[]).ok();
    for name in names {
        assert_eq!(f.stats(name)["subscriptions"], 2, "{name}");
    }
}

#[test]
fn apply_takes_the_reviewed_fleet_checksum_or_each_accounts() {
    let f = Fleet::new(&["acme", "globex"]);
    let plan = f.fleet(&["-o", "json", "plan"], &[]);
    plan.ok();
    let doc = plan.json();
    let fleet_sum = doc["checksum"].as_str().unwrap().to_string();
    let acme_sum = doc["accounts"][0]["plan"]["checksum"]
        .as_str()
        .unwrap()
        .to_string();
    let wrong = f.fleet(
        &["apply", "--yes", "--expect-checksum", "0000000000000000"],
        &[],
    );
    wrong.code(3).err_has("nothing was changed in any account");
    assert_eq!(f.world.emu().writes(), 0);
    // Per account, for a partial run: an account without a checksum is refused.
    let partial = format!("acme={acme_sum}");
    f.fleet(&["apply", "--yes", "--expect-checksum", &partial], &[])
        .code(3)
        .err_has("the plan of globex does not match");
    f.fleet(
        &["apply", "--yes", "--expect-checksum", &partial],
        &["--account", "acme"],
    )
    .ok();
    assert_eq!(f.stats("acme")["subscriptions"], 4);
    // The fleet changed (acme is applied): the old fleet checksum is stale now.
    f.fleet(&["apply", "--yes", "--expect-checksum", &fleet_sum], &[])
        .code(3);
    let now = f.fleet(&["-o", "json", "plan"], &[]).json()["checksum"]
        .as_str()
        .unwrap()
        .to_string();
    f.fleet(&["apply", "--yes", "--expect-checksum", &now], &[])
        .ok();
    assert_eq!(f.stats("globex")["subscriptions"], 4);
}

#[test]
fn connection_flags_do_not_go_with_an_accounts_file() {
    let f = Fleet::new(&["acme"]);
    f.fleet(&["--profile", "x", "plan"], &[])
        .code(64)
        .err_has("--profile does not go with --accounts");
}

#[test]
fn the_sandbox_holds_a_fleet_of_its_own() {
    let w = World::offline();
    let root = env!("CARGO_MANIFEST_DIR");
    let accounts = format!("{root}/examples/accounts.toml");
    let manifest = format!("{root}/examples/tenant-subscriptions.toml");
    let args = [
        "--sandbox",
        "apply",
        "--yes",
        "--accounts",
        &accounts,
        &manifest,
    ];
    w.run(&args).ok().err_has("3 applied");
    w.run(&args).ok().err_has("0 applied, 3 in sync");
    let one = w.run(&[
        "--sandbox",
        "plan",
        "--accounts",
        &accounts,
        "--account",
        "eu",
        &manifest,
    ]);
    one.ok().out_has("eu-initech (sandbox)");
    // The single sandbox account is apart from the fleet's.
    let list = w.run(&["--sandbox", "-o", "json", "list"]);
    list.ok();
    assert_eq!(list.json().as_array().unwrap().len(), 0);
}

#[test]
fn export_writes_one_manifest_per_account() {
    let f = Fleet::new(&["acme", "globex"]);
    f.fleet(&["apply", "--yes", "-q"], &[]).ok();
    let run = f.run(&["export", "--accounts", "accounts.toml", "--dir", "out"]);
    run.ok().err_has("acme: wrote 4 subscriptions");
    let acme = std::fs::read_to_string(f.world.path("out/acme.toml")).unwrap();
    assert!(
        acme.contains("https://hooks.example.com/copper/acme"),
        "{acme}"
    );
    assert!(
        !acme.contains("secret-of-acme"),
        "secrets stay placeholders"
    );
    let again = f.run(&["export", "--accounts", "accounts.toml", "--dir", "out"]);
    again.code(3);
    f.run(&[
        "export",
        "--accounts",
        "accounts.toml",
        "--dir",
        "out",
        "--force",
    ])
    .ok();
    let json = f.run(&[
        "-o",
        "json",
        "export",
        "--accounts",
        "accounts.toml",
        "--account",
        "globex",
    ]);
    json.ok();
    let doc = json.json();
    assert_eq!(doc["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(doc["accounts"][0]["name"], "globex");
    f.run(&["export", "--accounts", "accounts.toml"])
        .code(64)
        .err_has("give --dir DIR");
}

#[test]
fn test_sends_each_accounts_own_secret_and_names_the_account() {
    let f = Fleet::new(&["acme", "globex"]);
    // A receiver that knows acme's secret only: globex's notifications are refused.
    // It stops after a fifth accepted delivery, sent below once the test is done.
    let listen =
        crate::receivers::Listening::start(&f.world, 5, &["--secret", "token=secret-of-acme"], &[]);
    let run = f.fleet(&["test"], &["--to", listen.url.as_str()]);
    run.code(1).out_has("8 tested, 4 answered 2xx, 4 failed.");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines
        .iter()
        .filter(|l| l.starts_with("acme "))
        .all(|l| !l.contains("FAILED")));
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("globex ") && l.contains("FAILED: answered 401"))
            .count(),
        4,
        "{}",
        run.stdout
    );
    f.run(&[
        "trigger",
        "lead.new",
        "--to",
        listen.url.as_str(),
        "--secret",
        "token=secret-of-acme",
    ])
    .ok();
    let seen = listen.deliveries();
    assert_eq!(seen.iter().filter(|d| d["verdict"] == "ok").count(), 5);
    // No credentials were needed to test a manifest: only the accounts' variables.
    let env = env_of(&["acme", "globex"]);
    let secrets_only: Vec<(&str, &str)> = env
        .iter()
        .map(|(k, v)| {
            (
                k.as_str(),
                if k.ends_with("_KEY") { "" } else { v.as_str() },
            )
        })
        .collect();
    let run = f.world.run_with(
        &[
            "-o",
            "json",
            "test",
            "--accounts",
            "accounts.toml",
            "--to",
            "http://127.0.0.1:9/",
            "tenant.toml",
        ],
        &secrets_only,
    );
    run.code(1);
    assert_eq!(run.json()["tested"], 8);
}

#[test]
fn validate_checks_every_account_offline() {
    let w = World::offline();
    w.write(
        "tenant.toml",
        "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://${TENANT}.example.com/hook\"\nsecret = { token = \"${TENANT_SECRET}\" }\n",
    );
    let good = |name: &str| {
        format!(
            "[account.{name}]\napi_key_env = \"K\"\nemail = \"{name}@example.com\"\nvars = {{ TENANT = \"{name}\", TENANT_SECRET = {{ env = \"{}_SECRET\" }} }}\n",
            name.to_uppercase()
        )
    };
    w.write("accounts.toml", &(good("acme") + &good("globex")));
    // Pre-merge, without secrets: every account's manifest is checked all the same.
    let run = w.run(&[
        "validate",
        "--skip-env",
        "--accounts",
        "accounts.toml",
        "tenant.toml",
    ]);
    run.ok()
        .err_has("tenant.toml: ok in 2 account(s); 2 value(s) not checked");
    let run = w.run(&["validate", "--accounts", "accounts.toml", "tenant.toml"]);
    run.code(65)
        .err_has("account 'acme': TENANT_SECRET is read from $ACME_SECRET, which is not set");
    // A value that breaks the manifest in one account is found there, before any apply.
    let broken = good("acme").replace("TENANT = \"acme\"", "TENANT = \"no host!\"");
    w.write("accounts.toml", &(broken + &good("globex")));
    let run = w.run(&[
        "validate",
        "--skip-env",
        "--accounts",
        "accounts.toml",
        "tenant.toml",
    ]);
    run.code(65).err_has("account 'acme': tenant.toml:4:10:");
    assert!(!run.stderr.contains("account 'globex':"), "{}", run.stderr);
}

#[test]
fn an_account_whose_plan_is_refused_is_left_alone_and_the_others_applied() {
    let f = Fleet::new(&["acme", "globex"]);
    // globex holds 98 subscriptions the manifest does not manage: its 4 would pass
    // Copper's limit of 100, so its plan is refused; acme's goes ahead.
    for i in 0..98 {
        let body = format!(
            r#"{{"target": "https://other{i}.example.com/", "type": "task", "event": "new"}}"#
        );
        let (status, answer) = f.raw_as("globex", "POST", "/developer_api/v1/webhooks", &body);
        assert_eq!(status, 200, "{answer}");
    }
    let writes = f.stats("globex")["writes"].clone();
    let run = f.fleet(&["apply", "--yes"], &[]);
    run.code(3)
        .err_has("1 applied, 0 in sync, 0 failed, 1 refused")
        .err_has("exit 3 from: globex");
    assert_eq!(f.stats("acme")["subscriptions"], 4);
    assert_eq!(
        f.stats("globex")["writes"],
        writes,
        "nothing was sent to the refused account"
    );
}

#[test]
fn each_account_paces_under_its_own_quota_and_remembers_its_own() {
    let f = Fleet::with(&["--rate-limit", "20/1"], &["acme", "globex"], MANIFEST);
    // Another integration has just spent acme's quota (acme has to have called once to
    // exist in the emulator).
    let (status, _) = f.raw_as("acme", "GET", "/developer_api/v1/webhooks", "");
    assert_eq!(status, 200);
    let (status, body) = f.world.emu().raw(
        "POST",
        "/_emulator/spend?email=acme@example.com",
        &[],
        r#"{"calls": 20}"#,
    );
    assert_eq!(status, 200, "{body}");
    f.fleet(&["apply", "--yes"], &[]).ok().err_has("2 applied");
    assert!(f.stats("acme")["rate_limited"].as_u64().unwrap() >= 1);
    assert_eq!(
        f.stats("globex")["rate_limited"],
        0,
        "globex's quota is its own: acme's being spent costs it nothing"
    );
    // What acme's limiter learned is kept for acme alone.
    let kept: Value =
        serde_json::from_str(&std::fs::read_to_string(f.world.path("data/quota.json")).unwrap())
            .unwrap();
    assert_eq!(kept["accounts"].as_object().unwrap().len(), 1, "{kept}");
}

#[test]
fn an_account_whose_key_is_refused_is_named_and_the_rest_applied() {
    let f = Fleet::new(&["acme", "globex"]);
    f.fault(
        "globex",
        r#"[{"method": "GET", "path": "/webhooks", "kind": "status", "status": 401, "times": 0}]"#,
    );
    let run = f.fleet(&["apply", "--yes"], &[]);
    run.code(4)
        .err_has("1 applied, 0 in sync, 1 failed")
        .err_has("exit 4 from: globex");
    assert_eq!(f.stats("acme")["subscriptions"], 4);
    // A plan says so too, by its code, while it plans the others.
    let json = f.fleet(&["-o", "json", "plan"], &[]);
    json.code(4);
    let doc = json.json();
    assert_eq!(doc["accounts"][0]["result"], "in sync");
    assert!(doc["accounts"][1]["result"]
        .as_str()
        .unwrap()
        .starts_with("failed"));
    assert!(doc["accounts"][1]["error"].is_string());
    assert!(!json.all().contains(&key_of("globex")));
}

#[cfg(unix)]
#[test]
fn an_interrupted_fleet_apply_stops_everywhere_and_a_rerun_finishes() {
    let mut text = String::from("owner = \"fleet-test\"\n");
    for i in 0..12 {
        text.push_str(&format!(
            "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://hooks.example.com/${{TENANT}}/{i}\"\n"
        ));
    }
    let f = Fleet::with(&["--latency", "150"], &["acme", "globex"], &text);
    let child = f.spawn(&[
        "apply",
        "--yes",
        "--concurrency",
        "1",
        "--parallel-accounts",
        "1",
        "--accounts",
        "accounts.toml",
        "tenant.toml",
    ]);
    let run = crate::harness::interrupt_after(child, f.world.emu(), 3);
    run.code(130)
        .err_has("starting no more in any account")
        .err_has("interrupted");
    let made = f.world.emu().writes();
    assert!((3..24).contains(&made), "stopped part way: {made}");
    let rerun = f.fleet(&["apply", "--yes"], &[]);
    rerun.ok();
    assert_eq!(f.stats("acme")["subscriptions"], 12);
    assert_eq!(
        f.stats("globex")["subscriptions"],
        12,
        "no duplicate, none missing"
    );
}

#[test]
fn an_accounts_file_sends_keys_only_to_copper_unless_told_elsewhere() {
    let f = Fleet::new(&["acme", "globex"]);
    let url = f.world.emu().url.clone();
    let evil = account("globex", "https://collector.example.net/developer_api/v1");
    f.world
        .write("accounts.toml", &(account("acme", &url) + &evil));
    let run = f.fleet(&["plan"], &[]);
    run.code(4)
        .err_has("account 'globex': its api_url would send its key to collector.example.net")
        .err_has("nothing was called in any account");
    assert_eq!(f.world.emu().stats()["requests"], 0);
    // Named where the file cannot change it, the host is taken (checked offline here).
    let allowed = f.world.run_with(
        &[
            "validate",
            "--skip-env",
            "--accounts",
            "accounts.toml",
            "tenant.toml",
        ],
        &[(
            "COPPER_HOOKS_API_HOSTS",
            &format!(
                "other.example, collector.example.net, {}",
                crate::harness::host_port(&url)
            ),
        )],
    );
    allowed.ok().err_has("ok in 2 account(s)");
}

#[test]
fn an_accounts_file_cannot_send_keys_to_another_port_on_this_machine() {
    // A pull request points one account at a port another user of a shared runner listens
    // on: the plan job would hand it the production key.
    let f = Fleet::new(&["acme", "globex"]);
    let (thief, _server) = crate::harness::foreign_server(1, b"HTTP/1.1 200 OK\r\n\r\n[]");
    let url = f.world.emu().url.clone();
    for evil in [thief.clone(), thief.replace("127.0.0.1", "localhost")] {
        f.world.write(
            "accounts.toml",
            &(account("acme", &url) + &account("globex", &evil)),
        );
        let run = f.fleet(&["plan"], &[]);
        run.code(4)
            .err_has("account 'globex': its api_url would send its key to")
            .err_has("a port on this machine, where anyone may listen")
            .err_has("nothing was called in any account");
    }
    assert_eq!(f.world.emu().stats()["requests"], 0);
    // Without the CI's word, not even the emulator's own port is taken.
    f.world.write("accounts.toml", &account("acme", &url));
    f.world
        .run_with(
            &["plan", "--accounts", "accounts.toml", "tenant.toml"],
            &[
                ("COPPER_HOOKS_API_HOSTS", ""),
                ("ACME_KEY", "k-0123456789"),
                ("ACME_SECRET", "s"),
            ],
        )
        .code(4)
        .err_has("COPPER_HOOKS_API_HOSTS=127.0.0.1:");
    // The sandbox starts its own emulator: nothing to name.
    f.world
        .run(&[
            "--sandbox",
            "plan",
            "--accounts",
            "accounts.toml",
            "tenant.toml",
        ])
        .ok();
}

#[test]
fn the_fleet_wide_guard_cannot_be_diluted_by_accounts_that_are_not_planned() {
    // Four accounts that would each lose a subscription, and six more added by the same
    // pull request that cannot be planned: the share is of the four, not of ten.
    let deleting = ["a1", "a2", "a3", "a4"];
    let broken = ["b1", "b2", "b3", "b4", "b5", "b6"];
    let all: Vec<&'static str> = deleting.iter().chain(broken.iter()).copied().collect();
    let f = Fleet::new(&all);
    f.fleet(&["apply", "--yes", "-q"], &["--account", "a*"])
        .ok();
    for name in broken {
        f.fault(
            name,
            r#"[{"method": "GET", "path": "/webhooks", "kind": "status", "status": 500, "times": 0}]"#,
        );
    }
    let smaller = MANIFEST.replace("event = [\"new\", \"update\"]", "event = \"new\"");
    f.world.write("tenant.toml", &smaller);
    let writes = f.world.emu().writes();
    f.fleet(&["apply", "--yes", "--prune", "--retries", "0"], &[])
        .code(3)
        .err_has("deletes subscriptions in 4 of the 4 accounts planned at once");
    assert_eq!(f.world.emu().writes(), writes, "nothing deleted anywhere");
}

#[test]
fn one_copper_account_under_two_names_is_refused_before_any_call() {
    let f = Fleet::new(&["acme", "globex"]);
    let url = f.world.emu().url.clone();
    // "globex" reads acme's key and email: the same account, listed twice.
    let twin = account("globex", &url)
        .replace("GLOBEX_KEY", "ACME_KEY")
        .replace("globex@example.com", "ACME@example.com");
    f.world
        .write("accounts.toml", &(account("acme", &url) + &twin));
    let run = f.fleet(&["apply", "--yes"], &[]);
    run.code(65)
        .err_has("lists one Copper account twice ('acme' and 'globex'")
        .err_has("Nothing was called");
    assert!(
        !run.all().contains(&key_of("acme")),
        "the key is never shown"
    );
    assert_eq!(f.world.emu().stats()["requests"], 0);
}

#[test]
fn an_email_variable_that_holds_something_else_is_refused_unshown() {
    let f = Fleet::new(&["acme"]);
    let url = f.world.emu().url.clone();
    let text = account("acme", &url).replace(
        "email = \"acme@example.com\"",
        "email_env = \"DEPLOY_TOKEN\"",
    );
    f.world.write("accounts.toml", &text);
    let mut env = env_of(&["acme"]);
    env.push((
        "DEPLOY_TOKEN".into(),
        "glpat-very-secret-token-value".into(),
    ));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for out in [
        &["plan"][..],
        &["-o", "json", "plan"],
        &["-o", "markdown", "plan"],
    ] {
        let mut args = out.to_vec();
        args.extend(["--accounts", "accounts.toml", "tenant.toml"]);
        let run = f.world.run_with(&args, &env);
        run.code(4)
            .err_has("its email (from $DEPLOY_TOKEN) is not an email address");
        assert!(!run.all().contains("very-secret"), "{}", run.all());
    }
    assert_eq!(f.world.emu().stats()["requests"], 0);
}

#[test]
fn a_published_plan_does_not_spell_out_the_key_owners_email() {
    let w = World::new();
    w.write(
        "m.toml",
        "[[subscription]]\ntype = \"person\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n",
    );
    let run = w.run(&["-o", "markdown", "plan", "m.toml"]);
    let md = run.stdout.clone();
    assert!(md.contains("d…&#64;example.com"), "{md}");
    assert!(
        !md.contains("dev&#64;example.com") && !md.contains("dev@example.com"),
        "{md}"
    );
}

#[test]
fn a_reviewed_checksum_is_refused_at_another_destination() {
    // Reviewed against one API root; after review the pull request moves the account to
    // another host (allowed, and holding the same subscriptions): the reviewed checksum
    // must not apply there, secrets and all.
    let f = Fleet::new(&["acme"]);
    let other = Emulator::start(&[]);
    let hosts = format!(
        "{},{}",
        crate::harness::host_port(&f.world.emu().url),
        crate::harness::host_port(&other.url)
    );
    let mut env = env_of(&["acme"]);
    env.push(("COPPER_HOOKS_API_HOSTS".into(), hosts));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let plan = f.world.run_with(
        &[
            "-o",
            "json",
            "plan",
            "--accounts",
            "accounts.toml",
            "tenant.toml",
        ],
        &env,
    );
    plan.ok();
    let sum = plan.json()["checksum"].as_str().unwrap().to_string();
    f.world.write("accounts.toml", &account("acme", &other.url));
    let run = f.world.run_with(
        &[
            "apply",
            "--yes",
            "--expect-checksum",
            &sum,
            "--accounts",
            "accounts.toml",
            "tenant.toml",
        ],
        &env,
    );
    run.code(3);
    assert_eq!(
        account_stats(&other, "acme", &key_of("acme"))["subscriptions"],
        0
    );
    assert_eq!(f.stats("acme")["subscriptions"], 0);
}

#[test]
fn ctrl_c_while_every_create_is_in_flight_still_exits_interrupted() {
    // Every change is in flight when Ctrl-C comes: each finishes, nothing is left undone in
    // any account, and still the command was interrupted, as a single account's says.
    let f = Fleet::with(&["--latency", "1500"], &["acme"], MANIFEST);
    let child = f.spawn(&[
        "apply",
        "--yes",
        "--accounts",
        "accounts.toml",
        "tenant.toml",
    ]);
    // The list, then the four creates together: once all five have arrived (the emulator
    // counts a call on arrival, then takes 1.5 s to answer), every create is in flight.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while f.world.emu().stats()["requests"].as_u64().unwrap_or(0) < 5
        && std::time::Instant::now() < until
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let run = crate::harness::interrupt_after(child, f.world.emu(), 0);
    run.code(130)
        .err_has("interrupted: run apply again to finish");
    assert!(!run.stderr.contains("1 accounts"), "{}", run.stderr);
}

#[test]
fn a_broken_account_stops_only_the_runs_that_use_it() {
    let f = Fleet::new(&["acme", "globex"]);
    let url = f.world.emu().url.clone();
    // globex has a typo in a key of its own; acme is fine.
    let broken = account("globex", &url).replace("groups =", "grups =");
    f.world
        .write("accounts.toml", &(account("acme", &url) + &broken));
    f.fleet(&["plan"], &[])
        .code(65)
        .err_has("accounts.toml:")
        .err_has("unknown key 'grups'");
    let run = f.fleet(&["plan"], &["--account", "acme"]);
    run.ok()
        .err_has("not checked: 1 account(s) this run does not use have problems")
        .err_has("(globex)");
    // Choosing the broken one by a glob still stops.
    f.fleet(&["plan"], &["--account", "glob*"]).code(65);
    // A problem of the file itself (bad TOML) stops every run.
    f.world.write(
        "accounts.toml",
        &(account("acme", &url) + "[account.globex\n"),
    );
    f.fleet(&["plan"], &["--account", "acme"]).code(65);
}
