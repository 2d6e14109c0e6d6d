//! `delete ID...`: asks on a terminal, needs `--yes` without one.

use crate::cli::DeleteArgs;
use crate::error::Exit;
use crate::output;

pub async fn run(ctx: &super::Ctx, args: DeleteArgs) -> anyhow::Result<Exit> {
    let mut ids = args.ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if !args.yes {
        // Before credentials or the network: a script without --yes learns it at once.
        super::require_terminal("pass --yes to delete without asking")?;
    }
    let conn = ctx.connect().await?;
    if !args.yes {
        // Say what would go before asking: an id alone is easy to get wrong.
        let existing = conn.client.list().await?;
        let mut lines = vec!["Will delete:".to_string()];
        for id in &ids {
            lines.push(match existing.iter().find(|s| s.id == *id) {
                Some(s) => format!(
                    "  {id}  {}.{}  {}",
                    s.kind,
                    s.event,
                    crate::rules::shown_target(&s.target)
                ),
                None => format!("  {id}  (no such subscription)"),
            });
        }
        output::note(&lines.join("\n"));
        let question = match ids.as_slice() {
            [_] => "Delete this subscription?".to_string(),
            many => format!("Delete these {} subscriptions?", many.len()),
        };
        super::confirm(&question, false)?;
    }
    let mut failed = Vec::new();
    for id in &ids {
        match conn.client.delete(*id).await {
            Ok(()) => ctx.note(&format!("Deleted subscription {id}.")),
            Err(err) => failed.push((*id, err)),
        }
    }
    match failed.len() {
        0 => Ok(Exit::Ok),
        1 if ids.len() == 1 => Err(failed.remove(0).1.into()),
        n => {
            for (id, err) in &failed {
                crate::output::note(&format!("subscription {id}: {err}"));
            }
            Err(crate::error::Fail::new(
                Exit::worst(failed.iter().map(|(_, e)| e)),
                format!("{n} of {} deletes failed (listed above)", ids.len()),
            )
            .into())
        }
    }
}
