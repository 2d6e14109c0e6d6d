//! Copper's side of deliveries: a record event becomes notifications of at most 30 ids for
//! every subscription to its (type, event), each sent once and never retried, whatever the
//! answer; past the account's delivery limits (Copper: 600 a minute and 1,800 per ten
//! minutes) notifications are held back, not dropped, until the window renews; each may be
//! late by up to a set delay (Copper: up to 15 minutes). Delays and windows run on a clock
//! that can be scaled, so a test sees a 15-minute delay in a second. Every attempt is kept
//! for `GET /_emulator/deliveries`.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use tokio::time::Instant;

use crate::data::Rate;
use crate::delivery::{self, Changes, Notification};
use crate::rules::Pairs;

/// How deliveries behave; Copper's own limits by default.
#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// Each a rolling window of notifications per account.
    pub limits: Vec<Rate>,
    /// Each notification is sent after a random wait of up to this long (Copper's time).
    pub max_delay: Duration,
    /// Copper's time runs this many times faster than real time, for delays and windows.
    pub time_scale: u32,
    /// Accept http targets on loopback (for a local receiver; Copper never would).
    pub allow_http_targets: bool,
    /// Hosts other than loopback that notifications may be sent to (`--deliver-to`). All
    /// others are recorded as not sent: a pipeline that applies its real manifest to the
    /// emulator must not send fake notifications to production receivers.
    pub external_hosts: Vec<String>,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            limits: vec![
                Rate {
                    calls: 600,
                    window: Duration::from_secs(60),
                },
                Rate {
                    calls: 1800,
                    window: Duration::from_secs(600),
                },
            ],
            max_delay: Duration::ZERO,
            time_scale: 1,
            allow_http_targets: false,
            external_hosts: Vec::new(),
        }
    }
}

impl DeliveryConfig {
    /// How long `copper` (a span of Copper's time) takes in real time.
    fn real(&self, copper: Duration) -> Duration {
        copper / self.time_scale.max(1)
    }

    /// How long `real` (a span of real time) is in Copper's time.
    fn copper(&self, real: Duration) -> Duration {
        real.saturating_mul(self.time_scale.max(1))
    }
}

/// The most attempts the log keeps.
const LOGGED: usize = 1000;

/// The most notifications on the wire at once.
const IN_FLIGHT: usize = 32;

/// The most notifications waiting to be sent (delayed or held back), all events together:
/// an event that would pass it is refused (413), so no request can make the emulator hold
/// more than this.
pub const MAX_QUEUED: usize = 20_000;

/// One attempt, as `/_emulator/deliveries` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    /// Whose subscription (`?email=` chooses by it).
    #[serde(skip)]
    pub account: super::AccountId,
    pub subscription_id: u64,
    pub target: String,
    pub ids: Vec<u64>,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub at: String,
    /// How late it was sent on purpose (`--delivery-delay`), in Copper's time.
    pub delay_ms: u64,
    /// How long the account's delivery limits held it back, in Copper's time.
    pub held_back_ms: u64,
}

/// One notification on its way: where, with what headers and body.
pub struct Outgoing {
    /// Whose subscription: each account has delivery limits of its own.
    pub account: super::AccountId,
    pub subscription_id: u64,
    pub target: String,
    pub headers: Pairs,
    pub notification: Notification,
}

pub struct Deliverer {
    config: DeliveryConfig,
    http: reqwest::Client,
    /// Send times within each limit's window, per account.
    windows: tokio::sync::Mutex<HashMap<super::AccountId, Vec<VecDeque<Instant>>>>,
    log: std::sync::Mutex<VecDeque<Attempt>>,
    in_flight: Arc<tokio::sync::Semaphore>,
    pub held_back: AtomicU64,
    /// Notifications accepted and not yet attempted.
    queued: Arc<std::sync::atomic::AtomicUsize>,
}

impl Deliverer {
    pub fn new(config: DeliveryConfig) -> anyhow::Result<Deliverer> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .no_proxy()
            .user_agent("Copper (copper-hooks emulator)")
            .build()?;
        Ok(Deliverer {
            windows: tokio::sync::Mutex::new(HashMap::new()),
            config,
            http,
            log: std::sync::Mutex::new(VecDeque::new()),
            in_flight: Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT)),
            held_back: AtomicU64::new(0),
            queued: Arc::default(),
        })
    }

    pub fn allow_http_targets(&self) -> bool {
        self.config.allow_http_targets
    }

    /// Takes places for `count` more notifications in the queue, or says how many are
    /// queued already when they would not fit under [`MAX_QUEUED`].
    pub fn reserve(&self, count: usize) -> Result<(), usize> {
        let mut queued = self.queued.load(Ordering::SeqCst);
        loop {
            if queued + count > MAX_QUEUED {
                return Err(queued);
            }
            match self.queued.compare_exchange(
                queued,
                queued + count,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => return Ok(()),
                Err(now) => queued = now,
            }
        }
    }

    /// Whether a notification may be sent to `target`: loopback always (a local
    /// receiver), other hosts only when named by `--deliver-to`.
    fn may_send_to(&self, target: &str) -> bool {
        let Ok(url) = url::Url::parse(target) else {
            return false;
        };
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        crate::rules::is_loopback_host(&url)
            || self.config.external_hosts.iter().any(|h| {
                let h = h.to_ascii_lowercase();
                h == host || url.port().is_some_and(|p| h == format!("{host}:{p}"))
            })
    }

    /// Sends the notifications of one event in the background (their places taken with
    /// [`Deliverer::reserve`]): each after its own random delay, in the order they fall
    /// due, as the delivery limits let them through.
    pub fn send_all(self: &Arc<Self>, outgoing: Vec<Outgoing>) {
        let me = self.clone();
        let mut due: Vec<(Duration, Outgoing)> = outgoing
            .into_iter()
            .map(|one| (self.config.max_delay.mul_f64(fastrand::f64()), one))
            .collect();
        due.sort_by_key(|(delay, _)| *delay);
        tokio::spawn(async move {
            let start = Instant::now();
            for (delay, one) in due {
                let due = start + me.config.real(delay);
                tokio::time::sleep_until(due).await;
                me.wait_for_room(one.account).await;
                // Held back from when it fell due, queued behind the others included.
                let held = due.elapsed();
                if held >= Duration::from_millis(1) {
                    me.held_back.fetch_add(1, Ordering::Relaxed);
                }
                let Ok(permit) = me.in_flight.clone().acquire_owned().await else {
                    return;
                };
                let me = me.clone();
                tokio::spawn(async move {
                    me.send(one, delay, held).await;
                    drop(permit);
                });
            }
        });
    }

    async fn send(&self, one: Outgoing, delay: Duration, held: Duration) {
        self.queued.fetch_sub(1, Ordering::SeqCst);
        let (status, error) = if self.may_send_to(&one.target) {
            let mut request = self
                .http
                .post(&one.target)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(one.notification.body().to_string());
            for (name, value) in &one.headers {
                request = request.header(name.as_str(), value.as_str());
            }
            // Once: whatever comes back, Copper does not send it again.
            match request.send().await {
                Ok(resp) => (Some(resp.status().as_u16()), None),
                Err(err) if err.is_timeout() => (None, Some("no answer in 10 s".to_string())),
                Err(err) if err.is_connect() => (None, Some("could not connect".to_string())),
                Err(_) => (None, Some("connection lost".to_string())),
            }
        } else {
            (
                None,
                Some("not sent: external target (--deliver-to HOST sends there)".to_string()),
            )
        };
        let attempt = Attempt {
            account: one.account,
            subscription_id: one.subscription_id,
            target: one.target,
            ids: one.notification.ids,
            status,
            error,
            at: delivery::timestamp(delivery::now_ms()),
            delay_ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            held_back_ms: u64::try_from(self.config.copper(held).as_millis()).unwrap_or(u64::MAX),
        };
        let mut log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        log.push_back(attempt);
        while log.len() > LOGGED {
            log.pop_front();
        }
    }

    /// Waits until every delivery window of the account has room, then takes a place.
    async fn wait_for_room(&self, account: super::AccountId) {
        loop {
            let wait = {
                let mut all = self.windows.lock().await;
                let windows = all
                    .entry(account)
                    .or_insert_with(|| vec![VecDeque::new(); self.config.limits.len()]);
                let now = Instant::now();
                let mut wait = Duration::ZERO;
                for (window, limit) in windows.iter_mut().zip(&self.config.limits) {
                    while window
                        .front()
                        .is_some_and(|t| now.duration_since(*t) >= self.config.real(limit.window))
                    {
                        window.pop_front();
                    }
                    if window.len() >= limit.calls as usize {
                        if let Some(first) = window.front() {
                            let window = self.config.real(limit.window);
                            wait = wait.max(window.saturating_sub(now.duration_since(*first)));
                        }
                    }
                }
                if wait.is_zero() {
                    for window in windows.iter_mut() {
                        window.push_back(now);
                    }
                    return;
                }
                wait
            };
            tokio::time::sleep(wait).await;
        }
    }

    pub fn attempts(&self) -> Vec<Attempt> {
        let log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        log.iter().cloned().collect()
    }
}

/// A record event as `POST /_emulator/events` takes it.
pub struct Event {
    pub kind: crate::rules::EntityType,
    pub event: crate::rules::Event,
    pub ids: Vec<u64>,
    pub changes: Changes,
}

/// Reads `{"type": .., "event": .., "ids": [..], "updated_attributes": {..}}`.
pub fn parse_event(body: &[u8]) -> Result<Event, String> {
    let value: Value = serde_json::from_slice(body).map_err(|_| "the body is not JSON")?;
    let text = |field: &str| {
        value[field]
            .as_str()
            .ok_or_else(|| format!("'{field}' is missing or not text"))
    };
    let kind = text("type")?
        .parse()
        .map_err(|e: crate::rules::RuleError| e.message)?;
    let event = text("event")?
        .parse()
        .map_err(|e: crate::rules::RuleError| e.message)?;
    let ids: Vec<u64> = value["ids"]
        .as_array()
        .ok_or("'ids' is missing or not a list")?
        .iter()
        .map(|v| {
            v.as_u64()
                .ok_or("'ids' holds something other than record ids")
        })
        .collect::<Result<_, _>>()?;
    if ids.is_empty() || ids.len() > 100_000 {
        return Err("'ids' must hold 1 to 100000 ids".into());
    }
    let mut changes = Changes::default();
    if let Some(attrs) = value.get("updated_attributes") {
        if event != crate::rules::Event::Update {
            return Err("'updated_attributes' belongs to update events only".into());
        }
        let pair = |v: &Value| match v.as_array().map(Vec::as_slice) {
            Some([old, new]) => Ok((old.clone(), new.clone())),
            _ => Err("each updated attribute is [old, new]".to_string()),
        };
        let map = attrs
            .as_object()
            .ok_or("'updated_attributes' is not an object")?;
        for (field, v) in map {
            if field == "custom_fields" {
                let custom = v.as_object().ok_or("'custom_fields' is not an object")?;
                for (id, v) in custom {
                    changes.custom_fields.insert(id.clone(), pair(v)?);
                }
            } else {
                changes.fields.insert(field.clone(), pair(v)?);
            }
        }
    }
    Ok(Event {
        kind,
        event,
        ids,
        changes,
    })
}
