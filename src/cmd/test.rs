//! `test MANIFEST` (or `--live`): after an apply, prove every target answers. One realistic
//! notification per subscription goes to its own target (or to `--to`), with its own secret
//! pairs and headers, marked as a test: `ids` is `[0]` (no Copper record has id 0) and the
//! header `X-Copper-Hooks-Test: 1` is sent. Each target's status, latency and verdict is
//! reported, as a table, `-o json` or a JUnit XML file.

use std::time::Duration;

use serde_json::json;

use crate::cli::TestArgs;
use crate::delivery::{Changes, Notification};
use crate::error::{Exit, Fail};
use crate::output;
use crate::rules::{self, EntityType, Event, Pairs};

use crate::notify::TEST_HEADER;

/// One subscription to test.
struct Case {
    /// The account's name, in a fleet.
    account: Option<String>,
    kind: EntityType,
    event: Event,
    target: String,
    shown: String,
    secret: Pairs,
    headers: Pairs,
    subscription_id: u64,
}

pub async fn run(ctx: &super::Ctx, args: TestArgs) -> anyhow::Result<Exit> {
    let override_to = args
        .to
        .as_deref()
        .map(crate::notify::receiver_url)
        .transpose()?;
    // A manifest's test calls no API: accounts need their variables, not credentials.
    let needs = if args.file.is_some() {
        super::fleet::Needs::Variables
    } else {
        super::fleet::Needs::Calls
    };
    let fleet = super::fleet::prepare(ctx, &args.fleet, args.file.as_deref(), needs)?;
    let named = fleet.accounts_file.is_some();
    let found = super::fleet::each(
        fleet.members,
        args.fleet.parallel_accounts,
        |member| async {
            let name = member.destination.name.clone();
            let cases = match member.manifest {
                Some(manifest) => Ok(manifest
                    .subscriptions
                    .into_iter()
                    .map(|d| Case {
                        account: name.clone(),
                        kind: d.kind,
                        event: d.event,
                        target: d.target.as_str().to_string(),
                        shown: d.shown_target,
                        secret: d.secret,
                        headers: d.headers,
                        subscription_id: 0,
                    })
                    .collect()),
                None => live_cases(ctx, member.destination).await,
            };
            (name, cases)
        },
    )
    .await;
    let mut cases = Vec::new();
    // Accounts whose subscriptions could not be listed: each is a failure of its own.
    let mut unlisted: Vec<(String, String)> = Vec::new();
    for (name, found) in found {
        match found {
            Ok(mut more) => cases.append(&mut more),
            Err(err) if !named => return Err(err),
            Err(err) => {
                let name = name.unwrap_or_default();
                output::note(&format!("{name}: could not list: {err:#}"));
                unlisted.push((name, format!("{err:#}")));
            }
        }
    }
    // One account's notifications go one after another, as they always have (a receiver
    // sees them in the report's order); accounts go a few at a time.
    let mut groups: Vec<Vec<&Case>> = Vec::new();
    for case in &cases {
        match groups.last_mut() {
            Some(group) if group[0].account == case.account => group.push(case),
            _ => groups.push(vec![case]),
        }
    }
    let sent = super::fleet::each(groups, args.fleet.parallel_accounts, |group| {
        let override_to = &override_to;
        async move {
            let mut results = Vec::with_capacity(group.len());
            for case in group {
                results.push(send(ctx, case, override_to.as_ref(), args.allow_local_targets).await);
            }
            results
        }
    })
    .await;
    let results: Vec<Result<'_>> = sent.into_iter().flatten().collect();
    report(ctx, &args, &results, override_to.as_ref(), named, &unlisted)
}

/// The subscriptions on one account, to test with their real ids.
async fn live_cases(
    ctx: &super::Ctx,
    destination: super::Destination,
) -> anyhow::Result<Vec<Case>> {
    let name = destination.name.clone();
    let conn = ctx.open(destination).await?;
    let mut subs = conn.client.list().await?;
    subs.sort_by_key(|s| s.id);
    Ok(subs
        .into_iter()
        .map(|s| Case {
            account: name.clone(),
            kind: s.kind,
            event: s.event,
            shown: rules::shown_target(&s.target),
            target: s.target,
            secret: s.secret,
            headers: s.headers,
            subscription_id: s.id,
        })
        .collect())
}

/// Sends one marked notification to a case's target (or `--to`).
async fn send<'a>(
    ctx: &super::Ctx,
    case: &'a Case,
    override_to: Option<&url::Url>,
    allow_local: bool,
) -> Result<'a> {
    let url = match override_to {
        Some(url) => url.clone(),
        None => match crate::notify::copper_would_deliver(&case.target, allow_local)
            .and_then(|t| crate::notify::receiver_url(&t).map_err(|e| format!("{e:#}")))
        {
            Ok(url) => url,
            Err(why) => return (case, None, Some(why), 0.0),
        },
    };
    let mut changes = Changes::default();
    if case.event == Event::Update {
        changes
            .fields
            .insert("copper_hooks_test".into(), (json!(false), json!(true)));
    }
    let notification = Notification {
        ids: vec![0],
        kind: case.kind,
        event: case.event,
        subscription_id: case.subscription_id,
        at_ms: crate::delivery::now_ms(),
        changes,
        secret: case.secret.clone(),
    };
    let mut headers = case.headers.clone();
    headers.insert(TEST_HEADER.into(), "1".into());
    let sender = match crate::notify::Sender::new(
        std::time::Duration::from_secs(ctx.global.timeout),
        &url,
    ) {
        Ok(sender) => sender,
        Err(err) => return (case, None, Some(format!("{err:#}")), 0.0),
    };
    let sent = sender
        .post(&url, &headers, notification.body().to_string().as_bytes())
        .await;
    let problem = (!sent.ok()).then(|| match (sent.status, &sent.error) {
        (Some(status), _) => format!("answered {status}"),
        (None, Some(err)) => err.clone(),
        (None, None) => "failed".into(),
    });
    (case, sent.status, problem, sent.ms)
}

/// The results, as a table, JSON or JUnit, and the exit code.
fn report(
    ctx: &super::Ctx,
    args: &TestArgs,
    results: &[Result<'_>],
    override_to: Option<&url::Url>,
    named: bool,
    unlisted: &[(String, String)],
) -> anyhow::Result<Exit> {
    let failed = results.iter().filter(|r| r.2.is_some()).count() + unlisted.len();
    if let Some(path) = &args.junit {
        let xml = junit(results, unlisted)?;
        crate::config::write_atomic(path, xml.as_bytes(), crate::config::Write::REPORT)?;
    }
    if ctx.json() {
        output::json_out(&json!({
            "tested": results.len(),
            "failed": failed,
            "sent_to": override_to.map(|u| rules::shown_target(u.as_str())),
            "targets": results.iter().map(|(c, status, problem, ms)| {
                let mut one = json!({
                    "type": c.kind, "event": c.event, "target": c.shown,
                    "subscription_id": c.subscription_id, "status": status, "ms": ms,
                    "verdict": if problem.is_some() { "failed" } else { "ok" }, "problem": problem,
                });
                if named {
                    one["account"] = json!(c.account);
                }
                one
            }).collect::<Vec<_>>(),
            "unlisted": unlisted.iter().map(|(name, why)| json!({"account": name, "problem": why})).collect::<Vec<_>>(),
        }))?;
    } else {
        let mut lines = Vec::new();
        let width = results
            .iter()
            .filter_map(|(c, ..)| c.account.as_ref().map(|a| a.len()))
            .max()
            .unwrap_or(0);
        for (c, status, problem, ms) in results {
            let account = match (&c.account, named) {
                (Some(name), true) => format!("{name:width$}  "),
                _ => String::new(),
            };
            lines.push(format!(
                "{account}{:6} {:>5.0} ms  {:22} {}{}",
                status.map_or("-".to_string(), |s| s.to_string()),
                ms,
                format!("{}.{}", c.kind, c.event),
                c.shown,
                problem
                    .as_ref()
                    .map(|p| format!("  FAILED: {p}"))
                    .unwrap_or_default()
            ));
        }
        for (name, why) in unlisted {
            lines.push(format!(
                "{name}: could not list its subscriptions: FAILED: {why}"
            ));
        }
        if let Some(url) = override_to {
            lines.push(format!(
                "Each was sent to {} (--to), not to the target shown.",
                crate::text::line(&rules::shown_target(url.as_str()))
            ));
        }
        lines.push(format!(
            "{} tested, {} answered 2xx, {failed} failed.",
            results.len(),
            results.len() + unlisted.len() - failed
        ));
        output::out(&crate::text::lines(&lines.join("\n")))?;
    }
    if failed > 0 {
        return Err(Fail::new(
            Exit::Error,
            format!(
                "{failed} of {} targets did not answer 2xx",
                results.len() + unlisted.len()
            ),
        )
        .into());
    }
    Ok(Exit::Ok)
}

type Result<'a> = (&'a Case, Option<u16>, Option<String>, f64);

fn junit(results: &[Result<'_>], unlisted: &[(String, String)]) -> anyhow::Result<String> {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut suite = TestSuite::new("copper-hooks test");
    for (name, why) in unlisted {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status.set_message(why.clone());
        suite.add_test_case(TestCase::new(format!("{name}: list subscriptions"), status));
    }
    for (case, _, problem, ms) in results {
        let status = match problem {
            None => TestCaseStatus::success(),
            Some(problem) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(problem.clone());
                status
            }
        };
        let account = case
            .account
            .as_ref()
            .map(|a| format!("{a}: "))
            .unwrap_or_default();
        let mut test = TestCase::new(
            format!("{account}{}.{} {}", case.kind, case.event, case.shown),
            status,
        );
        test.set_time(Duration::from_secs_f64(ms / 1000.0));
        suite.add_test_case(test);
    }
    let mut report = Report::new("copper-hooks");
    report.add_test_suite(suite);
    Ok(report.to_string()?)
}
