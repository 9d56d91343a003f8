//! Score newsdex's HTML body extraction on an article-extraction-benchmark style folder.
//!
//! Usage: cargo run --release --bin eval-extraction -- ../shared/extraction-dev [--per-page]
//! The folder holds `html/<id>.html.gz` and `ground-truth.json` ({id: {articleBody, url}}).
//! Metric (the benchmark's): per page, tokens are `\w+` runs (Unicode, case-sensitive);
//! 4-token shingles are compared as multisets: tp = shared count, fp = extra predicted,
//! fn = missed; precision and recall per page, averaged over pages (a page with no
//! predicted and no true shingles counts 1.0); F1 = 2PR/(P+R). Also prints MB/s of HTML.

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdex::ingest::html::page_score;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir: PathBuf = args
        .next()
        .context("usage: eval-extraction DIR [--per-page]")?
        .into();
    let per_page = args.any(|a| a == "--per-page");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json"))
            .context("reading ground-truth.json")?,
    )?;
    let (mut precision_sum, mut recall_sum, mut pages) = (0.0, 0.0, 0usize);
    let (mut bytes, mut seconds) = (0usize, 0.0f64);
    let mut ids: Vec<&String> = truth
        .as_object()
        .context("ground truth is an object")?
        .keys()
        .collect();
    ids.sort();
    for id in ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(&path).with_context(|| path.display().to_string())?,
        )
        .read_to_end(&mut raw)?;
        bytes += raw.len();
        let started = Instant::now();
        let parsed = newsdex::ingest::parse_bytes(&raw, newsdex::ingest::Format::Html, id, false);
        seconds += started.elapsed().as_secs_f64();
        let body = parsed
            .ok()
            .and_then(|p| p.articles.into_iter().next())
            .map(|a| a.body)
            .unwrap_or_default();
        let (p, r) = page_score(&body, truth[id]["articleBody"].as_str().unwrap_or(""));
        if per_page {
            println!("{id} P {p:.3} R {r:.3} {}", truth[id]["url"]);
        }
        precision_sum += p;
        recall_sum += r;
        pages += 1;
    }
    let (p, r) = (precision_sum / pages as f64, recall_sum / pages as f64);
    println!(
        "{pages} pages: precision {p:.4} recall {r:.4} F1 {:.4}; {:.1} MB/s of HTML on one core",
        2.0 * p * r / (p + r),
        bytes as f64 / 1e6 / seconds
    );
    Ok(())
}
