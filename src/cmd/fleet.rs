//! The accounts a manifest command works on: the one account of the connection flags (a
//! fleet of one), or the accounts of an accounts file, chosen by `--account` and `--shard`.
//! Everything that can be known before a call is checked here, for every account at once:
//! the accounts file, each account's credentials, and the manifest read with each account's
//! own variables. Then [`each`] runs a command's work on every account, a few at a time.

use std::collections::BTreeMap;
use std::path::Path;

use crate::accounts::{self, Credentials, Spec, Value};
use crate::cli::FleetArgs;
use crate::config::{self, Setting, Settings, Source};
use crate::error::{self, Exit, Fail};
use crate::manifest::{EnvMode, Manifest};
use crate::output;

use super::{Ctx, Destination};

/// One account of the run, ready to connect, with the manifest as read for it (for the
/// commands that read one).
pub struct Member {
    pub destination: Destination,
    pub manifest: Option<Manifest>,
}

/// What a command needs of each account before any call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Credentials, to call the account (`plan`, `apply`, `export`, `test --live`).
    Calls,
    /// Only the manifest's variables (`test MANIFEST`, which calls no API).
    Variables,
    /// Nothing but the files (`validate --accounts`); with `skip_env`, variables taken from
    /// the environment may be unset, as `validate --skip-env` allows.
    Check { skip_env: bool },
}

impl Needs {
    fn credentials(self) -> bool {
        self == Needs::Calls
    }
}

pub struct Fleet {
    /// The accounts file, as it may be shown; `None` for the account of the connection
    /// flags.
    pub accounts_file: Option<String>,
    pub members: Vec<Member>,
    /// Accounts left out by `--skip-unresolved`, and why.
    pub skipped: Vec<(String, String)>,
}

/// One problem found before any call: in the accounts file, in the manifest itself, or in
/// one account (its credentials, or the manifest read with its variables).
#[derive(Debug, Clone)]
pub struct Listed {
    pub account: Option<String>,
    pub problem: Option<crate::manifest::Problem>,
    pub message: String,
    /// Whether the line starts with the account's name (a problem of the accounts file
    /// names its account in its own words, after its place).
    prefixed: bool,
}

impl Listed {
    fn of_file(problem: crate::manifest::Problem) -> Listed {
        Listed {
            account: None,
            message: problem.message.clone(),
            problem: Some(problem),
            prefixed: false,
        }
    }

    /// A problem of the accounts file within one account's table.
    fn in_accounts_file(account: String, problem: crate::manifest::Problem) -> Listed {
        Listed {
            account: Some(account),
            message: problem.message.clone(),
            problem: Some(problem),
            prefixed: false,
        }
    }

    fn of_account(account: &str, problem: Option<crate::manifest::Problem>, why: String) -> Listed {
        Listed {
            account: Some(account.to_string()),
            message: why,
            problem,
            prefixed: true,
        }
    }

    /// For scripts (`validate -o json`): where, and what.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "account": self.account,
            "file": self.problem.as_ref().map(|p| p.file.clone()),
            "line": self.problem.as_ref().map(|p| p.line),
            "column": self.problem.as_ref().map(|p| p.column),
            "message": self.message,
        })
    }
}

impl std::fmt::Display for Listed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(account), true) = (&self.account, self.prefixed) {
            write!(f, "account '{account}': ")?;
        }
        match &self.problem {
            Some(problem) => write!(f, "{problem}"),
            None => write!(f, "{}", crate::text::line(&self.message)),
        }
    }
}

/// Why a fleet could not be prepared: every problem found, and the one error line.
#[derive(Debug)]
pub struct Rejection {
    pub problems: Vec<Listed>,
    pub fail: Fail,
}

/// Reads the accounts and the manifest for each. Problems anywhere stop the run here, before
/// any call, all of them listed (on stderr), unless `--skip-unresolved` leaves out the
/// accounts they are in.
pub fn prepare(
    ctx: &Ctx,
    args: &FleetArgs,
    manifest: Option<&Path>,
    needs: Needs,
) -> anyhow::Result<Fleet> {
    match check(ctx, args, manifest, needs)? {
        Ok(fleet) => Ok(fleet),
        Err(rejection) => {
            for problem in &rejection.problems {
                output::note(&problem.to_string());
            }
            Err(rejection.fail.into())
        }
    }
}

/// [`prepare`], with the problems given back instead of printed (`validate -o json` puts
/// them in its document). The outer error is for what is not a problem of the files (a
/// usage error, an unreadable config folder).
pub fn check(
    ctx: &Ctx,
    args: &FleetArgs,
    manifest: Option<&Path>,
    needs: Needs,
) -> anyhow::Result<Result<Fleet, Rejection>> {
    let reject = |problems: Vec<Listed>, exit: Exit, message: String| {
        Ok(Err(Rejection {
            problems,
            fail: Fail::new(exit, message),
        }))
    };
    let Some(file) = &args.accounts else {
        let manifest = manifest
            .map(|path| super::require_manifest(ctx, path))
            .transpose()?;
        // Nothing is called without credentials needed: no settings are read for it.
        let destination = if needs.credentials() {
            ctx.destination()?
        } else {
            Destination {
                name: None,
                settings: placeholder_settings(),
            }
        };
        return Ok(Ok(Fleet {
            accounts_file: None,
            members: vec![Member {
                destination,
                manifest,
            }],
            skipped: Vec::new(),
        }));
    };
    let g = &ctx.global;
    let given = [
        ("--api-key", g.api_key.is_some()),
        ("--email", g.email.is_some()),
        ("--api-url", g.api_url.is_some()),
        ("--profile", g.profile.is_some()),
    ];
    if let Some((flag, _)) = given.iter().find(|(_, set)| *set) {
        return Err(error::usage(format!(
            "{flag} does not go with --accounts: the accounts file says where each account's \
             credentials come from"
        )));
    }
    let manifest_name = manifest.map(|m| m.display().to_string());
    let manifest_text = match manifest
        .map(|m| super::read_text(m, "manifest"))
        .transpose()
    {
        Ok(text) => text,
        Err(why) => return reject(Vec::new(), Exit::Data, why),
    };
    let accounts_name = file.display().to_string();
    let accounts_text = match super::read_text(file, "accounts file") {
        Ok(text) => text,
        Err(why) => return reject(Vec::new(), Exit::Data, why),
    };
    // The manifest's own problems (a misspelt type, bad TOML) are no account's: said once,
    // and never skipped past with --skip-unresolved. Only what its variables make of it is
    // each account's.
    if let (Some(text), Some(name)) = (&manifest_text, &manifest_name) {
        let any = crate::manifest::parse::Account {
            local_receivers: true,
            sandbox: false,
        };
        if let Err(problems) =
            crate::manifest::parse::parse_with(text, name, &|_| None, EnvMode::AllowUnset, any)
        {
            let n = problems.len();
            return reject(
                problems.into_iter().map(Listed::of_file).collect(),
                Exit::Data,
                format!(
                    "{n} problem(s) in {} (listed above), whatever the accounts: nothing was \
                     called in any account",
                    crate::text::line(name)
                ),
            );
        }
    }
    let required = manifest_text
        .as_deref()
        .map(crate::manifest::parse::required_variables)
        .unwrap_or_default();
    let (parsed, problems) = match accounts::parse(&accounts_text, &accounts_name, &required) {
        Ok(parsed) => (parsed, Vec::new()),
        Err(rejected) => (rejected.accounts, rejected.problems),
    };
    let selected = parsed.select(&args.account);
    let in_shard = |name: &str| args.shard.is_none_or(|shard| shard.holds(name));
    // Only what this run uses stops it: a problem in an account that --account or --shard
    // leaves out is said once, as not checked. An account too broken to be read is judged
    // by its name alone.
    let narrowed = !args.account.is_empty() || args.shard.is_some();
    let chosen_names: std::collections::BTreeSet<&str> = selected
        .as_ref()
        .map(|specs| {
            specs
                .iter()
                .map(|spec| spec.name.as_str())
                .filter(|name| in_shard(name))
                .collect()
        })
        .unwrap_or_default();
    let read: std::collections::BTreeSet<&str> =
        parsed.accounts.iter().map(|s| s.name.as_str()).collect();
    let uses = |name: &str| {
        !narrowed
            || chosen_names.contains(name)
            || (!read.contains(name)
                && (args.account.is_empty()
                    || args.account.iter().any(|p| accounts::glob(p, name)))
                && in_shard(name))
    };
    let (fatal, aside): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|(owner, _)| owner.as_deref().is_none_or(uses));
    if !fatal.is_empty() {
        let n = fatal.len();
        return reject(
            fatal
                .into_iter()
                .map(|(owner, problem)| match owner {
                    Some(name) => Listed::in_accounts_file(name, problem),
                    None => Listed::of_file(problem),
                })
                .collect(),
            Exit::Data,
            format!(
                "{n} problem(s) in {} (listed above)",
                crate::text::line(&accounts_name)
            ),
        );
    }
    let set_aside: std::collections::BTreeSet<String> =
        aside.into_iter().filter_map(|(owner, _)| owner).collect();
    if !set_aside.is_empty() && !ctx.global.quiet {
        output::note(&format!(
            "not checked: {} account(s) this run does not use have problems in {} ({}); \
             `validate --accounts` checks them all",
            set_aside.len(),
            crate::text::line(&accounts_name),
            set_aside.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    let mut chosen = selected.map_err(error::usage)?;
    let before = chosen.len();
    if let Some(shard) = args.shard {
        chosen.retain(|spec| in_shard(&spec.name));
        if !ctx.global.quiet {
            output::note(&format!(
                "shard {}/{}: {} of the {before} chosen accounts",
                shard.index,
                shard.count,
                chosen.len()
            ));
        }
    }

    let config_dir = match &ctx.global.config_dir {
        Some(dir) => dir.clone(),
        None => config::default_config_dir()?,
    };
    let profiles = if ctx.global.sandbox
        || !needs.credentials()
        || chosen
            .iter()
            .all(|s| !matches!(s.credentials, Credentials::Profile(_)))
    {
        config::ProfileFile::default()
    } else {
        config::load(&config_dir.join(config::CREDENTIALS_FILE))?
    };

    let mode = match needs {
        Needs::Check { skip_env: true } => EnvMode::AllowUnset,
        _ => EnvMode::Require,
    };
    let mut members = Vec::new();
    let mut skipped = Vec::new();
    let mut listed = Vec::new();
    let mut unresolved = 0;
    let mut bad_manifests = 0;
    for spec in chosen {
        let resolved = resolve(ctx, spec, &profiles, &config_dir, needs);
        let (settings, vars) = match resolved {
            Ok(found) => found,
            Err(why) => {
                listed.push(Listed::of_account(&spec.name, None, why.clone()));
                unresolved += 1;
                skipped.push((spec.name.clone(), why));
                continue;
            }
        };
        let lookup = |name: &str| vars.get(name).cloned();
        let account = crate::manifest::parse::Account {
            local_receivers: ctx.local_receivers_at(&settings.api_url.value),
            sandbox: ctx.global.sandbox,
        };
        let read = match (&manifest_text, &manifest_name) {
            (Some(text), Some(name)) => {
                crate::manifest::parse::parse_with(text, name, &lookup, mode, account).map(Some)
            }
            _ => Ok(None),
        };
        match read {
            Ok(mut manifest) => {
                if let Some(manifest) = manifest.as_mut() {
                    show_plain_values(manifest, spec);
                }
                members.push(Member {
                    destination: Destination {
                        name: Some(spec.name.clone()),
                        settings,
                    },
                    manifest,
                })
            }
            Err(problems) => {
                for p in &problems {
                    listed.push(Listed::of_account(
                        &spec.name,
                        Some(p.clone()),
                        p.message.clone(),
                    ));
                }
                bad_manifests += 1;
                skipped.push((
                    spec.name.clone(),
                    format!(
                        "{} problem(s) in the manifest with its variables",
                        problems.len()
                    ),
                ));
            }
        }
    }
    if let Err(twice) = refuse_twice_listed(&members) {
        return reject(Vec::new(), Exit::Data, twice);
    }
    let checking = matches!(needs, Needs::Check { .. });
    if (unresolved > 0 || bad_manifests > 0) && (!args.skip_unresolved || checking) {
        let exit = if bad_manifests > 0 {
            Exit::Data
        } else {
            Exit::Auth
        };
        // `validate` checks every chosen account: skipping some is not for it.
        let advice = if checking {
            "fix them, or choose the accounts to check with --account"
        } else {
            "fix them, or pass --skip-unresolved to go on without them"
        };
        return reject(
            listed,
            exit,
            format!(
                "{} account(s) cannot be used (listed above); nothing was called in any \
                 account: {advice}",
                unresolved + bad_manifests
            ),
        );
    }
    for problem in &listed {
        output::note(&problem.to_string());
    }
    if !skipped.is_empty() {
        output::note(&format!(
            "going on without {} account(s): {}",
            skipped.len(),
            skipped
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(Ok(Fleet {
        accounts_file: Some(accounts_name),
        members,
        skipped,
    }))
}

/// A plan shows a target's `${VAR}` template, not its values, since a value may be a secret.
/// A variable the accounts file writes out as it is (a tenant's name) is none: it is in the
/// repository, and the file refuses secrets written in clear. Its value is shown, so a
/// fleet's plan reads `https://app.example.com/acme`, not `.../${TENANT}` in every account.
fn show_plain_values(manifest: &mut Manifest, spec: &Spec) {
    let plain: BTreeMap<&str, &str> = spec
        .vars
        .iter()
        .filter_map(|(name, value)| match value {
            Value::Literal(text) => Some((name.as_str(), text.as_str())),
            Value::Env(_) => None,
        })
        .collect();
    if plain.is_empty() {
        return;
    }
    for declared in &mut manifest.subscriptions {
        declared.shown_target = fill_plain(&declared.shown_target, &plain);
    }
    manifest
        .hidden
        .retain(|(_, name)| !plain.contains_key(name.as_str()));
}

/// `template` with each `${NAME}` (or `${NAME:-..}`, `${NAME:?..}`) whose NAME is in
/// `plain` replaced by its value, escaped for a terminal line; the others left as they are.
fn fill_plain(template: &str, plain: &BTreeMap<&str, &str>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let body = &rest[at + 2..];
        let Some(end) = body.find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let inner = &body[..end];
        let name = inner.split([':']).next().unwrap_or(inner);
        match plain.get(name) {
            Some(value) if !value.is_empty() => out.push_str(&crate::text::line(value)),
            _ => out.push_str(&rest[at..at + 2 + end + 1]),
        }
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

/// One Copper account under two names would have every subscription created twice, and
/// every delivery sent twice: the same key, email and API root is refused before any call,
/// naming both (never the key).
fn refuse_twice_listed(members: &[Member]) -> Result<(), String> {
    let mut seen: BTreeMap<(String, String, String), &str> = BTreeMap::new();
    let mut twice = Vec::new();
    for member in members {
        let settings = &member.destination.settings;
        let (Some(key), Some(email), Some(name)) = (
            settings.api_key.as_ref(),
            settings.email.as_ref(),
            member.destination.name.as_deref(),
        ) else {
            continue;
        };
        let root = crate::rules::api_root(&settings.api_url.value);
        let id = (key.value.clone(), email.value.to_ascii_lowercase(), root);
        if let Some(first) = seen.insert(id, name) {
            twice.push(format!("'{first}' and '{name}'"));
        }
    }
    if twice.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the accounts file lists one Copper account twice ({}: the same key, email and \
         api_url): every subscription would be made twice; keep one name for it. Nothing was \
         called",
        twice.join(", ")
    ))
}

/// Where one account's credentials and variables come from, resolved: its settings, and
/// the values of the manifest's variables. In the sandbox no credential is read at all, and
/// a variable taken from the environment stands as a sandbox value: the sandbox needs no
/// secret and keeps none.
fn resolve(
    ctx: &Ctx,
    spec: &Spec,
    profiles: &config::ProfileFile,
    config_dir: &Path,
    needs: Needs,
) -> Result<(Settings, BTreeMap<String, String>), String> {
    let env = |name: &str, what: &str| match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => Ok(v),
        Ok(_) => Err(format!("{what} is read from ${name}, which is empty")),
        Err(_) => Err(format!("{what} is read from ${name}, which is not set")),
    };
    // Everything an account lacks is said at once: its credentials, then its variables.
    let mut lacking = Vec::new();
    // Where the key would go is said first: it is the one a reviewer must see.
    let mut first = Vec::new();
    if let Some(url) = spec.api_url.as_deref().filter(|_| !ctx.global.sandbox) {
        if let Err(why) = api_host_allowed(url) {
            first.push(why);
        }
    }
    let mut vars = BTreeMap::new();
    for (name, value) in &spec.vars {
        let value = match value {
            Value::Literal(text) => text.clone(),
            Value::Env(_) if ctx.global.sandbox => crate::manifest::sandbox_value(name),
            Value::Env(var) => match env(var, name) {
                Ok(value) => value,
                // Left unset: the manifest's check says what it could not check.
                Err(_) if needs == (Needs::Check { skip_env: true }) => continue,
                Err(why) => {
                    lacking.push(why);
                    continue;
                }
            },
        };
        vars.insert(name.clone(), value);
    }
    let done = |settings: Settings, vars, mut lacking: Vec<String>| {
        if lacking.is_empty() {
            Ok((settings, vars))
        } else {
            lacking.dedup();
            Err(lacking.join("; "))
        }
    };
    let default_url = || crate::copper::DEFAULT_API_URL.to_string();
    let mut settings = Settings {
        profile: Setting {
            value: config::DEFAULT_PROFILE.into(),
            source: Source::Default,
        },
        config_dir: config_dir.to_path_buf(),
        api_key: None,
        email: None,
        api_url: Setting {
            value: spec.api_url.clone().unwrap_or_else(default_url),
            source: Source::AccountsFile,
        },
    };
    if !ctx.global.sandbox && needs.credentials() {
        if let Err(why) = credentials_of(spec, profiles, config_dir, &mut settings, &env) {
            first.push(why);
        }
    }
    first.append(&mut lacking);
    done(settings, vars, first)
}

/// Copper's own API hosts (the second is its old name).
const COPPER_HOSTS: [&str; 2] = ["api.copper.com", "api.prosperworks.com"];

/// Where an accounts file may send an account's key: Copper, or a host named in
/// `COPPER_HOOKS_API_HOSTS` (as `host` or `host:port`). The file sits in the repository, so
/// a pull request can change it, and a plan job on that pull request holds the real keys;
/// the variable is set where a pull request cannot change it (the CI's settings). Loopback
/// is no exception: on a shared runner anyone may listen on `127.0.0.1:PORT`, so an
/// emulator there is named like any other host (the sandbox needs nothing: it is started
/// by the run itself).
fn api_host_allowed(raw: &str) -> Result<(), String> {
    let Ok(url) = url::Url::parse(raw) else {
        // The accounts file's check already refused it.
        return Ok(());
    };
    let host = match url.host() {
        Some(url::Host::Ipv6(ip)) => format!("[{ip}]"),
        Some(host) => host.to_string().to_ascii_lowercase(),
        None => String::new(),
    };
    let port = url.port_or_known_default().unwrap_or_default();
    let with_port = format!("{host}:{port}");
    if COPPER_HOSTS.contains(&host.as_str()) && url.scheme() == "https" {
        return Ok(());
    }
    let allowed = std::env::var("COPPER_HOOKS_API_HOSTS").unwrap_or_default();
    if allowed
        .split(',')
        .map(str::trim)
        .any(|h| h.eq_ignore_ascii_case(&host) || h.eq_ignore_ascii_case(&with_port))
    {
        return Ok(());
    }
    let what = if crate::rules::is_loopback_host(&url) {
        "a port on this machine, where anyone may listen"
    } else {
        "a host that is not Copper's"
    };
    Err(format!(
        "its api_url would send its key to {with_port}, {what}; if that is meant, name it in \
         COPPER_HOOKS_API_HOSTS (e.g. COPPER_HOOKS_API_HOSTS={with_port}), set where the \
         accounts file cannot change it"
    ))
}

/// Settings for a run that makes no call.
fn placeholder_settings() -> Settings {
    let unset = |value: &str| Setting {
        value: value.into(),
        source: Source::Default,
    };
    Settings {
        profile: unset(config::DEFAULT_PROFILE),
        config_dir: std::path::PathBuf::new(),
        api_key: None,
        email: None,
        api_url: unset(crate::copper::DEFAULT_API_URL),
    }
}

/// Fills in an account's key, email and API URL from its profile or the environment.
fn credentials_of(
    spec: &Spec,
    profiles: &config::ProfileFile,
    config_dir: &Path,
    settings: &mut Settings,
    env: &dyn Fn(&str, &str) -> Result<String, String>,
) -> Result<(), String> {
    let from = |value: String, source: Source| Some(Setting { value, source });
    match &spec.credentials {
        Credentials::Profile(profile) => {
            let stored = profiles.profiles.get(profile).ok_or_else(|| {
                format!(
                    "profile '{profile}' is not in {}; create it with `copper-hooks --profile \
                     {} auth login`",
                    config_dir.join(config::CREDENTIALS_FILE).display(),
                    crate::text::shell_word(profile)
                )
            })?;
            settings.profile = Setting {
                value: profile.clone(),
                source: Source::AccountsFile,
            };
            let missing = |what: &str| {
                format!(
                    "profile '{profile}' has no {what}; run `copper-hooks --profile {} auth login`",
                    crate::text::shell_word(profile)
                )
            };
            settings.api_key = from(
                stored.api_key.clone().ok_or_else(|| missing("API key"))?,
                Source::Profile,
            );
            settings.email = from(
                stored.email.clone().ok_or_else(|| missing("email"))?,
                Source::Profile,
            );
            if spec.api_url.is_none() {
                if let Some(url) = &stored.api_url {
                    settings.api_url = Setting {
                        value: url.clone(),
                        source: Source::Profile,
                    };
                }
            }
        }
        Credentials::Env { api_key_env, email } => {
            settings.api_key = from(env(api_key_env, "its API key")?, Source::AccountsFile);
            let email = match email {
                Value::Literal(e) => e.clone(),
                Value::Env(var) => env(var, "its email")?,
            };
            // `email_env` can name any variable, a token's included, and the email is
            // shown in plans: what is not an email is refused, and never repeated.
            if !crate::text::looks_like_email(&email) {
                let from = match &spec.credentials {
                    Credentials::Env {
                        email: Value::Env(var),
                        ..
                    } => format!("${var}"),
                    _ => "'email'".into(),
                };
                return Err(format!(
                    "its email (from {from}) is not an email address; name the variable that \
                     holds the API user's email"
                ));
            }
            settings.email = from(email, Source::AccountsFile);
        }
    }
    Ok(())
}

/// Runs `work` on every item, at most `parallel` at once, and gives the answers back in the
/// items' order. The work runs on this task (no spawning), so it may borrow.
pub async fn each<T, F, Fut>(items: Vec<T>, parallel: u16, work: F) -> Vec<Fut::Output>
where
    F: FnMut(T) -> Fut,
    Fut: std::future::Future,
{
    use futures_util::StreamExt;
    futures_util::stream::iter(items)
        .map(work)
        .buffered(usize::from(parallel.max(1)))
        .collect()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_are_shown_and_others_stay_templates() {
        let plain = BTreeMap::from([("TENANT", "acme"), ("EMPTY", ""), ("ODD", "a\u{1b}[2Jb")]);
        assert_eq!(
            fill_plain("https://h.example.com/${TENANT}/${TOKEN}", &plain),
            "https://h.example.com/acme/${TOKEN}"
        );
        assert_eq!(
            fill_plain("x/${TENANT:-d}/${EMPTY:-e}", &plain),
            "x/acme/${EMPTY:-e}"
        );
        assert_eq!(fill_plain("x/${ODD}", &plain), "x/a\\u{1b}[2Jb");
        assert_eq!(fill_plain("x/${TENANT", &plain), "x/${TENANT");
    }
}
