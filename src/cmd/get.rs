//! `get ID`: one subscription in full.

use crate::cli::GetArgs;
use crate::error::Exit;

pub async fn run(ctx: &super::Ctx, args: GetArgs) -> anyhow::Result<Exit> {
    let conn = ctx.connect().await?;
    let sub = conn.client.get(args.id).await?;
    super::show_subscription(ctx, &sub)?;
    Ok(Exit::Ok)
}
