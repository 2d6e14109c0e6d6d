//! The accounts file: which Copper accounts one manifest is kept in, where each account's
//! credentials come from (a stored profile, or the names of environment variables: never a
//! key in the file), and the values of the manifest's variables for each.
//!
//! ```toml
//! [defaults]
//! vars = { REGION = "us" }
//!
//! [account.acme]
//! groups = ["tenants"]
//! api_key_env = "ACME_COPPER_API_KEY"
//! email = "integrations@acme.example"
//! vars = { TENANT = "acme", WEBHOOK_SECRET = { env = "ACME_WEBHOOK_SECRET" } }
//! ```
//!
//! Like the manifest, the file is walked by hand (toml_edit keeps spans) so every problem is
//! reported at once with `file:line:col`. Nothing here reads the environment or a profile:
//! [`Spec`]s say where values come from, and `cmd::fleet` resolves them.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use sha2::Digest;
use toml_edit::{ImDocument, Item, TableLike};

use crate::manifest::Problem;
use crate::rules;

/// A checked accounts file.
#[derive(Debug, Clone)]
pub struct Accounts {
    pub accounts: Vec<Spec>,
}

/// One account as the file describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub name: String,
    pub groups: Vec<String>,
    pub credentials: Credentials,
    pub api_url: Option<String>,
    /// The manifest's variables for this account, `[defaults]` included.
    pub vars: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// A profile stored by `auth login` (its key, email and API URL).
    Profile(String),
    /// The key from this environment variable, the email as given.
    Env { api_key_env: String, email: Value },
}

/// A value written in the file, or the name of the environment variable holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Literal(String),
    Env(String),
}

const TOP_KEYS: &[&str] = &["defaults", "account"];
const DEFAULT_KEYS: &[&str] = &["api_url", "vars"];
const ACCOUNT_KEYS: &[&str] = &[
    "profile",
    "api_key_env",
    "email",
    "email_env",
    "api_url",
    "groups",
    "vars",
];
/// Keys a user might write a credential under: refused with a pointer to `api_key_env`.
const CLEAR_KEYS: &[&str] = &[
    "api_key",
    "key",
    "token",
    "access_token",
    "apikey",
    "password",
    "secret",
];
/// The most accounts one file lists: far above any fleet we know of, and a bound on what a
/// hostile file costs.
pub const MAX_ACCOUNTS: usize = 10_000;
/// The most variables one `vars` table sets.
pub const MAX_VARS: usize = 256;
/// The most variable values the whole file comes to, `[defaults]` counted once in every
/// account that takes them: each account keeps its own, so a short file with many defaults
/// and many accounts would otherwise multiply into gigabytes.
pub const MAX_VALUES: usize = 250_000;

/// Parses and checks an accounts file. `file` is its name in problems; `needs` are the
/// variables the manifest reads that have no default, each of which every account must set.
pub fn parse(text: &str, file: &str, needs: &[String]) -> Result<Accounts, Rejected> {
    let mut checker = Checker {
        text,
        problems: Vec::new(),
        current: None,
    };
    let accounts = checker.document(needs);
    if checker.problems.is_empty() {
        return Ok(Accounts { accounts });
    }
    let problems = crate::manifest::parse::locate_with(text, file, checker.problems)
        .into_iter()
        .map(|(problem, owner)| (owner, problem))
        .collect();
    Err(Rejected {
        problems,
        accounts: Accounts { accounts },
    })
}

/// An accounts file with problems: each with the account it is in (`None`: the file's
/// own, such as bad TOML), and the accounts that could be read all the same, so a run that
/// chose other accounts can go on without the broken ones.
#[derive(Debug)]
pub struct Rejected {
    pub problems: Vec<(Option<String>, Problem)>,
    pub accounts: Accounts,
}

struct Checker<'a> {
    text: &'a str,
    /// (byte offset, message, the account it is in).
    problems: Vec<(usize, String, Option<String>)>,
    /// The account being read, whose problems are its own.
    current: Option<String>,
}

/// A name for an account or a group: letters, digits, `-`, `_` and `.`, so it is safe to
/// show anywhere, and a glob's `*` and `?` never occur in it.
fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// An environment variable's name, as shells write them.
fn valid_var(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether a variable's name says it holds a secret: such a value is read from the
/// environment, never written in the file.
fn secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    [
        "SECRET",
        "TOKEN",
        "PASSWORD",
        "PASSWD",
        "KEY",
        "CREDENTIAL",
        "PRIVATE",
    ]
    .iter()
    .any(|word| upper.contains(word))
}

/// Whether text looks like a Copper API key (32 hex digits), whatever it is called.
fn looks_like_key(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 32 && t.len() <= 64 && t.chars().all(|c| c.is_ascii_hexdigit())
}

impl Checker<'_> {
    fn at(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let offset = crate::manifest::parse::offset_of(self.text, span);
        self.problems
            .push((offset, message.into(), self.current.clone()));
    }

    fn key_span(table: &dyn TableLike, key: &str) -> Option<Range<usize>> {
        table.get_key_value(key).and_then(|(k, _)| k.span())
    }

    fn unknown(&mut self, table: &dyn TableLike, key: &str, known: &[&str], place: &str) {
        let message = if CLEAR_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
            format!(
                "'{key}' in {place}: an API key is never written in the accounts file; name \
                 the environment variable that holds it: api_key_env = \"NAME\""
            )
        } else {
            format!(
                "unknown key '{key}' in {place}{} (expected {})",
                rules::suggest(key, known.iter().copied()),
                known.join(", ")
            )
        };
        self.at(Self::key_span(table, key), message);
    }

    fn document(&mut self, needs: &[String]) -> Vec<Spec> {
        let doc = match ImDocument::parse(self.text) {
            Ok(doc) => doc,
            Err(err) => {
                let message = err.message().trim().replace('\n', "; ");
                self.at(err.span(), format!("not valid TOML: {message}"));
                return Vec::new();
            }
        };
        let root = doc.as_table();
        let mut default_url = None;
        let mut default_vars = BTreeMap::new();
        let mut listed = None;
        for (key, item) in root.iter() {
            match key {
                "defaults" => match item.as_table_like() {
                    Some(table) => {
                        for (k, v) in table.iter() {
                            match k {
                                "api_url" => default_url = self.api_url(v),
                                "vars" => default_vars = self.vars(v, "[defaults]"),
                                other => self.unknown(table, other, DEFAULT_KEYS, "[defaults]"),
                            }
                        }
                    }
                    None => self.at(item.span(), "'defaults' must be a table: write [defaults]"),
                },
                "account" => match item.as_table_like() {
                    Some(table) => listed = Some((table, item.span())),
                    None => self.at(
                        item.span().or(Self::key_span(root, key)),
                        "'account' must hold one table per account: write [account.NAME]",
                    ),
                },
                other => self.unknown(root, other, TOP_KEYS, "the accounts file"),
            }
        }
        let Some((table, _)) = listed else {
            if self.problems.is_empty() {
                self.at(
                    None,
                    "the accounts file lists no accounts: add one as [account.NAME]",
                );
            }
            return Vec::new();
        };
        let mut specs = Vec::new();
        let mut values = 0usize;
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut spans: HashMap<String, Option<Range<usize>>> = HashMap::new();
        for (name, item) in table.iter() {
            self.current = None;
            let span = Self::key_span(table, name);
            if specs.len() == MAX_ACCOUNTS {
                self.at(
                    span,
                    format!("the accounts file lists more than {MAX_ACCOUNTS} accounts"),
                );
                break;
            }
            if !valid_name(name) {
                self.at(
                    span.clone(),
                    format!(
                        "account name '{name}': use 1 to 64 letters, digits, '-', '_' or '.', \
                         starting with a letter or digit"
                    ),
                );
            }
            // A name --account can choose has problems of its own; any other name's are the
            // file's.
            self.current = valid_name(name).then(|| name.to_string());
            if self.current.is_none() {
                // Said above.
            } else if let Some(first) = seen.insert(name.to_ascii_lowercase(), name.to_string()) {
                self.at(
                    span.clone(),
                    format!(
                        "account '{name}' is listed twice (as '{first}' too; names ignore case)"
                    ),
                );
            }
            spans.insert(name.to_string(), span.clone());
            let Some(fields) = item.as_table_like() else {
                self.at(
                    item.span().or(span),
                    format!("account '{name}' must be a table: write [account.{name}]"),
                );
                continue;
            };
            if let Some(mut spec) = self.account(name, fields, span.clone()) {
                if spec.api_url.is_none() {
                    spec.api_url = default_url.clone();
                }
                let taken = default_vars
                    .keys()
                    .filter(|k| !spec.vars.contains_key(*k))
                    .count();
                values += spec.vars.len() + taken;
                if values > MAX_VALUES {
                    self.at(
                        span,
                        format!(
                            "the accounts file comes to more than {MAX_VALUES} variable values \
                             by account '{name}' ([defaults] vars count once in each account): \
                             set fewer variables, or split the accounts over several files"
                        ),
                    );
                    break;
                }
                for (k, v) in &default_vars {
                    spec.vars.entry(k.clone()).or_insert_with(|| v.clone());
                }
                let missing: Vec<&str> = needs
                    .iter()
                    .filter(|n| !spec.vars.contains_key(n.as_str()))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    self.at(
                        span,
                        format!(
                            "account '{name}' does not set {}, which the manifest reads: add \
                             it under vars (or [defaults] vars)",
                            missing.join(", ")
                        ),
                    );
                }
                specs.push(spec);
            }
        }
        self.current = None;
        for spec in &specs {
            for group in &spec.groups {
                if seen.contains_key(&group.to_ascii_lowercase()) {
                    self.at(
                        spans.get(&spec.name).cloned().flatten(),
                        format!(
                            "account '{}' is in group '{group}', which is also an account's \
                             name: --account {group} would be ambiguous; rename one",
                            spec.name
                        ),
                    );
                }
            }
        }
        if specs.is_empty() && self.problems.is_empty() {
            self.at(
                None,
                "the accounts file lists no accounts: add one as [account.NAME]",
            );
        }
        specs
    }

    fn account(
        &mut self,
        name: &str,
        fields: &dyn TableLike,
        span: Option<Range<usize>>,
    ) -> Option<Spec> {
        let place = format!("account '{name}'");
        let mut profile = None;
        let mut api_key_env = None;
        let mut email = None;
        let mut email_env = None;
        let mut api_url = None;
        let mut groups = Vec::new();
        let mut vars = BTreeMap::new();
        let mut ok = true;
        for (key, item) in fields.iter() {
            match key {
                "profile" => profile = self.name_value(item, "'profile'"),
                "api_key_env" => api_key_env = self.env_name(item, "'api_key_env'"),
                "email" => email = self.string(item, "'email'"),
                "email_env" => email_env = self.env_name(item, "'email_env'"),
                "api_url" => api_url = self.api_url(item),
                "groups" => groups = self.groups(item),
                "vars" => vars = self.vars(item, &place),
                other => {
                    self.unknown(fields, other, ACCOUNT_KEYS, &place);
                    ok = false;
                }
            }
        }
        let has = |key: &str| fields.contains_key(key);
        let credentials = match (has("profile"), has("api_key_env")) {
            (true, true) => {
                self.at(
                    span,
                    format!("{place} has both 'profile' and 'api_key_env': keep one"),
                );
                None
            }
            (true, false) => {
                if has("email") || has("email_env") {
                    self.at(
                        span,
                        format!("{place} takes its email from its profile: remove 'email'"),
                    );
                    None
                } else {
                    profile.map(Credentials::Profile)
                }
            }
            (false, true) => {
                let email = match (has("email"), has("email_env")) {
                    (true, true) => {
                        self.at(
                            span,
                            format!("{place} has both 'email' and 'email_env': keep one"),
                        );
                        None
                    }
                    (false, false) => {
                        self.at(
                            span,
                            format!(
                                "{place} has 'api_key_env' but no email: add email = \"...\" \
                                 or email_env = \"NAME\""
                            ),
                        );
                        None
                    }
                    (true, false) => email.map(Value::Literal),
                    (false, true) => email_env.map(Value::Env),
                };
                api_key_env
                    .zip(email)
                    .map(|(api_key_env, email)| Credentials::Env { api_key_env, email })
            }
            (false, false) => {
                self.at(
                    span,
                    format!(
                        "{place} says nothing of its credentials: add profile = \"NAME\" (from \
                         `auth login`), or api_key_env = \"NAME\" and an email"
                    ),
                );
                None
            }
        };
        let credentials = credentials?;
        ok.then(|| Spec {
            name: name.to_string(),
            groups,
            credentials,
            api_url,
            vars,
        })
    }

    fn string(&mut self, item: &Item, what: &str) -> Option<String> {
        match item.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            Some(_) => {
                self.at(item.span(), format!("{what} is empty"));
                None
            }
            None => {
                self.at(
                    item.span(),
                    format!("{what} must be a string, not {}", item.type_name()),
                );
                None
            }
        }
    }

    fn name_value(&mut self, item: &Item, what: &str) -> Option<String> {
        let value = self.string(item, what)?;
        if looks_like_key(&value) {
            self.at(
                item.span(),
                format!("{what} looks like an API key: write the name of a profile instead"),
            );
            return None;
        }
        Some(value)
    }

    fn env_name(&mut self, item: &Item, what: &str) -> Option<String> {
        let value = self.string(item, what)?;
        if looks_like_key(&value) {
            self.at(
                item.span(),
                format!(
                    "{what} looks like an API key itself: it takes the name of the environment \
                     variable that holds the key, never the key"
                ),
            );
            None
        } else if !valid_var(&value) {
            self.at(
                item.span(),
                format!(
                    "{what} must be an environment variable's name (letters, digits and '_'), \
                     not '{value}'"
                ),
            );
            None
        } else {
            Some(value)
        }
    }

    fn api_url(&mut self, item: &Item) -> Option<String> {
        let value = self.string(item, "'api_url'")?;
        match rules::check_api_url(&value) {
            Ok(_) => Some(value),
            Err(err) => {
                self.at(item.span(), err.message);
                None
            }
        }
    }

    fn groups(&mut self, item: &Item) -> Vec<String> {
        let Some(array) = item.as_array() else {
            self.at(
                item.span(),
                "'groups' must be a list of names, e.g. groups = [\"tenants\"]",
            );
            return Vec::new();
        };
        let mut groups: Vec<String> = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(g) if valid_name(g) => {
                    if !groups.iter().any(|have| have.eq_ignore_ascii_case(g)) {
                        groups.push(g.to_string());
                    }
                }
                _ => self.at(
                    value.span(),
                    "a group name is 1 to 64 letters, digits, '-', '_' or '.'",
                ),
            }
        }
        groups
    }

    fn vars(&mut self, item: &Item, place: &str) -> BTreeMap<String, Value> {
        let mut vars = BTreeMap::new();
        let Some(table) = item.as_table_like() else {
            self.at(
                item.span(),
                format!("'vars' in {place} must be a table, e.g. vars = {{ TENANT = \"acme\" }}"),
            );
            return vars;
        };
        if table.len() > MAX_VARS {
            self.at(
                item.span(),
                format!(
                    "'vars' in {place} sets {} variables; at most {MAX_VARS}",
                    table.len()
                ),
            );
            return vars;
        }
        for (name, value) in table.iter() {
            let span = Self::key_span(table, name);
            if !valid_var(name) {
                self.at(
                    span.clone(),
                    format!("variable '{name}' in {place}: use letters, digits and '_'"),
                );
                continue;
            }
            if let Some(text) = value.as_str() {
                if secret_name(name) || looks_like_key(text) {
                    self.at(
                        value.span().or(span),
                        format!(
                            "{name} in {place} holds a secret in clear: read it from the \
                             environment instead: {name} = {{ env = \"NAME\" }}"
                        ),
                    );
                    continue;
                }
                vars.insert(name.to_string(), Value::Literal(text.to_string()));
            } else if let Some(inline) = value.as_table_like() {
                let env = inline.get("env");
                let extra = inline.iter().find(|(k, _)| *k != "env").map(|(k, _)| k);
                match (env, extra) {
                    (Some(env), None) => {
                        if let Some(var) = self.env_name(env, &format!("{name}'s 'env'")) {
                            vars.insert(name.to_string(), Value::Env(var));
                        }
                    }
                    (_, Some(key)) => self.unknown(inline, key, &["env"], name),
                    (None, None) => self.at(
                        value.span().or(span),
                        format!("{name} in {place}: write {name} = {{ env = \"NAME\" }}"),
                    ),
                }
            } else {
                self.at(
                    value.span().or(span),
                    format!(
                        "{name} in {place} must be a string or {{ env = \"NAME\" }}, not {}",
                        value.type_name()
                    ),
                );
            }
        }
        vars
    }
}

impl Accounts {
    /// The accounts `patterns` choose (names or groups, `*` and `?` as globs), in file
    /// order; none chooses them all. A pattern that matches nothing is an error naming the
    /// accounts and groups there are.
    pub fn select(&self, patterns: &[String]) -> Result<Vec<&Spec>, String> {
        if patterns.is_empty() {
            return Ok(self.accounts.iter().collect());
        }
        let mut chosen = vec![false; self.accounts.len()];
        for pattern in patterns {
            let mut any = false;
            for (i, spec) in self.accounts.iter().enumerate() {
                let hit = glob(pattern, &spec.name) || spec.groups.iter().any(|g| glob(pattern, g));
                if hit {
                    chosen[i] = true;
                    any = true;
                }
            }
            if !any {
                let mut groups: Vec<&str> = self
                    .accounts
                    .iter()
                    .flat_map(|s| s.groups.iter().map(String::as_str))
                    .collect();
                groups.sort_unstable();
                groups.dedup();
                let mut names: Vec<&str> = self.accounts.iter().map(|s| s.name.as_str()).collect();
                const SHOWN: usize = 20;
                let more = names.len().saturating_sub(SHOWN);
                names.truncate(SHOWN);
                let mut listed = names.join(", ");
                if more > 0 {
                    listed.push_str(&format!(" and {more} more"));
                }
                let groups = if groups.is_empty() {
                    String::new()
                } else {
                    format!("; groups: {}", groups.join(", "))
                };
                return Err(format!(
                    "--account '{}' matches no account; accounts: {listed}{groups}",
                    crate::text::line(pattern)
                ));
            }
        }
        Ok(self
            .accounts
            .iter()
            .zip(chosen)
            .filter_map(|(spec, hit)| hit.then_some(spec))
            .collect())
    }
}

/// A glob over names: `*` any run of characters, `?` one; names compare without case.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let n: Vec<char> = name.to_ascii_lowercase().chars().collect();
    // The classic linear matcher with one backtrack point for the last `*`.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// `--shard K/N`: one of N parts of the chosen accounts, for CI matrix jobs. An account's
/// part depends on a hash of its name alone, so adding or removing an account never moves
/// another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let help = "write K/N with 1 <= K <= N <= 1000, e.g. 2/4";
        let (k, n) = s.split_once('/').ok_or_else(|| help.to_string())?;
        let index: u32 = k.trim().parse().map_err(|_| help.to_string())?;
        let count: u32 = n.trim().parse().map_err(|_| help.to_string())?;
        if index == 0 || index > count || count > 1000 {
            return Err(help.into());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    pub fn holds(&self, name: &str) -> bool {
        let digest = sha2::Sha256::digest(name.to_ascii_lowercase().as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        (u64::from_be_bytes(first) % u64::from(self.count)) as u32 == self.index - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match parse(text, "a.toml", &["TENANT".into()]) {
            Ok(_) => Vec::new(),
            Err(p) => p.problems.into_iter().map(|(_, p)| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_good_file_reads_every_part() {
        let text = r#"
[defaults]
vars = { REGION = "us" }

[account.acme]
groups = ["tenants", "tenants"]
api_key_env = "ACME_KEY"
email = "ops@acme.example"
vars = { TENANT = "acme", HOOK_SECRET = { env = "ACME_HOOK_SECRET" } }

[account.staging]
profile = "staging"
api_url = "http://127.0.0.1:9/developer_api/v1"
vars = { TENANT = "staging", REGION = "eu" }
"#;
        let accounts = parse(text, "a.toml", &["TENANT".into()]).expect("valid");
        let acme = &accounts.accounts[0];
        assert_eq!(acme.groups, ["tenants"]);
        assert_eq!(acme.vars["REGION"], Value::Literal("us".into()));
        assert_eq!(
            acme.vars["HOOK_SECRET"],
            Value::Env("ACME_HOOK_SECRET".into())
        );
        assert_eq!(
            accounts.accounts[1].vars["REGION"],
            Value::Literal("eu".into()),
            "an account's own value wins over [defaults]"
        );
        assert_eq!(
            accounts.accounts[1].credentials,
            Credentials::Profile("staging".into())
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_place() {
        let text = r#"[account.acme]
api_key_env = "ACME_KEY"
emial = "ops@acme.example"

[account.Acme]
profile = "p"

[account.globex]
api_key = "0123456789abcdef0123456789abcdef"
vars = { TENANT = "g", WEBHOOK_SECRET = "hunter2" }

[account.initech]
api_key_env = "0123456789abcdef0123456789abcdef"
email = "x@y"
"#;
        let found = problems(text);
        let joined = found.join("\n");
        assert!(
            joined.contains(
                "a.toml:3:1: unknown key 'emial' in account 'acme' (did you mean 'email'?)"
            ),
            "{joined}"
        );
        assert!(
            joined.contains("a.toml:5:10: account 'Acme' is listed twice"),
            "{joined}"
        );
        assert!(
            joined
                .contains("a.toml:9:1: 'api_key' in account 'globex': an API key is never written"),
            "{joined}"
        );
        assert!(
            joined.contains("a.toml:1:10: account 'acme' has 'api_key_env' but no email"),
            "{joined}"
        );
        assert!(
            joined.contains(
                "a.toml:10:41: WEBHOOK_SECRET in account 'globex' holds a secret in clear"
            ),
            "{joined}"
        );
        assert!(
            joined.contains("a.toml:13:15: 'api_key_env' looks like an API key itself"),
            "{joined}"
        );
        assert!(
            joined.contains("account 'Acme' does not set TENANT"),
            "{joined}"
        );
        assert!(
            !joined.contains("hunter2"),
            "a refused secret is never repeated: {joined}"
        );
        assert!(!joined.contains("0123456789abcdef"), "{joined}");
    }

    #[test]
    fn groups_and_names_do_not_collide_and_credentials_are_complete() {
        let text = r#"[account.a]
api_key_env = "K"
email = "a@x"
groups = ["b"]
vars = { TENANT = "a" }
[account.b]
api_key_env = "K"
vars = { TENANT = "b" }
[account.c]
vars = { TENANT = "c" }
"#;
        let joined = problems(text).join("\n");
        assert!(
            joined.contains("group 'b', which is also an account's name"),
            "{joined}"
        );
        assert!(
            joined.contains("account 'b' has 'api_key_env' but no email"),
            "{joined}"
        );
        assert!(
            joined.contains("account 'c' says nothing of its credentials"),
            "{joined}"
        );
        assert_eq!(problems("# nothing\n").len(), 1);
        assert!(problems("[acount.a]\n")[0].contains("did you mean 'account'"));
    }

    #[test]
    fn selection_takes_names_groups_and_globs() {
        let text = r#"
[account.acme]
profile = "a"
groups = ["tenants"]
vars = { TENANT = "a" }
[account.globex]
profile = "g"
groups = ["tenants"]
vars = { TENANT = "g" }
[account.staging]
profile = "s"
vars = { TENANT = "s" }
"#;
        let accounts = parse(text, "a.toml", &[]).expect("valid");
        let names = |p: &[&str]| -> Vec<String> {
            let p: Vec<String> = p.iter().map(|s| s.to_string()).collect();
            accounts
                .select(&p)
                .expect("matches")
                .iter()
                .map(|s| s.name.clone())
                .collect()
        };
        assert_eq!(names(&[]), ["acme", "globex", "staging"]);
        assert_eq!(names(&["tenants"]), ["acme", "globex"]);
        assert_eq!(names(&["st*", "acme"]), ["acme", "staging"]);
        assert_eq!(names(&["?lobex"]), ["globex"]);
        let err = accounts.select(&["prod*".into()]).expect_err("no match");
        assert!(
            err.contains("accounts: acme, globex, staging; groups: tenants"),
            "{err}"
        );
    }

    #[test]
    fn globs_match_as_shells_do() {
        assert!(glob("*", "anything"));
        assert!(glob("a*c", "abbbc"));
        assert!(!glob("a*c", "abbbd"));
        assert!(glob("*-prod", "eu-prod"));
        assert!(glob("t?nant-*", "tenant-42"));
        assert!(!glob("acme", "acme2"));
    }

    #[test]
    fn shards_split_every_account_once_and_stay_put() {
        let names: Vec<String> = (0..400).map(|i| format!("tenant-{i}")).collect();
        let shards: Vec<Shard> = (1..=4)
            .map(|k| format!("{k}/4").parse().expect("shard"))
            .collect();
        for name in &names {
            assert_eq!(shards.iter().filter(|s| s.holds(name)).count(), 1, "{name}");
        }
        for shard in &shards {
            let n = names.iter().filter(|n| shard.holds(n)).count();
            assert!((60..=140).contains(&n), "a shard of 400 holds {n}");
        }
        assert!("0/4".parse::<Shard>().is_err());
        assert!("5/4".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
    }
}
