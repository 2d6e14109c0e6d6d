//! `replay FILE --to URL`: the deliveries a `listen --journal` kept, sent again byte for byte
//! with the headers they came with: the retry Copper never makes.

use std::io::{BufRead, Read};

use serde_json::Value;

use crate::cli::ReplayArgs;
use crate::delivery;
use crate::error::{self, Exit, Fail};
use crate::output;
use crate::rules::Pairs;

/// The longest line read: a journal entry holds one body of at most 1 MiB, escaped.
const MAX_LINE: u64 = 16 << 20;

pub async fn run(ctx: &super::Ctx, args: ReplayArgs) -> anyhow::Result<Exit> {
    let url = super::trigger::receiver_url(&args.to)?;
    let since =
        args.since
            .as_deref()
            .map(|s| {
                time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| {
                        error::usage(format!(
                            "--since '{}' is not an RFC 3339 time",
                            crate::text::line(s)
                        ))
                    })
            })
            .transpose()?;
    let secret = crate::rules::parse_pairs(crate::rules::PairKind::Secret, &args.secret)?;
    let given_headers: Pairs =
        crate::rules::parse_pairs(crate::rules::PairKind::Header, &args.header)?
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
    let file = std::fs::File::open(&args.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
    // Everything is read and put back together first: a journal that cannot be replayed
    // whole sends nothing.
    let mut planned = Vec::new();
    let mut missing_secrets = std::collections::BTreeSet::new();
    let mut missing_headers = std::collections::BTreeSet::new();
    let mut inexact = 0usize;
    let mut reader = std::io::BufReader::new(file);
    let mut number = 0usize;
    loop {
        number += 1;
        let mut line = String::new();
        let read = (&mut reader)
            .take(MAX_LINE + 1)
            .read_line(&mut line)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
        if read == 0 {
            break;
        }
        if line.len() as u64 > MAX_LINE {
            return Err(Fail::new(
                Exit::Data,
                format!(
                    "{} line {number} is longer than any journal entry (16 MiB)",
                    args.file.display()
                ),
            )
            .into());
        }
        if line.trim().is_empty() {
            continue;
        }
        let not_an_entry = || {
            Fail::new(
                Exit::Data,
                format!(
                    "{} line {number} is not a journal entry",
                    args.file.display()
                ),
            )
        };
        let entry: Value = serde_json::from_str(&line).map_err(|_| not_an_entry())?;
        let kept = entry["body"].as_str().ok_or_else(not_an_entry)?;
        let parsed: Value = serde_json::from_str(kept).unwrap_or(Value::Null);
        let received = entry["received_at"].as_str().and_then(|t| {
            time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
        });
        let wanted = since.is_none_or(|since| received.is_some_and(|r| r >= since))
            && args.kind.is_none_or(|k| parsed["type"] == k.as_str())
            && args.event.is_none_or(|e| parsed["event"] == e.as_str());
        if !wanted {
            continue;
        }
        let holes: Vec<delivery::Hole> = match entry.get("sealed") {
            Some(holes) => serde_json::from_value(holes.clone()).map_err(|_| not_an_entry())?,
            None => Vec::new(),
        };
        inexact += holes.iter().filter(|h| !h.exact).count();
        let body = match delivery::unseal(kept, &holes, &secret) {
            Ok(body) => body,
            // Values not given are gathered, to be asked for all at once.
            Err(keys) if keys.iter().all(|k| !secret.contains_key(k)) => {
                missing_secrets.extend(keys);
                String::new()
            }
            // Every value was at hand: a hole points where no value was taken out.
            Err(_) => return Err(not_an_entry().into()),
        };
        let sealed_headers: Vec<String> = entry["sealed_headers"]
            .as_array()
            .map(|names| {
                names
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_ascii_lowercase))
                    .collect()
            })
            .unwrap_or_default();
        let mut headers = Pairs::new();
        for (name, value) in entry["headers"].as_object().into_iter().flatten() {
            if super::trigger::hop_by_hop(name) {
                continue;
            }
            let name = name.to_ascii_lowercase();
            let value = if sealed_headers.contains(&name) {
                match given_headers.get(&name) {
                    Some(value) => value.clone(),
                    None => {
                        missing_headers.insert(name);
                        continue;
                    }
                }
            } else {
                match value.as_str() {
                    Some(value) => value.to_string(),
                    None => continue,
                }
            };
            headers.insert(name, value);
        }
        planned.push((number, body, headers, parsed));
    }
    if !missing_secrets.is_empty() || !missing_headers.is_empty() {
        let mut give = Vec::new();
        for key in &missing_secrets {
            give.push(format!("--secret {}=...", crate::text::line(key)));
        }
        for name in &missing_headers {
            give.push(format!("--header {}=...", crate::text::line(name)));
        }
        return Err(error::usage(format!(
            "the journal kept these values out; give them back with {} (or \
             COPPER_HOOKS_REPLAY_SECRET / COPPER_HOOKS_REPLAY_HEADER); nothing was sent",
            give.join(" ")
        )));
    }
    if inexact > 0 {
        output::note(&format!(
            "note: {inexact} secret value(s) were not JSON strings; they go back as strings, so \
             those bodies are not byte for byte what came"
        ));
    }
    let sender = super::trigger::Sender::new(ctx, &url)?;
    let (mut sent, mut failed) = (0usize, 0usize);
    for (number, body, headers, parsed) in planned {
        let result = sender.post(&url, &headers, body.as_bytes()).await;
        sent += 1;
        if !result.ok() {
            failed += 1;
        }
        output::note(&format!(
            "{}  {}.{}  from line {number}",
            result.describe(),
            crate::text::line(parsed["type"].as_str().unwrap_or("?")),
            crate::text::line(parsed["event"].as_str().unwrap_or("?")),
        ));
    }
    output::note(&format!("{sent} replayed, {failed} not answered 2xx."));
    if failed > 0 {
        return Err(Fail::new(
            Exit::Error,
            format!("{failed} of {sent} replayed deliveries were not answered 2xx"),
        )
        .into());
    }
    Ok(Exit::Ok)
}
