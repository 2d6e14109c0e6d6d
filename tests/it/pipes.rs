//! Closed pipes: a CI script that runs `copper-hooks ... 2>&1 | head` under `pipefail` must
//! read the command's own exit code. A closed stdout or stderr stops the writing, never the
//! work, and never turns into a panic (101) or a false success.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{entries, World};

/// How a command's output is cut off.
#[derive(Clone, Copy, Debug)]
enum Closed {
    Stdout,
    Stderr,
    Both,
}

const EVERY: [Closed; 3] = [Closed::Stdout, Closed::Stderr, Closed::Both];

/// A pipe whose reading end is already gone: every write to it fails with EPIPE.
fn dead_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

fn spawn_closed(mut cmd: Command, closed: Closed) -> Child {
    let (out, err) = match closed {
        Closed::Stdout => (dead_pipe(), Stdio::null()),
        Closed::Stderr => (Stdio::null(), dead_pipe()),
        Closed::Both => (dead_pipe(), dead_pipe()),
    };
    cmd.stdout(out)
        .stderr(err)
        .spawn()
        .expect("run copper-hooks")
}

/// Runs `args` with the given streams closed and returns the exit code.
fn code(w: &World, args: &[&str], closed: Closed) -> i32 {
    let mut cmd = w.command();
    cmd.args(args);
    let status = spawn_closed(cmd, closed).wait().expect("wait");
    status.code().unwrap_or(-1)
}

/// Every stream closed in turn: the code is the one the command gives with open streams.
fn same_code(w: &World, args: &[&str], expected: i32) {
    let open = w.run(args);
    assert_eq!(
        open.code,
        expected,
        "{args:?} with open streams:\n{}",
        open.all()
    );
    for closed in EVERY {
        assert_eq!(
            code(w, args, closed),
            expected,
            "{args:?} with {closed:?} closed"
        );
    }
}

#[test]
fn closed_streams_keep_every_exit_code() {
    let w = World::new();
    let m = w.write("m.toml", &entries(0..3));
    let m = m.to_str().unwrap();
    let bad = w.write("bad.toml", "[[subscription]]\ntype = \"lead\"\n");
    let bad = bad.to_str().unwrap();
    // Results.
    same_code(&w, &["list"], 0);
    same_code(&w, &["-o", "json", "list"], 0);
    same_code(&w, &["validate", m], 0);
    same_code(&w, &["plan", m], 0);
    same_code(&w, &["--help"], 0);
    same_code(&w, &["completions", "bash"], 0);
    same_code(&w, &["man"], 0);
    same_code(&w, &["export"], 0);
    same_code(&w, &["auth", "status"], 0);
    // Changes pending stays 2, never "in sync".
    same_code(&w, &["plan", "--detailed-exitcode", m], 2);
    // Errors of every kind.
    same_code(&w, &["get", "999"], 1);
    same_code(&w, &["validate", "nope.toml"], 65);
    same_code(&w, &["validate", bad], 65);
    same_code(&w, &["plan", bad], 65);
    same_code(&w, &["--bogus"], 64);
    same_code(&w, &["delete", "1"], 64);
    same_code(
        &w,
        &[
            "create",
            "--type",
            "lead",
            "--event",
            "new",
            "--target",
            "http://x.example.com/",
        ],
        3,
    );
    same_code(&w, &["apply", "--yes", "--expect-checksum", "1234", m], 3);
    same_code(&w, &["auth", "status"], 0);
    let no_key = w.run_with(&["list"], &[("COPPER_API_KEY", "")]);
    no_key.code(4);
    for closed in EVERY {
        let mut cmd = w.command();
        cmd.arg("list").env_remove("COPPER_API_KEY");
        let status = spawn_closed(cmd, closed).wait().unwrap();
        assert_eq!(status.code(), Some(4), "{closed:?}");
    }
    assert_eq!(w.emu().writes(), 0, "nothing above writes");
}

#[test]
fn an_apply_with_closed_streams_is_carried_out_and_says_so_by_its_code() {
    let w = World::new();
    let m = w.write("m.toml", &entries(0..4));
    let m = m.to_str().unwrap();
    assert_eq!(code(&w, &["apply", "--yes", m], Closed::Both), 0);
    assert_eq!(w.list().len(), 4, "the apply was carried out");
    // In sync now: 0 in every case, with no write.
    let writes = w.emu().writes();
    same_code(&w, &["plan", "--detailed-exitcode", m], 0);
    same_code(&w, &["apply", "--yes", m], 0);
    assert_eq!(w.emu().writes(), writes);
    // A failing apply is 1 with its output gone, not 0.
    w.emu().fault(
        serde_json::json!([{"method": "POST", "kind": "status", "status": 500, "times": 0}]),
    );
    let more = w.write("more.toml", &entries(0..6));
    assert_eq!(
        code(
            &w,
            &["--retries", "0", "apply", "--yes", more.to_str().unwrap()],
            Closed::Both
        ),
        1
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_exit(child: &mut Child) -> i32 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("did not stop");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn terminate(child: &Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -TERM");
}

#[test]
fn servers_keep_serving_with_closed_streams_and_stop_cleanly() {
    let w = World::offline();
    for closed in EVERY {
        // The emulator: its address line is lost, its API is not.
        let port = free_port();
        let mut cmd = w.command();
        cmd.args([
            "emulator",
            "--allow-http-targets",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ]);
        let mut emulator = spawn_closed(cmd, closed);
        wait_for_port(port);
        let api = format!("http://127.0.0.1:{port}/developer_api/v1");
        let env = [
            ("COPPER_API_URL", api.as_str()),
            ("COPPER_API_KEY", "k-0123456789"),
            ("COPPER_USER_EMAIL", "e@example.com"),
        ];
        w.run_with(&["list"], &env).ok();

        // listen: every line it prints is lost, every delivery is still answered.
        let listen_port = free_port();
        let mut cmd = w.command();
        cmd.args([
            "listen",
            "--port",
            &listen_port.to_string(),
            "--max-deliveries",
            "3",
        ]);
        let mut listen = spawn_closed(cmd, closed);
        wait_for_port(listen_port);
        let to = format!("http://127.0.0.1:{listen_port}/");
        w.run(&["trigger", "person.update", "--to", &to]).ok();
        w.run(&["trigger", "lead.new", "--to", &to, "--ids", "1..40"])
            .ok();
        assert_eq!(wait_exit(&mut listen), 0, "listen with {closed:?} closed");

        terminate(&emulator);
        assert_eq!(
            wait_exit(&mut emulator),
            0,
            "emulator with {closed:?} closed"
        );
    }
}
