//! The target parser on arbitrary text: a target that parses is printable, canonical, and
//! parses back to itself.
#![no_main]

use copper_hooks::rules::Target;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    if let Ok(target) = Target::parse(raw) {
        let text = target.as_str();
        assert!(!text.chars().any(|c| c.is_control() || c.is_whitespace()));
        assert_eq!(Target::parse(text).map(|t| t.as_str().to_string()).ok().as_deref(), Some(text));
    }
});
