//! What apply costs, measured in one run against the emulator and printed as one table of
//! figures and ratios; it asserts nothing about time. Run with `cargo bench --bench apply`
//! (a release build, as users install it). curl is the peer for row 2 and is installed with
//! apt-get when it is missing.
//!
//! Rows:
//! 1. apply of 100 creates, 50 ms per call: wall time, calls, ratio to its floor
//!    (ceil(calls / concurrency) x 50 ms);
//! 2. the same creates by a sequential curl loop, and copper-hooks' speed-up over it;
//! 3. plan of 100 subscriptions already in sync: calls and time;
//! 4. an account quota the client is not told (60 per rolling 10 s): three consecutive
//!    applies that each replace 100 subscriptions: failed calls, 429s, and wall time as a
//!    ratio of the floor that quota and the client's ceiling (180 a minute) allow together;
//! 5. two applies of different manifests started together on that account, each with a
//!    fresh data folder, at 50 ms and 0 ms a call, against a server that counts a call when
//!    it answers and one that counts it on arrival (`emulator --rate-counts-at`);
//! 6. start-up time, peak memory of an apply (whole process), binary size;
//! 7. a fleet: one manifest of 20 subscriptions applied to 200 accounts of one accounts file
//!    (each account its own key, Copper's 180 a minute each, 50 ms per call): wall time as a
//!    ratio of its floor (the accounts' round trips, `--parallel-accounts` at a time), and
//!    peak memory against one account's apply;
//! 8. the peers: the loop a team writes today, one `copper-hooks apply` per account, in a
//!    shell loop and under `xargs -P 8`;
//! 9. a fleet plan of 1,000 accounts in sync: calls and wall time.
//! 10. a fleet plan of 10,000 accounts in sync: wall time and peak memory.
//! 11. a fleet apply of 1,000 accounts x 20 creates: wall time, its floor, peak memory.
//! 12. the 10,000 accounts of row 10 as four shards: time per shard and in all.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_copper-hooks");
const LATENCY_MS: u64 = 50;

struct Emulator {
    child: Child,
    url: String,
    addr: String,
}

impl Emulator {
    fn start(args: &[&str]) -> Emulator {
        let mut child = Command::new(BIN)
            .arg("emulator")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the emulator's address");
        let url = line.trim().rsplit(' ').next().expect("url").to_string();
        let addr = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("host")
            .to_string();
        Emulator { child, url, addr }
    }

    fn stats(&self) -> serde_json::Value {
        let out = Command::new("curl")
            .args(["-s", &format!("http://{}/_emulator/stats", self.addr)])
            .output()
            .expect("curl the stats");
        serde_json::from_slice(&out.stdout).expect("stats are JSON")
    }

    fn count(&self, field: &str) -> u64 {
        self.stats()[field].as_u64().unwrap_or(0)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn manifest(owner: &str, prefix: &str, n: usize) -> String {
    let mut text = format!("owner = \"{owner}\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://{prefix}{i}.example.com/\"\nsecret = {{ token = \"t{i}\" }}\n"
        ));
    }
    text
}

fn tool(dir: &Path, emu: &Emulator) -> Command {
    let mut cmd = Command::new(BIN);
    // As a CI's settings would: the emulator's port may receive an accounts file's keys.
    let host_port = emu
        .url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    cmd.env("COPPER_HOOKS_API_HOSTS", host_port)
        .env("COPPER_API_URL", &emu.url)
        .env("COPPER_API_KEY", "bench")
        .env("COPPER_USER_EMAIL", "bench@example.com")
        .env("COPPER_HOOKS_CONFIG_DIR", dir.join("config"))
        .env("COPPER_HOOKS_DATA_DIR", dir.join("data"))
        .env_remove("COPPER_HOOKS_RATE_LIMIT")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn timed(mut cmd: Command) -> (Duration, bool) {
    let start = Instant::now();
    let ok = cmd.status().expect("run copper-hooks").success();
    (start.elapsed(), ok)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a manifest");
    path
}

/// The earliest the last of `calls` calls can be answered when every window in `limits`
/// (calls, seconds) holds: the k-th call cannot start before floor(k / limit) windows.
fn quota_floor(calls: u64, limits: &[(u64, f64)]) -> Duration {
    let last = calls.saturating_sub(1);
    let start = limits
        .iter()
        .map(|(limit, window)| (last / limit) as f64 * window)
        .fold(0.0, f64::max);
    Duration::from_secs_f64(start) + Duration::from_millis(LATENCY_MS)
}

fn ensure_curl() {
    if Command::new("curl").arg("--version").output().is_ok() {
        return;
    }
    eprintln!("curl is missing: installing it with apt-get");
    let _ = Command::new("apt-get").args(["update", "-qq"]).status();
    let installed = Command::new("apt-get")
        .args(["install", "-y", "-qq", "curl"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        installed,
        "the benchmark needs curl: install it and run again"
    );
}

/// Peak resident memory of a command, in KiB, from the kernel's own accounting (through
/// Python's resource module, which this machine has; the crate forbids unsafe code).
fn peak_kib(cmd: &Command) -> Option<u64> {
    let mut py = Command::new("python3");
    py.arg("-c")
        .arg(
            "import resource, subprocess, sys\n\
             subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n\
             print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        )
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => py.env(k, v),
            None => py.env_remove(k),
        };
    }
    let out = py.output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

struct Table(Vec<[String; 3]>);

impl Table {
    fn row(&mut self, what: &str, figure: String, ratio: String) {
        self.0.push([what.to_string(), figure, ratio]);
        eprintln!("  done: {what}");
    }

    fn print(&self) {
        let width = |i: usize| {
            self.0
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        };
        let (a, b) = (width(0).max(4), width(1).max(6));
        println!("| {:a$} | {:b$} | ratio |", "what", "figure");
        println!("|{}|{}|---|", "-".repeat(a + 2), "-".repeat(b + 2));
        for [what, figure, ratio] in &self.0 {
            println!("| {what:a$} | {figure:b$} | {ratio} |");
        }
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn main() {
    ensure_curl();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dir = dir.path();
    let latency = LATENCY_MS.to_string();
    let mut table = Table(Vec::new());
    eprintln!("copper-hooks benchmark: {BIN}");

    // 1. apply of 100 creates at the default concurrency.
    let hundred = write(dir, "hundred.toml", &manifest("bench", "h", 100));
    let emu = Emulator::start(&["--latency", &latency]);
    let mut apply = tool(dir, &emu);
    apply.args(["apply", "--yes"]).arg(&hundred);
    let (took, ok) = timed(apply);
    assert!(ok, "apply failed");
    let calls = emu.count("requests");
    let concurrency = 16;
    let floor = Duration::from_millis(calls.div_ceil(concurrency) * LATENCY_MS);
    table.row(
        "1. apply 100 creates, 50 ms/call",
        format!("{} for {calls} calls", secs(took)),
        format!(
            "{:.2}x its floor ({})",
            took.as_secs_f64() / floor.as_secs_f64(),
            secs(floor)
        ),
    );

    // 3. plan of the 100 now in sync.
    let before = emu.count("requests");
    let mut plan = tool(dir, &emu);
    plan.args(["plan", "--detailed-exitcode"]).arg(&hundred);
    let (plan_took, in_sync) = timed(plan);
    let plan_calls = emu.count("requests") - before;
    drop(emu);

    // 2. the same creates with a sequential curl loop.
    let emu = Emulator::start(&["--latency", &latency]);
    let start = Instant::now();
    for i in 0..100 {
        let body = format!(
            r#"{{"target":"https://h{i}.example.com/","type":"lead","event":"new","secret":{{"token":"t{i}"}}}}"#
        );
        let status = Command::new("curl")
            .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST"])
            .args([
                "-H",
                "X-PW-AccessToken: bench",
                "-H",
                "X-PW-Application: developer_api",
            ])
            .args(["-H", "X-PW-UserEmail: bench@example.com"])
            .args(["-H", "Content-Type: application/json", "-d", &body])
            .arg(format!("{}/webhooks", emu.url))
            .output()
            .expect("run curl");
        assert_eq!(
            String::from_utf8_lossy(&status.stdout),
            "200",
            "curl create failed"
        );
    }
    let curl_took = start.elapsed();
    drop(emu);
    table.row(
        "2. the same by a sequential curl loop",
        secs(curl_took),
        format!(
            "copper-hooks {:.1}x faster",
            curl_took.as_secs_f64() / took.as_secs_f64()
        ),
    );
    table.row(
        "3. plan of 100 already in sync",
        format!("{} for {plan_calls} call(s)", secs(plan_took)),
        if in_sync { "in sync" } else { "NOT in sync" }.to_string(),
    );

    // 4. three consecutive applies replacing 100 subscriptions, under a quota of 60 per
    // rolling 10 s that the client is not told.
    let quota = ["--rate-limit", "60/10", "--latency", &latency];
    let emu = Emulator::start(&quota);
    let mut seed = tool(dir, &emu);
    // What the seeding learns of the quota is not kept: the first apply starts knowing nothing.
    seed.env("COPPER_HOOKS_DATA_DIR", dir.join("seed-data"))
        .args(["apply", "--yes"])
        .arg(&hundred);
    assert!(timed(seed).1, "seeding failed");
    // The seeding is an apply that learns the untold quota from nothing: its 429 share.
    let (seed_calls, seed_limited) = (emu.count("requests"), emu.count("rate_limited"));
    // Let the seeding's calls leave the window, so the three applies start on a fresh quota.
    std::thread::sleep(Duration::from_secs(10));
    let (requests0, limited0) = (emu.count("requests"), emu.count("rate_limited"));
    let start = Instant::now();
    let mut failed = 0;
    let mut per_apply = Vec::new();
    for round in 0..3 {
        let limited_before = emu.count("rate_limited");
        let next = write(
            dir,
            &format!("round{round}.toml"),
            &manifest("bench", &format!("r{round}-"), 100),
        );
        let mut apply = tool(dir, &emu);
        apply
            .args(["apply", "--yes", "--prune", "--force", "--deadline", "900"])
            .arg(&next);
        if !timed(apply).1 {
            failed += 1;
        }
        per_apply.push((emu.count("rate_limited") - limited_before).to_string());
    }
    let replaced = start.elapsed();
    let calls = emu.count("requests") - requests0;
    let limited = emu.count("rate_limited") - limited0;
    let answered = calls - limited;
    let floor = quota_floor(answered, &[(60, 10.0), (180, 60.0)]);
    table.row(
        "4. 3 applies replacing 100 each, untold quota 60/10s",
        format!(
            "{} for {answered} calls; {failed} failed; {limited} 429s ({:.1}% of calls; {} \
             by apply); the first apply, learning from nothing (100 creates): {seed_limited} \
             429s, {:.1}% of its {seed_calls} calls",
            secs(replaced),
            100.0 * limited as f64 / calls.max(1) as f64,
            per_apply.join(", "),
            100.0 * seed_limited as f64 / seed_calls.max(1) as f64,
        ),
        format!(
            "{:.2}x the quota floor ({})",
            replaced.as_secs_f64() / floor.as_secs_f64(),
            secs(floor)
        ),
    );
    drop(emu);

    // 5. two applies of different manifests started together on one account, each with a
    // fresh data folder: at 50 ms and at 0 ms a call, against a server that counts a call
    // when it answers it (the emulator's default) and one that counts it on arrival.
    let a = write(dir, "a.toml", &manifest("team-a", "a", 50));
    let b = write(dir, "b.toml", &manifest("team-b", "b", 50));
    for (label, latency, model) in [
        (
            "5. two applies of 50 together, same account",
            "50",
            "answer",
        ),
        ("   the same at 0 ms a call", "0", "answer"),
        (
            "   at 50 ms, a server that counts calls on arrival",
            "50",
            "arrival",
        ),
        (
            "   at 0 ms, a server that counts calls on arrival",
            "0",
            "arrival",
        ),
    ] {
        let emu = Emulator::start(&[
            "--latency",
            latency,
            "--rate-limit",
            "60/10",
            "--rate-counts-at",
            model,
        ]);
        let start = Instant::now();
        let spawn = |file: &Path, data: &str| {
            let mut cmd = tool(dir, &emu);
            cmd.env("COPPER_HOOKS_DATA_DIR", dir.join(data))
                .args(["apply", "--yes", "--deadline", "900"])
                .arg(file);
            cmd.spawn().expect("start an apply")
        };
        let fresh = format!("data-5-{latency}-{model}");
        let (mut first, mut second) = (
            spawn(&a, &format!("{fresh}-a")),
            spawn(&b, &format!("{fresh}-b")),
        );
        let both =
            first.wait().is_ok_and(|s| s.success()) && second.wait().is_ok_and(|s| s.success());
        let together = start.elapsed();
        let answered = emu.count("requests") - emu.count("rate_limited");
        let floor = quota_floor(answered, &[(60, 10.0)]);
        table.row(
            label,
            format!(
                "{} for {answered} calls; {} 429s; {}",
                secs(together),
                emu.count("rate_limited"),
                if both { "both succeeded" } else { "A FAILURE" }
            ),
            format!(
                "{:.2}x the quota floor ({}); aim: at most 1.5x",
                together.as_secs_f64() / floor.as_secs_f64(),
                secs(floor)
            ),
        );
    }

    // 6. start-up, peak memory, size.
    let runs = 50;
    let start = Instant::now();
    for _ in 0..runs {
        let ok = Command::new(BIN)
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "--version failed");
    }
    let startup = start.elapsed() / runs;
    let emu = Emulator::start(&["--latency", "5"]);
    let mut apply = tool(dir, &emu);
    apply.args(["apply", "--yes"]).arg(&hundred);
    let peak = peak_kib(&apply);
    drop(emu);
    let size = std::fs::metadata(BIN).map(|m| m.len()).unwrap_or(0);
    table.row(
        "6. start-up (--version, mean of 50)",
        format!("{:.1} ms", startup.as_secs_f64() * 1000.0),
        "bound: under 5 ms".into(),
    );
    table.row(
        "   peak memory of the 100-create apply",
        peak.map_or("n/a (no python3)".into(), |kib| {
            format!("{:.1} MB", kib as f64 / 1024.0)
        }),
        "bound: under 15 MB".into(),
    );
    table.row(
        "   binary size (release, stripped)",
        format!("{:.1} MB", size as f64 / 1_048_576.0),
        "bound: under 6 MB".into(),
    );
    fleet_rows(dir, &mut table);
    println!();
    table.print();
}

/// The accounts file of `n` tenants at the emulator, each with its own key variable (the
/// API root once, in `[defaults]`: 10,000 accounts stay under the file's 1 MiB).
fn accounts_file(dir: &Path, emu: &Emulator, n: usize) -> PathBuf {
    let mut text = format!("[defaults]\napi_url = \"{}\"\n\n", emu.url);
    for i in 0..n {
        text.push_str(&format!(
            "[account.t{i}]\napi_key_env = \"KEY_T{i}\"\nemail = \"t{i}@example.com\"\nvars = {{ TENANT = \"t{i}\" }}\n"
        ));
    }
    write(dir, &format!("accounts-{n}.toml"), &text)
}

/// `--parallel-accounts`' default, and the most calls a run has in flight at once.
const PARALLEL: u64 = 128;
const IN_FLIGHT: u64 = 256;

/// The least a fleet run can take: its accounts `PARALLEL` at a time, each `round_trips`
/// calls after another, or all its `calls` `IN_FLIGHT` at a time, whichever is longer.
fn fleet_floor(accounts: u64, round_trips: u64, calls: u64) -> Duration {
    let by_accounts = accounts.div_ceil(PARALLEL) * round_trips;
    let by_calls = calls.div_ceil(IN_FLIGHT);
    Duration::from_millis(by_accounts.max(by_calls) * LATENCY_MS)
}

/// The copper-hooks command for a fleet: every account's key in its own variable.
fn fleet_tool(dir: &Path, emu: &Emulator, n: usize) -> Command {
    let mut cmd = tool(dir, emu);
    for i in 0..n {
        cmd.env(format!("KEY_T{i}"), format!("key-t{i}"));
    }
    cmd
}

fn tenant_manifest(n: usize) -> String {
    let mut text = String::from("owner = \"fleet\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://app.example.com/${{TENANT}}/{i}\"\n"
        ));
    }
    text
}

fn fleet_rows(dir: &Path, table: &mut Table) {
    let latency = LATENCY_MS.to_string();
    let (accounts, creates) = (200u64, 20u64);
    let manifest = write(dir, "tenant.toml", &tenant_manifest(creates as usize));

    // 7. one fleet apply, and one account's apply for the memory it is compared with.
    let emu = Emulator::start(&["--latency", &latency]);
    let file = accounts_file(dir, &emu, accounts as usize);
    let mut single = tool(dir, &emu);
    single
        .env("TENANT", "single")
        .args(["apply", "--yes"])
        .arg(&manifest);
    let single_kib = peak_kib(&single);
    let mut apply = fleet_tool(dir, &emu, accounts as usize);
    apply
        .args(["apply", "--yes", "--accounts"])
        .arg(&file)
        .arg(&manifest);
    let before = emu.count("requests");
    let (took, ok) = timed(apply);
    let calls = emu.count("requests") - before;
    // Each account: its list call, then its creates at 16 in flight.
    let per_account = 1 + creates.div_ceil(16);
    let floor = fleet_floor(accounts, per_account, accounts * (1 + creates));
    table.row(
        "7. fleet apply, 200 accounts x 20 creates",
        format!(
            "{} for {calls} calls; {}",
            secs(took),
            if ok { "all applied" } else { "A FAILURE" }
        ),
        format!(
            "{:.2}x its floor ({}, 128 accounts and 256 calls at a time; aim: at most 1.3x)",
            took.as_secs_f64() / floor.as_secs_f64(),
            secs(floor)
        ),
    );
    // The same again on a fresh emulator, for its memory.
    drop(emu);
    let emu = Emulator::start(&["--latency", &latency]);
    let file = accounts_file(dir, &emu, accounts as usize);
    let mut apply = fleet_tool(dir, &emu, accounts as usize);
    apply
        .args(["apply", "--yes", "--accounts"])
        .arg(&file)
        .arg(&manifest);
    let fleet_kib = peak_kib(&apply);
    table.row(
        "   peak memory of the fleet apply",
        fleet_kib.map_or("n/a (no python3)".into(), |kib| {
            format!("{:.1} MB", kib as f64 / 1024.0)
        }),
        match (fleet_kib, single_kib) {
            (Some(f), Some(s)) => format!(
                "bound: under 60 MB ({:.2}x one account's apply of {:.1} MB)",
                f as f64 / s as f64,
                s as f64 / 1024.0
            ),
            _ => "n/a".into(),
        },
    );
    drop(emu);

    // 8. the peers: one process per account, one after another, then 8 at a time.
    let emu = Emulator::start(&["--latency", &latency]);
    let bin = BIN;
    let script = format!(
        "for i in $(seq 0 {last}); do COPPER_API_KEY=key-t$i COPPER_USER_EMAIL=t$i@example.com \
         TENANT=t$i {bin} -q apply --yes {m} >/dev/null 2>&1 || exit 1; done",
        last = accounts - 1,
        m = manifest.display()
    );
    let mut shell = tool(dir, &emu);
    shell = {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(&script);
        for (k, v) in shell.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        cmd
    };
    let (shell_took, shell_ok) = timed(shell);
    drop(emu);
    let emu = Emulator::start(&["--latency", &latency]);
    let one = format!(
        "COPPER_API_KEY=key-t$0 COPPER_USER_EMAIL=t$0@example.com TENANT=t$0 {bin} -q apply --yes {m} >/dev/null 2>&1",
        m = manifest.display()
    );
    // `-I @@`: a placeholder that occurs nowhere in the command (N would, in TENANT).
    let xargs_script = format!("seq 0 {} | xargs -P 8 -I @@ sh -c '{one}' @@", accounts - 1);
    let mut xargs = Command::new("sh");
    xargs.arg("-c").arg(&xargs_script);
    for (k, v) in tool(dir, &emu).get_envs() {
        if let Some(v) = v {
            xargs.env(k, v);
        }
    }
    xargs.stdout(Stdio::null()).stderr(Stdio::null());
    let (xargs_took, xargs_ok) = timed(xargs);
    drop(emu);
    table.row(
        "8. the same by a shell loop, one apply per account",
        format!(
            "{}{}",
            secs(shell_took),
            if shell_ok { "" } else { " (A FAILURE)" }
        ),
        format!(
            "copper-hooks {:.1}x faster",
            shell_took.as_secs_f64() / took.as_secs_f64()
        ),
    );
    table.row(
        "   and by xargs -P 8",
        format!(
            "{}{}",
            secs(xargs_took),
            if xargs_ok { "" } else { " (A FAILURE)" }
        ),
        format!(
            "copper-hooks {:.1}x faster",
            xargs_took.as_secs_f64() / took.as_secs_f64()
        ),
    );

    // 9. a plan of 1,000 accounts in sync (an empty manifest: nothing to create anywhere).
    let emu = Emulator::start(&["--latency", &latency]);
    let many = 1000;
    let file = accounts_file(dir, &emu, many);
    let empty = write(dir, "empty.toml", "owner = \"fleet\"\n");
    let mut plan = fleet_tool(dir, &emu, many);
    plan.args(["-q", "plan", "--detailed-exitcode", "--accounts"])
        .arg(&file)
        .arg(&empty);
    let before = emu.count("requests");
    let (plan_took, in_sync) = timed(plan);
    let plan_calls = emu.count("requests") - before;
    let floor = fleet_floor(many as u64, 1, many as u64);
    table.row(
        "9. fleet plan, 1,000 accounts in sync",
        format!(
            "{} for {plan_calls} calls; {}",
            secs(plan_took),
            if in_sync {
                "all in sync"
            } else {
                "NOT in sync"
            }
        ),
        format!(
            "{:.2}x its floor ({}: one call per account, 128 at a time)",
            plan_took.as_secs_f64() / floor.as_secs_f64(),
            secs(floor)
        ),
    );
    drop(emu);
    wide_rows(dir, table);
}

/// Rows 10 to 12: ten thousand accounts, a thousand accounts of 20 creates, and ten thousand
/// as four shards (a CI matrix's jobs, run here one after another).
fn wide_rows(dir: &Path, table: &mut Table) {
    let latency = LATENCY_MS.to_string();
    let peak =
        |kib: Option<u64>| kib.map_or("n/a".into(), |k| format!("{:.1} MB", k as f64 / 1024.0));

    // 10. a plan of 10,000 accounts in sync, and its peak memory on a fresh emulator.
    let many = 10_000usize;
    let empty = write(dir, "empty.toml", "owner = \"fleet\"\n");
    let plan_of = |emu: &Emulator, file: &Path, extra: &[&str]| {
        let mut plan = fleet_tool(dir, emu, many);
        plan.args(["-q", "plan", "--detailed-exitcode"])
            .args(extra)
            .arg("--accounts")
            .arg(file)
            .arg(&empty);
        plan
    };
    let emu = Emulator::start(&["--latency", &latency]);
    let file = accounts_file(dir, &emu, many);
    let (took, in_sync) = timed(plan_of(&emu, &file, &[]));
    let kib = peak_kib(&plan_of(&emu, &file, &[]));
    let floor = fleet_floor(many as u64, 1, many as u64);
    table.row(
        "10. fleet plan, 10,000 accounts in sync",
        format!(
            "{} for {many} calls; {}; peak {}",
            secs(took),
            if in_sync {
                "all in sync"
            } else {
                "NOT in sync"
            },
            peak(kib)
        ),
        format!(
            "{:.2}x its floor ({}); aims: under 10 s, under 100 MB",
            took.as_secs_f64() / floor.as_secs_f64(),
            secs(floor)
        ),
    );
    // 12. the same 10,000 as four shards.
    let mut shards = Vec::new();
    for k in 1..=4 {
        let shard = format!("{k}/4");
        let (took, ok) = timed(plan_of(&emu, &file, &["--shard", &shard]));
        shards.push((took, ok));
    }
    drop(emu);

    // 11. an apply of 1,000 accounts x 20 creates, and its peak memory on a fresh emulator.
    let (accounts, creates) = (1000usize, 20u64);
    let manifest = write(dir, "tenant-20.toml", &tenant_manifest(creates as usize));
    let apply_of = |emu: &Emulator, file: &Path| {
        let mut apply = fleet_tool(dir, emu, accounts);
        apply
            .args(["-q", "apply", "--yes", "--accounts"])
            .arg(file)
            .arg(&manifest);
        apply
    };
    let emu = Emulator::start(&["--latency", &latency]);
    let file = accounts_file(dir, &emu, accounts);
    let before = emu.count("requests");
    let (took, ok) = timed(apply_of(&emu, &file));
    let calls = emu.count("requests") - before;
    drop(emu);
    let emu = Emulator::start(&["--latency", &latency]);
    let file = accounts_file(dir, &emu, accounts);
    let kib = peak_kib(&apply_of(&emu, &file));
    drop(emu);
    let floor = fleet_floor(
        accounts as u64,
        1 + creates.div_ceil(16),
        accounts as u64 * (1 + creates),
    );
    table.row(
        "11. fleet apply, 1,000 accounts x 20 creates",
        format!(
            "{} for {calls} calls; {}; peak {}",
            secs(took),
            if ok { "all applied" } else { "A FAILURE" },
            peak(kib)
        ),
        format!(
            "{:.2}x its floor ({}, 256 calls at a time); aims: at most 1.2x, under 100 MB",
            took.as_secs_f64() / floor.as_secs_f64(),
            secs(floor)
        ),
    );
    let total: Duration = shards.iter().map(|(t, _)| *t).sum();
    let each: Vec<String> = shards.iter().map(|(t, _)| secs(*t)).collect();
    table.row(
        "12. the 10,000 of row 10 as 4 shards (--shard K/4)",
        format!(
            "{} a shard; {} in all, one after another{}",
            each.join(", "),
            secs(total),
            if shards.iter().all(|(_, ok)| *ok) {
                ""
            } else {
                " (A FAILURE)"
            }
        ),
        "as a CI matrix, the slowest shard is the wall time".into(),
    );
}
