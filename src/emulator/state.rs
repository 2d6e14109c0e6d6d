//! The emulated accounts' subscriptions, and how they survive a restart (`--state FILE`).
//!
//! Each account the emulator has seen is named in the file by a SHA-256 of its API key and
//! email (never the key itself), with its email for people reading the file. A file from
//! before the emulator held many accounts (one `next_id` and `subscriptions`) is kept as it
//! is and given to the first account that calls.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::data::Subscription;

/// One account's subscriptions and the next id it gives.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    pub next_id: u64,
    pub subscriptions: BTreeMap<u64, Subscription>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            // Copper's ids are large numbers; starting high keeps tests honest about that.
            next_id: 170_001,
            subscriptions: BTreeMap::new(),
        }
    }
}

/// One account as the state file keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stored {
    /// [`account_digest`] of the account's key and email.
    pub account: String,
    pub email: String,
    /// Not flattened: serde's flatten cannot read the numeric keys of `subscriptions`.
    pub state: State,
}

/// Everything a state file holds.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub accounts: Vec<Stored>,
    /// A one-account state from an earlier version, for the first account that calls.
    pub unclaimed: Option<State>,
}

#[derive(Serialize, Deserialize)]
struct File {
    accounts: Vec<Stored>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unclaimed: Option<State>,
}

/// Names an account by its (key, email) pair without holding the key: emails compare as
/// Copper compares them, ignoring case.
pub fn account_digest(key: &str, email: &str) -> String {
    let mut hash = sha2::Sha256::new();
    hash.update(key.as_bytes());
    hash.update([0]);
    hash.update(email.to_ascii_lowercase().as_bytes());
    hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Saved {
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let invalid = || {
            format!(
                "emulator state {} is not valid; remove it to start empty",
                path.display()
            )
        };
        let value: serde_json::Value = serde_json::from_slice(&bytes).with_context(invalid)?;
        if value.get("accounts").is_some() {
            let file: File = serde_json::from_value(value).with_context(invalid)?;
            Ok(Self {
                accounts: file.accounts,
                unclaimed: file.unclaimed,
            })
        } else {
            let state: State = serde_json::from_value(value).with_context(invalid)?;
            Ok(Self {
                accounts: Vec::new(),
                unclaimed: Some(state),
            })
        }
    }

    /// Writes the state privately and atomically.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let file = File {
            accounts: self.accounts.clone(),
            unclaimed: self.unclaimed.clone(),
        };
        // Subscriptions hold secrets: the state file is as private as a credentials file.
        crate::config::write_private_atomic(path, &serde_json::to_vec_pretty(&file)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_ignores_the_case_of_the_email_and_not_the_key() {
        assert_eq!(
            account_digest("k", "Dev@Example.com"),
            account_digest("k", "dev@example.com")
        );
        assert_ne!(account_digest("k", "a@x"), account_digest("K", "a@x"));
        assert_ne!(account_digest("ab", "c"), account_digest("a", "bc"));
    }

    #[test]
    fn an_old_one_account_file_is_kept_for_the_first_caller() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.json");
        std::fs::write(&path, r#"{"next_id": 5, "subscriptions": {}}"#).expect("write");
        let saved = Saved::load(&path).expect("load");
        assert!(saved.accounts.is_empty());
        assert_eq!(saved.unclaimed.map(|s| s.next_id), Some(5));
    }
}
