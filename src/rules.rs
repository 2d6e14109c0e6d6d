//! The rules Copper enforces on subscriptions, checked before any call is made.
//!
//! `create`, `update`, `validate`, `plan`, `apply` and the emulator share these checks, so a
//! value that passed here is one Copper would accept: a [`Target`] is an external https URL,
//! an [`EntityType`] or [`Event`] is one of Copper's names, a [`Pairs`] has unique keys.

use std::collections::BTreeMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Exit;

/// Copper's limit on active subscriptions per account.
pub const MAX_SUBSCRIPTIONS: usize = 100;

/// The secret key that marks a subscription as owned by a manifest (see `apply --prune`).
pub const OWNER_KEY: &str = "copper_hooks_owner";

/// A rule a value breaks. Its message names the rule; its exit code says "refused by a rule"
/// or "usage", depending on whether the value came from a flag's shape or Copper's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub message: String,
    pub usage: bool,
}

impl RuleError {
    fn rule(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            usage: false,
        }
    }

    fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            usage: true,
        }
    }

    pub fn exit(&self) -> Exit {
        if self.usage {
            Exit::Usage
        } else {
            Exit::Refused
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

/// The record types Copper can notify about.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum EntityType {
    Lead,
    Person,
    Company,
    Opportunity,
    Project,
    Task,
    ActivityLog,
}

impl EntityType {
    pub const ALL: [EntityType; 7] = [
        EntityType::Lead,
        EntityType::Person,
        EntityType::Company,
        EntityType::Opportunity,
        EntityType::Project,
        EntityType::Task,
        EntityType::ActivityLog,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Lead => "lead",
            EntityType::Person => "person",
            EntityType::Company => "company",
            EntityType::Opportunity => "opportunity",
            EntityType::Project => "project",
            EntityType::Task => "task",
            EntityType::ActivityLog => "activity_log",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = RuleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                RuleError::rule(format!(
                    "unknown type '{s}': Copper's types are {}",
                    names(Self::ALL.iter().map(|t| t.as_str()))
                ))
            })
    }
}

/// The changes Copper can notify about.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    New,
    Update,
    Delete,
}

impl Event {
    pub const ALL: [Event; 3] = [Event::New, Event::Update, Event::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::New => "new",
            Event::Update => "update",
            Event::Delete => "delete",
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Event {
    type Err = RuleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| {
                RuleError::rule(format!(
                    "unknown event '{s}': Copper's events are {}",
                    names(Self::ALL.iter().map(|e| e.as_str()))
                ))
            })
    }
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// A notification target Copper will deliver to: an absolute https URL with an external host.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Target(String);

impl Target {
    pub fn parse(raw: &str) -> Result<Self, RuleError> {
        let url = url::Url::parse(raw).map_err(|e| {
            RuleError::rule(format!(
                "target '{raw}' is not an absolute URL ({e}); Copper needs an https:// URL"
            ))
        })?;
        if url.scheme() != "https" {
            return Err(RuleError::rule(format!(
                "target '{raw}' is not https: Copper delivers only to https:// URLs"
            )));
        }
        let host = match url.host() {
            Some(host) => host,
            None => {
                return Err(RuleError::rule(format!(
                    "target '{raw}' has no host: Copper needs an https:// URL with a host"
                )))
            }
        };
        let internal = match host {
            url::Host::Domain(name) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                name == "localhost" || name.ends_with(".localhost")
            }
            url::Host::Ipv4(ip) => is_internal_ip(IpAddr::V4(ip)),
            url::Host::Ipv6(ip) => is_internal_ip(IpAddr::V6(ip)),
        };
        if internal {
            return Err(RuleError::rule(format!(
                "target '{raw}' points at an internal host: Copper refuses localhost, loopback, \
                 private, link-local and unspecified addresses (Invalid URI For External Request)"
            )));
        }
        // Keep the user's spelling: Copper compares targets as given, and so must the plan.
        Ok(Target(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Target {
    type Err = RuleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::parse(s)
    }
}

/// True for addresses Copper cannot (or will not) deliver to.
pub fn is_internal_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || v6 == Ipv6Addr::LOCALHOST
        }
    }
}

fn is_internal_v4(v4: Ipv4Addr) -> bool {
    let [a, b, ..] = v4.octets();
    v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || (a == 100 && (64..=127).contains(&b)) // carrier-grade NAT 100.64.0.0/10
        || a == 0
}

/// What a `KEY=VALUE` pair list is for; header names have stricter rules than secret keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    Secret,
    Header,
}

impl PairKind {
    fn noun(self) -> &'static str {
        match self {
            PairKind::Secret => "secret",
            PairKind::Header => "header",
        }
    }
}

/// Checked key/value pairs for a subscription's `secret` or `headers`.
pub type Pairs = BTreeMap<String, String>;

/// Checks one key of a secret or header map (shared by flags and manifests).
pub fn check_pair_key(kind: PairKind, key: &str) -> Result<(), RuleError> {
    if key.trim().is_empty() {
        return Err(RuleError::usage(format!("{} key is empty", kind.noun())));
    }
    if kind == PairKind::Header && reqwest::header::HeaderName::from_bytes(key.as_bytes()).is_err()
    {
        return Err(RuleError::usage(format!(
            "'{key}' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)"
        )));
    }
    Ok(())
}

/// Parses `KEY=VALUE` flags into pairs: no empty key, no key twice, valid header names.
pub fn parse_pairs(kind: PairKind, raw: &[String]) -> Result<Pairs, RuleError> {
    let mut pairs = Pairs::new();
    for item in raw {
        let Some((key, value)) = item.split_once('=') else {
            return Err(RuleError::usage(format!(
                "{} '{}' is not KEY=VALUE",
                kind.noun(),
                // The value may be a secret: show only what comes before any '='.
                if kind == PairKind::Secret {
                    "<hidden>"
                } else {
                    item
                }
            )));
        };
        check_pair_key(kind, key)?;
        if kind == PairKind::Header && reqwest::header::HeaderValue::from_str(value).is_err() {
            return Err(RuleError::usage(format!(
                "header '{key}' has a value that is not a valid HTTP header value"
            )));
        }
        if pairs.insert(key.to_string(), value.to_string()).is_some() {
            return Err(RuleError::usage(format!(
                "{} key '{key}' is given twice",
                kind.noun()
            )));
        }
    }
    Ok(pairs)
}

/// The API URL must be https; plain http only for loopback hosts (the emulator).
pub fn check_api_url(raw: &str) -> Result<url::Url, RuleError> {
    let url = url::Url::parse(raw)
        .map_err(|e| RuleError::usage(format!("API URL '{raw}' is not a URL ({e})")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if loopback {
                Ok(url)
            } else {
                Err(RuleError::usage(format!(
                    "API URL '{raw}' is plain http: use https (http is allowed only for loopback \
                     hosts such as the emulator)"
                )))
            }
        }
        other => Err(RuleError::usage(format!(
            "API URL '{raw}' has scheme '{other}': use https"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_must_be_external_https() {
        assert!(Target::parse("https://hooks.example.com/copper").is_ok());
        assert!(Target::parse("https://8.8.8.8/x").is_ok());
        for bad in [
            "http://hooks.example.com/",
            "ftp://hooks.example.com/",
            "hooks.example.com",
            "https://localhost/x",
            "https://api.localhost/x",
            "https://127.0.0.1/x",
            "https://10.1.2.3/x",
            "https://172.16.0.1/x",
            "https://192.168.1.1/x",
            "https://169.254.169.254/latest",
            "https://0.0.0.0/",
            "https://[::1]/",
            "https://[fe80::1]/",
            "https://[fd00::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://100.64.0.1/",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn target_messages_name_the_rule() {
        let e = Target::parse("http://x.example.com").unwrap_err();
        assert!(e.message.contains("not https"), "{}", e.message);
        let e = Target::parse("https://127.0.0.1").unwrap_err();
        assert!(e.message.contains("internal host"), "{}", e.message);
    }

    #[test]
    fn pairs_are_checked() {
        let ok = parse_pairs(PairKind::Secret, &["a=1".into(), "b=x=y".into()]).unwrap();
        assert_eq!(ok["b"], "x=y");
        assert!(parse_pairs(PairKind::Secret, &["=1".into()]).is_err());
        assert!(parse_pairs(PairKind::Secret, &["a=1".into(), "a=2".into()]).is_err());
        assert!(parse_pairs(PairKind::Header, &["Bad Name=1".into()]).is_err());
        let e = parse_pairs(PairKind::Secret, &["novalue".into()]).unwrap_err();
        assert!(
            !e.message.contains("novalue"),
            "secret text leaked: {}",
            e.message
        );
    }

    #[test]
    fn enums_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>().unwrap(), t);
        }
        assert!("leads".parse::<EntityType>().is_err());
        assert!("created".parse::<Event>().is_err());
    }

    #[test]
    fn api_url_https_or_loopback_http() {
        assert!(check_api_url("https://api.copper.com/developer_api/v1").is_ok());
        assert!(check_api_url("http://127.0.0.1:9/developer_api/v1").is_ok());
        assert!(check_api_url("http://api.copper.com/developer_api/v1").is_err());
    }
}
