//! `replay FILE --to URL`: the deliveries a `listen --journal` kept, sent again byte for byte
//! with the headers they came with: the retry Copper never makes.

use std::io::BufRead;

use serde_json::Value;

use crate::cli::ReplayArgs;
use crate::error::{self, Exit, Fail};
use crate::output;
use crate::rules::Pairs;

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
    let file = std::fs::File::open(&args.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
    let sender = super::trigger::Sender::new(ctx, &url)?;
    let (mut sent, mut failed) = (0usize, 0usize);
    for (number, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let entry: Value = serde_json::from_str(&line).map_err(|_| {
            Fail::new(
                Exit::Data,
                format!(
                    "{} line {} is not a journal entry",
                    args.file.display(),
                    number + 1
                ),
            )
        })?;
        let body = entry["body"].as_str().unwrap_or_default();
        let parsed: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let received = entry["received_at"].as_str().and_then(|t| {
            time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
        });
        let wanted = since.is_none_or(|since| received.is_some_and(|r| r >= since))
            && args.kind.is_none_or(|k| parsed["type"] == k.as_str())
            && args.event.is_none_or(|e| parsed["event"] == e.as_str());
        if !wanted {
            continue;
        }
        let headers: Pairs = entry["headers"]
            .as_object()
            .map(|h| {
                h.iter()
                    .filter(|(k, _)| !super::trigger::hop_by_hop(k))
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let result = sender.post(&url, &headers, body.as_bytes()).await;
        sent += 1;
        if !result.ok() {
            failed += 1;
        }
        output::note(&format!(
            "{}  {}.{}  from line {}",
            result.describe(),
            parsed["type"].as_str().unwrap_or("?"),
            parsed["event"].as_str().unwrap_or("?"),
            number + 1
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
