//! `listen`: a receiver on loopback that checks every delivery against Copper's envelope (and,
//! when given, the expected secret pairs or an HMAC signature), says what it found, one line
//! per delivery, and journals the deliveries so `replay` can send them again: byte for byte,
//! with the echoed secret values and custom header values taken out of the journal (replay
//! is given them back) unless `--journal-secrets` asks to keep them.
//!
//! It is built to face the internet (behind a tunnel, a stranger can send it anything): a
//! delivery refused is answered and journalled in brief, never forwarded or remembered;
//! what a sender can make it hold is bounded (body size, time per request, connections,
//! forwards in flight, remembered keys, journal size), and a stdout nobody reads never stops
//! it answering.

use std::collections::{HashSet, VecDeque};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use serde_json::{json, Value};

use crate::cli::ListenArgs;
use crate::delivery;
use crate::error::{self, Exit};
use crate::output;
use crate::relay::{journal, Forwarding};
use crate::rules::{self, PairKind, Pairs};
use crate::text;

/// The largest body accepted; Copper's carry at most 30 ids and a few secret pairs.
const MAX_BODY: usize = 1 << 20;
/// How many accepted deliveries' keys are remembered to spot repeats (16 bytes each).
const REMEMBERED: usize = 10_000;
/// How long one request may take from its headers to its answer, body included: a body
/// that stalls or trickles is answered 408 and its connection let go.
const REQUEST_DEADLINE: Duration = Duration::from_secs(10);
/// Where `listen` answers GET with `ok` and nothing else: for a load balancer's or an
/// orchestrator's health check.
pub const HEALTH_PATH: &str = "/_copper-hooks/health";

/// Forwards waiting on the app at once; past it a delivery is answered but not forwarded.
const MAX_FORWARDS: usize = 32;
/// Lines waiting for stdout; past it lines are dropped (and counted) rather than stopping
/// the receiver.
const PRINT_QUEUE: usize = 1024;

/// A repeat's key: a digest of subscription, timestamp, ids, type and event.
type SeenKey = [u8; 16];

/// How often a journal that has seen nothing else gets an `alive` mark, so the time a
/// killed listen stopped is known to within it.
const ALIVE_EVERY: Duration = Duration::from_secs(60);

struct Receiver {
    path: Option<String>,
    secret: Pairs,
    hmac: Option<(String, Vec<u8>)>,
    journal: Option<Arc<journal::Writer>>,
    /// Journal and forward: a delivery is synced into the journal before it is answered,
    /// and answered 503 when it cannot be; the queue forwards it from there.
    relay: bool,
    /// Keep secret and header values in the journal as they came.
    journal_secrets: bool,
    /// Said once: the journal is full.
    full_said: AtomicBool,
    /// Said once: the journal is past 80% of `--journal-max`.
    nearly_full_said: AtomicBool,
    journal_max: u64,
    json: bool,
    seen: Mutex<(HashSet<SeenKey>, VecDeque<SeenKey>)>,
    /// Accepted deliveries.
    count: AtomicU64,
    max: Option<u64>,
    done: tokio::sync::Notify,
    forward: Option<Arc<Forwarding>>,
    /// Forwards tried once (no journal to keep them in) and under way.
    once: Once,
    printer: Arc<output::Printer>,
}

/// Forwards made once, without a journal: at most [`MAX_FORWARDS`] wait on the app at
/// once, and the receiver stops only when they are done.
struct Once {
    slots: Arc<tokio::sync::Semaphore>,
    tasks: tokio::sync::Mutex<tokio::task::JoinSet<()>>,
}

pub async fn run(ctx: &super::Ctx, args: ListenArgs) -> anyhow::Result<Exit> {
    let secret = rules::parse_pairs(PairKind::Secret, &args.secret)?;
    // An empty expectation would pass a body that lacks the pair, or one signed with no key.
    if let Some(key) = secret.iter().find(|(_, v)| v.is_empty()).map(|(k, _)| k) {
        return Err(error::usage(format!(
            "--secret {}= has no value (or COPPER_HOOKS_LISTEN_SECRET holds an empty one): \
             an empty expectation would accept deliveries without the pair; give the value",
            text::line(key)
        )));
    }
    if args
        .hmac
        .hmac_secret
        .as_deref()
        .is_some_and(|s| s.trim().is_empty())
    {
        return Err(error::usage(
            "the HMAC secret is empty (--hmac-secret or COPPER_HOOKS_HMAC_SECRET): a body \
             signed with an empty key would pass; give the signing secret",
        ));
    }
    if let Some(path) = &args.path {
        if !path.starts_with('/')
            || path
                .chars()
                .any(|c| text::is_hidden(c) || c.is_whitespace())
        {
            return Err(error::usage("--path must start with / and hold no spaces"));
        }
    }
    if args.retry_for.is_some() && args.journal.is_none() {
        return Err(error::usage(
            "--retry-for needs --journal FILE: forwards are retried from the journal, so that \
             nothing is lost when listen stops",
        ));
    }
    if args.sign.given_as_flag() && args.forward_to.is_none() {
        return Err(error::usage(
            "--sign-secret signs what listen forwards: give --forward-to URL too",
        ));
    }
    let forward = match &args.forward_to {
        Some(raw) => Some(Arc::new(Forwarding::new(
            crate::notify::receiver_url(raw)?,
            Duration::from_secs(ctx.global.timeout),
            args.sign.sign_secret.as_deref(),
        )?)),
        None => None,
    };
    let relay = forward.is_some() && args.journal.is_some();
    #[cfg(unix)]
    if args.journal.is_some() {
        // A file size limit (ulimit -f) would kill the process at the write past it; caught,
        // the write fails like one to a full disk, and the delivery is answered so.
        use tokio::signal::unix::{signal, SignalKind};
        let _ = signal(SignalKind::from_raw(libc::SIGXFSZ));
    }
    // The journal, read once before anything is accepted: what is pending is forwarded
    // again, and a line cut short by a crash is cut off.
    let mut resume = None;
    let journal = match &args.journal {
        Some(path) => {
            let opened = journal::open(path)?;
            // A relay reads it whole (what is pending, the next number); a listen that
            // relays nothing only needs where its last whole line ends.
            let scan = if relay && opened.len > 0 {
                journal::Scan::read(&opened.file, i64::MAX, &opened.shown)?
            } else {
                journal::Scan {
                    end: journal::whole_end(&opened.file, opened.len)?,
                    ..journal::Scan::default()
                }
            };
            if opened.len > scan.end {
                opened.file.set_len(scan.end)?;
                ctx.note(&format!(
                    "note: the journal's last line was cut short (a crash while it was \
                     written); the {} bytes were removed",
                    opened.len - scan.end
                ));
            }
            let reader = opened.file.try_clone()?;
            let writer = Arc::new(journal::Writer::start(
                opened.file,
                scan.end,
                scan.next_seq,
                args.journal_max,
            ));
            writer.mark(journal::run_mark(journal::Run::Start));
            resume = Some((scan, reader, opened.shown));
            Some(writer)
        }
        None => None,
    };
    let printer = Arc::new(output::Printer::start(PRINT_QUEUE));
    let receiver = Arc::new(Receiver {
        path: args.path.clone(),
        secret,
        hmac: args
            .hmac
            .hmac_header
            .clone()
            .zip(args.hmac.hmac_secret.clone().map(String::into_bytes)),
        journal: journal.clone(),
        relay,
        // A relay's journal is its queue: it keeps deliveries as they came, since after a
        // restart it must forward them as they came.
        journal_secrets: args.journal_secrets || relay,
        full_said: AtomicBool::new(false),
        nearly_full_said: AtomicBool::new(false),
        journal_max: args.journal_max,
        json: ctx.json(),
        seen: Mutex::new((HashSet::new(), VecDeque::new())),
        count: AtomicU64::new(0),
        max: args.max_deliveries,
        done: tokio::sync::Notify::new(),
        forward: forward.clone(),
        once: Once {
            slots: Arc::new(tokio::sync::Semaphore::new(MAX_FORWARDS)),
            tasks: tokio::sync::Mutex::new(tokio::task::JoinSet::new()),
        },
        printer: printer.clone(),
    });
    // Before the first line: a signal sent once it is read is caught.
    let (stopped_by, signal) = super::stop_signal();
    let ip = args
        .bind
        .unwrap_or(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        if !args.allow_remote {
            return Err(error::usage(format!(
                "--bind {ip} is not a loopback address: anyone who can reach it could send \
                 deliveries; pass --allow-remote if Copper (through your proxy or tunnel) must \
                 reach it"
            )));
        }
        ctx.note(&format!(
            "warning: listening on {ip}: anyone who can reach it can send deliveries; {} and \
             keep TLS in a proxy or tunnel in front",
            if args.secret.is_empty() && args.hmac.hmac_header.is_none() {
                "nothing checks them (give --secret or --hmac-header)"
            } else {
                "each is checked before it is accepted"
            }
        ));
    }
    let addr = SocketAddr::from((ip, args.port));
    // A burst of deliveries past --max-connections waits in the backlog, answered in turn.
    let listener = crate::serve::listen(addr, 4096)
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}; pick another --port"))?;
    let addr = listener.local_addr()?;
    if let Some(forward) = &receiver.forward {
        let to_self = forward.url.port_or_known_default() == Some(addr.port())
            && forward.url.host().is_some_and(|h| {
                rules::is_loopback_host(&forward.url) || h.to_string() == "0.0.0.0"
            });
        if to_self {
            return Err(error::usage(format!(
                "--forward-to {} is this listen's own address: every delivery would come back \
                 forever; forward to your app's port",
                rules::shown_target(forward.url.as_str())
            )));
        }
    }
    let url = format!("http://{addr}{}", args.path.as_deref().unwrap_or("/"));
    // The first line is the contract with scripts and tests: where to send.
    if receiver.json {
        output::out(&json!({"listening": url}).to_string())?;
    } else {
        output::out(&format!("copper-hooks listening on {url}"))?;
        ctx.note("Press Ctrl-C to stop.");
    }
    let retry_for = args.retry_for.unwrap_or(DEFAULT_RETRY_FOR);
    // The relay's queue, from the oldest delivery still pending.
    let (stop_queue, queue) = match (&forward, &journal, resume.take()) {
        (Some(forwarding), Some(writer), Some((scan, reader, shown))) if relay => {
            ctx.note(&format!(
                "Relaying to {}: each delivery is kept in the journal (synced) before it is \
                 answered, then forwarded until the app takes it (retried for up to {}). The \
                 journal keeps deliveries whole, secret values included: it is readable by \
                 you alone.",
                rules::shown_target(forwarding.url.as_str()),
                humantime::format_duration(retry_for)
            ));
            if scan.pending > 0 {
                ctx.note(&format!(
                    "Resuming {} pending forward(s) from the journal (the oldest received {}).",
                    scan.pending,
                    scan.oldest_pending_ms
                        .map_or("at an unknown time".into(), delivery::timestamp)
                ));
            }
            if scan.dead > 0 {
                ctx.note(&format!(
                    "{} dead-lettered deliveries are in the journal: `copper-hooks replay --dead \
                     {} --to URL` sends them again.",
                    scan.dead,
                    text::shell_word(&shown)
                ));
            }
            let queue = crate::relay::queue::Queue {
                forwarding: forwarding.clone(),
                writer: writer.clone(),
                file: reader,
                settings: crate::relay::queue::Settings {
                    retry_for,
                    backoff: Duration::from_millis(super::backoff_ms_or(1000)),
                    json: receiver.json,
                    journal_shown: shown,
                },
                say: {
                    let printer = printer.clone();
                    Arc::new(move |line| printer.line(line))
                },
            };
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let from = scan.first_pending_offset.unwrap_or(scan.end);
            (
                Some(stop),
                Some(tokio::spawn(queue.run(from, scan.done, stopped))),
            )
        }
        _ => {
            if forward.is_some() {
                ctx.note(
                    "note: without --journal, each forward is tried once and kept nowhere: an \
                     event your app misses then is lost; give --journal FILE to keep and retry \
                     them",
                );
            }
            (None, None)
        }
    };
    let alive = journal.clone().map(|writer| {
        tokio::spawn(async move {
            let mut last = writer.committed();
            loop {
                tokio::time::sleep(ALIVE_EVERY).await;
                let now = writer.committed();
                if now == last {
                    writer.mark(journal::run_mark(journal::Run::Alive));
                }
                last = writer.committed();
            }
        })
    });
    let app = axum::Router::new()
        .fallback(receive)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(within_deadline))
        .with_state(receiver.clone());
    let limits = crate::serve::Limits {
        max_connections: Some(args.max_connections as usize),
        on_full: Some(Arc::new(|max| {
            output::note(&format!(
                "copper-hooks: warning: {max} connections are open, the most --max-connections \
                 allows; new ones wait, unaccepted, until some end (a burst, a flood, or a slow \
                 sender)"
            ))
        })),
    };
    let stop = {
        let receiver = receiver.clone();
        async move {
            tokio::select! {
                () = receiver.done.notified() => {}
                () = signal => {}
            }
        }
    };
    crate::serve::serve_limited(listener, app, stop, limits).await?;
    {
        let mut tasks = receiver.once.tasks.lock().await;
        while tasks.join_next().await.is_some() {}
    }
    // No new deliveries now: forwards under way finish, what is due is tried once more, the
    // rest stays pending in the journal for the next start.
    let mut left = None;
    if let (Some(stop), Some(queue)) = (stop_queue, queue) {
        let _ = stop.send(true);
        left = queue.await.ok();
    }
    if let Some(alive) = alive {
        alive.abort();
    }
    if let Some(writer) = &journal {
        let _ = writer
            .append(journal::run_mark(journal::Run::Stop), journal::Kind::Mark)
            .await;
    }
    printer.finish();
    let mut said = format!(
        "Stopped ({}) after {} accepted deliveries",
        stopped_by.said("--max-deliveries reached"),
        receiver.count.load(Ordering::SeqCst)
    );
    if let Some(counts) = left {
        said.push_str(&format!(
            "; {} forwarded, {} dead-lettered, {} still pending in the journal{}",
            counts.forwarded,
            counts.dead,
            counts.pending,
            if counts.pending > 0 {
                " (forwarded when listen starts again, or by `replay --pending`)"
            } else {
                ""
            }
        ));
    }
    ctx.note(&format!("{said}."));
    Ok(Exit::Ok)
}

/// How long a relayed delivery is tried, unless `--retry-for` says: a day, so an app that is
/// down for a night still gets everything.
pub const DEFAULT_RETRY_FOR: Duration = Duration::from_secs(24 * 3600);

/// Answers 408 to a request not done within [`REQUEST_DEADLINE`], its body included.
async fn within_deadline(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::time::timeout(REQUEST_DEADLINE, next.run(request)).await {
        Ok(response) => response,
        Err(_) => (
            StatusCode::REQUEST_TIMEOUT,
            "the request took too long to arrive\n",
        )
            .into_response(),
    }
}

async fn receive(
    State(rx): State<Arc<Receiver>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    // A health answer for a load balancer or an orchestrator: that it runs, nothing more (no
    // counts, no configuration); never a delivery, never journalled.
    if uri.path() == HEALTH_PATH && method == Method::GET {
        return (StatusCode::OK, "ok\n");
    }
    if rx.path.as_deref().is_some_and(|p| p != uri.path()) {
        return (StatusCode::NOT_FOUND, "not here\n");
    }
    if method != Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            "Copper delivers with POST\n",
        );
    }
    if headers
        .get(crate::notify::FORWARDED_MARK)
        .zip(rx.forward.as_ref())
        .is_some_and(|(mark, forward)| mark.as_bytes() == forward.mark.as_bytes())
    {
        return (
            StatusCode::LOOP_DETECTED,
            "this delivery was forwarded by a listen: it is not passed on again\n",
        );
    }
    let checked = delivery::check(&body);
    let mut refusals = Vec::new();
    for (key, why) in delivery::secret_mismatches(&body, &rx.secret) {
        refusals.push(format!("secret '{key}' {why}"));
    }
    if let Some((header, key)) = &rx.hmac {
        let signature = headers
            .get(header.as_str())
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if signature.is_empty() {
            refusals.push(format!("the {} signature is missing", text::line(header)));
        } else if !delivery::hmac_matches(key, &body, signature) {
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
    let accepted = status == StatusCode::OK;
    // Only what was accepted is remembered, counted or passed on: a stranger's requests
    // cost a line and a brief journal entry, nothing more.
    let repeat = accepted && rx.remember(&checked);
    let mut why: Vec<String> = checked.problems.clone();
    why.extend(refusals);
    // Journal first: whatever happens next, the delivery is kept. A relay answers 200 only
    // for what is kept (synced): what it could not keep, it does not acknowledge.
    if let Some(journal) = &rx.journal {
        let (entry, kind) = if accepted {
            let mut entry = journal::delivery_entry(
                rx.journal_secrets,
                uri.path(),
                &headers,
                &body,
                status,
                verdict,
                &why,
            );
            if rx.relay {
                let synthetic = headers.contains_key(crate::relay::SYNTHETIC_HEADER);
                entry["id"] = json!(crate::relay::relay_id(&body, synthetic));
                (entry, journal::Kind::Relayed)
            } else {
                (entry, journal::Kind::Kept)
            }
        } else {
            (
                journal::brief_entry(uri.path(), &body, status, verdict, &why),
                journal::Kind::Kept,
            )
        };
        let appended = journal.append(entry, kind).await;
        if appended.is_ok()
            && rx.relay
            && journal.committed() >= rx.journal_max / 10 * 8
            && !rx.nearly_full_said.swap(true, Ordering::SeqCst)
        {
            output::note(
                "copper-hooks: warning: the journal is past 80% of --journal-max; when it is \
                 full, deliveries are answered 503 and lost to Copper: stop listen, run \
                 `copper-hooks journal FILE --compact` (pending deliveries are kept), and start \
                 it again, or raise --journal-max",
            );
        }
        if let Err(err) = appended {
            if kind == journal::Kind::Relayed {
                let why = format!(
                    "{err}; the sender was answered 503 (Copper will not send it again: free \
                     the disk or raise --journal-max, then reconcile the time it was refused)"
                );
                let line = if rx.json {
                    text::json_safe(
                        &json!({
                            "time": delivery::timestamp(crate::delivery::now_ms()),
                            "status": 503,
                            "verdict": "not kept",
                            "problems": [why],
                        })
                        .to_string(),
                    )
                    .into_owned()
                } else {
                    text::line(&format!(
                        "{}  503  not accepted: {why}",
                        delivery::timestamp(crate::delivery::now_ms())
                    ))
                    .into_owned()
                };
                rx.printer.line(line);
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the delivery could not be kept, so it is not accepted\n",
                );
            }
            match err {
                journal::WriteError::Full => {
                    if !rx.full_said.swap(true, Ordering::SeqCst) {
                        output::note(
                            "copper-hooks: warning: the journal reached --journal-max; \
                             deliveries from now on are answered and printed but not \
                             journalled: move the journal aside and restart listen",
                        );
                    }
                }
                journal::WriteError::Io(_) => output::note(&format!(
                    "copper-hooks: warning: this delivery is not in the journal ({err})"
                )),
            }
        }
    }
    rx.print(&checked, status, verdict, &why, repeat, &body);
    if !accepted {
        return (
            status,
            if status == StatusCode::UNAUTHORIZED {
                "secret or signature does not match\n"
            } else {
                "not a Copper notification\n"
            },
        );
    }
    // A relay's queue forwards it from the journal; without one, it is tried once now.
    if let (Some(forward), false) = (&rx.forward, rx.relay) {
        rx.pass_on(forward, &headers, &body).await;
    }
    let n = rx.count.fetch_add(1, Ordering::SeqCst) + 1;
    if rx.max.is_some_and(|max| n >= max) {
        rx.done.notify_one();
    }
    (status, "ok\n")
}

impl Receiver {
    /// Passes an accepted delivery on, once, dressed as every forward is (see
    /// [`Forwarding::dress`]); at most [`MAX_FORWARDS`] wait on the app at once, each for
    /// `--timeout` at most.
    async fn pass_on(
        self: &Arc<Self>,
        forward: &Arc<Forwarding>,
        headers: &HeaderMap,
        body: &Bytes,
    ) {
        let to = rules::shown_target(forward.url.as_str());
        let Ok(slot) = self.once.slots.clone().try_acquire_owned() else {
            self.printer.line(format!(
                "  not forwarded: {MAX_FORWARDS} forwards are already waiting on {to}"
            ));
            return;
        };
        let came_with = headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)));
        let id = crate::delivery::delivery_id(body);
        let out = match forward.dress(came_with, &id, body) {
            Ok(out) => out,
            Err(why) => {
                self.printer.line(format!("  not forwarded: {why}"));
                return;
            }
        };
        let (rx, forward, body) = (self.clone(), forward.clone(), body.clone());
        let mut tasks = self.once.tasks.lock().await;
        // Finished forwards are let go as new ones start.
        while tasks.try_join_next().is_some() {}
        tasks.spawn(async move {
            let sent = forward
                .sender
                .post_as(&forward.url, &out.headers, &body, &out.content_type)
                .await;
            drop(slot);
            let line = if rx.json {
                text::json_safe(
                    &json!({"forwarded": {"to": to, "status": sent.status, "error": sent.error, "ms": sent.ms}})
                        .to_string(),
                )
                .into_owned()
            } else {
                text::line(&format!("  forwarded to {to}: {}", sent.describe())).into_owned()
            };
            rx.printer.line(line);
        });
    }

    /// Remembers an accepted delivery's key (a 16-byte digest of subscription, timestamp,
    /// ids, type and event: bounded whatever the sender put in them); true when seen before.
    fn remember(&self, checked: &delivery::Checked) -> bool {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(
            format!(
                "{:?}|{:?}|{:?}|{:?}|{:?}",
                checked.subscription_id,
                checked.timestamp,
                checked.ids,
                checked.kind,
                checked.event
            )
            .as_bytes(),
        );
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.0.contains(&key) {
            return true;
        }
        seen.0.insert(key);
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
        let short = |v: &Option<String>| v.as_deref().map(|v| text::short(v, 40));
        let line = if self.json {
            let entry = json!({
                "time": delivery::timestamp(crate::delivery::now_ms()),
                "status": status.as_u16(),
                "verdict": verdict,
                "type": short(&checked.kind),
                "event": short(&checked.event),
                "ids": checked.ids,
                "subscription_id": checked.subscription_id,
                "repeat": repeat,
                "problems": why,
                // Every echoed secret value is masked: only the envelope is shown; a refused
                // request's body is not shown at all.
                "body": if status == StatusCode::OK { delivery::redacted(body, &[]) } else { Value::Null },
            });
            text::json_safe(&entry.to_string()).into_owned()
        } else {
            let what = format!(
                "{}.{}",
                short(&checked.kind).unwrap_or_else(|| "?".into()),
                short(&checked.event).unwrap_or_else(|| "?".into())
            );
            let ids = delivery::id_range(&checked.ids);
            let mut line = format!(
                "{}  {}  {what}  ids {ids}  sub {}  {verdict}",
                delivery::timestamp(crate::delivery::now_ms()),
                status.as_u16(),
                checked
                    .subscription_id
                    .map_or("-".to_string(), |id| id.to_string()),
            );
            if !why.is_empty() {
                line.push_str(&format!(": {}", why.join("; ")));
            }
            if repeat {
                line.push_str(
                    "  (repeat: same subscription, type, event, timestamp and ids as before)",
                );
            }
            text::line(&line).into_owned()
        };
        self.printer.line(line);
    }
}
