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

/// Copper's limit on active subscriptions per account.
pub const MAX_SUBSCRIPTIONS: usize = 100;

/// The secret key that marks a subscription as owned by a manifest (see `apply --prune`).
pub const OWNER_KEY: &str = "copper_hooks_owner";

/// The secret key an adopted subscription keeps the names of its own keys under (a JSON
/// list): the keys it had before a manifest took it over, which the manifest does not
/// mention and later plans keep (another tool such as n8n checks them on every delivery).
pub const KEEPS_KEY: &str = "copper_hooks_keeps";

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

    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            usage: true,
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
                    "unknown type '{}'{}: Copper's types are {}",
                    crate::text::line(s),
                    suggest(s, Self::ALL.iter().map(|t| t.as_str())),
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
                    "unknown event '{}'{}: Copper's events are {}",
                    crate::text::line(s),
                    suggest(s, Self::ALL.iter().map(|e| e.as_str())),
                    names(Self::ALL.iter().map(|e| e.as_str()))
                ))
            })
    }
}

/// ` (did you mean 'person'?)` for the closest name, when one is close; the same measure
/// clap uses for flags (Jaro-Winkler over 0.7), so manifests and flags suggest alike.
pub fn suggest<'a>(given: &str, names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|name| (strsim::jaro_winkler(given, name), name))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| format!(" (did you mean '{name}'?)"))
        .unwrap_or_default()
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// A notification target Copper will deliver to: an absolute https URL with an external host,
/// held in one canonical spelling (the parsed URL, serialised).
///
/// Canonical means one identity per place: `HTTPS://Dup.Example.com:443/`,
/// `https://dup.example.com/` and `https://dup.example.com` are the same target, and what is
/// shown is what is sent. Text that different URL parsers read differently, or that would
/// look different in a terminal from what it is, is refused, never silently cleaned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Target(String);

impl Target {
    /// Parses a target, quoting it (escaped, credentials masked) in any error.
    pub fn parse(raw: &str) -> Result<Self, RuleError> {
        Self::parse_shown(raw, &shown_target(raw))
    }

    /// Parses a target whose errors must quote `shown` rather than the text itself (a
    /// manifest's `${VAR}` template, so that an interpolated value is never printed).
    pub fn parse_shown(raw: &str, shown: &str) -> Result<Self, RuleError> {
        let refuse = |why: &str| Err(RuleError::rule(format!("target '{shown}' {why}")));
        plain_text(raw, shown)?;
        let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
        if !lower.starts_with("https://") {
            if lower.starts_with("https:") {
                return refuse("must start with https:// followed by the host");
            }
            if lower.starts_with("http://") {
                return refuse("is not https: Copper delivers only to https:// URLs");
            }
        }
        let url = match url::Url::parse(raw) {
            Ok(url) => url,
            Err(e) => {
                return refuse(&format!(
                    "is not an absolute URL ({e}); Copper needs an https:// URL"
                ))
            }
        };
        if url.scheme() != "https" {
            return refuse("is not https: Copper delivers only to https:// URLs");
        }
        if !url.username().is_empty() || url.password().is_some() {
            return refuse(
                "carries credentials (user:password@): they would be shown wherever the \
                 target is; send them with `headers` or `secret` pairs instead",
            );
        }
        let internal = match url.host() {
            None => return refuse("has no host: Copper needs an https:// URL with a host"),
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                name == "localhost" || name.ends_with(".localhost")
            }
            Some(url::Host::Ipv4(ip)) => is_internal_ip(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => is_internal_ip(IpAddr::V6(ip)),
        };
        if internal {
            return refuse(
                "points at an internal host: Copper refuses localhost, loopback, private, \
                 link-local and unspecified addresses (Invalid URI For External Request)",
            );
        }
        Ok(Target(url.to_string()))
    }

    /// A target for an emulator on loopback: as [`Target::parse_shown`], and also a plain
    /// `http://` URL on a loopback host (a receiver on this machine), which an emulator
    /// started with `--allow-http-targets` delivers to. Copper itself never would; this is
    /// used only when the API URL is a loopback emulator.
    pub fn parse_local(raw: &str, shown: &str) -> Result<Self, RuleError> {
        let local = url::Url::parse(raw).ok().filter(|url| {
            url.scheme() == "http"
                && is_loopback_host(url)
                && url.username().is_empty()
                && url.password().is_none()
        });
        match local {
            Some(url) => {
                plain_text(raw, shown)?;
                Ok(Target(url.to_string()))
            }
            None => Self::parse_shown(raw, shown),
        }
    }

    /// A target whose host is not known yet (`validate --skip-env`, a variable unset before
    /// it): `written` is its text up to the first unset variable. Whatever it spells out is
    /// checked (the characters, and the scheme once written); the value stands for the
    /// text as written, so identical templates are one identity. Never sent anywhere: plan
    /// and apply need every variable set.
    pub fn parse_written(written: &str, shown: &str) -> Result<Self, RuleError> {
        let refuse = |why: &str| Err(RuleError::rule(format!("target '{shown}' {why}")));
        plain_text(written, shown)?;
        if let Some((scheme, _)) = written.split_once(':') {
            if !scheme.eq_ignore_ascii_case("https") {
                return refuse("is not https: Copper delivers only to https:// URLs");
            }
        }
        Ok(Target(format!("unchecked:{shown}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Refuses a target's text that would read differently to people and parsers: spaces,
/// control or invisible characters, backslashes. Never cleaned up, always refused.
fn plain_text(raw: &str, shown: &str) -> Result<(), RuleError> {
    let refuse = |why: String| Err(RuleError::rule(format!("target '{shown}' {why}")));
    if let Some(c) = raw
        .chars()
        .find(|c| crate::text::is_hidden(*c) || c.is_whitespace())
    {
        return refuse(format!(
            "contains {}; a target is one URL with no spaces, control or invisible characters",
            describe_char(c)
        ));
    }
    if raw.contains('\\') {
        return refuse(
            "contains a backslash, which URL parsers read in different ways; write '/' or \
             percent-encode it as %5C"
                .into(),
        );
    }
    Ok(())
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' => "a line break (\\n)".into(),
        '\r' => "a carriage return (\\r)".into(),
        '\t' => "a tab (\\t)".into(),
        _ => format!("the character \\u{{{:x}}}", c as u32),
    }
}

/// The spelling a target from the account is compared by: canonical when it parses as a URL
/// (so the account's `https://Host` and the manifest's `https://host/` are one identity), and
/// the text as it is when it holds anything [`Target::parse`] refuses, so it matches nothing
/// a manifest can declare.
pub fn canonical_target(raw: &str) -> String {
    let suspicious = raw
        .chars()
        .any(|c| crate::text::is_hidden(c) || c.is_whitespace() || c == '\\');
    if suspicious {
        return raw.to_string();
    }
    match url::Url::parse(raw) {
        Ok(url) if url.has_host() => url.to_string(),
        _ => raw.to_string(),
    }
}

/// A target from the account as it may be shown: escaped for a terminal line, and with any
/// `user:password@` part masked (the account may hold targets made before these rules).
pub fn shown_target(raw: &str) -> String {
    let masked = match userinfo(raw) {
        Some(range) => format!("{}***{}", &raw[..range.start], &raw[range.end..]),
        None => raw.to_string(),
    };
    crate::text::line(&masked).into_owned()
}

/// Where a URL's `user:password@` part is, found by hand rather than through `url`, which
/// drops tabs and line breaks as it parses: what is shown must be what the account holds.
pub fn userinfo(raw: &str) -> Option<std::ops::Range<usize>> {
    let start = raw.find("://")? + 3;
    let rest = &raw[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let at = rest[..end].rfind('@')?;
    Some(start..start + at)
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

/// The most keys one subscription's `secret` (or `headers`) holds: Copper keeps a few.
pub const MAX_PAIRS: usize = 64;

/// Checked key/value pairs for a subscription's `secret` or `headers`.
pub type Pairs = BTreeMap<String, String>;

/// The fields of every delivery's body. A secret pair is flattened beside them, so a secret
/// key with one of these names would collide with the envelope (what Copper does then is
/// not documented): such keys are refused before any call.
pub const ENVELOPE_FIELDS: [&str; 6] = [
    "ids",
    "type",
    "event",
    "subscription_id",
    "timestamp",
    "updated_attributes",
];

/// Checks one key of a secret or header map (shared by flags and manifests).
pub fn check_pair_key(kind: PairKind, key: &str) -> Result<(), RuleError> {
    if key.trim().is_empty() {
        return Err(RuleError::usage(format!("{} key is empty", kind.noun())));
    }
    if kind == PairKind::Secret && ENVELOPE_FIELDS.contains(&key) {
        return Err(RuleError::rule(format!(
            "secret key '{key}' is a field of every delivery: Copper flattens secret pairs into \
             the body beside ids, type, event, subscription_id, timestamp and \
             updated_attributes, so the two would collide; name it otherwise"
        )));
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

/// An API root as one destination is known by, however it is spelt: parsed, lowercased,
/// without a trailing `/` (the text as given when it is not a URL).
pub fn api_root(raw: &str) -> String {
    url::Url::parse(raw)
        .map(|u| u.as_str().trim_end_matches('/').to_ascii_lowercase())
        .unwrap_or_else(|_| raw.to_string())
}

/// The API URL as it may be shown: no `user:password@`, no query, escaped.
pub fn shown_api_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            crate::text::line(url.as_str()).into_owned()
        }
        Err(_) => shown_target(raw),
    }
}

/// Whether a URL's host is this machine: `localhost` or a loopback address.
pub fn is_loopback_host(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The API URL must be https; plain http only for loopback hosts (the emulator).
pub fn check_api_url(raw: &str) -> Result<url::Url, RuleError> {
    let shown = shown_api_url(raw);
    let url = url::Url::parse(raw)
        .map_err(|e| RuleError::usage(format!("API URL '{shown}' is not a URL ({e})")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" => {
            if is_loopback_host(&url) {
                Ok(url)
            } else {
                Err(RuleError::usage(format!(
                    "API URL '{shown}' is plain http: use https (http is allowed only for \
                     loopback hosts such as the emulator)"
                )))
            }
        }
        other => Err(RuleError::usage(format!(
            "API URL '{shown}' has scheme '{}': use https",
            crate::text::line(other)
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
    fn targets_have_one_canonical_spelling() {
        let one = Target::parse("HTTPS://Dup.Example.com:443/").unwrap();
        assert_eq!(one.as_str(), "https://dup.example.com/");
        assert_eq!(Target::parse("https://dup.example.com").unwrap(), one);
        assert_eq!(Target::parse("https://dup.example.com/").unwrap(), one);
        assert_eq!(canonical_target("https://DUP.example.com"), one.as_str());
        assert_eq!(
            Target::parse("https://bücher.example/ä").unwrap().as_str(),
            "https://xn--bcher-kva.example/%C3%A4"
        );
    }

    #[test]
    fn targets_that_read_differently_are_refused() {
        for bad in [
            "https://attacker.example.net/c\r  + create  lead.new  https://hooks.example.com/x",
            "https://a.example.com/x\n",
            " https://a.example.com/",
            "https://a.example.com/\t",
            "https://a.example.com/\u{1b}[2J",
            "https://a.example.com/\u{202e}moc",
            "https://a.example.com/\u{200b}",
            "https://host\\@127.0.0.1/",
            "https:host/x",
            "https:/host/x",
            "https://user:pass@hooks.example.com/",
            "https://token@hooks.example.com/",
        ] {
            let err = Target::parse(bad).expect_err(bad);
            assert!(
                !err.message.chars().any(crate::text::is_hidden),
                "raw control text in {:?}",
                err.message
            );
        }
        // What the account holds is compared as it is when it would be refused.
        assert_eq!(
            canonical_target("https://a.example.com/\r"),
            "https://a.example.com/\r"
        );
        assert_eq!(
            shown_target("https://u:p@a.example.com/x\r"),
            "https://***@a.example.com/x\\r"
        );
        assert_eq!(
            shown_target("https://a.example.com/a@b"),
            "https://a.example.com/a@b"
        );
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
        let e = "persn".parse::<EntityType>().unwrap_err();
        assert!(
            e.message.contains("did you mean 'person'?"),
            "{}",
            e.message
        );
        let e = "updte".parse::<Event>().unwrap_err();
        assert!(
            e.message.contains("did you mean 'update'?"),
            "{}",
            e.message
        );
        let e = "zzzz".parse::<Event>().unwrap_err();
        assert!(!e.message.contains("did you mean"), "{}", e.message);
        assert!("created".parse::<Event>().is_err());
    }

    #[test]
    fn api_url_https_or_loopback_http() {
        assert!(check_api_url("https://api.copper.com/developer_api/v1").is_ok());
        assert!(check_api_url("http://127.0.0.1:9/developer_api/v1").is_ok());
        assert!(check_api_url("http://api.copper.com/developer_api/v1").is_err());
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Text near a URL: a scheme-ish start and arbitrary characters, control and
        /// invisible ones included.
        fn near_url() -> impl Strategy<Value = String> {
            (
                prop_oneof![
                    Just("https://"),
                    Just("HTTPS://"),
                    Just("https:"),
                    Just("http://"),
                    Just(""),
                ],
                "[a-zA-Z0-9.:@/\\\\?#%\\[\\] \\r\\n\\t\\u{1b}\\u{202e}\\u{200b}\\u{0}-]{0,40}",
            )
                .prop_map(|(scheme, rest)| format!("{scheme}{rest}"))
        }

        proptest! {
            #[test]
            fn a_target_is_its_canonical_printable_text(raw in prop_oneof![near_url(), any::<String>()]) {
                if let Ok(target) = Target::parse(&raw) {
                    let text = target.as_str();
                    prop_assert_eq!(target.to_string(), text);
                    prop_assert!(!text.chars().any(|c| crate::text::is_hidden(c) || c.is_whitespace()));
                    prop_assert!(text.starts_with("https://"));
                    // Canonical: parsing the canonical text gives it back unchanged.
                    let again = Target::parse(text).expect("a canonical target parses");
                    prop_assert_eq!(again.as_str(), text);
                    prop_assert_eq!(canonical_target(&raw), text);
                }
            }

            #[test]
            fn errors_and_shown_targets_never_carry_raw_control_text(raw in near_url()) {
                if let Err(err) = Target::parse(&raw) {
                    prop_assert!(!err.message.chars().any(crate::text::is_hidden));
                }
                prop_assert!(!shown_target(&raw).chars().any(crate::text::is_hidden));
            }
        }
    }
}
