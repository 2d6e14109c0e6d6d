//! `plan FILE`: one list call, then the diff between the manifest and the account.

use crate::cli::{PlanArgs, SafetyArgs};
use crate::error::Exit;
use crate::manifest::plan::{Plan, Thresholds};
use crate::manifest::render::{self, About};
use crate::output::{self, Format};

pub async fn run(ctx: &super::Ctx, args: PlanArgs) -> anyhow::Result<Exit> {
    let (plan, source, _conn) = compute(ctx, &args.file, args.prune, &args.safety).await?;
    // One list call, one plan: every file written shows the same one (two runs could see
    // two different accounts).
    let write = |path: &std::path::Path, text: String| {
        crate::config::write_atomic(
            path,
            text.as_bytes(),
            crate::config::Write {
                private: false,
                overwrite: true,
            },
        )
    };
    if let Some(path) = &args.markdown_file {
        write(path, render::markdown(&plan, &source) + "\n")?;
    }
    if let Some(path) = &args.json_file {
        write(
            path,
            serde_json::to_string_pretty(&render::json(&plan, &source))? + "\n",
        )?;
    }
    print(ctx, &plan, &source)?;
    if args.detailed_exitcode {
        if !plan.refusals.is_empty() {
            return Ok(Exit::Refused);
        }
        if !plan.is_empty() {
            return Ok(Exit::Pending);
        }
    }
    Ok(Exit::Ok)
}

impl From<&SafetyArgs> for Thresholds {
    fn from(args: &SafetyArgs) -> Self {
        Thresholds {
            max_delete_percent: args.max_delete_percent,
            min_existing: args.delete_threshold_min,
            force: args.force,
        }
    }
}

/// Loads the manifest, lists the account once, and diffs them; the connection is handed
/// back for `apply` to carry the plan out on.
pub async fn compute(
    ctx: &super::Ctx,
    file: &std::path::Path,
    prune: bool,
    safety: &SafetyArgs,
) -> anyhow::Result<(Plan, About, super::Connection)> {
    let manifest = super::require_manifest(ctx, file)?;
    let conn = ctx.connect().await?;
    let existing = conn.client.list().await?;
    let plan = Plan::compute(
        &manifest,
        existing,
        prune,
        &Thresholds::from(safety),
        conn.credentials.api_key.as_bytes(),
    );
    let about = About {
        manifest: file.display().to_string(),
        account: conn.account_label(),
    };
    Ok((plan, about, conn))
}

pub fn print(ctx: &super::Ctx, plan: &Plan, source: &About) -> anyhow::Result<()> {
    match ctx.global.output {
        // Quiet keeps the one-line summary and the checksum (errors go to stderr anyway).
        Format::Table if ctx.global.quiet => output::out(&render::quiet(plan, source)),
        Format::Table => output::out(&render::human(plan, source, output::colour_enabled())),
        Format::Json => output::json_out(&render::json(plan, source)),
        Format::Markdown => output::out(&render::markdown(plan, source)),
    }
}
