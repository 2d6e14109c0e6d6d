//! Staying under Copper's rate limit, and waiting between retries.
//!
//! The limiter keeps every concurrent call of one process under the configured ceiling (Copper:
//! 180 a minute) and under the quota it learns from 429s, which other integrations on the same
//! account share. Backoff between retries of failed calls is exponential with full jitter,
//! and a `Retry-After` from the server wins when present (capped).

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, Notify};

pub use crate::data::Rate;
use tokio::time::Instant;

/// What an answer says about the account's quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The server answered (any status but 429): the call counted against the quota.
    Counted,
    /// 429: the account's quota is spent, by this process or by other integrations.
    RateLimited { retry_after: Option<Duration> },
    /// No answer: whether it counted is unknown.
    Unknown,
}

/// Called with the expected wait whenever the limiter holds calls back for a while.
pub type WaitNotice = Arc<dyn Fn(Duration) + Send + Sync>;

/// Paces every call of one process under the account's quota, which it can only partly know.
///
/// Two rolling windows are enforced, each counting a call from when its answer came (the
/// server counted it somewhere in between, so this never runs ahead of the server's count):
/// the configured ceiling (Copper's 180 a minute), which is never exceeded, and a limit it
/// learns from 429s, since other integrations spend the same quota.
///
/// A 429 is news about the whole account: every call pauses, and one probe at a time, at
/// round seconds after the run began ([`PROBE_MARKS`], or after `Retry-After`), finds when
/// the quota has room again. The first time, that measures the server's effective window
/// (from the start of the burst to the first probe that passes) and limit (this process's
/// calls the server took in that window, those in flight at the 429 included). Later
/// 429s halve the learned limit; every learned window that passes without one grows it by an
/// eighth (AIMD), up to the ceiling. A quota an earlier run learned can be the starting point
/// ([`Limiter::starting_from`]; [`crate::quota`] keeps it between runs).
pub struct Limiter {
    ceiling: Rate,
    state: Mutex<State>,
    changed: Notify,
    notice: Option<WaitNotice>,
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("ceiling", &self.ceiling)
            .finish_non_exhaustive()
    }
}

/// The soonest a probe follows a 429 or a refused probe.
const FIRST_PROBE: Duration = Duration::from_millis(250);
/// When probes look for room, in seconds after the first answer of the run that ran into
/// the quota. Quotas are set in round seconds (Copper's 60, an older 6 and 600, 10 for many
/// APIs), and a rolling window has room again when the run's first calls leave it: a probe
/// at each mark finds that edge just after it passes, with few refused probes on the way
/// (geometric probing refused 7 before a 10 s window renewed, and overshot it by a quarter).
/// Past the last mark, probes come every [`Limiter::probe_cap`].
const PROBE_MARKS: [u64; 10] = [1, 2, 5, 6, 10, 15, 20, 30, 45, 60];
/// Until a quota is learned, calls past this share of the ceiling's window go at most
/// [`CAREFUL_IN_FLIGHT`] at a time. Every call in flight when an untold quota runs out is
/// refused (a 429 takes as long to come back as any answer), so a full burst of 16 costs 16
/// refusals; past a quarter of the ceiling, where other integrations' share may end the
/// quota, 6 cost 6. The first quarter (45 of Copper's 180) still goes at full speed.
const CAREFUL_FROM: f64 = 0.25;
const CAREFUL_IN_FLIGHT: usize = 6;
/// After the mark: the server counted a call before it answered, so a little later is enough.
const PROBE_MARGIN: Duration = Duration::from_millis(20);
/// Waits shorter than this are not worth telling anyone about; notices come at most this
/// often.
const NOTICE_AFTER: Duration = Duration::from_millis(1500);
const NOTICE_EVERY: Duration = Duration::from_secs(10);

#[derive(Debug)]
struct State {
    next: u64,
    /// Calls in flight (`end: None`) or answered within the longest window enforced.
    entries: VecDeque<Entry>,
    learned: Option<Learned>,
    pause: Option<Pause>,
    /// When the current run of calls (since start, or since the last pause) began.
    run_since: Instant,
    /// Bumped on every 429 reaction, so the other calls of one burst that answer 429 too
    /// count as one piece of news, not many.
    epoch: u64,
    last_notice: Option<Instant>,
    /// Calls in flight past the learned limit, asking whether the quota has more room now.
    ups: Vec<u64>,
    /// How many such calls may be in flight: 1, doubled by each that passes.
    up_width: usize,
    /// No call past the learned limit before this (set by one the server refused).
    up_after: Option<Instant>,
    /// How long the next refusal of one keeps them off: a window, doubled by each refusal.
    up_backoff: Option<Duration>,
}

/// Calls past a learned limit in flight at most: the cost of the question, when the answer
/// is no.
const UP_WIDTH: usize = 4;
/// The longest a refused call past the learned limit keeps the next one off.
const UP_BACKOFF_CAP: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
struct Entry {
    ticket: u64,
    end: Option<Instant>,
    counted: bool,
}

/// The quota as learned: `limit` calls per rolling `window`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Learned {
    pub limit: u32,
    pub window: Duration,
    grown_at: Instant,
    /// Whether it held a call back since it last grew: a limit that never binds has taught
    /// nothing new about the quota, so it does not grow (or it would drift past the real
    /// quota while another limit binds, and the next burst would meet 429s again).
    bound: bool,
    /// Whether calls may go past it to ask for room: for a share this run learned beside
    /// whoever else was calling then, not for a quota an earlier run kept (trusted as it
    /// is, and grown only in quiet windows: asking would cost a 429 a window on an account
    /// whose quota is simply full).
    asks: bool,
}

#[derive(Debug)]
struct Pause {
    /// When the 429 that started it came.
    since: Instant,
    /// When the run that ended in it began.
    run_since: Instant,
    /// The first answer of that run: what [`PROBE_MARKS`] count from.
    anchor: Instant,
    next_probe: Instant,
    probe: Option<u64>,
}

/// One call's place in the windows; hand it back with [`Limiter::finish`].
#[derive(Debug)]
pub struct Ticket {
    id: u64,
    epoch: u64,
}

impl Limiter {
    pub fn new(ceiling: Rate) -> Self {
        Self::with_notice(ceiling, None)
    }

    pub fn with_notice(ceiling: Rate, notice: Option<WaitNotice>) -> Self {
        Self {
            ceiling,
            state: Mutex::new(State {
                next: 0,
                entries: VecDeque::new(),
                learned: None,
                pause: None,
                run_since: Instant::now(),
                epoch: 0,
                last_notice: None,
                ups: Vec::new(),
                up_width: 1,
                up_after: None,
                up_backoff: None,
            }),
            changed: Notify::new(),
            notice,
        }
    }

    /// Starts from a quota learned before (by an earlier run on the same account), as if
    /// this run had learned it: kept under the ceiling, grown back as windows pass quietly.
    #[must_use]
    pub fn starting_from(mut self, learned: Option<Rate>) -> Self {
        if let Some(rate) = learned {
            self.state.get_mut().learned = Some(Learned {
                limit: rate.calls.clamp(1, self.ceiling.calls),
                window: rate
                    .window
                    .clamp(Duration::from_millis(100), self.ceiling.window),
                grown_at: Instant::now(),
                bound: false,
                asks: false,
            });
        }
        self
    }

    /// The quota learned so far, if any 429 taught one (or an earlier run did).
    pub async fn learned(&self) -> Option<Learned> {
        self.state.lock().await.learned
    }

    /// Waits until one more call fits, then takes a place for it.
    pub async fn acquire(&self) -> Ticket {
        loop {
            let (wait, notified) = {
                let mut state = self.state.lock().await;
                // Registered before the lock is let go, so no change is missed.
                let notified = self.changed.notified();
                let now = Instant::now();
                match self.try_take(&mut state, now) {
                    Ok(ticket) => return ticket,
                    Err(wait) => {
                        if wait >= NOTICE_AFTER
                            && state
                                .last_notice
                                .is_none_or(|t| now.duration_since(t) >= NOTICE_EVERY)
                        {
                            state.last_notice = Some(now);
                            if let Some(notice) = &self.notice {
                                notice(wait);
                            }
                        }
                        (wait, notified)
                    }
                }
            };
            tokio::select! {
                () = tokio::time::sleep(wait.max(Duration::from_millis(1))) => {}
                () = notified => {}
            }
        }
    }

    /// A ticket now, or how long until one may be free.
    fn try_take(&self, state: &mut State, now: Instant) -> Result<Ticket, Duration> {
        let longest = state
            .learned
            .map_or(self.ceiling.window, |l| l.window.max(self.ceiling.window));
        state
            .entries
            .retain(|e| e.end.is_none_or(|end| now.duration_since(end) < longest));
        let mut probe = false;
        if let Some(pause) = &state.pause {
            if pause.probe.is_some() {
                // One probe at a time; its answer wakes everyone.
                return Err(Duration::from_secs(1));
            }
            if now < pause.next_probe {
                return Err(pause.next_probe - now);
            }
            probe = true;
        }
        let mut wait = window_wait(&state.entries, self.ceiling.calls, self.ceiling.window, now);
        if state.learned.is_none() && !probe {
            let in_flight = state.entries.iter().filter(|e| e.end.is_none()).count();
            let used = state.entries.len();
            if in_flight >= CAREFUL_IN_FLIGHT
                && used as f64 >= f64::from(self.ceiling.calls) * CAREFUL_FROM
            {
                // An answer wakes the waiters.
                wait = wait.max(Duration::from_secs(1));
            }
        }
        let mut up = false;
        if let Some(l) = &mut state.learned {
            let learned = window_wait(&state.entries, l.limit, l.window, now);
            l.bound |= !learned.is_zero();
            // A learned limit is this process's share when it was learned: other clients
            // may have stopped since (a second apply that finished). Past it, a few calls
            // at a time ask the server whether there is room now; each it takes raises the
            // limit by one, and one it refuses costs that one 429 and keeps them off for a
            // window (doubling, at most a minute). Never past the ceiling, never in a pause.
            // Only when the wait is long: near a window's edge a call past the limit may
            // pass only because the server's count of the oldest calls ended a moment
            // before this one's, which says nothing of more room (and would let the limit
            // creep past the quota).
            if l.asks
                && learned >= l.window / 10
                && wait.is_zero()
                && !probe
                && state.ups.len() < state.up_width
                && state.up_after.is_none_or(|t| now >= t)
            {
                up = true;
            } else {
                wait = wait.max(learned);
            }
        }
        if !wait.is_zero() {
            return Err(wait);
        }
        let id = state.next;
        state.next += 1;
        if up {
            state.ups.push(id);
        }
        state.entries.push_back(Entry {
            ticket: id,
            end: None,
            counted: false,
        });
        if probe {
            if let Some(pause) = &mut state.pause {
                pause.probe = Some(id);
            }
        }
        Ok(Ticket {
            id,
            epoch: state.epoch,
        })
    }

    /// Hands a place back with what the answer said about the quota.
    pub async fn finish(&self, ticket: Ticket, verdict: Verdict) {
        let mut state = self.state.lock().await;
        let now = Instant::now();
        if matches!(verdict, Verdict::RateLimited { .. }) {
            // Refused, so not counted by the server: it takes no place in the windows (or
            // every 429 of a burst would hold back the window after the quota renews).
            state.entries.retain(|e| e.ticket != ticket.id);
        } else if let Some(entry) = state.entries.iter_mut().find(|e| e.ticket == ticket.id) {
            entry.end = Some(now);
            entry.counted = verdict == Verdict::Counted;
        }
        if let Some(at) = state.ups.iter().position(|id| *id == ticket.id) {
            state.ups.swap_remove(at);
            self.answered_up(&mut state, now, verdict);
            drop(state);
            self.changed.notify_waiters();
            return;
        }
        let was_probe = state
            .pause
            .as_ref()
            .is_some_and(|p| p.probe == Some(ticket.id));
        match verdict {
            Verdict::Counted if was_probe => self.resume(&mut state, now),
            Verdict::Counted => {
                if let Some(l) = &mut state.learned {
                    if now.duration_since(l.grown_at) >= l.window {
                        if l.bound {
                            l.limit = (l.limit + (l.limit / 8).max(1)).min(self.ceiling.calls);
                        }
                        l.grown_at = now;
                        l.bound = false;
                    }
                }
            }
            Verdict::RateLimited { retry_after } => {
                let retry_after = retry_after.map(|d| d.min(RETRY_AFTER_CAP));
                if was_probe {
                    let cap = self.probe_cap();
                    if let Some(pause) = &mut state.pause {
                        pause.probe = None;
                        pause.next_probe = retry_after
                            .map_or_else(|| next_mark(pause.anchor, now, cap), |wait| now + wait);
                    }
                } else if state.pause.is_none() && ticket.epoch == state.epoch {
                    state.epoch += 1;
                    if let Some(l) = &mut state.learned {
                        l.limit = (l.limit / 2).max(1);
                        l.grown_at = now;
                        l.bound = false;
                    }
                    let run_since = state.run_since;
                    let anchor = state
                        .entries
                        .iter()
                        .filter(|e| e.counted)
                        .filter_map(|e| e.end)
                        .filter(|end| *end >= run_since)
                        .min()
                        .unwrap_or(now);
                    let cap = self.probe_cap();
                    state.pause = Some(Pause {
                        since: now,
                        run_since,
                        anchor,
                        next_probe: retry_after
                            .map_or_else(|| next_mark(anchor, now, cap), |wait| now + wait),
                        probe: None,
                    });
                }
            }
            Verdict::Unknown if was_probe => {
                if let Some(pause) = &mut state.pause {
                    pause.probe = None;
                }
            }
            Verdict::Unknown => {}
        }
        drop(state);
        self.changed.notify_waiters();
    }

    /// A call past the learned limit was answered: taken, the limit was too low by one
    /// (and more may go at once); refused, the limit stands, and no more ask for a while.
    fn answered_up(&self, state: &mut State, now: Instant, verdict: Verdict) {
        let Some(l) = &mut state.learned else {
            return;
        };
        match verdict {
            Verdict::Counted => {
                l.limit = (l.limit + 1).min(self.ceiling.calls);
                state.up_width = (state.up_width * 2).min(UP_WIDTH);
                state.up_backoff = None;
            }
            Verdict::RateLimited { retry_after } => {
                let backoff = state
                    .up_backoff
                    .map_or(l.window, |b| (b * 2).min(UP_BACKOFF_CAP));
                let wait = retry_after.map_or(backoff, |r| r.min(RETRY_AFTER_CAP).max(backoff));
                state.up_after = Some(now + wait);
                state.up_backoff = Some(backoff);
                state.up_width = 1;
            }
            Verdict::Unknown => {}
        }
    }

    /// The probe passed: the quota has room again. The first time, learn it.
    fn resume(&self, state: &mut State, now: Instant) {
        let Some(pause) = state.pause.take() else {
            return;
        };
        if state.learned.is_none() {
            let window = now
                .duration_since(pause.run_since)
                .clamp(Duration::from_millis(100), self.ceiling.window);
            let from = pause.since.checked_sub(window).unwrap_or(pause.run_since);
            // Every call of this run the server took: those answered before the 429, and
            // those in flight then that it took too (it counted them in the same window);
            // not the probe, which the renewed window counted.
            let accepted = state
                .entries
                .iter()
                .filter(|e| Some(e.ticket) != pause.probe)
                .filter(|e| e.counted && e.end.is_some_and(|end| end > from))
                .count();
            state.learned = Some(Learned {
                limit: u32::try_from(accepted)
                    .unwrap_or(u32::MAX)
                    .clamp(1, self.ceiling.calls),
                window,
                grown_at: now,
                bound: false,
                asks: true,
            });
        }
        state.run_since = now;
    }

    fn probe_cap(&self) -> Duration {
        (self.ceiling.window / 4).max(FIRST_PROBE)
    }
}

/// The next probe after a refusal at `now`: the first of [`PROBE_MARKS`] (from `anchor`)
/// at least [`FIRST_PROBE`] away, or `cap` from now past the last mark.
fn next_mark(anchor: Instant, now: Instant, cap: Duration) -> Instant {
    let earliest = now + FIRST_PROBE;
    PROBE_MARKS
        .iter()
        .map(|s| anchor + Duration::from_secs(*s) + PROBE_MARGIN)
        .find(|t| *t >= earliest)
        .unwrap_or(now + cap)
}

/// How long until one more call fits in `limit` per rolling `window`, counting calls in
/// flight and calls answered within the window.
fn window_wait(entries: &VecDeque<Entry>, limit: u32, window: Duration, now: Instant) -> Duration {
    let mut ends: Vec<Instant> = Vec::new();
    let mut in_flight = 0usize;
    for e in entries {
        match e.end {
            None => in_flight += 1,
            Some(end) if now.duration_since(end) < window => ends.push(end),
            Some(_) => {}
        }
    }
    let used = in_flight + ends.len();
    if used < limit as usize {
        return Duration::ZERO;
    }
    // Enough answered calls must leave the window to bring the count under the limit; when
    // too many are still in flight, their answers wake the waiters instead.
    ends.sort_unstable();
    let must_leave = used + 1 - limit as usize;
    match ends.get(must_leave - 1) {
        Some(end) => window.saturating_sub(now.duration_since(*end)),
        None => Duration::from_secs(1),
    }
}

/// The longest single wait a `Retry-After` can ask for.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(60);

/// How often and how long to retry.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub retries: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            retries: 4,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(30),
        }
    }
}

impl Backoff {
    /// The wait before retry number `attempt` (1-based): the server's `Retry-After` if it
    /// gave one (capped), else full jitter over an exponential ceiling.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            // A server may ask for any wait; a CI job should not hang on its word.
            return wait.min(RETRY_AFTER_CAP);
        }
        let ceiling = self
            .base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.cap);
        ceiling.mul_f64(fastrand::f64().max(0.1))
    }
}

/// Parses a `Retry-After` header given in seconds (the only form worth trusting here).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_parses() {
        assert_eq!("180/60".parse::<Rate>().unwrap(), Rate::COPPER);
        assert!("0/60".parse::<Rate>().is_err());
        assert!("abc".parse::<Rate>().is_err());
        assert!("5/0".parse::<Rate>().is_err());
        assert!("1/1e300".parse::<Rate>().is_err());
        assert!("1/NaN".parse::<Rate>().is_err());
        assert!("1/inf".parse::<Rate>().is_err());
        assert!("4294967296/1".parse::<Rate>().is_err());
    }

    #[test]
    fn backoff_stays_under_its_cap() {
        let b = Backoff::default();
        for attempt in 1..20 {
            assert!(b.delay(attempt, None) <= b.cap);
        }
        assert_eq!(
            b.delay(1, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(
            b.delay(1, Some(Duration::from_secs(86_400))),
            RETRY_AFTER_CAP
        );
    }

    #[tokio::test(start_paused = true)]
    async fn limiter_waits_for_the_window() {
        let limiter = Limiter::new("2/10".parse().unwrap());
        let start = Instant::now();
        let a = limiter.acquire().await;
        let b = limiter.acquire().await;
        assert!(start.elapsed() < Duration::from_secs(1));
        tokio::time::sleep(Duration::from_secs(3)).await;
        limiter.finish(a, Verdict::Counted).await;
        limiter.finish(b, Verdict::Counted).await;
        let _c = limiter.acquire().await;
        // Counted from when the calls ended (3 s), not when they started.
        assert!(start.elapsed() >= Duration::from_secs(13));
    }

    #[tokio::test(start_paused = true)]
    async fn refused_calls_take_no_place_in_the_windows() {
        let limiter = Limiter::new("4/10".parse().unwrap());
        let start = Instant::now();
        let tickets = [
            limiter.acquire().await,
            limiter.acquire().await,
            limiter.acquire().await,
            limiter.acquire().await,
        ];
        for (i, t) in tickets.into_iter().enumerate() {
            let verdict = if i < 2 {
                Verdict::Counted
            } else {
                Verdict::RateLimited { retry_after: None }
            };
            limiter.finish(t, verdict).await;
        }
        let probe = limiter.acquire().await;
        limiter.finish(probe, Verdict::Counted).await;
        // Three calls counted of the ceiling's four: one more fits now, not when the first
        // call leaves the 10 s window.
        let _next = limiter.acquire().await;
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_quota_learned_before_paces_from_the_first_call() {
        let limiter = Limiter::new(Rate::COPPER).starting_from(Some("2/10".parse().unwrap()));
        let start = Instant::now();
        for _ in 0..2 {
            let t = limiter.acquire().await;
            limiter.finish(t, Verdict::Counted).await;
        }
        // A quota an earlier run kept is trusted as it is: no call goes past it to ask.
        let _third = limiter.acquire().await;
        assert!(start.elapsed() >= Duration::from_secs(10));
        // Never looser than the ceiling, whatever an earlier run says.
        let loose =
            Limiter::new("5/60".parse().unwrap()).starting_from(Some("500/3600".parse().unwrap()));
        let learned = loose.learned().await.unwrap();
        assert_eq!(
            (learned.limit, learned.window),
            (5, Duration::from_secs(60))
        );
    }

    /// A server with a rolling-window quota the limiter is not told about, shared with
    /// `others`, who spend `others_per_window` of it evenly.
    struct Server {
        limit: usize,
        window: Duration,
        accepted: std::sync::Mutex<VecDeque<Instant>>,
        ours: std::sync::Mutex<Vec<Instant>>,
        refused: std::sync::atomic::AtomicU32,
    }

    impl Server {
        fn new(limit: usize, window: Duration) -> Arc<Server> {
            Arc::new(Server {
                limit,
                window,
                accepted: std::sync::Mutex::new(VecDeque::new()),
                ours: std::sync::Mutex::new(Vec::new()),
                refused: std::sync::atomic::AtomicU32::new(0),
            })
        }

        fn take(&self, ours: bool) -> bool {
            let now = Instant::now();
            let mut accepted = self.accepted.lock().unwrap();
            while accepted
                .front()
                .is_some_and(|t| now.duration_since(*t) >= self.window)
            {
                accepted.pop_front();
            }
            if accepted.len() >= self.limit {
                if ours {
                    self.refused
                        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                return false;
            }
            accepted.push_back(now);
            if ours {
                self.ours.lock().unwrap().push(now);
            }
            true
        }

        /// The most of our calls the server accepted in any `window`.
        fn most_in(&self, window: Duration) -> usize {
            let ours = self.ours.lock().unwrap();
            ours.iter()
                .map(|start| {
                    ours.iter()
                        .filter(|t| **t >= *start && **t - *start < window)
                        .count()
                })
                .max()
                .unwrap_or(0)
        }
    }

    /// `calls` calls, `concurrency` at a time, each retried after a 429 until it passes.
    async fn run(limiter: Arc<Limiter>, server: Arc<Server>, calls: usize, concurrency: usize) {
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let (limiter, server, next) = (limiter.clone(), server.clone(), next.clone());
            tasks.push(tokio::spawn(async move {
                while next.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < calls {
                    loop {
                        let ticket = limiter.acquire().await;
                        tokio::time::sleep(Duration::from_millis(25)).await;
                        let ok = server.take(true);
                        tokio::time::sleep(Duration::from_millis(25)).await;
                        let verdict = if ok {
                            Verdict::Counted
                        } else {
                            Verdict::RateLimited { retry_after: None }
                        };
                        limiter.finish(ticket, verdict).await;
                        if ok {
                            break;
                        }
                    }
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_lower_quota_than_told_is_learned_and_every_call_gets_through() {
        // Told 180 a minute; the account takes 60 per rolling 10 s.
        let limiter = Arc::new(Limiter::new(Rate::COPPER));
        let server = Server::new(60, Duration::from_secs(10));
        let start = Instant::now();
        run(limiter.clone(), server.clone(), 300, 8).await;
        let took = start.elapsed();
        let refused = server.refused.load(std::sync::atomic::Ordering::SeqCst);
        // The window is learned; the limit, after the run, is wherever AIMD's saw-tooth
        // left it (the exact first learning is the test below).
        let learned = limiter.learned().await.expect("a quota was learned");
        assert!(learned.window >= Duration::from_secs(10), "{learned:?}");
        // 429s cost a small share of the calls, not one per call.
        assert!(refused <= 30, "{refused} refused of 300");
        // Never past the ceiling, and within reach of the quota's floor: 300 calls at the
        // ceiling of 180 a minute need over 60 s whatever the server allows.
        assert!(server.most_in(Duration::from_secs(60)) <= 180);
        assert!(took >= Duration::from_secs(60), "{took:?}");
        assert!(took <= Duration::from_secs(140), "{took:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_learning_counts_every_call_taken_and_finds_a_round_window() {
        // 100 calls at 16 in flight against an untold 60 per rolling 10 s.
        let limiter = Arc::new(Limiter::new(Rate::COPPER));
        let server = Server::new(60, Duration::from_secs(10));
        run(limiter.clone(), server.clone(), 100, 16).await;
        let refused = server.refused.load(std::sync::atomic::Ordering::SeqCst);
        let learned = limiter.learned().await.expect("learned");
        // The calls in flight when the first 429 came were taken too: the whole quota is
        // learned, not the part answered before the 429 (then each call past it that the
        // server took, as the learned window is a little longer than the server's, adds
        // one).
        assert!((60..=64).contains(&learned.limit), "{learned:?}");
        // The probe at 10 s after the first answer passes: the window, nearly exactly.
        assert!(
            learned.window >= Duration::from_secs(10)
                && learned.window <= Duration::from_millis(10_200),
            "{learned:?}"
        );
        // The burst's refusals and the probes before 10 s (at 1, 2, 5 and 6 s): under a tenth.
        assert!(refused * 10 < 100 + refused, "{refused} refused");
    }

    #[tokio::test(start_paused = true)]
    async fn a_share_learned_beside_another_client_grows_back_when_it_stops() {
        // Another client spends 44 of an untold 60 per 10 s at once, then stops: this
        // process learns a share of 16 when the window renews, and the calls past it find
        // the room the other left, instead of waiting a window for each 16.
        let limiter = Arc::new(Limiter::new(Rate::COPPER));
        let server = Server::new(60, Duration::from_secs(10));
        for _ in 0..44 {
            server.take(false);
        }
        let start = Instant::now();
        run(limiter.clone(), server.clone(), 50, 16).await;
        let took = start.elapsed();
        let learned = limiter.learned().await.expect("learned");
        assert!(took < Duration::from_secs(12), "{took:?}");
        assert!(learned.limit > 16, "{learned:?}");
        // Its own burst into the quota and the probes before the window renewed, and
        // nothing past the learned share refused.
        let refused = server.refused.load(std::sync::atomic::Ordering::SeqCst);
        assert!(refused <= 24, "{refused} refused");
    }

    #[tokio::test(start_paused = true)]
    async fn a_kept_quota_is_trusted_and_a_learned_one_asked_past_sparingly() {
        // A quota kept by an earlier run: no asking, so a full account costs no 429s.
        let full =
            Arc::new(Limiter::new(Rate::COPPER).starting_from(Some("60/10".parse().unwrap())));
        let server = Server::new(60, Duration::from_secs(10));
        run(full.clone(), server.clone(), 120, 16).await;
        assert_eq!(server.refused.load(std::sync::atomic::Ordering::SeqCst), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn other_clients_on_the_account_are_waited_out_together() {
        let limiter = Arc::new(Limiter::new(Rate::COPPER));
        let server = Server::new(30, Duration::from_secs(5));
        // Someone else spends 3 of every 5 s's 30 calls.
        let other = {
            let server = server.clone();
            tokio::spawn(async move {
                loop {
                    server.take(false);
                    tokio::time::sleep(Duration::from_millis(1667)).await;
                }
            })
        };
        run(limiter.clone(), server.clone(), 120, 6).await;
        other.abort();
        let refused = server.refused.load(std::sync::atomic::Ordering::SeqCst);
        assert!(refused <= 40, "{refused} refused of 120");
        assert!(limiter.learned().await.is_some());
    }

    #[tokio::test(start_paused = true)]
    async fn decrease_on_429_grow_in_quiet_windows_never_past_the_ceiling() {
        let limiter = Limiter::new("20/10".parse().unwrap());
        // A burst of 5, then a 429: everyone pauses until a probe passes.
        let mut tickets = Vec::new();
        for _ in 0..6 {
            tickets.push(limiter.acquire().await);
        }
        let refused = tickets.pop().unwrap();
        for t in tickets {
            limiter.finish(t, Verdict::Counted).await;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        limiter
            .finish(refused, Verdict::RateLimited { retry_after: None })
            .await;
        // The probe comes after the first probe interval and passes: 5 per about 2.25 s.
        let probe = limiter.acquire().await;
        limiter.finish(probe, Verdict::Counted).await;
        let learned = limiter.learned().await.unwrap();
        assert_eq!(learned.limit, 5);
        assert!(learned.window >= Duration::from_secs(2), "{learned:?}");
        // Windows without a 429 in which the limit held calls back grow it by an eighth, at
        // least one each, until the ceiling (20 per 10 s) is what holds calls back.
        for _ in 0..40 {
            let limit = limiter.learned().await.unwrap().limit;
            for _ in 0..=limit {
                let t = limiter.acquire().await;
                limiter.finish(t, Verdict::Counted).await;
            }
        }
        let grown = limiter.learned().await.unwrap().limit;
        assert!((6..=20).contains(&grown), "{grown}");
        // A later 429 halves it.
        let t = limiter.acquire().await;
        limiter
            .finish(t, Verdict::RateLimited { retry_after: None })
            .await;
        let probe = limiter.acquire().await;
        limiter.finish(probe, Verdict::Counted).await;
        assert_eq!(limiter.learned().await.unwrap().limit, grown / 2);
        // Windows in which it held nothing back teach nothing: once the calls before have
        // left its window, it stays where it is.
        tokio::time::sleep(learned.window * 2).await;
        let t = limiter.acquire().await;
        limiter.finish(t, Verdict::Counted).await;
        let idle = limiter.learned().await.unwrap().limit;
        for _ in 0..10 {
            tokio::time::sleep(learned.window).await;
            let t = limiter.acquire().await;
            limiter.finish(t, Verdict::Counted).await;
        }
        assert_eq!(limiter.learned().await.unwrap().limit, idle);
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_sets_the_probe_and_is_capped() {
        let limiter = Limiter::new(Rate::COPPER);
        let start = Instant::now();
        let t = limiter.acquire().await;
        limiter
            .finish(
                t,
                Verdict::RateLimited {
                    retry_after: Some(Duration::from_secs(86_400)),
                },
            )
            .await;
        let _probe = limiter.acquire().await;
        assert_eq!(start.elapsed().as_secs(), RETRY_AFTER_CAP.as_secs());
    }
}
