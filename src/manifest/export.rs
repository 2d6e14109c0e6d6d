//! The account written back as a manifest: subscriptions with the same target and settings
//! grouped into one `[[subscription]]`, secret and header values replaced by `${VAR}`
//! placeholders unless asked for, so that `plan` on the result shows no changes.

use std::collections::BTreeMap;

use crate::data::Subscription;
use crate::rules::{EntityType, Event, Pairs, KEEPS_KEY, OWNER_KEY};

/// Settings shared by one group: target, secret, headers, computed values.
type Settings = (String, Pairs, Pairs, bool);

pub struct Export {
    pub text: String,
    /// The variables the placeholders name, with what each stands for.
    pub variables: Vec<(String, String)>,
}

/// Names placeholders `COPPER_SECRET_TOKEN`, `COPPER_HEADER_AUTHORIZATION`, with `_2`, `_3`
/// for a key that has different values in different subscriptions, and remembers which
/// subscriptions each one serves, so the file can say which value goes where.
struct Placeholders {
    prefix: &'static str,
    noun: &'static str,
    names: BTreeMap<(String, String), String>,
    used: BTreeMap<String, usize>,
    /// In order of first use: the name, what it is the value of, and its subscriptions.
    order: Vec<(String, String, Vec<String>)>,
}

/// How many subscriptions a placeholder's comment names before it counts the rest.
const NAMED_USERS: usize = 4;

impl Placeholders {
    fn new(prefix: &'static str, noun: &'static str) -> Self {
        Self {
            prefix,
            noun,
            names: BTreeMap::new(),
            used: BTreeMap::new(),
            order: Vec::new(),
        }
    }

    /// The placeholder for `key`'s `value`, used by `sub`.
    fn name(&mut self, key: &str, value: &str, sub: &Subscription) -> String {
        let user = format!("{} {}.{}", sub.id, sub.kind, sub.event);
        if let Some(name) = self.names.get(&(key.to_string(), value.to_string())) {
            if let Some(entry) = self.order.iter_mut().find(|(n, _, _)| n == name) {
                entry.2.push(user);
            }
            return name.clone();
        }
        let base: String = key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        let count = self.used.entry(base.clone()).or_default();
        *count += 1;
        let name = if *count == 1 {
            format!("{}_{base}", self.prefix)
        } else {
            format!("{}_{base}_{count}", self.prefix)
        };
        self.names
            .insert((key.to_string(), value.to_string()), name.clone());
        // Escaped: this text becomes a TOML comment, where a line break would let an
        // account's key write manifest lines of its own.
        let what = format!("{} '{}'", self.noun, crate::text::line(key));
        self.order.push((name.clone(), what, vec![user]));
        name
    }

    /// (name, description) of each placeholder: `value of secret 'token' of 170001
    /// lead.update, 170002 person.update`.
    fn described(self) -> Vec<(String, String)> {
        self.order
            .into_iter()
            .map(|(name, what, mut users)| {
                // By type and event, then id: one reading order whatever the ids are.
                users.sort_by(|a, b| {
                    let key = |u: &String| {
                        u.split_once(' ')
                            .map(|(id, label)| (label.to_string(), id.len(), id.to_string()))
                    };
                    key(a).cmp(&key(b))
                });
                let mut named: Vec<&str> =
                    users.iter().take(NAMED_USERS).map(String::as_str).collect();
                let more = users.len().saturating_sub(NAMED_USERS);
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let noun = if users.len() == 1 {
                    "subscription"
                } else {
                    "subscriptions"
                };
                named.dedup();
                (
                    name,
                    format!("value of {what} of {noun} {}{tail}", named.join(", ")),
                )
            })
            .collect()
    }
}

/// A value as the manifest must spell it so interpolation gives it back unchanged.
fn literal(text: &str) -> String {
    text.replace('$', "$$")
}

/// A TOML basic string on one line: quotes, backslashes, control characters and invisible
/// ones (bidi overrides, zero-width) written as escapes, so the file reads as what it holds in
/// any terminal or diff, and parses back to exactly the same text.
fn quote(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if crate::text::is_hidden(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key bare where TOML allows it, quoted otherwise.
fn key(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        text.to_string()
    } else {
        quote(text)
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    if items.len() == 1 {
        quote(&items[0].to_string())
    } else {
        let inner: Vec<String> = items.iter().map(|i| quote(&i.to_string())).collect();
        format!("[{}]", inner.join(", "))
    }
}

fn inline(pairs: &Pairs) -> String {
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{} = {}", key(k), quote(v)))
        .collect();
    format!("{{ {} }}", inner.join(", "))
}

/// The subscriptions as a manifest. With `adopt_as`, one ready to take them over: that
/// owner, `adopt = true` on every entry, and the tool's own keys of another owner left out
/// (every other key is written, as a placeholder: an adopted subscription keeps what the
/// manifest names, so the plan after the adoption is in sync).
pub fn export(subs: &[Subscription], include_secrets: bool, adopt_as: Option<&str>) -> Export {
    // One owner on every subscription becomes the manifest's `owner`.
    let owners: std::collections::BTreeSet<Option<&str>> = subs.iter().map(|s| s.owner()).collect();
    let owner = match (adopt_as, owners.into_iter().collect::<Vec<_>>().as_slice()) {
        (Some(owner), _) => Some(owner.to_string()),
        (None, [Some(owner)]) => Some(owner.to_string()),
        _ => None,
    };
    let mut secrets = Placeholders::new("COPPER_SECRET", "secret");
    let mut headers = Placeholders::new("COPPER_HEADER", "header");
    let mut credentialed = Placeholders::new("COPPER_TARGET", "target");
    // settings -> type -> events
    let mut groups: BTreeMap<Settings, BTreeMap<EntityType, Vec<Event>>> = BTreeMap::new();
    for sub in subs {
        let mut secret = sub.secret.clone();
        if owner.is_some() {
            secret.remove(OWNER_KEY);
            secret.remove(KEEPS_KEY);
        }
        for (k, v) in secret.iter_mut() {
            *v = if include_secrets || k == OWNER_KEY {
                literal(v)
            } else {
                format!("${{{}}}", secrets.name(k, v, sub))
            };
        }
        let mut header_map = sub.headers.clone();
        for (k, v) in header_map.iter_mut() {
            *v = if include_secrets {
                literal(v)
            } else {
                format!("${{{}}}", headers.name(k, v, sub))
            };
        }
        let target = if !include_secrets && crate::rules::userinfo(&sub.target).is_some() {
            format!("${{{}}}", credentialed.name("url", &sub.target, sub))
        } else {
            literal(&sub.target)
        };
        let settings = (target, secret, header_map, sub.custom_field_computed_values);
        let events = groups
            .entry(settings)
            .or_default()
            .entry(sub.kind)
            .or_default();
        if !events.contains(&sub.event) {
            events.push(sub.event);
            events.sort();
        }
    }
    // Types with the same events under the same settings share one entry.
    let mut entries: Vec<(Settings, Vec<EntityType>, Vec<Event>)> = Vec::new();
    for (settings, types) in groups {
        let mut by_events: BTreeMap<Vec<Event>, Vec<EntityType>> = BTreeMap::new();
        for (kind, events) in types {
            by_events.entry(events).or_default().push(kind);
        }
        for (events, kinds) in by_events {
            entries.push((settings.clone(), kinds, events));
        }
    }
    let targets: std::collections::BTreeSet<&str> =
        entries.iter().map(|(s, _, _)| s.0.as_str()).collect();
    let shared_target = (targets.len() == 1 && entries.len() > 1)
        .then(|| targets.into_iter().next().map(str::to_string))
        .flatten();

    let mut out = vec![if adopt_as.is_some() {
        "# Exported by copper-hooks to take these subscriptions over: review, then `apply`; \
             the plan after that shows no changes."
    } else {
        "# Exported by copper-hooks: `copper-hooks plan` on this file shows no changes."
    }
    .to_string()];
    let mut variables = secrets.described();
    variables.extend(headers.described());
    variables.extend(credentialed.described());
    if !variables.is_empty() {
        out.push("# Set these variables before plan or apply:".into());
        for (name, what) in &variables {
            out.push(format!("#   {name}: {what}"));
        }
    }
    if let Some(owner) = &owner {
        out.push(format!("owner = {}", quote(owner)));
    }
    if let Some(target) = &shared_target {
        out.push(String::new());
        out.push("[defaults]".into());
        out.push(format!("target = {}", quote(target)));
    }
    for ((target, secret, header_map, computed), kinds, events) in &entries {
        out.push(String::new());
        out.push("[[subscription]]".into());
        out.push(format!("type = {}", list(kinds)));
        out.push(format!("event = {}", list(events)));
        if shared_target.is_none() {
            out.push(format!("target = {}", quote(target)));
        }
        if !secret.is_empty() {
            out.push(format!("secret = {}", inline(secret)));
        }
        if !header_map.is_empty() {
            out.push(format!("headers = {}", inline(header_map)));
        }
        if *computed {
            out.push("custom_field_computed_values = true".into());
        }
        if adopt_as.is_some() {
            out.push("adopt = true".into());
        }
    }
    out.push(String::new());
    Export {
        text: out.join("\n"),
        variables,
    }
}
