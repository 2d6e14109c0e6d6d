//! `plan FILE`: one list call per account, then the diff between the manifest and each
//! account. With an accounts file, every chosen account is planned, a few at a time.

use crate::cli::{FleetArgs, PlanArgs, SafetyArgs};
use crate::error::{self, Exit};
use crate::manifest::fleet::{self, FleetPlan};
use crate::manifest::plan::{Plan, Thresholds};
use crate::manifest::render::{self, About};
use crate::output::{self, Format};

pub async fn run(ctx: &super::Ctx, args: PlanArgs) -> anyhow::Result<Exit> {
    let planned = compute(ctx, &args.file, args.prune, &args.safety, &args.fleet).await?;
    // One list call, one plan: every file written shows the same one (two runs could see
    // two different accounts).
    let write = |path: &std::path::Path, text: String| {
        crate::config::write_atomic(path, text.as_bytes(), crate::config::Write::REPORT)
    };
    if let Some(path) = &args.markdown_file {
        let markdown = match &planned {
            Planned::One(plan, about, _) => render::markdown(plan, about),
            Planned::Fleet(fleet, _) => fleet.markdown(fleet::COMMENT_LIMIT),
        };
        write(path, markdown + "\n")?;
    }
    if let Some(path) = &args.json_file {
        let json = match &planned {
            Planned::One(plan, about, _) => render::json(plan, about),
            Planned::Fleet(fleet, _) => fleet.json(),
        };
        write(path, serde_json::to_string_pretty(&json)? + "\n")?;
    }
    planned.print(ctx)?;
    let detailed = args.detailed_exitcode;
    match &planned {
        Planned::One(plan, _, _) => Ok(plan_exit(plan, detailed)),
        Planned::Fleet(fleet, _) => {
            let rule = (detailed && !fleet.refusals.is_empty()).then_some(Exit::Refused);
            let (exit, note) = fleet_exit(fleet, rule, |e| match &e.plan {
                Ok(plan) => plan_exit(plan, detailed),
                Err(_) => e.exit(),
            });
            if let Some(note) = note {
                output::note(&note);
            }
            Ok(exit)
        }
    }
}

/// A plan's exit code under `--detailed-exitcode` (3 refused, 2 changes, 0 in sync).
fn plan_exit(plan: &Plan, detailed: bool) -> Exit {
    if !detailed {
        Exit::Ok
    } else if !plan.refusals.is_empty() {
        Exit::Refused
    } else if !plan.is_empty() {
        Exit::Pending
    } else {
        Exit::Ok
    }
}

/// A fleet's exit code: the worst of each account's (`of`) and of `rule` (a fleet-wide
/// refusal), with the line that says which accounts gave it when it is not 0.
pub fn fleet_exit(
    fleet: &FleetPlan,
    rule: Option<Exit>,
    of: impl Fn(&fleet::Entry) -> Exit,
) -> (Exit, Option<String>) {
    let exit = Exit::worst_of(fleet.entries.iter().map(&of).chain(rule));
    if exit == Exit::Ok {
        return (exit, None);
    }
    let names: Vec<&str> = fleet
        .entries
        .iter()
        .filter(|e| of(e) == exit)
        .map(|e| e.name.as_str())
        .collect();
    let shown = if names.is_empty() {
        "the fleet-wide rule".to_string()
    } else {
        names.join(", ")
    };
    (exit, Some(format!("exit {} from: {shown}", exit.code())))
}

impl From<&SafetyArgs> for Thresholds {
    fn from(args: &SafetyArgs) -> Self {
        Thresholds {
            max_delete_percent: args.max_delete_percent,
            min_existing: args.delete_threshold_min,
            force: args.force,
            adopt: args.adopt,
        }
    }
}

/// The plans of a run: of the one account of the connection flags, or of a fleet. Each
/// comes with its connected account, for `apply` to carry the plan out on.
// One value per run, moved once: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Planned {
    One(Plan, About, super::Account),
    /// With where each account's calls go, for `apply` to connect again.
    Fleet(FleetPlan, Vec<super::Destination>),
}

impl Planned {
    pub fn print(&self, ctx: &super::Ctx) -> anyhow::Result<()> {
        match self {
            Planned::One(plan, about, _) => print(ctx, plan, about),
            Planned::Fleet(fleet, _) => print_fleet(ctx, fleet),
        }
    }
}

/// A fleet's plan as the user asked: table (or `-q`'s summary), JSON or Markdown.
pub fn print_fleet(ctx: &super::Ctx, fleet: &FleetPlan) -> anyhow::Result<()> {
    match ctx.global.output {
        Format::Table if ctx.global.quiet => output::out(&fleet.quiet()),
        Format::Table => output::out(&fleet.human(output::colour_enabled())),
        Format::Json => output::json_out(&fleet.json()),
        Format::Markdown => output::out(&fleet.markdown(fleet::COMMENT_LIMIT)),
    }
}

/// Loads the manifest for every account, lists each account once, and diffs them. A
/// single account's failure to list is the run's error; in a fleet it is that account's
/// row, and the others are planned all the same.
pub async fn compute(
    ctx: &super::Ctx,
    file: &std::path::Path,
    prune: bool,
    safety: &SafetyArgs,
    fleet_args: &FleetArgs,
) -> anyhow::Result<Planned> {
    let fleet = super::fleet::prepare(ctx, fleet_args, Some(file), super::fleet::Needs::Calls)?;
    let thresholds = Thresholds::from(safety);
    let manifest_name = file.display().to_string();
    let one_account = fleet.accounts_file.is_none();
    let results = super::fleet::each(fleet.members, fleet_args.parallel_accounts, |member| {
        let thresholds = &thresholds;
        let manifest_name = &manifest_name;
        async move {
            let name = member.destination.name.clone().unwrap_or_default();
            let destination = member.destination.clone();
            let fallback = About {
                manifest: manifest_name.clone(),
                account: name.clone(),
            };
            let account = match ctx.open(member.destination).await {
                Ok(account) => account,
                Err(err) => return (name, fallback, Err(err), None, destination),
            };
            let about = About {
                manifest: manifest_name.clone(),
                account: account.account_label(),
            };
            let plan = match (account.client.list().await, &member.manifest) {
                (Ok(existing), Some(manifest)) => Ok(Plan::compute(
                    manifest,
                    existing,
                    prune,
                    thresholds,
                    &account.checksum_key(),
                )),
                (Ok(_), None) => Err(anyhow::anyhow!("no manifest to plan")),
                (Err(err), _) => Err(anyhow::Error::from(err)),
            };
            // A fleet's clients go as each account is planned (apply connects again, a few
            // at a time), so a fleet of thousands holds a few clients, not thousands.
            let kept = one_account.then_some(account);
            (name, about, plan, kept, destination)
        }
    })
    .await;
    if one_account {
        let Some((_, about, plan, account, _)) = results.into_iter().next() else {
            return Err(error::usage("no account to plan"));
        };
        let plan = plan?;
        let account = account.ok_or_else(|| anyhow::anyhow!("the account was not connected"))?;
        return Ok(Planned::One(plan, about, account));
    }
    let mut entries = Vec::with_capacity(results.len());
    let mut destinations = Vec::with_capacity(results.len());
    for (name, about, plan, _, destination) in results {
        let (plan, result) = match plan {
            Ok(plan) => (Ok(plan), None),
            Err(err) => {
                let exit = error::exit_for(&err);
                let text = format!("{err:#}");
                (Err(text.clone()), Some((format!("failed: {text}"), exit)))
            }
        };
        entries.push(fleet::Entry {
            name,
            about,
            plan,
            result,
        });
        destinations.push(destination);
    }
    let fleet = FleetPlan::new(
        manifest_name,
        fleet.accounts_file.unwrap_or_default(),
        entries,
        fleet.skipped,
        safety.max_delete_accounts_percent,
        safety.force,
    );
    Ok(Planned::Fleet(fleet, destinations))
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
