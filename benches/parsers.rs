//! Parser throughput (MB/s) and query execution, on inputs inside the repository:
//! `cargo bench --bench parsers`.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdex::ingest::{self, Format};
use newsdex::search::SearchRequest;

fn files(ext: &str) -> Vec<(Vec<u8>, Format)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let (found, _, _) = ingest::discover(&[root], Default::default(), &[]);
    found
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == ext))
        .map(|f| {
            (
                std::fs::read(&f.path).expect("sample corpus is readable"),
                ingest::format_from_name(&f.path).expect("known format"),
            )
        })
        .collect()
}

/// A news page of about 60 KB: head metadata, navigation, article, related links, footer.
fn html_page() -> Vec<u8> {
    let para = "<p>The council met on Tuesday to discuss the harbour wall, the ferry timetable and the cost of repairs after the winter storms, officials said.</p>\n";
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Harbour repairs | Example</title>
<meta property="og:title" content="Harbour repairs approved"><meta name="author" content="Jane Doe">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Harbour repairs approved","datePublished":"2024-01-02T10:00:00Z","author":{{"name":"Jane Doe"}}}}</script>
</head><body><nav>{}</nav><article><h1>Harbour repairs approved</h1><figure><img src="a.jpg"><figcaption>The harbour wall</figcaption></figure>{}</article>
<aside>{}</aside><footer>Cookie settings. All rights reserved.</footer></body></html>"#,
        "<a href='/x'>Section</a> ".repeat(40),
        para.repeat(250),
        "<li><a href='/y'>Related story headline goes here</a></li>".repeat(40)
    )
    .into_bytes()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, inputs) in [
        ("text", files("txt")),
        ("json", [files("json"), files("jsonl")].concat()),
        ("html", vec![(html_page(), Format::Html)]),
    ] {
        let bytes: usize = inputs.iter().map(|i| i.0.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                inputs
                    .iter()
                    .filter_map(|(raw, format)| {
                        ingest::parse_bytes(raw, *format, "bench", false).ok()
                    })
                    .count()
            })
        });
    }
    group.finish();

    // Query execution on an index of the sample corpus.
    let dir = tempfile::TempDir::new().expect("temp dir");
    let options = newsdex::index::writer::IndexOptions {
        roots: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")],
        rebuild: true,
        threads: 2,
        memory_bytes: 50_000_000,
        ..Default::default()
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    newsdex::index::writer::run(
        dir.path(),
        &options,
        newsdex::entities::default_tagger(),
        &|_, _| {},
        &stop,
    )
    .expect("index builds");
    let engine = newsdex::engine::Engine::open(dir.path()).expect("index opens");
    let search = engine.search();
    let mut group = c.benchmark_group("query");
    let plain = SearchRequest {
        query: "Shoigu artillery".into(),
        limit: 10,
        ..Default::default()
    };
    let filtered = SearchRequest {
        query: "arms deal".into(),
        persons: vec!["Kim Jong Un".into()],
        places: vec!["Russia".into()],
        limit: 10,
        ..Default::default()
    };
    group.bench_function("text, top 10 + snippets", |b| {
        b.iter(|| search.run(&plain).expect("search runs").total)
    });
    group.bench_function("text + person + place filters", |b| {
        b.iter(|| search.run(&filtered).expect("search runs").total)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
