//! JSON and JSON Lines articles.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{Format, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let _ = parse_bytes(data, Format::Json, "fuzz.json", false);
    let _ = parse_bytes(data, Format::JsonLines, "fuzz.jsonl", false);
});
