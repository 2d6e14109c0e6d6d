//! The journal: one file of JSON lines, only ever appended to, that `listen` writes and
//! `replay`, `journal` and `reconcile` read. Four kinds of line:
//!
//! - a **delivery** (`received_at`, `verdict`, `status`, `headers`, `body`, ...), as listen
//!   accepted or refused it; a refused one is kept in brief (no body, no headers). A delivery
//!   the relay must forward also has `seq` (its number in this journal, from 0, in the
//!   order of the file) and `id` (its `webhook-id`);
//! - a **state**: `{"state": "forwarded" | "dead", "seq": N, "at": ...}`, appended when a
//!   relayed delivery reached the app or was given up on. A delivery with a `seq` and no
//!   state is pending;
//! - a **run** mark: `{"run": "start" | "stop" | "alive", "at": ...}`, so the times listen
//!   was not running can be found afterwards (`alive` is written when nothing else was for
//!   a while, so a `kill -9` is placed to within that while).
//!
//! Every line is written whole with one `write`, and a relayed delivery is synced to disk
//! before listen answers 200: a power cut after the answer cannot lose it. States are
//! written without a sync of their own (the next delivery's sync carries them): one lost in
//! a crash only means the delivery is forwarded again, with the same id.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::error;
use crate::text;

/// The longest line read: a delivery holds one body of at most 1 MiB, escaped.
pub const MAX_LINE: u64 = 16 << 20;

/// Why an entry was not written.
#[derive(Debug, Clone)]
pub enum WriteError {
    /// The journal reached its largest size (`--journal-max`).
    Full,
    /// The disk said no (full, a size limit, an I/O error).
    Io(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Full => write!(f, "the journal reached --journal-max"),
            WriteError::Io(e) => write!(f, "the journal cannot be written ({e})"),
        }
    }
}

/// What is being appended, which decides whether it is numbered, synced, or bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A delivery the relay forwards: numbered, synced before the reply, bounded.
    Relayed,
    /// A delivery or refusal kept only for the record: bounded, not synced.
    Kept,
    /// A run mark: small, bounded like a delivery kept, not synced.
    Mark,
    /// A state: small, never refused for size (a delivery kept must be able to be marked
    /// done), not synced.
    State,
}

type Reply = tokio::sync::oneshot::Sender<Result<Option<u64>, WriteError>>;

struct Job {
    entry: Value,
    kind: Kind,
    reply: Option<Reply>,
}

/// Appends entries from a thread of its own, a batch at a time: deliveries that arrive
/// together share one write and one sync (a group commit), so syncing each costs little.
pub struct Writer {
    queue: std::sync::mpsc::SyncSender<Job>,
    /// The bytes of the file that are whole lines (and synced, where a relayed delivery
    /// was among them): what a reader may read.
    committed: Arc<AtomicU64>,
    /// Woken after each batch, for the relay's reader.
    pub appended: Arc<tokio::sync::Notify>,
}

/// An open journal: its file (locked against a second writer) and what is known of it.
pub struct Opened {
    pub file: std::fs::File,
    pub len: u64,
    pub shown: String,
}

/// Opens (or creates, mode 0600) a journal to append to: never through a symlink, never a
/// FIFO or device, never readable by others, never a file that is not a journal, never one
/// another process writes.
pub fn open(path: &Path) -> anyhow::Result<Opened> {
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
    let existed = path.exists();
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
            "journal {shown} is not a regular file (a device, FIFO or folder); name a file of \
             its own for the journal"
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
            "{shown} is not a copper-hooks journal (its first line is not an entry); name a \
             new file, so nothing else is written into"
        )));
    }
    if file.try_lock().is_err() {
        return Err(error::usage(format!(
            "journal {shown} is being written by another copper-hooks (a listen or a replay); \
             give each listen its own file, or stop it first"
        )));
    }
    if !existed {
        // The new file's name must survive a power cut too.
        if let Some(dir) = path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(dir) = std::fs::File::open(dir) {
                let _ = dir.sync_all();
            }
        }
    }
    Ok(Opened {
        len: meta.len(),
        file,
        shown,
    })
}

/// Opens a journal to read only (no lock: a running listen may be writing it).
pub fn open_to_read(path: &Path) -> anyhow::Result<std::fs::File> {
    let shown = text::line(&path.display().to_string()).into_owned();
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
    if !file.metadata()?.is_file() {
        return Err(error::usage(format!(
            "{shown} is not a regular file (a device, FIFO or folder)"
        )));
    }
    if !looks_like_a_journal(&file) {
        return Err(crate::error::Fail::new(
            crate::error::Exit::Data,
            format!(
                "{shown} is not a copper-hooks journal (its first line is not an entry \
                 `listen --journal` writes)"
            ),
        )
        .into());
    }
    Ok(file)
}

/// Whether a file's first line is a journal line, as `listen` writes them.
pub fn looks_like_a_journal(file: &std::fs::File) -> bool {
    let mut lines = Lines::new(file, 0);
    match lines.next_line(u64::MAX) {
        Some(Ok((_, line))) => serde_json::from_slice::<Value>(line).is_ok_and(|v| {
            (v.get("received_at").is_some() && v.get("verdict").is_some())
                || v.get("run").is_some_and(Value::is_string)
        }),
        _ => false,
    }
}

impl Writer {
    /// Starts the writer on `file`, which holds `len` bytes already; relayed deliveries are
    /// numbered from `next_seq`; deliveries past `max` bytes are refused.
    pub fn start(file: std::fs::File, len: u64, next_seq: u64, max: u64) -> Writer {
        let (queue, jobs) = std::sync::mpsc::sync_channel::<Job>(4096);
        let committed = Arc::new(AtomicU64::new(len));
        let appended = Arc::new(tokio::sync::Notify::new());
        let (done, woken) = (committed.clone(), appended.clone());
        std::thread::spawn(move || write_loop(file, len, next_seq, max, &jobs, &done, &woken));
        Writer {
            queue,
            committed,
            appended,
        }
    }

    /// Appends `entry` and waits until it is written (and synced, for [`Kind::Relayed`]);
    /// gives its `seq` when it was numbered.
    pub async fn append(&self, entry: Value, kind: Kind) -> Result<Option<u64>, WriteError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Job {
            entry,
            kind,
            reply: Some(reply),
        };
        let stopped = || WriteError::Io("the journal's writer stopped".into());
        // Queued at once when there is room (the common case, no thread hop); the queue is
        // bounded, so in a flood the request waits here, on a blocking thread, rather than
        // in memory.
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(std::sync::mpsc::TrySendError::Full(job)) => {
                let queue = self.queue.clone();
                let sent = tokio::task::spawn_blocking(move || queue.send(job).is_ok())
                    .await
                    .unwrap_or(false);
                if !sent {
                    return Err(stopped());
                }
            }
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => return Err(stopped()),
        }
        answer.await.unwrap_or_else(|_| Err(stopped()))
    }

    /// Appends a mark without waiting for it.
    pub fn mark(&self, entry: Value) {
        let _ = self.queue.try_send(Job {
            entry,
            kind: Kind::Mark,
            reply: None,
        });
    }

    /// The bytes a reader may read: whole lines, synced where it mattered.
    pub fn committed(&self) -> u64 {
        self.committed.load(Ordering::SeqCst)
    }
}

fn write_loop(
    mut file: std::fs::File,
    mut size: u64,
    mut next_seq: u64,
    max: u64,
    jobs: &std::sync::mpsc::Receiver<Job>,
    committed: &AtomicU64,
    appended: &tokio::sync::Notify,
) {
    /// Entries in one write at most: a bound on what one batch holds.
    const BATCH: usize = 512;
    let mut batch = Vec::with_capacity(BATCH);
    while let Ok(first) = jobs.recv() {
        batch.push(first);
        while batch.len() < BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut bytes = Vec::new();
        let mut written: Vec<(Option<Reply>, Option<u64>)> = Vec::new();
        let mut sync = false;
        for Job {
            mut entry,
            kind,
            reply,
        } in batch.drain(..)
        {
            let seq = (kind == Kind::Relayed).then_some(next_seq);
            if let Some(seq) = seq {
                entry["seq"] = json!(seq);
            }
            let mut line = entry.to_string();
            line.push('\n');
            if kind != Kind::State && size + (bytes.len() + line.len()) as u64 > max {
                if let Some(reply) = reply {
                    let _ = reply.send(Err(WriteError::Full));
                }
                continue;
            }
            if seq.is_some() {
                next_seq += 1;
                sync = true;
            }
            bytes.extend_from_slice(line.as_bytes());
            written.push((reply, seq));
        }
        let result = file
            .write_all(&bytes)
            .and_then(|()| if sync { file.sync_data() } else { Ok(()) });
        match result {
            Ok(()) => {
                size += bytes.len() as u64;
                committed.store(size, Ordering::SeqCst);
                appended.notify_one();
                for (reply, seq) in written {
                    if let Some(reply) = reply {
                        let _ = reply.send(Ok(seq));
                    }
                }
            }
            Err(e) => {
                // Whatever part of the batch reached the file is cut off again, so the next
                // line starts a line (and a half-written delivery is not in the journal);
                // the numbers are given again.
                let _ = file.set_len(size);
                for (_, seq) in &written {
                    if seq.is_some() {
                        next_seq -= 1;
                    }
                }
                let why = e.to_string();
                for (reply, _) in written {
                    if let Some(reply) = reply {
                        let _ = reply.send(Err(WriteError::Io(why.clone())));
                    }
                }
            }
        }
    }
    let _ = file.sync_data();
}

/// Reads whole lines of a file from an offset with positioned reads (a writer's appends on
/// another handle never move it), up to a limit: a reader of a journal being written stops
/// at what the writer committed.
pub struct Lines<F: std::borrow::Borrow<std::fs::File>> {
    file: F,
    /// Where `buf` starts in the file.
    at: u64,
    buf: Vec<u8>,
    start: usize,
    /// Read to the end of the file.
    eof: bool,
}

impl<F: std::borrow::Borrow<std::fs::File>> Lines<F> {
    pub fn new(file: F, from: u64) -> Lines<F> {
        Lines {
            file,
            at: from,
            buf: Vec::new(),
            start: 0,
            eof: false,
        }
    }

    /// The offset of the next line.
    pub fn offset(&self) -> u64 {
        self.at + self.start as u64
    }

    /// The next whole line that ends before `limit`: its offset and bytes (no newline).
    /// A line longer than [`MAX_LINE`] is an error; a last line with no newline yet is not
    /// read (it is being written).
    pub fn next_line(&mut self, limit: u64) -> Option<std::io::Result<(u64, &[u8])>> {
        loop {
            if let Some(end) = self.buf[self.start..].iter().position(|b| *b == b'\n') {
                let offset = self.offset();
                if offset + end as u64 + 1 > limit {
                    return None;
                }
                let line = self.start..self.start + end;
                self.start += end + 1;
                return Some(Ok((offset, &self.buf[line])));
            }
            if (self.buf.len() - self.start) as u64 > MAX_LINE {
                return Some(Err(std::io::Error::other(
                    "a line is longer than any journal entry (16 MiB)",
                )));
            }
            // Keep the part of a line read so far, and read on.
            self.buf.drain(..self.start);
            self.at += self.start as u64;
            self.start = 0;
            let from = self.at + self.buf.len() as u64;
            if from >= limit {
                return None;
            }
            let want = (limit - from).min(256 << 10) as usize;
            let mut chunk = vec![0u8; want];
            match read_at(self.file.borrow(), &mut chunk, from) {
                Ok(0) => {
                    self.eof = true;
                    return None;
                }
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// Whether the file ended before the limit (for a reader that follows a writer).
    pub fn at_end(&self) -> bool {
        self.eof
    }
}

/// Where the journal's last whole line ends, read from the end: all a listen that relays
/// nothing needs of a journal at start (a line a crash cut short is cut off there).
pub fn whole_end(file: &std::fs::File, len: u64) -> std::io::Result<u64> {
    const CHUNK: u64 = 64 << 10;
    let mut end = len;
    let mut buf = vec![0u8; CHUNK as usize];
    while end > 0 {
        let from = end.saturating_sub(CHUNK);
        let part = &mut buf[..(end - from) as usize];
        let mut read = 0;
        while read < part.len() {
            match read_at(file, &mut part[read..], from + read as u64)? {
                0 => break,
                n => read += n,
            }
        }
        if let Some(at) = part[..read].iter().rposition(|b| *b == b'\n') {
            return Ok(from + at as u64 + 1);
        }
        end = from;
    }
    Ok(0)
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// The fields of any journal line that the scan needs; the rest (bodies above all) are
/// skipped unread.
#[derive(Deserialize)]
pub struct Head {
    pub received_at: Option<String>,
    pub verdict: Option<String>,
    pub seq: Option<u64>,
    pub state: Option<String>,
    pub run: Option<String>,
    pub at: Option<String>,
    /// Left by `journal --compact` in place of a delivery it no longer needs whole:
    /// `forwarded` (a relayed delivery the app took) or `kept`.
    pub compacted: Option<String>,
}

/// What one line of a journal is.
pub enum Line {
    /// A delivery or refusal; `seq` when the relay forwards it.
    Delivery {
        at_ms: Option<i64>,
        accepted: bool,
        seq: Option<u64>,
        /// A relayed delivery the app took, compacted to its time.
        forwarded: bool,
    },
    State {
        seq: u64,
        dead: bool,
    },
    Run {
        at_ms: Option<i64>,
        what: Run,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    Start,
    Stop,
    Alive,
}

/// One journal line: the delivery as it came, but for the values of its echoed secret
/// pairs and custom headers (kept only under `--journal-secrets`), with where they were.
/// Headers of proxies and tunnels are kept in clear (they are not the sender's secrets,
/// and replay never sends them); a proxy's credentials are not kept at all.
pub fn delivery_entry(
    keep_secrets: bool,
    path: &str,
    headers: &axum::http::HeaderMap,
    body: &[u8],
    status: axum::http::StatusCode,
    verdict: &str,
    why: &[String],
) -> Value {
    let mut entry = json!({
        "received_at": crate::delivery::timestamp(crate::delivery::now_ms()),
        "path": path,
    });
    let mut kept = serde_json::Map::new();
    let mut sealed_headers = Vec::new();
    for (name, value) in headers {
        if name.as_str() == "proxy-authorization" {
            continue;
        }
        let value = if keep_secrets || !sealed_header(name.as_str()) {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        } else {
            sealed_headers.push(name.as_str().to_string());
            "[sealed]".to_string()
        };
        kept.insert(name.as_str().to_string(), Value::String(value));
    }
    entry["headers"] = Value::Object(kept);
    match crate::delivery::seal(body).filter(|_| !keep_secrets) {
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

/// A refused request as the journal keeps it: what was decided and why, its size and a
/// digest of its body; never the body or headers a stranger chose.
pub fn brief_entry(
    path: &str,
    body: &[u8],
    status: axum::http::StatusCode,
    verdict: &str,
    why: &[String],
) -> Value {
    use sha2::Digest;
    json!({
        "received_at": crate::delivery::timestamp(crate::delivery::now_ms()),
        "path": crate::text::short(path, 200),
        "status": status.as_u16(),
        "verdict": verdict,
        "problems": why,
        "size": body.len(),
        "sha256": crate::text::hex(&sha2::Sha256::digest(body)),
    })
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

/// Reads one line's kind; `None` when it is no journal line at all.
pub fn classify(line: &[u8]) -> Option<Line> {
    let head: Head = serde_json::from_slice(line).ok()?;
    if let (Some(state), Some(seq)) = (&head.state, head.seq) {
        return match state.as_str() {
            "forwarded" => Some(Line::State { seq, dead: false }),
            "dead" => Some(Line::State { seq, dead: true }),
            _ => None,
        };
    }
    if let Some(run) = &head.run {
        let what = match run.as_str() {
            "start" => Run::Start,
            "stop" => Run::Stop,
            "alive" => Run::Alive,
            _ => return None,
        };
        return Some(Line::Run {
            at_ms: head.at.as_deref().and_then(parse_ms),
            what,
        });
    }
    let (Some(received), Some(verdict)) = (&head.received_at, &head.verdict) else {
        return None;
    };
    Some(Line::Delivery {
        at_ms: parse_ms(received),
        accepted: verdict == "ok",
        seq: head.seq,
        forwarded: head.compacted.as_deref() == Some("forwarded"),
    })
}

/// Milliseconds since the epoch of an RFC 3339 time.
pub fn parse_ms(text: &str) -> Option<i64> {
    let at =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

/// A run mark for now.
pub fn run_mark(what: Run) -> Value {
    let what = match what {
        Run::Start => "start",
        Run::Stop => "stop",
        Run::Alive => "alive",
    };
    json!({"run": what, "at": crate::delivery::timestamp(crate::delivery::now_ms())})
}

/// A state line for a relayed delivery.
pub fn state_mark(seq: u64, dead: bool, detail: Value) -> Value {
    let mut entry = json!({
        "state": if dead { "dead" } else { "forwarded" },
        "seq": seq,
        "at": crate::delivery::timestamp(crate::delivery::now_ms()),
    });
    if let (Some(entry), Value::Object(detail)) = (entry.as_object_mut(), detail) {
        entry.extend(detail);
    }
    entry
}

/// What a compaction did.
pub struct Compacted {
    pub before: u64,
    pub after: u64,
    /// Relayed deliveries kept whole: pending or dead.
    pub whole: u64,
    /// Relayed deliveries the app took, kept as their time alone.
    pub briefed: u64,
}

/// Rewrites a journal keeping what a relay still needs: every pending or dead delivery
/// whole (with its dead state), every delivery the app took as its time alone (for the
/// counts and the gaps), every run mark, and every delivery that was never relayed as it
/// is (a plain listen's journal is for `replay`). The journal is locked meanwhile (no
/// listen may be writing it); the new file is written beside it, synced, and renamed over
/// it, so a crash leaves one or the other whole.
pub fn compact(path: &Path) -> anyhow::Result<Compacted> {
    let opened = open(path)?;
    let scan = Scan::read(&opened.file, i64::MAX, &opened.shown)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut out = tempfile::Builder::new()
        .prefix(".copper-hooks-compact")
        .tempfile_in(dir)
        .map_err(|e| anyhow::anyhow!("cannot write beside {}: {e}", opened.shown))?;
    let mut done = Compacted {
        before: opened.len,
        after: 0,
        whole: 0,
        briefed: 0,
    };
    {
        let mut writer = std::io::BufWriter::new(out.as_file_mut());
        let mut lines = Lines::new(&opened.file, 0);
        let mut number = 0u64;
        while let Some(line) = lines.next_line(scan.end) {
            number += 1;
            let (_, bytes) = line.map_err(|e| bad(&opened.shown, number, &e.to_string()))?;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let kept: Option<std::borrow::Cow<[u8]>> = match classify(bytes) {
                None => return Err(bad(&opened.shown, number, "is not a journal entry")),
                Some(Line::State { seq, dead }) => {
                    (dead && scan.dead_bits.get(seq)).then_some(bytes.into())
                }
                Some(Line::Delivery {
                    at_ms,
                    accepted: true,
                    seq: Some(seq),
                    ..
                }) if scan.done.get(seq) && !scan.dead_bits.get(seq) => {
                    done.briefed += 1;
                    let at = at_ms.map_or_else(
                        || "1970-01-01T00:00:00.000Z".to_string(),
                        crate::delivery::timestamp,
                    );
                    Some(
                        json!({"received_at": at, "verdict": "ok", "status": 200, "compacted": "forwarded"})
                            .to_string()
                            .into_bytes()
                            .into(),
                    )
                }
                Some(Line::Delivery {
                    accepted: true,
                    seq: Some(_),
                    ..
                }) => {
                    done.whole += 1;
                    Some(bytes.into())
                }
                Some(_) => Some(bytes.into()),
            };
            if let Some(kept) = kept {
                writer.write_all(&kept)?;
                writer.write_all(b"\n")?;
            }
        }
        writer.flush()?;
    }
    out.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        out.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    done.after = out.as_file().metadata()?.len();
    out.persist(path)
        .map_err(|e| anyhow::anyhow!("cannot replace {}: {}", opened.shown, e.error))?;
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    drop(opened);
    Ok(done)
}

/// One bit per relayed delivery.
#[derive(Default, Clone)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn set(&mut self, n: u64) {
        let (word, bit) = ((n / 64) as usize, n % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    pub fn clear(&mut self, n: u64) {
        if let Some(word) = self.0.get_mut((n / 64) as usize) {
            *word &= !(1 << (n % 64));
        }
    }

    pub fn get(&self, n: u64) -> bool {
        self.0
            .get((n / 64) as usize)
            .is_some_and(|word| word & (1 << (n % 64)) != 0)
    }

    pub fn bytes(&self) -> usize {
        self.0.len() * 8
    }
}

/// A stretch of time in which the journal shows no delivery could have been received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub from_ms: i64,
    /// `None`: still open (until now).
    pub until_ms: Option<i64>,
    pub why: GapWhy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapWhy {
    /// listen was not running (from its last line to its next start).
    Down,
    /// listen ran, and nothing was accepted for longer than the threshold.
    Quiet,
}

/// The most gaps a scan keeps (the latest ones); more are counted.
pub const MAX_GAPS: usize = 10_000;

/// What a whole journal says, read once from start to end in bounded memory: two bits per
/// relayed delivery, whatever the deliveries hold.
#[derive(Default)]
pub struct Scan {
    pub accepted: u64,
    pub refused: u64,
    /// Accepted deliveries numbered for the relay.
    pub relayed: u64,
    pub forwarded: u64,
    pub dead: u64,
    /// Relayed deliveries with no state yet.
    pub pending: u64,
    pub oldest_pending_ms: Option<i64>,
    /// Where the first pending delivery's line starts.
    pub first_pending_offset: Option<u64>,
    pub next_seq: u64,
    /// Relayed deliveries that reached a final state (forwarded or dead).
    pub done: Bits,
    pub dead_bits: Bits,
    pub runs: u64,
    pub first_ms: Option<i64>,
    pub last_ms: Option<i64>,
    pub gaps: std::collections::VecDeque<Gap>,
    pub more_gaps: u64,
    /// Whole lines read, in bytes.
    pub end: u64,
    /// Whether the last run has no stop mark (listen runs, or was killed).
    pub open_run: bool,
}

impl Scan {
    /// Scans a journal's whole lines; `quiet_ms` is the threshold for a quiet gap.
    pub fn read(file: &std::fs::File, quiet_ms: i64, shown: &str) -> anyhow::Result<Scan> {
        let limit = file.metadata()?.len();
        let mut scan = Scan::default();
        let mut lines = Lines::new(file, 0);
        // The time of the last line of any kind, and of the last accepted delivery or run start.
        let mut last_any: Option<i64> = None;
        let mut last_seen: Option<i64> = None;
        let mut number = 0u64;
        while let Some(line) = lines.next_line(limit) {
            number += 1;
            let (offset, bytes) = line.map_err(|e| bad(shown, number, &e.to_string()))?;
            scan.end = offset + bytes.len() as u64 + 1;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let Some(kind) = classify(bytes) else {
                return Err(bad(shown, number, "is not a journal entry"));
            };
            match kind {
                Line::Delivery {
                    at_ms,
                    accepted,
                    seq,
                    forwarded,
                } => {
                    if forwarded && accepted {
                        scan.relayed += 1;
                        scan.forwarded += 1;
                    }
                    if accepted {
                        scan.accepted += 1;
                        if let (Some(at), Some(before)) = (at_ms, last_seen) {
                            scan.quiet(before, at, quiet_ms);
                        }
                        if at_ms.is_some() {
                            last_seen = at_ms;
                        }
                    } else {
                        scan.refused += 1;
                    }
                    if let (Some(seq), true) = (seq, accepted) {
                        scan.relayed += 1;
                        scan.next_seq = scan.next_seq.max(seq + 1);
                    }
                    scan.saw(at_ms, &mut last_any);
                }
                Line::State { seq, dead } => {
                    if !scan.done.get(seq) {
                        scan.done.set(seq);
                        if dead {
                            scan.dead += 1;
                            scan.dead_bits.set(seq);
                        } else {
                            scan.forwarded += 1;
                        }
                    } else if !dead && scan.dead_bits.get(seq) {
                        // A dead delivery replayed: forwarded now.
                        scan.dead_bits.clear(seq);
                        scan.dead -= 1;
                        scan.forwarded += 1;
                    }
                }
                Line::Run { at_ms, what } => {
                    match what {
                        Run::Start => {
                            scan.runs += 1;
                            if let (Some(at), Some(before)) = (at_ms, last_any) {
                                if scan.open_run || scan.runs > 1 {
                                    scan.push(Gap {
                                        from_ms: before,
                                        until_ms: Some(at),
                                        why: GapWhy::Down,
                                    });
                                }
                            }
                            scan.open_run = true;
                            last_seen = at_ms;
                        }
                        Run::Stop => {
                            if let (Some(at), Some(before)) = (at_ms, last_seen) {
                                scan.quiet(before, at, quiet_ms);
                            }
                            scan.open_run = false;
                            last_seen = None;
                        }
                        Run::Alive => {}
                    }
                    scan.saw(at_ms, &mut last_any);
                }
            }
        }
        // Until now: listen is stopped (down since its last line), or runs and has been
        // quiet for longer than the threshold.
        let now = crate::delivery::now_ms();
        if !scan.open_run {
            if let Some(before) = last_any {
                scan.push(Gap {
                    from_ms: before,
                    until_ms: None,
                    why: GapWhy::Down,
                });
            }
        } else if let Some(before) = last_seen.or(last_any) {
            if now - before > quiet_ms {
                scan.push(Gap {
                    from_ms: before,
                    until_ms: None,
                    why: GapWhy::Quiet,
                });
            }
        }
        scan.pending = scan.relayed - scan.forwarded - scan.dead;
        if scan.pending > 0 {
            scan.find_first_pending(file, shown)?;
        }
        Ok(scan)
    }

    fn saw(&mut self, at: Option<i64>, last_any: &mut Option<i64>) {
        if let Some(at) = at {
            self.first_ms.get_or_insert(at);
            self.last_ms = Some(at);
            *last_any = Some(at);
        }
    }

    fn quiet(&mut self, from: i64, until: i64, quiet_ms: i64) {
        if until - from > quiet_ms {
            self.push(Gap {
                from_ms: from,
                until_ms: Some(until),
                why: GapWhy::Quiet,
            });
        }
    }

    fn push(&mut self, gap: Gap) {
        if self.gaps.len() == MAX_GAPS {
            self.gaps.pop_front();
            self.more_gaps += 1;
        }
        self.gaps.push_back(gap);
    }

    /// A second pass, to the first relayed delivery with no state.
    fn find_first_pending(&mut self, file: &std::fs::File, shown: &str) -> anyhow::Result<()> {
        let mut lines = Lines::new(file, 0);
        let mut number = 0u64;
        while let Some(line) = lines.next_line(self.end) {
            number += 1;
            let (offset, bytes) = line.map_err(|e| bad(shown, number, &e.to_string()))?;
            if let Some(Line::Delivery {
                at_ms,
                accepted: true,
                seq: Some(seq),
                ..
            }) = classify(bytes)
            {
                if !self.done.get(seq) {
                    self.first_pending_offset = Some(offset);
                    self.oldest_pending_ms = at_ms;
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

fn bad(shown: &str, number: u64, why: &str) -> anyhow::Error {
    crate::error::Fail::new(
        crate::error::Exit::Data,
        format!("{shown} line {number} {why}"),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal(lines: &[Value]) -> (tempfile::TempDir, std::fs::File) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("j.jsonl");
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, text).expect("write");
        let file = std::fs::File::open(&path).expect("open");
        (dir, file)
    }

    fn delivery(seq: u64, at: &str) -> Value {
        json!({"received_at": at, "verdict": "ok", "status": 200, "body": "{}", "seq": seq})
    }

    #[test]
    fn states_decide_what_is_pending_and_the_first_pending_is_found() {
        let (_dir, file) = journal(&[
            json!({"run": "start", "at": "2026-12-01T10:00:00.000Z"}),
            delivery(0, "2026-12-01T10:00:01.000Z"),
            delivery(1, "2026-12-01T10:00:02.000Z"),
            delivery(2, "2026-12-01T10:00:03.000Z"),
            json!({"state": "forwarded", "seq": 0, "at": "2026-12-01T10:00:04.000Z"}),
            json!({"state": "dead", "seq": 2, "at": "2026-12-01T10:00:05.000Z"}),
        ]);
        let scan = Scan::read(&file, 3_600_000, "j").expect("scan");
        assert_eq!(
            (scan.relayed, scan.forwarded, scan.dead, scan.pending),
            (3, 1, 1, 1)
        );
        assert_eq!(scan.next_seq, 3);
        assert!(scan.first_pending_offset.is_some());
        assert_eq!(scan.oldest_pending_ms, parse_ms("2026-12-01T10:00:02.000Z"));
    }

    #[test]
    fn a_dead_delivery_replayed_counts_as_forwarded() {
        let (_dir, file) = journal(&[
            delivery(0, "2026-12-01T10:00:01.000Z"),
            json!({"state": "dead", "seq": 0, "at": "2026-12-01T10:00:05.000Z"}),
            json!({"state": "forwarded", "seq": 0, "at": "2026-12-01T10:00:09.000Z"}),
        ]);
        let scan = Scan::read(&file, 3_600_000, "j").expect("scan");
        assert_eq!((scan.forwarded, scan.dead, scan.pending), (1, 0, 0));
    }

    #[test]
    fn down_and_quiet_stretches_are_gaps() {
        let (_dir, file) = journal(&[
            json!({"run": "start", "at": "2026-12-01T10:00:00.000Z"}),
            delivery(0, "2026-12-01T10:00:01.000Z"),
            // Quiet for two hours.
            delivery(1, "2026-12-01T12:00:01.000Z"),
            // Killed: no stop mark; started again an hour later.
            json!({"run": "start", "at": "2026-12-01T13:00:00.000Z"}),
            delivery(2, "2026-12-01T13:00:01.000Z"),
            json!({"run": "stop", "at": "2026-12-01T13:10:00.000Z"}),
        ]);
        let scan = Scan::read(&file, 3_600_000, "j").expect("scan");
        let gaps: Vec<_> = scan.gaps.iter().cloned().collect();
        let ms = |t: &str| parse_ms(t).expect("time");
        assert_eq!(
            gaps,
            vec![
                Gap {
                    from_ms: ms("2026-12-01T10:00:01.000Z"),
                    until_ms: Some(ms("2026-12-01T12:00:01.000Z")),
                    why: GapWhy::Quiet
                },
                Gap {
                    from_ms: ms("2026-12-01T12:00:01.000Z"),
                    until_ms: Some(ms("2026-12-01T13:00:00.000Z")),
                    why: GapWhy::Down
                },
                Gap {
                    from_ms: ms("2026-12-01T13:10:00.000Z"),
                    until_ms: None,
                    why: GapWhy::Down
                },
            ]
        );
        assert_eq!(scan.runs, 2);
    }

    #[test]
    fn lines_stop_at_the_limit_and_at_a_line_not_yet_ended() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("j");
        std::fs::write(&path, "one\ntwo\nthr").expect("write");
        let file = std::fs::File::open(&path).expect("open");
        let mut lines = Lines::new(&file, 0);
        let got = |l: &mut Lines<&std::fs::File>, limit| {
            l.next_line(limit)
                .map(|r| String::from_utf8(r.expect("read").1.to_vec()).expect("utf8"))
        };
        assert_eq!(got(&mut lines, 100).as_deref(), Some("one"));
        assert_eq!(got(&mut lines, 5), None);
        assert_eq!(got(&mut lines, 100).as_deref(), Some("two"));
        assert_eq!(got(&mut lines, 100), None);
        assert_eq!(lines.offset(), 8);
    }

    #[test]
    fn the_end_of_the_last_whole_line_is_found_from_the_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("j");
        let long = "x".repeat(200_000);
        for (text, end) in [
            (format!("a\n{long}\nb"), 200_003),
            (format!("a\n{long}\n"), 200_003),
            ("no newline".to_string(), 0),
            (String::new(), 0),
        ] {
            std::fs::write(&path, &text).expect("write");
            let file = std::fs::File::open(&path).expect("open");
            assert_eq!(whole_end(&file, text.len() as u64).expect("read"), end);
        }
    }

    #[test]
    fn bits_set_clear_and_read() {
        let mut bits = Bits::default();
        bits.set(0);
        bits.set(1_000_000);
        assert!(bits.get(0) && bits.get(1_000_000) && !bits.get(999_999));
        bits.clear(0);
        assert!(!bits.get(0));
        assert!(bits.bytes() <= 1_000_000 / 8 + 8);
    }
}
