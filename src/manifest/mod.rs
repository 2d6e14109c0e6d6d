//! The declarative manifest: what a reviewed file says the account should hold.
//!
//! `parse` turns TOML into checked [`Declared`] subscriptions (every problem at once, with
//! line:col), `plan` diffs them against the account, `render` prints a plan for people,
//! scripts and pull requests, and `export` writes an account back out as a manifest.

pub mod export;
mod interpolate;
pub mod parse;
pub mod plan;
pub mod render;

use std::fmt;

use crate::rules::{EntityType, Event, Pairs, Target};

pub use parse::{parse, EnvMode};

/// A manifest after parsing, interpolation and every check.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// Marks what this file manages; prune deletes only subscriptions carrying it.
    pub owner: Option<String>,
    pub subscriptions: Vec<Declared>,
}

/// One subscription the manifest declares, after `[defaults]` and list expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub kind: EntityType,
    pub event: Event,
    pub target: Target,
    pub secret: Pairs,
    pub headers: Pairs,
    pub computed: bool,
    /// Line of the `[[subscription]]` it came from.
    pub line: usize,
}

/// What makes a subscription the same one: Copper's (type, event) pair and the target.
pub type Identity = (EntityType, Event, String);

impl Declared {
    pub fn identity(&self) -> Identity {
        (self.kind, self.event, self.target.as_str().to_string())
    }
}

/// One problem in a manifest, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}
