//! `journal FILE`: what a journal holds, read once in bounded memory, without starting a
//! server or taking the journal's lock (a running listen may be writing it): how many
//! deliveries were accepted, forwarded, are pending or dead, the oldest pending, and the
//! gaps (when listen was not running, or received nothing for `--gap`) that `reconcile
//! --gaps-from` covers.

use serde_json::{json, Value};

use crate::cli::JournalArgs;
use crate::delivery::timestamp;
use crate::error::Exit;
use crate::output;
use crate::relay::journal::{self, Gap, GapWhy, Scan};

/// Gaps listed in the text view (the JSON has them all).
const SHOWN_GAPS: usize = 20;

pub fn run(ctx: &super::Ctx, args: &JournalArgs) -> anyhow::Result<Exit> {
    if args.compact {
        let done = journal::compact(&args.file)?;
        let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1_048_576.0);
        if ctx.json() {
            output::json_out(&json!({
                "before_bytes": done.before,
                "after_bytes": done.after,
                "kept_whole": done.whole,
                "kept_as_times": done.briefed,
            }))?;
        } else {
            ctx.note(&format!(
                "Compacted {}: {} to {}; {} pending or dead deliveries kept whole, {} the app \
                 took kept as their times.",
                crate::text::line(&args.file.display().to_string()),
                mb(done.before),
                mb(done.after),
                done.whole,
                done.briefed
            ));
        }
    }
    let file = journal::open_to_read(&args.file)?;
    let shown = crate::text::line(&args.file.display().to_string()).into_owned();
    let quiet_ms = i64::try_from(args.gap.as_millis()).unwrap_or(i64::MAX);
    let scan = Scan::read(&file, quiet_ms, &shown)?;
    let now = crate::delivery::now_ms();
    if args.compact {
        if !ctx.json() {
            output::out(&as_text(&scan, &shown, &args.gap, now))?;
        }
    } else if ctx.json() {
        output::json_out(&as_json(&scan, now))?;
    } else {
        output::out(&as_text(&scan, &shown, &args.gap, now))?;
    }
    if args.check {
        let mut wrong = Vec::new();
        if scan.dead > 0 {
            wrong.push(format!(
                "{} dead-lettered (copper-hooks replay --dead {} --to URL)",
                scan.dead,
                crate::text::shell_word(&shown)
            ));
        }
        if let Some(at) = scan.oldest_pending_ms.filter(|at| now - at >= quiet_ms) {
            wrong.push(format!(
                "{} pending, the oldest for {} (is the app up? is listen running?)",
                scan.pending,
                span(now - at)
            ));
        }
        if !wrong.is_empty() {
            return Err(crate::error::Fail::new(Exit::Error, wrong.join("; ")).into());
        }
    }
    Ok(Exit::Ok)
}

fn gap_json(gap: &Gap) -> Value {
    json!({
        "from": timestamp(gap.from_ms),
        "until": gap.until_ms.map(timestamp),
        "why": match gap.why { GapWhy::Down => "not running", GapWhy::Quiet => "no delivery" },
    })
}

fn as_json(scan: &Scan, now: i64) -> Value {
    json!({
        "accepted": scan.accepted,
        "refused": scan.refused,
        "relayed": scan.relayed,
        "forwarded": scan.forwarded,
        "pending": scan.pending,
        "dead": scan.dead,
        "oldest_pending": scan.oldest_pending_ms.map(timestamp),
        "oldest_pending_age_seconds": scan.oldest_pending_ms.map(|at| (now - at).max(0) / 1000),
        "runs": scan.runs,
        "running": scan.open_run,
        "first": scan.first_ms.map(timestamp),
        "last": scan.last_ms.map(timestamp),
        "gaps": scan.gaps.iter().map(gap_json).collect::<Vec<_>>(),
        "gaps_not_listed": scan.more_gaps,
    })
}

/// A span in words, to the minute (or second, when shorter).
pub fn span(ms: i64) -> String {
    let secs = (ms.max(0) / 1000) as u64;
    let rounded = if secs >= 3600 { secs / 60 * 60 } else { secs };
    humantime::format_duration(std::time::Duration::from_secs(rounded)).to_string()
}

fn as_text(scan: &Scan, shown: &str, gap: &std::time::Duration, now: i64) -> String {
    let mut rows: Vec<[String; 3]> = vec![
        [
            "accepted".into(),
            scan.accepted.to_string(),
            if scan.refused > 0 {
                format!("and {} refused", scan.refused)
            } else {
                String::new()
            },
        ],
        [
            "forwarded".into(),
            scan.forwarded.to_string(),
            if scan.relayed == 0 {
                "nothing was relayed (listen ran without --forward-to)".into()
            } else {
                format!("of {} relayed", scan.relayed)
            },
        ],
        [
            "pending".into(),
            scan.pending.to_string(),
            match scan.oldest_pending_ms {
                Some(at) => format!("oldest received {} ({} ago)", timestamp(at), span(now - at)),
                None => String::new(),
            },
        ],
        [
            "dead".into(),
            scan.dead.to_string(),
            if scan.dead > 0 {
                format!(
                    "copper-hooks replay --dead {} --to URL",
                    crate::text::shell_word(shown)
                )
            } else {
                String::new()
            },
        ],
        [
            "runs".into(),
            scan.runs.to_string(),
            match (scan.first_ms, scan.last_ms) {
                (Some(first), Some(last)) => format!(
                    "{} to {}{}",
                    timestamp(first),
                    timestamp(last),
                    if scan.open_run {
                        ", running (or killed)"
                    } else {
                        ", stopped"
                    }
                ),
                _ => String::new(),
            },
        ],
    ];
    rows.push([
        "gaps".into(),
        (scan.gaps.len() as u64 + scan.more_gaps).to_string(),
        format!(
            "listen not running, or no delivery for {} or more",
            humantime::format_duration(*gap)
        ),
    ]);
    let mut text = format!(
        "Journal {shown}\n{}",
        output::columns(&["", "count", ""], &rows)
            .lines()
            .skip(1)
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let listed = scan.gaps.len().saturating_sub(SHOWN_GAPS);
    for gap in scan.gaps.iter().skip(listed) {
        text.push_str(&format!(
            "\n    {} to {}  {}  {}",
            timestamp(gap.from_ms),
            gap.until_ms.map_or("now".into(), timestamp),
            span(gap.until_ms.unwrap_or(now) - gap.from_ms),
            match gap.why {
                GapWhy::Down => "listen not running",
                GapWhy::Quiet => "no delivery",
            }
        ));
    }
    if listed as u64 + scan.more_gaps > 0 {
        text.push_str(&format!(
            "\n    ({} earlier gaps: -o json lists them)",
            listed as u64 + scan.more_gaps
        ));
    }
    if !scan.gaps.is_empty() {
        text.push_str(&format!(
            "\nCatch up on them: copper-hooks reconcile --gaps-from {} --to URL",
            crate::text::shell_word(shown)
        ));
    }
    text
}
