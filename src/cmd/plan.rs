//! `plan FILE`: one list call, then the diff between the manifest and the account.

use crate::cli::PlanArgs;
use crate::error::Exit;
use crate::manifest::plan::{Plan, Thresholds};
use crate::manifest::render;
use crate::output::{self, Format};

pub async fn run(ctx: &super::Ctx, args: PlanArgs) -> anyhow::Result<Exit> {
    let (plan, source, _conn) = compute(ctx, &args.file, args.prune).await?;
    print(ctx, &plan, &source)?;
    for refusal in plan.refusals(&Thresholds::default()) {
        ctx.note(&format!("warning: apply would refuse this plan: {refusal}"));
    }
    if args.detailed_exitcode && !plan.is_empty() {
        return Ok(Exit::Pending);
    }
    Ok(Exit::Ok)
}

/// Loads the manifest, lists the account once, and diffs them; the connection is handed
/// back for `apply` to carry the plan out on.
pub async fn compute(
    ctx: &super::Ctx,
    file: &std::path::Path,
    prune: bool,
) -> anyhow::Result<(Plan, String, super::Connection)> {
    let manifest = super::require_manifest(file)?;
    let conn = ctx.connect().await?;
    let existing = conn.client.list().await?;
    Ok((
        Plan::compute(&manifest, existing, prune),
        file.display().to_string(),
        conn,
    ))
}

pub fn print(ctx: &super::Ctx, plan: &Plan, source: &str) -> anyhow::Result<()> {
    match ctx.global.output {
        Format::Table => output::out(&render::human(plan, source, output::colour_enabled())),
        Format::Json => output::json_out(&render::json(plan, source)),
        Format::Markdown => output::out(&render::markdown(plan, source)),
    }
}
