//! The notification Copper POSTs to a subscription's target: how one is built (by `trigger`,
//! and later the emulator and `test`) and how one is checked (by `listen`). Plain data and
//! rules only: no clap, no I/O.
//!
//! A body carries `ids` (1 to 30 record ids; more records make more notifications), `type`,
//! `event`, `subscription_id`, `timestamp` (ISO 8601, UTC, milliseconds), on update events
//! `updated_attributes` (`{field: [old, new]}`, custom fields nested under `custom_fields` by
//! id), and every pair of the subscription's secret flattened into the top level.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::rules::{EntityType, Event, Pairs};

/// The most characters of a sender's value a problem quotes: a stranger's 1 MiB field must
/// not become a 1 MiB log line.
const QUOTED: usize = 40;

/// The most record ids one notification carries.
pub const MAX_IDS: usize = 30;

/// The envelope's own fields: a secret pair cannot take their place.
pub const RESERVED: [&str; 6] = crate::rules::ENVELOPE_FIELDS;

/// What changed in an update: `field -> [old, new]`, and custom fields by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub fields: BTreeMap<String, (Value, Value)>,
    pub custom_fields: BTreeMap<String, (Value, Value)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.custom_fields.is_empty()
    }

    /// `{field: [old, new], custom_fields: {id: [old, new]}}`, as updates carry it.
    pub fn to_json(&self) -> Value {
        let pair = |(old, new): &(Value, Value)| json!([old, new]);
        let mut map: Map<String, Value> = self
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), pair(v)))
            .collect();
        if !self.custom_fields.is_empty() {
            map.insert(
                "custom_fields".into(),
                self.custom_fields
                    .iter()
                    .map(|(k, v)| (k.clone(), pair(v)))
                    .collect::<Map<String, Value>>()
                    .into(),
            );
        }
        Value::Object(map)
    }
}

/// One notification, before it is a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub ids: Vec<u64>,
    pub kind: EntityType,
    pub event: Event,
    pub subscription_id: u64,
    /// Milliseconds since the Unix epoch.
    pub at_ms: i64,
    pub changes: Changes,
    pub secret: Pairs,
}

impl Notification {
    /// The JSON body, as Copper sends it.
    pub fn body(&self) -> Value {
        let mut map = Map::new();
        map.insert("ids".into(), json!(self.ids));
        map.insert("type".into(), json!(self.kind));
        map.insert("event".into(), json!(self.event));
        map.insert("subscription_id".into(), json!(self.subscription_id));
        map.insert("timestamp".into(), json!(timestamp(self.at_ms)));
        // Real deliveries of `new` events carry an empty object (captured from real
        // accounts, though the docs speak of the field on updates only); `delete` is
        // inferred to do the same.
        let changes = if self.event == Event::Update {
            self.changes.to_json()
        } else {
            json!({})
        };
        map.insert("updated_attributes".into(), changes);
        for (k, v) in &self.secret {
            if !RESERVED.contains(&k.as_str()) {
                map.insert(k.clone(), json!(v));
            }
        }
        Value::Object(map)
    }
}

/// The notifications for `ids`, at most [`MAX_IDS`] each, as Copper splits them.
pub fn split(template: &Notification, ids: &[u64]) -> Vec<Notification> {
    ids.chunks(MAX_IDS)
        .map(|chunk| Notification {
            ids: chunk.to_vec(),
            ..template.clone()
        })
        .collect()
}

/// Ids as a line shows them: `1..30 (30)`, `7`, or `-` for none.
pub fn id_range(ids: &[u64]) -> String {
    match ids {
        [] => "-".into(),
        [one] => one.to_string(),
        [first, .., last] => format!("{first}..{last} ({})", ids.len()),
    }
}

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// `2021-12-13T19:18:22.084Z`: ISO 8601 in UTC with milliseconds.
pub fn timestamp(at_ms: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(at_ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    at.format(&format).unwrap_or_default()
}

/// Parses `1,2,3`, `1..75` (inclusive) or a mix (`1..3,9`) into record ids.
pub fn parse_ids(text: &str) -> Result<Vec<u64>, String> {
    const MOST: u64 = 100_000;
    let mut ids = Vec::new();
    for part in text.split(',').map(str::trim) {
        let bad = || format!("'{part}' is not an id or a range FROM..TO of ids");
        match part.split_once("..") {
            Some((from, to)) => {
                let from: u64 = from.trim().parse().map_err(|_| bad())?;
                let to: u64 = to.trim().parse().map_err(|_| bad())?;
                if from > to || to - from >= MOST {
                    return Err(format!(
                        "range '{part}' must go up, and hold at most {MOST} ids"
                    ));
                }
                ids.extend(from..=to);
            }
            None => ids.push(part.parse().map_err(|_| bad())?),
        }
        if ids.len() as u64 > MOST {
            return Err(format!("at most {MOST} ids at once"));
        }
    }
    if ids.is_empty() {
        return Err("no ids given".into());
    }
    Ok(ids)
}

/// Parses `NAME=OLD,NEW` for an updated attribute. Each side is JSON when it reads as JSON
/// (`3`, `null`, `true`, `"text"`), otherwise text.
pub fn parse_change(text: &str) -> Result<(String, (Value, Value)), String> {
    let usage = || format!("'{text}' is not NAME=OLD,NEW");
    let (name, values) = text.split_once('=').ok_or_else(usage)?;
    let (old, new) = values.split_once(',').ok_or_else(usage)?;
    if name.trim().is_empty() {
        return Err(usage());
    }
    let value = |s: &str| serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.into()));
    Ok((name.trim().to_string(), (value(old), value(new))))
}

/// What `listen` found in one delivery.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checked {
    pub kind: Option<String>,
    pub event: Option<String>,
    pub ids: Vec<u64>,
    pub subscription_id: Option<u64>,
    pub timestamp: Option<String>,
    /// Every way the body is not what Copper sends; empty when it is.
    pub problems: Vec<String>,
}

impl Checked {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks a body against the envelope: every field there and of its type, 1 to 30 ids, known
/// type and event, a timestamp that parses, `updated_attributes` on update events only.
pub fn check(body: &[u8]) -> Checked {
    let mut checked = Checked::default();
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(_) => {
            checked.problems.push("the body is not JSON".into());
            return checked;
        }
    };
    let Some(map) = value.as_object() else {
        checked
            .problems
            .push("the body is not a JSON object".into());
        return checked;
    };
    let problems = &mut checked.problems;
    match map.get("ids").and_then(Value::as_array) {
        Some(ids) => {
            let numbers: Vec<u64> = ids.iter().filter_map(Value::as_u64).collect();
            if numbers.len() != ids.len() {
                problems.push("'ids' holds something other than record ids".into());
            }
            if !(1..=MAX_IDS).contains(&ids.len()) {
                problems.push(format!("'ids' has {} ids, not 1 to {MAX_IDS}", ids.len()));
            }
            checked.ids = numbers;
        }
        None => problems.push("'ids' is missing or not a list".into()),
    }
    match map.get("type").and_then(Value::as_str) {
        Some(kind) => {
            if kind.parse::<EntityType>().is_err() {
                problems.push(format!(
                    "'type' is '{}', not one of Copper's",
                    crate::text::short(kind, QUOTED)
                ));
            }
            checked.kind = Some(kind.to_string());
        }
        None => problems.push("'type' is missing or not text".into()),
    }
    let event = map.get("event").and_then(Value::as_str);
    match event {
        Some(event) => {
            if event.parse::<Event>().is_err() {
                problems.push(format!(
                    "'event' is '{}', not new, update or delete",
                    crate::text::short(event, QUOTED)
                ));
            }
            checked.event = Some(event.to_string());
        }
        None => problems.push("'event' is missing or not text".into()),
    }
    match map.get("subscription_id").and_then(Value::as_u64) {
        Some(id) => checked.subscription_id = Some(id),
        None => problems.push("'subscription_id' is missing or not a number".into()),
    }
    match map.get("timestamp").and_then(Value::as_str) {
        Some(stamp) => {
            let parsed =
                time::OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339);
            if parsed.is_err() {
                problems.push("'timestamp' is not an ISO 8601 time".into());
            }
            checked.timestamp = Some(stamp.to_string());
        }
        None => problems.push("'timestamp' is missing or not text".into()),
    }
    // Copper sends `updated_attributes: {}` on `new` events too: any event may carry the
    // object. No real delivery has shown a non-empty one on `new` or `delete`, and none has
    // shown that it cannot happen, so it is accepted rather than refused (a receiver that
    // refused it would lose a delivery Copper never sends again).
    match (event, map.get("updated_attributes")) {
        (_, Some(Value::Object(_))) => {}
        (Some("update"), None) => {
            problems.push("an update has no 'updated_attributes' object".into())
        }
        (_, Some(_)) => problems.push("'updated_attributes' is not an object".into()),
        _ => {}
    }
    checked
}

/// Every expected secret pair the body does not echo, each with why: `missing` (absent, or
/// not text) or `does not match`. Values are compared in constant time and never named.
pub fn secret_mismatches(body: &[u8], expected: &Pairs) -> Vec<(String, &'static str)> {
    use subtle::ConstantTimeEq;
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    expected
        .iter()
        .filter_map(|(key, want)| {
            let why = match value.get(key.as_str()).and_then(Value::as_str) {
                None => "missing",
                Some(got) if !bool::from(got.as_bytes().ct_eq(want.as_bytes())) => "does not match",
                Some(_) => return None,
            };
            Some((crate::text::line(key).into_owned(), why))
        })
        .collect()
}

/// The hex HMAC-SHA256 of a raw body under `secret`, as vendors that sign deliveries send it.
pub fn hmac_hex(secret: &[u8], body: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(body);
    crate::text::hex(&mac.finalize().into_bytes())
}

/// Whether `signature` (hex, any case, an optional `sha256=` prefix) signs `body`, compared in
/// constant time.
pub fn hmac_matches(secret: &[u8], body: &[u8], signature: &str) -> bool {
    use subtle::ConstantTimeEq;
    let given = signature.trim();
    let given = given
        .strip_prefix("sha256=")
        .unwrap_or(given)
        .to_ascii_lowercase();
    bool::from(hmac_hex(secret, body).as_bytes().ct_eq(given.as_bytes()))
}

/// A body as it may be shown: every value of an echoed secret pair replaced by `********`.
pub fn redacted(body: &[u8], secret_keys: &[String]) -> Value {
    let mut value: Value =
        serde_json::from_slice(body).unwrap_or_else(|_| Value::String("<not JSON>".into()));
    if let Some(map) = value.as_object_mut() {
        for (key, v) in map.iter_mut() {
            let is_envelope = RESERVED.contains(&key.as_str());
            if !is_envelope && (secret_keys.is_empty() || secret_keys.contains(key)) {
                *v = Value::String(crate::output::MASK.into());
            }
        }
    }
    value
}

/// What a journal holds where a secret value was taken out.
pub const SEALED: &str = "\"[sealed]\"";

/// Where [`seal`] took a value out of a body: the pair's key, the byte offset of [`SEALED`]
/// in the sealed body, and whether putting the value back as a JSON string gives the very
/// bytes that came (it does for every string Copper sends; not for a number, say).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hole {
    pub key: String,
    pub at: usize,
    pub exact: bool,
}

/// A raw body with the value of every echoed secret pair (every top-level field that is not
/// the envelope's own) replaced by [`SEALED`], and the holes to put them back through;
/// `None` when the body is not a JSON object, so holds no pairs to find.
pub fn seal(body: &[u8]) -> Option<(String, Vec<Hole>)> {
    let text = std::str::from_utf8(body).ok()?;
    let pairs: TopLevel = serde_json::from_str(text).ok()?;
    let mut sealed = String::with_capacity(text.len());
    let mut holes = Vec::new();
    let mut copied = 0;
    for (key, raw) in pairs.0 {
        // The envelope, and the ownership marker (a label, not a secret), stay in clear.
        if RESERVED.contains(&key.as_str()) || key == crate::rules::OWNER_KEY {
            continue;
        }
        let token = raw.get();
        // A borrowed raw value is a slice of `text` itself: its place is its address.
        let start = token.as_ptr() as usize - text.as_ptr() as usize;
        let exact = serde_json::from_str::<String>(token)
            .ok()
            .and_then(|s| serde_json::to_string(&s).ok())
            .is_some_and(|again| again == token);
        sealed.push_str(&text[copied..start]);
        holes.push(Hole {
            key,
            at: sealed.len(),
            exact,
        });
        sealed.push_str(SEALED);
        copied = start + token.len();
    }
    sealed.push_str(&text[copied..]);
    Some((sealed, holes))
}

/// Puts the values back into a body [`seal`] made, each as a JSON string; the keys that
/// `values` lacks (or a hole that is not where it says) are the error.
pub fn unseal(sealed: &str, holes: &[Hole], values: &Pairs) -> Result<String, Vec<String>> {
    let missing: std::collections::BTreeSet<&String> = holes
        .iter()
        .filter(|h| !values.contains_key(&h.key))
        .map(|h| &h.key)
        .collect();
    if !missing.is_empty() {
        return Err(missing.into_iter().cloned().collect());
    }
    let mut body = String::with_capacity(sealed.len());
    let mut copied = 0;
    for hole in holes {
        if hole.at < copied || sealed.get(hole.at..hole.at + SEALED.len()) != Some(SEALED) {
            return Err(vec![hole.key.clone()]);
        }
        body.push_str(&sealed[copied..hole.at]);
        let value = values
            .get(&hole.key)
            .map(String::as_str)
            .unwrap_or_default();
        body.push_str(&Value::String(value.to_string()).to_string());
        copied = hole.at + SEALED.len();
    }
    body.push_str(&sealed[copied..]);
    Ok(body)
}

/// The top-level pairs of a JSON object, in order, each value as its raw text.
struct TopLevel<'a>(Vec<(String, &'a serde_json::value::RawValue)>);

impl<'de> serde::Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> serde::de::Visitor<'de> for Pairs {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<TopLevel<'de>, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(TopLevel(pairs))
            }
        }
        d.deserialize_map(Pairs)
    }
}

/// A stable id for one Copper delivery, for the `webhook-id` header of a forward: the same
/// delivery (same subscription, type, event, ids, timestamp and attributes) always gets the
/// same id, however its JSON was spaced or its keys ordered, so an app de-duplicates a
/// forward sent twice (a retry, a replay) by it. A body that is not JSON is identified by its
/// bytes. `msg_` and 32 hex digits (128 bits of SHA-256).
pub fn delivery_id(body: &[u8]) -> String {
    use sha2::Digest;
    let canonical = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => canonical_json(&value).into_bytes(),
        Err(_) => body.to_vec(),
    };
    let digest = sha2::Sha256::digest(&canonical);
    format!("msg_{}", crate::text::hex(&digest[..16]))
}

/// JSON with every object's keys in order, and no spaces: one text for one value.
fn canonical_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        serde_json::Value::String(k.clone()),
                        canonical_json(&map[k])
                    )
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        serde_json::Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canonical_json).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_delivery_has_one_id_however_it_is_spelt() {
        let a = br#"{"ids":[1,2],"type":"person","event":"new","subscription_id":7,"timestamp":"2026-12-01T10:00:00.000Z","updated_attributes":{}}"#;
        let b = br#"{ "type": "person", "event": "new", "ids": [1, 2], "updated_attributes": {}, "subscription_id": 7, "timestamp": "2026-12-01T10:00:00.000Z" }"#;
        assert_eq!(super::delivery_id(a), super::delivery_id(b));
        let other = br#"{"ids":[1,3],"type":"person","event":"new","subscription_id":7,"timestamp":"2026-12-01T10:00:00.000Z","updated_attributes":{}}"#;
        assert_ne!(super::delivery_id(a), super::delivery_id(other));
        assert!(super::delivery_id(a).starts_with("msg_") && super::delivery_id(a).len() == 36);
    }

    use super::*;

    fn note(event: Event) -> Notification {
        let mut changes = Changes::default();
        changes
            .fields
            .insert("name".into(), (json!("Old"), json!("New")));
        changes
            .custom_fields
            .insert("12345".into(), (json!(null), json!(3)));
        Notification {
            ids: vec![1],
            kind: EntityType::Person,
            event,
            subscription_id: 170_001,
            at_ms: 1_639_423_102_084,
            changes,
            secret: [("key".to_string(), "k1".to_string())].into(),
        }
    }

    #[test]
    fn bodies_are_copper_shaped_and_pass_the_check() {
        let body = note(Event::Update).body();
        assert_eq!(body["timestamp"], "2021-12-13T19:18:22.084Z");
        assert_eq!(body["updated_attributes"]["name"], json!(["Old", "New"]));
        assert_eq!(
            body["updated_attributes"]["custom_fields"]["12345"],
            json!([null, 3])
        );
        assert_eq!(body["key"], "k1");
        let bytes = body.to_string().into_bytes();
        assert!(check(&bytes).ok(), "{:?}", check(&bytes));
        // As real deliveries of `new` carry it: an empty object, accepted on any event.
        let new = note(Event::New).body();
        assert_eq!(new["updated_attributes"], json!({}));
        assert!(check(new.to_string().as_bytes()).ok());
        let mut delete = note(Event::Delete).body();
        assert_eq!(delete["updated_attributes"], json!({}));
        delete["updated_attributes"] = json!({"name": ["a", "b"]});
        assert!(check(delete.to_string().as_bytes()).ok());
        delete["updated_attributes"] = json!([]);
        assert!(!check(delete.to_string().as_bytes()).ok());
    }

    #[test]
    fn ids_split_by_thirty() {
        let ids = parse_ids("1..75").unwrap();
        let sizes: Vec<usize> = split(&note(Event::New), &ids)
            .iter()
            .map(|n| n.ids.len())
            .collect();
        assert_eq!(sizes, vec![30, 30, 15]);
        assert_eq!(parse_ids("1..3, 9").unwrap(), vec![1, 2, 3, 9]);
        assert!(parse_ids("5..1").is_err());
        assert!(parse_ids("a").is_err());
        assert!(parse_ids("0..18446744073709551615").is_err());
    }

    #[test]
    fn bad_bodies_are_named() {
        assert!(!check(b"not json").ok());
        let mut bad = note(Event::New).body();
        bad["ids"] = json!((0..31).collect::<Vec<u64>>());
        bad["type"] = json!("lizard");
        bad["updated_attributes"] = json!("x");
        let checked = check(bad.to_string().as_bytes());
        assert_eq!(checked.problems.len(), 3, "{:?}", checked.problems);
        let mut update = note(Event::Update).body();
        update.as_object_mut().unwrap().remove("updated_attributes");
        assert!(!check(update.to_string().as_bytes()).ok());
    }

    #[test]
    fn secrets_and_signatures() {
        let body = note(Event::New).body().to_string();
        let want: Pairs = [("key".to_string(), "k1".to_string())].into();
        assert!(secret_mismatches(body.as_bytes(), &want).is_empty());
        let wrong: Pairs = [("key".to_string(), "k2".to_string())].into();
        assert_eq!(
            secret_mismatches(body.as_bytes(), &wrong),
            vec![("key".to_string(), "does not match")]
        );
        let sig = hmac_hex(b"s", body.as_bytes());
        assert!(hmac_matches(b"s", body.as_bytes(), &sig));
        assert!(hmac_matches(
            b"s",
            body.as_bytes(),
            &format!("sha256={}", sig.to_uppercase())
        ));
        assert!(!hmac_matches(b"t", body.as_bytes(), &sig));
        let shown = redacted(body.as_bytes(), &[]);
        assert_eq!(shown["key"], crate::output::MASK);
        assert_eq!(shown["type"], "person");
    }

    #[test]
    fn changes_parse_json_or_text() {
        assert_eq!(
            parse_change("stage=Lead,Won").unwrap(),
            ("stage".into(), (json!("Lead"), json!("Won")))
        );
        assert_eq!(
            parse_change("value=null,3").unwrap(),
            ("value".into(), (json!(null), json!(3)))
        );
        assert!(parse_change("novalue").is_err());
    }

    #[test]
    fn sealing_takes_secret_values_out_and_puts_the_same_bytes_back() {
        let mut n = note(Event::Update);
        n.secret
            .insert("token".into(), "s3cr3t \"quoted\" é".into());
        n.secret
            .insert("copper_hooks_owner".into(), "billing".into());
        let body = n.body().to_string();
        let (sealed, holes) = seal(body.as_bytes()).unwrap();
        assert!(!sealed.contains("s3cr3t"), "{sealed}");
        // The ownership marker is a label that replay can never be asked for.
        assert!(
            sealed.contains("\"copper_hooks_owner\":\"billing\""),
            "{sealed}"
        );
        assert_eq!(holes.len(), 2);
        assert!(holes.iter().all(|h| h.exact));
        // The envelope is untouched.
        assert!(sealed.contains("\"updated_attributes\""), "{sealed}");
        let back = unseal(&sealed, &holes, &n.secret).unwrap();
        assert_eq!(back, body);
        let mut partial = n.secret.clone();
        partial.remove("token");
        assert_eq!(
            unseal(&sealed, &holes, &partial),
            Err(vec!["token".to_string()])
        );
    }

    #[test]
    fn sealing_keeps_odd_spacing_and_a_body_that_mimics_the_marker() {
        let body = r#" { "ids" : [1], "k" :  "[sealed]" , "n": 5, "type":"lead" } "#;
        let (sealed, holes) = seal(body.as_bytes()).unwrap();
        assert_eq!(
            sealed,
            r#" { "ids" : [1], "k" :  "[sealed]" , "n": "[sealed]", "type":"lead" } "#
        );
        assert!(holes[0].exact && !holes[1].exact, "{holes:?}");
        let values: Pairs = [("k".into(), "[sealed]".into()), ("n".into(), "5".into())].into();
        // A number comes back as a string: the one case that is not byte for byte.
        let back = unseal(&sealed, &holes, &values).unwrap();
        assert_eq!(back, body.replace(r#""n": 5"#, r#""n": "5""#));
        // Holes that do not point at the marker are refused, not trusted.
        let moved = vec![Hole {
            key: "k".into(),
            at: 3,
            exact: true,
        }];
        assert!(unseal(&sealed, &moved, &values).is_err());
        assert!(seal(b"[1, 2]").is_none() && seal(b"not json").is_none());
    }

    proptest::proptest! {
        #[test]
        fn any_secret_value_seals_and_comes_back(value in "\\PC{0,40}", key in "[a-z_]{1,12}") {
            proptest::prop_assume!(!RESERVED.contains(&key.as_str()) && key != crate::rules::OWNER_KEY);
            let mut n = note(Event::New);
            n.secret.insert(key.clone(), value.clone());
            let body = n.body().to_string();
            let (sealed, holes) = seal(body.as_bytes()).unwrap();
            proptest::prop_assert_eq!(holes.len(), n.secret.len());
            let back = unseal(&sealed, &holes, &n.secret).unwrap();
            proptest::prop_assert_eq!(back, body);
        }
    }
}
