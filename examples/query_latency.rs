//! In-process query latency on an index: 50 fixed queries (25 plain, 25 with entity
//! filters), top 10 with snippets, warm; then entity facet counts.
//!
//!     cargo run --release --example query_latency -- INDEX_DIR [ROUNDS]

use std::time::Instant;

use newsdex::article::EntityKind;
use newsdex::engine::Engine;
use newsdex::search::SearchRequest;

const QUERIES: [&str; 25] = [
    "election",
    "economy growth",
    "\"prime minister\"",
    "film award",
    "mobile phone",
    "oil prices",
    "interest rates",
    "world cup",
    "music chart",
    "tax cuts",
    "broadband",
    "court case",
    "stock market",
    "general election campaign",
    "video games",
    "injury",
    "champions league",
    "budget deficit",
    "internet security",
    "box office",
    "strike",
    "immigration",
    "record profits",
    "coach",
    "software",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "{name:<28} n={:<5} p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: query_latency INDEX_DIR [ROUNDS]");
    let rounds: usize = args
        .next()
        .map(|r| r.parse().expect("ROUNDS is a number"))
        .unwrap_or(20);
    let engine = Engine::open(std::path::Path::new(&dir))?;
    let search = engine.search();
    let filters = [
        ("person", "Blair"),
        ("place", "London"),
        ("org", "Microsoft"),
        ("place", "United States"),
        ("person", "Brown"),
    ];
    let requests: Vec<(bool, SearchRequest)> = QUERIES
        .iter()
        .map(|q| {
            (
                false,
                SearchRequest {
                    query: q.to_string(),
                    limit: 10,
                    ..Default::default()
                },
            )
        })
        .chain(QUERIES.iter().enumerate().map(|(i, q)| {
            let (kind, value) = filters[i % filters.len()];
            let mut r = SearchRequest {
                query: q.to_string(),
                limit: 10,
                ..Default::default()
            };
            match kind {
                "person" => r.persons.push(value.into()),
                "place" => r.places.push(value.into()),
                _ => r.orgs.push(value.into()),
            }
            (true, r)
        }))
        .collect();
    for (_, r) in &requests {
        search.run(r)?; // warm
    }
    let (mut plain, mut filtered) = (Vec::new(), Vec::new());
    let (mut facets, mut weighted) = (Vec::new(), Vec::new());
    let mut by_filter: Vec<Vec<f64>> = vec![Vec::new(); filters.len()];
    for _ in 0..rounds {
        for (i, (with_filter, r)) in requests.iter().enumerate() {
            let started = Instant::now();
            let results = search.run(r)?;
            let ms = started.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(results);
            if *with_filter {
                filtered.push(ms);
                by_filter[(i - QUERIES.len()) % filters.len()].push(ms);
            } else {
                plain.push(ms)
            }
        }
        for q in QUERIES.iter().take(10) {
            let r = SearchRequest {
                query: q.to_string(),
                ..Default::default()
            };
            for (by_salience, times) in [(false, &mut facets), (true, &mut weighted)] {
                let started = Instant::now();
                let query = search.build_query(&r)?;
                std::hint::black_box(search.entity_counts_for(
                    &*query,
                    &[EntityKind::Person, EntityKind::Place, EntityKind::Org],
                    20,
                    by_salience,
                )?);
                times.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    println!("{} documents", search.searcher().num_docs());
    report("search (top 10 + snippets)", plain);
    report("search + entity filter", filtered);
    for ((kind, value), ms) in filters.iter().zip(by_filter) {
        report(&format!("  of which --{kind} {value:?}"), ms);
    }
    report("entity facets (3 types)", facets);
    report("entity facets (3 types), --weighted", weighted);
    Ok(())
}
