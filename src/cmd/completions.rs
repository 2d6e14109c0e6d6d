//! `completions`: shell completion scripts, generated from the CLI definition itself.

use std::path::{Path, PathBuf};

use clap_complete::{Generator, Shell};

use crate::cli::CompletionsArgs;
use crate::error::{self, Exit};

const BIN: &str = "copper-hooks";
const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

pub fn run(ctx: &super::Ctx, args: CompletionsArgs) -> anyhow::Result<Exit> {
    match (args.shell, args.dir) {
        (_, Some(dir)) => {
            let written = write_all(&dir)?;
            let names: Vec<String> = written
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            ctx.note(&format!(
                "Wrote {} completion scripts to {}: {}",
                written.len(),
                dir.display(),
                names.join(", ")
            ));
            Ok(Exit::Ok)
        }
        (Some(shell), None) => {
            crate::output::out(&script(shell))?;
            Ok(Exit::Ok)
        }
        (None, None) => Err(error::usage(
            "name a shell (bash, zsh, fish, powershell, elvish) or pass --dir",
        )),
    }
}

/// One shell's completion script.
pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), BIN, &mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    match shell {
        Shell::Bash => mend_bash(&text),
        _ => text,
    }
}

/// clap_complete's bash generator names the completion state of a subcommand from the
/// binary's name with '-' made `__` (`copper__hooks__subcmd__create`), but the `case` labels
/// that read that state with '-' made `__subcmd__` (`copper__subcmd__hooks__subcmd__create`),
/// so for a binary with a hyphen no label ever matches and every subcommand completes file
/// names. The labels are given the state's spelling. (clap_complete 4.6.11; a test in real
/// bash fails if a new version changes the shape.)
fn mend_bash(script: &str) -> String {
    let wrong = format!("{}{}", BIN.replace('-', "__subcmd__"), "__subcmd__");
    let right = format!("{}{}", BIN.replace('-', "__"), "__subcmd__");
    script.replace(&wrong, &right)
}

/// Writes every shell's script into `dir` (the checked-in `completions/`); returns the files.
pub fn write_all(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for shell in SHELLS {
        let path = dir.join(shell.file_name(BIN));
        std::fs::write(&path, script(shell))?;
        written.push(path);
    }
    Ok(written)
}
