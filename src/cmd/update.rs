//! `update ID`: change target, secret, headers or computed values. Type and event cannot
//! change (Copper fixes them at creation), and the command says so instead of sending it.

use std::collections::BTreeMap;

use crate::cli::UpdateArgs;
use crate::copper::SubscriptionUpdate;
use crate::error::{self, Exit};
use crate::rules::{self, PairKind};

pub async fn run(ctx: &super::Ctx, args: UpdateArgs) -> anyhow::Result<Exit> {
    if args.kind.is_some() || args.event.is_some() {
        return Err(error::usage(
            "Copper cannot change a subscription's type or event; create a new subscription \
             and delete this one",
        ));
    }
    let target = args.target.as_deref().map(|t| ctx.target(t)).transpose()?;
    let mut change = SubscriptionUpdate {
        target: target.as_ref().map(|t| t.as_str().to_string()),
        secret: pairs_change(PairKind::Secret, &args.secret, args.clear_secret)?,
        headers: pairs_change(PairKind::Header, &args.header, args.clear_headers)?,
        custom_field_computed_values: match (args.computed_values, args.no_computed_values) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    if change.is_empty() {
        return Err(error::usage(
            "nothing to change: give --target, --secret, --header, --computed-values or \
             --no-computed-values",
        ));
    }
    let conn = ctx.connect().await?;
    if let Some(secret) = change.secret.as_mut() {
        // A new secret replaces the old one whole, but the tool's own keys (the owner marker
        // of the manifest that manages it, and what an adoption kept) stay unless given:
        // without them the next apply would take its own subscription for another's.
        let current = conn.client.get(args.id).await?;
        for key in [rules::OWNER_KEY, rules::KEEPS_KEY] {
            if let (Some(value), false) = (current.secret.get(key), secret.contains_key(key)) {
                secret.insert(key.to_string(), value.clone());
                if key == rules::OWNER_KEY {
                    ctx.note(&format!(
                        "kept {key} = '{}': the manifest of that owner manages this subscription",
                        crate::text::line(value)
                    ));
                }
            }
        }
    }
    if let (Some(target), false) = (&target, args.allow_duplicate) {
        // The duplicate rule of `create` holds for a moved target too.
        let existing = conn.client.list().await?;
        let Some(current) = existing.iter().find(|s| s.id == args.id) else {
            return Err(crate::copper::ApiError::NoSuchSubscription { id: args.id }.into());
        };
        super::create::refuse_duplicate(
            &existing,
            Some(args.id),
            current.kind,
            current.event,
            target,
        )?;
    }
    let sub = conn.client.update(args.id, &change).await?;
    ctx.note(&format!("Updated subscription {}.", sub.id));
    super::show_subscription(ctx, &sub)?;
    Ok(Exit::Ok)
}

fn pairs_change(
    kind: PairKind,
    raw: &[String],
    clear: bool,
) -> anyhow::Result<Option<BTreeMap<String, String>>> {
    if clear {
        return Ok(Some(BTreeMap::new()));
    }
    if raw.is_empty() {
        return Ok(None);
    }
    Ok(Some(rules::parse_pairs(kind, raw)?))
}
