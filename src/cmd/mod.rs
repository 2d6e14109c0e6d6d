//! One module per subcommand, and the context they share: resolved settings, the API
//! client (or the sandbox behind it), and how loud to be.

mod apply;
mod auth;
mod completions;
mod create;
mod delete;
mod emulator;
mod export;
mod fleet;
mod get;
mod journal;
mod list;
mod listen;
mod man;
mod plan;
mod reconcile;
mod replay;
mod test;
mod trigger;
mod update;
mod validate;

use std::io::IsTerminal;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use crate::cli::{Cli, Command, Global};
use crate::config::{self, Given, Setting, Settings, Source};
use crate::copper::{Backoff, Client, Credentials, Options};
use crate::error::{self, Exit};
use crate::{emulator as emu, output};

pub async fn run(cli: Cli) -> anyhow::Result<Exit> {
    let ctx = Ctx::new(cli.global);
    // An output format a command cannot honour is refused, never silently ignored.
    let markdown_ok = matches!(cli.command, Command::Plan(_) | Command::Apply(_));
    if ctx.global.output == output::Format::Markdown && !markdown_ok {
        return Err(error::usage(
            "-o markdown is for plan and apply; use table or json here",
        ));
    }
    let no_json = match &cli.command {
        Command::Delete(_) => Some("delete"),
        Command::Auth(crate::cli::AuthCommand::Login(_)) => Some("auth login"),
        Command::Auth(crate::cli::AuthCommand::Logout) => Some("auth logout"),
        Command::Emulator(_) => Some("emulator"),
        Command::Replay(_) => Some("replay"),
        Command::Completions(_) => Some("completions"),
        Command::Man(_) => Some("man"),
        _ => None,
    };
    if let (Some(name), true) = (no_json, ctx.json()) {
        return Err(error::usage(format!(
            "-o json is not supported by `{name}`, which prints no data; leave -o out"
        )));
    }
    let result = match cli.command {
        Command::List(args) => list::run(&ctx, args).await,
        Command::Get(args) => get::run(&ctx, args).await,
        Command::Create(args) => create::run(&ctx, args).await,
        Command::Update(args) => update::run(&ctx, args).await,
        Command::Delete(args) => delete::run(&ctx, args).await,
        Command::Validate(args) => validate::run(&ctx, args),
        Command::Plan(args) => plan::run(&ctx, args).await,
        Command::Apply(args) => apply::run(&ctx, args).await,
        Command::Export(args) => export::run(&ctx, args).await,
        Command::Auth(cmd) => auth::run(&ctx, cmd).await,
        Command::Trigger(args) => trigger::run(&ctx, args).await,
        Command::Listen(args) => listen::run(&ctx, args).await,
        Command::Replay(args) => replay::run(&ctx, args).await,
        Command::Journal(args) => journal::run(&ctx, &args),
        Command::Reconcile(args) => reconcile::run(&ctx, args).await,
        Command::Test(args) => test::run(&ctx, args).await,
        Command::Emulator(args) => emulator::run(&ctx, args).await,
        Command::Completions(args) => completions::run(&ctx, args),
        Command::Man(args) => man::run(&ctx, args),
    };
    ctx.keep_quota().await;
    result
}

pub struct Ctx {
    pub global: Global,
    /// Each connected account's quota memory and the client whose limiter learns it.
    quota: std::sync::Mutex<Vec<(crate::quota::Memory, crate::copper::QuotaHandle)>>,
    /// The sandbox's emulator, started by the first account that needs it and shared by
    /// every account of a sandbox fleet.
    sandbox: tokio::sync::OnceCell<emu::Running>,
    /// When the command started: `--deadline` bounds the whole command from here, however
    /// many accounts it works on.
    started: tokio::time::Instant,
    /// One TLS configuration and connection pool for every account of the run.
    transports: crate::copper::Transports,
}

/// One account, as commands take it: its name in an accounts file (none for the account of
/// the connection flags), its settings and credentials, and a client with its own rate
/// limiter and quota memory. A run over one account is a fleet of one of these.
pub struct Account {
    pub name: Option<String>,
    pub client: Client,
    pub settings: Settings,
    pub credentials: Credentials,
    sandboxed: bool,
}

/// Where an account's calls go, before it is connected.
#[derive(Debug, Clone)]
pub struct Destination {
    pub name: Option<String>,
    pub settings: Settings,
}

impl Ctx {
    fn new(global: Global) -> Self {
        let transports = crate::copper::Transports::new(Duration::from_secs(global.timeout));
        Self {
            global,
            quota: std::sync::Mutex::new(Vec::new()),
            sandbox: tokio::sync::OnceCell::new(),
            started: tokio::time::Instant::now(),
            transports,
        }
    }

    /// Keeps what the limiters learned of the accounts' quotas for the next run (see
    /// [`crate::quota`]); a file that cannot be written is only worth a note under -v.
    async fn keep_quota(&self) {
        let kept = std::mem::take(&mut *self.quota.lock().unwrap_or_else(|p| p.into_inner()));
        if kept.is_empty() {
            return;
        }
        let mut learned = Vec::with_capacity(kept.len());
        for (memory, quota) in kept {
            learned.push((memory, quota.learned().await));
        }
        if let Err(err) = crate::quota::keep_all(learned) {
            if self.global.verbose {
                output::note(&format!("could not keep the learned quota: {err:#}"));
            }
        }
    }

    /// Whether targets may be `http://` receivers on loopback: only when the API itself is
    /// an emulator on loopback over http (which delivers there when started with
    /// `--allow-http-targets`), never against Copper, and not in the sandbox, whose
    /// emulator never delivers.
    pub fn local_receivers(&self) -> bool {
        self.settings()
            .is_ok_and(|s| self.local_receivers_at(&s.api_url.value))
    }

    /// [`Ctx::local_receivers`] for an account at this API URL.
    pub fn local_receivers_at(&self, api_url: &str) -> bool {
        !self.global.sandbox
            && url::Url::parse(api_url)
                .is_ok_and(|u| u.scheme() == "http" && crate::rules::is_loopback_host(&u))
    }

    /// What a manifest read for this run's account may hold.
    pub fn manifest_account(&self) -> crate::manifest::parse::Account {
        crate::manifest::parse::Account {
            local_receivers: self.local_receivers(),
            sandbox: self.global.sandbox,
        }
    }

    /// A target from a flag, checked by Copper's rules (and admitting a loopback receiver
    /// when [`Ctx::local_receivers`]).
    pub fn target(&self, raw: &str) -> Result<crate::rules::Target, crate::rules::RuleError> {
        if self.local_receivers() {
            crate::rules::Target::parse_local(raw, &crate::rules::shown_target(raw))
        } else {
            crate::rules::Target::parse(raw)
        }
    }

    /// Progress for people, on stderr; silent under `--quiet`.
    pub fn note(&self, text: &str) {
        if !self.global.quiet {
            output::note(text);
        }
    }

    pub fn json(&self) -> bool {
        self.global.output == output::Format::Json
    }

    pub fn settings(&self) -> anyhow::Result<Settings> {
        self.resolve(false)
    }

    /// Settings for `auth login`, which creates the profile it names.
    pub fn settings_to_create(&self) -> anyhow::Result<Settings> {
        self.resolve(true)
    }

    fn resolve(&self, creating_profile: bool) -> anyhow::Result<Settings> {
        let g = &self.global;
        if g.sandbox && !creating_profile {
            // The sandbox has credentials of its own (see [`Ctx::open`]): the user's
            // profile file, its mode and the profile variables are never read for it.
            let unset = |value: &str| Setting {
                value: value.into(),
                source: Source::Sandbox,
            };
            return Ok(Settings {
                profile: unset(config::DEFAULT_PROFILE),
                config_dir: std::path::PathBuf::new(),
                api_key: None,
                email: None,
                api_url: unset(crate::copper::DEFAULT_API_URL),
            });
        }
        config::resolve(&Given {
            api_key: g.api_key.clone(),
            email: g.email.clone(),
            api_url: g.api_url.clone(),
            profile: g.profile.clone(),
            config_dir: g.config_dir.clone(),
            creating_profile,
        })
    }

    pub fn client_options(&self) -> Options {
        self.options_for(None)
    }

    /// Client options for one account: in a fleet, what it says of waits is prefixed with
    /// the account's name.
    fn options_for(&self, name: Option<&str>) -> Options {
        let prefix = name.map(|n| format!("{n}: ")).unwrap_or_default();
        Options {
            timeout: Duration::from_secs(self.global.timeout),
            deadline: Duration::from_secs(self.global.deadline),
            started: Some(self.started),
            on_wait: (!self.global.quiet).then(|| {
                Arc::new(move |wait: Duration| {
                    output::note(&format!(
                        "{prefix}waiting {} s for Copper's rate limit (other clients may be \
                         using this account's quota)",
                        wait.as_secs_f64().ceil() as u64
                    ))
                }) as crate::copper::WaitNotice
            }),
            rate: self.global.rate_limit,
            learned: None,
            http: Some(self.transports.clone()),
            on_slow: (!self.global.quiet).then(|| {
                Arc::new(|line: &str| -> Box<dyn Send> {
                    output::note(line);
                    Box::new(output::Spinner::start("waiting for an answer"))
                }) as crate::copper::SlowNotice
            }),
            backoff: Backoff {
                retries: self.global.retries,
                base: Duration::from_millis(backoff_ms()),
                ..Backoff::default()
            },
        }
    }

    fn trace(&self, name: Option<&str>) -> Option<crate::copper::Trace> {
        let prefix = name.map(|n| format!("{n}: ")).unwrap_or_default();
        self.global.verbose.then(|| {
            Arc::new(move |line: &str| output::note(&format!("{prefix}{line}")))
                as crate::copper::Trace
        })
    }

    /// The sandbox's emulator, started on first use.
    async fn sandbox(&self) -> anyhow::Result<&emu::Running> {
        self.sandbox
            .get_or_try_init(|| async {
                let state_file = config::data_dir()?.join("sandbox.json");
                emu::start(
                    emu::Config {
                        state_file: Some(state_file),
                        ..emu::Config::default()
                    },
                    SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
                    std::future::pending(),
                )
                .await
            })
            .await
    }

    /// The account of the connection flags (environment, profile): a fleet of one.
    pub fn destination(&self) -> anyhow::Result<Destination> {
        Ok(Destination {
            name: None,
            settings: self.settings()?,
        })
    }

    /// Resolves credentials and builds the client for the account of the connection flags;
    /// with `--sandbox`, starts the emulator.
    pub async fn connect(&self) -> anyhow::Result<Account> {
        self.open(self.destination()?).await
    }

    /// Connects one account: its own client, rate limiter and quota memory. In the sandbox,
    /// each named account is a sandbox account of its own.
    pub async fn open(&self, destination: Destination) -> anyhow::Result<Account> {
        let Destination { name, mut settings } = destination;
        if self.global.sandbox {
            let running = self.sandbox().await?;
            settings.api_url = Setting {
                value: running.base_url(),
                source: Source::Sandbox,
            };
            // The sandbox never sees the user's real key, whatever the flags or environment
            // hold: a sandbox is for trying things, and its state file is not a vault.
            let sandboxed = |value: String| {
                Some(Setting {
                    value,
                    source: Source::Sandbox,
                })
            };
            settings.api_key = sandboxed("sandbox-key".into());
            settings.email = sandboxed(match &name {
                Some(name) => format!("{name}@sandbox.example.com"),
                None => "sandbox@example.com".into(),
            });
        }
        let url = crate::rules::check_api_url(&settings.api_url.value)?;
        let credentials = credentials(&settings)?;
        let mut options = self.options_for(name.as_deref());
        // The sandbox's quota is always Copper's, and its address changes every run.
        let memory = if !self.global.sandbox {
            config::data_dir()
                .ok()
                .map(|dir| crate::quota::Memory::new(&dir, url.as_str(), &credentials.email))
        } else {
            None
        };
        if let Some((rate, age)) = memory.as_ref().and_then(|m| m.recall(options.rate)) {
            if self.global.verbose {
                let prefix = name
                    .as_deref()
                    .map(|n| format!("{n}: "))
                    .unwrap_or_default();
                output::note(&format!(
                    "{prefix}pacing: starting from the quota learned {} min ago: {} calls per \
                     {:.1} s",
                    age.as_secs() / 60,
                    rate.calls,
                    rate.window.as_secs_f64()
                ));
            }
            options.learned = Some(rate);
        }
        let client = Client::new(url, &credentials, options, self.trace(name.as_deref()))?;
        if let Some(memory) = memory {
            self.quota
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((memory, client.quota()));
        }
        Ok(Account {
            name,
            client,
            settings,
            credentials,
            sandboxed: self.global.sandbox,
        })
    }
}

impl Account {
    /// The account as plans and summaries name it: the sandbox, a stored profile, or the
    /// API user (at a host other than Copper's); never the key. An account of an accounts
    /// file is named by its name first.
    pub fn account_label(&self) -> String {
        let who = self.who();
        match &self.name {
            Some(name) if self.sandboxed => format!("{name} (sandbox)"),
            Some(name) => format!("{name} ({who})"),
            None => who,
        }
    }

    /// What this account's plan checksums are keyed with: its key and where its calls go
    /// (the sandbox's address changes every run, so it is named, not given).
    pub fn checksum_key(&self) -> Vec<u8> {
        let root = if self.sandboxed {
            "sandbox"
        } else {
            self.settings.api_url.value.as_str()
        };
        crate::manifest::plan::checksum_key(
            &self.credentials.api_key,
            root,
            &self.credentials.email,
        )
    }

    fn who(&self) -> String {
        if self.sandboxed {
            return "the sandbox".into();
        }
        let email = &self.credentials.email;
        let from_profile = self
            .settings
            .api_key
            .as_ref()
            .is_some_and(|k| k.source == Source::Profile);
        let host = (self.settings.api_url.value != crate::copper::DEFAULT_API_URL)
            .then(|| url::Url::parse(&self.settings.api_url.value).ok())
            .flatten()
            .and_then(|u| u.host_str().map(|h| format!(" at {h}")))
            .unwrap_or_default();
        if from_profile {
            format!("profile '{}' ({email}{host})", self.settings.profile.value)
        } else {
            format!("{email}{host}")
        }
    }
}

/// The base of the backoff between retries, in milliseconds: 500, or
/// `COPPER_HOOKS_BACKOFF_MS` (0 to 60,000), a knob for tests that is no flag of the CLI (a
/// hidden flag would still be offered by shell completion).
fn backoff_ms() -> u64 {
    backoff_ms_or(500)
}

/// [`backoff_ms`] with another default: the relay's first wait.
pub fn backoff_ms_or(default: u64) -> u64 {
    std::env::var("COPPER_HOOKS_BACKOFF_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(default, |ms| ms.min(60_000))
}

pub fn credentials(settings: &Settings) -> anyhow::Result<Credentials> {
    let missing = |what: &str, flag: &str, var: &str| {
        error::auth(
            format!("no {what} is set"),
            format!("pass {flag}, set {var}, run `copper-hooks auth login`, or try `--sandbox`"),
        )
    };
    let api_key = settings
        .api_key
        .as_ref()
        .ok_or_else(|| missing("API key", "--api-key", "COPPER_API_KEY"))?;
    let email = settings
        .email
        .as_ref()
        .ok_or_else(|| missing("email", "--email", "COPPER_USER_EMAIL"))?;
    Ok(Credentials {
        api_key: api_key.value.clone(),
        email: email.value.clone(),
    })
}

/// Which signal stopped a server (`emulator`, `listen`), once one has.
#[derive(Clone, Default)]
pub struct StoppedBy(Arc<std::sync::OnceLock<&'static str>>);

impl StoppedBy {
    /// `SIGTERM`, `SIGINT (Ctrl-C)`, or `otherwise` when no signal came.
    pub fn said(&self, otherwise: &'static str) -> &'static str {
        self.0.get().copied().unwrap_or(otherwise)
    }
}

/// A future that completes on Ctrl-C (SIGINT) or SIGTERM, which servers stop cleanly on
/// (exit 0, saying so), with the record of which one came. The handlers are installed here,
/// before the future is first polled: a server calls this before it says it is listening,
/// so a signal sent the moment it says so is already caught.
pub fn stop_signal() -> (
    StoppedBy,
    impl std::future::Future<Output = ()> + Send + 'static,
) {
    let by = StoppedBy::default();
    let record = by.clone();
    #[cfg(unix)]
    let streams = {
        use tokio::signal::unix::{signal, SignalKind};
        signal(SignalKind::interrupt()).and_then(|i| Ok((i, signal(SignalKind::terminate())?)))
    };
    let signal = async move {
        #[cfg(unix)]
        if let Ok((mut interrupt, mut terminate)) = streams {
            let which = tokio::select! {
                _ = interrupt.recv() => "SIGINT (Ctrl-C)",
                _ = terminate.recv() => "SIGTERM",
            };
            let _ = record.0.set(which);
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
        let _ = record.0.set("SIGINT (Ctrl-C)");
    };
    (by, signal)
}

/// Asks a yes/no question on a terminal and goes on only on yes. The answer waits for Enter,
/// so typing `yes` is one answer, not `y` and then `es` for the shell. Without a terminal
/// it is a usage error unless `--yes` was given, so CI never waits on a prompt; a no is its
/// own outcome ([`Exit::Declined`]), so a wrapper can tell it from success.
pub fn confirm(question: &str, yes: bool) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    require_terminal("pass --yes to go ahead without asking")?;
    let agreed = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .wait_for_newline(true)
        .interact()?;
    if agreed {
        Ok(())
    } else {
        // A choice, not an error: `main` prints this line as it is, and exits 5.
        Err(error::Fail::new(Exit::Declined, "Nothing was changed.").into())
    }
}

/// Fails with the one rule for every prompt: no terminal to ask on is a usage error (64),
/// naming the flags that make the question unnecessary.
pub fn require_terminal(flags: &str) -> anyhow::Result<()> {
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        Ok(())
    } else {
        Err(error::usage(format!("no terminal to ask on: {flags}")))
    }
}

/// Prints one subscription as the user asked: a field list or JSON.
pub fn show_subscription(ctx: &Ctx, sub: &crate::copper::Subscription) -> anyhow::Result<()> {
    let show = ctx.global.show_secrets;
    if ctx.json() {
        output::json_out(&output::subscription_json(sub, show))
    } else {
        output::out(&output::subscription_detail(sub, show))
    }
}

/// Why a manifest could not be used.
pub enum LoadError {
    Unreadable(String),
    Problems(Vec<crate::manifest::Problem>),
}

pub fn load_manifest(
    path: &std::path::Path,
    mode: crate::manifest::EnvMode,
    account: crate::manifest::parse::Account,
) -> Result<crate::manifest::Manifest, LoadError> {
    let text = read_text(path, "manifest").map_err(LoadError::Unreadable)?;
    let lookup = |name: &str| std::env::var(name).ok();
    crate::manifest::parse::parse_with(&text, &path.display().to_string(), &lookup, mode, account)
        .map_err(LoadError::Problems)
}

/// The largest manifest read: 100 subscriptions take a few KB, so this leaves room for any
/// comments while keeping a hostile file from costing much.
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;

/// Reads a manifest (or an accounts file: `what` says which): a regular file (not a device
/// such as /dev/zero, nor a FIFO that never ends) of at most [`MAX_MANIFEST_BYTES`], in
/// UTF-8.
pub fn read_text(path: &std::path::Path, what: &str) -> Result<String, String> {
    use std::io::Read;
    let shown = crate::text::line(&path.display().to_string()).into_owned();
    let cannot = |e: std::io::Error| format!("cannot read {shown}: {e}");
    // Opened without blocking: opening a FIFO for reading waits for a writer that may
    // never come (a committed symlink can point at one), so it is opened, found not to be
    // a regular file, and refused, instead of hanging the job.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(cannot)?;
    if !file.metadata().map_err(cannot)?.is_file() {
        return Err(format!("{shown} is not a regular file; give a {what} file"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_MANIFEST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(format!(
            "{shown} is larger than {} KiB, the most a {what} may be",
            MAX_MANIFEST_BYTES / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown} is not UTF-8 text (byte {} is not); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Prints a manifest's problems on stderr, one `file:line:col: message` each; returns how many.
pub fn report_problems(err: &LoadError) -> usize {
    match err {
        LoadError::Unreadable(message) => {
            output::note(message);
            1
        }
        LoadError::Problems(problems) => {
            for p in problems {
                output::note(&p.to_string());
            }
            problems.len()
        }
    }
}

/// Loads a manifest for `plan` and `apply`: every variable must be set.
pub fn require_manifest(
    ctx: &Ctx,
    path: &std::path::Path,
) -> anyhow::Result<crate::manifest::Manifest> {
    load_manifest(
        path,
        crate::manifest::EnvMode::Require,
        ctx.manifest_account(),
    )
    .map_err(|err| {
        let message = match &err {
            LoadError::Unreadable(message) => message.clone(),
            LoadError::Problems(_) => {
                let n = report_problems(&err);
                format!("{n} problem(s) in {} (listed above)", path.display())
            }
        };
        error::Fail::new(Exit::Data, message).into()
    })
}
