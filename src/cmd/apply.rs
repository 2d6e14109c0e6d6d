//! `apply FILE`: the plan, its safety rules, a confirmation, then the calls: concurrent,
//! bounded, under the client's rate limiter. A failed call does not stop the others, and a
//! rerun converges (creates match on identity, so a rerun never duplicates).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::json;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::cli::ApplyArgs;
use crate::copper::{ApiError, Client, NewSubscription};
use crate::error::{self, Exit, Fail};
use crate::manifest::fleet::{self, FleetPlan};
use crate::manifest::plan::{Delete, DeleteReason, Plan, Update};
use crate::manifest::{render, Declared};

use super::plan::Planned;
use crate::output::{self, Format};

pub async fn run(ctx: &super::Ctx, args: ApplyArgs) -> anyhow::Result<Exit> {
    let planned =
        super::plan::compute(ctx, &args.file, args.prune, &args.safety, &args.fleet).await?;
    match planned {
        Planned::One(plan, source, account) => one(ctx, &args, plan, source, account).await,
        Planned::Fleet(fleet, accounts) => many(ctx, &args, fleet, accounts).await,
    }
}

/// The account of the connection flags.
async fn one(
    ctx: &super::Ctx,
    args: &ApplyArgs,
    plan: Plan,
    source: render::About,
    conn: super::Account,
) -> anyhow::Result<Exit> {
    let json = ctx.global.output == Format::Json;
    if !json && !ctx.global.quiet {
        super::plan::print(ctx, &plan, &source)?;
    }
    if args.dry_run {
        if json {
            super::plan::print(ctx, &plan, &source)?;
        }
        return Ok(Exit::Ok);
    }
    if args.expect_checksum.len() > 1 || args.expect_checksum.iter().any(|s| s.contains('=')) {
        return Err(error::usage(
            "NAME=SUM and more than one --expect-checksum are for an accounts file (--accounts)",
        ));
    }
    if let Some(expected) = args.expect_checksum.first() {
        let actual = &plan.checksum;
        if !expected.trim().eq_ignore_ascii_case(actual) {
            return Err(error::refused(format!(
                "the plan's checksum is {actual}, not the reviewed {}: the account or the \
                 manifest changed since the review; plan and review again",
                expected.trim()
            )));
        }
    }
    if plan.is_empty() {
        if json {
            output::json_out(&report(&plan, &source, &Outcomes::default()))?;
        } else {
            output::note(&format!(
                "Nothing to do: {} is in sync with the manifest.",
                crate::text::line(&source.account)
            ));
        }
        return Ok(Exit::Ok);
    }
    if !plan.refusals.is_empty() {
        return Err(error::refused(format!(
            "nothing was changed: {}",
            plan.refusals.join("; ")
        )));
    }
    super::confirm("Apply this plan?", args.yes)?;

    let (stop, watcher) =
        watch_ctrl_c("Interrupted: finishing the calls in flight, starting no more.");
    let runner = Runner::new(
        &conn.client,
        &plan,
        args,
        stop.clone(),
        ctx.global.quiet || json,
        String::new(),
    );
    let progress = output::Progress::new(plan.changes(), runner.quiet);
    let outcomes = runner.carry_out(&plan, &progress).await;
    drop(progress);
    watcher.abort();

    if json {
        output::json_out(&report(&plan, &source, &outcomes))?;
    }
    outcomes.say_failed("");
    if let Some((exit, why)) = outcomes.shortfall(stop.load(Ordering::SeqCst)) {
        return Err(Fail::new(exit, why).into());
    }
    // The one-line summary: kept under --quiet.
    output::note(&format!(
        "Apply complete on {}: {}.",
        crate::text::line(&source.account),
        outcomes.did()
    ));
    Ok(Exit::Ok)
}

/// Ctrl-C during an apply: the calls in flight finish, no more start (a rerun converges).
/// The flag says it came; abort the handle when the apply is done.
fn watch_ctrl_c(said: &'static str) -> (Arc<AtomicBool>, tokio::task::JoinHandle<()>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let watcher = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            flag.store(true, Ordering::SeqCst);
            output::note(said);
        }
    });
    (stop, watcher)
}

#[derive(Debug, Default)]
struct Outcomes {
    created: Vec<u64>,
    updated: Vec<u64>,
    deleted: Vec<u64>,
    failed: Vec<(String, ApiError)>,
    /// Not attempted: interrupted, or held back for safety (see `carry_out`).
    skipped: Vec<String>,
    /// In a fleet: the account could not be connected again to apply its plan.
    unconnected: Option<anyhow::Error>,
}

impl Outcomes {
    fn done(&self) -> usize {
        self.created.len() + self.updated.len() + self.deleted.len()
    }

    fn total(&self) -> usize {
        self.done() + self.failed.len() + self.skipped.len()
    }

    /// What the run did, as both renderings say it.
    fn did(&self) -> String {
        format!(
            "{} created, {} updated, {} deleted",
            self.created.len(),
            self.updated.len(),
            self.deleted.len()
        )
    }

    /// Says each failed change on stderr, after `prefix` (an account's name in a fleet).
    fn say_failed(&self, prefix: &str) {
        for (what, err) in &self.failed {
            output::note(&format!("failed: {prefix}{what}: {err}"));
        }
    }

    /// What kept the run from finishing, if anything: its exit and the words for it, the
    /// same for one account and for each account of a fleet.
    fn shortfall(&self, stopped: bool) -> Option<(Exit, String)> {
        if !self.failed.is_empty() {
            return Some((
                Exit::worst(self.failed.iter().map(|(_, e)| e)),
                format!(
                    "{} of {} changes failed, {} not attempted; run apply again to finish: it \
                     picks up where this run stopped",
                    self.failed.len(),
                    self.total(),
                    self.skipped.len()
                ),
            ));
        }
        if stopped && self.done() < self.total() {
            return Some((
                Exit::Interrupted,
                format!(
                    "interrupted after {} of {} changes; run apply again to finish (it never \
                     duplicates a subscription)",
                    self.done(),
                    self.total()
                ),
            ));
        }
        None
    }
}

enum Step {
    Create(Declared),
    Update(Box<Update>),
    Delete(Delete),
}

impl Step {
    /// The step as the plan showed it: same targets, same masking.
    fn describe(&self, plan: &Plan) -> String {
        match self {
            Step::Create(d) => format!("create {}.{} {}", d.kind, d.event, d.shown_target),
            Step::Update(u) => format!(
                "{} {}.{} {} (id {})",
                if u.adopted.is_some() {
                    "adopt"
                } else {
                    "update"
                },
                u.have.kind,
                u.have.event,
                u.want.shown_target,
                u.have.id
            ),
            Step::Delete(d) => format!(
                "delete {}.{} {} (id {})",
                d.have.kind,
                d.have.event,
                plan.show(&d.have.target),
                d.have.id
            ),
        }
    }
}

enum Done {
    Created(u64),
    Updated(u64),
    Deleted(u64),
}

struct Runner {
    client: Client,
    known: Arc<BTreeSet<u64>>,
    permits: Arc<Semaphore>,
    stop: Arc<AtomicBool>,
    quiet: bool,
    /// Put before each line said of a change: the account's name in a fleet.
    prefix: String,
}

impl Runner {
    /// A runner of one account's plan, `--concurrency` calls at a time.
    fn new(
        client: &Client,
        plan: &Plan,
        args: &ApplyArgs,
        stop: Arc<AtomicBool>,
        quiet: bool,
        prefix: String,
    ) -> Runner {
        Runner {
            client: client.clone(),
            known: Arc::new(plan.known_ids.clone()),
            permits: Arc::new(Semaphore::new(usize::from(args.concurrency))),
            stop,
            quiet,
            prefix,
        }
    }

    /// Creates before deletes, so a moved target is never without a subscription, unless
    /// the account would pass Copper's limit on the way: then deletes go first. When any
    /// create fails, pruning deletes are held back: deleting the old subscription of a
    /// target whose replacement failed would leave a gap.
    async fn carry_out(&self, plan: &Plan, progress: &output::Progress) -> Outcomes {
        let creates: Vec<Step> = plan.creates.iter().cloned().map(Step::Create).collect();
        // An adoption is an update of a subscription that keeps its id: no gap in deliveries.
        let updates: Vec<Step> = plan
            .updates
            .iter()
            .chain(&plan.adopts)
            .cloned()
            .map(|u| Step::Update(Box::new(u)))
            .collect();
        let deletes: Vec<Step> = plan.deletes.iter().cloned().map(Step::Delete).collect();
        let mut outcomes = Outcomes::default();
        if plan.deletes_first() {
            self.phase(plan, deletes, &mut outcomes, progress).await;
            self.phase(plan, creates, &mut outcomes, progress).await;
            self.phase(plan, updates, &mut outcomes, progress).await;
        } else {
            self.phase(plan, creates, &mut outcomes, progress).await;
            self.phase(plan, updates, &mut outcomes, progress).await;
            let create_failed = outcomes
                .failed
                .iter()
                .any(|(what, _)| what.starts_with("create"));
            let (held, go): (Vec<Step>, Vec<Step>) = deletes.into_iter().partition(|s| {
                create_failed && matches!(s, Step::Delete(d) if d.reason == DeleteReason::Pruned)
            });
            for step in held {
                outcomes.skipped.push(step.describe(plan));
            }
            self.phase(plan, go, &mut outcomes, progress).await;
        }
        outcomes
    }

    async fn phase(
        &self,
        plan: &Plan,
        steps: Vec<Step>,
        outcomes: &mut Outcomes,
        progress: &output::Progress,
    ) {
        let mut tasks = JoinSet::new();
        for step in steps {
            let what = step.describe(plan);
            let client = self.client.clone();
            let known = self.known.clone();
            let permits = self.permits.clone();
            let stop = self.stop.clone();
            let quiet = self.quiet;
            let prefix = self.prefix.clone();
            tasks.spawn(async move {
                let Ok(_permit) = permits.acquire_owned().await else {
                    return (what, None);
                };
                if stop.load(Ordering::SeqCst) {
                    return (what, None);
                }
                let result = match &step {
                    Step::Create(d) => client
                        .create(&NewSubscription::from(d), &known)
                        .await
                        .map(|s| Done::Created(s.id)),
                    Step::Update(u) => client
                        .update(u.have.id, &u.request())
                        .await
                        .map(|s| Done::Updated(s.id)),
                    Step::Delete(d) => client
                        .delete(d.have.id)
                        .await
                        .map(|()| Done::Deleted(d.have.id)),
                };
                if !quiet {
                    match &result {
                        Ok(Done::Created(id)) => {
                            output::note(&format!("{prefix}{what}: created (id {id})"))
                        }
                        Ok(_) => output::note(&format!("{prefix}{what}: done")),
                        Err(_) => {}
                    }
                }
                (what, Some(result))
            });
        }
        while let Some(joined) = tasks.join_next().await {
            progress.step();
            match joined {
                Ok((what, None)) => outcomes.skipped.push(what),
                Ok((what, Some(Err(err)))) => outcomes.failed.push((what, err)),
                Ok((_, Some(Ok(Done::Created(id))))) => outcomes.created.push(id),
                Ok((_, Some(Ok(Done::Updated(id))))) => outcomes.updated.push(id),
                Ok((_, Some(Ok(Done::Deleted(id))))) => outcomes.deleted.push(id),
                Err(join) => outcomes
                    .skipped
                    .push(format!("a call that stopped: {join}")),
            }
        }
        outcomes.failed.sort_by(|a, b| a.0.cmp(&b.0));
        outcomes.skipped.sort();
    }
}

fn report(plan: &Plan, source: &render::About, outcomes: &Outcomes) -> serde_json::Value {
    let sorted = |ids: &Vec<u64>| {
        let mut ids = ids.clone();
        ids.sort_unstable();
        ids
    };
    json!({
        "plan": render::json(plan, source),
        "result": {
            "created": sorted(&outcomes.created),
            "updated": sorted(&outcomes.updated),
            "deleted": sorted(&outcomes.deleted),
            "failed": outcomes.failed.iter().map(|(what, err)| json!({"change": what, "error": err.to_string()})).collect::<Vec<_>>(),
            "not_attempted": outcomes.skipped,
        }
    })
}

/// Which checksums a fleet apply was given: the whole fleet's, or some accounts' own.
struct Expected {
    fleet: Option<String>,
    accounts: std::collections::BTreeMap<String, String>,
}

fn expected(given: &[String], fleet: &FleetPlan) -> anyhow::Result<Option<Expected>> {
    if given.is_empty() {
        return Ok(None);
    }
    let mut out = Expected {
        fleet: None,
        accounts: Default::default(),
    };
    for one in given {
        match one.split_once('=') {
            Some((name, sum)) => {
                if !fleet.entries.iter().any(|e| e.name == name.trim()) {
                    return Err(error::usage(format!(
                        "--expect-checksum names '{}', which is not one of the accounts chosen",
                        crate::text::line(name.trim())
                    )));
                }
                out.accounts
                    .insert(name.trim().to_string(), sum.trim().to_ascii_lowercase());
            }
            None if out.fleet.is_none() => out.fleet = Some(one.trim().to_ascii_lowercase()),
            None => {
                return Err(error::usage(
                    "give the fleet's checksum once; per account, write NAME=SUM",
                ))
            }
        }
    }
    Ok(Some(out))
}

/// Refuses the whole apply unless every checksum given matches the plan made now, and every
/// chosen account is covered by one: a reviewed plan is applied whole or not at all.
fn check_expected(expected: &Expected, fleet: &FleetPlan) -> anyhow::Result<()> {
    let mut wrong = Vec::new();
    if let Some(sum) = &expected.fleet {
        if *sum != fleet.checksum {
            return Err(error::refused(format!(
                "the fleet's plan checksum is {}, not the reviewed {sum}: an account or the \
                 manifest changed since the review; nothing was changed in any account: plan \
                 and review again",
                fleet.checksum
            )));
        }
    }
    for e in &fleet.entries {
        let actual = e.plan.as_ref().map(|p| p.checksum.as_str()).ok();
        match expected.accounts.get(&e.name) {
            Some(sum) if Some(sum.as_str()) != actual => wrong.push(e.name.as_str()),
            None if expected.fleet.is_none() => wrong.push(e.name.as_str()),
            _ => {}
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(error::refused(format!(
            "the plan of {} does not match a reviewed checksum (or has none given); nothing \
             was changed in any account: plan and review again",
            wrong.join(", ")
        )))
    }
}

/// A fleet: every account planned, then the ones with changes applied, a few at a time,
/// each with its own client. One account's failure never stops another's.
async fn many(
    ctx: &super::Ctx,
    args: &ApplyArgs,
    mut fleet: FleetPlan,
    destinations: Vec<super::Destination>,
) -> anyhow::Result<Exit> {
    let json = ctx.global.output == Format::Json;
    if !json && !ctx.global.quiet {
        super::plan::print_fleet(ctx, &fleet)?;
    }
    if args.dry_run {
        if json {
            output::json_out(&fleet.json())?;
        }
        return Ok(Exit::Ok);
    }
    if let Some(expected) = expected(&args.expect_checksum, &fleet)? {
        check_expected(&expected, &fleet)?;
    }
    if !fleet.refusals.is_empty() {
        return Err(error::refused(format!(
            "nothing was changed in any account: {}",
            fleet.refusals.join("; ")
        )));
    }
    // What each account is to do: apply, or nothing (in sync, refused, not planned).
    let mut work = Vec::new();
    for (index, (entry, destination)) in fleet.entries.iter_mut().zip(destinations).enumerate() {
        match (&entry.plan, destination) {
            (Ok(plan), destination) if plan.refusals.is_empty() && !plan.is_empty() => {
                work.push((index, destination));
            }
            (Ok(plan), _) if !plan.refusals.is_empty() => {
                entry.result = Some((
                    format!("refused: {}", plan.refusals.join("; ")),
                    Exit::Refused,
                ));
            }
            (Ok(_), _) => entry.result = Some(("in sync".into(), Exit::Ok)),
            (Err(_), _) => {}
        }
    }
    let mut reports = std::collections::BTreeMap::new();
    let mut interrupted = false;
    if !work.is_empty() {
        super::confirm(
            &format!("Apply this plan to {} account(s)?", work.len()),
            args.yes,
        )?;
        let (stop, watcher) = watch_ctrl_c(
            "Interrupted: finishing the calls in flight, starting no more in any account.",
        );
        let quiet = ctx.global.quiet || json;
        let total: usize = work
            .iter()
            .filter_map(|(i, _)| fleet.entries[*i].plan.as_ref().ok())
            .map(Plan::changes)
            .sum();
        let progress = output::Progress::new(total, quiet);
        let entries = &fleet.entries;
        let done = super::fleet::each(
            work,
            args.fleet.parallel_accounts,
            |(index, destination)| {
                let stop = stop.clone();
                let progress = &progress;
                async move {
                    let entry = &entries[index];
                    let Ok(plan) = &entry.plan else {
                        return (index, Outcomes::default());
                    };
                    let account = match ctx.open(destination).await {
                        Ok(account) => account,
                        Err(err) => {
                            let outcomes = Outcomes {
                                unconnected: Some(err),
                                ..Outcomes::default()
                            };
                            return (index, outcomes);
                        }
                    };
                    let runner = Runner::new(
                        &account.client,
                        plan,
                        args,
                        stop,
                        quiet,
                        format!("{}: ", entry.name),
                    );
                    (index, runner.carry_out(plan, progress).await)
                }
            },
        )
        .await;
        drop(progress);
        watcher.abort();
        let stopped = stop.load(Ordering::SeqCst);
        interrupted = stopped;
        for (index, outcomes) in done {
            let entry = &mut fleet.entries[index];
            let result = if let Some(err) = &outcomes.unconnected {
                output::note(&format!("failed: {}: {err:#}", entry.name));
                (format!("failed: {err:#}"), error::exit_for(err))
            } else {
                outcomes.say_failed(&format!("{}: ", entry.name));
                match outcomes.shortfall(stopped) {
                    Some((Exit::Interrupted, why)) => (why, Exit::Interrupted),
                    Some((exit, why)) => (format!("failed: {why}"), exit),
                    None => (format!("applied: {}", outcomes.did()), Exit::Ok),
                }
            };
            entry.result = Some(result);
            if let Ok(plan) = &entry.plan {
                reports.insert(
                    entry.name.clone(),
                    report(plan, &entry.about, &outcomes)["result"].clone(),
                );
            }
        }
    }
    let (mut exit, mut exit_note) = super::plan::fleet_exit(&fleet, None, fleet::Entry::exit);
    if interrupted {
        // Ctrl-C stopped the run: whatever each account got done, the command did not
        // finish what it was asked, as a single account's apply says too.
        exit = Exit::worst_of([exit, Exit::Interrupted]);
        let said = "interrupted: run apply again to finish (it never duplicates a subscription)";
        exit_note = Some(match exit_note {
            Some(note) if !note.starts_with("exit 130") => format!("{note}; {said}"),
            _ => said.to_string(),
        });
    }
    if json {
        let mut value = fleet.json();
        if let Some(list) = value["accounts"].as_array_mut() {
            for entry in list {
                let name = entry["name"].as_str().unwrap_or_default().to_string();
                if let Some(result) = reports.remove(&name) {
                    entry["applied"] = result;
                }
            }
        }
        output::json_out(&value)?;
    } else {
        output::note(&format!("\n{}", fleet.table()));
    }
    let count = |word: &str| fleet.entries.iter().filter(|e| e.status() == word).count();
    output::note(&format!(
        "Fleet apply: {}: {} applied, {} in sync, {} failed, {} refused{}{}.",
        crate::text::count(fleet.entries.len(), "account"),
        count("applied"),
        count("in sync"),
        count("failed"),
        count("refused"),
        match count("interrupted") {
            0 => String::new(),
            n => format!(", {n} interrupted"),
        },
        match fleet.skipped.len() {
            0 => String::new(),
            n => format!(", {n} skipped"),
        },
    ));
    if let Some(note) = exit_note {
        output::note(&note);
    }
    Ok(exit)
}
