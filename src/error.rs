//! The one error type that decides the exit code, and the documented exit codes themselves.
//!
//! Any error can travel as `anyhow::Error`; `main` looks for a [`Fail`] or a
//! [`crate::copper::ApiError`] in its chain to pick the code. Anything else is a plain error.

use std::fmt;

/// The documented exit codes (README, man page). Kept apart from clap's default of 2 for
/// usage errors, because 2 means "changes pending", as in Terraform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done (or, for `plan`, there is nothing to do).
    Ok = 0,
    /// Something failed: the API refused, the network failed, part of an apply failed.
    Error = 1,
    /// `plan --detailed-exitcode`: the account differs from the manifest.
    Pending = 2,
    /// Refused before any call by one of Copper's rules or a safety rule; nothing was sent.
    Refused = 3,
    /// Credentials are missing, unreadable, or Copper does not accept them.
    Auth = 4,
    /// The user answered no at a prompt; nothing was changed.
    Declined = 5,
    /// A bad flag, argument or combination of them.
    Usage = 64,
    /// A manifest or other input file is invalid.
    Data = 65,
    /// Interrupted (Ctrl-C) before the work was finished; rerunning converges.
    Interrupted = 130,
}

impl Exit {
    pub fn code(self) -> i32 {
        self as i32
    }

    /// The exit code of a fleet: the worst of its accounts', by one order, so a script can
    /// act on it as on one account's: interrupted (130) over credentials (4) over a failure
    /// (1) over a bad input (65) over a refusal (3) over a declined prompt (5) over changes
    /// pending (2) over success (0).
    pub fn worst_of(exits: impl IntoIterator<Item = Exit>) -> Exit {
        let rank = |e: &Exit| match e {
            Exit::Ok => 0,
            Exit::Pending => 1,
            Exit::Declined => 2,
            Exit::Refused => 3,
            Exit::Data => 4,
            Exit::Usage => 5,
            Exit::Error => 6,
            Exit::Auth => 7,
            Exit::Interrupted => 8,
        };
        exits.into_iter().max_by_key(rank).unwrap_or(Exit::Ok)
    }

    /// The exit code for several failed calls, by the same order (auth over error); an
    /// error when there are none to say more.
    pub fn worst<'a>(errors: impl Iterator<Item = &'a crate::copper::ApiError>) -> Exit {
        let mut errors = errors.map(api_exit).peekable();
        if errors.peek().is_none() {
            return Exit::Error;
        }
        Exit::worst_of(errors)
    }
}

/// An error that knows its exit code and, where one helps, what the user can do about it.
#[derive(Debug)]
pub struct Fail {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

impl Fail {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Fail {}

pub fn usage(message: impl Into<String>) -> anyhow::Error {
    Fail::new(Exit::Usage, message).into()
}

pub fn refused(message: impl Into<String>) -> anyhow::Error {
    Fail::new(Exit::Refused, message).into()
}

pub fn auth(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Fail::new(Exit::Auth, message).with_hint(hint).into()
}

/// The exit code of a failed call: the credentials' (4) when they are at fault, else 1.
/// Errors flow up: the client knows nothing of exit codes, this module maps its errors.
fn api_exit(err: &crate::copper::ApiError) -> Exit {
    if err.is_credentials() {
        Exit::Auth
    } else {
        Exit::Error
    }
}

/// Picks the exit code for an error by looking through its chain of causes.
pub fn exit_for(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(fail) = cause.downcast_ref::<Fail>() {
            return fail.exit;
        }
        if let Some(api) = cause.downcast_ref::<crate::copper::ApiError>() {
            return api_exit(api);
        }
        if let Some(rule) = cause.downcast_ref::<crate::rules::RuleError>() {
            return if rule.usage {
                Exit::Usage
            } else {
                Exit::Refused
            };
        }
    }
    Exit::Error
}
