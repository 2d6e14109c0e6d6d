//! Profiles and credentials: where they are stored, and which one is in use.
//!
//! Each setting is resolved flag > environment > profile file, and remembers where it came
//! from so `auth status` can say. The profile file holds API keys: it is written 0600 and
//! refused when group or others can read it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::error::{Exit, Fail};

pub const CREDENTIALS_FILE: &str = "credentials.toml";
pub const DEFAULT_PROFILE: &str = "default";

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env(&'static str),
    Profile,
    Default,
    Sandbox,
    AccountsFile,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => f.write_str("command-line flag"),
            Source::Env(name) => write!(f, "environment variable {name}"),
            Source::Profile => f.write_str("profile file"),
            Source::Default => f.write_str("default"),
            Source::Sandbox => f.write_str("built-in sandbox"),
            Source::AccountsFile => f.write_str("accounts file"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Setting {
    pub value: String,
    pub source: Source,
}

/// One stored profile.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// What the user gave on the command line, before resolution.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub api_key: Option<String>,
    pub email: Option<String>,
    pub api_url: Option<String>,
    pub profile: Option<String>,
    pub config_dir: Option<PathBuf>,
    /// `auth login`: the profile is about to be created, so its absence is no mistake.
    pub creating_profile: bool,
}

/// The resolved settings of one run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: Setting,
    pub config_dir: PathBuf,
    pub api_key: Option<Setting>,
    pub email: Option<Setting>,
    pub api_url: Setting,
}

impl Settings {
    pub fn credentials_path(&self) -> PathBuf {
        self.config_dir.join(CREDENTIALS_FILE)
    }
}

fn env(name: &'static str) -> Option<Setting> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .map(|value| Setting {
            value,
            source: Source::Env(name),
        })
}

fn flag(value: &Option<String>) -> Option<Setting> {
    value.clone().map(|value| Setting {
        value,
        source: Source::Flag,
    })
}

pub fn default_config_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("COPPER_HOOKS_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("com", "copper-hooks", "copper-hooks")
        .map(|d| d.config_dir().to_path_buf())
        .context("cannot find a home directory for the configuration; pass --config-dir")
}

/// Where the sandbox keeps its state: `COPPER_HOOKS_DATA_DIR`, or the user's data directory.
pub fn data_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("COPPER_HOOKS_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("com", "copper-hooks", "copper-hooks")
        .map(|d| d.data_dir().to_path_buf())
        .context("cannot find a home directory for the sandbox state; set COPPER_HOOKS_DATA_DIR")
}

/// Resolves flag > environment > profile file > default for every setting.
pub fn resolve(given: &Given) -> anyhow::Result<Settings> {
    let config_dir = match &given.config_dir {
        Some(dir) => dir.clone(),
        None => default_config_dir()?,
    };
    let profile = flag(&given.profile)
        .or_else(|| env("COPPER_PROFILE"))
        .unwrap_or(Setting {
            value: DEFAULT_PROFILE.into(),
            source: Source::Default,
        });
    let file = load(&config_dir.join(CREDENTIALS_FILE))?;
    let stored = file
        .profiles
        .get(&profile.value)
        .cloned()
        .unwrap_or_default();
    if profile.source != Source::Default
        && !given.creating_profile
        && !file.profiles.contains_key(&profile.value)
    {
        // A named profile that does not exist is a mistake worth stopping at, unless flags
        // or variables provide everything anyway.
        let covered = flag(&given.api_key)
            .or_else(|| env("COPPER_API_KEY"))
            .is_some()
            && flag(&given.email)
                .or_else(|| env("COPPER_USER_EMAIL"))
                .is_some();
        if !covered {
            return Err(Fail::new(
                Exit::Auth,
                format!(
                    "profile '{}' ({}) is not in {}",
                    profile.value,
                    profile.source,
                    config_dir.join(CREDENTIALS_FILE).display()
                ),
            )
            .with_hint(format!(
                "create it with `copper-hooks --profile {} auth login`",
                crate::text::shell_word(&profile.value)
            ))
            .into());
        }
    }
    let from_profile = |v: Option<String>| {
        v.map(|value| Setting {
            value,
            source: Source::Profile,
        })
    };
    Ok(Settings {
        api_key: flag(&given.api_key)
            .or_else(|| env("COPPER_API_KEY"))
            .or_else(|| from_profile(stored.api_key.clone())),
        email: flag(&given.email)
            .or_else(|| env("COPPER_USER_EMAIL"))
            .or_else(|| from_profile(stored.email.clone())),
        api_url: flag(&given.api_url)
            .or_else(|| env("COPPER_API_URL"))
            .or_else(|| from_profile(stored.api_url.clone()))
            .unwrap_or(Setting {
                value: crate::copper::DEFAULT_API_URL.into(),
                source: Source::Default,
            }),
        profile,
        config_dir,
    })
}

/// Reads the profile file; a missing file is an empty one. A file others can read is refused.
pub fn load(path: &Path) -> anyhow::Result<ProfileFile> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ProfileFile::default()),
        Err(e) => {
            return Err(Fail::new(
                Exit::Auth,
                format!("cannot read credentials file {}: {e}", path.display()),
            )
            .into())
        }
    };
    check_private(path)?;
    toml::from_str(&text).map_err(|e| {
        // toml's messages quote the offending value, and here a value may be an API key:
        // say where, never what.
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        Fail::new(
            Exit::Auth,
            format!(
                "credentials file {} is not valid at line {line}",
                path.display()
            ),
        )
        .with_hint(
            "each profile is a [profiles.NAME] table of email, api_key and api_url strings; \
             fix it, or remove it and run `copper-hooks auth login`",
        )
        .into()
    })
}

#[cfg(unix)]
fn check_private(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Fail::new(
            Exit::Auth,
            format!(
                "credentials file {} can be read by others (mode {mode:03o}) and is not used",
                path.display()
            ),
        )
        .with_hint(format!("run `chmod 600 {}`", path.display()))
        .into());
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// Writes the profile file atomically with mode 0600.
pub fn save(path: &Path, file: &ProfileFile) -> anyhow::Result<()> {
    let dir = path.parent().context("credentials path has no folder")?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create config folder {}", dir.display()))?;
    let text = toml::to_string_pretty(file)?;
    write_private_atomic(path, text.as_bytes())
}

/// Writes a file readable by its owner only, atomically. Used for anything holding keys or
/// secrets.
pub fn write_private_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic(
        path,
        bytes,
        Write {
            private: true,
            overwrite: true,
        },
    )
}

/// How [`write_atomic`] writes.
#[derive(Debug, Clone, Copy)]
pub struct Write {
    /// Mode 0600 (the temporary file's own mode) rather than 0644.
    pub private: bool,
    /// Replace an existing file; otherwise an existing file is an error and stays as it was.
    pub overwrite: bool,
}

impl Write {
    /// A report a run writes for others to read (a plan's Markdown or JSON, a JUnit file),
    /// replaced by the next run's.
    pub const REPORT: Write = Write {
        private: false,
        overwrite: true,
    };
}

/// Writes a file through a randomly named temporary file, created exclusively (so no
/// symlink planted at a guessable name can redirect the write) in the same folder, then
/// renamed over the target so a crash never leaves half of it. A target that is a symlink
/// of the user's own (a dotfiles setup) is written through to the file it points at; one
/// owned by anyone else is refused, never followed: in a shared folder (`/tmp`) another
/// user could have planted it to have us replace a file of ours that it points at, which
/// the kernel's own rule for such links (`protected_symlinks`) forbids following too.
pub fn write_atomic(path: &Path, bytes: &[u8], how: Write) -> anyhow::Result<()> {
    use std::io::Write as _;
    let path = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            if !owned_by_us(&meta) {
                return Err(Fail::new(
                    Exit::Refused,
                    format!(
                        "{} is a symlink that another user owns; it was not followed and \
                         nothing was written",
                        path.display()
                    ),
                )
                .with_hint("remove the link, or write to a folder of your own")
                .into());
            }
            std::fs::canonicalize(path).with_context(|| {
                format!(
                    "{} is a symlink to a file that does not exist; point it at a file or \
                     remove it",
                    path.display()
                )
            })?
        }
        _ => path.to_path_buf(),
    };
    if !how.overwrite && path.exists() {
        return Err(Fail::new(
            Exit::Refused,
            format!("{} already exists and was left as it is", path.display()),
        )
        .with_hint("pass --force to replace it")
        .into());
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".copper-hooks-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    #[cfg(unix)]
    if !how.private {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let kept = if how.overwrite {
        tmp.persist(&path).map(drop)
    } else {
        tmp.persist_noclobber(&path).map(drop)
    };
    kept.map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Whether a file is owned by the user this process runs as (the owner of a file it
/// creates: std has no safe `geteuid`).
#[cfg(unix)]
fn owned_by_us(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .is_ok_and(|mine| mine.uid() == meta.uid())
}

#[cfg(not(unix))]
fn owned_by_us(_: &std::fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_file_is_private_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(CREDENTIALS_FILE);
        let mut file = ProfileFile::default();
        file.profiles.insert(
            "default".into(),
            Profile {
                email: Some("a@example.com".into()),
                api_key: Some("k".into()),
                api_url: None,
            },
        );
        save(&path, &file).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_eq!(load(&path).unwrap().profiles, file.profiles);
    }

    #[cfg(unix)]
    #[test]
    fn writes_go_through_symlinks_and_random_names() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join(CREDENTIALS_FILE);
        std::os::unix::fs::symlink(&real, &link).unwrap();
        // A planted link at the old fixed temporary name must not be followed.
        let planted = dir.path().join("victim");
        std::fs::write(&planted, "untouched").unwrap();
        std::os::unix::fs::symlink(&planted, dir.path().join("credentials.toml.tmp")).unwrap();

        write_private_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read_to_string(&planted).unwrap(), "untouched");

        let err = write_atomic(
            &real,
            b"other",
            Write {
                private: false,
                overwrite: false,
            },
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("--force"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");

        std::fs::remove_file(&real).unwrap();
        let err = write_private_atomic(&link, b"x").unwrap_err();
        assert!(format!("{err:#}").contains("symlink"), "{err:#}");
    }

    #[cfg(unix)]
    #[test]
    fn readable_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CREDENTIALS_FILE);
        std::fs::write(&path, "[profiles.default]\napi_key = \"k\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("chmod 600"), "{err}");
    }
}
