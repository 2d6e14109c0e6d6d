//! What the user reads: tables, JSON, secret masking, colour, and one writer that ends
//! quietly on a closed pipe.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::data::Subscription;

/// What a masked secret value looks like. Never sent back to Copper (see `plan`).
pub const MASK: &str = "********";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables and sentences for people.
    Table,
    /// One stable JSON document for scripts.
    Json,
    /// A plan as Markdown, for a pull-request comment.
    Markdown,
}

/// Set once stdout turned out to be a closed pipe (`| head`, `| true`): nothing more is
/// written there, and the command goes on to its own end and exit code.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes to stdout. A closed pipe stops the writing, never the work: the command still
/// finishes and exits with the code its outcome deserves (a `pipefail` script must not read
/// "changes pending" or "refused" as success). Any other write error is an error.
pub fn out(text: &str) -> anyhow::Result<()> {
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    let result = stdout
        .write_all(text.as_bytes())
        .and_then(|_| {
            if text.ends_with('\n') {
                Ok(())
            } else {
                stdout.write_all(b"\n")
            }
        })
        .and_then(|_| stdout.flush());
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => Ok(other?),
    }
}

/// One line on stderr that can never panic: a closed stderr (`2>&1 | true`) loses the line,
/// not the exit code.
pub fn err_line(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// The progress bar on stderr, while one is shown: notes go above it.
static BAR: std::sync::Mutex<Option<indicatif::ProgressBar>> = std::sync::Mutex::new(None);

/// Messages about progress go to stderr so stdout stays clean for data. Whatever data they
/// quote, they reach the terminal with no raw control character. While a progress bar is
/// shown, they are printed above it.
pub fn note(text: &str) {
    let text = crate::text::lines(text);
    let bar = BAR.lock().unwrap_or_else(|p| p.into_inner());
    match bar.as_ref() {
        Some(bar) => bar.println(text),
        None => {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }
}

/// A progress bar of `total` steps on stderr, only when stderr is a terminal (off one,
/// each step says itself in a line, which logs keep); removed when dropped.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total as u64),
            indicatif::ProgressDrawTarget::term_like(Box::new(Margin(console::Term::stderr()))),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} changes {msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        *BAR.lock().unwrap_or_else(|p| p.into_inner()) = Some(bar.clone());
        Progress(Some(bar))
    }

    pub fn step(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
}

/// stderr as the progress bar sees it: two columns narrower than it is. indicatif pads its
/// line to the full width, so the `^C` the terminal echoes on Ctrl-C wrapped onto a line of
/// its own, and the bar, redrawn below it, left a stale copy on the screen. With two columns
/// spare, the echo lands on the bar's own line, which the next draw clears.
#[derive(Debug)]
struct Margin(console::Term);

impl indicatif::TermLike for Margin {
    fn width(&self) -> u16 {
        self.0.size().1.saturating_sub(2).max(1)
    }

    fn height(&self) -> u16 {
        self.0.size().0
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_up(n)
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_down(n)
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_right(n)
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_left(n)
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.0.write_line(s)
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.0.write_str(s)
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.0.clear_line()
    }

    fn flush(&self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
            *BAR.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
    }
}

/// A spinner on stderr while something is awaited, only on a terminal; gone when dropped.
pub struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    pub fn start(message: &str) -> Spinner {
        if !std::io::stderr().is_terminal() || BAR.lock().is_ok_and(|b| b.is_some()) {
            return Spinner(None);
        }
        let spinner = indicatif::ProgressBar::new_spinner();
        spinner.set_message(message.to_string());
        spinner.enable_steady_tick(std::time::Duration::from_millis(120));
        Spinner(Some(spinner))
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(spinner) = self.0.take() {
            spinner.finish_and_clear();
        }
    }
}

/// A JSON document on stdout, with every hidden character escaped (see
/// [`crate::text::json_safe`]): data in JSON reaches a terminal no rawer than in a table.
pub fn json_out(value: &Value) -> anyhow::Result<()> {
    out(&crate::text::json_safe(&serde_json::to_string_pretty(
        value,
    )?))
}

/// Colour only on a terminal, and never when `NO_COLOR` is set.
pub fn colour_enabled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn paint(text: &str, code: &str, colour: bool) -> String {
    if colour {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Unix seconds as ISO 8601 in UTC.
pub fn iso8601(secs: Option<i64>) -> String {
    secs.and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "-".into())
}

/// A subscription as JSON, with Copper's field names; secret values masked unless asked.
pub fn subscription_json(sub: &Subscription, show_secrets: bool) -> Value {
    json!({
        "id": sub.id,
        "target": target(sub, show_secrets),
        "type": sub.kind,
        "event": sub.event,
        "secret": masked(&sub.secret, show_secrets),
        "headers": masked(&sub.headers, show_secrets),
        "custom_field_computed_values": sub.custom_field_computed_values,
        "created_at": sub.created_at,
    })
}

/// Header values often carry tokens too (`Authorization`), so they are masked like secrets.
pub fn masked(pairs: &std::collections::BTreeMap<String, String>, show: bool) -> Value {
    pairs
        .iter()
        .map(|(k, v)| {
            let shown = if show { v.as_str() } else { MASK };
            (k.clone(), Value::String(shown.to_string()))
        })
        .collect::<serde_json::Map<String, Value>>()
        .into()
}

/// A subscription's target as shown: any `user:password@` masked unless secrets are shown.
/// JSON escapes the rest itself; tables escape it with [`crate::text::line`].
fn target(sub: &Subscription, show_secrets: bool) -> String {
    if show_secrets {
        sub.target.clone()
    } else {
        crate::rules::shown_target(&sub.target)
    }
}

fn target_cell(sub: &Subscription, show_secrets: bool) -> String {
    crate::text::line(&target(sub, show_secrets)).into_owned()
}

fn pairs_cell(pairs: &std::collections::BTreeMap<String, String>, mask: bool) -> String {
    if pairs.is_empty() {
        return "-".into();
    }
    pairs
        .iter()
        .map(|(k, v)| {
            let v = if mask { MASK } else { v };
            format!("{}={}", crate::text::line(k), crate::text::line(v))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Columns of `list`, and the order in which they give way on a narrow terminal.
const LIST_HEADER: [&str; 8] = [
    "ID", "TYPE", "EVENT", "TARGET", "SECRET", "HEADERS", "COMPUTED", "CREATED",
];
const GIVE_WAY: [usize; 4] = [7, 6, 5, 4];
/// Spaces between columns.
const GAP: usize = 2;

/// The width of the terminal stdout is, if it is one.
fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
}

/// The table `list` prints, as `kubectl get` does: no borders and no rules, columns apart by
/// spaces, the target always whole. On a terminal too narrow for every column, whole
/// columns give way (created, computed, headers, secret) rather than cutting the target;
/// off a terminal every column is printed and nothing is wrapped.
/// Returns the table and the names of the columns that gave way; `wide` keeps them all.
pub fn subscriptions_table(
    subs: &[Subscription],
    show_secrets: bool,
    wide: bool,
) -> (String, Vec<&'static str>) {
    let width = if wide { None } else { terminal_width() };
    subscriptions_table_at(subs, show_secrets, width)
}

fn subscriptions_table_at(
    subs: &[Subscription],
    show_secrets: bool,
    width: Option<usize>,
) -> (String, Vec<&'static str>) {
    let rows: Vec<[String; 8]> = subs
        .iter()
        .map(|sub| {
            [
                sub.id.to_string(),
                sub.kind.to_string(),
                sub.event.to_string(),
                target_cell(sub, show_secrets),
                keys_cell(&sub.secret, show_secrets),
                keys_cell(&sub.headers, show_secrets),
                if sub.custom_field_computed_values {
                    "yes"
                } else {
                    "no"
                }
                .into(),
                iso8601(sub.created_at),
            ]
        })
        .collect();
    let widths = column_widths(&LIST_HEADER, &rows);
    let mut shown = [true; 8];
    if let Some(width) = width {
        let total = |shown: &[bool; 8]| -> usize {
            let columns: Vec<usize> = (0..8).filter(|c| shown[*c]).map(|c| widths[c]).collect();
            columns.iter().sum::<usize>() + GAP * columns.len().saturating_sub(1)
        };
        for column in GIVE_WAY {
            if total(&shown) <= width {
                break;
            }
            shown[column] = false;
        }
    }
    let dropped = (0..8)
        .filter(|c| !shown[*c])
        .map(|c| LIST_HEADER[c])
        .collect();
    (lay_out(&LIST_HEADER, &rows, &widths, &shown), dropped)
}

/// A table as `list` prints it off a terminal: every column whole, apart by spaces, no
/// borders (the fleet's summary is one).
pub fn columns<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    lay_out(header, rows, &column_widths(header, rows), &[true; N])
}

/// Each column's width: its longest cell or its header, in characters.
fn column_widths<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> [usize; N] {
    std::array::from_fn(|c| {
        rows.iter()
            .map(|r| r[c].chars().count())
            .chain([header[c].len()])
            .max()
            .unwrap_or(0)
    })
}

/// The header and rows, the `shown` columns padded to `widths`, [`GAP`] apart, no trailing
/// spaces.
fn lay_out<const N: usize>(
    header: &[&str; N],
    rows: &[[String; N]],
    widths: &[usize; N],
    shown: &[bool; N],
) -> String {
    let header = header.map(String::from);
    std::iter::once(&header)
        .chain(rows.iter())
        .map(|row| {
            (0..N)
                .filter(|c| shown[*c])
                .map(|c| format!("{:w$}", row[c], w = widths[c]))
                .collect::<Vec<_>>()
                .join(&" ".repeat(GAP))
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Secret or header keys, comma-separated; with values only when secrets are shown.
fn keys_cell(pairs: &std::collections::BTreeMap<String, String>, show: bool) -> String {
    if pairs.is_empty() {
        return "-".into();
    }
    pairs
        .iter()
        .map(|(k, v)| {
            if show {
                format!("{}={}", crate::text::line(k), crate::text::line(v))
            } else {
                crate::text::line(k).into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The field-per-line view `get`, `create` and `update` print: names in a column, values
/// after two spaces, no padding before or after; a value of several lines (secret pairs)
/// keeps its column.
pub fn subscription_detail(sub: &Subscription, show_secrets: bool) -> String {
    let rows: Vec<(&str, String)> = vec![
        ("id", sub.id.to_string()),
        ("type", sub.kind.to_string()),
        ("event", sub.event.to_string()),
        ("target", target_cell(sub, show_secrets)),
        ("secret", pairs_cell(&sub.secret, !show_secrets)),
        ("headers", pairs_cell(&sub.headers, !show_secrets)),
        (
            "computed values",
            if sub.custom_field_computed_values {
                "yes".into()
            } else {
                "no".into()
            },
        ),
        ("created", iso8601(sub.created_at)),
    ];
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut lines = Vec::new();
    for (name, value) in rows {
        for (i, part) in value.lines().enumerate() {
            let label = if i == 0 { name } else { "" };
            lines.push(format!("{label:width$}  {part}"));
        }
    }
    lines.join("\n")
}

/// Lines for stdout, written by a thread of their own: when nobody reads stdout (`listen |
/// less` left alone), the queue fills and further lines are dropped and counted, while
/// deliveries go on being answered and journalled. Copper never sends one again.
pub struct Printer {
    queue: std::sync::mpsc::SyncSender<String>,
    /// Dropped since the last line written (said in the output), and in all.
    dropped: Arc<AtomicU64>,
    dropped_in_all: AtomicU64,
    /// Lines queued and not yet written.
    pending: Arc<AtomicU64>,
}

impl Printer {
    /// Starts the thread; at most `queue` lines wait for it.
    pub fn start(queue: usize) -> Printer {
        let (queue, lines) = std::sync::mpsc::sync_channel::<String>(queue);
        let dropped = Arc::new(AtomicU64::new(0));
        let pending = Arc::new(AtomicU64::new(0));
        let (missed, left) = (dropped.clone(), pending.clone());
        std::thread::spawn(move || {
            for line in lines {
                let lost = missed.swap(0, Ordering::SeqCst);
                if lost > 0 {
                    let _ = out(&format!(
                        "({lost} lines not shown: stdout was not being read; the deliveries \
                         were answered and journalled)"
                    ));
                }
                let _ = out(&line);
                left.fetch_sub(1, Ordering::SeqCst);
            }
        });
        Printer {
            queue,
            dropped,
            dropped_in_all: AtomicU64::new(0),
            pending,
        }
    }

    pub fn line(&self, line: String) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        if self.queue.try_send(line).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            self.dropped.fetch_add(1, Ordering::SeqCst);
            self.dropped_in_all.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Lets the queue drain, for two seconds at most: a stdout that is never read again
    /// must not keep the process from ending.
    pub fn finish(&self) {
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        while self.pending.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let lost = self.dropped_in_all.load(Ordering::SeqCst);
        if lost > 0 {
            note(&format!(
                "{lost} lines were not shown: stdout was not being read"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(id: u64, target: &str) -> Subscription {
        Subscription {
            id,
            target: target.into(),
            kind: crate::rules::EntityType::ActivityLog,
            event: crate::rules::Event::Update,
            secret: [("token".to_string(), "v".to_string())].into(),
            headers: [("X-Source".to_string(), "v".to_string())].into(),
            custom_field_computed_values: false,
            created_at: Some(1_700_000_000),
        }
    }

    #[test]
    fn narrow_terminals_drop_whole_columns_never_the_target() {
        let target = "https://hooks.example.com/copper/people/updates";
        let subs = [sub(170_001, target)];
        let (wide, dropped) = subscriptions_table_at(&subs, false, None);
        assert!(dropped.is_empty());
        assert!(wide.lines().next().unwrap().ends_with("CREATED"), "{wide}");
        let (narrow, dropped) = subscriptions_table_at(&subs, false, Some(80));
        assert!(dropped.contains(&"CREATED"), "{dropped:?}");
        for line in narrow.lines() {
            assert!(line.chars().count() <= 80, "{line}");
        }
        assert!(narrow.contains(target), "{narrow}");
        assert!(!narrow.contains("CREATED"), "{narrow}");
        // A target longer than the terminal stays whole all the same.
        let long = format!("{target}/{}", "x".repeat(100));
        let (table, _) = subscriptions_table_at(&[sub(1, &long)], false, Some(80));
        assert!(table.contains(&long), "{table}");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(Some(1489173015)), "2017-03-10T19:10:15Z");
        assert_eq!(iso8601(None), "-");
    }
}
