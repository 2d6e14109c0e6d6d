//! `${VAR}` in manifest values: read from the environment so secrets need not be committed.
//! `${VAR:-default}` gives a default, `${VAR:?why}` is required everywhere but the sandbox
//! (where it stands as `sandbox-var`), and `$$` is a literal `$`.

/// What interpolation came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Text(String),
    /// Variables are not set and, for `validate --skip-env`, that is allowed: `text` holds
    /// [`placeholder`]s in their places, so what does not depend on them can still be
    /// checked; `first` is where the first placeholder starts in `text`.
    Unresolved {
        text: String,
        first: usize,
        names: Vec<String>,
    },
}

/// What an unset variable stands as under `validate --skip-env`: characters any URL path
/// and header value accept, and distinct per variable, so two targets that differ only in
/// which variable they read stay two targets.
pub fn placeholder(name: &str) -> String {
    format!("UNSET-{name}")
}

/// The value a required `${VAR:?why}` stands as in the sandbox, where no real secret is
/// wanted: a default that can never reach a real account.
pub fn sandbox_value(name: &str) -> String {
    format!("sandbox-{}", name.to_ascii_lowercase().replace('_', "-"))
}

/// The longest text a value may become once its variables are read: far above any URL,
/// token or header Copper keeps, and a bound on what a short manifest can be made to hold
/// with one long variable read many times (each subscription, in each account, keeps its
/// own copy).
pub const MAX_EXPANDED_BYTES: usize = 8 * 1024;

/// Replaces variables in `raw`. `lookup` reads a variable; `allow_unset` makes an unset
/// variable yield [`Outcome::Unresolved`] instead of an error; `sandbox` gives required
/// variables their [`sandbox_value`].
pub fn interpolate(
    raw: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    allow_unset: bool,
    sandbox: bool,
) -> Result<Outcome, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut unresolved: Vec<String> = Vec::new();
    let mut first = None;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('{') {
            let end = body.find('}').ok_or_else(|| {
                "'${' without a closing '}' (write $$ for a literal $)".to_string()
            })?;
            let inner = &body[..end];
            let (name, default, required) = match (inner.split_once(":?"), inner.split_once(":-")) {
                (Some((name, why)), None) => (name, None, Some(why)),
                (_, Some((name, default))) => (name, Some(default), None),
                (None, None) => (inner, None, None),
            };
            if name.is_empty()
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || name.starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(format!(
                    "'${{{inner}}}' is not a variable name (letters, digits and _)"
                ));
            }
            let value = lookup(name);
            let empty = value.as_deref() == Some("");
            match (value.filter(|v| !v.is_empty()), default) {
                (Some(value), _) => {
                    if out.len() + value.len() > MAX_EXPANDED_BYTES {
                        return Err(format!(
                            "the value is longer than {MAX_EXPANDED_BYTES} bytes once ${{{name}}} \
                             is read; a target, secret or header is a few hundred at most"
                        ));
                    }
                    out.push_str(&value)
                }
                (None, Some(default)) => out.push_str(default),
                (None, None) if required.is_some() && sandbox => out.push_str(&sandbox_value(name)),
                (None, None) if required.is_some() && !allow_unset => {
                    let state = if empty { "is empty" } else { "is not set" };
                    let why = required.unwrap_or_default().trim();
                    let why = if why.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", crate::text::short(why, 100))
                    };
                    return Err(format!(
                        "environment variable {name} is required{why} and {state}; set it (in \
                         CI, as a secret of the job)"
                    ));
                }
                (None, None) if allow_unset => {
                    first.get_or_insert(out.len());
                    out.push_str(&placeholder(name));
                    if !unresolved.iter().any(|n| n == name) {
                        unresolved.push(name.to_string());
                    }
                }
                (None, None) => {
                    let state = if empty { "is empty" } else { "is not set" };
                    return Err(format!(
                        "environment variable {name} {state} (or write ${{{name}:-default}})"
                    ));
                }
            }
            rest = &body[end + 1..];
        } else {
            // A lone '$' is text: URLs and tokens may contain one.
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    if out.len() > MAX_EXPANDED_BYTES {
        return Err(format!(
            "the value is longer than {MAX_EXPANDED_BYTES} bytes; a target, secret or header is \
             a few hundred at most"
        ));
    }
    Ok(match first {
        Some(first) => Outcome::Unresolved {
            text: out,
            first,
            names: unresolved,
        },
        None => Outcome::Text(out),
    })
}

/// The (value, name) of every variable `raw` reads that is set to a non-empty value: what an
/// interpolated text holds that must not be shown.
pub fn variables(raw: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = raw;
    while let Some(at) = rest.find('$') {
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            rest = tail;
        } else if let Some(body) = after.strip_prefix('{') {
            let Some(end) = body.find('}') else { break };
            let name = body[..end]
                .split(":-")
                .next()
                .and_then(|n| n.split(":?").next())
                .unwrap_or_default();
            if let Some(value) = lookup(name).filter(|v| !v.is_empty()) {
                found.push((value, name.to_string()));
            }
            rest = &body[end + 1..];
        } else {
            rest = after;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "TOKEN" => Some("t0k".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    fn text(raw: &str) -> String {
        match interpolate(raw, &env, false, false).unwrap() {
            Outcome::Text(t) => t,
            Outcome::Unresolved { .. } => panic!("unresolved"),
        }
    }

    #[test]
    fn variables_defaults_and_dollars() {
        assert_eq!(text("a-${TOKEN}-b"), "a-t0k-b");
        assert_eq!(text("${MISSING:-fallback}"), "fallback");
        assert_eq!(text("${EMPTY:-fallback}"), "fallback");
        assert_eq!(text("$$5 and $ alone"), "$5 and $ alone");
        assert_eq!(text("plain"), "plain");
    }

    #[test]
    fn required_variables_fail_by_name_but_in_the_sandbox() {
        let err =
            interpolate("${HOOK_TOKEN:?the receiver's token}", &env, false, false).unwrap_err();
        assert!(
            err.contains("HOOK_TOKEN is required (the receiver's token) and is not set"),
            "{err}"
        );
        let err = interpolate("${EMPTY:?x}", &env, false, false).unwrap_err();
        assert!(err.contains("EMPTY is required (x) and is empty"), "{err}");
        assert_eq!(
            interpolate("${HOOK_TOKEN:?t}", &env, false, true).unwrap(),
            Outcome::Text("sandbox-hook-token".into())
        );
        assert_eq!(
            interpolate("${TOKEN:?t}", &env, false, false).unwrap(),
            Outcome::Text("t0k".into())
        );
        assert!(matches!(
            interpolate("${HOOK_TOKEN:?t}", &env, true, false).unwrap(),
            Outcome::Unresolved { .. }
        ));
    }

    #[test]
    fn variables_lists_what_was_read() {
        assert_eq!(
            variables("a-${TOKEN}-$${TOKEN}-${EMPTY}-${NOPE:-x}", &env),
            vec![("t0k".to_string(), "TOKEN".to_string())]
        );
    }

    #[test]
    fn errors_name_the_variable() {
        let err = interpolate("${NOPE}", &env, false, false).unwrap_err();
        assert!(err.contains("NOPE is not set"), "{err}");
        let err = interpolate("${EMPTY}", &env, false, false).unwrap_err();
        assert!(err.contains("EMPTY is empty"), "{err}");
        assert!(interpolate("${OPEN", &env, false, false).is_err());
        assert!(interpolate("${1BAD}", &env, false, false).is_err());
        assert_eq!(
            interpolate("a/${NOPE}/${TOKEN}/${NOPE}", &env, true, false).unwrap(),
            Outcome::Unresolved {
                text: "a/UNSET-NOPE/t0k/UNSET-NOPE".into(),
                first: 2,
                names: vec!["NOPE".into()],
            }
        );
    }
}
