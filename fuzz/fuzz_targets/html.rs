//! Saved web pages: charset sniffing, metadata scanning, body extraction.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{Format, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let _ = parse_bytes(data, Format::Html, "fuzz.html", false);
});
