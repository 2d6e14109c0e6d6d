//! The test harness: the real `copper-hooks` binary, an emulator it starts on a loopback
//! port, a temporary config and data folder per test, and golden files.
//!
//! Nothing here touches the network beyond 127.0.0.1, the real home directory, or a prompt
//! (stdin is always closed).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{json, Value};

pub const BIN: &str = env!("CARGO_BIN_EXE_copper-hooks");

/// Copper's record types, as the CLI spells them.
pub const TYPES: [&str; 7] = [
    "lead",
    "person",
    "company",
    "opportunity",
    "project",
    "task",
    "activity_log",
];

/// A running `copper-hooks emulator`, killed when dropped.
pub struct Emulator {
    child: Child,
    pub url: String,
    pub addr: String,
}

impl Emulator {
    pub fn start(extra: &[&str]) -> Emulator {
        let mut child = Command::new(BIN)
            .args(["emulator", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the emulator");
        let stdout = child.stdout.take().expect("emulator stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the emulator's address");
        let url = line
            .trim()
            .rsplit(' ')
            .next()
            .expect("address on the first line")
            .to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "unexpected first line: {line}"
        );
        let addr = host_port(&url);
        Emulator { child, url, addr }
    }

    /// A raw HTTP/1.0 request to the emulator (tests need no HTTP client of their own).
    pub fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String) {
        raw_http(&self.addr, method, path, headers, body)
    }

    pub fn stats(&self) -> Value {
        let (status, body) = self.raw("GET", "/_emulator/stats", &[], "");
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).unwrap()
    }

    pub fn writes(&self) -> u64 {
        self.stats()["writes"].as_u64().unwrap()
    }

    pub fn fault(&self, faults: Value) {
        let (status, body) = self.raw("POST", "/_emulator/faults", &[], &faults.to_string());
        assert_eq!(status, 200, "{body}");
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn raw_http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect to the emulator");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Copper's headers, for raw requests to the emulator.
pub const AUTH: &[(&str, &str)] = &[
    ("X-PW-AccessToken", "test-key-0123456789"),
    ("X-PW-Application", "developer_api"),
    ("X-PW-UserEmail", "dev@example.com"),
    ("Content-Type", "application/json"),
];

/// One test's world: a temp folder for config and data, and usually an emulator.
pub struct World {
    pub dir: tempfile::TempDir,
    pub emu: Option<Emulator>,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn err_has(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn out_has(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout
        );
        self
    }

    /// The one error line `main` prints.
    pub fn error_line(&self) -> String {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("copper-hooks: error:"))
            .collect();
        assert_eq!(lines.len(), 1, "expected one error line:\n{}", self.stderr);
        lines[0].to_string()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl World {
    /// A world with an emulator started with these extra flags.
    pub fn with(extra: &[&str]) -> World {
        World {
            dir: tempfile::tempdir().unwrap(),
            emu: Some(Emulator::start(extra)),
        }
    }

    pub fn new() -> World {
        World::with(&[])
    }

    /// A world with no emulator (offline commands, sandbox).
    pub fn offline() -> World {
        World {
            dir: tempfile::tempdir().unwrap(),
            emu: None,
        }
    }

    /// A world whose emulator starts from this account state.
    pub fn seeded(subs: &[Value], extra: &[&str]) -> World {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("emulator-state.json");
        write_state(&state, subs);
        let state_arg = state.to_str().unwrap().to_string();
        let mut args = vec!["--state", state_arg.as_str()];
        args.extend_from_slice(extra);
        World {
            emu: Some(Emulator::start(&args)),
            dir,
        }
    }

    pub fn emu(&self) -> &Emulator {
        self.emu.as_ref().expect("this world has an emulator")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The binary with a clean environment: only what the test sets.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        let home = self.dir.path().join("home");
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("COPPER_HOOKS_CONFIG_DIR", self.dir.path().join("config"))
            .env("COPPER_HOOKS_DATA_DIR", self.dir.path().join("data"))
            .env("COPPER_HOOKS_BACKOFF_MS", "5")
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        if let Some(emu) = &self.emu {
            // As a CI's settings would: the emulator's port (and no other on this
            // machine) may receive the keys of an accounts file.
            cmd.env("COPPER_API_URL", &emu.url)
                .env("COPPER_API_KEY", "test-key-0123456789")
                .env("COPPER_USER_EMAIL", "dev@example.com")
                .env("COPPER_HOOKS_API_HOSTS", host_port(&emu.url));
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command();
        cmd.args(args);
        for (k, v) in env {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        into_run(cmd.output().expect("run copper-hooks"))
    }

    /// Creates a subscription through the CLI and returns its id.
    pub fn create(&self, kind: &str, event: &str, target: &str, extra: &[&str]) -> u64 {
        let mut args = vec![
            "-o", "json", "create", "--type", kind, "--event", event, "--target", target,
        ];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        run.ok();
        run.json()["id"].as_u64().unwrap()
    }

    pub fn list(&self) -> Vec<Value> {
        let run = self.run(&["-o", "json", "--show-secrets", "list"]);
        run.ok();
        run.json().as_array().unwrap().clone()
    }
}

/// Waits until the emulator has taken `writes` writes (20 s at most), presses Ctrl-C in
/// `child` (SIGINT), and gives back how it ended.
#[cfg(unix)]
pub fn interrupt_after(child: Child, emu: &Emulator, writes: u64) -> Run {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while emu.writes() < writes && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    into_run(child.wait_with_output().expect("wait for copper-hooks"))
}

/// Waits for `child` at most `limit`; a child still running then is killed and the test
/// fails saying it hung (instead of hanging the suite).
pub fn wait_or_kill(mut child: Child, limit: Duration) -> Run {
    let until = std::time::Instant::now() + limit;
    while child.try_wait().expect("poll copper-hooks").is_none() {
        if std::time::Instant::now() > until {
            let _ = child.kill();
            let run = into_run(child.wait_with_output().expect("wait for copper-hooks"));
            panic!("copper-hooks hung for {limit:?}:\n{}", run.all());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    into_run(child.wait_with_output().expect("wait for copper-hooks"))
}

pub fn into_run(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A subscription as the emulator stores it.
pub fn sub(id: u64, kind: &str, event: &str, target: &str, secret: Value) -> Value {
    json!({
        "id": id, "target": target, "type": kind, "event": event, "secret": secret,
        "headers": {}, "custom_field_computed_values": false, "created_at": 1_700_000_000 + id as i64,
    })
}

pub fn write_state(path: &Path, subs: &[Value]) {
    let mut map = serde_json::Map::new();
    let mut next = 170_001;
    for s in subs {
        let id = s["id"].as_u64().unwrap();
        next = next.max(id + 1);
        map.insert(id.to_string(), s.clone());
    }
    let state = json!({"next_id": next, "subscriptions": map});
    std::fs::write(path, serde_json::to_vec_pretty(&state).unwrap()).unwrap();
}

/// Compares `actual` with `tests/golden/NAME`; `UPDATE_GOLDEN=1 cargo test` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let actual = normalize(actual);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run `UPDATE_GOLDEN=1 cargo test` and review it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the output (run `UPDATE_GOLDEN=1 cargo test` and review the diff)\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

/// Replaces what changes from run to run (times, temp paths, and plan checksums, which are
/// bound to the emulator's port) with fixed words.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    while i < bytes.len() {
        // A checksum: 16 lowercase hex digits standing alone.
        if i + 16 <= bytes.len()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes[i..i + 16].iter().all(|&b| hex(b))
            && bytes.get(i + 16).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            out.push_str("<CHECKSUM-16-HEX>");
            i += 16;
            continue;
        }
        // 2026-11-22T13:05:08Z
        if i + 20 <= bytes.len() && is_iso(&bytes[i..i + 20]) {
            out.push_str("<TIME>              ");
            i += 20;
            continue;
        }
        // "created_at": 1795352485
        if text[i..].starts_with("\"created_at\": ") {
            out.push_str("\"created_at\": <SECS>");
            i += "\"created_at\": ".len();
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        let ch = text[i..].chars().next().unwrap();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn is_iso(b: &[u8]) -> bool {
    let d = |i: usize| b[i].is_ascii_digit();
    d(0) && d(1)
        && d(2)
        && d(3)
        && b[4] == b'-'
        && d(5)
        && d(6)
        && b[7] == b'-'
        && d(8)
        && d(9)
        && b[10] == b'T'
        && d(11)
        && d(12)
        && b[13] == b':'
        && d(14)
        && d(15)
        && b[16] == b':'
        && d(17)
        && d(18)
        && b[19] == b'Z'
}

/// `n` lead.new subscriptions with targets `https://h{i}.example.com/`, ids from 170001.
pub fn spread(n: u64) -> Vec<Value> {
    (0..n)
        .map(|i| {
            sub(
                170_001 + i,
                "lead",
                "new",
                &format!("https://h{i}.example.com/"),
                json!({}),
            )
        })
        .collect()
}

/// A manifest declaring lead.new for each `https://h{i}.example.com/`.
pub fn entries(indexes: impl Iterator<Item = u64>) -> String {
    indexes
        .map(|i| {
            format!("[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://h{i}.example.com/\"\n")
        })
        .collect()
}

impl World {
    /// Runs `list` against a server of the test's own (not the emulator), one retry at most.
    pub fn list_against(&self, url: &str) -> Run {
        self.run_with(
            &["list"],
            &[
                ("COPPER_API_URL", url),
                ("COPPER_API_KEY", "k"),
                ("COPPER_USER_EMAIL", "e@example.com"),
                ("COPPER_HOOKS_RETRIES", "1"),
            ],
        )
    }
}

/// A server of the test's own on loopback: it accepts `connections`, reads each request and
/// answers `reply` (nothing at all when empty), then hangs up. Returns its API URL.
pub fn foreign_server(
    connections: usize,
    reply: &'static [u8],
) -> (String, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        for _ in 0..connections {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(reply);
            }
        }
    });
    (format!("http://127.0.0.1:{port}/developer_api/v1"), server)
}

/// `127.0.0.1:PORT` of an `http://127.0.0.1:PORT/...` URL.
pub fn host_port(url: &str) -> String {
    url.trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The real binary in a real terminal: a tmux server of the test's own (its own socket, the
/// test's clean environment), driven with `send-keys` and read with `capture-pane`.
pub struct Tmux {
    socket: PathBuf,
    /// The world's folder: the shell starts there, and each run's script is written there.
    dir: PathBuf,
    runs: AtomicUsize,
    /// The marker of the last run: unique to it, so no wait can be satisfied by what an
    /// earlier run left on the screen.
    last: std::sync::Mutex<String>,
}

impl Tmux {
    /// A shell in an 80x24 (or `cols` wide) terminal, in the world's environment; `None`,
    /// with the reason printed, where tmux is not installed (`.ci/run` installs it).
    pub fn start(world: &World, cols: u16) -> Option<Tmux> {
        Tmux::start_shell(world, cols, &["sh"])
    }

    /// The same with another program in the terminal (a shell whose completion is tested).
    pub fn start_shell(world: &World, cols: u16, program: &[&str]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipped: tmux is not installed (`.ci/run` installs it)");
            return None;
        }
        // Each terminal has a socket of its own: a server just told to exit can still hold
        // the previous one for a moment, and a new session on it fails ("server exited
        // unexpectedly").
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let n = STARTED.fetch_add(1, Ordering::Relaxed);
        let tmux = Tmux {
            socket: world.dir.path().join(format!("tmux-{n}.sock")),
            dir: world.dir.path().to_path_buf(),
            runs: AtomicUsize::new(0),
            last: std::sync::Mutex::new(String::new()),
        };
        let cols = cols.to_string();
        let mut last = String::new();
        // A loaded machine can still lose the race between tmux's client and the server it
        // forks; a few tries, each reporting what tmux said.
        for attempt in 0..3 {
            let mut cmd = tmux.command();
            for (k, v) in world.command().get_envs() {
                if let Some(v) = v {
                    cmd.env(k, v);
                }
            }
            let out = cmd
                .args([
                    "new-session",
                    "-d",
                    "-s",
                    "t",
                    "-x",
                    &cols,
                    "-y",
                    "24",
                    "-c",
                    tmux.dir.to_str().expect("a UTF-8 temp path"),
                ])
                .args(program)
                .output()
                .expect("start tmux");
            if out.status.success() {
                return Some(tmux);
            }
            last = String::from_utf8_lossy(&out.stderr).into_owned();
            let _ = tmux.command().arg("kill-server").output();
            std::thread::sleep(Duration::from_millis(200 * (attempt + 1)));
        }
        panic!("tmux new-session failed three times: {last}");
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S").arg(&self.socket).args(["-f", "/dev/null"]);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TERM", "xterm-256color");
        cmd
    }

    /// Types `text` literally, then Enter when `enter`.
    pub fn send(&self, text: &str, enter: bool) {
        let ok = self
            .command()
            .args(["send-keys", "-t", "t", "-l", text])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tmux send-keys failed");
        if enter {
            self.key("Enter");
        }
    }

    /// Sends one named key (`Enter`, `C-c`, ...).
    pub fn key(&self, key: &str) {
        let ok = self
            .command()
            .args(["send-keys", "-t", "t", key])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tmux send-keys failed");
    }

    /// Runs the binary with `args` in the terminal, through a script in the world's folder:
    /// what is typed is `sh rN`, a few characters whatever the checkout's path, so the shell's
    /// echo never wraps into the output. The script clears the screen, prints `[start ID]`,
    /// runs the binary, and prints `[exit ID N]`, ID being this run's own (its number and a
    /// nonce): lines the typed command cannot show, since it does not hold them, and that no
    /// other run prints, so a wait for this run's end never stops at an earlier run's.
    pub fn run(&self, args: &[&str]) {
        let n = self.runs.fetch_add(1, Ordering::Relaxed);
        let nonce = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let id = format!("r{n}.{nonce}");
        // `trap : INT`: Ctrl-C reaches the binary, and the script still prints its exit
        // marker after (a handled signal, unlike an ignored one, is not inherited).
        let mut script = format!("trap : INT\nprintf '\\033[H\\033[2J[start {id}]\\n'\n");
        script.push_str(&shell_quote(BIN));
        for arg in args {
            script.push(' ');
            script.push_str(&shell_quote(arg));
        }
        script.push_str(&format!("\nprintf '[exit {id} %s]\\n' \"$?\"\n"));
        std::fs::write(self.dir.join(format!("r{n}")), script).expect("write the run script");
        *self.last.lock().unwrap() = id;
        let _ = self.command().args(["clear-history", "-t", "t"]).status();
        self.send(&format!("sh r{n}"), true);
    }

    /// Waits for the last run to end; gives the screen (wrapped lines joined) and its exit
    /// code.
    pub fn wait_exit(&self) -> (String, i32) {
        let id = self.last.lock().unwrap().clone();
        let marker = format!("[exit {id} ");
        let screen = self.wait_for(&marker);
        let code = screen
            .lines()
            .rev()
            .find_map(|l| {
                l.trim_end()
                    .strip_prefix(&marker)?
                    .strip_suffix(']')?
                    .parse()
                    .ok()
            })
            .unwrap_or_else(|| panic!("no exit code after {marker}:\n{screen}"));
        (screen, code)
    }

    /// What the binary printed for `args` on the terminal, without the shell around it: the
    /// lines between the run's `[start ID]` and `[exit ID N]`, with lines the terminal
    /// wrapped joined again, trailing spaces trimmed.
    pub fn output_of(&self, args: &[&str]) -> String {
        self.run(args);
        self.wait_exit();
        let screen = self.history();
        let id = self.last.lock().unwrap().clone();
        let (start_marker, exit_marker) = (format!("[start {id}]"), format!("[exit {id} "));
        let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
        let start = lines
            .iter()
            .rposition(|l| *l == start_marker)
            .unwrap_or_else(|| panic!("no start marker:\n{screen}"));
        let end = lines
            .iter()
            .rposition(|l| l.starts_with(&exit_marker))
            .unwrap_or_else(|| panic!("no exit marker:\n{screen}"));
        lines[start + 1..end].join("\n")
    }

    /// The screen, with lines the terminal wrapped joined (`-J`), so a long line reads as one.
    pub fn joined(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-J", "-t", "t"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The scrollback and the screen, wrapped lines joined.
    pub fn history(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-J", "-S", "-", "-t", "t"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits (polling, 30 s at most) until the screen shows `text`; returns the screen, wrapped
    /// lines joined. Once something was [`Tmux::run`], only what the last run printed (after
    /// its own start marker) counts: a prompt or marker an earlier run left on the screen
    /// never ends the wait.
    pub fn wait_for(&self, text: &str) -> String {
        let id = self.last.lock().unwrap().clone();
        let start = format!("[start {id}]");
        for _ in 0..600 {
            // The scrollback too: a long run's start marker scrolls off the screen.
            let seen = self.history();
            let fresh = if id.is_empty() {
                Some(seen.as_str())
            } else {
                seen.rfind(&start).map(|at| &seen[at..])
            };
            if fresh.is_some_and(|s| s.contains(text)) {
                return self.joined();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the terminal never showed {text:?}:\n{}", self.screen());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

/// `text` as one word for a POSIX shell.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The lines of a journal that are deliveries (or refusals), without the relay's marks
/// (`run`, `state`).
pub fn delivery_lines(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.lines().filter(|l| {
        serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v.get("verdict").is_some())
    })
}

/// The URL a `listen -o json` prints on its first line.
pub fn listening_url(out: &mut impl BufRead) -> String {
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    serde_json::from_str::<Value>(&first)
        .unwrap_or_else(|_| panic!("no address on the first line: {first}"))["listening"]
        .as_str()
        .unwrap_or_else(|| panic!("no address on the first line: {first}"))
        .to_string()
}
