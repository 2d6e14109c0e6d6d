//! `export`: the account as a manifest that `plan` finds in sync.

use crate::cli::ExportArgs;
use crate::error::Exit;
use crate::manifest::export;
use crate::output;

pub async fn run(ctx: &super::Ctx, args: ExportArgs) -> anyhow::Result<Exit> {
    if ctx.json() && args.file.is_some() {
        return Err(crate::error::usage(
            "-o json prints the manifest as JSON on stdout; --file writes TOML: use one",
        ));
    }
    let conn = ctx.connect().await?;
    let mut subs = conn.client.list().await?;
    subs.sort_by_key(|s| s.id);
    let exported = export::export(&subs, args.include_secrets);
    match &args.file {
        Some(path) => {
            // Real secret values make the file as private as a credentials file.
            let how = crate::config::Write {
                private: args.include_secrets,
                overwrite: args.force,
            };
            crate::config::write_atomic(path, exported.text.as_bytes(), how)?;
            ctx.note(&format!(
                "Wrote {} subscriptions to {}.",
                subs.len(),
                path.display()
            ));
        }
        None if ctx.json() => {
            // The same manifest, as JSON: the TOML just written, read back.
            let manifest: toml::Value = toml::from_str(&exported.text)?;
            output::json_out(&serde_json::json!({
                "manifest": manifest,
                "variables": exported.variables.iter().map(|(name, what)| {
                    serde_json::json!({"name": name, "stands_for": what})
                }).collect::<Vec<_>>(),
            }))?
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
