//! `validate FILE...`: every problem of every manifest, offline (no credentials, no network).

use crate::cli::ValidateArgs;
use crate::error::Exit;
use crate::manifest::EnvMode;

pub fn run(ctx: &super::Ctx, args: ValidateArgs) -> anyhow::Result<Exit> {
    let mode = if args.skip_env {
        EnvMode::AllowUnset
    } else {
        EnvMode::Require
    };
    let mut bad = 0;
    let mut problems = 0;
    for file in &args.files {
        match super::load_manifest(file, mode) {
            Ok(manifest) => ctx.note(&format!(
                "{}: ok ({} subscriptions{})",
                file.display(),
                manifest.subscriptions.len(),
                manifest
                    .owner
                    .as_deref()
                    .map(|o| format!(", owner '{o}'"))
                    .unwrap_or_default()
            )),
            Err(err) => {
                bad += 1;
                problems += super::report_problems(&err);
            }
        }
    }
    if bad > 0 {
        return Err(crate::error::Fail::new(
            Exit::Data,
            format!(
                "{problems} problem(s) in {bad} of {} manifest(s) (listed above)",
                args.files.len()
            ),
        )
        .into());
    }
    Ok(Exit::Ok)
}
