//! `create`: one subscription, with Copper's rules and the 100 limit checked before POST.

use std::collections::BTreeSet;

use crate::cli::CreateArgs;
use crate::copper::{NewSubscription, Subscription};
use crate::error::{self, Exit};
use crate::rules::{self, EntityType, Event, PairKind, Target, MAX_SUBSCRIPTIONS};

pub async fn run(ctx: &super::Ctx, args: CreateArgs) -> anyhow::Result<Exit> {
    // Everything the user typed is checked before credentials or the network are touched.
    let target = ctx.target(&args.target)?;
    let secret = rules::parse_pairs(PairKind::Secret, &args.secret)?;
    let headers = rules::parse_pairs(PairKind::Header, &args.header)?;
    let new = NewSubscription {
        target: target.as_str().to_string(),
        kind: args.kind,
        event: args.event,
        secret,
        headers,
        custom_field_computed_values: args.computed_values,
    };

    let conn = ctx.connect().await?;
    let existing = conn.client.list().await?;
    if existing.len() >= MAX_SUBSCRIPTIONS {
        return Err(error::refused(format!(
            "the account already has {} subscriptions, Copper's limit is {MAX_SUBSCRIPTIONS}; \
             delete some first (`copper-hooks list`)",
            existing.len()
        )));
    }
    if !args.allow_duplicate {
        refuse_duplicate(&existing, None, new.kind, new.event, &target)?;
    }
    let known: BTreeSet<u64> = existing.iter().map(|s| s.id).collect();
    let sub = conn.client.create(&new, &known).await?;
    ctx.note(&format!("Created subscription {}.", sub.id));
    super::show_subscription(ctx, &sub)?;
    Ok(Exit::Ok)
}

/// Refuses a second subscription for the same type, event and canonical target (other than
/// `except`, the one being changed): every delivery would arrive twice. Shared by `create`
/// and `update`.
pub fn refuse_duplicate(
    existing: &[Subscription],
    except: Option<u64>,
    kind: EntityType,
    event: Event,
    target: &Target,
) -> anyhow::Result<()> {
    let same = existing.iter().find(|s| {
        Some(s.id) != except
            && s.kind == kind
            && s.event == event
            && rules::canonical_target(&s.target) == target.as_str()
    });
    match same {
        Some(same) => Err(error::refused(format!(
            "subscription {} already sends {kind} {event} to {}; a second one would deliver \
             everything twice (pass --allow-duplicate if that is wanted)",
            same.id,
            rules::shown_target(&same.target)
        ))),
        None => Ok(()),
    }
}
