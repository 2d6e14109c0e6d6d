//! A plan for people (Terraform-like `+`/`~`/`-` lines), for scripts (versioned JSON) and
//! for pull requests (Markdown). None of them carries a secret or header value, or the value
//! of a `${VAR}` in a target; text from data is escaped for the terminal or for Markdown.

use serde_json::{json, Value};

use super::plan::{Plan, Update};
use crate::data::Subscription;
use crate::output::paint;
use crate::text;

/// Version of the JSON document; bumped on any change a script could notice.
pub const JSON_VERSION: u32 = 1;

/// What a plan is of: the manifest it was read from and the account it was diffed against,
/// as they may be shown (the account by profile, user or "the sandbox"; never the key).
#[derive(Debug, Clone)]
pub struct About {
    pub manifest: String,
    pub account: String,
}

fn label(kind: impl std::fmt::Display, event: impl std::fmt::Display) -> String {
    format!("{kind}.{event}")
}

fn update_details(u: &Update) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(adopted) = &u.adopted {
        let kept = if adopted.kept.is_empty() {
            String::new()
        } else {
            let keys: Vec<String> = adopted
                .kept
                .iter()
                .map(|k| text::line(k).into_owned())
                .collect();
            format!("; keeps {}", keys.join(", "))
        };
        lines.push(format!(
            "not this manifest's: {}{kept}{}",
            super::plan::adopted_from(Some(adopted)),
            if adopted.allowed {
                ""
            } else {
                " (not asked to adopt: refused)"
            }
        ));
    }
    if !u.secret.is_empty() {
        lines.push(format!("secret: {}", u.secret.describe()));
    }
    if !u.headers.is_empty() {
        lines.push(format!("headers: {}", u.headers.describe()));
    }
    if let Some((old, new)) = u.computed {
        lines.push(format!("custom_field_computed_values: {old} -> {new}"));
    }
    lines
}

pub fn summary(plan: &Plan) -> String {
    let adopt = match plan.adopts.len() {
        0 => String::new(),
        n => format!("{n} to adopt, "),
    };
    format!(
        "Plan: {} to create, {} to update, {adopt}{} to delete, {} unchanged.",
        plan.creates.len(),
        plan.updates.len(),
        plan.deletes.len(),
        plan.unchanged.len()
    )
}

fn owner_scope(plan: &Plan) -> String {
    let owner = plan.owner.as_deref().map(text::line);
    match (owner, plan.prune) {
        (Some(owner), true) => format!("prune: subscriptions owned by '{owner}'"),
        (None, true) => "prune: the whole account (the manifest sets no owner)".to_string(),
        (Some(owner), false) => format!("owner '{owner}', no prune"),
        (None, false) => "no prune".to_string(),
    }
}

/// The one-line summary `-q` keeps, with the account and the checksum a reviewer needs.
pub fn quiet(plan: &Plan, about: &About) -> String {
    format!(
        "{} ({})\nChecksum: {}",
        summary(plan),
        text::line(&about.account),
        plan.checksum
    )
}

pub fn human(plan: &Plan, about: &About, colour: bool) -> String {
    let mut out = Vec::new();
    let scope = owner_scope(plan);
    out.push(format!(
        "Plan for {} on {} ({scope})",
        text::line(&about.manifest),
        text::line(&about.account)
    ));
    out.push(String::new());
    let width = 22;
    for d in &plan.creates {
        out.push(paint(
            &format!(
                "  + create  {:width$} {}",
                label(d.kind, d.event),
                d.shown_target
            ),
            "32",
            colour,
        ));
    }
    for (u, sign, verb) in plan
        .updates
        .iter()
        .map(|u| (u, "~", "update"))
        .chain(plan.adopts.iter().map(|u| (u, "&", "adopt ")))
    {
        out.push(paint(
            &format!(
                "  {sign} {verb}  {:width$} {} (id {})",
                label(u.have.kind, u.have.event),
                u.want.shown_target,
                u.have.id
            ),
            "33",
            colour,
        ));
        for line in update_details(u) {
            out.push(format!("              {}", text::line(&line)));
        }
    }
    for d in &plan.deletes {
        out.push(paint(
            &format!(
                "  - delete  {:width$} {} (id {}): {}",
                label(d.have.kind, d.have.event),
                plan.show(&d.have.target),
                d.have.id,
                text::line(&d.reason.describe(plan.owner.as_deref()))
            ),
            "31",
            colour,
        ));
    }
    if plan.is_empty() {
        out.push("  No changes: the account matches the manifest.".into());
    }
    if !plan.unmanaged.is_empty() {
        out.push(String::new());
        out.push(if plan.prune {
            "Not managed by this manifest (other owners; left alone):".into()
        } else {
            "Not in the manifest (left alone; --prune would consider them):".into()
        });
        for s in &plan.unmanaged {
            out.push(format!(
                "    {:width$} {} (id {}){}",
                label(s.kind, s.event),
                plan.show(&s.target),
                s.id,
                owner_note(s)
            ));
        }
    }
    if !plan.refusals.is_empty() {
        out.push(String::new());
        out.push(paint(
            "Apply would refuse this plan (nothing would be changed):",
            "31",
            colour,
        ));
        for refusal in &plan.refusals {
            out.push(format!("  ! {}", text::line(refusal)));
        }
    }
    out.push(String::new());
    out.push(summary(plan));
    out.push(format!("Checksum: {}", plan.checksum));
    out.join("\n")
}

fn owner_note(s: &Subscription) -> String {
    s.owner()
        .map(|o| format!(", owner '{}'", text::line(o)))
        .unwrap_or_default()
}

fn brief(plan: &Plan, s: &Subscription) -> Value {
    json!({"id": s.id, "type": s.kind, "event": s.event, "target": plan.show(&s.target), "owner": s.owner()})
}

pub fn json(plan: &Plan, about: &About) -> Value {
    let mut actions = Vec::new();
    for d in &plan.creates {
        actions.push(json!({
            "action": "create",
            "type": d.kind,
            "event": d.event,
            "target": d.shown_target,
            "secret_keys": d.secret.keys().collect::<Vec<_>>(),
            "header_keys": d.headers.keys().collect::<Vec<_>>(),
            "custom_field_computed_values": d.computed,
        }));
    }
    for u in plan.updates.iter().chain(&plan.adopts) {
        let mut changes = serde_json::Map::new();
        if !u.secret.is_empty() {
            changes.insert("secret".into(), json!(u.secret));
        }
        if !u.headers.is_empty() {
            changes.insert("headers".into(), json!(u.headers));
        }
        if let Some((old, new)) = u.computed {
            changes.insert(
                "custom_field_computed_values".into(),
                json!({"old": old, "new": new}),
            );
        }
        let mut action = json!({
            "action": if u.adopted.is_some() { "adopt" } else { "update" },
            "id": u.have.id,
            "type": u.have.kind,
            "event": u.have.event,
            "target": u.want.shown_target,
            "changes": changes,
        });
        if let Some(adopted) = &u.adopted {
            action["previous_owner"] = json!(adopted.owner);
            action["kept_keys"] = json!(adopted.kept);
            action["allowed"] = json!(adopted.allowed);
        }
        actions.push(action);
    }
    for d in &plan.deletes {
        let (reason, kept) = match &d.reason {
            super::plan::DeleteReason::Duplicate { kept } => ("duplicate", Some(*kept)),
            super::plan::DeleteReason::Pruned => ("pruned", None),
        };
        actions.push(json!({
            "action": "delete",
            "id": d.have.id,
            "type": d.have.kind,
            "event": d.have.event,
            "target": plan.show(&d.have.target),
            "reason": reason,
            "kept_id": kept,
        }));
    }
    json!({
        "version": JSON_VERSION,
        "manifest": about.manifest,
        "account": about.account,
        "owner": plan.owner,
        "prune": plan.prune,
        "checksum": plan.checksum,
        "in_sync": plan.is_empty(),
        "refusals": plan.refusals,
        "summary": {
            "create": plan.creates.len(),
            "update": plan.updates.len(),
            "adopt": plan.adopts.len(),
            "delete": plan.deletes.len(),
            "unchanged": plan.unchanged.len(),
            "unmanaged": plan.unmanaged.len(),
        },
        "actions": actions,
        "unmanaged": plan.unmanaged.iter().map(|s| brief(plan, s)).collect::<Vec<_>>(),
    })
}

/// The hidden first line of a Markdown plan: the same for every plan of one manifest and
/// one account, so a pull-request comment can be found again and updated in place. It
/// holds digests only: no path, user or text that could close the comment.
pub fn marker(about: &About) -> String {
    format!(
        "<!-- copper-hooks plan manifest={} account={} -->",
        marker_digest(&marker_path(&about.manifest)),
        marker_digest(&about.account)
    )
}

/// A manifest's path as a marker names it: the same file however the command line spelt it
/// (`./m.toml`, `m.toml`, `dir//m.toml`), so a second comment never appears for it.
pub(crate) fn marker_path(path: &str) -> String {
    let parts: Vec<String> = std::path::Path::new(path)
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.to_string()
    } else {
        parts.join("/").replacen("//", "/", 1)
    }
}

/// What a plan's marker holds of a name: 12 hex digits of its SHA-256, enough to tell plans
/// apart and nothing to read.
pub(crate) fn marker_digest(text: &str) -> String {
    use sha2::Digest;
    text::hex(&sha2::Sha256::digest(text.as_bytes()))[..12].to_string()
}

pub fn markdown(plan: &Plan, about: &About) -> String {
    let md = text::markdown;
    let mut out = vec![
        marker(about),
        format!(
            "### copper-hooks plan for {} on {}",
            md(&about.manifest),
            md(&text::mask_emails(&about.account))
        ),
        String::new(),
        md(&owner_scope(plan)),
        String::new(),
    ];
    if plan.is_empty() {
        out.push("No changes: the account matches the manifest.".into());
    } else {
        out.push("| | action | subscription | target | details |".into());
        out.push("|---|---|---|---|---|".into());
        for d in &plan.creates {
            out.push(format!(
                "| ➕ | create | {} | {} | |",
                md(&label(d.kind, d.event)),
                md(&d.shown_target)
            ));
        }
        let updates = plan.updates.iter().map(|u| (u, "✏️", "update"));
        for (u, icon, verb) in updates.chain(plan.adopts.iter().map(|u| (u, "🤝", "adopt"))) {
            out.push(format!(
                "| {icon} | {verb} | {} (id {}) | {} | {} |",
                md(&label(u.have.kind, u.have.event)),
                u.have.id,
                md(&u.want.shown_target),
                md(&update_details(u).join("; "))
            ));
        }
        for d in &plan.deletes {
            out.push(format!(
                "| ❌ | delete | {} (id {}) | {} | {} |",
                md(&label(d.have.kind, d.have.event)),
                d.have.id,
                md(&plan.show(&d.have.target)),
                md(&d.reason.describe(plan.owner.as_deref()))
            ));
        }
    }
    if !plan.unmanaged.is_empty() {
        out.push(String::new());
        out.push(format!(
            "{} subscription(s) not managed by this manifest are left alone.",
            plan.unmanaged.len()
        ));
    }
    if !plan.refusals.is_empty() {
        out.push(String::new());
        out.push("**⛔ Apply would refuse this plan (nothing would be changed):**".into());
        out.push(String::new());
        for refusal in &plan.refusals {
            out.push(format!("- {}", md(refusal)));
        }
    }
    out.push(String::new());
    out.push(format!("**{}**", summary(plan)));
    out.push(String::new());
    out.push(format!("Checksum: `{}`", plan.checksum));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::marker_path;

    #[test]
    fn a_manifest_path_is_one_marker_however_spelt() {
        for spelt in ["./m.toml", "m.toml", ".//m.toml"] {
            assert_eq!(marker_path(spelt), "m.toml", "{spelt}");
        }
        assert_eq!(marker_path("ci/./hooks//m.toml"), "ci/hooks/m.toml");
        assert_eq!(marker_path("/abs/m.toml"), "/abs/m.toml");
    }
}
