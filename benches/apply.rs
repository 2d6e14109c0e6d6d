//! Measures what apply costs in time: 100 creates against the emulator with a realistic
//! per-call latency, at several concurrency levels, and the offline validate of a 100-entry
//! manifest. Prints figures and ratios; asserts nothing about time.
//!
//! Run with `cargo bench --bench apply`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_copper-hooks");
const LATENCY_MS: u64 = 40;

fn manifest(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://h{i}.example.com/\"\nsecret = {{ token = \"t{i}\" }}\n"
            )
        })
        .collect()
}

fn apply_once(dir: &std::path::Path, file: &std::path::Path, concurrency: u16) -> Duration {
    let mut emu = Command::new(BIN)
        .args(["emulator", "--latency", &LATENCY_MS.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start emulator");
    let mut line = String::new();
    BufReader::new(emu.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address");
    let url = line.trim().rsplit(' ').next().expect("url").to_string();
    let started = Instant::now();
    let status = Command::new(BIN)
        .args([
            "-q",
            "apply",
            "--yes",
            "--concurrency",
            &concurrency.to_string(),
        ])
        .arg(file)
        .env("COPPER_API_URL", &url)
        .env("COPPER_API_KEY", "bench")
        .env("COPPER_USER_EMAIL", "bench@example.com")
        .env("COPPER_HOOKS_CONFIG_DIR", dir.join("config"))
        .stdout(Stdio::null())
        .status()
        .expect("run apply");
    let took = started.elapsed();
    assert!(status.success(), "apply failed");
    let _ = emu.kill();
    let _ = emu.wait();
    took
}

fn main() {
    let dir = std::env::temp_dir().join(format!("copper-hooks-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("m.toml");
    std::fs::write(&file, manifest(100)).expect("manifest");

    println!("apply of 100 creates, emulator latency {LATENCY_MS} ms per call (best of 3):");
    let mut base = None;
    for concurrency in [1u16, 4, 8] {
        let best = (0..3)
            .map(|_| apply_once(&dir, &file, concurrency))
            .min()
            .expect("runs");
        let base = *base.get_or_insert(best);
        println!(
            "  concurrency {concurrency:>2}: {:>7.0} ms  ({:.1}x faster than 1)",
            best.as_secs_f64() * 1000.0,
            base.as_secs_f64() / best.as_secs_f64()
        );
    }

    let runs = 20;
    let started = Instant::now();
    for _ in 0..runs {
        let status = Command::new(BIN)
            .args(["-q", "validate"])
            .arg(&file)
            .status()
            .expect("validate");
        assert!(status.success());
    }
    println!(
        "validate of a 100-entry manifest (whole process): {:.1} ms mean over {runs} runs",
        started.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
