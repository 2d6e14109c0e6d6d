//! `listen`: a receiver on loopback that checks every delivery against Copper's envelope (and,
//! when given, the expected secret pairs or an HMAC signature), says what it found, one line
//! per delivery, and journals the deliveries so `replay` can send them again: byte for byte,
//! with the echoed secret values and custom header values taken out of the journal (replay
//! is given them back) unless `--journal-secrets` asks to keep them.

use std::collections::{HashSet, VecDeque};
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{json, Value};

use crate::cli::ListenArgs;
use crate::delivery;
use crate::error::{self, Exit};
use crate::output;
use crate::rules::{self, PairKind, Pairs};
use crate::text;

/// The largest body accepted; Copper's carry at most 30 ids and a few secret pairs.
const MAX_BODY: usize = 1 << 20;
/// How many delivery keys are remembered to spot repeats.
const REMEMBERED: usize = 10_000;

struct Receiver {
    path: Option<String>,
    secret: Pairs,
    hmac: Option<(String, Vec<u8>)>,
    journal: Option<Mutex<std::fs::File>>,
    /// Keep secret and header values in the journal as they came.
    journal_secrets: bool,
    json: bool,
    seen: Mutex<(HashSet<String>, VecDeque<String>)>,
    count: AtomicU64,
    max: Option<u64>,
    done: tokio::sync::Notify,
    forward: Option<(url::Url, super::trigger::Sender)>,
    /// Forwards still under way: the receiver stops only when they are done.
    forwarding: tokio::sync::Mutex<tokio::task::JoinSet<()>>,
}

pub async fn run(ctx: &super::Ctx, args: ListenArgs) -> anyhow::Result<Exit> {
    let secret = rules::parse_pairs(PairKind::Secret, &args.secret)?;
    if let Some(path) = &args.path {
        if !path.starts_with('/')
            || path
                .chars()
                .any(|c| text::is_hidden(c) || c.is_whitespace())
        {
            return Err(error::usage("--path must start with / and hold no spaces"));
        }
    }
    let journal = match &args.journal {
        Some(path) => Some(Mutex::new(open_journal(path)?)),
        None => None,
    };
    let forward = match &args.forward_to {
        Some(raw) => {
            let url = super::trigger::receiver_url(raw)?;
            let sender = super::trigger::Sender::new(ctx, &url)?;
            Some((url, sender))
        }
        None => None,
    };
    let receiver = Arc::new(Receiver {
        path: args.path.clone(),
        secret,
        hmac: args
            .hmac_header
            .clone()
            .zip(args.hmac_secret.clone().map(String::into_bytes)),
        journal,
        journal_secrets: args.journal_secrets,
        json: ctx.json(),
        seen: Mutex::new((HashSet::new(), VecDeque::new())),
        count: AtomicU64::new(0),
        max: args.max_deliveries,
        done: tokio::sync::Notify::new(),
        forward,
        forwarding: tokio::sync::Mutex::new(tokio::task::JoinSet::new()),
    });
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}; pick another --port"))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}{}", args.path.as_deref().unwrap_or("/"));
    // The first line is the contract with scripts and tests: where to send.
    if receiver.json {
        output::out(&json!({"listening": url}).to_string())?;
    } else {
        output::out(&format!("copper-hooks listening on {url}"))?;
        ctx.note("Press Ctrl-C to stop.");
    }
    let app = axum::Router::new()
        .fallback(receive)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(receiver.clone());
    let (stopped_by, signal) = super::stop_signal();
    let stop = {
        let receiver = receiver.clone();
        async move {
            tokio::select! {
                () = receiver.done.notified() => {}
                () = signal => {}
            }
        }
    };
    crate::serve::serve(listener, app, stop).await?;
    let mut forwarding = receiver.forwarding.lock().await;
    while forwarding.join_next().await.is_some() {}
    ctx.note(&format!(
        "Stopped ({}) after {} deliveries.",
        stopped_by.said("--max-deliveries reached"),
        receiver.count.load(Ordering::SeqCst)
    ));
    Ok(Exit::Ok)
}

/// The journal holds every delivery (and, with `--journal-secrets`, its secret values): only
/// its owner may read it.
fn open_journal(path: &std::path::Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot open journal {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata()?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(error::refused(format!(
                "journal {} can be read by others (mode {mode:03o}); run `chmod 600 {}` or \
                 name a new file",
                path.display(),
                path.display()
            )));
        }
    }
    Ok(file)
}

async fn receive(
    State(rx): State<Arc<Receiver>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    if rx.path.as_deref().is_some_and(|p| p != uri.path()) {
        return (StatusCode::NOT_FOUND, "not here\n");
    }
    if method != Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            "Copper delivers with POST\n",
        );
    }
    let checked = delivery::check(&body);
    let mut refusals = Vec::new();
    for key in delivery::secret_mismatches(&body, &rx.secret) {
        refusals.push(format!("secret '{key}' does not match"));
    }
    if let Some((header, key)) = &rx.hmac {
        let signature = headers
            .get(header.as_str())
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !delivery::hmac_matches(key, &body, signature) {
            refusals.push(format!(
                "the {} signature does not match",
                text::line(header)
            ));
        }
    }
    let (status, verdict) = if !checked.ok() {
        (StatusCode::BAD_REQUEST, "bad")
    } else if !refusals.is_empty() {
        (StatusCode::UNAUTHORIZED, "refused")
    } else {
        (StatusCode::OK, "ok")
    };
    let repeat = checked.ok() && rx.remember(&checked);
    let mut why: Vec<String> = checked.problems.clone();
    why.extend(refusals);
    // Journal first: whatever happens next, the delivery is kept.
    if let Some(journal) = &rx.journal {
        let line = rx.journal_entry(uri.path(), &headers, &body, status, verdict, &why);
        let mut file = journal.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(err) = writeln!(file, "{line}") {
            output::note(&format!(
                "copper-hooks: warning: this delivery is not in the journal ({err})"
            ));
        }
    }
    rx.print(&checked, status, verdict, &why, repeat, &body);
    if rx.forward.is_some() {
        let headers: Pairs = headers
            .iter()
            .filter(|(k, _)| !super::trigger::hop_by_hop(k.as_str()))
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let rx2 = rx.clone();
        let body = body.clone();
        rx.forwarding.lock().await.spawn(async move {
            if let Some((url, sender)) = &rx2.forward {
                let sent = sender.post(url, &headers, &body).await;
                let line = if rx2.json {
                    json!({"forwarded": {"to": rules::shown_target(url.as_str()), "status": sent.status, "error": sent.error, "ms": sent.ms}}).to_string()
                } else {
                    format!("  forwarded to {}: {}", rules::shown_target(url.as_str()), sent.describe())
                };
                let _ = output::out(&line);
            }
        });
    }
    let n = rx.count.fetch_add(1, Ordering::SeqCst) + 1;
    if rx.max.is_some_and(|max| n >= max) {
        rx.done.notify_one();
    }
    let answer = match status {
        StatusCode::OK => "ok\n",
        StatusCode::UNAUTHORIZED => "secret or signature does not match\n",
        _ => "not a Copper notification\n",
    };
    (status, answer)
}

impl Receiver {
    /// One journal line: the delivery as it came, but for the values of its echoed secret
    /// pairs and custom headers (kept only under `--journal-secrets`), with where they were.
    fn journal_entry(
        &self,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        status: StatusCode,
        verdict: &str,
        why: &[String],
    ) -> Value {
        let mut entry = json!({
            "received_at": delivery::timestamp(crate::delivery::now_ms()),
            "path": path,
        });
        let mut kept = serde_json::Map::new();
        let mut sealed_headers = Vec::new();
        for (name, value) in headers {
            let value = if self.journal_secrets || !sealed_header(name.as_str()) {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            } else {
                sealed_headers.push(name.as_str().to_string());
                "[sealed]".to_string()
            };
            kept.insert(name.as_str().to_string(), Value::String(value));
        }
        entry["headers"] = Value::Object(kept);
        match delivery::seal(body).filter(|_| !self.journal_secrets) {
            Some((sealed, holes)) => {
                entry["body"] = Value::String(sealed);
                if !holes.is_empty() {
                    entry["sealed"] = json!(holes);
                }
            }
            // Not a JSON object (so no pairs to find), or kept whole on request.
            None => entry["body"] = Value::String(String::from_utf8_lossy(body).into_owned()),
        }
        if !sealed_headers.is_empty() {
            entry["sealed_headers"] = json!(sealed_headers);
        }
        entry["status"] = json!(status.as_u16());
        entry["verdict"] = json!(verdict);
        entry["problems"] = json!(why);
        entry
    }

    /// Remembers a delivery's key (subscription, timestamp, ids); true when seen before.
    fn remember(&self, checked: &delivery::Checked) -> bool {
        let key = format!(
            "{:?}|{:?}|{:?}",
            checked.subscription_id, checked.timestamp, checked.ids
        );
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.0.contains(&key) {
            return true;
        }
        seen.0.insert(key.clone());
        seen.1.push_back(key);
        if seen.1.len() > REMEMBERED {
            if let Some(old) = seen.1.pop_front() {
                seen.0.remove(&old);
            }
        }
        false
    }

    fn print(
        &self,
        checked: &delivery::Checked,
        status: StatusCode,
        verdict: &str,
        why: &[String],
        repeat: bool,
        body: &[u8],
    ) {
        let what = format!(
            "{}.{}",
            checked.kind.as_deref().unwrap_or("?"),
            checked.event.as_deref().unwrap_or("?")
        );
        let line = if self.json {
            json!({
                "time": delivery::timestamp(crate::delivery::now_ms()),
                "status": status.as_u16(),
                "verdict": verdict,
                "type": checked.kind,
                "event": checked.event,
                "ids": checked.ids,
                "subscription_id": checked.subscription_id,
                "repeat": repeat,
                "problems": why,
                // Every echoed secret value is masked: only the envelope is shown.
                "body": delivery::redacted(body, &[]),
            })
            .to_string()
        } else {
            let ids = delivery::id_range(&checked.ids);
            let mut line = format!(
                "{}  {}  {}  ids {ids}  sub {}  {verdict}",
                delivery::timestamp(crate::delivery::now_ms()),
                status.as_u16(),
                text::line(&what),
                checked
                    .subscription_id
                    .map_or("-".to_string(), |id| id.to_string()),
            );
            if !why.is_empty() {
                line.push_str(&format!(": {}", why.join("; ")));
            }
            if repeat {
                line.push_str("  (repeat: same subscription, timestamp and ids as before)");
            }
            text::line(&line).into_owned()
        };
        let _ = output::out(&line);
    }
}

/// Whether a header's value is kept out of the journal: every header but those of the
/// transport and the marker of `test`, since a subscription's custom headers often carry
/// tokens (`Authorization`).
pub fn sealed_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let plain = [
        "content-type",
        "user-agent",
        "accept",
        "accept-encoding",
        "expect",
        "te",
    ];
    !(plain.contains(&name.as_str())
        || super::trigger::hop_by_hop(&name)
        || name.eq_ignore_ascii_case(super::test::TEST_HEADER))
}
