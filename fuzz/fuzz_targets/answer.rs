//! The API-answer decoder on arbitrary bytes: it returns a value or a short error that quotes
//! nothing of the body, and never panics.
#![no_main]

use copper_hooks::copper::{decode_body, Account, Subscription};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let errors = [
        decode_body::<Vec<Subscription>>(body).err(),
        decode_body::<Subscription>(body).err(),
        decode_body::<Account>(body).err(),
        decode_body::<serde_json::Value>(body).err(),
    ];
    for err in errors.into_iter().flatten() {
        assert!(err.len() < 80);
    }
});
