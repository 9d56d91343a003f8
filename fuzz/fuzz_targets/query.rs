//! The query language and filters against a small index built once.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdex::index::NewsIndex;
use newsdex::search::{Search, SearchRequest};

fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<NewsIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdex-fuzz-query-{}", std::process::id()));
        let corpus = dir.join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "Putin visits Vladivostok\n\nVladimir Putin met Kim Jong Un in Vladivostok, Russia, on Tuesday.").unwrap();
        let options = newsdex::index::writer::IndexOptions {
            roots: vec![corpus],
            rebuild: true,
            threads: 1,
            memory_bytes: 20_000_000,
            ..Default::default()
        };
        let stop = std::sync::atomic::AtomicBool::new(false);
        newsdex::index::writer::run(&dir.join("ix"), &options, newsdex::entities::default_tagger(), &|_, _| {}, &stop).unwrap();
        NewsIndex::open(&dir.join("ix")).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{1f}');
    let query = parts.next().unwrap_or("").to_string();
    let person = parts.next().map(str::to_string);
    let since = parts.next().map(str::to_string);
    let search = Search::new(index()).unwrap();
    let request = SearchRequest { query, persons: person.into_iter().collect(), since, limit: 5, ..Default::default() };
    let _ = search.search(&request);
});
