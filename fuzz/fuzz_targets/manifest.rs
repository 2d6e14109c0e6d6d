//! The manifest parser on arbitrary text: it must return a manifest or located problems,
//! never panic, and never locate a problem outside the text.
#![no_main]

use copper_hooks::manifest::{parse, EnvMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let env = |name: &str| (name == "TOKEN").then(|| "value".to_string());
    for mode in [EnvMode::Require, EnvMode::AllowUnset] {
        if let Err(problems) = parse(text, "fuzz.toml", &env, mode) {
            let lines = text.split('\n').count();
            for problem in problems {
                assert!(problem.line >= 1 && problem.line <= lines);
            }
        }
    }
});
