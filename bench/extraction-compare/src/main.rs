//! cargo run --release -- ../../../shared/extraction-dev
//! Scores raw rs-trafilatura, raw dom_smoothie and newsdex (rs-trafilatura plus newsdex's
//! metadata and tidying) with the benchmark metric, and times each on one core.

use std::io::Read;
use std::time::Instant;

use newsdex::ingest::html::page_score;

fn main() {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: extraction-compare DIR"),
    );
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap())
            .unwrap();
    let mut pages = Vec::new();
    for (id, v) in truth.as_object().unwrap() {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).unwrap(),
        )
        .read_to_end(&mut raw)
        .unwrap();
        pages.push((raw, v["articleBody"].as_str().unwrap_or("").to_string()));
    }
    let extractors: [(&str, fn(&[u8]) -> String); 3] = [
        ("rs-trafilatura 0.2.2", |raw| {
            rs_trafilatura::extract(&String::from_utf8_lossy(raw))
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
        ("dom_smoothie 0.19.0", |raw| {
            let html = String::from_utf8_lossy(raw);
            dom_smoothie::Readability::new(html.as_ref(), None, None)
                .ok()
                .and_then(|mut r| r.parse().ok())
                .map(|a| a.text_content.to_string())
                .unwrap_or_default()
        }),
        ("newsdex", |raw| {
            newsdex::ingest::parse_bytes(raw, newsdex::ingest::Format::Html, "x", false)
                .ok()
                .and_then(|p| p.articles.into_iter().next())
                .map(|a| a.body)
                .unwrap_or_default()
        }),
    ];
    let bytes: usize = pages.iter().map(|p| p.0.len()).sum();
    if std::env::var_os("PER_PAGE").is_some() {
        let ids: Vec<&String> = truth.as_object().unwrap().keys().collect();
        for (i, (raw, t)) in pages.iter().enumerate() {
            let a = (extractors[2].1)(raw);
            let b = (extractors[1].1)(raw);
            let (pa, ra) = page_score(&a, t);
            let (pb, rb) = page_score(&b, t);
            println!(
                "{} nd P {pa:.3} R {ra:.3} len {} paras {} | ds P {pb:.3} R {rb:.3} len {}",
                &ids[i][..8],
                a.len(),
                a.split("\n\n").count(),
                b.len()
            );
        }
        return;
    }
    for (name, extract) in extractors {
        let (mut ps, mut rs, mut secs) = (0.0, 0.0, 0.0);
        for (raw, truth) in &pages {
            let started = Instant::now();
            let body = extract(raw);
            secs += started.elapsed().as_secs_f64();
            let (p, r) = page_score(&body, truth);
            ps += p;
            rs += r;
        }
        let (p, r) = (ps / pages.len() as f64, rs / pages.len() as f64);
        println!(
            "{name:<22} P {p:.4} R {r:.4} F1 {:.4}  {:.1} MB/s",
            2.0 * p * r / (p + r),
            bytes as f64 / 1e6 / secs
        );
    }
}
