//! `replay FILE --to URL`: the deliveries a `listen --journal` kept, sent again byte for byte
//! with the headers they came with: the retry Copper never makes.
//!
//! The journal is read twice and never held whole: a first pass checks every chosen entry
//! (so a journal that cannot be replayed whole sends nothing, and every missing value is
//! asked for at once), a second sends them one at a time. Only deliveries `listen` accepted
//! are sent, unless `--include-refused`, and a secret is never filled into a request that
//! was refused: a forgery must not come back authenticated.

use serde_json::Value;

use crate::cli::ReplayArgs;
use crate::delivery;
use crate::error::{self, Exit, Fail};
use crate::output;
use crate::rules::Pairs;

/// `--since`, in milliseconds since the epoch.
type Since = Option<i64>;

/// What the user gave back, and the signature header replay computes itself.
struct Given<'a> {
    secret: &'a Pairs,
    headers: &'a Pairs,
    hmac: Option<&'a str>,
}

/// What one journal entry comes to.
enum Planned {
    /// Not chosen by --since, --type or --event.
    Filtered,
    /// Refused by listen, and not replayed.
    Skipped,
    /// Values the user must give back first.
    Missing {
        secrets: Vec<String>,
        headers: Vec<String>,
    },
    Ready {
        body: String,
        headers: Pairs,
        what: String,
        inexact: usize,
    },
}

pub async fn run(ctx: &super::Ctx, args: ReplayArgs) -> anyhow::Result<Exit> {
    let url = crate::notify::receiver_url(&args.to)?;
    if args.dead || args.pending {
        return relayed(ctx, &args, url).await;
    }
    if args.sign.given_as_flag() {
        return Err(error::usage(
            "--sign-secret signs what a relay forwards: use it with --dead or --pending (a \
             plain replay sends deliveries as Copper sent them)",
        ));
    }
    let since = since_ms(&args)?;
    let secret = crate::rules::parse_pairs(crate::rules::PairKind::Secret, &args.secret)?;
    let given_headers: Pairs =
        crate::rules::parse_pairs(crate::rules::PairKind::Header, &args.header)?
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
    let hmac = args
        .hmac
        .hmac_header
        .as_deref()
        .map(str::to_ascii_lowercase)
        .zip(args.hmac.hmac_secret.clone());
    if hmac.as_ref().is_some_and(|(_, key)| key.trim().is_empty()) {
        return Err(error::usage(
            "the HMAC secret is empty (--hmac-secret or COPPER_HOOKS_HMAC_SECRET); give the \
             signing secret",
        ));
    }
    let given = Given {
        secret: &secret,
        headers: &given_headers,
        hmac: hmac.as_ref().map(|(name, _)| name.as_str()),
    };

    let mut missing_secrets = std::collections::BTreeSet::new();
    let mut missing_headers = std::collections::BTreeSet::new();
    let (mut inexact, mut skipped) = (0usize, 0usize);
    for item in Entries::open(&args.file)? {
        let (number, entry) = item?;
        match plan(&args, since, number, &entry, &given)? {
            Planned::Filtered => {}
            Planned::Skipped => skipped += 1,
            Planned::Missing { secrets, headers } => {
                missing_secrets.extend(secrets);
                missing_headers.extend(headers);
            }
            Planned::Ready { inexact: n, .. } => inexact += n,
        }
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
    if skipped > 0 {
        output::note(&format!(
            "{skipped} refused request(s) in the journal are not replayed: what listen \
             refused is never sent on{}",
            if args.include_refused {
                " (those kept in brief have no body to send)"
            } else {
                " (--include-refused sends those that kept their body, with no secret filled in)"
            }
        ));
    }
    if inexact > 0 {
        output::note(&format!(
            "note: {inexact} secret value(s) were not JSON strings; they go back as strings, so \
             those bodies are not byte for byte what came"
        ));
    }
    let sender =
        crate::notify::Sender::new(std::time::Duration::from_secs(ctx.global.timeout), &url)?;
    let (mut sent, mut failed) = (0usize, 0usize);
    for item in Entries::open(&args.file)? {
        let (number, entry) = item?;
        let Planned::Ready {
            body,
            mut headers,
            what,
            ..
        } = plan(&args, since, number, &entry, &given)?
        else {
            continue;
        };
        if let Some((name, key)) = &hmac {
            // Each body gets a signature of its own: a journalled one signed its own body.
            headers.insert(
                name.clone(),
                delivery::hmac_hex(key.as_bytes(), body.as_bytes()),
            );
        }
        let result = sender.post(&url, &headers, body.as_bytes()).await;
        sent += 1;
        if !result.ok() {
            failed += 1;
        }
        // Quiet keeps the failures and the summary, as `trigger -q` does.
        if !result.ok() || !ctx.global.quiet {
            output::note(&format!(
                "{}  {what}  from line {number}",
                result.describe()
            ));
        }
    }
    output::note(&format!("{sent} replayed, {failed} not answered 2xx."));
    ended(sent, failed)
}

/// A replay's exit: an error when any delivery was not answered 2xx.
fn ended(sent: usize, failed: usize) -> anyhow::Result<Exit> {
    if failed > 0 {
        return Err(Fail::new(
            Exit::Error,
            format!("{failed} of {sent} replayed deliveries were not answered 2xx"),
        )
        .into());
    }
    Ok(Exit::Ok)
}

/// `--since` as milliseconds, read as the journal's times are.
fn since_ms(args: &ReplayArgs) -> anyhow::Result<Since> {
    args.since
        .as_deref()
        .map(|s| {
            crate::relay::journal::parse_ms(s).ok_or_else(|| {
                error::usage(format!(
                    "--since '{}' is not an RFC 3339 time",
                    crate::text::line(s)
                ))
            })
        })
        .transpose()
}

/// `replay --dead/--pending`: what a relay dead-lettered (or has not forwarded yet), sent
/// as the relay sends (the same webhook-id, signed afresh when asked), in the order it
/// arrived; each the app takes is marked forwarded in the journal, so a second replay
/// sends nothing. The journal is locked meanwhile: a running listen's queue and a replay
/// never send the same delivery side by side.
async fn relayed(ctx: &super::Ctx, args: &ReplayArgs, url: url::Url) -> anyhow::Result<Exit> {
    use crate::relay::journal;
    let since = since_ms(args)?;
    let opened = journal::open(&args.file)?;
    if opened.len == 0 {
        return Err(Fail::new(
            Exit::Data,
            format!("{} is empty: nothing was relayed into it", opened.shown),
        )
        .into());
    }
    let scan = journal::Scan::read(&opened.file, i64::MAX, &opened.shown)?;
    if scan.relayed == 0 {
        return Err(Fail::new(
            Exit::Data,
            format!(
                "{} holds no relayed deliveries (it was written by a listen without \
                 --forward-to); replay it without --dead/--pending",
                opened.shown
            ),
        )
        .into());
    }
    let forwarding = crate::relay::Forwarding::new(
        url,
        std::time::Duration::from_secs(ctx.global.timeout),
        args.sign.sign_secret.as_deref(),
    )?;
    let reader = opened.file.try_clone()?;
    let writer = journal::Writer::start(opened.file, scan.end, scan.next_seq, u64::MAX);
    let mut lines = journal::Lines::new(&reader, 0);
    let (mut sent, mut failed, mut number) = (0usize, 0usize, 0usize);
    while let Some(line) = lines.next_line(scan.end) {
        number += 1;
        let (_, bytes) = line?;
        let entry: Value = match serde_json::from_slice(bytes) {
            Ok(entry) => entry,
            Err(_) => continue,
        };
        let Some(seq) = entry["seq"].as_u64() else {
            continue;
        };
        if entry["verdict"] != "ok" || entry.get("state").is_some() {
            continue;
        }
        let chosen = if args.dead {
            scan.dead_bits.get(seq)
        } else {
            !scan.done.get(seq)
        };
        let received = entry["received_at"].as_str().and_then(journal::parse_ms);
        let body: Value = entry["body"]
            .as_str()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(Value::Null);
        let filtered = since.is_some_and(|since| received.is_none_or(|r| r < since))
            || args.kind.is_some_and(|k| body["type"] != k.as_str())
            || args.event.is_some_and(|e| body["event"] != e.as_str());
        if !chosen || filtered {
            continue;
        }
        let result = forwarding.send_entry(&entry).await;
        sent += 1;
        let what = format!(
            "{}.{}",
            crate::text::short(body["type"].as_str().unwrap_or("?"), 40),
            crate::text::short(body["event"].as_str().unwrap_or("?"), 40)
        );
        if result.ok() {
            let mark = journal::state_mark(
                seq,
                false,
                serde_json::json!({"status": result.status, "by": "replay"}),
            );
            writer
                .append(mark, journal::Kind::State)
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "{e}: the app took line {number}, but the journal does not say so"
                    )
                })?;
        } else {
            failed += 1;
        }
        if !result.ok() || !ctx.global.quiet {
            output::note(&format!(
                "{}  {what}  from line {number}",
                result.describe()
            ));
        }
    }
    let which = if args.dead {
        "dead-lettered"
    } else {
        "pending"
    };
    output::note(&format!(
        "{sent} {which} replayed, {failed} not answered 2xx{}.",
        if failed > 0 {
            " (they stay as they were in the journal)"
        } else {
            ""
        }
    ));
    ended(sent, failed)
}

/// A journal line that stops the replay before anything is sent.
fn bad_line(path: &std::path::Path, number: usize, why: &str) -> anyhow::Error {
    Fail::new(
        Exit::Data,
        format!(
            "{} line {number} {why}; nothing was sent",
            crate::text::line(&path.display().to_string())
        ),
    )
    .into()
}

/// The journal's entries, one line at a time: (line number, entry).
struct Entries {
    lines: crate::relay::journal::Lines<std::fs::File>,
    limit: u64,
    path: std::path::PathBuf,
    number: usize,
}

impl Entries {
    fn open(path: &std::path::Path) -> anyhow::Result<Entries> {
        let file = crate::relay::journal::open_to_read(path)
            .map_err(|e| Fail::new(error::exit_for(&e), format!("{e}; nothing was sent")))?;
        let limit = file.metadata()?.len();
        Ok(Entries {
            lines: crate::relay::journal::Lines::new(file, 0),
            limit,
            path: path.to_path_buf(),
            number: 0,
        })
    }

    fn bad(&self, why: &str) -> anyhow::Error {
        bad_line(&self.path, self.number, why)
    }
}

impl Iterator for Entries {
    type Item = anyhow::Result<(usize, Value)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.number += 1;
            let parsed = match self.lines.next_line(self.limit)? {
                Err(e) => Err(e.to_string()),
                Ok((_, line)) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok((_, line)) => Ok(serde_json::from_slice::<Value>(line)),
            };
            return Some(match parsed {
                Err(e) => Err(self.bad(&format!("cannot be read ({e})"))),
                Ok(Ok(entry)) if entry.is_object() => Ok((self.number, entry)),
                Ok(_) => Err(self.bad("is not a journal entry")),
            });
        }
    }
}

/// What replaying one entry takes: its body with the secret values put back, and the
/// headers it is sent with. Checks everything a send could trip on, so a bad entry stops
/// the replay before anything is sent.
fn plan(
    args: &ReplayArgs,
    since: Since,
    number: usize,
    entry: &Value,
    given: &Given,
) -> anyhow::Result<Planned> {
    let bad = |why: &str| bad_line(&args.file, number, why);
    // A relay's marks (what became of a forward, when listen ran) are no deliveries.
    if entry.get("state").is_some() || entry.get("run").is_some() {
        return Ok(Planned::Filtered);
    }
    // Another tool's JSON lines are not a journal: replaying them would say "0 replayed"
    // and succeed, while nothing that was meant to arrive did.
    if !entry["verdict"].is_string() || !entry["received_at"].is_string() {
        return Err(bad(
            "is not an entry of a journal `listen` wrote (it has no verdict or received_at)",
        ));
    }
    let received = entry["received_at"]
        .as_str()
        .and_then(crate::relay::journal::parse_ms);
    if since.is_some_and(|since| received.is_none_or(|r| r < since)) {
        return Ok(Planned::Filtered);
    }
    let accepted = entry["verdict"] == "ok";
    let Some(kept) = entry["body"].as_str() else {
        // Kept in brief: a refused request, with nothing to send.
        return if accepted {
            Err(bad("is not a journal entry"))
        } else {
            Ok(Planned::Skipped)
        };
    };
    if !accepted && !args.include_refused {
        return Ok(Planned::Skipped);
    }
    let parsed: Value = serde_json::from_str(kept).unwrap_or(Value::Null);
    let chosen = args.kind.is_none_or(|k| parsed["type"] == k.as_str())
        && args.event.is_none_or(|e| parsed["event"] == e.as_str());
    if !chosen {
        return Ok(Planned::Filtered);
    }
    let holes: Vec<delivery::Hole> = match entry.get("sealed") {
        Some(holes) => {
            serde_json::from_value(holes.clone()).map_err(|_| bad("is not a journal entry"))?
        }
        None => Vec::new(),
    };
    if !accepted && !holes.is_empty() {
        // A refused request gets no secret filled in: it would go out authenticated.
        return Ok(Planned::Skipped);
    }
    let inexact = holes.iter().filter(|h| !h.exact).count();
    let mut secrets_missing = Vec::new();
    let body = match delivery::unseal(kept, &holes, given.secret) {
        Ok(body) => body,
        Err(keys) if keys.iter().all(|k| !given.secret.contains_key(k)) => {
            secrets_missing = keys;
            String::new()
        }
        // Every value was at hand: a hole points where no value was taken out.
        Err(_) => return Err(bad("is not a journal entry (a sealed place is not sealed)")),
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
    let mut headers_missing = Vec::new();
    for (name, value) in entry["headers"].as_object().into_iter().flatten() {
        let name = name.to_ascii_lowercase();
        // The transport's, the proxies' and tunnels', and a signature replay computes
        // itself: never sent again.
        if crate::notify::hop_by_hop(&name) || given.hmac == Some(name.as_str()) {
            continue;
        }
        let value = if sealed_headers.contains(&name) {
            match given.headers.get(&name) {
                Some(value) => value.clone(),
                None => {
                    headers_missing.push(name);
                    continue;
                }
            }
        } else {
            value.as_str().unwrap_or_default().to_string()
        };
        if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err()
            || reqwest::header::HeaderValue::from_str(&value).is_err()
        {
            return Err(bad(&format!(
                "has a header ({}) that no HTTP request can carry (a line break or control \
                 character)",
                crate::text::short(&name, 40)
            )));
        }
        headers.insert(name, value);
    }
    if !secrets_missing.is_empty() || !headers_missing.is_empty() {
        return Ok(Planned::Missing {
            secrets: secrets_missing,
            headers: headers_missing,
        });
    }
    let what = format!(
        "{}.{}",
        crate::text::short(parsed["type"].as_str().unwrap_or("?"), 40),
        crate::text::short(parsed["event"].as_str().unwrap_or("?"), 40)
    );
    Ok(Planned::Ready {
        body,
        headers,
        what,
        inexact,
    })
}
