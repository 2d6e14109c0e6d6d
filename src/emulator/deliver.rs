//! Copper's side of deliveries: a record event becomes notifications of at most 30 ids for
//! every subscription to its (type, event), each sent once and never retried, whatever the
//! answer; past the account's delivery limits (Copper: 600 a minute and 1,800 per ten
//! minutes) notifications are held back, not dropped, until the window renews; each may be
//! late by up to a set delay. Every attempt is kept for `GET /_emulator/deliveries`.

use std::collections::VecDeque;
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
    /// Each notification is sent after a random wait of up to this long.
    pub max_delay: Duration,
    /// Accept http targets on loopback (for a local receiver; Copper never would).
    pub allow_http_targets: bool,
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
            allow_http_targets: false,
        }
    }
}

/// The most attempts the log keeps.
const LOGGED: usize = 1000;

/// One attempt, as `/_emulator/deliveries` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub subscription_id: u64,
    pub target: String,
    pub ids: Vec<u64>,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub at: String,
    /// How long the account's delivery limits held it back.
    pub held_back_ms: u64,
}

/// One notification on its way: where, with what headers and body.
pub struct Outgoing {
    pub subscription_id: u64,
    pub target: String,
    pub headers: Pairs,
    pub notification: Notification,
}

pub struct Deliverer {
    config: DeliveryConfig,
    http: reqwest::Client,
    /// Send times within each limit's window.
    windows: tokio::sync::Mutex<Vec<VecDeque<Instant>>>,
    log: std::sync::Mutex<VecDeque<Attempt>>,
    pub held_back: AtomicU64,
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
            windows: tokio::sync::Mutex::new(vec![VecDeque::new(); config.limits.len()]),
            config,
            http,
            log: std::sync::Mutex::new(VecDeque::new()),
            held_back: AtomicU64::new(0),
        })
    }

    pub fn allow_http_targets(&self) -> bool {
        self.config.allow_http_targets
    }

    /// Sends the notifications of one event in order, in the background.
    pub fn send_all(self: &Arc<Self>, outgoing: Vec<Outgoing>) {
        let me = self.clone();
        tokio::spawn(async move {
            for one in outgoing {
                me.send(one).await;
            }
        });
    }

    async fn send(&self, one: Outgoing) {
        let held = self.wait_for_room().await;
        if !self.config.max_delay.is_zero() {
            tokio::time::sleep(self.config.max_delay.mul_f64(fastrand::f64())).await;
        }
        let mut request = self
            .http
            .post(&one.target)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(one.notification.body().to_string());
        for (name, value) in &one.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        // Once: whatever comes back, Copper does not send it again.
        let (status, error) = match request.send().await {
            Ok(resp) => (Some(resp.status().as_u16()), None),
            Err(err) if err.is_timeout() => (None, Some("no answer in 10 s".to_string())),
            Err(err) if err.is_connect() => (None, Some("could not connect".to_string())),
            Err(_) => (None, Some("connection lost".to_string())),
        };
        let attempt = Attempt {
            subscription_id: one.subscription_id,
            target: one.target,
            ids: one.notification.ids,
            status,
            error,
            at: delivery::timestamp(delivery::now_ms()),
            held_back_ms: held.as_millis() as u64,
        };
        let mut log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        log.push_back(attempt);
        while log.len() > LOGGED {
            log.pop_front();
        }
    }

    /// Waits until every delivery window has room, then takes a place; how long it waited.
    async fn wait_for_room(&self) -> Duration {
        let started = Instant::now();
        loop {
            let wait = {
                let mut windows = self.windows.lock().await;
                let now = Instant::now();
                let mut wait = Duration::ZERO;
                for (window, limit) in windows.iter_mut().zip(&self.config.limits) {
                    while window
                        .front()
                        .is_some_and(|t| now.duration_since(*t) >= limit.window)
                    {
                        window.pop_front();
                    }
                    if window.len() >= limit.calls as usize {
                        if let Some(first) = window.front() {
                            wait = wait.max(limit.window - now.duration_since(*first));
                        }
                    }
                }
                if wait.is_zero() {
                    for window in windows.iter_mut() {
                        window.push_back(now);
                    }
                    let held = started.elapsed();
                    if held >= Duration::from_millis(1) {
                        self.held_back.fetch_add(1, Ordering::Relaxed);
                    }
                    return held;
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
