//! The declarative manifest: what a reviewed file says the account should hold.
//!
//! `parse` turns TOML into checked [`Declared`] subscriptions (every problem at once, with
//! line:col), `plan` diffs them against the account, `render` prints a plan for people,
//! scripts and pull requests, and `export` writes an account back out as a manifest.

pub mod export;
pub mod fleet;
mod interpolate;
pub mod parse;
pub mod plan;
pub mod render;

use std::fmt;

use crate::rules::{EntityType, Event, Pairs, Target};

pub use interpolate::sandbox_value;
pub use parse::{parse, EnvMode};

/// A manifest after parsing, interpolation and every check.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// Marks what this file manages; prune deletes only subscriptions carrying it.
    pub owner: Option<String>,
    pub subscriptions: Vec<Declared>,
    /// Values that `${VAR}`s in targets stood for, with the variable's name: an account
    /// target holding one is shown with `${NAME}` in its place.
    pub hidden: Vec<(String, String)>,
    /// What `validate --skip-env` could not check because a variable is unset, and where.
    pub unchecked: Vec<Problem>,
}

/// An account target as a plan may show it: credentials masked, escaped, and every value a
/// `${VAR}` of the manifest stood for (`hidden`: value, name) replaced by the variable's name.
pub fn show_account_target(raw: &str, hidden: &[(String, String)]) -> String {
    let mut shown = crate::rules::shown_target(raw);
    for (value, name) in hidden {
        let escaped = crate::text::line(value);
        if escaped.len() >= MIN_HIDDEN_LEN {
            shown = shown.replace(escaped.as_ref(), &format!("${{{name}}}"));
        }
    }
    shown
}

/// Shorter values are not replaced in account targets: they would garble unrelated text and
/// a value this short hides nothing worth hiding.
pub const MIN_HIDDEN_LEN: usize = 4;

/// One subscription the manifest declares, after `[defaults]` and list expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub kind: EntityType,
    pub event: Event,
    pub target: Target,
    /// What may be shown of the target: the canonical URL, or the manifest's text when it
    /// holds `${VAR}`s (the variable's value is never shown; the checksum pins it).
    pub shown_target: String,
    pub secret: Pairs,
    pub headers: Pairs,
    pub computed: bool,
    /// Whether a matching subscription that is not this manifest's (no owner marker, or
    /// another owner's) may be adopted (`adopt = true`): `Some` with the keys of its secret
    /// or headers to remove (`adopt = { remove = [...] }`), `None` when not said.
    pub adopt: Option<Vec<String>>,
    /// Line of the `[[subscription]]` it came from.
    pub line: usize,
}

/// What makes a subscription the same one: Copper's (type, event) pair and the canonical
/// target.
pub type Identity = (EntityType, Event, String);

impl Declared {
    pub fn identity(&self) -> Identity {
        (self.kind, self.event, self.target.as_str().to_string())
    }
}

/// The identity of a subscription on the account, by the same canonical target.
pub fn identity_of(sub: &crate::data::Subscription) -> Identity {
    (
        sub.kind,
        sub.event,
        crate::rules::canonical_target(&sub.target),
    )
}

/// One problem in a manifest, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One line: a message quotes manifest text (a key, a template), which may hold anything.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            crate::text::line(&self.message)
        )
    }
}
