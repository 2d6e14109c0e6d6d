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
use std::io::Write;
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

struct Receiver {
    path: Option<String>,
    secret: Pairs,
    hmac: Option<(String, Vec<u8>)>,
    journal: Option<Journal>,
    /// Keep secret and header values in the journal as they came.
    journal_secrets: bool,
    json: bool,
    seen: Mutex<(HashSet<SeenKey>, VecDeque<SeenKey>)>,
    /// Accepted deliveries.
    count: AtomicU64,
    max: Option<u64>,
    done: tokio::sync::Notify,
    forward: Option<Forward>,
    printer: Printer,
    /// This process's mark on what it forwards: a delivery that comes back with it has
    /// looped (through another address or a proxy) and is refused. Another listen's mark
    /// is no loop: forwarding from one listen to another is fine.
    mark: String,
}

/// Where accepted deliveries are passed on, and the forwards under way.
struct Forward {
    url: url::Url,
    sender: crate::notify::Sender,
    /// Signs each forward in the Standard Webhooks form (`--sign-secret`).
    signer: Option<standardwebhooks::Webhook>,
    slots: Arc<tokio::sync::Semaphore>,
    /// Forwards still under way (finished ones are reaped as new ones start): the receiver
    /// stops only when they are done.
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
    let journal = match &args.journal {
        Some(path) => Some(Journal::open(path, args.journal_max)?),
        None => None,
    };
    let forward = match &args.forward_to {
        Some(raw) => {
            let url = crate::notify::receiver_url(raw)?;
            let sender = crate::notify::Sender::new(
                std::time::Duration::from_secs(ctx.global.timeout),
                &url,
            )?;
            let signer = match args.sign_secret.as_deref() {
                None => None,
                Some(secret) => Some(signing_key(secret)?),
            };
            Some(Forward {
                url,
                sender,
                signer,
                slots: Arc::new(tokio::sync::Semaphore::new(MAX_FORWARDS)),
                tasks: tokio::sync::Mutex::new(tokio::task::JoinSet::new()),
            })
        }
        None => None,
    };
    let receiver = Arc::new(Receiver {
        path: args.path.clone(),
        secret,
        hmac: args
            .hmac
            .hmac_header
            .clone()
            .zip(args.hmac.hmac_secret.clone().map(String::into_bytes)),
        journal,
        journal_secrets: args.journal_secrets,
        json: ctx.json(),
        seen: Mutex::new((HashSet::new(), VecDeque::new())),
        count: AtomicU64::new(0),
        max: args.max_deliveries,
        done: tokio::sync::Notify::new(),
        forward,
        printer: Printer::start(),
        mark: format!("{:016x}", fastrand::u64(..)),
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
    if let Some(forward) = &receiver.forward {
        let mut tasks = forward.tasks.lock().await;
        while tasks.join_next().await.is_some() {}
    }
    receiver.printer.finish();
    ctx.note(&format!(
        "Stopped ({}) after {} accepted deliveries.",
        stopped_by.said("--max-deliveries reached"),
        receiver.count.load(Ordering::SeqCst)
    ));
    Ok(Exit::Ok)
}

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

/// Lines for stdout, written by a thread of their own: when nobody reads stdout (`listen |
/// less` left alone), the queue fills and further lines are dropped and counted, while
/// deliveries go on being answered and journalled. Copper never sends one again.
struct Printer {
    queue: std::sync::mpsc::SyncSender<String>,
    /// Dropped since the last line written (said in the output), and in all.
    dropped: Arc<AtomicU64>,
    dropped_in_all: AtomicU64,
    /// Lines queued and not yet written.
    pending: Arc<AtomicU64>,
}

impl Printer {
    fn start() -> Printer {
        let (queue, lines) = std::sync::mpsc::sync_channel::<String>(PRINT_QUEUE);
        let dropped = Arc::new(AtomicU64::new(0));
        let pending = Arc::new(AtomicU64::new(0));
        let (missed, left) = (dropped.clone(), pending.clone());
        std::thread::spawn(move || {
            for line in lines {
                let lost = missed.swap(0, Ordering::SeqCst);
                if lost > 0 {
                    let _ = output::out(&format!(
                        "({lost} lines not shown: stdout was not being read; the deliveries \
                         were answered and journalled)"
                    ));
                }
                let _ = output::out(&line);
                left.fetch_sub(1, Ordering::SeqCst);
            }
        });
        Printer {
            queue,
            dropped,
            dropped_in_all: AtomicU64::new(0),
            pending,
        }
    }

    fn line(&self, line: String) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        if self.queue.try_send(line).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            self.dropped.fetch_add(1, Ordering::SeqCst);
            self.dropped_in_all.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Lets the queue drain, for two seconds at most: a stdout that is never read again
    /// must not keep the process from ending.
    fn finish(&self) {
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        while self.pending.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let lost = self.dropped_in_all.load(Ordering::SeqCst);
        if lost > 0 {
            output::note(&format!(
                "{lost} lines were not shown: stdout was not being read"
            ));
        }
    }
}

/// The journal: one JSON line per request, written with one `write` each (so lines never
/// tear), the file locked against a second `listen`, and at most `max` bytes. It holds every
/// accepted delivery in full (and, with `--journal-secrets`, its secret values), so only its
/// owner may read it; a refused request is kept in brief.
struct Journal {
    file: Mutex<std::fs::File>,
    size: AtomicU64,
    max: u64,
    full: AtomicBool,
}

impl Journal {
    fn open(path: &std::path::Path, max: u64) -> anyhow::Result<Journal> {
        let shown = text::line(&path.display().to_string()).into_owned();
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true).read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Never through a symlink (it could point at a credentials file), and never
            // waiting on a FIFO that no one writes.
            options
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let file = options.open(path).map_err(|e| {
            #[cfg(unix)]
            let through_a_link = e.raw_os_error() == Some(libc::ELOOP);
            #[cfg(not(unix))]
            let through_a_link = false;
            if through_a_link {
                error::usage(format!(
                    "journal {shown} is a symbolic link; name the journal file itself"
                ))
            } else {
                anyhow::anyhow!("cannot open journal {shown}: {e}")
            }
        })?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(error::usage(format!(
                "journal {shown} is not a regular file (a device, FIFO or folder); name a file \
                 of its own for the journal"
            )));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(error::refused(format!(
                    "journal {shown} can be read by others (mode {mode:03o}); run `chmod 600 \
                     {shown}` or name a new file"
                )));
            }
        }
        if meta.len() > 0 && !looks_like_a_journal(&file) {
            return Err(error::usage(format!(
                "{shown} is not a copper-hooks journal (its first line is not an entry); name \
                 a new file, so nothing else is written into"
            )));
        }
        if file.try_lock().is_err() {
            return Err(error::usage(format!(
                "journal {shown} is being written by another listen; give each its own file"
            )));
        }
        Ok(Journal {
            size: AtomicU64::new(meta.len()),
            file: Mutex::new(file),
            max,
            full: AtomicBool::new(false),
        })
    }

    /// Appends one entry. Past `max` nothing more is written, and that is said once: the
    /// deliveries are still answered and printed.
    fn append(&self, entry: &Value) {
        let mut line = entry.to_string();
        line.push('\n');
        let len = line.len() as u64;
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        if self.size.load(Ordering::SeqCst) + len > self.max {
            if !self.full.swap(true, Ordering::SeqCst) {
                output::note(&format!(
                    "copper-hooks: warning: the journal reached --journal-max ({} KiB); \
                     deliveries from now on are answered and printed but not journalled: \
                     move the journal aside and restart listen",
                    self.max >> 10
                ));
            }
            return;
        }
        match file.write_all(line.as_bytes()) {
            Ok(()) => {
                self.size.fetch_add(len, Ordering::SeqCst);
            }
            Err(err) => output::note(&format!(
                "copper-hooks: warning: this delivery is not in the journal ({err})"
            )),
        }
    }
}

/// Whether a file's first line is a journal entry, as `listen` writes them.
fn looks_like_a_journal(file: &std::fs::File) -> bool {
    use std::io::{BufRead, Read};
    let mut first = String::new();
    let read = std::io::BufReader::new(file)
        .take(MAX_BODY as u64 * 8)
        .read_line(&mut first);
    read.is_ok()
        && serde_json::from_str::<Value>(&first)
            .is_ok_and(|v| v.get("received_at").is_some() && v.get("verdict").is_some())
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
        .is_some_and(|mark| mark.as_bytes() == rx.mark.as_bytes())
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
    // Journal first: whatever happens next, the delivery is kept.
    if let Some(journal) = &rx.journal {
        let entry = if accepted {
            rx.journal_entry(uri.path(), &headers, &body, status, verdict, &why)
        } else {
            brief_entry(uri.path(), &body, status, verdict, &why)
        };
        journal.append(&entry);
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
    if let Some(forward) = &rx.forward {
        rx.pass_on(forward, &headers, &body).await;
    }
    let n = rx.count.fetch_add(1, Ordering::SeqCst) + 1;
    if rx.max.is_some_and(|max| n >= max) {
        rx.done.notify_one();
    }
    (status, "ok\n")
}

/// A refused request as the journal keeps it: what was decided and why, its size and a
/// digest of its body; never the body or headers a stranger chose.
fn brief_entry(
    path: &str,
    body: &[u8],
    status: StatusCode,
    verdict: &str,
    why: &[String],
) -> Value {
    use sha2::Digest;
    json!({
        "received_at": delivery::timestamp(crate::delivery::now_ms()),
        "path": text::short(path, 200),
        "status": status.as_u16(),
        "verdict": verdict,
        "problems": why,
        "size": body.len(),
        "sha256": text::hex(&sha2::Sha256::digest(body)),
    })
}

impl Receiver {
    /// Passes an accepted delivery on, with its headers but those of the transport and the
    /// proxies on the way, marked so it cannot loop; at most [`MAX_FORWARDS`] wait on the app
    /// at once, each for `--timeout` at most.
    async fn pass_on(self: &Arc<Self>, forward: &Forward, headers: &HeaderMap, body: &Bytes) {
        let Ok(slot) = forward.slots.clone().try_acquire_owned() else {
            self.printer.line(format!(
                "  not forwarded: {MAX_FORWARDS} forwards are already waiting on {}",
                rules::shown_target(forward.url.as_str())
            ));
            return;
        };
        let mut pairs: Pairs = headers
            .iter()
            .filter(|(k, _)| !crate::notify::hop_by_hop(k.as_str()))
            // A sender's own webhook-* headers never pass for ours.
            .filter(|(k, _)| !k.as_str().starts_with("webhook-"))
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        pairs.insert(crate::notify::FORWARDED_MARK.into(), self.mark.clone());
        // The Standard Webhooks form: an id that is the same for the same delivery (the app
        // de-duplicates by it), the time of this attempt, and with a secret the signature
        // of `id.timestamp.body`, the body byte for byte as Copper sent it.
        let id = crate::delivery::delivery_id(body);
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if let Some(signer) = &forward.signer {
            match signer.sign(&id, now, body) {
                Ok(signature) => {
                    pairs.insert("webhook-signature".into(), signature);
                }
                Err(_) => {
                    self.printer.line(
                        "  not forwarded: the body is not UTF-8 text, which Standard Webhooks cannot sign"
                            .to_string(),
                    );
                    return;
                }
            }
        }
        pairs.insert("webhook-id".into(), id);
        pairs.insert("webhook-timestamp".into(), now.to_string());
        // Content-Type as Copper sent it reaches the app unchanged.
        let content_type = headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/json")
            .to_string();
        let rx = self.clone();
        let body = body.clone();
        let mut tasks = forward.tasks.lock().await;
        // Finished forwards are let go as new ones start.
        while tasks.try_join_next().is_some() {}
        tasks.spawn(async move {
            let Some(forward) = &rx.forward else { return };
            let sent = forward
                .sender
                .post_as(&forward.url, &pairs, &body, &content_type)
                .await;
            drop(slot);
            let to = rules::shown_target(forward.url.as_str());
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

    /// One journal line: the delivery as it came, but for the values of its echoed secret
    /// pairs and custom headers (kept only under `--journal-secrets`), with where they were.
    /// Headers of proxies and tunnels are kept in clear (they are not the sender's secrets,
    /// and replay never sends them); a proxy's credentials are not kept at all.
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
            if name.as_str() == "proxy-authorization" {
                continue;
            }
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
        || crate::notify::hop_by_hop(&name)
        || name.eq_ignore_ascii_case(crate::notify::TEST_HEADER))
}

/// The key of `--sign-secret`: `whsec_` and the key's bytes in base64, as Standard Webhooks
/// writes secrets; anything else is refused, never shown.
fn signing_key(secret: &str) -> anyhow::Result<standardwebhooks::Webhook> {
    let usage = || {
        error::usage(
            "--sign-secret (or COPPER_HOOKS_SIGN_SECRET) is whsec_ followed by the key in \
             base64, as Standard Webhooks writes secrets",
        )
    };
    let Some(encoded) = secret.trim().strip_prefix("whsec_") else {
        return Err(usage());
    };
    if encoded.len() < 16 {
        return Err(usage());
    }
    standardwebhooks::Webhook::new(encoded).map_err(|_| usage())
}
