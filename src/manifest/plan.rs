//! The diff between a manifest and the account: what to create, update, delete, and what is
//! left alone; the safety rules a plan must pass before it is carried out; and its checksum.

use std::collections::{BTreeMap, BTreeSet};

use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{identity_of, Declared, Identity, Manifest};
use crate::data::{NewSubscription, Subscription, SubscriptionUpdate};
use crate::rules::{Pairs, KEEPS_KEY, MAX_SUBSCRIPTIONS};

#[derive(Debug, Clone)]
pub struct Plan {
    pub owner: Option<String>,
    pub prune: bool,
    pub creates: Vec<Declared>,
    pub updates: Vec<Update>,
    /// Matches of the manifest's entries that are not this manifest's (no owner marker, or
    /// another owner's): taken over, keeping what the manifest does not mention.
    pub adopts: Vec<Update>,
    pub deletes: Vec<Delete>,
    pub unchanged: Vec<Subscription>,
    /// Not in the manifest and not deleted: someone else's, or kept because prune is off.
    pub unmanaged: Vec<Subscription>,
    /// Every id that existed when the plan was made (so a create can tell new from old).
    pub known_ids: BTreeSet<u64>,
    pub declared: usize,
    /// Every safety rule the plan breaks, each a sentence: `apply` refuses such a plan, and
    /// `plan` says so in every format.
    pub refusals: Vec<String>,
    /// Pins the plan, secret and header values included (see [`Plan::compute`]).
    pub checksum: String,
    /// Values of the manifest's `${VAR}`s in targets, with their names (see [`Plan::show`]).
    hidden: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Update {
    pub have: Subscription,
    /// What the subscription becomes: the manifest's entry (for an adoption, with the keys
    /// it kept of the subscription's own secret and headers).
    pub want: Declared,
    pub secret: KeyChanges,
    pub headers: KeyChanges,
    pub computed: Option<(bool, bool)>,
    /// For an adoption: whose it was, and what of it is kept.
    pub adopted: Option<Adopted>,
}

/// A subscription that was not this manifest's, taken over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adopted {
    /// The owner marker it had (another manifest's), or `None`: made by hand or another
    /// tool (Zapier, n8n).
    pub owner: Option<String>,
    /// Its secret keys and headers the manifest does not mention: kept as they are.
    pub kept: Vec<String>,
    /// Whether the entry (`adopt = ...`) or the run (`--adopt`) says to take it over.
    pub allowed: bool,
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
            parts.extend(
                keys.iter()
                    .map(|k| format!("{} {verb}", crate::text::line(k))),
            );
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
    /// Diffs the manifest against the account, checks the result against the safety rules,
    /// and seals it with a checksum.
    ///
    /// The checksum is the SHA-256 of two parts: what the plan shows (actions, ids, targets
    /// as shown, which keys change, refusals), and an HMAC-SHA256 keyed with `key` (the API
    /// key, which both `plan` and `apply` hold and a reader of the plan does not) over what
    /// it does not show: real targets and every secret and header value sent. A value
    /// changed after review changes the checksum; a published checksum cannot be used to
    /// guess a value without the key.
    pub fn compute(
        manifest: &Manifest,
        existing: Vec<Subscription>,
        prune: bool,
        thresholds: &Thresholds,
        key: &[u8],
    ) -> Plan {
        let known_ids = existing.iter().map(|s| s.id).collect();
        let mut by_identity: BTreeMap<Identity, Vec<Subscription>> = BTreeMap::new();
        for sub in existing {
            by_identity.entry(identity_of(&sub)).or_default().push(sub);
        }
        let mut plan = Plan {
            owner: manifest.owner.clone(),
            prune,
            creates: Vec::new(),
            updates: Vec::new(),
            adopts: Vec::new(),
            deletes: Vec::new(),
            unchanged: Vec::new(),
            unmanaged: Vec::new(),
            known_ids,
            declared: manifest.subscriptions.len(),
            refusals: Vec::new(),
            checksum: String::new(),
            hidden: manifest.hidden.clone(),
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
            // Not ours: a subscription made by hand or by another tool (n8n checks its own
            // secret pair on every delivery), or another manifest's. Taking it over keeps
            // every key the manifest does not mention; it is an adoption, said apart, and
            // carried out only when the entry or the run says so.
            let foreign = manifest
                .owner
                .as_deref()
                .is_some_and(|owner| have.owner() != Some(owner));
            if foreign {
                plan.adopts.push(adopt(have, want, thresholds.adopt));
                continue;
            }
            let want = with_kept(want, &have);
            let update = Update {
                secret: KeyChanges::between(&have.secret, &want.secret),
                headers: KeyChanges::between(&have.headers, &want.headers),
                computed: (have.custom_field_computed_values != want.computed)
                    .then_some((have.custom_field_computed_values, want.computed)),
                have,
                want,
                adopted: None,
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
        plan.adopts.sort_by_key(|u| u.have.id);
        plan.deletes.sort_by_key(|d| d.have.id);
        plan.unchanged.sort_by_key(|s| s.id);
        plan.unmanaged.sort_by_key(|s| s.id);
        plan.refusals = plan.check(thresholds);
        plan.checksum = plan.seal(key);
        plan
    }

    /// An account target as this plan shows it (see [`super::show_account_target`]).
    pub fn show(&self, target: &str) -> String {
        super::show_account_target(target, &self.hidden)
    }

    pub fn is_empty(&self) -> bool {
        self.creates.is_empty()
            && self.updates.is_empty()
            && self.adopts.is_empty()
            && self.deletes.is_empty()
    }

    /// How many changes carrying the plan out makes.
    pub fn changes(&self) -> usize {
        self.creates.len() + self.updates.len() + self.adopts.len() + self.deletes.len()
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
    fn check(&self, thresholds: &Thresholds) -> Vec<String> {
        let mut refusals = Vec::new();
        // Not even --force takes over what is not ours: only `adopt` or --adopt.
        let unasked: Vec<String> = self
            .adopts
            .iter()
            .filter(|u| u.adopted.as_ref().is_some_and(|a| !a.allowed))
            .map(|u| {
                format!(
                    "{}.{} {} (id {}, {})",
                    u.have.kind,
                    u.have.event,
                    u.want.shown_target,
                    u.have.id,
                    adopted_from(u.adopted.as_ref())
                )
            })
            .collect();
        if !unasked.is_empty() {
            refusals.push(format!(
                "the manifest matches {} subscription(s) that are not its own: {}; taking one \
                 over keeps its other keys, but say so: adopt = true on the entry, or --adopt",
                unasked.len(),
                unasked.join(", ")
            ));
        }
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

    fn seal(&self, key: &[u8]) -> String {
        let shown = json!({
            "owner": self.owner,
            "prune": self.prune,
            "adopt": self.adopts.iter().map(|u| json!([
                u.have.id, u.secret, u.headers, u.computed, u.adopted.as_ref().map(|a| &a.kept),
            ])).collect::<Vec<_>>(),
            "create": self.creates.iter().map(|d| json!([
                d.kind, d.event, d.shown_target,
                d.secret.keys().collect::<Vec<_>>(), d.headers.keys().collect::<Vec<_>>(), d.computed,
            ])).collect::<Vec<_>>(),
            "update": self.updates.iter().map(|u| json!([
                u.have.id, u.secret, u.headers, u.computed,
            ])).collect::<Vec<_>>(),
            "delete": self.deletes.iter().map(|d| d.have.id).collect::<Vec<_>>(),
            "refusals": self.refusals,
        });
        let hidden = json!({
            "create": self.creates.iter().map(|d| json!([d.target.as_str(), d.secret, d.headers]))
                .collect::<Vec<_>>(),
            "update": self.updates.iter().map(|u| json!([u.have.id, u.request()]))
                .collect::<Vec<_>>(),
            "adopt": self.adopts.iter().map(|u| json!([u.have.id, u.request()]))
                .collect::<Vec<_>>(),
        });
        // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
        let keyed = match Hmac::<Sha256>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(hidden.to_string().as_bytes());
                mac.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        };
        let mut digest = Sha256::new();
        digest.update(shown.to_string().as_bytes());
        digest.update(&keyed);
        crate::text::hex(&digest.finalize()[..8])
    }
}

/// Whose an adopted subscription was, as a plan says it.
pub fn adopted_from(adopted: Option<&Adopted>) -> String {
    match adopted.and_then(|a| a.owner.as_deref()) {
        Some(owner) => format!("owned by '{}'", crate::text::line(owner)),
        None => "made by hand or by another tool".into(),
    }
}

/// The adoption of `have` by the manifest's entry `want`: the subscription keeps every key of
/// its secret and headers that the entry does not mention or remove (`adopt = { remove }`),
/// and gets the entry's own, the owner marker included.
fn adopt(have: Subscription, want: &Declared, run_allows: bool) -> Update {
    let remove = want.adopt.clone().unwrap_or_default();
    let merge = |own: &Pairs, wanted: &Pairs| -> (Pairs, Vec<String>) {
        let mut merged = Pairs::new();
        let mut kept = Vec::new();
        for (key, value) in own {
            if !wanted.contains_key(key) && !remove.contains(key) {
                merged.insert(key.clone(), value.clone());
                kept.push(key.clone());
            }
        }
        merged.extend(wanted.iter().map(|(k, v)| (k.clone(), v.clone())));
        (merged, kept)
    };
    let (mut secret, mut kept) = merge(&have.secret, &want.secret);
    let (headers, kept_headers) = merge(&have.headers, &want.headers);
    kept.extend(kept_headers);
    // The keys kept are named in the subscription itself, so the plans after this one keep
    // them too: the manifest did not mention them, and they are not its to remove.
    kept.retain(|k| k != KEEPS_KEY);
    secret.remove(KEEPS_KEY);
    if !kept.is_empty() {
        secret.insert(KEEPS_KEY.into(), json!(kept).to_string());
    }
    let mut merged = want.clone();
    merged.secret = secret;
    merged.headers = headers;
    Update {
        secret: KeyChanges::between(&have.secret, &merged.secret),
        headers: KeyChanges::between(&have.headers, &merged.headers),
        computed: (have.custom_field_computed_values != want.computed)
            .then_some((have.custom_field_computed_values, want.computed)),
        adopted: Some(Adopted {
            owner: have.owner().map(str::to_string),
            kept,
            allowed: want.adopt.is_some() || run_allows,
        }),
        have,
        want: merged,
    }
}

/// What a subscription of this manifest's should hold: the entry, and the keys it kept
/// when it was adopted (named under [`KEEPS_KEY`]), unless the entry now sets them itself
/// or removes them (`adopt = { remove = [...] }`).
fn with_kept(want: &Declared, have: &Subscription) -> Declared {
    let kept = have.kept_keys();
    if kept.is_empty() {
        return want.clone();
    }
    let remove = want.adopt.clone().unwrap_or_default();
    let mut merged = want.clone();
    let mut still = Vec::new();
    for key in kept {
        if remove.contains(&key) {
            continue;
        }
        let from_secret = have
            .secret
            .get(&key)
            .filter(|_| !want.secret.contains_key(&key));
        let from_headers = have
            .headers
            .get(&key)
            .filter(|_| !want.headers.contains_key(&key));
        if let Some(value) = from_secret {
            merged.secret.insert(key.clone(), value.clone());
            still.push(key);
        } else if let Some(value) = from_headers {
            merged.headers.insert(key.clone(), value.clone());
            still.push(key);
        }
    }
    if !still.is_empty() {
        merged
            .secret
            .insert(KEEPS_KEY.into(), json!(still).to_string());
    }
    merged
}

/// What a plan's checksum is keyed with (see [`Plan::compute`]): the account's API key,
/// and where the plan goes, its API root and user. A checksum reviewed for one destination
/// is refused at any other: moving an account's `api_url` after review changes it.
pub fn checksum_key(api_key: &str, api_url: &str, email: &str) -> Vec<u8> {
    let root = crate::rules::api_root(api_url);
    format!(
        "copper-hooks plan key v2\n{api_key}\n{root}\n{}",
        email.to_ascii_lowercase()
    )
    .into_bytes()
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
    /// `--adopt`: every match that is not the manifest's own may be taken over.
    pub adopt: bool,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            max_delete_percent: 30,
            min_existing: 10,
            force: false,
            adopt: false,
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
        let plan = Plan::compute(&m, existing.clone(), true, &Thresholds::default(), b"k");
        assert_eq!(plan.creates.len(), 1);
        assert_eq!(plan.creates[0].event, Event::Delete);
        // Id 2 has no owner marker: made by hand or by another tool, so it is adopted, not
        // updated, and only when asked.
        assert_eq!(plan.updates.len(), 0);
        assert_eq!(plan.adopts.len(), 1);
        assert_eq!(plan.adopts[0].secret.added, vec![OWNER_KEY.to_string()]);
        let adopted = plan.adopts[0].adopted.as_ref().unwrap();
        assert_eq!((adopted.owner.as_deref(), adopted.allowed), (None, false));
        assert!(
            plan.refusals[0].contains("not its own"),
            "{:?}",
            plan.refusals
        );
        assert_eq!(plan.unchanged.len(), 1);
        let deleted: Vec<u64> = plan.deletes.iter().map(|d| d.have.id).collect();
        assert_eq!(deleted, vec![3, 4]);
        assert_eq!(plan.deletes[0].reason, DeleteReason::Duplicate { kept: 1 });
        assert_eq!(plan.unmanaged.len(), 1);

        let no_prune = Plan::compute(&m, existing, false, &Thresholds::default(), b"k");
        assert_eq!(
            no_prune.deletes.len(),
            1,
            "duplicates go even without prune"
        );
        assert_eq!(no_prune.unmanaged.len(), 2);
        assert_ne!(plan.checksum, no_prune.checksum);
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
        let t = Thresholds {
            max_delete_percent: 30,
            min_existing: 10,
            force: false,
            adopt: false,
        };
        let plan = Plan::compute(&m, existing.clone(), true, &t, b"k");
        assert_eq!(plan.refusals.len(), 2);
        let forced = Plan::compute(&m, existing, true, &Thresholds { force: true, ..t }, b"k");
        assert!(forced.refusals.is_empty());
        assert_ne!(
            plan.checksum, forced.checksum,
            "refusals are part of the checksum"
        );
    }

    fn with_secret(value: &str) -> Manifest {
        manifest(&format!(
            "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"{T}\"\nsecret = {{ token = \"{value}\" }}\n"
        ))
    }

    #[test]
    fn checksum_pins_secret_values_under_the_key() {
        let t = Thresholds::default();
        let sum = |m: &Manifest, key: &[u8]| Plan::compute(m, Vec::new(), false, &t, key).checksum;
        let a = with_secret("first-value");
        let b = with_secret("second-value");
        assert_eq!(sum(&a, b"api-key"), sum(&a, b"api-key"));
        assert_ne!(
            sum(&a, b"api-key"),
            sum(&b, b"api-key"),
            "a changed value shows"
        );
        assert_ne!(
            sum(&a, b"api-key"),
            sum(&a, b"other-key"),
            "the value part is keyed"
        );
        // An update to a value, not only to a key, changes it too.
        let existing = vec![sub(1, EntityType::Lead, Event::New, T, None)];
        let upd = |m: &Manifest| Plan::compute(m, existing.clone(), false, &t, b"k").checksum;
        assert_ne!(upd(&a), upd(&b));
    }

    #[test]
    fn account_targets_match_by_canonical_spelling() {
        let m = manifest(
            "[[subscription]]\ntype = \"lead\"\nevent = \"new\"\ntarget = \"https://dup.example.com\"\n",
        );
        let existing = vec![
            sub(
                1,
                EntityType::Lead,
                Event::New,
                "HTTPS://Dup.Example.com:443/",
                None,
            ),
            sub(
                2,
                EntityType::Lead,
                Event::New,
                "https://dup.example.com/",
                None,
            ),
        ];
        let plan = Plan::compute(&m, existing, true, &Thresholds::default(), b"k");
        assert!(plan.creates.is_empty());
        assert_eq!(plan.unchanged.len(), 1);
        assert_eq!(plan.deletes.len(), 1);
        assert_eq!(plan.deletes[0].reason, DeleteReason::Duplicate { kept: 1 });
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        const TARGETS: [&str; 3] = [
            "https://a.example.com/h",
            "HTTPS://A.example.com:443/h",
            "https://b.example.com/",
        ];

        fn kind() -> impl Strategy<Value = EntityType> {
            prop::sample::select(EntityType::ALL.to_vec())
        }

        fn event() -> impl Strategy<Value = Event> {
            prop::sample::select(Event::ALL.to_vec())
        }

        fn account() -> impl Strategy<Value = Vec<Subscription>> {
            let one = (
                kind(),
                event(),
                prop::sample::select(TARGETS.to_vec()),
                prop::option::of(prop::sample::select(vec!["me", "them"])),
                prop::option::of("[a-z]{1,3}"),
                any::<bool>(),
            );
            prop::collection::vec(one, 0..30).prop_map(|subs| {
                subs.into_iter()
                    .enumerate()
                    .map(|(i, (kind, event, target, owner, token, computed))| {
                        let mut s = sub(i as u64 + 1, kind, event, target, owner);
                        if let Some(token) = token {
                            s.secret.insert("token".into(), token);
                        }
                        s.custom_field_computed_values = computed;
                        s
                    })
                    .collect()
            })
        }

        fn manifest_text() -> impl Strategy<Value = String> {
            let entry = (
                prop::collection::btree_set(kind(), 1..3),
                prop::collection::btree_set(event(), 1..3),
                prop::sample::select(vec!["https://a.example.com/h", "https://b.example.com"]),
                prop::option::of("[a-z]{1,3}"),
                any::<bool>(),
            );
            (
                prop::option::of(Just("me")),
                prop::collection::vec(entry, 0..5),
            )
                .prop_map(|(owner, entries)| {
                    let mut text = String::new();
                    if let Some(owner) = owner {
                        text.push_str(&format!("owner = \"{owner}\"\n"));
                    }
                    for (kinds, events, target, token, computed) in entries {
                        let list = |items: Vec<String>| format!("[{}]", items.join(", "));
                        text.push_str(&format!(
                            "[[subscription]]\ntype = {}\nevent = {}\ntarget = \"{target}\"\ncustom_field_computed_values = {computed}\n",
                            list(kinds.iter().map(|k| format!("\"{k}\"")).collect()),
                            list(events.iter().map(|e| format!("\"{e}\"")).collect()),
                        ));
                        if let Some(token) = token {
                            text.push_str(&format!("secret = {{ token = \"{token}\" }}\n"));
                        }
                    }
                    text
                })
        }

        /// What Copper would hold after the plan's calls, as the emulator does them.
        fn carry_out(plan: &Plan, mut account: Vec<Subscription>) -> Vec<Subscription> {
            let mut next = account.iter().map(|s| s.id).max().unwrap_or(0) + 1;
            account.retain(|s| !plan.deletes.iter().any(|d| d.have.id == s.id));
            for u in plan.updates.iter().chain(&plan.adopts) {
                let change = u.request();
                if let Some(s) = account.iter_mut().find(|s| s.id == u.have.id) {
                    if let Some(secret) = change.secret {
                        s.secret = secret;
                    }
                    if let Some(headers) = change.headers {
                        s.headers = headers;
                    }
                    if let Some(computed) = change.custom_field_computed_values {
                        s.custom_field_computed_values = computed;
                    }
                }
            }
            for d in &plan.creates {
                let new = NewSubscription::from(d);
                account.push(Subscription {
                    id: next,
                    target: new.target,
                    kind: new.kind,
                    event: new.event,
                    secret: new.secret,
                    headers: new.headers,
                    custom_field_computed_values: new.custom_field_computed_values,
                    created_at: Some(next as i64),
                });
                next += 1;
            }
            account
        }

        proptest! {
            #[test]
            fn any_plan_applied_converges_and_then_plans_clean(
                text in manifest_text(),
                account in account(),
                prune in any::<bool>(),
            ) {
                let Ok(m) = crate::manifest::parse(&text, "m", &|_| None, crate::manifest::EnvMode::Require) else {
                    // Two entries may declare one identity: a manifest error, not a plan.
                    return Ok(());
                };
                let forced = Thresholds { force: true, adopt: true, ..Thresholds::default() };
                let plan = Plan::compute(&m, account.clone(), prune, &forced, b"k");
                let after = carry_out(&plan, account);
                let again = Plan::compute(&m, after.clone(), prune, &forced, b"k");
                prop_assert!(again.is_empty(), "not converged: {:?}", again);
                // Every declared subscription exists exactly once.
                for d in &m.subscriptions {
                    let copies = after.iter().filter(|s| crate::manifest::identity_of(s) == d.identity()).count();
                    prop_assert_eq!(copies, 1);
                }
                // Nothing undeclared was deleted unless pruning asked for it.
                if !prune {
                    let only_duplicates = plan
                        .deletes
                        .iter()
                        .all(|d| matches!(d.reason, DeleteReason::Duplicate { .. }));
                    prop_assert!(only_duplicates);
                }
            }
        }
    }
}
