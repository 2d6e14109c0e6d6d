//! `delete ID...`: asks on a terminal, needs `--yes` without one.

use crate::cli::DeleteArgs;
use crate::error::Exit;

pub async fn run(ctx: &super::Ctx, args: DeleteArgs) -> anyhow::Result<Exit> {
    let mut ids = args.ids.clone();
    ids.sort_unstable();
    ids.dedup();
    let question = match ids.as_slice() {
        [one] => format!("Delete subscription {one}?"),
        many => format!("Delete {} subscriptions?", many.len()),
    };
    if !super::confirm(&question, args.yes)? {
        ctx.note("Nothing deleted.");
        return Ok(Exit::Ok);
    }
    let conn = ctx.connect().await?;
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
