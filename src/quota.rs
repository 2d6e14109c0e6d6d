//! What the rate limiter learned about an account's quota, kept between runs.
//!
//! Copper's quota is per account and shared with every other integration, so a process can
//! only learn what is left of it from 429s, and learning costs a burst of them. Three applies
//! in a row would each pay that again; instead the quota one run learned is kept for an hour
//! in `quota.json` in the data directory, and the next run against the same account starts
//! from it (growing back towards the ceiling as it finds room, as within one run).
//!
//! The file holds no credentials: an account is named by a SHA-256 digest of its API URL and
//! email. It is only ever advice: a file that is missing, too large, unreadable or odd is
//! ignored, and what it holds can only slow calls down (never past the ceiling), for an hour
//! at most.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::data::Rate;

/// How long a learned quota is trusted: other integrations come and go.
pub const KEPT_FOR: Duration = Duration::from_secs(3600);
/// The most accounts remembered (a fleet of thousands keeps the most recent); the oldest
/// give way.
const MOST_ACCOUNTS: usize = 5_000;
/// A larger file is not ours (an entry is about 120 bytes).
const MOST_BYTES: u64 = 1 << 20;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    accounts: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Entry {
    calls: u32,
    window_ms: u64,
    /// Unix seconds when it was saved.
    saved_at: u64,
}

/// The quota memory of one account.
#[derive(Debug, Clone)]
pub struct Memory {
    path: PathBuf,
    account: String,
}

impl Memory {
    /// The memory of the account at `api_url` used as `email`, in `dir`.
    pub fn new(dir: &Path, api_url: &str, email: &str) -> Self {
        let mut digest = Sha256::new();
        digest.update(api_url.as_bytes());
        digest.update(b"\n");
        digest.update(email.to_lowercase().as_bytes());
        let account = crate::text::hex(&digest.finalize());
        Self {
            path: dir.join("quota.json"),
            account,
        }
    }

    /// The quota learned within the last hour, if any, kept under `ceiling`; and how old it is.
    pub fn recall(&self, ceiling: Rate) -> Option<(Rate, Duration)> {
        let entry = *read(&self.path).accounts.get(&self.account)?;
        let age = Duration::from_secs(now().checked_sub(entry.saved_at)?);
        if age >= KEPT_FOR || entry.calls == 0 {
            return None;
        }
        let window = Duration::from_millis(entry.window_ms)
            .clamp(Duration::from_millis(100), ceiling.window);
        Some((
            Rate {
                calls: entry.calls.min(ceiling.calls),
                window,
            },
            age,
        ))
    }

    /// Keeps what was learned, or forgets the account when nothing was (the quota then
    /// had room for everything this run asked of it).
    pub fn keep(&self, learned: Option<Rate>) -> anyhow::Result<()> {
        keep_all(vec![(self.clone(), learned)])
    }
}

/// [`Memory::keep`] for many accounts at once (a fleet): each file is read and written once.
pub fn keep_all(items: Vec<(Memory, Option<Rate>)>) -> anyhow::Result<()> {
    // One account connected twice in a run (a fleet plans, then applies with a new client)
    // keeps what either client learned: what was learned wins over nothing.
    let mut by_path: BTreeMap<PathBuf, BTreeMap<String, Option<Rate>>> = BTreeMap::new();
    for (memory, learned) in items {
        let slot = by_path
            .entry(memory.path)
            .or_default()
            .entry(memory.account)
            .or_insert(None);
        if learned.is_some() {
            *slot = learned;
        }
    }
    for (path, entries) in by_path {
        let mut file = read(&path);
        let before = file.accounts.len();
        let now = now();
        file.accounts
            .retain(|_, e| now.saturating_sub(e.saved_at) < KEPT_FOR.as_secs());
        let mut changed = file.accounts.len() != before;
        for (account, learned) in entries {
            match learned {
                Some(rate) => {
                    file.accounts.insert(
                        account,
                        Entry {
                            calls: rate.calls,
                            window_ms: u64::try_from(rate.window.as_millis()).unwrap_or(u64::MAX),
                            saved_at: now,
                        },
                    );
                    changed = true;
                }
                None => changed |= file.accounts.remove(&account).is_some(),
            }
        }
        while file.accounts.len() > MOST_ACCOUNTS {
            let oldest = file
                .accounts
                .iter()
                .min_by_key(|(_, e)| e.saved_at)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(key) => file.accounts.remove(&key),
                None => break,
            };
        }
        if !changed {
            continue;
        }
        file.version = 1;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_vec_pretty(&file)?;
        crate::config::write_atomic(
            &path,
            &text,
            crate::config::Write {
                private: true,
                overwrite: true,
            },
        )?;
    }
    Ok(())
}

/// The file as far as it can be read; anything else is an empty memory.
fn read(path: &Path) -> File {
    let Ok(meta) = std::fs::metadata(path) else {
        return File::default();
    };
    if !meta.is_file() || meta.len() > MOST_BYTES {
        return File::default();
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| f.take(MOST_BYTES).read_to_end(&mut bytes))
        .is_ok();
    match serde_json::from_slice::<File>(&bytes) {
        Ok(file) if read && file.version == 1 => file,
        _ => File::default(),
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CEILING: Rate = Rate::COPPER;

    #[test]
    fn a_learned_quota_is_recalled_for_its_account_only() {
        let dir = tempfile::tempdir().unwrap();
        let here = Memory::new(
            dir.path(),
            "https://api.copper.com/developer_api/v1/",
            "a@x",
        );
        let there = Memory::new(
            dir.path(),
            "https://api.copper.com/developer_api/v1/",
            "b@x",
        );
        here.keep(Some(Rate {
            calls: 57,
            window: Duration::from_secs(10),
        }))
        .unwrap();
        let (rate, age) = here.recall(CEILING).unwrap();
        assert_eq!(rate.calls, 57);
        assert_eq!(rate.window, Duration::from_secs(10));
        assert!(age < KEPT_FOR);
        assert!(there.recall(CEILING).is_none());
        let text = std::fs::read_to_string(dir.path().join("quota.json")).unwrap();
        assert!(
            !text.contains("a@x") && !text.contains("copper.com"),
            "{text}"
        );
        // A run that needed no learning forgets it.
        here.keep(None).unwrap();
        assert!(here.recall(CEILING).is_none());
    }

    #[test]
    fn what_the_file_says_never_passes_the_ceiling() {
        let dir = tempfile::tempdir().unwrap();
        let memory = Memory::new(dir.path(), "u", "e");
        memory
            .keep(Some(Rate {
                calls: 5000,
                window: Duration::from_secs(86_400),
            }))
            .unwrap();
        let (rate, _) = memory.recall(CEILING).unwrap();
        assert_eq!(rate.calls, CEILING.calls);
        assert_eq!(rate.window, CEILING.window);
    }

    #[test]
    fn old_odd_or_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let memory = Memory::new(dir.path(), "u", "e");
        let path = dir.path().join("quota.json");
        for text in [
            "not json".to_string(),
            r#"{"version": 2, "accounts": {}}"#.to_string(),
            format!(
                r#"{{"version": 1, "accounts": {{"{}": {{"calls": 10, "window_ms": 1000, "saved_at": 1}}}}}}"#,
                memory.account
            ),
            " ".repeat(MOST_BYTES as usize + 1),
        ] {
            std::fs::write(&path, text).unwrap();
            assert!(memory.recall(CEILING).is_none());
        }
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert!(memory.recall(CEILING).is_none());
    }
}
