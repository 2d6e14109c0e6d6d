//! Completion in real shells: the scripts `copper-hooks completions SHELL` prints, loaded into
//! bash, fish and zsh, asked what a user's Tab would offer. Shells that are not installed
//! are skipped with a word (`.ci/run` installs them).

use std::process::Command;

use crate::harness::{Tmux, World, TYPES};

fn installed(shell: &str) -> bool {
    // A home of its own: fish makes its config folders in whatever HOME it is given, and a
    // test never writes into the user's.
    let home = tempfile::tempdir().unwrap();
    let found = Command::new(shell)
        .args(["-c", "exit 0"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: {shell} is not installed (`.ci/run` installs it)");
    }
    found
}

/// The script a user would install, written into the world's folder.
fn script(w: &World, shell: &str) -> String {
    let run = w.run(&["completions", shell]);
    run.ok();
    let path = w.write(&format!("completion.{shell}"), &run.stdout);
    path.to_str().unwrap().to_string()
}

/// What bash offers for the words typed so far (the last one is the word being completed),
/// through the function `complete -p` names, as bash itself would call it.
fn bash(file: &str, words: &[&str]) -> Vec<String> {
    let cword = words.len() - 1;
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let quoted: Vec<String> = words
        .iter()
        .map(|w| crate::harness::shell_quote(w))
        .collect();
    let program = format!(
        "source {file}\n\
         spec=$(complete -p copper-hooks) || exit 9\n\
         func=${{spec##*-F }}; func=${{func%% *}}\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
         \"$func\" copper-hooks {cur} {prev}\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file = crate::harness::shell_quote(file),
        words = quoted.join(" "),
        cur = crate::harness::shell_quote(words[cword]),
        prev = crate::harness::shell_quote(prev),
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "bash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The candidates fish offers for a command line (`complete -C`), without descriptions.
fn fish(file: &str, line: &str) -> Vec<String> {
    let out = Command::new("fish")
        .args(["--no-config", "-c"])
        .arg(format!(
            "source {}; complete -C {}",
            crate::harness::shell_quote(file),
            crate::harness::shell_quote(line)
        ))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

fn has_all(got: &[String], want: &[&str], what: &str) {
    for w in want {
        assert!(got.iter().any(|g| g == w), "{what}: no {w} in {got:?}");
    }
}

#[test]
fn bash_completes_flags_values_and_subcommand_flags() {
    if !installed("bash") {
        return;
    }
    let w = World::offline();
    let file = script(&w, "bash");
    has_all(
        &bash(&file, &["copper-hooks", "ap"]),
        &["apply"],
        "subcommand",
    );
    has_all(
        &bash(&file, &["copper-hooks", "create", "--type", ""]),
        &TYPES,
        "create --type",
    );
    assert_eq!(
        bash(&file, &["copper-hooks", "create", "--ty"]),
        ["--type"],
        "a flag name"
    );
    has_all(
        &bash(&file, &["copper-hooks", "list", "--event", ""]),
        &["new", "update", "delete"],
        "list --event",
    );
    has_all(
        &bash(&file, &["copper-hooks", "plan", "-o", ""]),
        &["table", "json", "markdown"],
        "plan -o",
    );
    has_all(
        &bash(&file, &["copper-hooks", "apply", "--"]),
        &["--prune", "--expect-checksum", "--yes", "--concurrency"],
        "apply's own flags",
    );
    has_all(
        &bash(&file, &["copper-hooks", "auth", "log"]),
        &["login", "logout"],
        "auth's subcommands",
    );
    // No file names where a subcommand's flag is asked for.
    let offered = bash(&file, &["copper-hooks", "create", "--"]);
    assert!(offered.iter().all(|o| o.starts_with("--")), "{offered:?}");
}

#[test]
fn fish_completes_flags_values_and_subcommand_flags() {
    if !installed("fish") {
        return;
    }
    let w = World::offline();
    let file = script(&w, "fish");
    has_all(
        &fish(&file, "copper-hooks create --type "),
        &TYPES,
        "create --type",
    );
    has_all(
        &fish(&file, "copper-hooks create --ty"),
        &["--type"],
        "a flag name",
    );
    has_all(
        &fish(&file, "copper-hooks list --event "),
        &["new", "update", "delete"],
        "list --event",
    );
    has_all(
        &fish(&file, "copper-hooks plan -o "),
        &["table", "json", "markdown"],
        "plan -o",
    );
    has_all(
        &fish(&file, "copper-hooks apply --"),
        &["--prune", "--expect-checksum"],
        "apply's own flags",
    );
}

#[test]
fn zsh_completes_flags_values_and_subcommand_flags() {
    if !installed("zsh") {
        return;
    }
    let w = World::offline();
    let dir = w.path("zfunc");
    std::fs::create_dir_all(&dir).unwrap();
    let run = w.run(&["completions", "zsh"]);
    run.ok();
    std::fs::write(dir.join("_copper-hooks"), &run.stdout).unwrap();
    let Some(term) = Tmux::start_shell(&w, 120, &["zsh", "-f"]) else {
        return;
    };
    term.send(
        &format!(
            "fpath=({} $fpath); autoload -U compinit; compinit -u -D; PS1='> '; clear",
            dir.display()
        ),
        true,
    );
    let ask = |typed: &str, expect: &[&str]| {
        term.send(typed, false);
        term.key("Tab");
        let screen = term.wait_for(expect[0]);
        for e in expect {
            assert!(screen.contains(e), "{typed}<Tab>: no {e}:\n{screen}");
        }
        term.key("C-c");
        term.send("clear", true);
    };
    ask("copper-hooks create --type ", &TYPES);
    ask("copper-hooks create --ty", &["--type"]);
    ask("copper-hooks list --event ", &["new", "update", "delete"]);
    ask("copper-hooks plan -o ", &["table", "json", "markdown"]);
    ask("copper-hooks apply --pr", &["--prune"]);
}
