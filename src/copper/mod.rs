//! The Copper API client: typed calls, Copper's headers, pacing, retries, and Copper's error
//! body turned into one readable error. It knows nothing of clap, tables or terminals; the
//! commands give it a [`Trace`] sink for `--verbose`.

mod error;
mod pacing;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE, RETRY_AFTER, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use crate::data::{Account, ErrorBody, NewSubscription, Subscription, SubscriptionUpdate};
pub use error::ApiError;
pub use pacing::{Backoff, Learned, Limiter, Rate, Verdict, WaitNotice};

pub const DEFAULT_API_URL: &str = "https://api.copper.com/developer_api/v1";

/// Where `--verbose` lines go; the client never prints by itself.
pub type Trace = Arc<dyn Fn(&str) + Send + Sync>;

/// Told, with a sentence, when an answer is slow to come; what it returns is kept until the
/// answer (or the failure) arrives, then dropped (a spinner it started stops there).
pub type SlowNotice = Arc<dyn Fn(&str) -> Box<dyn Send> + Send + Sync>;

/// How long an answer may take before the user is told what the tool is waiting for: a
/// server that accepts connections and never answers must not look like a hang.
pub const SLOW_ANSWER: Duration = Duration::from_secs(3);

/// Who is calling: the key and the email of its owner.
#[derive(Clone)]
pub struct Credentials {
    pub api_key: String,
    pub email: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &"<hidden>")
            .field("email", &self.email)
            .finish()
    }
}

#[derive(Clone)]
pub struct Options {
    pub timeout: Duration,
    pub rate: Rate,
    pub backoff: Backoff,
    /// How long one command may spend waiting and retrying, all calls together; past it the
    /// call that would wait longer fails with [`ApiError::Deadline`].
    pub deadline: Duration,
    /// When the command started: the deadline counts from here, so every client of a
    /// command (a fleet's accounts, each connected in turn) shares one deadline. `None`:
    /// from when the client is made.
    pub started: Option<tokio::time::Instant>,
    /// Told how long calls are held back for the rate limit, when that is a while.
    pub on_wait: Option<WaitNotice>,
    /// The account's quota as an earlier run learned it, to start from.
    pub learned: Option<Rate>,
    /// Told when an answer takes longer than [`SLOW_ANSWER`].
    pub on_slow: Option<SlowNotice>,
    /// Transports shared by every account of a run; `None` builds one for this client.
    pub http: Option<Transports>,
}

/// The HTTP transports of a run, built once and shared by every account's client: a TLS
/// configuration costs far more to build than a request costs to send, and accounts on one
/// API host share its connection pool. Accounts differ only in their headers and limiters.
#[derive(Clone)]
pub struct Transports {
    timeout: Duration,
    https: Arc<std::sync::OnceLock<reqwest::Client>>,
    http: Arc<std::sync::OnceLock<reqwest::Client>>,
    /// Calls in flight at once over the whole run, whatever the accounts: many accounts at a
    /// time, each with its own concurrency, must not open more sockets than a process may.
    in_flight: Arc<tokio::sync::Semaphore>,
}

/// The most calls a run has in flight at once (each a socket): well below the usual limit
/// of 1,024 open files.
pub const MAX_IN_FLIGHT: usize = 256;

impl Transports {
    pub fn new(timeout: Duration) -> Self {
        Self {
            timeout,
            https: Arc::default(),
            http: Arc::default(),
            in_flight: Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT)),
        }
    }

    fn for_scheme(&self, https: bool) -> anyhow::Result<reqwest::Client> {
        let cell = if https { &self.https } else { &self.http };
        if let Some(client) = cell.get() {
            return Ok(client.clone());
        }
        let client = transport(https, self.timeout)?;
        Ok(cell.get_or_init(|| client).clone())
    }
}

/// A transport with the rules every call to Copper keeps, whatever the account.
fn transport(https: bool, timeout: Duration) -> anyhow::Result<reqwest::Client> {
    let mut http = reqwest::Client::builder();
    if !https {
        // Plain http is only ever a loopback emulator; a proxy there would read the key
        // in clear. https goes through a proxy only as a CONNECT tunnel, so stays sealed.
        http = http.no_proxy();
    }
    let mut common = HeaderMap::new();
    common.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    common.insert(
        USER_AGENT,
        HeaderValue::from_static(concat!("copper-hooks/", env!("CARGO_PKG_VERSION"))),
    );
    Ok(http
        .default_headers(common)
        // A redirect would carry the key to wherever it points: never follow one.
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .https_only(https)
        .build()?)
}

impl Default for Options {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            rate: Rate::COPPER,
            backoff: Backoff::default(),
            deadline: Duration::from_secs(300),
            started: None,
            on_wait: None,
            learned: None,
            on_slow: None,
            http: None,
        }
    }
}

/// The most of an answer that is read: far above a list of 100 subscriptions (about 50 KB),
/// far below what could hurt. A larger answer is an error, not a slow death.
pub const MAX_ANSWER_BYTES: usize = 4 << 20;

/// The most of a server's own words that an error quotes.
const MAX_QUOTED_CHARS: usize = 200;

/// A cheap-to-clone handle: clones share one connection pool and one rate limiter.
#[derive(Clone)]
pub struct Client {
    /// The transport, which may be shared with other accounts' clients (one TLS
    /// configuration and connection pool per run, see [`Transports`]).
    http: reqwest::Client,
    /// This account's own headers (its key and email), sent with each request.
    headers: HeaderMap,
    base: url::Url,
    limiter: Arc<Limiter>,
    options: Options,
    trace: Option<Trace>,
    deadline: tokio::time::Instant,
    /// Calls now waiting past [`SLOW_ANSWER`]: only the first of a burst is said.
    slow: Arc<std::sync::atomic::AtomicUsize>,
}

/// See [`Client::quota`].
#[derive(Debug, Clone)]
pub struct QuotaHandle {
    limiter: Arc<Limiter>,
    ceiling: u32,
}

impl QuotaHandle {
    /// The quota learned below the ceiling, if any.
    pub async fn learned(&self) -> Option<Rate> {
        let learned = self.limiter.learned().await?;
        (learned.limit < self.ceiling).then_some(Rate {
            calls: learned.limit,
            window: learned.window,
        })
    }
}

/// What one attempt of a call came to.
enum Attempt {
    Answer(reqwest::Response),
    /// Never reached the server: safe to retry any method.
    NotSent(ApiError),
    /// Sent, then lost: the server may have acted on it.
    Unknown(ApiError),
}

impl Client {
    pub fn new(
        base: url::Url,
        credentials: &Credentials,
        options: Options,
        trace: Option<Trace>,
    ) -> anyhow::Result<Self> {
        let mut headers = HeaderMap::new();
        let mut key =
            HeaderValue::from_str(&credentials.api_key).map_err(|_| ApiError::Credentials {
                what: "the API key contains characters that cannot be sent in a header",
                hint: "copy it again from Copper's Settings > Integrations > API Keys",
            })?;
        key.set_sensitive(true);
        headers.insert("X-PW-AccessToken", key);
        headers.insert(
            "X-PW-Application",
            HeaderValue::from_static("developer_api"),
        );
        headers.insert(
            "X-PW-UserEmail",
            HeaderValue::from_str(&credentials.email).map_err(|_| ApiError::Credentials {
                what: "the email contains characters that cannot be sent in a header",
                hint: "check --email or COPPER_USER_EMAIL",
            })?,
        );
        let http = match &options.http {
            Some(shared) => shared.for_scheme(base.scheme() == "https")?,
            None => transport(base.scheme() == "https", options.timeout)?,
        };
        let mut base = base;
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(Self {
            http,
            headers,
            base,
            limiter: Arc::new(
                Limiter::with_notice(options.rate, options.on_wait.clone())
                    .starting_from(options.learned),
            ),
            deadline: options.started.unwrap_or_else(tokio::time::Instant::now) + options.deadline,
            options,
            trace,
            slow: Arc::default(),
        })
    }

    /// What the limiter knows of the account's quota now, when it is tighter than the
    /// ceiling (learned from 429s, in this run or an earlier one).
    pub async fn learned_quota(&self) -> Option<Rate> {
        self.quota().learned().await
    }

    /// A handle on what this client's limiter learns, which outlives the client: a fleet
    /// drops each account's client when it is done, and keeps what it learned.
    pub fn quota(&self) -> QuotaHandle {
        QuotaHandle {
            limiter: self.limiter.clone(),
            ceiling: self.options.rate.calls,
        }
    }

    pub async fn account(&self) -> Result<Account, ApiError> {
        self.call(Method::GET, "account", None::<&()>).await
    }

    pub async fn list(&self) -> Result<Vec<Subscription>, ApiError> {
        self.call(Method::GET, "webhooks", None::<&()>).await
    }

    /// One page of Copper's search of `path` (`people`, `leads`, ...): a bare array of
    /// records. A read, so retried like GET.
    pub async fn search(
        &self,
        path: &str,
        query: &serde_json::Value,
    ) -> Result<Vec<serde_json::Value>, ApiError> {
        self.call(Method::POST, &format!("{path}/search"), Some(query))
            .await
    }

    pub async fn get(&self, id: u64) -> Result<Subscription, ApiError> {
        self.call(Method::GET, &format!("webhooks/{id}"), None::<&()>)
            .await
            .map_err(|e| e.for_subscription(id))
    }

    pub async fn update(
        &self,
        id: u64,
        change: &SubscriptionUpdate,
    ) -> Result<Subscription, ApiError> {
        self.call(Method::PUT, &format!("webhooks/{id}"), Some(change))
            .await
            .map_err(|e| e.for_subscription(id))
    }

    pub async fn delete(&self, id: u64) -> Result<(), ApiError> {
        let _: serde_json::Value = self
            .call(Method::DELETE, &format!("webhooks/{id}"), None::<&()>)
            .await
            .map_err(|e| e.for_subscription(id))?;
        Ok(())
    }

    /// Creates a subscription without ever creating two.
    ///
    /// `known` holds the ids that existed before (the caller listed them anyway, for the
    /// 100 limit or the plan). A 429 means "not done" and is retried. After an answer that
    /// leaves the outcome unknown (5xx, timeout, dropped connection) the subscriptions are
    /// listed: a new one with the same type, event and target means the create happened;
    /// only when none appeared is the POST sent again.
    pub async fn create(
        &self,
        new: &NewSubscription,
        known: &BTreeSet<u64>,
    ) -> Result<Subscription, ApiError> {
        let url = self.url("webhooks");
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt > self.options.backoff.retries;
            let uncertain = match self.attempt(Method::POST, &url, Some(new)).await {
                Attempt::Answer(resp) => {
                    let status = resp.status();
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        // Not done, and news for every call: the limiter pauses them all.
                        // Bounded by the deadline, not by a count.
                        attempt -= 1;
                        continue;
                    }
                    if status.is_server_error() {
                        let err = decode::<Subscription>(resp).await.err();
                        err.unwrap_or(ApiError::Refused {
                            status: status.as_u16(),
                            message: "server error".into(),
                        })
                    } else {
                        return decode(resp).await;
                    }
                }
                Attempt::NotSent(err) => {
                    if last {
                        return Err(err);
                    }
                    self.sleep(attempt, None, &err).await?;
                    continue;
                }
                Attempt::Unknown(err) => err,
            };
            self.emit(&format!(
                "  create outcome unknown ({uncertain}); listing to check before any retry"
            ));
            let now = self.list().await?;
            if let Some(made) = now
                .into_iter()
                .filter(|s| !known.contains(&s.id))
                .find(|s| {
                    s.kind == new.kind
                        && s.event == new.event
                        && crate::rules::canonical_target(&s.target)
                            == crate::rules::canonical_target(&new.target)
                })
            {
                self.emit(&format!(
                    "  the create did happen: subscription {}",
                    made.id
                ));
                return Ok(made);
            }
            if last {
                return Err(uncertain);
            }
            self.sleep(attempt, None, &uncertain).await?;
        }
    }

    fn url(&self, path: &str) -> url::Url {
        // `base` ends in '/', and every path here is a fixed relative one.
        self.base.join(path).unwrap_or_else(|_| self.base.clone())
    }

    /// GET, PUT and DELETE are idempotent: retried on 429, 5xx and lost connections.
    async fn call<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let url = self.url(path);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt > self.options.backoff.retries;
            match self.attempt(method.clone(), &url, body).await {
                Attempt::Answer(resp) => {
                    let status = resp.status();
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        attempt -= 1;
                        continue;
                    }
                    if status.is_server_error() && !last {
                        self.pause(attempt, &resp).await?;
                        continue;
                    }
                    return decode(resp).await;
                }
                Attempt::NotSent(err) | Attempt::Unknown(err) => {
                    if last {
                        return Err(err);
                    }
                    self.sleep(attempt, None, &err).await?;
                }
            }
        }
    }

    async fn attempt<B: Serialize>(
        &self,
        method: Method,
        url: &url::Url,
        body: Option<&B>,
    ) -> Attempt {
        let Ok(ticket) = tokio::time::timeout_at(self.deadline, self.limiter.acquire()).await
        else {
            return Attempt::NotSent(self.past_deadline("waiting for the rate limit"));
        };
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .headers(self.headers.clone());
        if let Some(body) = body {
            request = request.json(body);
        }
        let started = Instant::now();
        // The command's deadline bounds an answer in flight too, not only the waits
        // between calls: a server that answers slowly cannot hold the command past it.
        // A place among the run's calls in flight, then the call: both within the deadline.
        let in_flight = self.options.http.as_ref().map(|t| t.in_flight.clone());
        let Ok(result) = tokio::time::timeout_at(self.deadline, async {
            let _place = match in_flight {
                Some(places) => places.acquire_owned().await.ok(),
                None => None,
            };
            self.send(request, &method, url).await
        })
        .await
        else {
            self.limiter.finish(ticket, Verdict::Unknown).await;
            self.emit(&format!(
                "{method} {} -> no answer by the deadline",
                redact(url)
            ));
            return Attempt::Unknown(
                self.past_deadline(&format!("waiting for an answer to {method} {}", url.path())),
            );
        };
        let verdict = match &result {
            Ok(resp) if resp.status() == StatusCode::TOO_MANY_REQUESTS => Verdict::RateLimited {
                retry_after: retry_after(resp),
            },
            Ok(_) => Verdict::Counted,
            Err(_) => Verdict::Unknown,
        };
        self.limiter.finish(ticket, verdict).await;
        let took = started.elapsed().as_millis();
        match result {
            Ok(resp) => {
                self.emit(&format!(
                    "{method} {} -> {} ({took} ms)",
                    redact(url),
                    resp.status()
                ));
                Attempt::Answer(resp)
            }
            Err(err) => {
                self.emit(&format!("{method} {} -> failed ({took} ms)", redact(url)));
                self.classify(url, err)
            }
        }
    }

    /// Sends a request; past [`SLOW_ANSWER`] without an answer, says what it waits for and
    /// until when.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        method: &Method,
        url: &url::Url,
    ) -> reqwest::Result<reqwest::Response> {
        use std::sync::atomic::Ordering;
        let send = request.send();
        let Some(notice) = &self.options.on_slow else {
            return send.await;
        };
        tokio::pin!(send);
        tokio::select! {
            result = &mut send => result,
            () = tokio::time::sleep(SLOW_ANSWER) => {
                let first = self.slow.fetch_add(1, Ordering::SeqCst) == 0;
                let _shown = first.then(|| {
                    let timeout = self.options.timeout;
                    let deadline = self.deadline.saturating_duration_since(tokio::time::Instant::now());
                    notice(&format!(
                        "waiting for {} to answer {method} {} ({} s so far; this try gives up \
                         at {}, the command at {})",
                        url.host_str().unwrap_or("the API"),
                        url.path(),
                        SLOW_ANSWER.as_secs(),
                        clock_in(timeout.saturating_sub(SLOW_ANSWER)),
                        clock_in(deadline),
                    ))
                });
                let result = send.await;
                self.slow.fetch_sub(1, Ordering::SeqCst);
                result
            }
        }
    }

    fn classify(&self, url: &url::Url, err: reqwest::Error) -> Attempt {
        let shown = redact(url);
        let detail = root_cause(&err);
        if err.is_timeout() {
            return Attempt::Unknown(ApiError::Timeout {
                url: shown,
                seconds: self.options.timeout.as_secs().max(1),
            });
        }
        if err.is_connect() {
            if url.scheme() == "https" && is_tls_failure(&err) {
                return Attempt::NotSent(ApiError::Tls { url: shown, detail });
            }
            return Attempt::NotSent(ApiError::Connect { url: shown, detail });
        }
        Attempt::Unknown(ApiError::Dropped { url: shown, detail })
    }

    /// Waits before retrying a server error (a 503 may say how long).
    async fn pause(&self, attempt: u32, resp: &reqwest::Response) -> Result<(), ApiError> {
        let retry_after = retry_after(resp);
        let why = ApiError::Refused {
            status: resp.status().as_u16(),
            message: resp
                .status()
                .canonical_reason()
                .unwrap_or("error")
                .to_string(),
        };
        self.sleep(attempt, retry_after, &why).await
    }

    /// Waits before a retry, unless that would pass the command's deadline.
    async fn sleep(
        &self,
        attempt: u32,
        retry_after: Option<Duration>,
        why: &ApiError,
    ) -> Result<(), ApiError> {
        let wait = self.options.backoff.delay(attempt, retry_after);
        if tokio::time::Instant::now() + wait > self.deadline {
            return Err(self.past_deadline(&why.to_string()));
        }
        self.emit(&format!("  retrying in {} ms", wait.as_millis()));
        tokio::time::sleep(wait).await;
        Ok(())
    }

    fn past_deadline(&self, last: &str) -> ApiError {
        ApiError::Deadline {
            seconds: self.options.deadline.as_secs(),
            last: last.to_string(),
        }
    }

    fn emit(&self, line: &str) {
        if let Some(trace) = &self.trace {
            trace(line);
        }
    }
}

/// The wall-clock time (UTC, to the second) `after` from now.
fn clock_in(after: Duration) -> String {
    let at = time::OffsetDateTime::now_utc() + after;
    let format = time::macros::format_description!("[hour]:[minute]:[second] UTC");
    at.format(&format).unwrap_or_else(|_| "-".into())
}

fn retry_after(resp: &reqwest::Response) -> Option<Duration> {
    resp.headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(pacing::parse_retry_after)
}

/// The URL as it may be shown: no user info, no query (neither is ever needed to debug).
fn redact(url: &url::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.to_string()
}

/// rustls's errors come wrapped in io errors; their words are the only sign they carry.
fn is_tls_failure(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(err);
    while let Some(e) = cause {
        let text = format!("{e} {e:?}").to_ascii_lowercase();
        if [
            "certificate",
            "tls",
            "handshake",
            "corrupt message",
            "invalidmessage",
            "alert",
        ]
        .iter()
        .any(|word| text.contains(word))
        {
            return true;
        }
        cause = e.source();
    }
    false
}

/// Why a connection could not be made, in a few words a user can act on: the name did not
/// resolve, the port refused, TLS failed, or the transport's own words.
pub fn connect_failure(err: &(dyn std::error::Error + 'static)) -> String {
    let root = crate::text::line(&root_cause(err)).into_owned();
    let mut cause = Some(err);
    let mut chain = String::new();
    while let Some(e) = cause {
        chain.push_str(&format!("{e} {e:?} ").to_ascii_lowercase());
        cause = e.source();
    }
    if chain.contains("dns error") || chain.contains("failed to lookup address") {
        format!("the host name did not resolve: {root}")
    } else if chain.contains("connection refused") {
        "connection refused: nothing listens there".into()
    } else if is_tls_failure(err) {
        format!("TLS failed: {root}")
    } else {
        root
    }
}

fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Reads an answer: the typed value on success, Copper's error body on failure, and a clear
/// word about anything that is not JSON.
async fn decode<T: DeserializeOwned>(resp: reqwest::Response) -> Result<T, ApiError> {
    let status = resp.status();
    let content_type = quote(
        resp.headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type"),
    );
    if status.is_redirection() {
        return Err(ApiError::NotJson {
            status: status.as_u16(),
            content_type: format!(
                "redirect to {}",
                quote(
                    resp.headers()
                        .get(reqwest::header::LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("?")
                )
            ),
            what: "a redirect, which is not followed so the API key stays put".into(),
        });
    }
    let bytes = read_capped(resp).await?;
    if status.is_success() {
        return decode_body(&bytes).map_err(|what| ApiError::NotJson {
            status: status.as_u16(),
            content_type,
            what,
        });
    }
    match serde_json::from_slice::<ErrorBody>(&bytes) {
        Ok(body) => Err(ApiError::Refused {
            status: status.as_u16(),
            message: quote(&body.message),
        }),
        Err(_) if looks_like_html(&bytes) => Err(ApiError::NotJson {
            status: status.as_u16(),
            content_type,
            what: "an HTML page".into(),
        }),
        Err(_) => Err(ApiError::Refused {
            status: status.as_u16(),
            message: status
                .canonical_reason()
                .unwrap_or("unexplained error")
                .to_string(),
        }),
    }
}

/// Decodes a successful answer. The error says what was wrong with the body without quoting
/// any of it: serde's own messages quote values, and a value may be a secret.
pub fn decode_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| {
        if looks_like_html(bytes) {
            return "an HTML page".into();
        }
        let what = match e.classify() {
            serde_json::error::Category::Io | serde_json::error::Category::Syntax => {
                "a body that is not JSON"
            }
            serde_json::error::Category::Eof => "a body that is cut short",
            serde_json::error::Category::Data => "JSON of an unexpected shape",
        };
        format!("{what} (line {}, column {})", e.line(), e.column())
    })
}

/// Reads an answer's body up to [`MAX_ANSWER_BYTES`].
async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, ApiError> {
    let status = resp.status().as_u16();
    let too_large = || ApiError::NotJson {
        status,
        content_type: "over 4 MiB".into(),
        what: "an answer far larger than any Copper sends".into(),
    };
    if resp
        .content_length()
        .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => {
                return Err(ApiError::Dropped {
                    url: String::from("the server"),
                    detail: root_cause(&e),
                })
            }
        }
    }
}

/// A server's words as an error may quote them: one escaped line, cut to a readable length.
fn quote(text: &str) -> String {
    let line = crate::text::line(text);
    match line.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line.into_owned(),
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with('<')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(|f| serde_json::json!(f)),
            any::<String>().prop_map(serde_json::Value::from),
            prop_oneof![Just("lead"), Just("new"), Just("https://a.example.com")]
                .prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                prop::collection::btree_map(
                    prop_oneof![
                        Just("id".to_string()),
                        Just("target".to_string()),
                        Just("type".to_string()),
                        Just("event".to_string()),
                        Just("secret".to_string()),
                        Just("headers".to_string()),
                        Just("created_at".to_string()),
                        any::<String>(),
                    ],
                    inner,
                    0..8
                )
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn no_answer_body_makes_the_decoder_panic_or_quote_it(
            body in prop_oneof![
                any::<Vec<u8>>(),
                json_value().prop_map(|v| v.to_string().into_bytes()),
            ]
        ) {
            let list = decode_body::<Vec<Subscription>>(&body);
            let one = decode_body::<Subscription>(&body);
            let account = decode_body::<Account>(&body);
            for err in [list.err(), one.err(), account.err()].into_iter().flatten() {
                // The error names a shape and a place, never the body's own text.
                prop_assert!(err.len() < 80, "{}", err);
            }
        }
    }
}
