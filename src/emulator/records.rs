//! The emulated accounts' records, and Copper's search over them: what `reconcile` reads to
//! catch up deliveries that never arrived.
//!
//! An event told to the emulator (`POST /_emulator/events`) creates (`new`), changes
//! (`update`) or deletes (`delete`) its records, at the event's `at` (Unix seconds) or now.
//! `POST /{people,leads,companies,opportunities,projects,tasks}/search` answers as Copper
//! does: a bare JSON array of records; `page_size` (default 20, at most 200) and
//! `page_number` (from 1); `sort_by` and `sort_direction`; `minimum_`/`maximum_` `modified_`
//! and `created_date` in Unix seconds, inclusive; parameters it does not know are ignored
//! (a misspelt one filters nothing, silently, as on Copper); and no query reaches past its
//! first 100,000 records (`--search-cap` makes that smaller for tests), however it is paged.
//! Deleted records are gone from search.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::delivery::Changes;
use crate::rules::{EntityType, Event};

/// The most records one account holds: a bound on what a caller can make it keep.
pub const MAX_RECORDS: usize = 1_000_000;
/// The records a query reaches at most, on Copper.
pub const SEARCH_CAP: usize = 100_000;
/// Copper's page size when none is given, and its largest.
const DEFAULT_PAGE: u64 = 20;
const MAX_PAGE: u64 = 200;

#[derive(Debug, Clone)]
struct Record {
    date_created: i64,
    date_modified: i64,
    fields: Map<String, Value>,
}

/// One account's records, by type and id.
#[derive(Debug, Default, Clone)]
pub struct Records {
    by_kind: BTreeMap<&'static str, BTreeMap<u64, Record>>,
    count: usize,
}

/// The search path of each type, as Copper names it; activities are searched by their
/// activity date only, never by when they changed, so they have none here.
pub fn search_path(kind: EntityType) -> Option<&'static str> {
    match kind {
        EntityType::Lead => Some("leads"),
        EntityType::Person => Some("people"),
        EntityType::Company => Some("companies"),
        EntityType::Opportunity => Some("opportunities"),
        EntityType::Project => Some("projects"),
        EntityType::Task => Some("tasks"),
        EntityType::ActivityLog => None,
    }
}

impl Records {
    /// What an event does to the records: `new` makes them (or, for ids already there,
    /// changes them), `update` changes them (making any not there), `delete` removes them.
    pub fn apply(
        &mut self,
        kind: EntityType,
        event: Event,
        ids: &[u64],
        changes: &Changes,
        at: i64,
    ) -> Result<(), String> {
        let records = self.by_kind.entry(kind.as_str()).or_default();
        if event == Event::Delete {
            for id in ids {
                if records.remove(id).is_some() {
                    self.count -= 1;
                }
            }
            return Ok(());
        }
        let new = ids.iter().filter(|id| !records.contains_key(id)).count();
        if self.count + new > MAX_RECORDS {
            return Err(format!(
                "the emulator holds at most {MAX_RECORDS} records per account"
            ));
        }
        for &id in ids {
            let record = records.entry(id).or_insert_with(|| {
                self.count += 1;
                let mut fields = Map::new();
                fields.insert("name".into(), json!(format!("{} {id}", kind.as_str())));
                Record {
                    date_created: at,
                    date_modified: at,
                    fields,
                }
            });
            record.date_modified = at;
            for (field, (_, new)) in &changes.fields {
                if !["id", "date_created", "date_modified"].contains(&field.as_str()) {
                    record.fields.insert(field.clone(), new.clone());
                }
            }
        }
        Ok(())
    }

    /// One page of a search, or Copper's error (status, message) for a query it refuses.
    pub fn search(
        &self,
        kind: EntityType,
        query: &Map<String, Value>,
        cap: usize,
    ) -> Result<Vec<Value>, (u16, String)> {
        let invalid = |what: &str| (422, format!("Invalid input: {what}"));
        let whole = |name: &str, default: u64, most: u64| -> Result<u64, (u16, String)> {
            match query.get(name) {
                None | Some(Value::Null) => Ok(default),
                Some(v) => v
                    .as_u64()
                    .filter(|n| (1..=most).contains(n))
                    .ok_or_else(|| {
                        invalid(&format!("{name} must be a whole number from 1 to {most}"))
                    }),
            }
        };
        let page_size = whole("page_size", DEFAULT_PAGE, MAX_PAGE)?;
        let page_number = whole("page_number", 1, u64::MAX)?;
        let date = |name: &str| -> Result<Option<i64>, (u16, String)> {
            match query.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v
                    .as_f64()
                    .map(|f| Some(f.floor() as i64))
                    .ok_or_else(|| invalid(&format!("{name} must be a Unix time in seconds"))),
            }
        };
        let (min_mod, max_mod) = (
            date("minimum_modified_date")?,
            date("maximum_modified_date")?,
        );
        let (min_new, max_new) = (date("minimum_created_date")?, date("maximum_created_date")?);
        let sort_by = match query.get("sort_by") {
            None | Some(Value::Null) => "name",
            Some(Value::String(s))
                if ["name", "date_modified", "date_created", "id"].contains(&s.as_str()) =>
            {
                s.as_str()
            }
            Some(_) => return Err(invalid("sort_by is not a field that can be sorted by")),
        };
        let descending = match query.get("sort_direction") {
            None | Some(Value::Null) => false,
            Some(Value::String(s)) if s == "asc" => false,
            Some(Value::String(s)) if s == "desc" => true,
            Some(_) => return Err(invalid("sort_direction must be asc or desc")),
        };
        let within = |at: i64, min: Option<i64>, max: Option<i64>| {
            min.is_none_or(|m| at >= m) && max.is_none_or(|m| at <= m)
        };
        let Some(records) = self.by_kind.get(kind.as_str()) else {
            return Ok(Vec::new());
        };
        let mut found: Vec<(&u64, &Record)> = records
            .iter()
            .filter(|(_, r)| {
                within(r.date_modified, min_mod, max_mod)
                    && within(r.date_created, min_new, max_new)
            })
            .collect();
        let name = |r: &Record| {
            r.fields
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        found.sort_by(|(a_id, a), (b_id, b)| {
            let order = match sort_by {
                "date_modified" => a.date_modified.cmp(&b.date_modified),
                "date_created" => a.date_created.cmp(&b.date_created),
                "id" => a_id.cmp(b_id),
                _ => name(a).cmp(&name(b)),
            };
            let order = if descending { order.reverse() } else { order };
            order.then(a_id.cmp(b_id))
        });
        found.truncate(cap);
        let start = (page_number - 1).saturating_mul(page_size);
        Ok(found
            .into_iter()
            .skip(usize::try_from(start).unwrap_or(usize::MAX))
            .take(page_size as usize)
            .map(|(id, r)| {
                let mut record = Map::new();
                record.insert("id".into(), json!(id));
                record.extend(r.fields.clone());
                record.insert("date_created".into(), json!(r.date_created));
                record.insert("date_modified".into(), json!(r.date_modified));
                Value::Object(record)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    fn ids(found: &[Value]) -> Vec<u64> {
        found.iter().filter_map(|r| r["id"].as_u64()).collect()
    }

    #[test]
    fn search_filters_sorts_pages_and_caps() {
        let mut r = Records::default();
        for (i, at) in [(1u64, 100i64), (2, 300), (3, 200), (4, 400)] {
            r.apply(
                EntityType::Person,
                Event::New,
                &[i],
                &Changes::default(),
                at,
            )
            .expect("apply");
        }
        r.apply(
            EntityType::Person,
            Event::Delete,
            &[4],
            &Changes::default(),
            500,
        )
        .expect("delete");
        let q = json!({"sort_by": "date_modified", "sort_direction": "asc",
                       "minimum_modified_date": 150, "page_size": 200});
        assert_eq!(
            ids(&r
                .search(EntityType::Person, &query(q), SEARCH_CAP)
                .expect("ok")),
            [3, 2]
        );
        // Paged, and capped: the third record is past a cap of 2 whatever the page.
        let page = |n: u64, cap| {
            let q = json!({"sort_by": "date_modified", "page_size": 1, "page_number": n});
            ids(&r.search(EntityType::Person, &query(q), cap).expect("ok"))
        };
        assert_eq!(
            (page(1, 9), page(2, 9), page(3, 9)),
            (vec![1], vec![3], vec![2])
        );
        assert!(page(3, 2).is_empty());
        // A misspelt filter is ignored; seconds given as milliseconds find nothing.
        let wrong = json!({"minimum_date_modified": 250, "page_size": 200});
        assert_eq!(
            r.search(EntityType::Person, &query(wrong), SEARCH_CAP)
                .expect("ok")
                .len(),
            3
        );
        let ms = json!({"minimum_modified_date": 150_000, "page_size": 200});
        assert!(r
            .search(EntityType::Person, &query(ms), SEARCH_CAP)
            .expect("ok")
            .is_empty());
    }

    #[test]
    fn a_bad_page_size_is_copper_s_422() {
        let r = Records::default();
        for bad in [
            json!({"page_size": 201}),
            json!({"page_size": 0}),
            json!({"page_size": "x"}),
        ] {
            let err = r
                .search(EntityType::Lead, &query(bad), SEARCH_CAP)
                .expect_err("refused");
            assert_eq!(err.0, 422);
            assert!(err.1.contains("page_size"));
        }
    }

    #[test]
    fn updates_change_fields_and_the_modified_date_only() {
        let mut r = Records::default();
        r.apply(
            EntityType::Company,
            Event::New,
            &[7],
            &Changes::default(),
            10,
        )
        .expect("new");
        let mut changes = Changes::default();
        changes
            .fields
            .insert("name".into(), (json!("a"), json!("Initech")));
        r.apply(EntityType::Company, Event::Update, &[7], &changes, 20)
            .expect("update");
        let found = r
            .search(EntityType::Company, &Map::new(), SEARCH_CAP)
            .expect("ok");
        assert_eq!(found[0]["name"], "Initech");
        assert_eq!(
            (
                found[0]["date_created"].as_i64(),
                found[0]["date_modified"].as_i64()
            ),
            (Some(10), Some(20))
        );
    }
}
