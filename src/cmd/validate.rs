//! `validate FILE...`: every problem of every manifest, offline (no credentials, no network).

use serde_json::json;

use crate::cli::ValidateArgs;
use crate::error::Exit;
use crate::manifest::EnvMode;

pub fn run(ctx: &super::Ctx, args: ValidateArgs) -> anyhow::Result<Exit> {
    if args.accounts.is_some() {
        return with_accounts(ctx, &args);
    }
    let mode = if args.skip_env {
        EnvMode::AllowUnset
    } else {
        EnvMode::Require
    };
    let mut bad = 0;
    let mut problems = 0;
    let mut report = Vec::new();
    for file in &args.files {
        let loaded = super::load_manifest(file, mode, ctx.manifest_account());
        if ctx.json() {
            report.push(file_json(file, &loaded));
            if let Err(err) = &loaded {
                bad += 1;
                problems += match err {
                    super::LoadError::Unreadable(_) => 1,
                    super::LoadError::Problems(p) => p.len(),
                };
            }
            continue;
        }
        match loaded {
            Ok(manifest) => {
                let unchecked = match manifest.unchecked.len() {
                    0 => String::new(),
                    n => format!("; {n} value(s) not checked, their variables unset:"),
                };
                ctx.note(&format!(
                    "{}: ok ({} subscriptions{}){unchecked}",
                    file.display(),
                    manifest.subscriptions.len(),
                    manifest
                        .owner
                        .as_deref()
                        .map(|o| format!(", owner '{o}'"))
                        .unwrap_or_default()
                ));
                for skipped in &manifest.unchecked {
                    ctx.note(&format!("  not checked: {skipped}"));
                }
            }
            Err(err) => {
                bad += 1;
                problems += super::report_problems(&err);
            }
        }
    }
    if ctx.json() {
        crate::output::json_out(&json!({
            "version": JSON_VERSION,
            "valid": bad == 0,
            "problems": problems,
            "files": report,
        }))?;
    }
    if bad > 0 {
        let place = if ctx.json() {
            "in the JSON"
        } else {
            "listed above"
        };
        return Err(crate::error::Fail::new(
            Exit::Data,
            format!(
                "{problems} problem(s) in {bad} of {} manifest(s) ({place})",
                args.files.len()
            ),
        )
        .into());
    }
    Ok(Exit::Ok)
}

/// Version of validate's JSON document; bumped on any change a script could notice.
const JSON_VERSION: u32 = 1;

fn file_json(
    file: &std::path::Path,
    loaded: &Result<crate::manifest::Manifest, super::LoadError>,
) -> serde_json::Value {
    let name = file.display().to_string();
    match loaded {
        Ok(manifest) => json!({
            "file": name,
            "valid": true,
            "subscriptions": manifest.subscriptions.len(),
            "owner": manifest.owner,
            "problems": [],
            "unchecked": manifest.unchecked.iter().map(|p| json!({
                "line": p.line, "column": p.column, "message": p.message,
            })).collect::<Vec<_>>(),
        }),
        Err(super::LoadError::Unreadable(message)) => json!({
            "file": name,
            "valid": false,
            "problems": [{"line": null, "column": null, "message": message}],
        }),
        Err(super::LoadError::Problems(problems)) => json!({
            "file": name,
            "valid": false,
            "problems": problems.iter().map(|p| json!({
                "line": p.line, "column": p.column, "message": p.message,
            })).collect::<Vec<_>>(),
        }),
    }
}

/// `validate --accounts`: the accounts file, and each manifest read with every chosen
/// account's variables, offline. Every problem of every account is listed (each line names
/// its account) before the one error line.
fn with_accounts(ctx: &super::Ctx, args: &ValidateArgs) -> anyhow::Result<Exit> {
    let fleet_args = crate::cli::FleetArgs {
        accounts: args.accounts.clone(),
        account: args.account.clone(),
        ..Default::default()
    };
    let needs = super::fleet::Needs::Check {
        skip_env: args.skip_env,
    };
    let mut report = Vec::new();
    let mut failed = 0;
    for file in &args.files {
        let checked = super::fleet::check(ctx, &fleet_args, Some(file), needs)?;
        match checked {
            Ok(fleet) => {
                let unchecked: usize = fleet
                    .members
                    .iter()
                    .filter_map(|m| m.manifest.as_ref())
                    .map(|m| m.unchecked.len())
                    .sum();
                if !ctx.json() {
                    let note = match unchecked {
                        0 => String::new(),
                        n => format!("; {n} value(s) not checked, their variables unset"),
                    };
                    ctx.note(&format!(
                        "{}: ok in {} account(s){note}",
                        file.display(),
                        fleet.members.len()
                    ));
                }
                report.push(json!({"file": file.display().to_string(), "valid": true, "accounts": fleet.members.len(), "unchecked": unchecked}));
            }
            Err(rejection) => {
                failed += 1;
                let err = &rejection.fail;
                if !ctx.json() {
                    for problem in &rejection.problems {
                        crate::output::note(&problem.to_string());
                    }
                    crate::output::note(&format!("{}: {err:#}", file.display()));
                }
                // Each problem where it is, as the manifest-only JSON gives them.
                let problems: Vec<serde_json::Value> =
                    rejection.problems.iter().map(|p| p.json()).collect();
                report.push(json!({
                    "file": file.display().to_string(),
                    "valid": false,
                    "error": format!("{err:#}"),
                    "problems": problems,
                }));
            }
        }
    }
    if ctx.json() {
        crate::output::json_out(&json!({
            "version": JSON_VERSION,
            "valid": failed == 0,
            "files": report,
        }))?;
    }
    if failed > 0 {
        return Err(crate::error::Fail::new(
            Exit::Data,
            format!(
                "{failed} of {} manifest(s) cannot be used in every account ({})",
                args.files.len(),
                if ctx.json() {
                    "in the JSON"
                } else {
                    "listed above"
                }
            ),
        )
        .into());
    }
    Ok(Exit::Ok)
}
