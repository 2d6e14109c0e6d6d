//! A local Copper API: the webhook endpoints and `/account`, with Copper's headers, rules,
//! error bodies, 100-subscription limit and rolling-window rate limit, plus injectable faults
//! and call counters (`/_emulator/...`) for tests. Used by `copper-hooks emulator`, by
//! `--sandbox`, and by the integration tests.
//!
//! Every (API key, email) pair that calls is its own account, as in Copper: its own
//! subscriptions, ids, limit, rate window and delivery limits. The admin routes take
//! `?email=E[&key=K]` to choose accounts; without it they speak for all of them.

mod deliver;
mod faults;
mod records;
mod state;

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, State as Shared};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

pub use deliver::DeliveryConfig;
pub use faults::{Fault, FaultKind};
pub use records::{search_path, SEARCH_CAP};
pub use state::{account_digest, State};

use crate::data::{Rate, Subscription};
use crate::rules::{EntityType, Event, Target, MAX_SUBSCRIPTIONS};

pub const API_ROOT: &str = "/developer_api/v1";

#[derive(Debug, Clone)]
pub struct Config {
    /// Only this key is accepted; `None` accepts any non-empty key.
    pub api_key: Option<String>,
    /// Only this email is accepted; `None` accepts any non-empty email.
    pub email: Option<String>,
    pub rate: Rate,
    pub latency: Duration,
    pub state_file: Option<PathBuf>,
    pub faults: Vec<Fault>,
    /// Another integration spending the same rate limit, evenly.
    pub other_client: Option<Rate>,
    pub deliveries: DeliveryConfig,
    /// The records one search reaches at most (Copper's 100,000).
    pub search_cap: usize,
    /// Count a call against the rate limit when it arrives, not when it is answered.
    pub count_at_arrival: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            api_key: None,
            email: None,
            rate: Rate::COPPER,
            latency: Duration::ZERO,
            state_file: None,
            faults: Vec::new(),
            other_client: None,
            deliveries: DeliveryConfig::default(),
            search_cap: records::SEARCH_CAP,
            count_at_arrival: false,
        }
    }
}

struct Inner {
    /// The accounts seen, in the order they first called ([`AccountId`] is the index).
    tenants: Vec<Tenant>,
    by_digest: std::collections::HashMap<String, usize>,
    /// A one-account state file from an earlier version, for the first account that calls.
    unclaimed: Option<State>,
    /// Calls spent by another integration on every account alike (`--other-client`, and
    /// `POST /_emulator/spend` without `?email=`): each account's window counts them too.
    others: VecDeque<Instant>,
    faults: Vec<Fault>,
    /// The records events made for every account: an account that calls for the first time
    /// later starts with them (an event told before any call is not lost on it).
    everyone_records: records::Records,
    /// Every request, whichever account (or none) it came from.
    stats: Stats,
    /// The next subscription id, whichever account makes it: Copper's ids are unique across
    /// accounts, so an id one account holds is a 404 to every other, as on Copper (a
    /// pipeline that mixes up accounts must find out). After a restart it continues past
    /// every id the state file holds.
    next_id: u64,
}

/// One emulated account.
struct Tenant {
    digest: String,
    email: String,
    state: State,
    window: VecDeque<Instant>,
    stats: Stats,
    /// Its records, for search (kept in memory only: a restart starts with none).
    records: records::Records,
}

/// Which account a request is for: put into the request by [`copper_gate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccountId(pub usize);

/// The most accounts one emulator holds: far above a fleet benchmark, and a bound on what a
/// caller inventing keys can make it keep.
pub const MAX_ACCOUNTS: usize = 10_000;

impl Inner {
    fn tenant(&mut self, id: AccountId) -> &mut Tenant {
        &mut self.tenants[id.0]
    }

    /// The account of this (key, email), made on its first call.
    fn account_of(&mut self, key: &str, email: &str) -> Result<AccountId, Refusal> {
        let digest = account_digest(key, email);
        if let Some(&index) = self.by_digest.get(&digest) {
            return Ok(AccountId(index));
        }
        if self.tenants.len() >= MAX_ACCOUNTS {
            return Err(refuse(
                403,
                &format!("The emulator holds at most {MAX_ACCOUNTS} accounts"),
            ));
        }
        let state = self.unclaimed.take().unwrap_or_default();
        self.by_digest.insert(digest.clone(), self.tenants.len());
        self.tenants.push(Tenant {
            digest,
            email: email.chars().take(MAX_AGENT_CHARS).collect(),
            state,
            window: VecDeque::new(),
            stats: Stats::default(),
            records: self.everyone_records.clone(),
        });
        Ok(AccountId(self.tenants.len() - 1))
    }

    /// The accounts an admin request chose with `?email=E[&key=K]`: all of them without.
    fn chosen(&self, pick: &Pick) -> Vec<usize> {
        (0..self.tenants.len())
            .filter(|&i| pick.matches(&self.tenants[i].digest, &self.tenants[i].email))
            .collect()
    }
}

/// The accounts an admin route is asked about.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Pick {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub key: Option<String>,
}

impl Pick {
    fn is_all(&self) -> bool {
        self.email.is_none()
    }

    fn matches(&self, digest: &str, email: &str) -> bool {
        match (&self.email, &self.key) {
            (None, _) => true,
            (Some(e), None) => e.eq_ignore_ascii_case(email),
            (Some(e), Some(k)) => account_digest(k, e) == digest,
        }
    }
}

#[derive(Debug, Default, Clone, serde::Serialize)]
struct Stats {
    requests: u64,
    by_method: BTreeMap<String, u64>,
    /// Successful POST, PUT and DELETE calls: what "zero writes" is measured by.
    writes: u64,
    rate_limited: u64,
    /// Calls of the rate limit spent by the modelled other client (`--other-client`,
    /// `POST /_emulator/spend`).
    spent_by_others: u64,
    faults_injected: u64,
    /// Every User-Agent seen, so tests can check what clients say they are.
    user_agents: std::collections::BTreeSet<String>,
}

/// Stats keep no more than this many distinct User-Agents, each cut to
/// [`MAX_AGENT_CHARS`]: clients choose them, and the stats must not grow with every request.
const MAX_AGENTS: usize = 16;
const MAX_AGENT_CHARS: usize = 100;

impl Stats {
    fn add(&mut self, other: &Stats) {
        self.requests += other.requests;
        for (method, n) in &other.by_method {
            *self.by_method.entry(method.clone()).or_default() += n;
        }
        self.writes += other.writes;
        self.rate_limited += other.rate_limited;
        self.spent_by_others += other.spent_by_others;
        self.faults_injected += other.faults_injected;
        for agent in &other.user_agents {
            if self.user_agents.len() < MAX_AGENTS {
                self.user_agents.insert(agent.clone());
            }
        }
    }

    fn count(&mut self, method: &Method, headers: &HeaderMap) {
        self.requests += 1;
        if let Some(agent) = headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
        {
            let agent: String = agent.chars().take(MAX_AGENT_CHARS).collect();
            if self.user_agents.len() < MAX_AGENTS || self.user_agents.contains(&agent) {
                self.user_agents.insert(agent);
            }
        }
        // Only the methods an API client uses get a counter of their own.
        let name = match *method {
            Method::GET | Method::POST | Method::PUT | Method::DELETE | Method::PATCH => {
                method.as_str()
            }
            _ => "OTHER",
        };
        *self.by_method.entry(name.to_string()).or_default() += 1;
    }
}

struct Emulator {
    config: Config,
    inner: Mutex<Inner>,
    deliverer: Arc<deliver::Deliverer>,
}

/// A running emulator: its address, and a handle to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub fn base_url(&self) -> String {
        format!("http://{}{API_ROOT}", self.addr)
    }
}

/// Binds `addr` (port 0 picks a free one) and serves until `shutdown` completes.
pub async fn start(
    config: Config,
    addr: SocketAddr,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<Running> {
    let saved = match &config.state_file {
        Some(path) => state::Saved::load(path)?,
        None => state::Saved::default(),
    };
    let mut inner = Inner {
        tenants: Vec::new(),
        by_digest: Default::default(),
        unclaimed: saved.unclaimed,
        others: VecDeque::new(),
        faults: config.faults.clone(),
        everyone_records: records::Records::default(),
        stats: Stats::default(),
        next_id: State::default().next_id,
    };
    let stored_ids = saved
        .accounts
        .iter()
        .map(|a| &a.state)
        .chain(&inner.unclaimed)
        .map(|state| {
            let highest = state
                .subscriptions
                .keys()
                .max()
                .map_or(0, |id| id.saturating_add(1));
            state.next_id.max(highest)
        })
        .max();
    inner.next_id = inner.next_id.max(stored_ids.unwrap_or(0));
    for stored in saved.accounts.into_iter().take(MAX_ACCOUNTS) {
        inner
            .by_digest
            .insert(stored.account.clone(), inner.tenants.len());
        inner.tenants.push(Tenant {
            digest: stored.account,
            email: stored.email,
            state: stored.state,
            window: VecDeque::new(),
            stats: Stats::default(),
            records: records::Records::default(),
        });
    }
    let deliverer = Arc::new(deliver::Deliverer::new(config.deliveries.clone())?);
    let emulator = Arc::new(Emulator {
        deliverer,
        inner: Mutex::new(inner),
        config,
    });
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let addr = listener.local_addr()?;
    if let Some(other) = emulator.config.other_client {
        let emu = Arc::downgrade(&emulator);
        tokio::spawn(async move {
            let every = other.window / other.calls.max(1);
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let Some(emu) = emu.upgrade() else { break };
                emu.spend(1, &Pick::default());
            }
        });
    }
    let app = routes(emulator);
    let task = tokio::spawn(crate::serve::serve(listener, app, shutdown));
    Ok(Running { addr, task })
}

impl Emulator {
    /// The notifications an event makes: for every subscription to its (type, event), its
    /// ids in notifications of at most 30, with the subscription's secret and headers.
    /// How many notifications an event makes, before any is built.
    fn notification_count(&self, event: &deliver::Event, pick: &Pick) -> usize {
        let inner = self.lock();
        let per_subscription = event.ids.len().div_ceil(crate::delivery::MAX_IDS);
        inner
            .chosen(pick)
            .into_iter()
            .flat_map(|i| inner.tenants[i].state.subscriptions.values())
            .filter(|s| s.kind == event.kind && s.event == event.event)
            .count()
            * per_subscription
    }

    fn notifications(&self, event: &deliver::Event, pick: &Pick) -> Vec<deliver::Outgoing> {
        let inner = self.lock();
        let at_ms = crate::delivery::now_ms();
        let mut outgoing = Vec::new();
        let subs = inner.chosen(pick).into_iter().flat_map(|i| {
            inner.tenants[i]
                .state
                .subscriptions
                .values()
                .map(move |s| (AccountId(i), s))
        });
        for (account, sub) in subs {
            if sub.kind != event.kind || sub.event != event.event {
                continue;
            }
            let template = crate::delivery::Notification {
                ids: Vec::new(),
                kind: sub.kind,
                event: sub.event,
                subscription_id: sub.id,
                at_ms,
                changes: event.changes.clone(),
                secret: sub.secret.clone(),
            };
            for notification in crate::delivery::split(&template, &event.ids) {
                outgoing.push(deliver::Outgoing {
                    account,
                    subscription_id: sub.id,
                    target: sub.target.clone(),
                    headers: sub.headers.clone(),
                    notification,
                });
            }
        }
        outgoing
    }

    /// Another client spends `calls` of the rate limit now (as far as the limit has room:
    /// past it, its calls would have been refused too).
    /// Without a choice of account, the calls are spent on every account alike (those that
    /// have not called yet included); the answer is how many were spent in each.
    fn spend(&self, calls: u32, pick: &Pick) -> u32 {
        let mut inner = self.lock();
        let now = Instant::now();
        let length = self.config.rate.window;
        let limit = self.config.rate.calls as usize;
        prune_window(&mut inner.others, now, length);
        let others = inner.others.len();
        if pick.is_all() {
            let mut busiest = 0;
            for tenant in &mut inner.tenants {
                prune_window(&mut tenant.window, now, length);
                busiest = busiest.max(tenant.window.len());
            }
            let spent = limit.saturating_sub(others + busiest).min(calls as usize);
            inner.others.extend(std::iter::repeat_n(now, spent));
            inner.stats.spent_by_others += spent as u64;
            return spent as u32;
        }
        let mut most = 0;
        for i in inner.chosen(pick) {
            let tenant = &mut inner.tenants[i];
            prune_window(&mut tenant.window, now, length);
            let spent = limit
                .saturating_sub(others + tenant.window.len())
                .min(calls as usize);
            tenant.window.extend(std::iter::repeat_n(now, spent));
            tenant.stats.spent_by_others += spent as u64;
            inner.stats.spent_by_others += spent as u64;
            most = most.max(spent);
        }
        most as u32
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the state half-written (every change
        // is one insert or remove), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn persist(&self, inner: &Inner) -> Result<(), Refusal> {
        if let Some(path) = &self.config.state_file {
            let saved = state::Saved {
                accounts: inner
                    .tenants
                    .iter()
                    .map(|t| state::Stored {
                        account: t.digest.clone(),
                        email: t.email.clone(),
                        state: t.state.clone(),
                    })
                    .collect(),
                unclaimed: inner.unclaimed.clone(),
            };
            saved
                .save(path)
                .map_err(|e| refuse(500, &format!("emulator could not save state: {e:#}")))?;
        }
        Ok(())
    }
}

fn copper_error(status: u16, message: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        code,
        axum::Json(json!({"success": false, "status": status, "message": message})),
    )
        .into_response()
}

fn html_error(status: u16) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    (
        code,
        [(axum::http::header::CONTENT_TYPE, "text/html")],
        format!(
            "<html><head><title>{status} {reason}</title></head><body><h1>{status} {reason}</h1>\
             </body></html>",
            reason = code.canonical_reason().unwrap_or("Error")
        ),
    )
        .into_response()
}

/// A refusal in Copper's error shape, for the checks that run before a request is served.
struct Refusal {
    status: u16,
    message: String,
}

fn refuse(status: u16, message: &str) -> Refusal {
    Refusal {
        status,
        message: message.to_string(),
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        copper_error(self.status, &self.message)
    }
}

fn ok(value: Value) -> Response {
    (StatusCode::OK, axum::Json(value)).into_response()
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Copper's side of every API call, before and after its route: counters, the `X-PW-*`
/// headers, the rolling-window rate limit, the configured latency, and injected faults.
/// Every answer carries an `x-request-id`, as Copper's do.
async fn copper_gate(
    emu: Shared<Arc<Emulator>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut response = copper_answer(emu, request, next).await;
    if let Ok(id) = axum::http::HeaderValue::from_str(&format!("{:032x}", fastrand::u128(..))) {
        response.headers_mut().insert("x-request-id", id);
    }
    response
}

async fn copper_answer(
    Shared(emu): Shared<Arc<Emulator>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_REQUEST_BODY).await else {
        return copper_error(413, "Request body too large");
    };
    let identified = {
        let mut inner = emu.lock();
        inner.stats.count(&parts.method, &parts.headers);
        check_headers(&emu.config, &parts.headers).and_then(|(key, email)| {
            let account = inner.account_of(&key, &email)?;
            inner
                .tenant(account)
                .stats
                .count(&parts.method, &parts.headers);
            Ok((key, email, account))
        })
    };
    let (key, email, account) = match identified {
        Ok(found) => found,
        Err(refusal) => return refusal.into_response(),
    };
    // By default every answer takes the configured latency, a 429 too, and the call is
    // counted when it is answered: a 429 travels as far as any other answer. How Copper
    // counts, and how fast it says 429, is not documented, so `--rate-counts-at arrival`
    // is another server: it counts a call as it arrives and refuses at once, with no
    // latency (a client then hears of the quota sooner, and its calls in flight were
    // counted before they were answered).
    if emu.config.count_at_arrival {
        if let Err(refusal) = check_rate(&emu, account) {
            return refusal.into_response();
        }
    }
    if !emu.config.latency.is_zero() {
        tokio::time::sleep(emu.config.latency).await;
    }
    if !emu.config.count_at_arrival {
        if let Err(refusal) = check_rate(&emu, account) {
            return refusal.into_response();
        }
    }
    parts.extensions.insert(account);
    // Nested under the API root, the path here is the one below it, as faults name it.
    let path = parts.uri.path().trim_end_matches('/').to_string();
    let fault = take_fault(
        &emu,
        parts.method.as_str(),
        &path,
        &body,
        (&key, &email),
        account,
    );
    match &fault {
        Some(FaultKind::Status { status }) => return copper_error(*status, "Injected failure"),
        Some(FaultKind::Html { status }) => return html_error(*status),
        _ => {}
    }
    let wrote = parts.method != Method::GET;
    let response = next
        .run(axum::extract::Request::from_parts(parts, body.into()))
        .await;
    if wrote && response.status().is_success() {
        let mut inner = emu.lock();
        inner.stats.writes += 1;
        inner.tenant(account).stats.writes += 1;
    }
    match fault {
        Some(FaultKind::After { status }) => copper_error(status, "Injected failure after commit"),
        Some(FaultKind::Slow { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            response
        }
        _ => response,
    }
}

/// The largest request body taken: far above any subscription.
const MAX_REQUEST_BODY: usize = 2 << 20;

/// The emulator's routes, as a table: Copper's API (behind [`copper_gate`]), and the admin
/// routes tests and pipelines use, which have no authentication (loopback only by default).
fn routes(emulator: Arc<Emulator>) -> axum::Router {
    use axum::routing::{get, post};
    // Every route also with a trailing slash, as Copper answers them and real clients
    // (prospyr, prosperworks) call them.
    let webhook = || get(get_one).put(update_one).delete(delete_one);
    let api = axum::Router::new()
        .route("/account", get(account))
        .route("/account/", get(account))
        .route("/webhooks", get(list).post(create_one))
        .route("/webhooks/", get(list).post(create_one))
        .route("/webhooks/{id}", webhook())
        .route("/webhooks/{id}/", webhook());
    // Copper's search endpoints, one per type that can be searched by when it changed.
    let mut api = api;
    for kind in EntityType::ALL {
        let Some(path) = records::search_path(kind) else {
            continue;
        };
        let handler = post(
            move |Shared(emu): Emu, axum::Extension(account): Account, body: Bytes| async move {
                search(&emu, account, kind, &body).await
            },
        );
        api = api
            .route(&format!("/{path}/search"), handler.clone())
            .route(&format!("/{path}/search/"), handler);
    }
    let api = api
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            emulator.clone(),
            copper_gate,
        ));
    let admin = axum::Router::new()
        .route("/stats", get(stats))
        .route("/stats/", get(stats))
        .route("/faults", post(add_faults))
        .route("/faults/", post(add_faults))
        .route("/spend", post(spend))
        .route("/spend/", post(spend))
        .route("/events", post(events))
        .route("/events/", post(events))
        .route("/deliveries", get(deliveries))
        .route("/deliveries/", get(deliveries))
        .fallback(not_found);
    axum::Router::new()
        .nest(API_ROOT, api)
        .nest("/_emulator", admin)
        .fallback(not_found)
        .with_state(emulator)
}

async fn not_found() -> Response {
    copper_error(404, "Resource not found")
}

async fn not_allowed() -> Response {
    copper_error(405, "Method not allowed")
}

/// Checks Copper's headers; the answer is the account's (key, email).
fn check_headers(config: &Config, headers: &HeaderMap) -> Result<(String, String), Refusal> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .unwrap_or("")
    };
    let key = get("x-pw-accesstoken");
    let email = get("x-pw-useremail");
    let app = get("x-pw-application");
    if key.is_empty() || email.is_empty() || app != "developer_api" {
        return Err(refuse(
            401,
            "Missing X-PW-AccessToken, X-PW-UserEmail or X-PW-Application header",
        ));
    }
    let key_ok = config.api_key.as_deref().is_none_or(|k| k == key);
    let email_ok = config
        .email
        .as_deref()
        .is_none_or(|e| e.eq_ignore_ascii_case(email));
    if !key_ok || !email_ok {
        return Err(refuse(401, "Invalid credentials"));
    }
    Ok((key.to_string(), email.to_string()))
}

/// Each account has its own quota, as in Copper.
fn check_rate(emu: &Emulator, account: AccountId) -> Result<(), Refusal> {
    let mut inner = emu.lock();
    let now = Instant::now();
    prune_window(&mut inner.others, now, emu.config.rate.window);
    let others = inner.others.len();
    let tenant = inner.tenant(account);
    prune_window(&mut tenant.window, now, emu.config.rate.window);
    if tenant.window.len() + others >= emu.config.rate.calls as usize {
        tenant.stats.rate_limited += 1;
        inner.stats.rate_limited += 1;
        return Err(refuse(429, "Rate limit exceeded"));
    }
    tenant.window.push_back(now);
    Ok(())
}

fn prune_window(window: &mut VecDeque<Instant>, now: Instant, length: Duration) {
    while window
        .front()
        .is_some_and(|t| now.duration_since(*t) >= length)
    {
        window.pop_front();
    }
}

fn take_fault(
    emu: &Emulator,
    method: &str,
    path: &str,
    body: &[u8],
    (key, email): (&str, &str),
    account: AccountId,
) -> Option<FaultKind> {
    let mut inner = emu.lock();
    let index = inner
        .faults
        .iter()
        .position(|f| f.matches(method, path, body) && f.for_account(key, email))?;
    let kind = inner.faults[index].kind.clone();
    match inner.faults[index].times {
        0 => {}
        1 => {
            inner.faults.remove(index);
        }
        _ => inner.faults[index].times -= 1,
    }
    inner.stats.faults_injected += 1;
    inner.tenant(account).stats.faults_injected += 1;
    Some(kind)
}

type Emu = Shared<Arc<Emulator>>;
type Chosen = axum::extract::Query<Pick>;
type Account = axum::Extension<AccountId>;

/// All calls and subscriptions, or those of the chosen accounts (summed).
async fn stats(Shared(emu): Emu, axum::extract::Query(pick): Chosen) -> Response {
    let inner = emu.lock();
    let chosen = inner.chosen(&pick);
    let (mut value, subscriptions) = if pick.is_all() {
        let subs: usize = inner
            .tenants
            .iter()
            .map(|t| t.state.subscriptions.len())
            .sum();
        let unclaimed = inner
            .unclaimed
            .as_ref()
            .map_or(0, |s| s.subscriptions.len());
        (
            serde_json::to_value(&inner.stats).unwrap_or(Value::Null),
            subs + unclaimed,
        )
    } else {
        let mut sum = Stats::default();
        for &i in &chosen {
            sum.add(&inner.tenants[i].stats);
        }
        let subs = chosen
            .iter()
            .map(|&i| inner.tenants[i].state.subscriptions.len())
            .sum();
        (serde_json::to_value(&sum).unwrap_or(Value::Null), subs)
    };
    value["subscriptions"] = json!(subscriptions);
    value["accounts"] = json!(chosen.len());
    value["deliveries_held_back"] = json!(emu
        .deliverer
        .held_back
        .load(std::sync::atomic::Ordering::Relaxed));
    ok(value)
}

/// Faults, for every account or (with `?email=`) only the chosen ones.
async fn add_faults(Shared(emu): Emu, axum::extract::Query(pick): Chosen, body: Bytes) -> Response {
    match serde_json::from_slice::<Vec<Fault>>(&body) {
        Ok(mut faults) => {
            for fault in &mut faults {
                if pick.email.is_some() {
                    fault.email = pick.email.clone();
                    fault.key = pick.key.clone();
                }
            }
            emu.lock().faults.extend(faults);
            ok(json!({"ok": true}))
        }
        Err(e) => copper_error(400, &format!("Invalid faults: {e}")),
    }
}

async fn spend(Shared(emu): Emu, axum::extract::Query(pick): Chosen, body: Bytes) -> Response {
    #[derive(serde::Deserialize)]
    struct Spend {
        calls: u32,
    }
    match serde_json::from_slice::<Spend>(&body) {
        Ok(spend) => ok(json!({"spent": emu.spend(spend.calls, &pick)})),
        Err(_) => copper_error(400, "Invalid body: write {\"calls\": N}"),
    }
}

async fn events(Shared(emu): Emu, axum::extract::Query(pick): Chosen, body: Bytes) -> Response {
    match deliver::parse_event(&body) {
        Ok(event) => {
            // The records change first (at the event's `at`, Unix seconds, or now); with
            // `"deliver": false` that is all: a change that fires no webhook.
            let extra: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let at = extra["at"].as_i64().unwrap_or_else(now_secs);
            {
                let mut guard = emu.lock();
                let chosen = guard.chosen(&pick);
                let inner = &mut *guard;
                let everyone = pick.is_all().then_some(&mut inner.everyone_records);
                let theirs = inner
                    .tenants
                    .iter_mut()
                    .enumerate()
                    .filter(|(i, _)| chosen.contains(i))
                    .map(|(_, t)| &mut t.records);
                for records in everyone.into_iter().chain(theirs) {
                    let applied =
                        records.apply(event.kind, event.event, &event.ids, &event.changes, at);
                    if let Err(e) = applied {
                        return copper_error(413, &e);
                    }
                }
            }
            if extra["deliver"] == Value::Bool(false) {
                return (
                    StatusCode::ACCEPTED,
                    axum::Json(json!({"subscriptions": 0, "notifications": 0})),
                )
                    .into_response();
            }
            let count = emu.notification_count(&event, &pick);
            if let Err(queued) = emu.deliverer.reserve(count) {
                return copper_error(
                    413,
                    &format!(
                        "This event makes {count} notifications and {queued} are queued; the \
                         emulator holds at most {} at once: send fewer ids, or wait",
                        deliver::MAX_QUEUED
                    ),
                );
            }
            let outgoing = emu.notifications(&event, &pick);
            let subscriptions = outgoing
                .iter()
                .map(|o| o.subscription_id)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let notifications = outgoing.len();
            emu.deliverer.send_all(outgoing);
            (
                StatusCode::ACCEPTED,
                axum::Json(json!({"subscriptions": subscriptions, "notifications": notifications})),
            )
                .into_response()
        }
        Err(e) => copper_error(400, &format!("Invalid event: {e}")),
    }
}

/// The delivery attempts, of every account or (with `?email=`) of the chosen ones.
async fn deliveries(Shared(emu): Emu, axum::extract::Query(pick): Chosen) -> Response {
    let attempts = emu.deliverer.attempts();
    if pick.is_all() {
        return ok(json!(attempts));
    }
    let chosen = emu.lock().chosen(&pick);
    let theirs: Vec<_> = attempts
        .into_iter()
        .filter(|a| chosen.contains(&a.account.0))
        .collect();
    ok(json!(theirs))
}

/// `POST /{people,leads,...}/search`: one page of the account's records of `kind`.
async fn search(emu: &Emulator, account: AccountId, kind: EntityType, body: &[u8]) -> Response {
    let query = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(query)) => query,
        _ if body.iter().all(u8::is_ascii_whitespace) => serde_json::Map::new(),
        _ => return copper_error(400, "Invalid JSON"),
    };
    let cap = emu.config.search_cap;
    let mut inner = emu.lock();
    match inner.tenant(account).records.search(kind, &query, cap) {
        Ok(found) => ok(Value::Array(found)),
        Err((status, message)) => copper_error(status, &message),
    }
}

async fn account(axum::Extension(account): Account) -> Response {
    // Copper answers more than id and name; clients must ignore what they do not know.
    ok(json!({
        "id": 1_000_001 + account.0,
        "name": "Emulated Copper account",
        "primary_timezone": "America/Los_Angeles",
        "settings": {"setting_team_permissions_enabled": false, "setting_enable_leads": true},
    }))
}

async fn list(Shared(emu): Emu, axum::Extension(account): Account) -> Response {
    let mut inner = emu.lock();
    let list: Vec<&Subscription> = inner.tenant(account).state.subscriptions.values().collect();
    ok(json!(list))
}

async fn create_one(Shared(emu): Emu, axum::Extension(account): Account, body: Bytes) -> Response {
    create(&emu, account, &body).unwrap_or_else(IntoResponse::into_response)
}

/// A subscription id from the path; anything else is an unknown subscription, as Copper says.
fn id_of(raw: &str) -> Result<u64, Refusal> {
    raw.parse().map_err(|_| refuse(404, "Resource not found"))
}

async fn get_one(
    Shared(emu): Emu,
    axum::Extension(account): Account,
    Path(id): Path<String>,
) -> Response {
    let id = match id_of(&id) {
        Ok(id) => id,
        Err(refusal) => return refusal.into_response(),
    };
    match emu.lock().tenant(account).state.subscriptions.get(&id) {
        Some(sub) => ok(json!(sub)),
        None => copper_error(404, "Resource not found"),
    }
}

async fn update_one(
    Shared(emu): Emu,
    axum::Extension(account): Account,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    id_of(&id)
        .and_then(|id| update(&emu, account, id, &body))
        .unwrap_or_else(IntoResponse::into_response)
}

async fn delete_one(
    Shared(emu): Emu,
    axum::Extension(account): Account,
    Path(id): Path<String>,
) -> Response {
    let id = match id_of(&id) {
        Ok(id) => id,
        Err(refusal) => return refusal.into_response(),
    };
    let mut inner = emu.lock();
    if inner
        .tenant(account)
        .state
        .subscriptions
        .remove(&id)
        .is_none()
    {
        return copper_error(404, "Resource not found");
    }
    if let Err(refusal) = emu.persist(&inner) {
        return refusal.into_response();
    }
    ok(json!({"id": id}))
}

fn parse_body(body: &[u8]) -> Result<serde_json::Map<String, Value>, Refusal> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(refuse(400, "Invalid JSON body")),
    }
}

fn invalid(what: &str) -> Refusal {
    refuse(422, &format!("Invalid input: {what}"))
}

/// Copper's rule for targets: external https. With `--allow-http-targets`, an http target on
/// loopback is taken too, so a local receiver can get the emulator's deliveries.
fn check_target(value: Option<&Value>, allow_local_http: bool) -> Result<String, Refusal> {
    let Some(Value::String(target)) = value else {
        return Err(invalid("target must be a string"));
    };
    let local_http = allow_local_http
        && url::Url::parse(target)
            .is_ok_and(|u| u.scheme() == "http" && crate::rules::is_loopback_host(&u));
    if !local_http {
        Target::parse(target).map_err(|_| invalid("Invalid URI For External Request"))?;
    }
    Ok(target.clone())
}

fn string_map(value: Option<&Value>, field: &str) -> Result<BTreeMap<String, String>, Refusal> {
    match value {
        None | Some(Value::Null) => Ok(BTreeMap::new()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => Ok((k.clone(), s.clone())),
                other => Ok((k.clone(), other.to_string())),
            })
            .collect(),
        Some(_) => Err(invalid(&format!("{field} must be an object"))),
    }
}

fn bool_field(value: Option<&Value>) -> Result<Option<bool>, Refusal> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(invalid("custom_field_computed_values must be a boolean")),
    }
}

fn create(emu: &Emulator, account: AccountId, body: &[u8]) -> Result<Response, Refusal> {
    let map = parse_body(body)?;
    if !map.contains_key("target") {
        return Err(invalid("target is required"));
    }
    let target = check_target(map.get("target"), emu.deliverer.allow_http_targets())?;
    let kind = match map.get("type") {
        Some(Value::String(s)) => s
            .parse::<EntityType>()
            .map_err(|_| invalid("Invalid webhook type"))?,
        _ => return Err(invalid("type is required")),
    };
    let event = match map.get("event") {
        Some(Value::String(s)) => s
            .parse::<Event>()
            .map_err(|_| invalid("Invalid webhook event"))?,
        _ => return Err(invalid("event is required")),
    };
    let secret = string_map(map.get("secret"), "secret")?;
    let headers = string_map(map.get("headers"), "headers")?;
    let computed = bool_field(map.get("custom_field_computed_values"))?.unwrap_or(false);

    let mut inner = emu.lock();
    let id = inner.next_id;
    if let Some(next) = id.checked_add(1) {
        inner.next_id = next;
    }
    let state = &mut inner.tenant(account).state;
    if state.subscriptions.len() >= MAX_SUBSCRIPTIONS {
        return Err(invalid(&format!(
            "Maximum of {MAX_SUBSCRIPTIONS} webhook subscriptions reached"
        )));
    }
    let Some(next) = id.checked_add(1) else {
        // Never wrap around onto an id that may exist.
        return Err(refuse(500, "Subscription ids are exhausted"));
    };
    // Kept in the account's state too, so a state file read again continues past it.
    state.next_id = next;
    let sub = Subscription {
        id,
        target,
        kind,
        event,
        secret,
        headers,
        custom_field_computed_values: computed,
        created_at: Some(now_secs()),
    };
    state.subscriptions.insert(id, sub.clone());
    emu.persist(&inner)?;
    Ok(ok(json!(sub)))
}

fn update(emu: &Emulator, account: AccountId, id: u64, body: &[u8]) -> Result<Response, Refusal> {
    let map = parse_body(body)?;
    let mut inner = emu.lock();
    let Some(existing) = inner.tenant(account).state.subscriptions.get(&id).cloned() else {
        return Err(refuse(404, "Resource not found"));
    };
    let changes_type = map
        .get("type")
        .is_some_and(|v| v.as_str() != Some(existing.kind.as_str()));
    let changes_event = map
        .get("event")
        .is_some_and(|v| v.as_str() != Some(existing.event.as_str()));
    if changes_type || changes_event {
        return Err(invalid("type and event of a webhook cannot be changed"));
    }
    let mut sub = existing;
    if map.contains_key("target") {
        sub.target = check_target(map.get("target"), emu.deliverer.allow_http_targets())?;
    }
    if map.contains_key("secret") {
        sub.secret = string_map(map.get("secret"), "secret")?;
    }
    if map.contains_key("headers") {
        sub.headers = string_map(map.get("headers"), "headers")?;
    }
    if let Some(computed) = bool_field(map.get("custom_field_computed_values"))? {
        sub.custom_field_computed_values = computed;
    }
    inner
        .tenant(account)
        .state
        .subscriptions
        .insert(id, sub.clone());
    emu.persist(&inner)?;
    Ok(ok(json!(sub)))
}
