//! The emulated account's subscriptions, and how they survive a restart (`--state FILE`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::data::Subscription;

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

impl State {
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).with_context(|| {
                format!(
                    "emulator state {} is not valid; remove it to start empty",
                    path.display()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes the state privately and atomically.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        // Subscriptions hold secrets: the state file is as private as a credentials file.
        crate::config::write_private_atomic(path, &serde_json::to_vec_pretty(self)?)
    }
}
