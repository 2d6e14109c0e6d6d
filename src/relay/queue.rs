//! The forward queue: reads relayed deliveries back from the journal (never holding more
//! than a window of them), forwards each until the app takes it, retries with exponential
//! backoff and jitter while the app is away, gives up after `--retry-for` (the delivery is
//! dead-lettered: kept, counted, said), and writes each outcome back to the journal.
//!
//! Order: a delivery is not forwarded while an earlier one about the same record (type and
//! id) is still unsettled, so the app sees one record's changes in the order Copper sent
//! them. Other records go on: a failing record holds up at most a window of deliveries.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::time::Instant;

use super::journal::{self, Bits, Kind, Lines, Writer};
use super::{verdict, Forwarding, Verdict};
use crate::notify::Sent;

/// Deliveries read ahead of the oldest unsettled one at most.
const WINDOW: usize = 1024;
/// Their bodies' bytes at most (a body is at most 1 MiB).
const WINDOW_BYTES: usize = 32 << 20;
/// Forwards waiting on the app at once.
const IN_FLIGHT: usize = 32;
/// How long a stopping relay goes on forwarding what is due before it leaves the rest
/// pending in the journal.
pub const DRAIN: Duration = Duration::from_secs(10);

/// How the queue retries.
#[derive(Clone)]
pub struct Settings {
    /// How long after its arrival a delivery is still tried.
    pub retry_for: Duration,
    /// The first wait; each next one doubles, up to [`Settings::cap`], with jitter.
    pub backoff: Duration,
    /// Lines for a program (JSON) rather than a person.
    pub json: bool,
    /// The journal as named by the user, for the line that says how to replay.
    pub journal_shown: String,
}

impl Settings {
    fn cap(&self) -> Duration {
        (self.backoff * 256).min(Duration::from_secs(300))
    }

    /// The wait before attempt `attempts + 1`: doubling from the base, capped, and between
    /// half and all of that (jitter, so a fleet of retries does not arrive at once).
    fn wait(&self, attempts: u32) -> Duration {
        let full = self
            .backoff
            .saturating_mul(1u32 << attempts.saturating_sub(1).min(20))
            .min(self.cap());
        full.mul_f64(0.5 + fastrand::f64() / 2.0)
    }
}

/// What became of the deliveries the queue handled.
#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub forwarded: u64,
    pub dead: u64,
    /// Left pending in the journal when the queue stopped.
    pub pending: u64,
}

struct Item {
    entry: Arc<Value>,
    size: usize,
    keys: Vec<(String, u64)>,
    what: String,
    received_ms: i64,
    attempts: u32,
    next_at: Instant,
    in_flight: bool,
    /// Failed for the app's absence (no wait asked for): tried again at once when another
    /// forward gets through.
    waiting_on_app: bool,
    tried_while_stopping: bool,
}

pub struct Queue {
    pub forwarding: Arc<Forwarding>,
    pub writer: Arc<Writer>,
    /// A handle of the journal to read from.
    pub file: std::fs::File,
    pub settings: Settings,
    /// Where the queue's lines go (listen's printer).
    pub say: Arc<dyn Fn(String) + Send + Sync>,
}

impl Queue {
    /// Forwards every relayed delivery from `from` on (those in `done` are settled) until
    /// `stop` turns true; then drains for at most [`DRAIN`].
    pub async fn run(
        self,
        from: u64,
        mut done: Bits,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) -> Counts {
        let mut counts = Counts::default();
        let mut window: BTreeMap<u64, Item> = BTreeMap::new();
        let mut window_bytes = 0usize;
        let mut offset = from;
        let (results, mut outcomes) = tokio::sync::mpsc::unbounded_channel::<(u64, Sent)>();
        let mut in_flight = 0usize;
        let mut stopping: Option<Instant> = None;
        loop {
            // Read on, as far as the window allows.
            if window.len() < WINDOW && window_bytes < WINDOW_BYTES {
                let limit = self.writer.committed();
                let mut lines = Lines::new(&self.file, offset);
                while window.len() < WINDOW && window_bytes < WINDOW_BYTES {
                    let Some(Ok((_, bytes))) = lines.next_line(limit) else {
                        break;
                    };
                    if let Some((seq, item)) = self.item(bytes) {
                        if !done.get(seq) && !window.contains_key(&seq) {
                            window_bytes += item.size;
                            window.insert(seq, item);
                        }
                    }
                }
                offset = lines.offset();
            }
            // Start what is due and not held behind an earlier delivery about its record.
            let now = Instant::now();
            let mut busy: HashSet<&(String, u64)> = HashSet::new();
            let mut launch = Vec::new();
            let mut launchable_left = false;
            for (seq, item) in &window {
                let held = item.keys.iter().any(|k| busy.contains(k));
                busy.extend(item.keys.iter());
                let due = !item.in_flight && item.next_at <= now && !held;
                let allowed = match stopping {
                    None => true,
                    Some(deadline) => now < deadline && !item.tried_while_stopping,
                };
                if due && allowed {
                    if in_flight + launch.len() < IN_FLIGHT {
                        launch.push(*seq);
                    } else {
                        launchable_left = true;
                    }
                }
            }
            for seq in launch {
                let Some(item) = window.get_mut(&seq) else {
                    continue;
                };
                item.in_flight = true;
                item.attempts += 1;
                if stopping.is_some() {
                    item.tried_while_stopping = true;
                }
                in_flight += 1;
                let (forwarding, entry, results) =
                    (self.forwarding.clone(), item.entry.clone(), results.clone());
                tokio::spawn(async move {
                    let sent = forwarding.send_entry(&entry).await;
                    let _ = results.send((seq, sent));
                });
            }
            if let Some(deadline) = stopping {
                let due_left = window.values().any(|i| {
                    !i.in_flight && !i.tried_while_stopping && i.next_at <= Instant::now()
                });
                if in_flight == 0 && (Instant::now() >= deadline || (!due_left && !launchable_left))
                {
                    break;
                }
            }
            let next_timer = window
                .values()
                .filter(|i| !i.in_flight)
                .map(|i| i.next_at)
                .min()
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
            let drain_end = stopping.unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
            tokio::select! {
                Some((seq, sent)) = outcomes.recv() => {
                    in_flight -= 1;
                    if self.settle(seq, &sent, &mut window, &mut done, &mut counts, stopping.is_some()).await {
                        if let Some(item) = window.remove(&seq) {
                            window_bytes -= item.size;
                        }
                    }
                }
                () = self.writer.appended.notified() => {}
                () = tokio::time::sleep_until(next_timer) => {}
                changed = stop.changed(), if stopping.is_none() => {
                    if changed.is_err() || *stop.borrow() {
                        stopping = Some(Instant::now() + DRAIN);
                    }
                }
                () = tokio::time::sleep_until(drain_end), if stopping.is_some() => {}
            }
        }
        // What is left in the window, and what was never read into it, stays pending.
        counts.pending = window.len() as u64;
        let limit = self.writer.committed();
        let mut lines = Lines::new(&self.file, offset);
        while let Some(Ok((_, bytes))) = lines.next_line(limit) {
            if let Some(journal::Line::Delivery {
                accepted: true,
                seq: Some(seq),
                ..
            }) = journal::classify(bytes)
            {
                if !done.get(seq) && !window.contains_key(&seq) {
                    counts.pending += 1;
                }
            }
        }
        counts
    }

    /// A relayed delivery read from the journal, ready to forward.
    fn item(&self, bytes: &[u8]) -> Option<(u64, Item)> {
        let entry: Value = serde_json::from_slice(bytes).ok()?;
        let seq = entry["seq"].as_u64()?;
        if entry["verdict"] != "ok" || entry.get("state").is_some() {
            return None;
        }
        // Its type, event and ids, read as listen read them when it accepted it.
        let checked = crate::delivery::check(entry["body"].as_str().unwrap_or("").as_bytes());
        let kind = checked.kind.unwrap_or_else(|| "?".into());
        let what = format!(
            "{}.{} ids {}",
            crate::text::short(&kind, 40),
            crate::text::short(checked.event.as_deref().unwrap_or("?"), 40),
            crate::delivery::id_range(&checked.ids)
        );
        let keys = checked
            .ids
            .into_iter()
            .map(|id| (kind.clone(), id))
            .collect();
        let received_ms = entry["received_at"]
            .as_str()
            .and_then(journal::parse_ms)
            .unwrap_or_else(crate::delivery::now_ms);
        Some((
            seq,
            Item {
                size: bytes.len(),
                entry: Arc::new(entry),
                keys,
                what,
                received_ms,
                attempts: 0,
                next_at: Instant::now(),
                in_flight: false,
                waiting_on_app: false,
                tried_while_stopping: false,
            },
        ))
    }

    /// Writes down what one attempt came to; true when the delivery is settled.
    async fn settle(
        &self,
        seq: u64,
        sent: &Sent,
        window: &mut BTreeMap<u64, Item>,
        done: &mut Bits,
        counts: &mut Counts,
        stopping: bool,
    ) -> bool {
        let to = crate::rules::shown_target(self.forwarding.url.as_str());
        let Some(item) = window.get_mut(&seq) else {
            return false;
        };
        item.in_flight = false;
        match verdict(sent) {
            Verdict::Taken => {
                let mark = journal::state_mark(
                    seq,
                    false,
                    json!({"status": sent.status, "attempts": item.attempts}),
                );
                let _ = self.writer.append(mark, Kind::State).await;
                done.set(seq);
                counts.forwarded += 1;
                let attempts = item.attempts;
                self.say_forwarded(&to, sent, seq, attempts);
                // The app is back: whatever waited for it goes now.
                let now = Instant::now();
                for other in window.values_mut() {
                    if other.waiting_on_app && !other.in_flight {
                        other.next_at = now;
                        other.waiting_on_app = false;
                    }
                }
                true
            }
            Verdict::Final => {
                let why = format!("{to} answered {}, which is final", sent.describe());
                self.dead(seq, item, &why, done, counts).await;
                true
            }
            Verdict::Again(asked) => {
                let wait = asked.unwrap_or_else(|| self.settings.wait(item.attempts));
                let deadline = item.received_ms
                    + i64::try_from(self.settings.retry_for.as_millis()).unwrap_or(i64::MAX);
                let next_ms =
                    crate::delivery::now_ms() + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
                if next_ms > deadline && !stopping {
                    let why = format!(
                        "--retry-for ({}) ran out; {to} last answered {}",
                        humantime::format_duration(self.settings.retry_for),
                        sent.describe()
                    );
                    self.dead(seq, item, &why, done, counts).await;
                    return true;
                }
                if item.attempts == 1 {
                    self.say(
                        json!({"retrying": {"seq": seq, "to": to, "status": sent.status, "error": sent.error}}),
                        format!(
                            "  forward of {} to {to}: {}; it is kept and tried again for up to {}",
                            item.what,
                            sent.describe(),
                            humantime::format_duration(self.settings.retry_for)
                        ),
                    );
                }
                item.waiting_on_app = asked.is_none();
                item.next_at = Instant::now() + wait;
                false
            }
        }
    }

    async fn dead(&self, seq: u64, item: &Item, why: &str, done: &mut Bits, counts: &mut Counts) {
        let mark = journal::state_mark(seq, true, json!({"why": why, "attempts": item.attempts}));
        let _ = self.writer.append(mark, Kind::State).await;
        done.set(seq);
        counts.dead += 1;
        self.say(
            json!({"dead": {"seq": seq, "attempts": item.attempts, "why": why}}),
            format!(
                "  dead-lettered {} after {} attempt(s): {why}; it stays in the journal: \
                 `copper-hooks replay --dead {} --to URL` sends it again",
                item.what,
                item.attempts,
                crate::text::shell_word(&self.settings.journal_shown)
            ),
        );
    }

    fn say_forwarded(&self, to: &str, sent: &Sent, seq: u64, attempts: u32) {
        self.say(
            json!({"forwarded": {"to": to, "status": sent.status, "error": sent.error, "ms": sent.ms, "seq": seq, "attempts": attempts}}),
            if attempts > 1 {
                format!("  forwarded to {to} after {attempts} attempts: {}", sent.describe())
            } else {
                format!("  forwarded to {to}: {}", sent.describe())
            },
        );
    }

    fn say(&self, json: Value, text: String) {
        let line = if self.settings.json {
            crate::text::json_safe(&json.to_string()).into_owned()
        } else {
            crate::text::line(&text).into_owned()
        };
        (self.say)(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_with_jitter_and_stop_at_the_cap() {
        let s = Settings {
            retry_for: Duration::from_secs(3600),
            backoff: Duration::from_secs(1),
            json: false,
            journal_shown: "j".into(),
        };
        for attempts in 1..30 {
            let wait = s.wait(attempts);
            let full = Duration::from_secs(1u64 << (attempts - 1).min(20)).min(s.cap());
            assert!(wait <= full && wait >= full / 2, "{attempts}: {wait:?}");
        }
        assert_eq!(s.cap(), Duration::from_secs(256));
    }
}
