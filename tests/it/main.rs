//! One integration binary: the real `copper-hooks` against the emulator over loopback TCP.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed anyway

mod adopt;
mod api;
mod auth;
mod ci;
mod completion;
mod emulator;
mod exposed;
mod failures;
mod fidelity;
mod firsthour;
mod firsthour2;
mod fleet;
mod harness;
mod leaks;
mod manifest;
mod newuser;
mod pipes;
mod receivers;
mod reconcile;
mod relay;
mod surface;
mod terminal;
mod trust;
