//! `trigger TYPE.EVENT --to URL`: realistic notifications for a receiver of your own, built by
//! `delivery`, sent as Copper sends them (through `notify`).

use std::time::Duration;

use serde_json::json;

use crate::cli::TriggerArgs;
use crate::copper::{Limiter, Verdict};
use crate::delivery::{self, Changes, Notification};
use crate::error::{self, Exit, Fail};
use crate::notify::{receiver_url, Sender, Sent};
use crate::output;
use crate::rules::{self, EntityType, Event, PairKind, Pairs};

pub async fn run(ctx: &super::Ctx, args: TriggerArgs) -> anyhow::Result<Exit> {
    // Everything typed is checked before any call.
    let ids = delivery::parse_ids(&args.ids).map_err(error::usage)?;
    let mut changes = Changes::default();
    for attr in &args.attrs {
        let (name, change) = delivery::parse_change(attr).map_err(error::usage)?;
        changes.fields.insert(name, change);
    }
    for field in &args.custom_fields {
        let (id, change) = delivery::parse_change(field).map_err(error::usage)?;
        changes.custom_fields.insert(id, change);
    }
    let secret = rules::parse_pairs(PairKind::Secret, &args.secret)?;
    let headers = rules::parse_pairs(PairKind::Header, &args.header)?;
    let what = args.what.as_deref().map(parse_what).transpose()?;
    if args.through_emulator {
        let (kind, event) = what.ok_or_else(|| {
            error::usage("say what happened, e.g. `trigger person.update --through-emulator`")
        })?;
        if event != Event::Update && !changes.is_empty() {
            return Err(error::usage(format!(
                "--attr and --custom-field describe an update; a {event} event carries none"
            )));
        }
        return through_emulator(ctx, kind, event, &ids, &changes).await;
    }

    // With --subscription, the subscription says what Copper would send.
    let (kind, event, to, secret, headers, subscription_id) = match args.subscription {
        Some(id) => {
            let conn = ctx.connect().await?;
            let sub = conn.client.get(id).await?;
            if let Some((kind, event)) = what {
                if (kind, event) != (sub.kind, sub.event) {
                    return Err(error::usage(format!(
                        "subscription {id} is {}.{}, not {kind}.{event}; leave TYPE.EVENT out",
                        sub.kind, sub.event
                    )));
                }
            }
            let pick = |given: Pairs, theirs: Pairs| if given.is_empty() { theirs } else { given };
            // The account's target gets its secrets only where Copper would deliver them.
            let to = match &args.to {
                Some(to) => to.clone(),
                None => crate::notify::copper_would_deliver(&sub.target, args.allow_local_targets)
                    .map_err(|why| {
                        error::refused(format!(
                            "subscription {id}: {why}; nothing was sent (give --to URL for a \
                             receiver of yours)"
                        ))
                    })?,
            };
            (
                sub.kind,
                sub.event,
                to,
                pick(secret, sub.secret),
                pick(headers, sub.headers),
                id,
            )
        }
        None => {
            let (kind, event) = what.ok_or_else(|| {
                error::usage(
                    "say what happened, e.g. `trigger person.update`, or give --subscription",
                )
            })?;
            let to = args
                .to
                .clone()
                .ok_or_else(|| error::usage("give --to URL (your receiver), or --subscription"))?;
            (kind, event, to, secret, headers, 0)
        }
    };
    if event != Event::Update && !changes.is_empty() {
        return Err(error::usage(format!(
            "--attr and --custom-field describe an update; a {event} event carries none"
        )));
    }
    let url = receiver_url(&to)?;
    let template = Notification {
        ids: Vec::new(),
        kind,
        event,
        subscription_id,
        at_ms: crate::delivery::now_ms(),
        changes,
        secret,
    };
    let notifications = delivery::split(&template, &ids);
    let sender = Sender::new(Duration::from_secs(ctx.global.timeout), &url)?;
    let limiter = args.rate.map(Limiter::new);
    let mut results = Vec::new();
    for _ in 0..args.count {
        for n in &notifications {
            let ticket = match &limiter {
                Some(limiter) => Some(limiter.acquire().await),
                None => None,
            };
            let body = n.body().to_string();
            let sent = sender.post(&url, &headers, body.as_bytes()).await;
            if let (Some(limiter), Some(ticket)) = (&limiter, ticket) {
                limiter.finish(ticket, Verdict::Counted).await;
            }
            // -q keeps the failures and the summary.
            if !ctx.json() && (!ctx.global.quiet || !sent.ok()) {
                output::note(&format!(
                    "{}  {kind}.{event}  ids {}  {}",
                    sent.describe(),
                    delivery::id_range(&n.ids),
                    rules::shown_target(url.as_str())
                ));
            }
            results.push((sent, n.ids.len()));
        }
    }
    report(ctx, &results)
}

/// Gives a running emulator a record event; it fans out to the subscriptions itself.
async fn through_emulator(
    ctx: &super::Ctx,
    kind: EntityType,
    event: Event,
    ids: &[u64],
    changes: &Changes,
) -> anyhow::Result<Exit> {
    let settings = ctx.settings()?;
    let api = rules::check_api_url(&settings.api_url.value)?;
    if api.scheme() != "http" {
        return Err(error::usage(
            "--through-emulator needs the API URL of a running `copper-hooks emulator` (http on \
             loopback), e.g. COPPER_API_URL",
        ));
    }
    let url = api.join("/_emulator/events")?;
    let mut body = json!({"type": kind, "event": event, "ids": ids});
    if event == Event::Update {
        body["updated_attributes"] = changes.to_json();
    }
    let http = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(ctx.global.timeout))
        .build()?;
    let answer = http.post(url).json(&body).send().await.map_err(|_| {
        anyhow::anyhow!(
            "no emulator answered at {}; start `copper-hooks emulator`",
            rules::shown_api_url(api.as_str())
        )
    })?;
    let status = answer.status();
    let told: serde_json::Value = answer.json().await.unwrap_or_default();
    if !status.is_success() {
        return Err(anyhow::anyhow!(
            "the emulator refused the event ({status}): {}",
            crate::text::line(told["message"].as_str().unwrap_or("no reason given"))
        ));
    }
    if ctx.json() {
        output::json_out(&told)?;
    } else {
        output::note(&format!(
            "The emulator delivers {} notification(s) to {} subscription(s); \
             GET /_emulator/deliveries shows each attempt.",
            told["notifications"], told["subscriptions"]
        ));
    }
    Ok(Exit::Ok)
}

fn report(ctx: &super::Ctx, results: &[(Sent, usize)]) -> anyhow::Result<Exit> {
    let failed = results.iter().filter(|(s, _)| !s.ok()).count();
    let mut ms: Vec<f64> = results.iter().map(|(s, _)| s.ms).collect();
    ms.sort_by(f64::total_cmp);
    let pick = |p: f64| {
        let rank = ((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len().max(1));
        ms.get(rank - 1).copied().unwrap_or(0.0)
    };
    let (p50, p95, max) = (pick(0.5), pick(0.95), ms.last().copied().unwrap_or(0.0));
    if ctx.json() {
        output::json_out(&json!({
            "sent": results.len(),
            "failed": failed,
            "latency_ms": {"p50": p50, "p95": p95, "max": max},
            "deliveries": results.iter().map(|(s, n)| json!({
                "status": s.status, "error": s.error, "ms": s.ms, "ids": n,
            })).collect::<Vec<_>>(),
        }))?;
    } else {
        output::note(&format!(
            "{} sent, {} answered 2xx, {failed} not; latency p50 {p50:.0} ms, p95 {p95:.0} ms, \
             max {max:.0} ms",
            results.len(),
            results.len() - failed
        ));
    }
    if failed > 0 {
        return Err(Fail::new(
            Exit::Error,
            format!(
                "{failed} of {} notifications were not answered 2xx; Copper would not send \
                 them again",
                results.len()
            ),
        )
        .into());
    }
    Ok(Exit::Ok)
}

fn parse_what(text: &str) -> anyhow::Result<(EntityType, Event)> {
    let (kind, event) = text.split_once('.').ok_or_else(|| {
        error::usage(format!(
            "'{}' is not TYPE.EVENT, e.g. person.update",
            crate::text::line(text)
        ))
    })?;
    // A misspelt type or event is a mistake in the command line (64, with a suggestion), as
    // `list --type persn` is, not a refusal by Copper's rules.
    let usage = |e: crate::rules::RuleError| error::usage(e.message);
    Ok((kind.parse().map_err(usage)?, event.parse().map_err(usage)?))
}
