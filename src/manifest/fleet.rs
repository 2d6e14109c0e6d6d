//! A fleet's plan: one manifest planned in every account of an accounts file. The summary
//! (one row per account), the fleet-wide safety rule, the fleet's checksum, and how it is
//! shown: for people, for scripts (JSON, one entry per account) and for pull requests
//! (Markdown, one section per account, cut to fit one comment).

use serde_json::{json, Value};
use sha2::Digest;

use super::plan::Plan;
use super::render::{self, About};
use crate::text;

/// One account's part of a fleet's plan.
#[derive(Debug)]
pub struct Entry {
    /// The account's name in the accounts file.
    pub name: String,
    pub about: About,
    /// The plan, or why there is none (the account could not be listed); the text is shown
    /// escaped.
    pub plan: Result<Plan, String>,
    /// After an apply: what came of it, and how it exited.
    pub result: Option<(String, crate::error::Exit)>,
}

impl Entry {
    /// The result column: what apply did, or what the plan says.
    pub fn result(&self) -> String {
        if let Some((result, _)) = &self.result {
            return result.clone();
        }
        match &self.plan {
            Err(err) => format!("failed: {err}"),
            Ok(plan) if !plan.refusals.is_empty() => "refused".into(),
            Ok(plan) if plan.is_empty() => "in sync".into(),
            Ok(_) => "changes pending".into(),
        }
    }
}

impl Entry {
    /// How the account came out: its result's exit code, or an error when nothing has
    /// decided one yet (it was never carried to a result).
    pub fn exit(&self) -> crate::error::Exit {
        self.result
            .as_ref()
            .map_or(crate::error::Exit::Error, |(_, exit)| *exit)
    }

    /// The result in a word, for the summary table (the whole result is in the JSON, and
    /// the reason of a failure is said where it happened), so the table fits 80 columns.
    pub fn status(&self) -> String {
        let result = self.result();
        let word = result.split(':').next().unwrap_or_default();
        if word.starts_with("interrupted") {
            "interrupted".into()
        } else {
            word.to_string()
        }
    }
}

/// Every account's plan, with what the fleet as a whole is refused for.
#[derive(Debug)]
pub struct FleetPlan {
    pub manifest: String,
    pub accounts_file: String,
    pub entries: Vec<Entry>,
    /// Accounts left out with `--skip-unresolved`, and why.
    pub skipped: Vec<(String, String)>,
    /// Fleet-wide refusals (the share of accounts deleting at once).
    pub refusals: Vec<String>,
    pub checksum: String,
}

/// The fleet-wide delete rule: with at least this many accounts chosen, a plan that deletes
/// in more than the set share of them at once is refused unless forced.
pub const FLEET_RULE_FROM: usize = 4;

impl FleetPlan {
    pub fn new(
        manifest: String,
        accounts_file: String,
        entries: Vec<Entry>,
        skipped: Vec<(String, String)>,
        max_delete_accounts_percent: u32,
        force: bool,
    ) -> FleetPlan {
        let mut fleet = FleetPlan {
            manifest,
            accounts_file,
            entries,
            skipped,
            refusals: Vec::new(),
            checksum: String::new(),
        };
        // The share is of the accounts that were planned: an account that could not be
        // planned (or was skipped) dilutes nothing, so adding broken accounts to a pull
        // request cannot bring a mass delete under the rule. (One account listed twice is
        // refused before planning.) Whether the rule applies at all goes by how many were
        // chosen.
        let chosen = fleet.entries.len() + fleet.skipped.len();
        let planned = fleet.entries.iter().filter(|e| e.plan.is_ok()).count();
        let deleting = fleet
            .entries
            .iter()
            .filter(|e| e.plan.as_ref().is_ok_and(|p| !p.deletes.is_empty()))
            .count();
        if !force
            && chosen >= FLEET_RULE_FROM
            && deleting * 100 > planned * max_delete_accounts_percent as usize
        {
            fleet.refusals.push(format!(
                "the plan deletes subscriptions in {deleting} of the {planned} accounts planned \
                 at once, more than --max-delete-accounts-percent {max_delete_accounts_percent}; \
                 check the manifest, apply fewer accounts with --account, or pass --force"
            ));
        }
        fleet.checksum = fleet.seal();
        fleet
    }

    /// The SHA-256 of every account's name and plan checksum (each keyed with that
    /// account's own API key, see [`Plan::compute`]) and of the fleet's refusals, in name
    /// order: any account's plan changing changes it.
    fn seal(&self) -> String {
        let mut lines: Vec<String> = self
            .entries
            .iter()
            .map(|e| match &e.plan {
                Ok(plan) => format!("{}\t{}", e.name, plan.checksum),
                Err(_) => format!("{}\tunplanned", e.name),
            })
            .collect();
        lines.sort();
        let mut hash = sha2::Sha256::new();
        hash.update(b"copper-hooks fleet plan v1\n");
        for line in lines.iter().chain(self.refusals.iter()) {
            hash.update(line.as_bytes());
            hash.update(b"\n");
        }
        // As long as an account plan's checksum: 64 bits, easy to paste, hard to collide.
        text::hex(&hash.finalize()[..8])
    }

    fn count(&self, pick: impl Fn(&Plan) -> usize) -> usize {
        self.entries
            .iter()
            .filter_map(|e| e.plan.as_ref().ok())
            .map(pick)
            .sum()
    }

    pub fn summary(&self) -> String {
        let changing = self
            .entries
            .iter()
            .filter(|e| e.plan.as_ref().is_ok_and(|p| !p.is_empty()))
            .count();
        let failed = self.entries.iter().filter(|e| e.plan.is_err()).count();
        let adopt = match self.count(|p| p.adopts.len()) {
            0 => String::new(),
            n => format!("{n} to adopt, "),
        };
        let mut line = format!(
            "Fleet plan: {}, {changing} with changes: {} to create, {} to update, {adopt}{} \
             to delete, {} unchanged.",
            text::count(self.entries.len(), "account"),
            self.count(|p| p.creates.len()),
            self.count(|p| p.updates.len()),
            self.count(|p| p.deletes.len()),
            self.count(|p| p.unchanged.len()),
        );
        if failed > 0 {
            line.push_str(&format!(" {failed} could not be planned."));
        }
        if !self.skipped.is_empty() {
            line.push_str(&format!(" {} skipped.", self.skipped.len()));
        }
        line
    }

    /// Rows of the summary table: account, the five counts, refusals, result.
    fn rows(&self) -> Vec<[String; 8]> {
        let mut rows = Vec::new();
        for e in &self.entries {
            let counts = match &e.plan {
                Ok(p) => [
                    p.creates.len().to_string(),
                    p.updates.len().to_string(),
                    p.adopts.len().to_string(),
                    p.deletes.len().to_string(),
                    p.unchanged.len().to_string(),
                    p.refusals.len().to_string(),
                ],
                Err(_) => ["-", "-", "-", "-", "-", "-"].map(String::from),
            };
            let [c, u, a, d, n, r] = counts;
            rows.push([e.name.clone(), c, u, a, d, n, r, e.status()]);
        }
        for (name, _) in &self.skipped {
            let dash = || "-".to_string();
            rows.push([
                name.clone(),
                dash(),
                dash(),
                dash(),
                dash(),
                dash(),
                dash(),
                "skipped".into(),
            ]);
        }
        rows
    }

    /// The summary table, columns apart by spaces as `list` prints them.
    pub fn table(&self) -> String {
        const HEADER: [&str; 8] = [
            "ACCOUNT",
            "CREATE",
            "UPDATE",
            "ADOPT",
            "DELETE",
            "UNCHANGED",
            "REFUSED",
            "RESULT",
        ];
        crate::output::columns(&HEADER, &self.rows())
    }

    /// For people: the summary table first, then each account's plan.
    pub fn human(&self, colour: bool) -> String {
        let mut out = vec![
            format!(
                "Fleet plan for {} in {} of {}",
                text::line(&self.manifest),
                text::count(self.entries.len(), "account"),
                text::line(&self.accounts_file)
            ),
            String::new(),
            self.table(),
            String::new(),
        ];
        for refusal in &self.refusals {
            out.push(format!(
                "Refused for the whole fleet: {}",
                text::line(refusal)
            ));
            out.push(String::new());
        }
        for e in &self.entries {
            out.push(format!("== {} ==", e.name));
            match &e.plan {
                Ok(plan) => out.push(render::human(plan, &e.about, colour)),
                Err(err) => out.push(format!("could not be planned: {}", text::line(err))),
            }
            out.push(String::new());
        }
        out.push(self.summary());
        out.push(format!("Fleet checksum: {}", self.checksum));
        out.join("\n")
    }

    /// `-q`: the summary line, the table, and the checksum.
    pub fn quiet(&self) -> String {
        format!(
            "{}\n{}\nFleet checksum: {}",
            self.summary(),
            self.table(),
            self.checksum
        )
    }

    /// For scripts: one entry per account, each with its own plan and checksum.
    pub fn json(&self) -> Value {
        let accounts: Vec<Value> = self
            .entries
            .iter()
            .map(|e| {
                let mut entry =
                    json!({"name": e.name, "account": e.about.account, "result": e.result()});
                match &e.plan {
                    Ok(plan) => entry["plan"] = render::json(plan, &e.about),
                    Err(err) => entry["error"] = json!(err),
                }
                entry
            })
            .collect();
        json!({
            "version": render::JSON_VERSION,
            "manifest": self.manifest,
            "accounts_file": self.accounts_file,
            "checksum": self.checksum,
            // As in one account's plan: nothing to do anywhere (and nothing unknown).
            "in_sync": self.refusals.is_empty() && self.entries.iter().all(|e| e.plan.as_ref().is_ok_and(|p| p.is_empty() && p.refusals.is_empty())),
            "refusals": self.refusals,
            "summary": {
                "accounts": self.entries.len(),
                "create": self.count(|p| p.creates.len()),
                "update": self.count(|p| p.updates.len()),
                "adopt": self.count(|p| p.adopts.len()),
                "delete": self.count(|p| p.deletes.len()),
                "unchanged": self.count(|p| p.unchanged.len()),
                "unplanned": self.entries.iter().filter(|e| e.plan.is_err()).count(),
            },
            "accounts": accounts,
            "skipped": self.skipped.iter().map(|(name, why)| json!({"name": name, "reason": why})).collect::<Vec<_>>(),
        })
    }

    /// For a pull request: a summary table, then one section per account, cut so the whole
    /// stays under `limit` characters (GitHub allows 65,536 in a comment). What was cut is
    /// said, and the checksum is always the last line.
    pub fn markdown(&self, limit: usize) -> String {
        let md = text::markdown;
        let mut head = vec![
            marker(self),
            format!(
                "### copper-hooks fleet plan for {} in {}",
                md(&self.manifest),
                text::count(self.entries.len(), "account")
            ),
            String::new(),
            "| account | create | update | adopt | delete | unchanged | refused | result |".into(),
            "|---|---|---|---|---|---|---|---|".into(),
        ];
        // Accounts in sync are counted, not listed; the rest are listed as far as they fit
        // in half the comment, so there is room left for their plans.
        let in_sync = self
            .entries
            .iter()
            .filter(|e| {
                e.result.is_none()
                    && e.plan
                        .as_ref()
                        .is_ok_and(|p| p.is_empty() && p.refusals.is_empty())
            })
            .count();
        let rows: Vec<[String; 8]> = self
            .rows()
            .into_iter()
            .filter(|r| r[7] != "in sync")
            .collect();
        let mut used: usize = head.iter().map(|l| l.len() + 1).sum();
        let mut unlisted = 0;
        for row in &rows {
            let line = format!(
                "| {} |",
                row.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")
            );
            if unlisted == 0 && used + line.len() < limit / 2 {
                used += line.len() + 1;
                head.push(line);
            } else {
                unlisted += 1;
            }
        }
        if unlisted > 0 {
            head.push(format!(
                "| … | | | | | | | {unlisted} more account(s) with changes: see `plan -o json` |"
            ));
        }
        if in_sync > 0 {
            head.push(String::new());
            head.push(format!("{in_sync} account(s) in sync with the manifest."));
        }
        for refusal in &self.refusals {
            head.push(String::new());
            head.push(format!(
                "**⛔ Refused for the whole fleet:** {}",
                md(refusal)
            ));
        }
        head.push(String::new());
        let tail = format!(
            "\n**{}**\n\nChecksum: `{}`",
            md(&self.summary()),
            self.checksum
        );
        let mut out = head.join("\n");
        let mut left_out: Vec<&str> = Vec::new();
        for e in &self.entries {
            let section = match &e.plan {
                Ok(plan) if plan.is_empty() && plan.refusals.is_empty() => continue,
                Ok(plan) => {
                    let body = render::markdown(plan, &e.about);
                    // The account's own marker and heading give way to one of the fleet's,
                    // and its checksum is named as the account's: the one line that starts
                    // with `Checksum:` is the fleet's, last (what `apply` is given).
                    let body: Vec<String> = body
                        .lines()
                        .skip(2)
                        .map(|l| match l.strip_prefix("Checksum: ") {
                            Some(sum) => format!(
                                "Account checksum: {sum} (a partial apply takes `--expect-checksum {}={}`)",
                                md(&e.name),
                                sum.trim_matches('`')
                            ),
                            None => l.to_string(),
                        })
                        .collect();
                    format!(
                        "\n<details><summary>{}</summary>\n{}\n</details>\n",
                        md(&e.name),
                        body.join("\n")
                    )
                }
                Err(err) => format!("\n**{}**: could not be planned: {}\n", md(&e.name), md(err)),
            };
            // Room is kept for the note on what was left out: 30 names of at most 64.
            const NOTE: usize = 300 + 30 * 66;
            if left_out.is_empty() && out.len() + section.len() + tail.len() + NOTE <= limit {
                out.push_str(&section);
            } else {
                left_out.push(&e.name);
            }
        }
        if !left_out.is_empty() {
            out.push_str(&format!(
                "\n{} account plan(s) are left out to fit one comment ({} characters at most): {}. \
                 The table above counts them; `plan -o json` has them whole.\n",
                left_out.len(),
                limit,
                md(&shorten(&left_out))
            ));
        }
        out.push_str(&tail);
        out
    }
}

/// The names of the accounts cut from a comment, shortened when there are many.
fn shorten(names: &[&str]) -> String {
    const SHOWN: usize = 30;
    let mut text = names[..names.len().min(SHOWN)].join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

/// The hidden first line of a fleet's Markdown plan, so the comment can be found again and
/// updated in place: digests only. The accounts part covers which accounts were chosen, so
/// the shards of one accounts file (`--shard`, `--account`) each keep a comment of their own
/// instead of overwriting one another's.
pub fn marker(fleet: &FleetPlan) -> String {
    let digest = render::marker_digest;
    let mut names: Vec<&str> = fleet
        .entries
        .iter()
        .map(|e| e.name.as_str())
        .chain(fleet.skipped.iter().map(|(n, _)| n.as_str()))
        .collect();
    names.sort_unstable();
    format!(
        "<!-- copper-hooks plan manifest={} accounts={} -->",
        digest(&render::marker_path(&fleet.manifest)),
        digest(&format!("{}\n{}", fleet.accounts_file, names.join("\n")))
    )
}

/// GitHub's limit for one comment's body.
pub const COMMENT_LIMIT: usize = 65_536;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::plan::Thresholds;

    fn fleet(accounts: usize, force: bool, existing: Vec<crate::data::Subscription>) -> FleetPlan {
        let text = r#"
[[subscription]]
type = ["person", "company", "lead"]
event = ["new", "update"]
target = "https://hooks.example.com/x"
"#;
        let manifest =
            crate::manifest::parse(text, "m.toml", &|_| None, crate::manifest::EnvMode::Require)
                .expect("manifest");
        let thresholds = Thresholds {
            max_delete_percent: 100,
            min_existing: 0,
            force: false,
            adopt: false,
        };
        let entries = (0..accounts)
            .map(|i| Entry {
                name: format!("tenant-{i:04}"),
                about: About {
                    manifest: "m.toml".into(),
                    account: format!("tenant-{i:04}"),
                },
                plan: Ok(Plan::compute(
                    &manifest,
                    existing.clone(),
                    true,
                    &thresholds,
                    b"k",
                )),
                result: None,
            })
            .collect();
        FleetPlan::new(
            "m.toml".into(),
            "a.toml".into(),
            entries,
            Vec::new(),
            25,
            force,
        )
    }

    #[test]
    fn a_plan_too_big_for_one_comment_says_how_it_was_cut() {
        let fleet = fleet(200, false, Vec::new());
        let md = fleet.markdown(8_000);
        assert!(md.len() <= 8_000, "{}", md.len());
        assert!(
            md.contains("account plan(s) are left out to fit one comment"),
            "{md}"
        );
        assert!(
            md.contains("more account(s) with changes: see `plan -o json`"),
            "{md}"
        );
        assert!(md.ends_with(&format!("Checksum: `{}`", fleet.checksum)));
        let whole = fleet.markdown(COMMENT_LIMIT * 100);
        assert!(!whole.contains("left out"));
        assert_eq!(
            whole
                .lines()
                .filter(|l| l.starts_with("Checksum: "))
                .count(),
            1,
            "one checksum line, the fleet's: the action reads the first"
        );
        assert!(whole.contains("Account checksum: `"));
    }

    #[test]
    fn each_choice_of_accounts_has_a_comment_of_its_own() {
        let all = fleet(4, false, Vec::new());
        let mut shard = fleet(4, false, Vec::new());
        shard.entries.truncate(2);
        assert_ne!(marker(&all), marker(&shard));
        assert_eq!(marker(&all), marker(&fleet(4, false, Vec::new())));
    }

    #[test]
    fn the_checksum_covers_every_account() {
        let a = fleet(3, false, Vec::new());
        let mut b = fleet(3, false, Vec::new());
        assert_eq!(a.checksum, b.checksum);
        b.entries[2].name = "other".into();
        assert_ne!(a.checksum, b.seal());
    }

    #[test]
    fn deleting_in_most_accounts_at_once_is_refused_unless_forced() {
        let old = crate::data::Subscription {
            id: 1,
            target: "https://old.example.com/x".into(),
            kind: crate::rules::EntityType::Task,
            event: crate::rules::Event::New,
            secret: Default::default(),
            headers: Default::default(),
            custom_field_computed_values: false,
            created_at: None,
        };
        assert_eq!(fleet(4, false, vec![old.clone()]).refusals.len(), 1);
        assert!(fleet(4, true, vec![old.clone()]).refusals.is_empty());
        assert!(
            fleet(3, false, vec![old]).refusals.is_empty(),
            "below the fleet size the rule starts at"
        );
    }
}
