//! The diff between a manifest and the account: what to create, update, delete, and what is
//! left alone; the safety rules a plan must pass before it is carried out; and its checksum.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;
use sha2::{Digest, Sha256};

use super::{Declared, Identity, Manifest};
use crate::copper::{NewSubscription, Subscription, SubscriptionUpdate};
use crate::rules::{Pairs, MAX_SUBSCRIPTIONS};

#[derive(Debug, Clone)]
pub struct Plan {
    pub owner: Option<String>,
    pub prune: bool,
    pub creates: Vec<Declared>,
    pub updates: Vec<Update>,
    pub deletes: Vec<Delete>,
    pub unchanged: Vec<Subscription>,
    /// Not in the manifest and not deleted: someone else's, or kept because prune is off.
    pub unmanaged: Vec<Subscription>,
    /// Every id that existed when the plan was made (so a create can tell new from old).
    pub known_ids: BTreeSet<u64>,
    pub declared: usize,
}

#[derive(Debug, Clone)]
pub struct Update {
    pub have: Subscription,
    pub want: Declared,
    pub secret: KeyChanges,
    pub headers: KeyChanges,
    pub computed: Option<(bool, bool)>,
}

impl Update {
    /// Only the changed fields, with the manifest's values (never a masked one).
    pub fn request(&self) -> SubscriptionUpdate {
        SubscriptionUpdate {
            target: None,
            secret: (!self.secret.is_empty()).then(|| self.want.secret.clone()),
            headers: (!self.headers.is_empty()).then(|| self.want.headers.clone()),
            custom_field_computed_values: self.computed.map(|(_, new)| new),
        }
    }
}

/// Which keys of a secret or header map were added, removed or given a new value.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct KeyChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
}

impl KeyChanges {
    fn between(old: &Pairs, new: &Pairs) -> Self {
        let mut c = KeyChanges::default();
        for (k, v) in new {
            match old.get(k) {
                None => c.added.push(k.clone()),
                Some(o) if o != v => c.changed.push(k.clone()),
                Some(_) => {}
            }
        }
        c.removed = old
            .keys()
            .filter(|k| !new.contains_key(*k))
            .cloned()
            .collect();
        c
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// `token changed, owner added`: keys only, never values.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (keys, verb) in [
            (&self.added, "added"),
            (&self.changed, "changed"),
            (&self.removed, "removed"),
        ] {
            parts.extend(keys.iter().map(|k| format!("{k} {verb}")));
        }
        parts.join(", ")
    }
}

#[derive(Debug, Clone)]
pub struct Delete {
    pub have: Subscription,
    pub reason: DeleteReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteReason {
    /// Another copy of a declared identity; `kept` is the oldest, which stays.
    Duplicate { kept: u64 },
    /// Not in the manifest, and pruning is on (owned by this manifest's owner, if it has one).
    Pruned,
}

impl DeleteReason {
    pub fn describe(&self, owner: Option<&str>) -> String {
        match self {
            DeleteReason::Duplicate { kept } => {
                format!("duplicate of {kept}, every delivery would arrive twice")
            }
            DeleteReason::Pruned => match owner {
                Some(owner) => format!("not in the manifest, owned by '{owner}'"),
                None => "not in the manifest (prune covers the whole account)".into(),
            },
        }
    }
}

impl Plan {
    pub fn compute(manifest: &Manifest, existing: Vec<Subscription>, prune: bool) -> Plan {
        let known_ids = existing.iter().map(|s| s.id).collect();
        let mut by_identity: BTreeMap<Identity, Vec<Subscription>> = BTreeMap::new();
        for sub in existing {
            by_identity
                .entry((sub.kind, sub.event, sub.target.clone()))
                .or_default()
                .push(sub);
        }
        let mut plan = Plan {
            owner: manifest.owner.clone(),
            prune,
            creates: Vec::new(),
            updates: Vec::new(),
            deletes: Vec::new(),
            unchanged: Vec::new(),
            unmanaged: Vec::new(),
            known_ids,
            declared: manifest.subscriptions.len(),
        };
        for want in &manifest.subscriptions {
            let Some(mut copies) = by_identity.remove(&want.identity()) else {
                plan.creates.push(want.clone());
                continue;
            };
            // The oldest copy is the one kept: it has been delivering the longest.
            copies.sort_by_key(|s| (s.created_at.unwrap_or(i64::MAX), s.id));
            let have = copies.remove(0);
            for extra in copies {
                plan.deletes.push(Delete {
                    have: extra,
                    reason: DeleteReason::Duplicate { kept: have.id },
                });
            }
            let update = Update {
                secret: KeyChanges::between(&have.secret, &want.secret),
                headers: KeyChanges::between(&have.headers, &want.headers),
                computed: (have.custom_field_computed_values != want.computed)
                    .then_some((have.custom_field_computed_values, want.computed)),
                have,
                want: want.clone(),
            };
            if update.secret.is_empty() && update.headers.is_empty() && update.computed.is_none() {
                plan.unchanged.push(update.have);
            } else {
                plan.updates.push(update);
            }
        }
        for sub in by_identity.into_values().flatten() {
            let ours = match &manifest.owner {
                Some(owner) => sub.owner() == Some(owner.as_str()),
                None => true,
            };
            if prune && ours {
                plan.deletes.push(Delete {
                    have: sub,
                    reason: DeleteReason::Pruned,
                });
            } else {
                plan.unmanaged.push(sub);
            }
        }
        plan.creates.sort_by_key(Declared::identity);
        plan.updates.sort_by_key(|u| u.have.id);
        plan.deletes.sort_by_key(|d| d.have.id);
        plan.unchanged.sort_by_key(|s| s.id);
        plan.unmanaged.sort_by_key(|s| s.id);
        plan
    }

    pub fn is_empty(&self) -> bool {
        self.creates.is_empty() && self.updates.is_empty() && self.deletes.is_empty()
    }

    pub fn existing(&self) -> usize {
        self.known_ids.len()
    }

    /// How many subscriptions the account holds once the plan is carried out.
    pub fn final_count(&self) -> usize {
        self.existing() + self.creates.len() - self.deletes.len()
    }

    /// Deletes go first only when creating first would pass Copper's limit on the way;
    /// otherwise creates go first, so a moved target never leaves a gap in deliveries.
    pub fn deletes_first(&self) -> bool {
        self.existing() + self.creates.len() > MAX_SUBSCRIPTIONS
    }

    /// The safety rules this plan breaks, each a sentence; empty when it is safe.
    pub fn refusals(&self, thresholds: &Thresholds) -> Vec<String> {
        let mut refusals = Vec::new();
        if self.final_count() > MAX_SUBSCRIPTIONS {
            refusals.push(format!(
                "the account would hold {} subscriptions, Copper's limit is {MAX_SUBSCRIPTIONS} \
                 (--force cannot override this)",
                self.final_count()
            ));
        }
        if thresholds.force {
            return refusals;
        }
        if self.prune && self.declared == 0 && !self.deletes.is_empty() {
            refusals.push(format!(
                "the manifest declares no subscriptions and --prune would delete {}; pass \
                 --force if that is really wanted",
                self.deletes.len()
            ));
        }
        let existing = self.existing();
        if existing >= thresholds.min_existing
            && self.deletes.len() * 100 > existing * thresholds.max_delete_percent as usize
        {
            refusals.push(format!(
                "the plan deletes {} of {existing} subscriptions, more than {}%; pass --force \
                 or raise --max-delete-percent",
                self.deletes.len(),
                thresholds.max_delete_percent
            ));
        }
        refusals
    }

    /// A short digest of what the plan does, to check at apply time that the reviewed plan is
    /// the one carried out. Secret values are not in it, only which keys change.
    pub fn checksum(&self) -> String {
        let canonical = json!({
            "owner": self.owner,
            "prune": self.prune,
            "create": self.creates.iter().map(|d| json!([
                d.kind, d.event, d.target.as_str(),
                d.secret.keys().collect::<Vec<_>>(), d.headers.keys().collect::<Vec<_>>(), d.computed,
            ])).collect::<Vec<_>>(),
            "update": self.updates.iter().map(|u| json!([
                u.have.id, u.secret, u.headers, u.computed,
            ])).collect::<Vec<_>>(),
            "delete": self.deletes.iter().map(|d| d.have.id).collect::<Vec<_>>(),
        });
        let digest = Sha256::digest(canonical.to_string().as_bytes());
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}

impl From<&Declared> for NewSubscription {
    fn from(d: &Declared) -> Self {
        NewSubscription {
            target: d.target.as_str().to_string(),
            kind: d.kind,
            event: d.event,
            secret: d.secret.clone(),
            headers: d.headers.clone(),
            custom_field_computed_values: d.computed,
        }
    }
}

/// When `apply` refuses to delete (octoDNS's rule by default: over 30% of 10 or more).
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub max_delete_percent: u32,
    pub min_existing: usize,
    pub force: bool,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            max_delete_percent: 30,
            min_existing: 10,
            force: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{parse, EnvMode};
    use crate::rules::{EntityType, Event, OWNER_KEY};

    fn manifest(text: &str) -> Manifest {
        parse(text, "m", &|_| None, EnvMode::Require).unwrap()
    }

    fn sub(
        id: u64,
        kind: EntityType,
        event: Event,
        target: &str,
        owner: Option<&str>,
    ) -> Subscription {
        let mut secret = Pairs::new();
        if let Some(o) = owner {
            secret.insert(OWNER_KEY.into(), o.into());
        }
        Subscription {
            id,
            target: target.into(),
            kind,
            event,
            secret,
            headers: Pairs::new(),
            custom_field_computed_values: false,
            created_at: Some(id as i64),
        }
    }

    const T: &str = "https://a.example.com/h";

    #[test]
    fn every_kind_of_action() {
        let m = manifest(&format!(
            "owner = \"me\"\n[defaults]\ntarget = \"{T}\"\n[[subscription]]\ntype = \"lead\"\nevent = [\"new\", \"update\", \"delete\"]\n"
        ));
        let existing = vec![
            sub(1, EntityType::Lead, Event::New, T, Some("me")),
            sub(2, EntityType::Lead, Event::Update, T, None),
            sub(3, EntityType::Lead, Event::New, T, Some("me")),
            sub(4, EntityType::Task, Event::New, T, Some("me")),
            sub(5, EntityType::Task, Event::New, T, Some("someone-else")),
        ];
        let plan = Plan::compute(&m, existing.clone(), true);
        assert_eq!(plan.creates.len(), 1);
        assert_eq!(plan.creates[0].event, Event::Delete);
        assert_eq!(plan.updates.len(), 1);
        assert_eq!(plan.updates[0].secret.added, vec![OWNER_KEY.to_string()]);
        assert_eq!(plan.unchanged.len(), 1);
        let deleted: Vec<u64> = plan.deletes.iter().map(|d| d.have.id).collect();
        assert_eq!(deleted, vec![3, 4]);
        assert_eq!(plan.deletes[0].reason, DeleteReason::Duplicate { kept: 1 });
        assert_eq!(plan.unmanaged.len(), 1);

        let no_prune = Plan::compute(&m, existing, false);
        assert_eq!(
            no_prune.deletes.len(),
            1,
            "duplicates go even without prune"
        );
        assert_eq!(no_prune.unmanaged.len(), 2);
        assert_ne!(plan.checksum(), no_prune.checksum());
    }

    #[test]
    fn thresholds_and_limit() {
        let m = manifest("");
        let existing: Vec<_> = (1..=10)
            .map(|i| {
                sub(
                    i,
                    EntityType::Lead,
                    Event::New,
                    &format!("https://h{i}.example.com"),
                    None,
                )
            })
            .collect();
        let plan = Plan::compute(&m, existing, true);
        let t = Thresholds {
            max_delete_percent: 30,
            min_existing: 10,
            force: false,
        };
        assert_eq!(plan.refusals(&t).len(), 2);
        assert!(plan.refusals(&Thresholds { force: true, ..t }).is_empty());
    }
}
