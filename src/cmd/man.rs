//! `man`: roff man pages, generated from the CLI definition itself.

use std::path::Path;

use crate::cli::ManArgs;
use crate::error::Exit;

const EXIT_CODES: &str = "0 success; 1 error (API refused, network, part of an apply failed); \
2 changes pending (plan --detailed-exitcode); 3 refused by one of Copper's rules or a safety \
rule, nothing was sent; 4 authentication (missing, unreadable or refused credentials); 5 declined at a prompt, nothing \
was changed; 64 usage \
(bad flag or argument, or no terminal to ask on); 65 invalid manifest; 130 interrupted.";

pub fn run(ctx: &super::Ctx, args: ManArgs) -> anyhow::Result<Exit> {
    match args.dir {
        Some(dir) => {
            let pages = write_all(&dir)?;
            ctx.note(&format!(
                "Wrote {pages} man pages to {} (copper-hooks.1 and one per command); read one \
                 with `man -l {}/copper-hooks.1`{}",
                dir.display(),
                dir.display(),
                manpath_advice(&dir)
            ));
        }
        None => {
            let mut buf = Vec::new();
            render(&crate::cli::command(), &mut buf)?;
            crate::output::out(&String::from_utf8_lossy(&buf))?;
        }
    }
    Ok(Exit::Ok)
}

fn render(cmd: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    if cmd.get_name() == "copper-hooks" {
        out.extend_from_slice(b".SH \"EXIT STATUS\"\n");
        out.extend_from_slice(EXIT_CODES.as_bytes());
        out.push(b'\n');
    }
    man.render_version_section(out)?;
    Ok(())
}

/// Writes `copper-hooks.1` and one page per subcommand into `dir` (the checked-in `man/`);
/// returns how many.
pub fn write_all(dir: &Path) -> anyhow::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut root = crate::cli::command();
    root.build();
    write_tree(&root, "copper-hooks", dir)
}

fn write_tree(cmd: &clap::Command, name: &str, dir: &Path) -> anyhow::Result<usize> {
    let mut buf = Vec::new();
    render(&cmd.clone().name(name.to_string()), &mut buf)?;
    std::fs::write(dir.join(format!("{name}.1")), buf)?;
    let mut pages = 1;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        pages += write_tree(sub, &format!("{name}-{}", sub.get_name()), dir)?;
    }
    Ok(pages)
}

/// How `man copper-hooks` finds the pages: MANPATH names the folder that *holds* `man1`,
/// never `man1` itself, so the advice names the parent when the pages went into a `man1`.
fn manpath_advice(dir: &std::path::Path) -> String {
    let root = match (dir.file_name(), dir.parent()) {
        (Some(name), Some(parent)) if name == "man1" => parent.to_path_buf(),
        _ => {
            return "; for `man copper-hooks`, write them into a folder named man1 (e.g. --dir \
                    ~/.local/share/man/man1) whose parent is on MANPATH"
                .to_string()
        }
    };
    format!(
        "; for `man copper-hooks`, put {} on MANPATH: export MANPATH=\"{}:$MANPATH\" (~/.local/share/man \
         is searched already by most systems)",
        root.display(),
        root.display()
    )
}
