//! `export`: the account as a manifest that `plan` finds in sync.

use crate::cli::ExportArgs;
use crate::error::Exit;
use crate::manifest::export;
use crate::output;

pub async fn run(ctx: &super::Ctx, args: ExportArgs) -> anyhow::Result<Exit> {
    let conn = ctx.connect().await?;
    let mut subs = conn.client.list().await?;
    subs.sort_by_key(|s| s.id);
    let exported = export::export(&subs, args.include_secrets);
    match &args.file {
        Some(path) => {
            if args.include_secrets {
                // Real secret values: as private as a credentials file.
                crate::config::write_private_atomic(path, exported.text.as_bytes())?;
            } else {
                std::fs::write(path, &exported.text)
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            }
            ctx.note(&format!(
                "Wrote {} subscriptions to {}.",
                subs.len(),
                path.display()
            ));
        }
        None => output::out(&exported.text)?,
    }
    if !exported.variables.is_empty() {
        ctx.note(&format!(
            "Secret values are placeholders: set {} before plan or apply (or export with \
             --include-secrets).",
            exported
                .variables
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(Exit::Ok)
}
