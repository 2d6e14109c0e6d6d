//! `list`: the account's subscriptions, optionally filtered by type and event.

use crate::cli::ListArgs;
use crate::error::Exit;
use crate::output;

pub async fn run(ctx: &super::Ctx, args: ListArgs) -> anyhow::Result<Exit> {
    let conn = ctx.connect().await?;
    let mut subs = conn.client.list().await?;
    subs.retain(|s| {
        args.kind.is_none_or(|k| s.kind == k) && args.event.is_none_or(|e| s.event == e)
    });
    subs.sort_by_key(|s| s.id);
    let show = ctx.global.show_secrets;
    if ctx.json() {
        let items: Vec<_> = subs
            .iter()
            .map(|s| output::subscription_json(s, show))
            .collect();
        output::json_out(&serde_json::Value::Array(items))?;
    } else if subs.is_empty() {
        ctx.note("No subscriptions.");
    } else {
        let (table, dropped) = output::subscriptions_table(&subs, show, args.wide);
        output::out(&table)?;
        if !dropped.is_empty() {
            // Said, not silently dropped: which columns, and how to see them.
            ctx.note(&format!(
                "({} hidden to fit: --wide or -o json shows them)",
                dropped.join(", ")
            ));
        }
    }
    Ok(Exit::Ok)
}
