//! The relay: what stands between Copper (which sends each delivery once, signed by nothing)
//! and an app. Shared by `listen` (which accepts, journals and forwards), `replay` (which
//! sends what is dead or pending on demand), `journal` (which says what a journal holds) and
//! `reconcile` (which finds what never arrived).
//!
//! - [`journal`]: the file format, its writer (a group commit: synced before Copper is
//!   answered) and its readers;
//! - [`queue`]: the forwards, retried with backoff until `--retry-for` runs out, in order
//!   for each record, resumed from the journal after a restart;
//! - [`Forwarding`]: what a forward carries (the Standard Webhooks headers, signed when
//!   asked), the same for a live forward, a retry and a replay.

pub mod journal;
pub mod queue;

use serde_json::Value;

use crate::error;
use crate::rules::Pairs;

/// The header that marks a notification `reconcile` made up from a search, not one Copper
/// sent.
pub const SYNTHETIC_HEADER: &str = "x-copper-hooks-synthetic";

/// How a forward is dressed: the app's URL, the sender, this process's loop mark, and the
/// signing key when one was given.
pub struct Forwarding {
    pub url: url::Url,
    pub sender: crate::notify::Sender,
    pub signer: Option<standardwebhooks::Webhook>,
    /// This process's mark on what it forwards: a delivery that comes back with it has
    /// looped (through another address or a proxy) and is refused.
    pub mark: String,
}

/// A forward ready to send.
pub struct Outgoing {
    pub headers: Pairs,
    pub content_type: String,
}

impl Forwarding {
    pub fn new(
        url: url::Url,
        timeout: std::time::Duration,
        sign: Option<&str>,
    ) -> anyhow::Result<Forwarding> {
        let sender = crate::notify::Sender::new(timeout, &url)?;
        let signer = sign.map(signing_key).transpose()?;
        Ok(Forwarding {
            url,
            sender,
            signer,
            mark: format!("{:016x}", fastrand::u64(..)),
        })
    }

    /// The headers of a forward of `body` with delivery id `id`, from the headers it came
    /// with (name, value): theirs but those of the transport and the proxies on the way and
    /// a sender's own `webhook-*` (which never pass for ours), Content-Type as it came, the
    /// loop mark, and the Standard Webhooks headers for this attempt (the timestamp is now,
    /// so a retry is signed afresh).
    pub fn dress<'a>(
        &self,
        came_with: impl Iterator<Item = (&'a str, &'a str)>,
        id: &str,
        body: &[u8],
    ) -> Result<Outgoing, &'static str> {
        let mut content_type = "application/json".to_string();
        let mut headers = Pairs::new();
        for (name, value) in came_with {
            let lower = name.to_ascii_lowercase();
            if lower == "content-type" {
                content_type = value.to_string();
                continue;
            }
            if crate::notify::hop_by_hop(&lower) || lower.starts_with("webhook-") {
                continue;
            }
            headers.insert(lower, value.to_string());
        }
        headers.insert(crate::notify::FORWARDED_MARK.into(), self.mark.clone());
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if let Some(signer) = &self.signer {
            let signature = signer
                .sign(id, now, body)
                .map_err(|_| "the body is not UTF-8 text, which Standard Webhooks cannot sign")?;
            headers.insert("webhook-signature".into(), signature);
        }
        headers.insert("webhook-id".into(), id.to_string());
        headers.insert("webhook-timestamp".into(), now.to_string());
        Ok(Outgoing {
            headers,
            content_type,
        })
    }

    /// Sends one journalled delivery (its `headers` object and `body`) to the app.
    pub async fn send_entry(&self, entry: &Value) -> crate::notify::Sent {
        let body = entry["body"].as_str().unwrap_or_default().as_bytes();
        let id = entry["id"]
            .as_str()
            .map_or_else(|| crate::delivery::delivery_id(body), str::to_string);
        let came_with = entry["headers"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)));
        match self.dress(came_with, &id, body) {
            Ok(out) => {
                self.sender
                    .post_as(&self.url, &out.headers, body, &out.content_type)
                    .await
            }
            Err(why) => crate::notify::Sent::failed(why),
        }
    }
}

/// The delivery id of a notification `reconcile` made up: `syn_` and the digest a delivery
/// of the same body would get, so the id says it came from a search and is the same each
/// time the same search finds the same records.
pub fn synthetic_id(body: &[u8]) -> String {
    let id = crate::delivery::delivery_id(body);
    format!("syn_{}", id.trim_start_matches("msg_"))
}

/// The id a relay gives a delivery: a notification marked synthetic keeps a `syn_` id.
pub fn relay_id(body: &[u8], synthetic: bool) -> String {
    if synthetic {
        synthetic_id(body)
    } else {
        crate::delivery::delivery_id(body)
    }
}

/// The key of `--sign-secret`: `whsec_` and the key's bytes in base64, as Standard Webhooks
/// writes secrets; anything else is refused, never shown.
pub fn signing_key(secret: &str) -> anyhow::Result<standardwebhooks::Webhook> {
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

/// What a forward's answer means for the delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx: the app has it.
    Taken,
    /// Worth another try: no connection, no answer in time, 5xx, 408 or 429 (with the
    /// wait the app asked for, when it said).
    Again(Option<std::time::Duration>),
    /// Any other answer: the app will never take it as it is.
    Final,
}

/// Judges an answer.
pub fn verdict(sent: &crate::notify::Sent) -> Verdict {
    match sent.status {
        Some(s) if (200..300).contains(&s) => Verdict::Taken,
        Some(408 | 429) => Verdict::Again(sent.retry_after),
        Some(s) if s >= 500 => Verdict::Again(sent.retry_after),
        Some(_) => Verdict::Final,
        None if sent.unsendable => Verdict::Final,
        None => Verdict::Again(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::Sent;

    fn answered(status: u16) -> Sent {
        Sent {
            status: Some(status),
            error: None,
            ms: 1.0,
            retry_after: None,
            unsendable: false,
        }
    }

    #[test]
    fn which_answers_are_tried_again() {
        assert_eq!(verdict(&answered(204)), Verdict::Taken);
        for again in [408, 429, 500, 502, 503] {
            assert!(
                matches!(verdict(&answered(again)), Verdict::Again(_)),
                "{again}"
            );
        }
        for fin in [301, 400, 401, 404, 410, 422] {
            assert_eq!(verdict(&answered(fin)), Verdict::Final, "{fin}");
        }
        let refused = Sent {
            status: None,
            error: Some("could not connect".into()),
            ms: 0.0,
            retry_after: None,
            unsendable: false,
        };
        assert!(matches!(verdict(&refused), Verdict::Again(None)));
        assert_eq!(verdict(&Sent::failed("bad")), Verdict::Final);
    }

    #[test]
    fn a_forward_keeps_what_the_app_needs_and_drops_what_is_not_the_delivery() {
        let url = url::Url::parse("http://127.0.0.1:9/").expect("url");
        let f = Forwarding::new(
            url,
            std::time::Duration::from_secs(1),
            Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        )
        .expect("forwarding");
        let came = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Authorization", "Bearer t"),
            ("webhook-id", "msg_forged"),
            ("X-Forwarded-For", "10.0.0.1"),
            ("Host", "relay"),
        ];
        let out = f.dress(came.into_iter(), "msg_1", b"{}").expect("dressed");
        assert_eq!(out.content_type, "application/json; charset=utf-8");
        assert_eq!(out.headers["authorization"], "Bearer t");
        assert_eq!(out.headers["webhook-id"], "msg_1");
        assert!(out.headers["webhook-signature"].starts_with("v1,"));
        assert!(!out.headers.contains_key("x-forwarded-for"));
        assert!(!out.headers.contains_key("host"));
        assert!(!out.headers.contains_key("content-type"));
    }
}
