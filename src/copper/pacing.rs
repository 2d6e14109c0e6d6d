//! Staying under Copper's rate limit, and waiting between retries.
//!
//! The limiter keeps the tool under N calls per rolling window (Copper: 180 a minute), across
//! every concurrent call of one process. Backoff is exponential with full jitter, and a
//! `Retry-After` from the server wins when present.

use std::collections::VecDeque;
use std::str::FromStr;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// `N/SECONDS`, e.g. `180/60`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub calls: u32,
    pub window: Duration,
}

impl Rate {
    pub const COPPER: Rate = Rate {
        calls: 180,
        window: Duration::from_secs(60),
    };
}

impl FromStr for Rate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a rate: write CALLS/SECONDS, e.g. 180/60");
        let (calls, secs) = s.split_once('/').ok_or_else(bad)?;
        let calls: u32 = calls.trim().parse().map_err(|_| bad())?;
        let secs: f64 = secs.trim().parse().map_err(|_| bad())?;
        if calls == 0 || !(0.001..=MAX_WINDOW_SECS).contains(&secs) {
            return Err(format!(
                "'{s}' is not a usable rate: CALLS must be at least 1 and SECONDS between \
                 0.001 and {MAX_WINDOW_SECS}"
            ));
        }
        Ok(Rate {
            calls,
            window: Duration::from_secs_f64(secs),
        })
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.calls, self.window.as_secs_f64())
    }
}

/// A rolling-window limiter: a call may start when fewer than `calls` are in flight or
/// ended within the last `window`.
///
/// A call's window is counted from when its answer came, not from when it was sent: the
/// server counted it somewhere in between, so this never runs ahead of the server's count.
#[derive(Debug)]
pub struct Limiter {
    rate: Rate,
    calls: Mutex<Calls>,
}

#[derive(Debug, Default)]
struct Calls {
    next: u64,
    /// (ticket, when it ended; `None` while in flight)
    entries: VecDeque<(u64, Option<Instant>)>,
}

/// One call's place in the window; hand it back with [`Limiter::finish`].
#[derive(Debug)]
pub struct Ticket(u64);

impl Limiter {
    pub fn new(rate: Rate) -> Self {
        Self {
            rate,
            calls: Mutex::new(Calls::default()),
        }
    }

    /// Waits until one more call fits in the window, then takes a place in it.
    pub async fn acquire(&self) -> Ticket {
        loop {
            let wait = {
                let mut calls = self.calls.lock().await;
                let now = Instant::now();
                let window = self.rate.window;
                calls
                    .entries
                    .retain(|(_, end)| end.is_none_or(|e| now.duration_since(e) < window));
                if calls.entries.len() < self.rate.calls as usize {
                    let ticket = calls.next;
                    calls.next += 1;
                    calls.entries.push_back((ticket, None));
                    return Ticket(ticket);
                }
                // The first ended call to leave the window frees a place; if all are still
                // in flight, look again shortly.
                calls
                    .entries
                    .iter()
                    .filter_map(|(_, end)| *end)
                    .map(|e| window.saturating_sub(now.duration_since(e)))
                    .min()
                    .unwrap_or(Duration::from_millis(20))
            };
            tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
        }
    }

    /// Marks the call as answered: its place frees up one window from now.
    pub async fn finish(&self, ticket: Ticket) {
        let mut calls = self.calls.lock().await;
        let now = Instant::now();
        if let Some(entry) = calls.entries.iter_mut().find(|(t, _)| *t == ticket.0) {
            entry.1 = Some(now);
        }
    }
}

/// The longest single wait a `Retry-After` can ask for.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(60);

/// The longest rolling window `--rate-limit` takes: a day. Longer is a typo, and would
/// overflow time arithmetic.
const MAX_WINDOW_SECS: f64 = 86_400.0;

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
        limiter.finish(a).await;
        limiter.finish(b).await;
        let _c = limiter.acquire().await;
        // Counted from when the calls ended (3 s), not when they started.
        assert!(start.elapsed() >= Duration::from_secs(13));
    }
}
