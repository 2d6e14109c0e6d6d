//! TOML text to a checked [`Manifest`], reporting every problem at once with line:col.
//!
//! The document is walked by hand (toml_edit keeps each key's and value's span) rather than
//! through serde, which stops at the first error.

use std::collections::HashMap;
use std::ops::Range;

use toml_edit::{ImDocument, Item, TableLike};

use super::interpolate::{interpolate, variables, Outcome};
use super::{Declared, Identity, Manifest, Problem};
use crate::rules::{
    self, EntityType, Event, PairKind, Pairs, Target, MAX_SUBSCRIPTIONS, OWNER_KEY,
};

/// Whether every `${VAR}` must be set (`plan`, `apply`) or may be left for later
/// (`validate --skip-env`, for pre-merge checks that have no secrets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvMode {
    Require,
    AllowUnset,
}

const SUBSCRIPTION_KEYS: &[&str] = &[
    "type",
    "event",
    "target",
    "secret",
    "headers",
    "custom_field_computed_values",
    "adopt",
];
const DEFAULT_KEYS: &[&str] = &[
    "target",
    "secret",
    "headers",
    "custom_field_computed_values",
    "adopt",
];

/// Parses and checks a manifest. `file` is the name used in problems.
pub fn parse(
    text: &str,
    file: &str,
    env: &dyn Fn(&str) -> Option<String>,
    mode: EnvMode,
) -> Result<Manifest, Vec<Problem>> {
    parse_with(text, file, env, mode, Account::default())
}

/// What the account a manifest is read for allows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Account {
    /// `http://` targets on loopback (see [`Target::parse_local`]): a loopback emulator.
    pub local_receivers: bool,
    /// The built-in sandbox: required `${VAR:?why}`s stand as their sandbox value.
    pub sandbox: bool,
}

/// [`parse`], for the account it will be applied to.
pub fn parse_with(
    text: &str,
    file: &str,
    env: &dyn Fn(&str) -> Option<String>,
    mode: EnvMode,
    account: Account,
) -> Result<Manifest, Vec<Problem>> {
    let mut checker = Checker::new(text, env, mode, account);
    let mut manifest = checker.document();
    if checker.problems.is_empty() {
        manifest.unchecked = locate(text, file, checker.unchecked);
        Ok(manifest)
    } else {
        Err(locate(text, file, checker.problems))
    }
}

/// The variables a manifest reads that have no default (`${VAR}` and `${VAR:?why}`): what
/// each account of an accounts file must set.
pub fn required_variables(text: &str) -> Vec<String> {
    let none = |_: &str| None;
    let mut checker = Checker::new(text, &none, EnvMode::AllowUnset, Account::default());
    checker.document();
    checker.unset.into_iter().collect()
}

/// Turns (offset, message) pairs into problems with line and column (in characters), in one
/// pass over the text, sorted by place.
pub(crate) fn locate(text: &str, file: &str, problems: Vec<(usize, String)>) -> Vec<Problem> {
    let with_nothing = problems.into_iter().map(|(o, m)| (o, m, ())).collect();
    locate_with(text, file, with_nothing)
        .into_iter()
        .map(|(problem, ())| problem)
        .collect()
}

/// [`locate`], each problem keeping what came with it (the account it is in, say).
pub(crate) fn locate_with<T>(
    text: &str,
    file: &str,
    mut problems: Vec<(usize, String, T)>,
) -> Vec<(Problem, T)> {
    problems.sort_by_key(|(offset, ..)| *offset);
    let mut located = Vec::with_capacity(problems.len());
    let file = crate::text::line(file);
    let (mut line, mut column, mut at) = (1, 1, 0);
    for (offset, message, with) in problems {
        for c in text[at..offset].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        at = offset;
        located.push((
            Problem {
                file: file.to_string(),
                line,
                column,
                message,
            },
            with,
        ));
    }
    located
}

/// A field's value: checked, or present but unusable (already reported, or unresolved).
type Field<T> = Option<Option<T>>;

#[derive(Default)]
struct Fields {
    kinds: Field<Vec<EntityType>>,
    events: Field<Vec<Event>>,
    target: Field<(Target, String)>,
    secret: Field<Pairs>,
    headers: Field<Pairs>,
    computed: Field<bool>,
    /// `adopt`: `Some(remove)` when adopting is allowed, `None` for `adopt = false`.
    adopt: Field<Option<Vec<String>>>,
}

struct Checker<'a> {
    text: &'a str,
    env: &'a dyn Fn(&str) -> Option<String>,
    local_receivers: bool,
    sandbox: bool,
    allow_unset: bool,
    /// (byte offset, message)
    problems: Vec<(usize, String)>,
    /// What `--skip-env` could not check, and why: (byte offset, message).
    unchecked: Vec<(usize, String)>,
    /// The names of the variables that were unset, for [`required_variables`].
    unset: std::collections::BTreeSet<String>,
    hidden: Vec<(String, String)>,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
}

/// Where a problem at `span` is recorded: its start, or the start of the text, on a
/// character boundary (a span from the TOML parser is in bytes).
pub(crate) fn offset_of(text: &str, span: Option<Range<usize>>) -> usize {
    let mut offset = span.map(|s| s.start).unwrap_or(0).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl<'a> Checker<'a> {
    fn new(
        text: &'a str,
        env: &'a dyn Fn(&str) -> Option<String>,
        mode: EnvMode,
        account: Account,
    ) -> Self {
        Checker {
            text,
            env,
            local_receivers: account.local_receivers,
            sandbox: account.sandbox,
            allow_unset: mode == EnvMode::AllowUnset,
            problems: Vec::new(),
            unchecked: Vec::new(),
            unset: Default::default(),
            hidden: Vec::new(),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }
}

impl Checker<'_> {
    /// Records a problem at a byte offset; lines and columns are worked out once, for all
    /// problems together, by [`locate`] (a file with many problems stays linear).
    fn at(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        self.problems
            .push((offset_of(self.text, span), message.into()));
    }

    fn line_of(&self, span: Option<Range<usize>>) -> usize {
        let offset = span.map(|s| s.start).unwrap_or(0).min(self.text.len());
        self.line_starts.partition_point(|&start| start <= offset)
    }

    fn document(&mut self) -> Manifest {
        let doc = match ImDocument::parse(self.text) {
            Ok(doc) => doc,
            Err(err) => {
                let message = err.message().trim().replace('\n', "; ");
                self.at(err.span(), format!("not valid TOML: {message}"));
                return Manifest {
                    owner: None,
                    subscriptions: Vec::new(),
                    hidden: Vec::new(),
                    unchecked: Vec::new(),
                };
            }
        };
        let root = doc.as_table();
        let mut owner = None;
        let mut defaults = Fields::default();
        let mut tables = Vec::new();
        for (key, item) in root.iter() {
            let key_span = root.get_key_value(key).and_then(|(k, _)| k.span());
            match key {
                "owner" => owner = self.owner(item),
                "defaults" => match item.as_table_like() {
                    Some(table) => defaults = self.fields(table, DEFAULT_KEYS, "[defaults]"),
                    None => self.at(item.span(), "'defaults' must be a table: write [defaults]"),
                },
                "subscription" => match item.as_array_of_tables() {
                    Some(array) => tables.extend(array.iter()),
                    None => self.at(
                        item.span().or(key_span),
                        "'subscription' must be a list of tables: write [[subscription]]",
                    ),
                },
                other => self.at(
                    key_span,
                    format!(
                        "unknown key '{other}'{} (expected owner, defaults, subscription)",
                        rules::suggest(other, ["owner", "defaults", "subscription"].into_iter())
                    ),
                ),
            }
        }
        let mut subscriptions = Vec::new();
        let mut seen: HashMap<Identity, usize> = HashMap::new();
        for table in tables {
            let fields = self.fields(table, SUBSCRIPTION_KEYS, "[[subscription]]");
            let span = table.span();
            let line = self.line_of(span.clone());
            let before = subscriptions.len();
            if before > MAX_SUBSCRIPTIONS {
                // Already past Copper's limit (said once): the rest is checked, not kept.
                continue;
            }
            self.expand(
                &fields,
                &defaults,
                owner.as_deref(),
                span.clone(),
                line,
                &mut subscriptions,
            );
            for declared in &subscriptions[before..] {
                if let Some(first) = seen.insert(declared.identity(), line) {
                    self.at(
                        span.clone(),
                        format!(
                            "{}.{} to {} is declared twice (first at line {first}); each \
                             (type, event, target) may appear once",
                            declared.kind, declared.event, declared.shown_target
                        ),
                    );
                }
            }
            if before <= MAX_SUBSCRIPTIONS && subscriptions.len() > MAX_SUBSCRIPTIONS {
                self.at(
                    span,
                    format!(
                        "this entry brings the manifest to {} subscriptions; Copper allows at \
                         most {MAX_SUBSCRIPTIONS} per account",
                        subscriptions.len()
                    ),
                );
            }
        }
        if let Some(owner) = &owner {
            for declared in &mut subscriptions {
                declared.secret.insert(OWNER_KEY.into(), owner.clone());
            }
        }
        let mut hidden = std::mem::take(&mut self.hidden);
        // Longest first, so a value that contains another is replaced whole.
        hidden.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        hidden.dedup();
        Manifest {
            owner,
            subscriptions,
            hidden,
            unchecked: Vec::new(),
        }
    }

    fn owner(&mut self, item: &Item) -> Option<String> {
        match item.as_str() {
            Some(owner) if !owner.trim().is_empty() && owner.len() <= 100 => {
                Some(owner.to_string())
            }
            Some(_) => {
                self.at(
                    item.span(),
                    "'owner' must be a non-empty name of at most 100 characters",
                );
                None
            }
            None => {
                self.at(
                    item.span(),
                    format!("'owner' must be a string, not {}", item.type_name()),
                );
                None
            }
        }
    }

    /// Builds the subscriptions of one `[[subscription]]`: one per (type, event).
    fn expand(
        &mut self,
        fields: &Fields,
        defaults: &Fields,
        owner: Option<&str>,
        span: Option<Range<usize>>,
        line: usize,
        out: &mut Vec<Declared>,
    ) {
        let missing = |what: &str, checker: &mut Self| {
            checker.at(span.clone(), format!("[[subscription]] has no '{what}'"));
        };
        let kinds = match &fields.kinds {
            Some(kinds) => kinds.clone(),
            None => {
                missing("type", self);
                None
            }
        };
        let events = match &fields.events {
            Some(events) => events.clone(),
            None => {
                missing("event", self);
                None
            }
        };
        let target = match (&fields.target, &defaults.target) {
            (Some(t), _) | (None, Some(t)) => t.clone(),
            (None, None) => {
                self.at(
                    span.clone(),
                    "[[subscription]] has no 'target', and [defaults] gives none",
                );
                None
            }
        };
        let pick = |own: &Field<Pairs>, default: &Field<Pairs>| match (own, default) {
            (Some(p), _) | (None, Some(p)) => p.clone(),
            (None, None) => Some(Pairs::new()),
        };
        let secret = pick(&fields.secret, &defaults.secret);
        let headers = pick(&fields.headers, &defaults.headers);
        let computed = match (&fields.computed, &defaults.computed) {
            (Some(c), _) | (None, Some(c)) => *c,
            (None, None) => Some(false),
        };
        let adopt = match (&fields.adopt, &defaults.adopt) {
            (Some(a), _) | (None, Some(a)) => a.clone(),
            (None, None) => Some(None),
        };
        // The list of an adoption's kept keys is the tool's to write, whatever the owner.
        if [&secret, &headers]
            .iter()
            .any(|p| p.as_ref().is_some_and(|p| p.contains_key(rules::KEEPS_KEY)))
        {
            self.at(
                span.clone(),
                format!(
                    "secret key '{}' is the tool's own (what an adopted subscription keeps); \
                     remove it",
                    rules::KEEPS_KEY
                ),
            );
            return;
        }
        // With `owner` set the marker is the tool's to write; a hand-written one would fight it.
        if owner.is_some() && secret.as_ref().is_some_and(|s| s.contains_key(OWNER_KEY)) {
            self.at(
                span.clone(),
                format!("secret key '{OWNER_KEY}' is set from `owner`; remove it from the secret"),
            );
            return;
        }
        let (
            Some(kinds),
            Some(events),
            Some((target, shown_target)),
            Some(secret),
            Some(headers),
            Some(computed),
            Some(adopt),
        ) = (kinds, events, target, secret, headers, computed, adopt)
        else {
            return;
        };
        for kind in &kinds {
            for event in &events {
                out.push(Declared {
                    kind: *kind,
                    event: *event,
                    target: target.clone(),
                    shown_target: shown_target.clone(),
                    secret: secret.clone(),
                    headers: headers.clone(),
                    computed,
                    adopt: adopt.clone(),
                    line,
                });
            }
        }
    }

    fn fields(&mut self, table: &dyn TableLike, allowed: &[&str], section: &str) -> Fields {
        let mut fields = Fields::default();
        for (key, item) in table.iter() {
            let key_span = table.get_key_value(key).and_then(|(k, _)| k.span());
            if !allowed.contains(&key) {
                self.at(
                    key_span,
                    format!(
                        "unknown key '{key}' in {section}{} (expected {})",
                        rules::suggest(key, allowed.iter().copied()),
                        allowed.join(", ")
                    ),
                );
                continue;
            }
            match key {
                "type" => fields.kinds = Some(self.one_or_many(item, "type")),
                "event" => fields.events = Some(self.one_or_many(item, "event")),
                "target" => fields.target = Some(self.target(item)),
                "secret" => fields.secret = Some(self.pairs(item, PairKind::Secret)),
                "headers" => fields.headers = Some(self.pairs(item, PairKind::Header)),
                "adopt" => fields.adopt = Some(self.adopt(item)),
                _ => {
                    fields.computed = Some(match item.as_bool() {
                        Some(b) => Some(b),
                        None => {
                            self.at(
                                item.span(),
                                format!(
                                    "'custom_field_computed_values' must be true or false, not {}",
                                    item.type_name()
                                ),
                            );
                            None
                        }
                    })
                }
            }
        }
        fields
    }

    /// A string or a non-empty list of strings, each parsed as `T`.
    fn one_or_many<T: std::str::FromStr<Err = rules::RuleError> + PartialEq>(
        &mut self,
        item: &Item,
        name: &str,
    ) -> Option<Vec<T>> {
        let mut raw: Vec<(String, Option<Range<usize>>)> = Vec::new();
        if let Some(s) = item.as_str() {
            raw.push((s.to_string(), item.span()));
        } else if let Some(array) = item.as_array() {
            if array.is_empty() {
                self.at(item.span(), format!("'{name}' is an empty list"));
                return None;
            }
            for value in array.iter() {
                match value.as_str() {
                    Some(s) => raw.push((s.to_string(), value.span())),
                    None => {
                        self.at(
                            value.span(),
                            format!(
                                "'{name}' entries must be strings, not {}",
                                value.type_name()
                            ),
                        );
                        return None;
                    }
                }
            }
        } else {
            self.at(
                item.span(),
                format!(
                    "'{name}' must be a string or a list of strings, not {}",
                    item.type_name()
                ),
            );
            return None;
        }
        let mut parsed = Vec::new();
        let mut ok = true;
        for (text, span) in raw {
            match text.parse::<T>() {
                Ok(value) if parsed.contains(&value) => {
                    self.at(span, format!("'{text}' is listed twice in '{name}'"));
                    ok = false;
                }
                Ok(value) => parsed.push(value),
                Err(err) => {
                    self.at(span, err.message);
                    ok = false;
                }
            }
        }
        ok.then_some(parsed)
    }

    fn string(&mut self, item: &Item, what: &str) -> Option<String> {
        let raw = self.raw_string(item, what)?;
        match interpolate(raw, self.env, self.allow_unset, self.sandbox) {
            Ok(Outcome::Text(text)) => Some(text),
            Ok(Outcome::Unresolved { text, names, .. }) => {
                self.skipped(item, format!("the value of {what}"), &names);
                Some(text)
            }
            Err(err) => {
                self.at(item.span(), format!("{what}: {err}"));
                None
            }
        }
    }

    fn raw_string<'i>(&mut self, item: &'i Item, what: &str) -> Option<&'i str> {
        let raw = item.as_str();
        if raw.is_none() {
            self.at(
                item.span(),
                format!("{what} must be a string, not {}", item.type_name()),
            );
        }
        raw
    }

    /// Notes what `--skip-env` leaves unchecked because `names` are unset.
    fn skipped(&mut self, item: &Item, what: String, names: &[String]) {
        self.unset.extend(names.iter().cloned());
        let vars: Vec<String> = names.iter().map(|n| format!("${{{n}}}")).collect();
        let verb = if names.len() == 1 { "is" } else { "are" };
        let offset = item.span().map(|s| s.start).unwrap_or(0);
        self.unchecked.push((
            offset,
            format!("{what}: {} {verb} not set", vars.join(", ")),
        ));
    }

    /// A target, and what may be shown of it: its `${VAR}` template when it has one, so the
    /// values stay out of every message and plan.
    fn target(&mut self, item: &Item) -> Option<(Target, String)> {
        let template = self.raw_string(item, "'target'")?;
        let templated = template.contains("${");
        let shown = crate::text::line(template).into_owned();
        let text = match interpolate(template, self.env, self.allow_unset, self.sandbox) {
            Ok(Outcome::Text(text)) => text,
            Ok(Outcome::Unresolved { text, first, names }) => {
                return self.unresolved_target(item, &text, first, &names, shown);
            }
            Err(err) => {
                self.at(item.span(), format!("'target': {err}"));
                return None;
            }
        };
        let parsed = if self.local_receivers {
            Target::parse_local(&text, &shown)
        } else if templated {
            Target::parse_shown(&text, &shown)
        } else {
            Target::parse(&text)
        };
        match parsed {
            Ok(target) => {
                if templated {
                    self.hidden.extend(variables(template, self.env));
                    Some((target, shown))
                } else {
                    let canonical = target.as_str().to_string();
                    Some((target, canonical))
                }
            }
            Err(err) => {
                self.at(item.span(), err.message);
                None
            }
        }
    }

    /// A target whose variables are unset (`validate --skip-env`): whatever is written out
    /// in the text is still checked. When the scheme and host come before the first unset
    /// variable, the whole URL is checked with placeholders in the variables' places;
    /// otherwise the scheme is checked when it is written out, the host cannot be, and the
    /// target's identity (for "declared twice") is its text as written.
    fn unresolved_target(
        &mut self,
        item: &Item,
        text: &str,
        first: usize,
        names: &[String],
        shown: String,
    ) -> Option<(Target, String)> {
        self.unset.extend(names.iter().cloned());
        let literal = &text[..first];
        let authority_written = literal
            .find("://")
            .is_some_and(|at| literal[at + 3..].contains(['/', '?', '#']));
        if authority_written {
            return match Target::parse_shown(text, &shown) {
                Ok(target) => {
                    self.skipped(item, format!("the path of target '{shown}'"), names);
                    Some((target, shown))
                }
                Err(err) => {
                    self.at(item.span(), err.message);
                    None
                }
            };
        }
        match Target::parse_written(literal, &shown) {
            Ok(target) => {
                self.skipped(item, format!("the host of target '{shown}'"), names);
                Some((target, shown))
            }
            Err(err) => {
                self.at(item.span(), err.message);
                None
            }
        }
    }

    /// `adopt = true`, `adopt = false`, or `adopt = { remove = ["KEY", ...] }`: whether a
    /// matching subscription that is not this manifest's may be taken over, and which keys
    /// of its secret or headers to remove then (every other key it has is kept).
    fn adopt(&mut self, item: &Item) -> Option<Option<Vec<String>>> {
        if let Some(allowed) = item.as_bool() {
            return Some(allowed.then(Vec::new));
        }
        let usage = "'adopt' is true, false, or { remove = [\"KEY\", ...] }";
        let Some(table) = item.as_table_like() else {
            self.at(item.span(), format!("{usage}, not {}", item.type_name()));
            return None;
        };
        let mut remove = Vec::new();
        for (key, value) in table.iter() {
            if key != "remove" {
                self.at(
                    table.get_key_value(key).and_then(|(k, _)| k.span()),
                    format!("unknown key '{key}' in 'adopt' (expected remove)"),
                );
                return None;
            }
            let Some(list) = value.as_array() else {
                self.at(value.span(), format!("{usage}: 'remove' is a list of keys"));
                return None;
            };
            for key in list.iter() {
                match key.as_str() {
                    Some(k) if !k.is_empty() && k != OWNER_KEY => remove.push(k.to_string()),
                    _ => {
                        self.at(
                            key.span(),
                            "'adopt.remove' takes the names of secret keys or headers, not the owner marker",
                        );
                        return None;
                    }
                }
            }
        }
        Some(Some(remove))
    }

    fn pairs(&mut self, item: &Item, kind: PairKind) -> Option<Pairs> {
        let name = match kind {
            PairKind::Secret => "secret",
            PairKind::Header => "headers",
        };
        let Some(table) = item.as_table_like() else {
            self.at(
                item.span(),
                format!(
                    "'{name}' must be a table such as {{ key = \"value\" }}, not {}",
                    item.type_name()
                ),
            );
            return None;
        };
        // Each subscription keeps its own copy of its pairs (a default's too), in each
        // account: a bound here bounds what a short file can be made to hold.
        if table.len() > rules::MAX_PAIRS {
            self.at(
                item.span(),
                format!(
                    "'{name}' has {} keys; a subscription takes at most {}",
                    table.len(),
                    rules::MAX_PAIRS
                ),
            );
            return None;
        }
        let mut pairs = Pairs::new();
        let mut ok = true;
        for (key, value) in table.iter() {
            let key_span = table.get_key_value(key).and_then(|(k, _)| k.span());
            if let Err(err) = rules::check_pair_key(kind, key) {
                self.at(key_span, err.message);
                ok = false;
                continue;
            }
            match self.string(value, &format!("{name}.{key}")) {
                Some(text) => {
                    if kind == PairKind::Header
                        && reqwest::header::HeaderValue::from_str(&text).is_err()
                    {
                        self.at(
                            value.span(),
                            format!("{name}.{key} is not a valid HTTP header value"),
                        );
                        ok = false;
                    }
                    pairs.insert(key.to_string(), text);
                }
                None => ok = false,
            }
        }
        ok.then_some(pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        (name == "TOKEN").then(|| "t0k".to_string())
    }

    fn ok(text: &str) -> Manifest {
        parse(text, "m.toml", &env, EnvMode::Require).unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn problems(text: &str) -> Vec<String> {
        parse(text, "m.toml", &env, EnvMode::Require)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn expands_lists_and_defaults() {
        let m = ok(r#"
owner = "billing"
[defaults]
target = "https://hooks.example.com/c"
secret = { token = "${TOKEN}" }

[[subscription]]
type = ["lead", "person"]
event = ["new", "update"]

[[subscription]]
type = "task"
event = "delete"
target = "https://other.example.com/t"
headers = { "X-Source" = "copper" }
custom_field_computed_values = true
"#);
        assert_eq!(m.subscriptions.len(), 5);
        let first = &m.subscriptions[0];
        assert_eq!(first.secret["token"], "t0k");
        assert_eq!(first.secret[OWNER_KEY], "billing");
        assert_eq!(first.line, 7);
        let last = &m.subscriptions[4];
        assert!(last.computed);
        assert_eq!(last.target.as_str(), "https://other.example.com/t");
    }

    #[test]
    fn reports_every_problem_with_position() {
        let p = problems(
            r#"colour = "blue"
[[subscription]]
type = "leads"
event = "new"
target = "http://x.example.com"

[[subscription]]
type = "lead"
event = ["new", "sometimes"]
target = "https://${MISSING}/x"
bogus = 1
"#,
        );
        assert_eq!(p.len(), 6, "{p:#?}");
        assert!(
            p[0].starts_with("m.toml:1:1: unknown key 'colour'"),
            "{}",
            p[0]
        );
        assert!(
            p[1].starts_with("m.toml:3:8: unknown type 'leads'"),
            "{}",
            p[1]
        );
        assert!(p[2].starts_with("m.toml:5:10: target"), "{}", p[2]);
        assert!(
            p[3].starts_with("m.toml:9:17: unknown event 'sometimes'"),
            "{}",
            p[3]
        );
        assert!(
            p[4].starts_with("m.toml:10:10:") && p[4].contains("MISSING"),
            "{}",
            p[4]
        );
        assert!(
            p[5].starts_with("m.toml:11:1: unknown key 'bogus'"),
            "{}",
            p[5]
        );
    }

    #[test]
    fn duplicates_and_missing_fields() {
        let p = problems(
            r#"[[subscription]]
type = "lead"
event = "new"
target = "https://a.example.com"

[[subscription]]
type = ["person", "lead"]
event = "new"
target = "https://a.example.com"

[[subscription]]
event = "new"
"#,
        );
        assert!(
            p.iter()
                .any(|l| l.contains("declared twice (first at line 1)")),
            "{p:#?}"
        );
        assert!(p.iter().any(|l| l.contains("no 'type'")), "{p:#?}");
        assert!(p.iter().any(|l| l.contains("no 'target'")), "{p:#?}");
    }

    #[test]
    fn many_problems_are_located_in_one_pass() {
        // 50,000 problems: quadratic location would take minutes here; linear takes about a
        // second in a debug build. (`validate` of 200,000 problems is measured in release.)
        // (A secret holds at most 64 keys now, so the problems are unknown keys, one a line.)
        let mut text = String::from("[defaults]\n");
        for i in 0..50_000 {
            text.push_str(&format!("k{i} = 1\n"));
        }
        let p = problems(&text);
        assert_eq!(p.len(), 50_000);
        assert!(p[0].starts_with("m.toml:2:"), "{}", p[0]);
        let last = &p[49_999];
        assert!(
            last.starts_with("m.toml:50001:") && last.contains("unknown key"),
            "{last}"
        );
    }

    #[test]
    fn bad_toml_has_a_position() {
        let p = problems("[[subscription]]\ntype = \n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("m.toml:2:"), "{}", p[0]);
    }

    #[test]
    fn unset_variables_may_wait_for_validate() {
        let text = "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://a.example.com\"\nsecret = { t = \"${NOPE}\" }\n";
        assert!(parse(text, "m", &env, EnvMode::Require).is_err());
        assert!(parse(text, "m", &env, EnvMode::AllowUnset).is_ok());
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// Lines a manifest is made of, valid and nearly valid, with arbitrary values.
        fn line() -> impl Strategy<Value = String> {
            let value = prop_oneof![
                "[a-z_]{0,12}".prop_map(|s| format!("\"{s}\"")),
                "https://[a-z.]{1,12}/[a-z${}]{0,8}".prop_map(|s| format!("\"{s}\"")),
                any::<String>().prop_map(|s| format!("{s:?}")),
                Just("[\"lead\", \"person\", 3]".to_string()),
                Just("{ token = \"${TOKEN}\", \"\" = \"x\" }".to_string()),
                Just("true".to_string()),
                Just("{".to_string()),
            ];
            prop_oneof![
                Just("[[subscription]]".to_string()),
                Just("[defaults]".to_string()),
                Just("[subscription]".to_string()),
                (
                    prop_oneof![
                        Just("type"),
                        Just("event"),
                        Just("target"),
                        Just("secret"),
                        Just("headers"),
                        Just("owner"),
                        Just("custom_field_computed_values"),
                        Just("bogus"),
                    ],
                    value
                )
                    .prop_map(|(k, v)| format!("{k} = {v}")),
                any::<String>(),
            ]
        }

        proptest! {
            #[test]
            fn near_valid_manifests_never_panic(lines in prop::collection::vec(line(), 0..24)) {
                let text = lines.join("\n");
                let env = |name: &str| (name == "TOKEN").then(|| "t".to_string());
                for mode in [EnvMode::Require, EnvMode::AllowUnset] {
                    match parse(&text, "m.toml", &env, mode) {
                        Ok(m) => prop_assert!(m.subscriptions.len() <= 7 * 3 * 24),
                        Err(problems) => {
                            prop_assert!(!problems.is_empty());
                            for p in problems {
                                prop_assert!(p.line >= 1 && p.line <= text.lines().count().max(1) + 1);
                                prop_assert!(!p.to_string().contains('\r'));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod adopt_rules {
    fn problems(text: &str) -> Vec<String> {
        match super::parse(text, "m.toml", &|_| None, super::EnvMode::Require) {
            Ok(_) => Vec::new(),
            Err(p) => p.into_iter().map(|p| p.message).collect(),
        }
    }

    const ENTRY: &str = "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://h.example.com/x\"\n";

    #[test]
    fn adopt_takes_a_bool_or_keys_to_remove() {
        assert!(problems(&format!("{ENTRY}adopt = true\n")).is_empty());
        assert!(problems(&format!("{ENTRY}adopt = {{ remove = [\"n8n_secret\"] }}\n")).is_empty());
        assert!(problems(&format!("[defaults]\nadopt = false\n{ENTRY}")).is_empty());
        let bad = problems(&format!("{ENTRY}adopt = \"yes\"\n"));
        assert!(bad[0].contains("'adopt' is true, false, or"), "{bad:?}");
        let bad = problems(&format!("{ENTRY}adopt = {{ keep = [\"x\"] }}\n"));
        assert!(bad[0].contains("unknown key 'keep' in 'adopt'"), "{bad:?}");
        let bad = problems(&format!(
            "{ENTRY}adopt = {{ remove = [\"copper_hooks_owner\"] }}\n"
        ));
        assert!(bad[0].contains("not the owner marker"), "{bad:?}");
        let bad = problems(&format!(
            "{ENTRY}secret = {{ copper_hooks_keeps = \"[]\" }}\n"
        ));
        assert!(bad[0].contains("is the tool's own"), "{bad:?}");
    }
}
