//! The command line, as clap derive structs only: no I/O, no logic.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::data::Rate;
use crate::emulator::Fault;
use crate::output::Format;
use crate::rules::{EntityType, Event};

/// Manage Copper CRM webhook subscriptions: from the command line, from a reviewed manifest,
/// and against a local emulator.
#[derive(Debug, Parser)]
#[command(
    name = "copper-hooks",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "Exit codes: 0 ok, 1 error, 2 changes pending (plan --detailed-exitcode), \
                  3 refused by a rule (nothing sent), 4 authentication, 5 declined at a \
                  prompt, 64 usage (or no terminal to ask on), 65 invalid manifest, \
                  130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// The global flags, by id.
const GLOBALS: [&str; 14] = [
    "api_key",
    "email",
    "api_url",
    "profile",
    "config_dir",
    "sandbox",
    "output",
    "show_secrets",
    "quiet",
    "verbose",
    "timeout",
    "deadline",
    "rate_limit",
    "retries",
];

/// What every command that calls Copper's API reads.
const CONNECTION: [&str; 10] = [
    "api_key",
    "email",
    "api_url",
    "profile",
    "config_dir",
    "sandbox",
    "timeout",
    "deadline",
    "rate_limit",
    "retries",
];

/// The global flags a command reads beyond [`CONNECTION`] (or instead of it); the others
/// are still accepted anywhere, but its `--help` does not list them.
fn globals_read(command: &str) -> (bool, &'static [&'static str]) {
    const OUT: &[&str] = &["output", "quiet", "verbose"];
    const SHOWN: &[&str] = &["output", "quiet", "verbose", "show_secrets"];
    match command {
        "list" | "get" | "create" | "update" | "delete" | "export" | "auth" => (true, SHOWN),
        "plan" | "apply" | "trigger" | "test" => (true, OUT),
        "validate" => (false, &["output", "quiet"]),
        "listen" => (false, &["output", "quiet", "timeout"]),
        "replay" => (false, &["quiet", "timeout"]),
        "emulator" => (false, &["api_key", "email", "rate_limit", "quiet"]),
        "completions" | "man" => (false, &["quiet"]),
        _ => (true, SHOWN),
    }
}

/// The whole command line, as parsed, documented and completed: one place, so the man pages,
/// completions and `--help` cannot differ from what is parsed. Each subcommand gets hidden
/// copies of the global flags it does not read before clap builds the command, so the global
/// ones clap would copy in are already there and its help shows only what it uses (all of
/// them are listed under `copper-hooks --help`).
pub fn command() -> clap::Command {
    let mut root = <Cli as clap::CommandFactory>::command();
    let names: Vec<String> = root
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let (connection, extra) = globals_read(&name);
        let hidden: Vec<clap::Arg> = root
            .get_arguments()
            .filter(|a| {
                let id = a.get_id().as_str();
                GLOBALS.contains(&id)
                    && !(connection && CONNECTION.contains(&id))
                    && !extra.contains(&id)
            })
            .map(|a| a.clone().hide(true))
            .collect();
        root = root.mut_subcommand(name, |sub| sub.args(hidden));
    }
    // The emulator takes --api-key and --email as the only credentials it accepts, from
    // the flags alone: the environment's COPPER_API_KEY (a real key, perhaps) is not read.
    let own = |id: &str, help: &'static str| {
        root.get_arguments()
            .find(|a| a.get_id() == id)
            .map(|a| a.clone().help(help).long_help(None::<&str>))
    };
    let emulator_args: Vec<clap::Arg> = [
        own(
            "api_key",
            "Accept only this API key (default: any); COPPER_API_KEY is not read",
        ),
        own(
            "email",
            "Accept only this user's email (default: any); COPPER_USER_EMAIL is not read",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    root = root.mut_subcommand("emulator", |sub| sub.args(emulator_args));
    root = root.mut_subcommand("export", |sub| {
        sub.mut_arg("accounts", |a| {
            a.help("Export every account of this accounts file (one manifest each, with --dir)")
        })
    });
    root
}

#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Copper API key [env: COPPER_API_KEY]
    #[arg(
        help_heading = "Connection",
        long,
        global = true,
        value_name = "KEY",
        hide_env_values = true
    )]
    pub api_key: Option<String>,

    /// Email of the API key's owner [env: COPPER_USER_EMAIL]
    #[arg(help_heading = "Connection", long, global = true, value_name = "EMAIL")]
    pub email: Option<String>,

    /// API root; http only for loopback hosts [env: COPPER_API_URL] [default:
    /// https://api.copper.com/developer_api/v1]
    #[arg(help_heading = "Connection", long, global = true, value_name = "URL")]
    pub api_url: Option<String>,

    /// Stored profile to use [env: COPPER_PROFILE] [default: default]
    #[arg(help_heading = "Connection", long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Folder of the credentials file [env: COPPER_HOOKS_CONFIG_DIR]
    #[arg(help_heading = "Connection", long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Run against a built-in emulator, no Copper account needed; its state is kept in the
    /// user's data folder (or COPPER_HOOKS_DATA_DIR)
    #[arg(help_heading = "Connection", long, global = true)]
    pub sandbox: bool,

    /// Output format (markdown: plan and apply only, for pull-request comments)
    #[arg(help_heading = "Output", short, long, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,

    /// Show secret and header values instead of masking them
    #[arg(help_heading = "Output", long, global = true)]
    pub show_secrets: bool,

    /// Print only errors and requested data
    #[arg(
        help_heading = "Output",
        short,
        long,
        global = true,
        conflicts_with = "verbose"
    )]
    pub quiet: bool,

    /// Trace each API call (method, URL, status, time) on stderr; never keys or secrets
    #[arg(help_heading = "Output", short, long, global = true)]
    pub verbose: bool,

    /// Seconds to wait for each answer
    #[arg(help_heading = "Connection", long, global = true, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Seconds one command may spend in all, waits and retries included, before it stops
    /// with an error (rerunning picks up where it stopped)
    #[arg(help_heading = "Connection", long, global = true, value_name = "SECS", env = "COPPER_HOOKS_DEADLINE", hide_env_values = true,
          default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub deadline: u64,

    /// Most API calls per rolling window, CALLS/SECONDS: the most this client sends (for
    /// `emulator`: the most it accepts before answering 429)
    #[arg(
        help_heading = "Connection",
        long,
        global = true,
        value_name = "RATE",
        env = "COPPER_HOOKS_RATE_LIMIT",
        hide_env_values = true,
        default_value = "180/60"
    )]
    pub rate_limit: Rate,

    /// Retries of a call after a 429, 5xx or lost connection
    #[arg(help_heading = "Connection", 
        long,
        global = true,
        value_name = "N",
        env = "COPPER_HOOKS_RETRIES",
        hide_env_values = true,
        default_value_t = 4,
        value_parser = clap::value_parser!(u32).range(0..=100)
    )]
    pub retries: u32,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the account's subscriptions
    List(ListArgs),
    /// Show one subscription
    Get(GetArgs),
    /// Create a subscription (Copper's rules are checked first)
    Create(CreateArgs),
    /// Change a subscription's target, secret, headers or computed values
    Update(UpdateArgs),
    /// Delete subscriptions
    Delete(DeleteArgs),
    /// Check manifests offline: no credentials, no network
    Validate(ValidateArgs),
    /// Show what `apply` would change
    Plan(PlanArgs),
    /// Make the account hold exactly what a manifest declares
    Apply(ApplyArgs),
    /// Write the account's subscriptions as a manifest
    Export(ExportArgs),
    /// Store, check and remove credentials
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Send realistic Copper notifications to a receiver of yours (http allowed)
    Trigger(TriggerArgs),
    /// Receive notifications on loopback, check each against Copper's envelope, and journal
    /// them
    Listen(ListenArgs),
    /// Send journalled notifications again, byte for byte
    Replay(ReplayArgs),
    /// Catch up what never arrived: search the account for records changed in a window
    /// (or in a journal's gaps) and send the app Copper's notifications for them, marked
    /// as made up by a search
    Reconcile(ReconcileArgs),
    /// Say what a journal holds without starting anything: accepted, forwarded, pending
    /// and dead deliveries, the oldest pending, and the gaps a reconcile should cover
    Journal(JournalArgs),
    /// Send one test notification per subscription (of a manifest, or --live on the account)
    /// to its own target, and report how each target answered
    Test(TestArgs),
    /// Run a local Copper API for tests and pipelines (--rate-limit sets its 429 limit;
    /// --api-key and --email, when given, are the only ones it accepts)
    Emulator(EmulatorArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print or write the man pages
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only subscriptions of this type
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: Option<EntityType>,
    /// Only subscriptions for this event
    #[arg(long, value_enum)]
    pub event: Option<Event>,
    /// Every column, however wide the terminal (lines may wrap)
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Subscription id
    pub id: u64,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Where Copper delivers: an external https:// URL
    #[arg(long)]
    pub target: String,
    /// Record type
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: EntityType,
    /// Event
    #[arg(long, value_enum)]
    pub event: Event,
    /// A secret pair Copper echoes in every delivery (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub secret: Vec<String>,
    /// A header Copper sends with every delivery (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub header: Vec<String>,
    /// Send dropdown values as names instead of option ids
    #[arg(long)]
    pub computed_values: bool,
    /// Create even when the same type, event and target is already subscribed (every
    /// delivery would then arrive twice)
    #[arg(long)]
    pub allow_duplicate: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Subscription id
    pub id: u64,
    /// New target: an external https:// URL
    #[arg(long)]
    pub target: Option<String>,
    /// Replace the secret with these pairs (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub secret: Vec<String>,
    /// Remove the secret
    #[arg(long, conflicts_with = "secret")]
    pub clear_secret: bool,
    /// Replace the headers with these pairs (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub header: Vec<String>,
    /// Remove the headers
    #[arg(long, conflicts_with = "header")]
    pub clear_headers: bool,
    /// Send dropdown values as names
    #[arg(long, conflicts_with = "no_computed_values")]
    pub computed_values: bool,
    /// Send dropdown values as option ids
    #[arg(long)]
    pub no_computed_values: bool,
    /// Move the target even when the same type, event and target is already subscribed
    #[arg(long, requires = "target")]
    pub allow_duplicate: bool,
    /// Not changeable: Copper fixes a subscription's type when it is created
    #[arg(long = "type", hide = true)]
    pub kind: Option<String>,
    /// Not changeable: Copper fixes a subscription's event when it is created
    #[arg(long, hide = true)]
    pub event: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Subscription ids
    #[arg(required = true)]
    pub ids: Vec<u64>,
    /// Do not ask; needed when there is no terminal to ask on
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Manifest files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Do not require ${VAR}s to be set (for pre-merge checks that have no secrets)
    #[arg(long)]
    pub skip_env: bool,
    /// Also check this accounts file, and each manifest with every account's variables
    #[arg(long, value_name = "FILE")]
    pub accounts: Option<PathBuf>,
    /// Only these accounts of the file: a name, a group, or a glob (repeatable)
    #[arg(long = "account", value_name = "NAME|GLOB", requires = "accounts")]
    pub account: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// Manifest file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Delete subscriptions the manifest does not declare (only those it owns, when it sets
    /// `owner`)
    #[arg(long)]
    pub prune: bool,
    /// Exit 2 when there are changes, 3 when apply would refuse the plan, 0 when in sync
    #[arg(long)]
    pub detailed_exitcode: bool,
    /// Also write this plan as Markdown to FILE (the same plan, from the same list call)
    #[arg(long, value_name = "FILE")]
    pub markdown_file: Option<PathBuf>,
    /// Also write this plan as JSON to FILE (the same plan, from the same list call)
    #[arg(long, value_name = "FILE")]
    pub json_file: Option<PathBuf>,
    #[command(flatten)]
    pub safety: SafetyArgs,
    #[command(flatten)]
    pub fleet: FleetArgs,
}

/// Which accounts a manifest is kept in: the one account of the connection flags, or many
/// from an accounts file (README "Many accounts").
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Accounts")]
pub struct FleetArgs {
    /// Keep the manifest in every account of this accounts file, each with its own
    /// credentials and variables
    #[arg(long, value_name = "FILE")]
    pub accounts: Option<PathBuf>,
    /// Only these accounts of the file: a name, a group, or a glob such as 'eu-*' (repeatable)
    #[arg(long = "account", value_name = "NAME|GLOB", requires = "accounts")]
    pub account: Vec<String>,
    /// Only part K of N of the chosen accounts, by a stable hash of each name (for CI matrix
    /// jobs; adding an account never moves another)
    #[arg(long, value_name = "K/N", requires = "accounts")]
    pub shard: Option<crate::accounts::Shard>,
    /// Accounts worked on at once
    // Why 128: each account has its own quota at Copper, so accounts never slow each other
    // there; what parallelism costs is local, and the run shares one transport with at most
    // 256 calls in flight whatever the accounts (copper::MAX_IN_FLIGHT), within the usual
    // limit of 1,024 open files. Measured (50 ms a call, release, 2 cores): a plan of 10,000
    // accounts in sync took 33.1 s at 16, 8.4 s at 64, 4.3 s at 128 and 2.3 s at 256 (peak
    // 39, 42, 46, 52 MB); an apply of 1,000 accounts x 20 creates 5.3 s at 64, 4.9 s at 128
    // and 4.7 s at 256 (its floor at 256 calls in flight: 4.1 s; peak 49, 58, 72 MB).
    #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub parallel_accounts: u16,
    /// Leave out (and name) accounts whose credentials or variables cannot be resolved,
    /// instead of stopping before any call
    #[arg(long, requires = "accounts")]
    pub skip_unresolved: bool,
}

/// The safety rules a plan is checked against: `plan` shows what `apply` would refuse.
#[derive(Debug, Clone, Args)]
pub struct SafetyArgs {
    /// Go ahead even when a safety threshold is crossed (never past Copper's limit of 100)
    #[arg(long)]
    pub force: bool,
    /// Refuse to delete more than this percentage of existing subscriptions
    #[arg(long, value_name = "PERCENT", default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub max_delete_percent: u32,
    /// The percentage rule applies from this many existing subscriptions on
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub delete_threshold_min: usize,
    /// With an accounts file of 4 or more chosen accounts: refuse a plan that deletes in
    /// more than this percentage of them at once
    #[arg(long, value_name = "PERCENT", default_value_t = 25, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub max_delete_accounts_percent: u32,
    /// Take over the subscriptions the manifest matches that are not its own (made by hand,
    /// by another tool, or by another manifest), keeping their other secret keys and
    /// headers; without it (or `adopt = true` on the entry) such a plan is refused
    #[arg(long)]
    pub adopt: bool,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Manifest file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Delete subscriptions the manifest does not declare (only those it owns, when it sets
    /// `owner`)
    #[arg(long)]
    pub prune: bool,
    /// Do not ask; needed when there is no terminal to ask on
    #[arg(short, long)]
    pub yes: bool,
    /// Refuse unless the plan's checksum is this one (from a reviewed `plan`); with an
    /// accounts file, the whole fleet's, or NAME=SUM per account (repeatable)
    #[arg(long, value_name = "SUM")]
    pub expect_checksum: Vec<String>,
    /// Only show the plan (same as `plan`)
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub safety: SafetyArgs,
    /// Calls in flight at once
    // Why 16: Copper limits calls per rolling minute, not calls in flight, and the rate
    // limiter (not this number) keeps every burst under that quota. 16 lets an apply of 100
    // changes finish in 7 round trips, near its floor, and each 429 still pauses every call.
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: u16,
    #[command(flatten)]
    pub fleet: FleetArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write secret values into the file instead of ${VAR} placeholders
    #[arg(long)]
    pub include_secrets: bool,
    /// Write to this file instead of stdout (an existing file is left alone unless --force)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// With --accounts: write one manifest per account, DIR/NAME.toml
    #[arg(
        long,
        value_name = "DIR",
        requires = "accounts",
        conflicts_with = "file"
    )]
    pub dir: Option<PathBuf>,
    /// Replace the --file (or the files in --dir) if they exist
    #[arg(long)]
    pub force: bool,
    /// Write entries ready to take the chosen subscriptions over under this owner: `owner`
    /// set to it and `adopt = true` on each (review, then apply; the next plan is in sync)
    #[arg(long, value_name = "OWNER")]
    pub adopt_as: Option<String>,
    /// Only this subscription (repeatable)
    #[arg(long, value_name = "ID")]
    pub id: Vec<u64>,
    /// Only subscriptions of this record type (repeatable)
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: Vec<crate::rules::EntityType>,
    /// Only subscriptions to this event (repeatable)
    #[arg(long, value_enum)]
    pub event: Vec<crate::rules::Event>,
    /// Only subscriptions to this target (repeatable)
    #[arg(long, value_name = "URL")]
    pub target: Vec<String>,
    #[command(flatten)]
    pub fleet: FleetArgs,
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Ask for email and API key, check them with Copper, store them in the profile
    Login(LoginArgs),
    /// Show which credentials are in use, where they come from, and whether Copper accepts
    /// them
    Status,
    /// Remove the profile's stored credentials
    Logout,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Store without checking with Copper first
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Address to listen on; port 0 picks a free port (the bound address is printed)
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// Allow a --listen address other than loopback (the admin routes have no
    /// authentication: anyone who can reach the address can read and change everything)
    #[arg(long)]
    pub allow_remote: bool,
    /// Keep the subscriptions in this file across restarts
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Delay every answer by this many milliseconds
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency: u64,
    /// Inject a fault: 'METHOD PATH KIND [xN] [if=TEXT] [email=EMAIL]' (KIND: STATUS, html:STATUS,
    /// after:STATUS, slow:MS), e.g. 'POST /webhooks after:500'
    #[arg(long, value_name = "SPEC")]
    pub fault: Vec<Fault>,
    /// Model another integration on the same account: spend this many calls of the rate
    /// limit per this many seconds, evenly (e.g. 60/60 leaves 120/60 of Copper's 180)
    #[arg(long, value_name = "CALLS/SECONDS")]
    pub other_client: Option<Rate>,
    /// Accept http targets on loopback, so a local receiver gets deliveries (Copper itself
    /// never would)
    #[arg(long)]
    pub allow_http_targets: bool,
    /// Also send notifications to this host (or HOST:PORT), repeatable; by default only
    /// loopback receivers get them, so an applied production manifest sends nothing out
    #[arg(long, value_name = "HOST")]
    pub deliver_to: Vec<String>,
    /// A limit on deliveries per account, N/SECONDS (repeatable; Copper's: 600/60 and
    /// 1800/600, the default). Past it notifications wait, they are not dropped
    #[arg(long, value_name = "N/SECONDS")]
    pub delivery_limit: Vec<Rate>,
    /// Send each notification after a random wait of up to this long, in Copper's time
    /// (e.g. 15m, Copper's longest; 90s; 500ms)
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = parse_duration)]
    pub delivery_delay: Duration,
    /// Run the clock of deliveries N times faster than real time: delays and delivery-limit
    /// windows (60 turns a 15-minute delay into 15 seconds)
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub delivery_time_scale: u32,
    /// The records one search reaches at most, however it is paged (Copper's is 100,000);
    /// smaller, a test sees reconcile slice its windows
    #[arg(long, value_name = "N", default_value_t = 100_000,
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub search_cap: u64,
    /// When a call counts against --rate-limit: when it is answered (after --latency, a 429
    /// as slow as any answer), or when it arrives (and a 429 comes at once); Copper does not
    /// say, so a client is tried against both
    #[arg(long, value_enum, value_name = "WHEN", default_value = "answer")]
    pub rate_counts_at: CountsAt,
}

/// When the emulator counts a call against its rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CountsAt {
    Arrival,
    Answer,
}

#[derive(Debug, Args)]
pub struct TriggerArgs {
    /// What happened, TYPE.EVENT (e.g. person.update); taken from --subscription when given
    #[arg(value_name = "TYPE.EVENT")]
    pub what: Option<String>,
    /// The receiver's URL (http or https; your own, so any host)
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// Record ids: 1,2,3 or a range 1..75; more than 30 are split over notifications, as Copper
    /// does
    #[arg(long, value_name = "IDS", default_value = "1")]
    pub ids: String,
    /// A changed field of an update, FIELD=OLD,NEW (repeatable; values read as JSON when
    /// they are)
    #[arg(long = "attr", value_name = "FIELD=OLD,NEW")]
    pub attrs: Vec<String>,
    /// A changed custom field of an update, by id, ID=OLD,NEW (repeatable)
    #[arg(long = "custom-field", value_name = "ID=OLD,NEW")]
    pub custom_fields: Vec<String>,
    /// A secret pair to echo in the body, as the subscription's secret would be (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub secret: Vec<String>,
    /// A header to send, as the subscription's headers would be (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub header: Vec<String>,
    /// Send what this subscription would get: its type, event, target, secret and headers,
    /// read through the API (--to, --secret and --header override)
    #[arg(long, value_name = "ID")]
    pub subscription: Option<u64>,
    /// Send the notifications this many times
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub count: u32,
    /// At most N notifications per SECONDS (with --count)
    #[arg(long, value_name = "N/SECONDS")]
    pub rate: Option<Rate>,
    /// With --subscription, also send to its target when that is an http receiver on
    /// loopback (without it, a target Copper would refuse gets nothing)
    #[arg(long, requires = "subscription")]
    pub allow_local_targets: bool,
    /// Tell the emulator at the API URL that these records changed instead: it delivers to
    /// every subscription for TYPE.EVENT, as Copper would
    #[arg(long, conflicts_with_all = ["to", "subscription", "count", "rate", "secret", "header"])]
    pub through_emulator: bool,
}

#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Port on 127.0.0.1 (0 picks a free one; the address is printed first)
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// The address to listen on instead of 127.0.0.1 (e.g. 0.0.0.0 in a container behind a
    /// TLS-terminating proxy); anything but loopback needs --allow-remote
    #[arg(long, value_name = "IP")]
    pub bind: Option<std::net::IpAddr>,
    /// Allow a --bind address other than loopback: anyone who can reach it can send
    /// deliveries, so check them (--secret, --hmac-header) and put TLS in front
    #[arg(long, requires = "bind")]
    pub allow_remote: bool,
    /// Only this path receives (others answer 404); every path when not given
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
    /// A secret pair every delivery must echo (repeatable; or COPPER_HOOKS_LISTEN_SECRET, pairs
    /// apart by ';'); a mismatch is answered 401
    #[arg(
        long,
        value_name = "KEY=VALUE",
        env = "COPPER_HOOKS_LISTEN_SECRET",
        value_delimiter = ';',
        hide_env_values = true
    )]
    pub secret: Vec<String>,
    /// A hex HMAC-SHA256 of the raw body, for senders that sign
    #[command(flatten)]
    pub hmac: HmacArgs,
    /// Append every delivery (body, headers, verdict) to this file, as JSON lines, mode 0600,
    /// before anything else happens to it; secret and custom header values are taken out
    /// (`replay --secret/--header` puts them back); or COPPER_HOOKS_JOURNAL
    #[arg(long, value_name = "FILE", env = "COPPER_HOOKS_JOURNAL")]
    pub journal: Option<PathBuf>,
    /// Keep secret and header values in the journal as they came (then replay needs nothing
    /// back, and the file holds them)
    #[arg(long, requires = "journal")]
    pub journal_secrets: bool,
    /// Pass every delivery on (raw body and headers) to your app at this URL, after it is
    /// journalled and answered; with --journal, a relay that loses nothing: each is synced
    /// before Copper gets its 200 and retried until the app takes it (--retry-for); or
    /// COPPER_HOOKS_FORWARD_TO
    #[arg(long, value_name = "URL", env = "COPPER_HOOKS_FORWARD_TO")]
    pub forward_to: Option<String>,
    #[command(flatten)]
    pub sign: SignArgs,
    /// With --journal and --forward-to: how long after its arrival a delivery is retried
    /// (backoff with jitter) before it is dead-lettered, e.g. 6h or 3d [default: 24h]
    #[arg(long, value_name = "DURATION", value_parser = parse_span, requires = "forward_to")]
    pub retry_for: Option<Duration>,
    /// Stop after this many accepted deliveries (refused requests do not count)
    #[arg(long, value_name = "N")]
    pub max_deliveries: Option<u64>,
    /// Connections open at once; more wait, unaccepted, in the kernel's backlog until some
    /// end, and that is said (a tunnel makes the receiver reachable by anyone)
    #[arg(long, value_name = "N", default_value_t = 256,
          value_parser = clap::value_parser!(u32).range(1..=65_536))]
    pub max_connections: u32,
    /// The journal's largest size, e.g. 256MiB or 2GiB; past it deliveries are answered and
    /// printed but no longer journalled (a relay answers 503 instead), and that is said once
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = parse_size)]
    pub journal_max: u64,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Manifest whose subscriptions to test (every ${VAR} must be set)
    #[arg(
        value_name = "FILE",
        required_unless_present = "live",
        conflicts_with = "live"
    )]
    pub file: Option<PathBuf>,
    /// Test the subscriptions on the account instead, with their real ids
    #[arg(long)]
    pub live: bool,
    #[command(flatten)]
    pub fleet: FleetArgs,
    /// Send every notification to this URL instead of each target (a local receiver; http
    /// allowed)
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// Also write the results as a JUnit XML report, which CI systems show natively
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Also send to targets that are http receivers on loopback (an emulator's); without
    /// it, a target Copper would refuse is a failed test and gets nothing
    #[arg(long)]
    pub allow_local_targets: bool,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A journal written by `listen --journal`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to send them (http or https)
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Only deliveries received at or after this time (RFC 3339, e.g. 2026-11-23T09:00:00Z)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only deliveries of this type
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: Option<EntityType>,
    /// Only deliveries of this event
    #[arg(long, value_enum)]
    pub event: Option<Event>,
    /// A secret value to put back where the journal took it out (repeatable; or
    /// COPPER_HOOKS_REPLAY_SECRET, pairs apart by ';')
    #[arg(
        long,
        value_name = "KEY=VALUE",
        env = "COPPER_HOOKS_REPLAY_SECRET",
        value_delimiter = ';',
        hide_env_values = true
    )]
    pub secret: Vec<String>,
    /// A header value to put back where the journal took it out (repeatable; or
    /// COPPER_HOOKS_REPLAY_HEADER, pairs apart by ';')
    #[arg(
        long,
        value_name = "NAME=VALUE",
        env = "COPPER_HOOKS_REPLAY_HEADER",
        value_delimiter = ';',
        hide_env_values = true
    )]
    pub header: Vec<String>,
    /// Also send requests listen refused that kept their body (from older journals), never
    /// with a secret filled in
    #[arg(long)]
    pub include_refused: bool,
    /// Sign each replayed body afresh (a kept signature signed the body it came with)
    #[command(flatten)]
    pub hmac: HmacArgs,
    /// Send only what a relay (listen --journal --forward-to) dead-lettered, as the relay
    /// forwards (same webhook-id), and mark each the app takes as forwarded, so a second
    /// replay sends nothing
    #[arg(long, conflicts_with_all = ["include_refused", "hmac_header"])]
    pub dead: bool,
    /// Like --dead, for what the relay has not forwarded yet (while listen is stopped)
    #[arg(long, conflicts_with_all = ["include_refused", "hmac_header"])]
    pub pending: bool,
    #[command(flatten)]
    pub sign: SignArgs,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The window's start: an RFC 3339 time (2026-12-07T09:00:00Z) or a span back from now
    /// (6h, 2d)
    #[arg(
        long,
        value_name = "TIME",
        required_unless_present = "gaps_from",
        conflicts_with = "gaps_from"
    )]
    pub since: Option<String>,
    /// The window's end, as --since [default: now]
    #[arg(long, value_name = "TIME", requires = "since")]
    pub until: Option<String>,
    /// Take the windows from a journal: when listen was not running, and stretches with no
    /// accepted delivery of --gap or more
    #[arg(long, value_name = "JOURNAL")]
    pub gaps_from: Option<PathBuf>,
    /// With --gaps-from: the shortest quiet stretch that is a gap
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_span, requires = "gaps_from")]
    pub gap: Duration,
    /// Where to send the notifications: your relay (`listen --journal --forward-to`), which
    /// keeps, signs and retries them, or your app (http or https)
    #[arg(long, value_name = "URL", required_unless_present = "dry_run")]
    pub to: Option<String>,
    /// Only records of this type (repeatable) [default: every type that can be searched]
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kinds: Vec<EntityType>,
    /// Take the types and events from a manifest's subscriptions
    #[arg(long, value_name = "FILE", conflicts_with = "kinds")]
    pub manifest: Option<PathBuf>,
    #[command(flatten)]
    pub sign: SignArgs,
    /// Search and count, send nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct JournalArgs {
    /// A journal written by `listen --journal`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A stretch with no accepted delivery at least this long is a gap, e.g. 30m or 6h
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_span)]
    pub gap: Duration,
    /// Rewrite the journal keeping what a relay still needs (pending and dead deliveries
    /// whole, the rest as their times); stop listen first
    #[arg(long)]
    pub compact: bool,
    /// For monitoring: exit 1, saying why in one line, when a delivery is dead-lettered or
    /// has been pending for --gap or more
    #[arg(long, conflicts_with = "compact")]
    pub check: bool,
}

/// Signing what is passed on to an app in the Standard Webhooks form.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Sign each notification sent on to the app in the Standard Webhooks form
    /// (webhook-id, webhook-timestamp, webhook-signature) with this secret, written
    /// whsec_<base64> (or COPPER_HOOKS_SIGN_SECRET, so it stays out of argv); any standard
    /// library verifies it
    #[arg(
        long,
        value_name = "whsec_...",
        env = "COPPER_HOOKS_SIGN_SECRET",
        hide_env_values = true
    )]
    pub sign_secret: Option<String>,
}

impl SignArgs {
    /// Whether the secret was given as a flag: from the environment it may be meant for
    /// another command (a relay's, exported in the same shell), so only a flag is an error
    /// where nothing is signed.
    pub fn given_as_flag(&self) -> bool {
        self.sign_secret.is_some() && std::env::var_os("COPPER_HOOKS_SIGN_SECRET").is_none()
    }
}

/// A signature over the raw body, as vendors that sign deliveries send it: `listen` checks
/// it, `replay` computes it afresh for each body.
#[derive(Debug, Args)]
pub struct HmacArgs {
    /// The header that carries a hex HMAC-SHA256 of the raw body
    #[arg(long, value_name = "NAME", requires = "hmac_secret")]
    pub hmac_header: Option<String>,
    /// The HMAC signing secret (or COPPER_HOOKS_HMAC_SECRET, so it stays out of argv)
    #[arg(
        long,
        value_name = "SECRET",
        env = "COPPER_HOOKS_HMAC_SECRET",
        hide_env_values = true,
        requires = "hmac_header"
    )]
    pub hmac_secret: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell
    #[arg(value_enum)]
    pub shell: Option<clap_complete::Shell>,
    /// Write every shell's script into this folder instead
    #[arg(long, value_name = "DIR", conflicts_with = "shell")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the page of every command into this folder instead of printing the main page
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// A size such as `256MiB`, `2GiB`, `500KiB` or a number of bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kib" | "kb" => 10,
        "m" | "mib" | "mb" => 20,
        "g" | "gib" | "gb" => 30,
        _ => return Err(format!("'{text}' is not a size: write e.g. 256MiB or 2GiB")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("'{text}' is not a size: write e.g. 256MiB or 2GiB"))
}

/// A span such as `15m`, `90s`, `500ms` or `1h 30m`, at most a day.
/// A span of up to 30 days, with a unit (a relay's retries, a gap).
fn parse_span(text: &str) -> Result<Duration, String> {
    let span = humantime::parse_duration(text.trim()).map_err(|_| {
        format!("'{text}' is not a duration: write it with a unit, e.g. 6h, 3d or 90m")
    })?;
    if span > Duration::from_secs(30 * 24 * 3600) {
        return Err(format!("'{text}' is longer than 30 days"));
    }
    if span.is_zero() {
        return Err(format!("'{text}' is no time at all"));
    }
    Ok(span)
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let span = humantime::parse_duration(text.trim()).map_err(|_| {
        format!("'{text}' is not a duration: write it with a unit, e.g. 15m, 90s or 500ms")
    })?;
    if span > Duration::from_secs(24 * 3600) {
        return Err(format!("'{text}' is longer than a day"));
    }
    Ok(span)
}
