//! Tokeniser + NER tagger throughput (tokens per second on one core).
//!
//! Runs on `sample-corpus/` so it needs nothing outside the repository:
//! `cargo bench --bench tagger`.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdex::entities::ner::NerModel;
use newsdex::entities::tokenize;
use newsdex::ingest;

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let (files, _, _) = ingest::discover(&[root], Default::default(), &[]);
    let mut texts = Vec::new();
    for f in files {
        if let Ok(parsed) = ingest::read_file(&f.path, Default::default()) {
            for a in parsed.articles {
                texts.push(format!(
                    "{}\n{}\n{}",
                    a.headline,
                    a.captions.join("\n"),
                    a.body
                ));
            }
        }
    }
    texts
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let model = NerModel::embedded();
    let tokens: usize = texts
        .iter()
        .map(|t| tokenize::sentences(t).iter().map(Vec::len).sum::<usize>())
        .sum();
    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tokenize::sentences(t).len())
                .sum::<usize>()
        })
    });
    group.bench_function("tokenize+tag", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                let sentences: Vec<Vec<&str>> = tokenize::sentences(t)
                    .iter()
                    .map(|s| s.iter().map(|t| t.text).collect())
                    .collect();
                n += model.tag_document(&sentences).len();
            }
            n
        })
    });
    // The path indexing takes: tokenise, two passes, margins, spans to mentions.
    let tagger = newsdex::entities::default_tagger();
    group.bench_function("mentions", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tagger.mentions(&[t.as_str()]).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
