//! copper-hooks: parse, run, print the one error line, map it to an exit code.

use std::process::ExitCode;

use copper_hooks::error::{self, Exit};
use copper_hooks::{cli, cmd, output, text};

fn main() -> ExitCode {
    let parsed = cli::command()
        .try_get_matches()
        .and_then(|matches| <cli::Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version are successes; every other parse failure is a usage error,
            // kept apart from 2 ("changes pending"), said in the one documented line.
            let missing = clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
            if !err.use_stderr() || err.kind() == missing {
                let _ = err.print();
            } else {
                let args: Vec<String> = std::env::args().collect();
                output::err_line(&usage_line(&err, &args));
            }
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
            output::err_line(&format!(
                "copper-hooks: error: cannot start the async runtime: {err}"
            ));
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
            if exit == Exit::Declined {
                // Answering no is a choice: said as it is, with no "error".
                output::err_line(&text::line(&err.to_string()));
            } else if exit != Exit::Ok {
                // One line, whatever the causes quote: a server's message or a file name
                // cannot break it or reach the terminal raw.
                output::err_line(&format!(
                    "copper-hooks: error: {}",
                    text::line(&format!("{err:#}"))
                ));
            }
            exit
        }
    };
    ExitCode::from(exit.code() as u8)
}

/// clap's error as one line: its message, its tip, and which `--help` to read.
fn usage_line(err: &clap::Error, args: &[String]) -> String {
    let rendered = err.render().to_string();
    let mut message = Vec::new();
    let mut tips = Vec::new();
    // clap names the command in its usage line, which some errors (a bad value) leave out.
    let mut command = command_path(args);
    let mut in_message = true;
    for line in rendered.lines() {
        let line = line.trim();
        if line.is_empty() {
            in_message = false;
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        } else if let Some(usage) = line.strip_prefix("Usage: ") {
            command = usage
                .split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']))
                .collect::<Vec<_>>()
                .join(" ");
        } else if in_message && !line.starts_with("For more information") {
            message.push(line.strip_prefix("error: ").unwrap_or(line).to_string());
        }
    }
    let mut out = format!("copper-hooks: error: {}", message.join(" "));
    for tip in tips {
        out.push_str(&format!(" ({tip})"));
    }
    out.push_str(&format!("; see `{command} --help`"));
    text::line(&out).into_owned()
}

/// The (sub)command the arguments name, e.g. `copper-hooks auth login`: its words up to the
/// first that is not a subcommand, skipping flags and the values they take.
fn command_path(args: &[String]) -> String {
    let mut cmd = cli::command();
    cmd.build();
    let mut path = vec!["copper-hooks".to_string()];
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let takes_value = |a: &clap::Arg| a.get_action().takes_values();
        if let Some(long) = word.strip_prefix("--") {
            if !long.contains('=')
                && cmd
                    .get_arguments()
                    .any(|a| a.get_long() == Some(long) && takes_value(a))
            {
                words.next();
            }
            continue;
        }
        if let Some(short) = word.strip_prefix('-').filter(|s| !s.is_empty()) {
            let mut chars = short.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if cmd
                    .get_arguments()
                    .any(|a| a.get_short() == Some(c) && takes_value(a))
                {
                    words.next();
                }
            }
            continue;
        }
        let Some(sub) = cmd.find_subcommand(word).cloned() else {
            break;
        };
        path.push(sub.get_name().to_string());
        cmd = sub;
    }
    path.join(" ")
}
