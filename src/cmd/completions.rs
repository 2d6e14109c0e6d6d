//! `completions`: shell completion scripts, generated from the CLI definition itself.

use std::path::Path;

use clap_complete::Shell;

use crate::cli::CompletionsArgs;
use crate::error::{self, Exit};

pub fn run(args: CompletionsArgs) -> anyhow::Result<Exit> {
    match (args.shell, args.dir) {
        (_, Some(dir)) => {
            write_all(&dir)?;
            Ok(Exit::Ok)
        }
        (Some(shell), None) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut crate::cli::command(), "copper-hooks", &mut buf);
            crate::output::out(&String::from_utf8_lossy(&buf))?;
            Ok(Exit::Ok)
        }
        (None, None) => Err(error::usage(
            "name a shell (bash, zsh, fish, powershell, elvish) or pass --dir",
        )),
    }
}

/// Writes every shell's script into `dir` (the checked-in `completions/`).
pub fn write_all(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        clap_complete::generate_to(shell, &mut crate::cli::command(), "copper-hooks", dir)?;
    }
    Ok(())
}
