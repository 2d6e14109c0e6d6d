//! copper-hooks: parse, run, print the one error line, map it to an exit code.

use std::process::ExitCode;

use clap::Parser;

use copper_hooks::error::{self, Exit};
use copper_hooks::{cli, cmd, text};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // Help and version are successes; every other parse failure is a usage error,
            // kept apart from 2 ("changes pending").
            return ExitCode::from(if err.use_stderr() {
                Exit::Usage.code() as u8
            } else {
                0
            });
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("copper-hooks: error: cannot start the async runtime: {err}");
            return ExitCode::from(Exit::Error.code() as u8);
        }
    };
    let result = runtime.block_on(cmd::run(cli));
    // Don't wait for a sandbox emulator or a stuck connection to wind down.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    let exit = match result {
        Ok(exit) => exit,
        Err(err) => {
            let exit = error::exit_for(&err);
            if exit != Exit::Ok {
                // One line, whatever the causes quote: a server's message or a file name
                // cannot break it or reach the terminal raw.
                eprintln!("copper-hooks: error: {}", text::line(&format!("{err:#}")));
            }
            exit
        }
    };
    ExitCode::from(exit.code() as u8)
}
