//! What a person sees in a terminal, tested in one: the binary runs in tmux, driven with
//! send-keys and read with capture-pane.

use crate::harness::{entries, Tmux, World};

#[test]
fn a_long_apply_shows_a_progress_bar_on_a_terminal_only() {
    let w = World::with(&["--latency", "40"]);
    let path = w.write("m.toml", &entries(0..60));
    let Some(term) = Tmux::start(&w, 80) else {
        return;
    };
    term.run(&[
        "apply",
        "--yes",
        "--concurrency",
        "2",
        path.to_str().unwrap(),
    ]);
    let during = term.wait_for("/60 changes");
    assert!(during.contains("created (id"), "{during}");
    let after = term.wait_for("[exit 0]");
    assert!(after.contains("Apply complete: 60 created"), "{after}");
    assert!(
        !after.contains("/60 changes"),
        "the bar was left behind:\n{after}"
    );
    // Off a terminal there is no bar, only a line per change.
    let path = w.write("n.toml", &entries(60..63));
    let piped = w.run(&["apply", "--yes", path.to_str().unwrap()]);
    piped.ok();
    assert!(!piped.stderr.contains("changes"), "{}", piped.stderr);
    assert_eq!(piped.stderr.matches("created (id").count(), 3);
}
