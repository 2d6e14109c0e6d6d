//! `create`: one subscription, with Copper's rules and the 100 limit checked before POST.

use std::collections::BTreeSet;

use crate::cli::CreateArgs;
use crate::copper::NewSubscription;
use crate::error::{self, Exit};
use crate::rules::{self, PairKind, Target, MAX_SUBSCRIPTIONS};

pub async fn run(ctx: &super::Ctx, args: CreateArgs) -> anyhow::Result<Exit> {
    // Everything the user typed is checked before credentials or the network are touched.
    let target = Target::parse(&args.target)?;
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
        if let Some(same) = existing
            .iter()
            .find(|s| s.kind == new.kind && s.event == new.event && s.target == new.target)
        {
            return Err(error::refused(format!(
                "subscription {} already sends {} {} to {}; a second one would deliver \
                 everything twice (pass --allow-duplicate if that is wanted)",
                same.id, new.kind, new.event, new.target
            )));
        }
    }
    let known: BTreeSet<u64> = existing.iter().map(|s| s.id).collect();
    let sub = conn.client.create(&new, &known).await?;
    ctx.note(&format!("Created subscription {}.", sub.id));
    super::show_subscription(ctx, &sub)?;
    Ok(Exit::Ok)
}
