//! Plain-text articles: any bytes through decoding, parsing and entity extraction.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{Format, parse_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse_bytes(data, Format::Text, "fuzz.txt", false) {
        for mut article in parsed.articles {
            newsdex::entities::annotate(&mut article, newsdex::entities::default_tagger());
        }
    }
});
