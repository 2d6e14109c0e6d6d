//! copper-hooks as a library: the modules the binary is made of, public so that fuzz targets
//! and benchmarks can reach the parsers and decoders directly. The command line is the
//! supported interface; this API may change with any release.

pub mod accounts;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod copper;
pub mod data;
pub mod delivery;
pub mod emulator;
pub mod error;
pub mod manifest;
pub mod notify;
pub mod output;
pub mod quota;
pub mod relay;
pub mod rules;
pub mod serve;
pub mod text;
