//! Text that came from data (a manifest, an API answer, the environment) made safe for where it
//! is shown: a terminal line, or a Markdown comment. Nothing here decides *what* is shown, only
//! that it reads as what it is.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that change how a line looks without being visible themselves: control
/// characters (C0, DEL, C1), bidirectional overrides and isolates, zero-width characters and
/// line or paragraph separators.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let hidden = |c: char| is_hidden(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if !hidden(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// Bytes as lowercase hex, two digits each (digests, signatures).
pub fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// One line for a terminal: every hidden character, line breaks included, shown escaped
/// (`\r`, `\n`, `\u{1b}`), so data can never move the cursor, colour the screen or fake a
/// second line.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Several lines for a terminal: as [`line`], but `\n` stays a line break. For text the tool
/// composed itself around data that was already escaped with [`line`].
pub fn lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// At most `max` characters of `text` as [`line`] shows it, with `...` when cut: for quoting
/// a sender's value in a message without letting its size through.
pub fn short(text: &str, max: usize) -> String {
    let mut cut: String = text.chars().take(max).collect();
    if cut.len() < text.len() {
        cut.push_str("...");
    }
    line(&cut).into_owned()
}

/// JSON text safe for a terminal: every hidden character (controls, DEL, C1, bidi and
/// zero-width) inside a string written as a `\uXXXX` escape, which any JSON reader turns back
/// into the same character. Outside strings, JSON holds none of them.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_hidden) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Line breaks between tokens (pretty printing) stay; inside strings serde has
        // already escaped them.
        if is_hidden(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a Markdown table cell or heading: everything Markdown or HTML would interpret is
/// written as an HTML character reference, and hidden characters as visible escapes, so the
/// rendered comment shows exactly the characters of the data.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Tables, code, links, emphasis, strikethrough, escapes, images; and GitHub's own
            // `:emoji:`, `@mention`, `#123` links and `$math$`.
            '|' | '`' | '[' | ']' | '*' | '_' | '~' | '\\' | '!' | ':' | '@' | '#' | '$' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes,
/// so advice such as `copper-hooks --profile 'my name' auth login` works when pasted.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/=+@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", line(word).replace('\'', "'\\''"))
    }
}

/// `n` and a noun, plural unless one: "1 account", "2 accounts".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Whether text has the shape of an email address: one `@` between a local part and a
/// dotted domain, printable ASCII with no space, at most 254 bytes. Anything else given as
/// an email (another variable's value, a token) is refused without being shown.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && text.bytes().all(|b| b.is_ascii_graphic())
}

/// Email addresses in `text` with all but the first letter of their local part hidden
/// (`dev@example.com` becomes `d…@example.com`): where a plan is published (a pull-request
/// comment, a job summary), the key owner's address is not spelled out.
pub fn mask_emails(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.split_once('@') {
            Some((local, domain)) if !local.is_empty() && domain.contains('.') => {
                let (lead, rest) =
                    local.split_at(local.find(|c: char| c.is_ascii_alphanumeric()).unwrap_or(0));
                let first: String = rest.chars().take(1).collect();
                format!("{lead}{first}…@{domain}")
            }
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_told_from_other_values_and_masked() {
        assert!(looks_like_email("dev@example.com"));
        for not in [
            "ghp_0123456789",
            "a@b",
            "@example.com",
            "a b@example.com",
            "a@b@c.com",
            "",
        ] {
            assert!(!looks_like_email(not), "{not}");
        }
        assert_eq!(
            mask_emails("profile 'x' (dev@example.com at 127.0.0.1)"),
            "profile 'x' (d…@example.com at 127.0.0.1)"
        );
        assert_eq!(mask_emails("acme (the sandbox)"), "acme (the sandbox)");
    }

    #[test]
    fn terminal_escapes_what_moves_the_cursor() {
        assert_eq!(line("plain text"), "plain text");
        assert_eq!(line("a\r+ b"), "a\\r+ b");
        assert_eq!(line("x\u{1b}[2Jy"), "x\\u{1b}[2Jy");
        assert_eq!(line("a\nb"), "a\\nb");
        assert_eq!(lines("a\nb\rc"), "a\nb\\rc");
        assert_eq!(line("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(line("\u{85}"), "\\u{85}");
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_its_controls() {
        let raw = serde_json::json!({"k": "a\u{202E}b\u{9b}c\u{7f}d\u{1b}"}).to_string();
        let safe = json_safe(&raw);
        assert!(!safe.chars().any(is_hidden), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["k"], "a\u{202E}b\u{9b}c\u{7f}d\u{1b}");
        assert_eq!(short("abcdef", 3), "abc...");
        assert_eq!(short("ab", 3), "ab");
    }

    #[test]
    fn markdown_leaves_nothing_to_interpret() {
        let shown = markdown("a|b<script>`x`[l](u)\r\n*_");
        for bad in ['|', '<', '>', '`', '[', ']', '\r', '\n', '*', '_', '@', ':'] {
            assert!(!shown.contains(bad), "{bad:?} left in {shown}");
        }
        assert_eq!(
            markdown("hooks.example.com/copper"),
            "hooks.example.com/copper"
        );
    }
}
