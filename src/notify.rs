//! Sending notifications to a receiver as Copper sends them, shared by `trigger`, `test`,
//! `replay` and `listen --forward-to`: the check of a receiver's URL, the POSTer, which
//! headers belong to a connection rather than a delivery, and whether Copper would deliver to
//! a target at all. Knows nothing of the commands that use it.

use std::time::{Duration, Instant};

use crate::rules::{self, Pairs, RuleError};

/// The header every test notification (`test`) carries, which `listen` leaves out of what
/// it forwards.
pub const TEST_HEADER: &str = "X-Copper-Hooks-Test";

/// A target Copper would deliver to, as it stands: https to an external host, no
/// credentials in it (a subscription's secrets and headers go nowhere Copper itself would
/// not send them: not to `http://127.0.0.1/latest/meta-data/`, `localhost`, or `user:pw@`
/// turned into Basic auth). With `allow_local`, an http receiver on loopback too.
pub fn copper_would_deliver(
    target: &str,
    allow_local: bool,
) -> std::result::Result<String, String> {
    let shown = rules::shown_target(target);
    let checked = if allow_local {
        rules::Target::parse_local(target, &shown)
    } else {
        rules::Target::parse(target)
    };
    checked
        .map(|t| t.as_str().to_string())
        .map_err(|e| format!("{}: Copper would not deliver there", e.message))
}

/// A receiver's URL: http or https to any host (it is the user's own), one clean URL.
pub fn receiver_url(raw: &str) -> Result<url::Url, RuleError> {
    let shown = rules::shown_target(raw);
    if raw
        .chars()
        .any(|c| crate::text::is_hidden(c) || c.is_whitespace())
    {
        return Err(RuleError::usage(format!(
            "receiver URL '{shown}' holds spaces or control characters"
        )));
    }
    let url = url::Url::parse(raw)
        .map_err(|e| RuleError::usage(format!("receiver URL '{shown}' is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
        return Err(RuleError::usage(format!(
            "receiver URL '{shown}' must be http:// or https:// with a host"
        )));
    }
    Ok(url)
}

/// Headers that describe one connection or the proxies and tunnels on the way (cloudflared,
/// ngrok, a load balancer), not the delivery: never passed on or sent again. Content-Type is
/// among them because every sender here sets its own, and a request must not carry two.
pub fn hop_by_hop(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "host",
        "content-length",
        "content-type",
        "connection",
        "transfer-encoding",
        "keep-alive",
        "upgrade",
        "te",
        "trailer",
        "expect",
        "forwarded",
        "via",
        "x-real-ip",
        "true-client-ip",
        "cdn-loop",
        FORWARDED_MARK,
    ]
    .contains(&name.as_str())
        || ["proxy-", "x-forwarded-", "cf-"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
}

/// Set on every delivery `listen --forward-to` passes on: a listen that receives one it
/// forwarded itself refuses it, so a forward to its own address cannot loop.
pub const FORWARDED_MARK: &str = "x-copper-hooks-forwarded";

/// What one POST came to.
pub struct Sent {
    pub status: Option<u16>,
    pub error: Option<String>,
    pub ms: f64,
    /// The wait a 429 or 503 asked for (`Retry-After` in seconds), at most an hour.
    pub retry_after: Option<Duration>,
    /// Nothing was sent: the request could not be made as it is (trying again is no use).
    pub unsendable: bool,
}

impl Sent {
    /// A request that could not be made, for `why`.
    pub fn failed(why: &str) -> Sent {
        Sent {
            status: None,
            error: Some(why.to_string()),
            ms: 0.0,
            retry_after: None,
            unsendable: true,
        }
    }

    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    pub fn describe(&self) -> String {
        match (self.status, &self.error) {
            (Some(status), _) => format!("{status}  {:>5.0} ms", self.ms),
            (None, Some(err)) => format!("failed ({err})  {:>5.0} ms", self.ms),
            (None, None) => "failed".into(),
        }
    }
}

/// POSTs bodies as Copper does: JSON, the subscription's headers, no redirects followed, no
/// proxy for plain http (a proxy would see the echoed secrets in clear).
pub struct Sender {
    http: reqwest::Client,
}

impl Sender {
    /// A sender to `url`'s scheme, each POST given `timeout` to be answered.
    pub fn new(timeout: Duration, url: &url::Url) -> anyhow::Result<Sender> {
        let mut http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .user_agent(concat!("copper-hooks/", env!("CARGO_PKG_VERSION")));
        if url.scheme() == "http" {
            http = http.no_proxy();
        }
        Ok(Sender {
            http: http.build()?,
        })
    }

    pub async fn post(&self, url: &url::Url, headers: &Pairs, body: &[u8]) -> Sent {
        self.post_as(url, headers, body, "application/json").await
    }

    /// [`Sender::post`] with the Content-Type a delivery came with, passed on unchanged.
    pub async fn post_as(
        &self,
        url: &url::Url,
        headers: &Pairs,
        body: &[u8],
        content_type: &str,
    ) -> Sent {
        let mut request = self
            .http
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body.to_vec());
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let started = Instant::now();
        let result = request.send().await;
        // To the 10 µs: what a loopback round trip can tell apart, without float noise.
        let ms = (started.elapsed().as_micros() as f64 / 10.0).round() / 100.0;
        match result {
            Ok(resp) => Sent {
                status: Some(resp.status().as_u16()),
                error: None,
                ms,
                retry_after: resp
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(|secs| Duration::from_secs(secs.min(3600))),
                unsendable: false,
            },
            Err(err) => Sent {
                status: None,
                error: Some(if err.is_timeout() {
                    "no answer in time".into()
                } else if err.is_connect() {
                    format!(
                        "could not connect: {}",
                        crate::copper::connect_failure(&err)
                    )
                } else {
                    "connection lost".into()
                }),
                ms,
                retry_after: None,
                unsendable: err.is_builder(),
            },
        }
    }
}
