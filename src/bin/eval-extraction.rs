//! Score newsdex's HTML body extraction on an article-extraction-benchmark style folder.
//!
//! Usage: cargo run --release --bin eval-extraction -- DIR [--per-page] [--cv [INSPECTED]]
//! The folder holds `html/<id>.html.gz` and `ground-truth.json` ({id: {articleBody, url}}).
//! Metric (the benchmark's): per page, tokens are `\w+` runs (Unicode, case-sensitive);
//! 4-token shingles are compared as multisets: tp = shared count, fp = extra predicted,
//! fn = missed; precision and recall per page, averaged over pages (a page with no
//! predicted and no true shingles counts 1.0); F1 = 2PR/(P+R). Also prints MB/s of HTML.
//!
//! `--cv` also estimates the score on unseen pages. Every setting of the body rules
//! (`BodyRules`: the cross-check ratio and each line rule on or off) is scored on every
//! page; then, leaving out one site at a time, the setting that scores best on the other
//! sites is scored on the left-out site's pages (leave-one-site-out cross-validation of
//! the rule choice). It prints each rule's effect (default setting with that rule off)
//! on all pages and, when INSPECTED names a file of page ids (one per line) that were
//! looked at while the rules were written, on the pages not in it.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdex::ingest::boilerplate::BodyRules;
use newsdex::ingest::html::{decode_html, extract, page_score};

/// Precision and recall averaged over pages, and their F1.
fn averaged(scores: impl Iterator<Item = (f64, f64)>) -> (f64, f64, f64) {
    let (mut p, mut r, mut n) = (0.0, 0.0, 0usize);
    for (pp, rr) in scores {
        p += pp;
        r += rr;
        n += 1;
    }
    let (p, r) = (p / n.max(1) as f64, r / n.max(1) as f64);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// Every rule setting `--cv` compares: the cross-check ratio times each line rule on or off.
fn settings() -> Vec<BodyRules> {
    let mut out = Vec::new();
    for cross_check in [None, Some(1.0), Some(1.1), Some(1.25), Some(1.5), Some(2.0)] {
        for bits in 0..16u32 {
            out.push(BodyRules {
                cross_check,
                headline_and_captions: bits & 1 != 0,
                furniture: bits & 2 != 0,
                link_runs: bits & 4 != 0,
                calls_to_action: bits & 8 != 0,
            });
        }
    }
    out
}

/// How many rules a setting switches on: the tie-break prefers fewer.
fn rules_on(r: &BodyRules) -> usize {
    [
        r.cross_check.is_some(),
        r.headline_and_captions,
        r.furniture,
        r.link_runs,
        r.calls_to_action,
    ]
    .iter()
    .filter(|on| **on)
    .count()
}

/// The site of a page's URL: its host without "www.".
fn site(url: &str) -> String {
    let host = url.split("//").nth(1).unwrap_or(url);
    let host = host.split('/').next().unwrap_or(host);
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

struct Page {
    id: String,
    site: String,
    truth: String,
    html: Vec<u8>,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir: PathBuf = args
        .first()
        .context("usage: eval-extraction DIR [--per-page] [--cv [INSPECTED]]")?
        .into();
    let per_page = args.iter().any(|a| a == "--per-page");
    let cv_at = args.iter().position(|a| a == "--cv");
    let inspected: Option<HashSet<String>> = cv_at
        .and_then(|i| args.get(i + 1))
        .filter(|a| !a.starts_with("--"))
        .map(|path| -> Result<HashSet<String>> {
            Ok(std::fs::read_to_string(path)
                .with_context(|| path.clone())?
                .lines()
                .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect())
        })
        .transpose()?;
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ground-truth.json"))
            .context("reading ground-truth.json")?,
    )?;
    let mut pages = Vec::new();
    for (id, entry) in truth.as_object().context("ground truth is an object")? {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(&path).with_context(|| path.display().to_string())?,
        )
        .read_to_end(&mut html)?;
        pages.push(Page {
            id: id.clone(),
            site: site(entry["url"].as_str().unwrap_or("")),
            truth: entry["articleBody"].as_str().unwrap_or("").to_string(),
            html,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));

    // The production path, timed: decoding, metadata and body.
    let (mut bytes, mut seconds, mut scores) = (0usize, 0.0f64, Vec::new());
    for page in &pages {
        bytes += page.html.len();
        let started = Instant::now();
        let parsed = newsdex::ingest::parse_bytes(
            &page.html,
            newsdex::ingest::Format::Html,
            &page.id,
            false,
        );
        seconds += started.elapsed().as_secs_f64();
        let body = parsed
            .ok()
            .and_then(|p| p.articles.into_iter().next())
            .map(|a| a.body)
            .unwrap_or_default();
        let (p, r) = page_score(&body, &page.truth);
        if per_page {
            println!("{} P {p:.3} R {r:.3} {}", page.id, page.site);
        }
        scores.push((p, r));
    }
    let (p, r, f1) = averaged(scores.iter().copied());
    println!(
        "{} pages: precision {p:.4} recall {r:.4} F1 {f1:.4}; {:.1} MB/s of HTML on one core",
        pages.len(),
        bytes as f64 / 1e6 / seconds
    );
    if cv_at.is_some() {
        cross_validate(&pages, inspected.as_ref());
    }
    Ok(())
}

fn cross_validate(pages: &[Page], inspected: Option<&HashSet<String>>) {
    let settings = settings();
    // scores[s][i]: page i under setting s.
    let mut scores = vec![Vec::with_capacity(pages.len()); settings.len()];
    for page in pages {
        let extraction = extract(&decode_html(&page.html).text);
        for (s, rules) in settings.iter().enumerate() {
            scores[s].push(page_score(&extraction.body(rules), &page.truth));
        }
    }
    let f1_on = |s: usize, keep: &dyn Fn(usize) -> bool| {
        averaged((0..pages.len()).filter(|&i| keep(i)).map(|i| scores[s][i]))
    };
    let mut sites: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        sites.entry(&page.site).or_default().push(i);
    }
    let mut held_out = vec![(0.0, 0.0); pages.len()];
    let mut chosen: BTreeMap<String, usize> = BTreeMap::new();
    for members in sites.values() {
        let train = |i: usize| !members.contains(&i);
        let best = (0..settings.len())
            .max_by(|&a, &b| {
                let (fa, fb) = (f1_on(a, &train).2, f1_on(b, &train).2);
                fa.total_cmp(&fb)
                    .then(rules_on(&settings[b]).cmp(&rules_on(&settings[a])))
                    .then(b.cmp(&a))
            })
            .expect("there are settings");
        *chosen.entry(format!("{:?}", settings[best])).or_default() += members.len();
        for &i in members {
            held_out[i] = scores[best][i];
        }
    }
    let (p, r, f1) = averaged(held_out.iter().copied());
    let index_of = |rules: &BodyRules| {
        settings
            .iter()
            .position(|s| s == rules)
            .expect("the default is among the settings")
    };
    let default = BodyRules::default();
    let all = |_: usize| true;
    let dev = f1_on(index_of(&default), &all);
    println!(
        "\nleave-one-site-out ({} sites): precision {p:.4} recall {r:.4} F1 {f1:.4} \
         (default setting on all pages: F1 {:.4})",
        sites.len(),
        dev.2
    );
    println!("settings chosen (pages scored with each):");
    for (setting, count) in &chosen {
        println!("  {count:>3}  {setting}");
    }
    let unseen = |i: usize| inspected.is_some_and(|set| !set.contains(&pages[i].id));
    let unseen_count = (0..pages.len()).filter(|&i| unseen(i)).count();
    println!(
        "\n| setting | F1, all {} pages | F1, {} pages not inspected | pages (sites) better / worse than default |",
        pages.len(),
        unseen_count
    );
    println!("|---|---|---|---|");
    let switches: [(&str, BodyRules); 7] = [
        ("default", default),
        ("extractors only", BodyRules::none()),
        (
            "without cross-check",
            BodyRules {
                cross_check: None,
                ..default
            },
        ),
        (
            "without headline/caption lines",
            BodyRules {
                headline_and_captions: false,
                ..default
            },
        ),
        (
            "without furniture",
            BodyRules {
                furniture: false,
                ..default
            },
        ),
        (
            "without link runs",
            BodyRules {
                link_runs: false,
                ..default
            },
        ),
        (
            "without calls to action",
            BodyRules {
                calls_to_action: false,
                ..default
            },
        ),
    ];
    let ratios = [Some(1.1), Some(1.25), Some(1.5), Some(2.0)];
    let sweep = ratios.iter().map(|&cross_check| {
        (
            format!("cross-check at {:.2}", cross_check.unwrap_or(0.0)),
            BodyRules {
                cross_check,
                ..default
            },
        )
    });
    for (name, rules) in switches
        .into_iter()
        .map(|(n, r)| (n.to_string(), r))
        .chain(sweep)
    {
        let s = index_of(&rules);
        let seen_part = if unseen_count > 0 {
            format!("{:.4}", f1_on(s, &unseen).2)
        } else {
            "-".to_string()
        };
        let page_f1 = |(p, r): (f64, f64)| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let (mut better, mut worse) = (Vec::new(), Vec::new());
        for (i, page) in pages.iter().enumerate() {
            let delta = page_f1(scores[s][i]) - page_f1(scores[index_of(&default)][i]);
            if delta > 0.001 {
                better.push(page.site.as_str());
            } else if delta < -0.001 {
                worse.push(page.site.as_str());
            }
        }
        let count = |v: &[&str]| {
            let sites: HashSet<&&str> = v.iter().collect();
            format!("{} ({})", v.len(), sites.len())
        };
        println!(
            "| {name} | {:.4} | {seen_part} | {} / {} |",
            f1_on(s, &all).2,
            count(&better),
            count(&worse)
        );
    }
}
