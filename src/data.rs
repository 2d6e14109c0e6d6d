//! Plain data shared by the API client, the manifest engine and the emulator: the shapes
//! Copper's webhook API sends and receives (with Copper's own field names), and a rate.
//! No I/O and no behaviour beyond parsing, so the emulator can use it without the client it
//! is there to test.

use std::collections::BTreeMap;

use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use crate::rules::{EntityType, Event};

/// A webhook subscription as Copper returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: u64,
    pub target: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub event: Event,
    #[serde(default, deserialize_with = "string_map")]
    pub secret: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "string_map")]
    pub headers: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "bool_or_null")]
    pub custom_field_computed_values: bool,
    #[serde(default)]
    pub created_at: Option<i64>,
}

impl Subscription {
    pub fn owner(&self) -> Option<&str> {
        self.secret.get(crate::rules::OWNER_KEY).map(String::as_str)
    }

    /// The keys it kept when a manifest adopted it (see [`crate::rules::KEEPS_KEY`]).
    pub fn kept_keys(&self) -> Vec<String> {
        self.secret
            .get(crate::rules::KEEPS_KEY)
            .and_then(|list| serde_json::from_str(list).ok())
            .unwrap_or_default()
    }
}

/// The body of `POST /webhooks`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSubscription {
    pub target: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub event: Event,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub secret: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub custom_field_computed_values: bool,
}

/// The body of `PUT /webhooks/{id}`: only the fields being changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field_computed_values: Option<bool>,
}

impl SubscriptionUpdate {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// `GET /account`: only what the tool shows.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    pub id: u64,
    #[serde(default)]
    pub name: String,
}

/// Copper's error body: `{"success": false, "status": 422, "message": "..."}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub success: bool,
    pub status: u16,
    pub message: String,
}

/// Copper stores secret and header values as it was given them; a number or boolean there is
/// shown as its JSON text rather than failing the whole list.
fn string_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let raw: Option<BTreeMap<String, serde_json::Value>> = Option::deserialize(d)?;
    Ok(raw
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, text)
        })
        .collect())
}

fn bool_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

/// The longest rolling window `--rate-limit` takes: a day. Longer is a typo, and would
/// overflow time arithmetic.
const MAX_WINDOW_SECS: f64 = 86_400.0;

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
