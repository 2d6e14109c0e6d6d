//! `emulator`: a local Copper API in the foreground until Ctrl-C or SIGTERM.

use std::time::Duration;

use crate::cli::EmulatorArgs;
use crate::emulator::{self, Config};
use crate::error::Exit;
use crate::output;

pub async fn run(ctx: &super::Ctx, args: EmulatorArgs) -> anyhow::Result<Exit> {
    if !args.listen.ip().is_loopback() {
        if !args.allow_remote {
            return Err(crate::error::usage(format!(
                "--listen {} is not a loopback address: the emulator is a local tool whose \
                 admin routes have no authentication; pass --allow-remote if others must reach it",
                args.listen
            )));
        }
        output::note(&format!(
            "warning: listening on {}: anyone who can reach it can read every subscription \
             and secret, and change them through /_emulator/ routes, which have no \
             authentication",
            args.listen
        ));
    }
    let config = Config {
        api_key: ctx.global.api_key.clone(),
        email: ctx.global.email.clone(),
        rate: ctx.global.rate_limit,
        latency: Duration::from_millis(args.latency),
        state_file: args.state.clone(),
        faults: args.fault.clone(),
        other_client: args.other_client,
        deliveries: emulator::DeliveryConfig {
            limits: if args.delivery_limit.is_empty() {
                emulator::DeliveryConfig::default().limits
            } else {
                args.delivery_limit.clone()
            },
            max_delay: args.delivery_delay,
            time_scale: args.delivery_time_scale,
            allow_http_targets: args.allow_http_targets,
            external_hosts: args.deliver_to.clone(),
        },
        search_cap: args.search_cap as usize,
        count_at_arrival: args.rate_counts_at == crate::cli::CountsAt::Arrival,
    };
    let (stopped_by, stop) = super::stop_signal();
    let running = emulator::start(config, args.listen, stop).await?;
    // The first line is the contract with scripts and tests: the bound address.
    output::out(&format!(
        "copper-hooks emulator listening on {}",
        running.base_url()
    ))?;
    ctx.note(&if args.deliver_to.is_empty() {
        "Deliveries go to loopback receivers only; others are recorded as not sent \
         (--deliver-to HOST sends to a host of yours)."
            .to_string()
    } else {
        format!(
            "Deliveries go to loopback receivers and to {}; others are recorded as not sent.",
            args.deliver_to.join(", ")
        )
    });
    ctx.note("Press Ctrl-C to stop.");
    running.task.await??;
    ctx.note(&format!(
        "Emulator stopped ({}).",
        stopped_by.said("its task ended")
    ));
    Ok(Exit::Ok)
}
