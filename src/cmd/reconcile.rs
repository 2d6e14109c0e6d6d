//! `reconcile`: what never reached the relay (it was down, a tunnel dropped, a subscription
//! was missing) cannot be replayed, but Copper's search can find it: the records changed in
//! a window. For each, the app gets the notification Copper would have sent (of the
//! account's subscription to that type and event, its secret pairs and headers included),
//! 30 ids at most each, marked as made up by a search (the `x-copper-hooks-synthetic`
//! header, and a `webhook-id` that starts `syn_`).
//!
//! Each type is searched by `date_modified`, ascending, 200 a page, every call under the
//! same limiter as the rest of the tool. Copper's search reaches only the first 100,000
//! records of a query however it is paged, so a window that holds more is sliced: the
//! search starts again from the last time read, skipping the ids already sent at it.
//!
//! What search cannot see is said: a deleted record is gone from it, and `date_modified`
//! also moves for changes that fire no webhook.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::time::Duration;

use serde_json::json;

use crate::cli::ReconcileArgs;
use crate::data::Subscription;
use crate::delivery::{timestamp, Notification};
use crate::emulator::search_path;
use crate::error::{self, Exit, Fail};
use crate::output;
use crate::relay::{verdict, Forwarding, Verdict, SYNTHETIC_HEADER};
use crate::rules::{EntityType, Event};

/// Records a page holds at most, on Copper.
const PAGE: usize = 200;
/// Tries of one notification: the app may be restarting; a relay in front keeps it longer.
const TRIES: u32 = 5;

/// The records one query reaches (Copper's 100,000), or `COPPER_HOOKS_SEARCH_CAP` for tests
/// against an emulator started with a smaller `--search-cap`: a knob, not a flag.
fn search_cap() -> usize {
    std::env::var("COPPER_HOOKS_SEARCH_CAP")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n >= PAGE)
        .map_or(crate::emulator::SEARCH_CAP, |n| {
            n.min(crate::emulator::SEARCH_CAP)
        })
}

/// What one type came to.
#[derive(Default, Clone)]
struct Tally {
    records: u64,
    new: u64,
    update: u64,
    notifications: u64,
    failed: u64,
    slices: u64,
}

/// The notifications being gathered for one (type, event), sent 30 ids at a time.
struct Batch {
    ids: Vec<u64>,
    latest: i64,
}

struct Sending<'a> {
    forwarding: Option<&'a Forwarding>,
    subscriptions: &'a BTreeMap<(EntityType, Event), Subscription>,
    quiet: bool,
}

pub async fn run(ctx: &super::Ctx, args: ReconcileArgs) -> anyhow::Result<Exit> {
    let now_ms = crate::delivery::now_ms();
    let windows = windows(&args, now_ms)?;
    let chosen = wanted(&args)?;
    let forwarding = match (&args.to, args.dry_run) {
        (Some(to), false) => Some(Forwarding::new(
            crate::notify::receiver_url(to)?,
            Duration::from_secs(ctx.global.timeout),
            args.sign.sign_secret.as_deref(),
        )?),
        _ => None,
    };
    if windows.is_empty() {
        ctx.note("No window to search: the journal shows no gap.");
        if ctx.json() {
            output::json_out(&json!({"windows": [], "types": [], "sent": 0, "failed": 0}))?;
        }
        return Ok(Exit::Ok);
    }
    let account = ctx.connect().await?;
    let client = &account.client;
    // Each notification as Copper would have sent it: of the account's subscription to its
    // type and event (the first, by id, when there are several).
    let mut subscriptions: BTreeMap<(EntityType, Event), Subscription> = BTreeMap::new();
    let mut listed = client.list().await?;
    listed.sort_by_key(|s| s.id);
    for sub in listed {
        subscriptions.entry((sub.kind, sub.event)).or_insert(sub);
    }
    // Unless told, what the account subscribes to is what matters; an account with no
    // subscriptions gets every type.
    let wanted = match chosen {
        Some(wanted) => wanted,
        None => {
            let mut wanted: BTreeMap<EntityType, BTreeSet<Event>> = BTreeMap::new();
            for (kind, event) in subscriptions.keys() {
                if *event != Event::Delete && search_path(*kind).is_some() {
                    wanted.entry(*kind).or_default().insert(*event);
                }
            }
            if wanted.is_empty() {
                ctx.note(
                    "The account has no subscription to search for: every type is searched \
                     (--type or --manifest chooses).",
                );
                every_type()
            } else {
                wanted
            }
        }
    };
    let sending = Sending {
        forwarding: forwarding.as_ref(),
        subscriptions: &subscriptions,
        quiet: ctx.global.quiet || ctx.json(),
    };
    let cap = search_cap();
    let mut tallies: BTreeMap<EntityType, Tally> = BTreeMap::new();
    for (&kind, events) in &wanted {
        let Some(path) = search_path(kind) else {
            continue;
        };
        let tally = tallies.entry(kind).or_default();
        for &(from, until) in &windows {
            let mut batches: BTreeMap<Event, Batch> = BTreeMap::new();
            let mut min = from;
            let mut sent_at_min: HashSet<u64> = HashSet::new();
            'slices: loop {
                let mut page = 1;
                let mut read = 0usize;
                let mut last: Option<i64> = None;
                let mut ids_at_last: HashSet<u64> = HashSet::new();
                loop {
                    let query = json!({
                        "page_size": PAGE,
                        "page_number": page,
                        "sort_by": "date_modified",
                        "sort_direction": "asc",
                        "minimum_modified_date": min,
                        "maximum_modified_date": until,
                    });
                    let records = client.search(path, &query).await?;
                    read += records.len();
                    for record in &records {
                        let (Some(id), Some(modified)) =
                            (record["id"].as_u64(), record["date_modified"].as_i64())
                        else {
                            return Err(Fail::new(
                                Exit::Error,
                                format!(
                                    "Copper's {path} search answered a record without id or \
                                     date_modified; nothing more was searched"
                                ),
                            )
                            .into());
                        };
                        if modified < min || modified > until {
                            // A search that ignored its filter (a proxy, another API): what
                            // it answers is not what changed in the window.
                            return Err(Fail::new(
                                Exit::Error,
                                format!(
                                    "the {path} search answered a record changed at {}, outside \
                                     the window it was asked for ({} to {}): it ignores the date \
                                     filter, so nothing more was sent ({} notification(s) were)",
                                    timestamp(modified * 1000),
                                    timestamp(min * 1000),
                                    timestamp(until * 1000),
                                    tally.notifications
                                ),
                            )
                            .into());
                        }
                        if last != Some(modified) {
                            ids_at_last.clear();
                        }
                        last = Some(modified);
                        ids_at_last.insert(id);
                        if modified == min && sent_at_min.contains(&id) {
                            continue;
                        }
                        tally.records += 1;
                        let created = record["date_created"].as_i64().unwrap_or(i64::MIN);
                        // Made in the window: Copper sent `new`; changed after it was made:
                        // `update` too.
                        let mut events_of = Vec::new();
                        if created >= from {
                            events_of.push(Event::New);
                        }
                        if modified > created {
                            events_of.push(Event::Update);
                        }
                        for event in events_of {
                            if !events.contains(&event) {
                                continue;
                            }
                            match event {
                                Event::New => tally.new += 1,
                                _ => tally.update += 1,
                            }
                            let batch = batches.entry(event).or_insert(Batch {
                                ids: Vec::new(),
                                latest: modified,
                            });
                            batch.ids.push(id);
                            batch.latest = batch.latest.max(modified);
                            if batch.ids.len() == crate::delivery::MAX_IDS {
                                let full = std::mem::replace(
                                    batch,
                                    Batch {
                                        ids: Vec::new(),
                                        latest: modified,
                                    },
                                );
                                sending.send(kind, event, full, tally).await;
                            }
                        }
                    }
                    if read >= cap {
                        // The query reached Copper's cap: what lies past it is found by a
                        // new query from the last time read.
                        let Some(last) = last else { break 'slices };
                        if last == min {
                            return Err(Fail::new(
                                Exit::Error,
                                format!(
                                    "more than {cap} {} records changed in the one second {}; \
                                     Copper's search cannot page past them",
                                    kind.as_str(),
                                    timestamp(last * 1000)
                                ),
                            )
                            .into());
                        }
                        min = last;
                        sent_at_min = std::mem::take(&mut ids_at_last);
                        tally.slices += 1;
                        continue 'slices;
                    }
                    if records.len() < PAGE {
                        break 'slices;
                    }
                    page += 1;
                }
            }
            for (event, batch) in batches {
                if !batch.ids.is_empty() {
                    sending.send(kind, event, batch, tally).await;
                }
            }
        }
    }
    report(ctx, &args, &windows, &tallies, &subscriptions)
}

impl Sending<'_> {
    /// Sends one notification (or counts it, in a dry run), tried up to [`TRIES`] times.
    async fn send(&self, kind: EntityType, event: Event, batch: Batch, tally: &mut Tally) {
        tally.notifications += 1;
        let Some(forwarding) = self.forwarding else {
            return;
        };
        let sub = self.subscriptions.get(&(kind, event));
        let notification = Notification {
            ids: batch.ids,
            kind,
            event,
            subscription_id: sub.map_or(0, |s| s.id),
            at_ms: batch.latest * 1000,
            changes: crate::delivery::Changes::default(),
            secret: sub.map(|s| s.secret.clone()).unwrap_or_default(),
        };
        let body = notification.body().to_string();
        let id = crate::relay::synthetic_id(body.as_bytes());
        let mut came_with: Vec<(&str, &str)> = vec![
            ("content-type", "application/json"),
            (SYNTHETIC_HEADER, "reconcile"),
        ];
        if let Some(sub) = sub {
            came_with.extend(sub.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        let what = format!(
            "{}.{} ids {}",
            kind.as_str(),
            event.as_str(),
            crate::delivery::id_range(&notification.ids)
        );
        let mut wait = Duration::from_millis(super::backoff_ms_or(1000));
        for attempt in 1..=TRIES {
            let sent = match forwarding.dress(came_with.iter().copied(), &id, body.as_bytes()) {
                Ok(out) => {
                    forwarding
                        .sender
                        .post_as(
                            &forwarding.url,
                            &out.headers,
                            body.as_bytes(),
                            &out.content_type,
                        )
                        .await
                }
                Err(why) => crate::notify::Sent::failed(why),
            };
            match verdict(&sent) {
                Verdict::Taken => {
                    if !self.quiet {
                        output::note(&format!("{}  {what}", sent.describe()));
                    }
                    return;
                }
                Verdict::Again(asked) if attempt < TRIES => {
                    tokio::time::sleep(asked.unwrap_or(wait).min(Duration::from_secs(60))).await;
                    wait *= 2;
                }
                _ => {
                    tally.failed += 1;
                    output::note(&format!(
                        "{}  {what}  not taken after {attempt} attempt(s)",
                        sent.describe()
                    ));
                    return;
                }
            }
        }
    }
}

/// The windows to search, in Unix seconds, sorted and merged.
fn windows(args: &ReconcileArgs, now_ms: i64) -> anyhow::Result<Vec<(i64, i64)>> {
    let mut spans: Vec<(i64, i64)> = Vec::new();
    if let Some(since) = &args.since {
        let from = when(since, "--since", now_ms)?;
        let until = match &args.until {
            Some(until) => when(until, "--until", now_ms)?,
            None => now_ms,
        };
        if until < from {
            return Err(error::usage("--until is before --since; swap them"));
        }
        spans.push((from, until));
    } else if let Some(path) = &args.gaps_from {
        let file = crate::relay::journal::open_to_read(path)?;
        let shown = crate::text::line(&path.display().to_string()).into_owned();
        let quiet_ms = i64::try_from(args.gap.as_millis()).unwrap_or(i64::MAX);
        let scan = crate::relay::journal::Scan::read(&file, quiet_ms, &shown)?;
        if scan.more_gaps > 0 {
            output::note(&format!(
                "note: the journal has {} more gaps than the {} latest searched; use --since \
                 for the earlier ones",
                scan.more_gaps,
                crate::relay::journal::MAX_GAPS
            ));
        }
        spans.extend(
            scan.gaps
                .iter()
                .map(|g| (g.from_ms, g.until_ms.unwrap_or(now_ms))),
        );
    }
    // Whole seconds that cover each span, as Copper's dates are.
    let mut seconds: Vec<(i64, i64)> = spans
        .into_iter()
        .map(|(from, until)| (from.div_euclid(1000), (until + 999).div_euclid(1000)))
        .collect();
    seconds.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::new();
    for (from, until) in seconds {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(until),
            _ => merged.push((from, until)),
        }
    }
    Ok(merged)
}

/// A time: RFC 3339, or a span back from now.
fn when(text: &str, flag: &str, now_ms: i64) -> anyhow::Result<i64> {
    if let Some(ms) = crate::relay::journal::parse_ms(text.trim()) {
        return Ok(ms);
    }
    match humantime::parse_duration(text.trim()) {
        Ok(span) => Ok(now_ms - i64::try_from(span.as_millis()).unwrap_or(i64::MAX / 2)),
        Err(_) => Err(error::usage(format!(
            "{flag} '{}' is neither an RFC 3339 time (2026-12-07T09:00:00Z) nor a span back \
             from now (6h, 2d)",
            crate::text::line(text)
        ))),
    }
}

/// Every type that can be searched, with both events search can tell.
fn every_type() -> BTreeMap<EntityType, BTreeSet<Event>> {
    EntityType::ALL
        .into_iter()
        .filter(|k| search_path(*k).is_some())
        .map(|k| (k, [Event::New, Event::Update].into()))
        .collect()
}

/// The types to search and the events that matter for each, when chosen (`--type`,
/// `--manifest`); `None`: those the account subscribes to.
fn wanted(args: &ReconcileArgs) -> anyhow::Result<Option<BTreeMap<EntityType, BTreeSet<Event>>>> {
    let both: BTreeSet<Event> = [Event::New, Event::Update].into();
    if let Some(path) = &args.manifest {
        let shown = crate::text::line(&path.display().to_string()).into_owned();
        let text = super::read_text(path, "manifest").map_err(error::usage)?;
        let manifest = crate::manifest::parse::parse_with(
            &text,
            &shown,
            &|_| None,
            crate::manifest::parse::EnvMode::AllowUnset,
            crate::manifest::parse::Account {
                local_receivers: true,
                sandbox: false,
            },
        )
        .map_err(|problems| {
            Fail::new(
                Exit::Data,
                format!(
                    "{} (run `copper-hooks validate {shown}`)",
                    problems
                        .first()
                        .map_or("the manifest has problems".into(), ToString::to_string)
                ),
            )
        })?;
        let mut wanted: BTreeMap<EntityType, BTreeSet<Event>> = BTreeMap::new();
        for sub in manifest.subscriptions {
            if sub.event != Event::Delete && search_path(sub.kind).is_some() {
                wanted.entry(sub.kind).or_default().insert(sub.event);
            }
        }
        return Ok(Some(wanted));
    }
    if args.kinds.is_empty() {
        return Ok(None);
    }
    let kinds: Vec<EntityType> = {
        for kind in &args.kinds {
            if search_path(*kind).is_none() {
                return Err(error::usage(format!(
                    "--type {}: Copper searches activities by their activity date only, not by \
                     when they changed, so they cannot be reconciled",
                    kind.as_str()
                )));
            }
        }
        args.kinds.clone()
    };
    Ok(Some(kinds.into_iter().map(|k| (k, both.clone())).collect()))
}

fn report(
    ctx: &super::Ctx,
    args: &ReconcileArgs,
    windows: &[(i64, i64)],
    tallies: &BTreeMap<EntityType, Tally>,
    subscriptions: &BTreeMap<(EntityType, Event), Subscription>,
) -> anyhow::Result<Exit> {
    let sent: u64 = tallies.values().map(|t| t.notifications).sum();
    let failed: u64 = tallies.values().map(|t| t.failed).sum();
    let caveats = [
        "Deleted records are invisible to search: a delete Copper never delivered cannot be \
         caught up.",
        "A record's date_modified also moves for changes that fire no webhook: some of these \
         notifications stand for changes Copper delivered, or never sent; an app \
         de-duplicates by webhook-id and treats them as \"look at this record again\".",
    ];
    // Pairs that made notifications with no subscription to take an id and secret from.
    let unsubscribed: Vec<String> = tallies
        .iter()
        .flat_map(|(k, t)| {
            [(Event::New, t.new), (Event::Update, t.update)]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(move |(e, _)| (*k, e))
        })
        .filter(|key| !subscriptions.contains_key(key))
        .map(|(k, e)| format!("{}.{}", k.as_str(), e.as_str()))
        .collect();
    if ctx.json() {
        output::json_out(&json!({
            "windows": windows.iter().map(|(f, u)| json!({"from": timestamp(f * 1000), "until": timestamp(u * 1000)})).collect::<Vec<_>>(),
            "types": tallies.iter().map(|(k, t)| json!({
                "type": k.as_str(), "records": t.records, "new": t.new, "update": t.update,
                "notifications": t.notifications, "failed": t.failed, "slices": t.slices,
            })).collect::<Vec<_>>(),
            "sent": if args.dry_run { 0 } else { sent - failed },
            "failed": failed,
            "dry_run": args.dry_run,
            "no_subscription": unsubscribed,
            "caveats": caveats,
        }))?;
    } else {
        let rows: Vec<[String; 6]> = tallies
            .iter()
            .map(|(k, t)| {
                [
                    k.as_str().to_string(),
                    t.records.to_string(),
                    t.new.to_string(),
                    t.update.to_string(),
                    t.notifications.to_string(),
                    t.failed.to_string(),
                ]
            })
            .collect();
        output::out(&output::columns(
            &[
                "TYPE",
                "RECORDS",
                "NEW",
                "UPDATE",
                "NOTIFICATIONS",
                "FAILED",
            ],
            &rows,
        ))?;
        let span =
            |(f, u): &(i64, i64)| format!("{} to {}", timestamp(f * 1000), timestamp(u * 1000));
        ctx.note(&format!(
            "Searched {} window(s): {}{}.",
            windows.len(),
            windows
                .iter()
                .take(3)
                .map(span)
                .collect::<Vec<_>>()
                .join(", "),
            if windows.len() > 3 { ", ..." } else { "" }
        ));
        if !unsubscribed.is_empty() {
            ctx.note(&format!(
                "No subscription on the account for {}: those notifications carry \
                 subscription_id 0 and no secret pairs.",
                unsubscribed.join(", ")
            ));
        }
        for caveat in caveats {
            ctx.note(caveat);
        }
        ctx.note(&if args.dry_run {
            format!("Dry run: {sent} notification(s) would be sent; nothing was.")
        } else {
            format!(
                "{} notification(s) sent, {failed} not taken.",
                sent - failed
            )
        });
    }
    if failed > 0 {
        return Err(Fail::new(
            Exit::Error,
            format!(
                "{failed} of {sent} notifications were not taken; run reconcile again (the \
                 same notifications carry the same webhook-id), or point --to at a relay, which \
                 keeps and retries them"
            ),
        )
        .into());
    }
    Ok(Exit::Ok)
}
