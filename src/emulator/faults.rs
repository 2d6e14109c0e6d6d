//! Faults the emulator can be told to inject: chosen calls answer an error, an HTML page,
//! or succeed and then answer an error (the "did it happen?" case), or answer slowly.
//!
//! Given as `--fault 'METHOD PATH KIND [xN] [if=TEXT] [email=EMAIL]'` or posted as JSON to
//! `/_emulator/faults`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer this status in Copper's error shape; nothing is done.
    Status { status: u16 },
    /// Answer this status with an HTML page, as a proxy would; nothing is done.
    Html { status: u16 },
    /// Do the work, then answer this status: the caller cannot know it happened.
    After { status: u16 },
    /// Do the work, then wait this long before answering (past a client's timeout).
    Slow { ms: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// `GET`, `POST`, ...; `None` matches any method.
    #[serde(default)]
    pub method: Option<String>,
    /// Matches when the path below the API root starts with this, e.g. `/webhooks`.
    #[serde(default)]
    pub path: Option<String>,
    /// Matches only requests whose body contains this text.
    #[serde(default)]
    pub body_contains: Option<String>,
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many matching calls it hits; 0 means every one.
    #[serde(default = "one")]
    pub times: u32,
    /// Only calls of the account with this email (and this key, when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// Whether the fault is for the account that made this call.
    pub fn for_account(&self, key: &str, email: &str) -> bool {
        self.email
            .as_deref()
            .is_none_or(|e| e.eq_ignore_ascii_case(email))
            && self.key.as_deref().is_none_or(|k| k == key)
    }

    pub fn matches(&self, method: &str, path: &str, body: &[u8]) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.starts_with(p))
            && self
                .body_contains
                .as_deref()
                .is_none_or(|needle| String::from_utf8_lossy(body).contains(needle))
    }
}

impl FromStr for Fault {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let help =
            "write METHOD PATH KIND [xN] [if=TEXT] [email=EMAIL], e.g. 'POST /webhooks 500', \
                    'PUT * html:502 x2', 'POST /webhooks after:500', 'GET * slow:5000'";
        let words: Vec<&str> = spec.split_whitespace().collect();
        let [method, path, kind, rest @ ..] = words.as_slice() else {
            return Err(format!("fault '{spec}' is incomplete: {help}"));
        };
        let any = |w: &str| (w != "*").then(|| w.to_string());
        let number = |w: &str| {
            w.parse::<u64>()
                .map_err(|_| format!("fault '{spec}': '{w}' is not a number: {help}"))
        };
        let status = |w: &str| -> Result<u16, String> {
            let n = number(w)?;
            u16::try_from(n)
                .ok()
                .filter(|s| (100..600).contains(s))
                .ok_or_else(|| format!("fault '{spec}': '{w}' is not an HTTP status"))
        };
        let kind = match kind.split_once(':') {
            None => FaultKind::Status {
                status: status(kind)?,
            },
            Some(("html", s)) => FaultKind::Html { status: status(s)? },
            Some(("after", s)) => FaultKind::After { status: status(s)? },
            Some(("slow", ms)) => FaultKind::Slow { ms: number(ms)? },
            Some(_) => return Err(format!("fault '{spec}': unknown kind '{kind}': {help}")),
        };
        let mut fault = Fault {
            method: any(method),
            path: any(path),
            body_contains: None,
            kind,
            times: 1,
            email: None,
            key: None,
        };
        for word in rest {
            if let Some(n) = word.strip_prefix('x') {
                fault.times = u32::try_from(number(n)?).map_err(|_| help.to_string())?;
            } else if let Some(text) = word.strip_prefix("if=") {
                fault.body_contains = Some(text.to_string());
            } else if let Some(email) = word.strip_prefix("email=") {
                fault.email = Some(email.to_string());
            } else {
                return Err(format!("fault '{spec}': unexpected '{word}': {help}"));
            }
        }
        Ok(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        let f: Fault = "POST /webhooks after:500 x2 if=person".parse().unwrap();
        assert_eq!(f.method.as_deref(), Some("POST"));
        assert_eq!(f.kind, FaultKind::After { status: 500 });
        assert_eq!(f.times, 2);
        assert!(f.matches("post", "/webhooks", b"{\"type\":\"person\"}"));
        assert!(!f.matches("post", "/webhooks", b"{\"type\":\"lead\"}"));
        let f: Fault = "* * html:502".parse().unwrap();
        assert!(f.matches("GET", "/account", b""));
        assert!("POST /webhooks".parse::<Fault>().is_err());
        assert!("POST /webhooks 999".parse::<Fault>().is_err());
        assert!("POST /webhooks boom:1".parse::<Fault>().is_err());
    }
}
