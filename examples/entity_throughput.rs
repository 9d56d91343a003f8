//! Entity extraction alone, on one thread: parse every article under a folder once, then
//! annotate all of them (tokenise, two tagging passes, normalise, link, places) several
//! times; prints each round and the median in MB/s of article text and articles/s. The
//! steadier way to compare tagger changes than timing whole index runs on a shared machine.
//! Each round runs on a new thread, so what a tagging thread remembers (its buffers, the
//! word forms it has seen) starts empty every round, as for a corpus seen the first time.
//!
//!     cargo run --release --example entity_throughput -- ../shared/corpora/bbc [ROUNDS]

use std::path::PathBuf;
use std::time::Instant;

use newsdex::entities;
use newsdex::ingest;

/// The allocator the `newsdex` binary uses, so timings match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: entity_throughput DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let (files, _, _) = ingest::discover(&[PathBuf::from(root)], Default::default(), &[]);
    let mut articles = Vec::new();
    for f in files {
        if let Ok(parsed) = ingest::read_file(&f.path, Default::default()) {
            articles.extend(parsed.articles);
        }
    }
    let bytes: usize = articles
        .iter()
        .map(|a| {
            a.headline.len() + a.body.len() + a.captions.iter().map(String::len).sum::<usize>()
        })
        .sum();
    let tagger = entities::default_tagger();
    let mut seconds = Vec::new();
    for round in 0..rounds {
        let mut copies = articles.clone();
        let (s, names) = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let start = Instant::now();
                    let mut names = 0;
                    for a in &mut copies {
                        entities::annotate(a, tagger);
                        names += a.persons.len() + a.places.len() + a.orgs.len();
                    }
                    (start.elapsed().as_secs_f64(), names)
                })
                .join()
                .expect("the tagging thread does not panic")
        });
        eprintln!("round {}: {s:.3} s, {names} entities", round + 1);
        seconds.push(s);
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    println!(
        "{} articles, {:.1} MB: median {median:.3} s [{:.3}-{:.3}] = {:.2} MB/s, {:.0} articles/s (one thread)",
        articles.len(),
        bytes as f64 / 1e6,
        seconds[0],
        seconds[seconds.len() - 1],
        bytes as f64 / 1e6 / median,
        articles.len() as f64 / median
    );
}
