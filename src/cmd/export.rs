//! `export`: the account as a manifest that `plan` finds in sync; with an accounts file,
//! one manifest per account.

use crate::cli::ExportArgs;
use crate::error::{self, Exit};
use crate::manifest::export;
use crate::output;

pub async fn run(ctx: &super::Ctx, args: ExportArgs) -> anyhow::Result<Exit> {
    if ctx.json() && (args.file.is_some() || args.dir.is_some()) {
        return Err(error::usage(
            "-o json prints the manifest as JSON on stdout; --file and --dir write TOML: use one",
        ));
    }
    if args.force && args.file.is_none() && args.dir.is_none() {
        return Err(error::usage(
            "--force replaces the --file (or the files in --dir): give one",
        ));
    }
    if args.fleet.accounts.is_some() {
        return many(ctx, &args).await;
    }
    if let Some(owner) = &args.adopt_as {
        if owner.trim().is_empty() || owner.len() > 100 {
            return Err(error::usage(
                "--adopt-as takes an owner name of 1 to 100 characters",
            ));
        }
    }
    let conn = ctx.connect().await?;
    let mut subs = chosen(&args, conn.client.list().await?);
    subs.sort_by_key(|s| s.id);
    let exported = export::export(&subs, args.include_secrets, args.adopt_as.as_deref());
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

/// Every chosen account of an accounts file: `DIR/NAME.toml` each, or one JSON document.
/// One account's failure is its own line; the others are exported all the same.
async fn many(ctx: &super::Ctx, args: &ExportArgs) -> anyhow::Result<Exit> {
    let dir = args.dir.as_ref();
    if dir.is_none() && !ctx.json() {
        return Err(error::usage(
            "with --accounts, give --dir DIR (one manifest per account) or -o json",
        ));
    }
    let fleet = super::fleet::prepare(ctx, &args.fleet, None, super::fleet::Needs::Calls)?;
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    }
    let results = super::fleet::each(
        fleet.members,
        args.fleet.parallel_accounts,
        |member| async {
            let name = member.destination.name.clone().unwrap_or_default();
            let listed = match ctx.open(member.destination).await {
                Ok(account) => account.client.list().await.map_err(anyhow::Error::from),
                Err(err) => Err(err),
            };
            (name, listed)
        },
    )
    .await;
    let mut exits = Vec::new();
    let mut documents = Vec::new();
    for (name, listed) in results {
        let mut subs = match listed {
            Ok(subs) => subs,
            Err(err) => {
                output::note(&format!("{name}: could not export: {err:#}"));
                exits.push(error::exit_for(&err));
                documents.push(serde_json::json!({"name": name, "error": format!("{err:#}")}));
                continue;
            }
        };
        subs.sort_by_key(|s| s.id);
        let subs = chosen(args, subs);
        let exported = export::export(&subs, args.include_secrets, args.adopt_as.as_deref());
        match dir {
            Some(dir) => {
                let path = dir.join(format!("{name}.toml"));
                let how = crate::config::Write {
                    private: args.include_secrets,
                    overwrite: args.force,
                };
                match crate::config::write_atomic(&path, exported.text.as_bytes(), how) {
                    Ok(()) => {
                        ctx.note(&format!(
                            "{name}: wrote {} subscriptions to {}.",
                            subs.len(),
                            crate::text::line(&path.display().to_string())
                        ));
                        exits.push(Exit::Ok);
                    }
                    Err(err) => {
                        output::note(&format!("{name}: {err:#}"));
                        exits.push(error::exit_for(&err));
                    }
                }
            }
            None => {
                let manifest: toml::Value = toml::from_str(&exported.text)?;
                documents.push(serde_json::json!({
                    "name": name,
                    "manifest": manifest,
                    "variables": exported.variables.iter().map(|(name, what)| {
                        serde_json::json!({"name": name, "stands_for": what})
                    }).collect::<Vec<_>>(),
                }));
                exits.push(Exit::Ok);
            }
        }
    }
    if dir.is_none() {
        output::json_out(&serde_json::json!({ "accounts": documents }))?;
    }
    Ok(Exit::worst_of(exits))
}

/// The subscriptions `--id`, `--type`, `--event` and `--target` choose (each a list; none
/// given chooses all).
fn chosen(
    args: &ExportArgs,
    subs: Vec<crate::data::Subscription>,
) -> Vec<crate::data::Subscription> {
    let targets: Vec<String> = args
        .target
        .iter()
        .map(|t| crate::rules::canonical_target(t))
        .collect();
    subs.into_iter()
        .filter(|s| args.id.is_empty() || args.id.contains(&s.id))
        .filter(|s| args.kind.is_empty() || args.kind.contains(&s.kind))
        .filter(|s| args.event.is_empty() || args.event.contains(&s.event))
        .filter(|s| {
            targets.is_empty() || targets.contains(&crate::rules::canonical_target(&s.target))
        })
        .collect()
}
