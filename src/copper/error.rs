//! Every way a call to Copper can fail, each turned into one readable sentence.

use std::fmt;

#[derive(Debug)]
pub enum ApiError {
    /// A credential that cannot be sent at all (a character no header may hold): what is
    /// wrong, and what to do.
    Credentials {
        what: &'static str,
        hint: &'static str,
    },
    /// Copper answered with its error body (or at least a status it explained).
    Refused {
        status: u16,
        message: String,
    },
    /// The answer was not the JSON Copper sends: an HTML page from a proxy, say.
    NotJson {
        status: u16,
        content_type: String,
        what: String,
    },
    Timeout {
        url: String,
        seconds: u64,
    },
    Connect {
        url: String,
        detail: String,
    },
    Tls {
        url: String,
        detail: String,
    },
    /// The connection failed after the request was sent: the outcome is unknown.
    Dropped {
        url: String,
        detail: String,
    },
    /// The command's deadline came before the work was done.
    Deadline {
        seconds: u64,
        last: String,
    },
    /// A call about one subscription was answered 404: there is no such subscription.
    NoSuchSubscription {
        id: u64,
    },
}

impl ApiError {
    /// What the server said, in a few words: `401 Invalid credentials`.
    pub fn reason(&self) -> String {
        match self {
            ApiError::Refused { status, message } => format!("{status} {message}"),
            other => other.to_string(),
        }
    }

    /// The error of a call about subscription `id`: a 404 says that it does not exist.
    pub fn for_subscription(self, id: u64) -> ApiError {
        match self {
            ApiError::Refused { status: 404, .. } => ApiError::NoSuchSubscription { id },
            other => other,
        }
    }

    /// Whether the credentials are at fault (refused by Copper, or unsendable): the caller
    /// maps this to its exit code (see `crate::error`), this module knows none.
    pub fn is_credentials(&self) -> bool {
        matches!(
            self,
            ApiError::Refused { status: 401, .. }
                | ApiError::Refused { status: 403, .. }
                | ApiError::Credentials { .. }
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Credentials { what, hint } => write!(f, "{what}; {hint}"),
            ApiError::Refused { status, message } => {
                write!(f, "Copper refused the request ({status} {message})")?;
                match status {
                    401 | 403 => write!(
                        f,
                        "; check the API key and email with `copper-hooks auth status`"
                    ),
                    404 => write!(
                        f,
                        "; `copper-hooks list` shows the subscriptions that exist"
                    ),
                    _ => Ok(()),
                }
            }
            ApiError::NotJson {
                status,
                content_type,
                what,
            } => write!(
                f,
                "the server answered {status} with {what} ({content_type}) instead of Copper's \
                 JSON; a proxy or gateway may be in the way, or the API URL is wrong"
            ),
            ApiError::Timeout { url, seconds } => write!(
                f,
                "no answer from {url} within {seconds}s; check the network or raise --timeout"
            ),
            ApiError::Connect { url, detail } => write!(
                f,
                "could not connect to {url} ({detail}); check the API URL and the network"
            ),
            ApiError::Tls { url, detail } => write!(
                f,
                "TLS handshake with {url} failed ({detail}); check the API URL and any \
                 intercepting proxy"
            ),
            ApiError::Dropped { url, detail } => write!(
                f,
                "the connection to {url} failed before an answer came ({detail})"
            ),
            ApiError::NoSuchSubscription { id } => write!(
                f,
                "no subscription {id} on this account; `copper-hooks list` shows the ones \
                 that exist"
            ),
            ApiError::Deadline { seconds, last } => write!(
                f,
                "gave up at the command's deadline of {seconds}s (last: {last}); run it again \
                 later or raise --deadline"
            ),
        }
    }
}

impl std::error::Error for ApiError {}
