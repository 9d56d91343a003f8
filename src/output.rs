//! Output: how results look on a terminal and as JSON.
//!
//! Owns rendering of search hits, articles, index reports and entity counts, with colour
//! only when asked or when writing to a terminal. It must not query the index or decide what
//! matches; it formats what `search` and `index` return.

use crate::article::Article;
use crate::index::writer::IndexReport;
use crate::search::{Bucket, EntityCount, Hit, SearchResponse, Snippet, Stats};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[32m";
const MAGENTA: &str = "\x1b[35m";
const RESET: &str = "\x1b[0m";

/// Terminal styling on or off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// The snippet with highlighted ranges painted (or left plain without colour).
fn render_snippet(snippet: &Snippet, style: Style) -> String {
    let text = &snippet.text;
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &(start, end) in &snippet.highlights {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&style.paint(RED, &text[start..end]));
        at = end;
    }
    out.push_str(&text[at..]);
    out.replace('\n', " ")
}

fn date_only(date: &Option<String>) -> Option<&str> {
    date.as_deref().map(|d| d.get(..10).unwrap_or(d))
}

/// Search results for a person at a terminal.
pub fn search_text(results: &SearchResponse, offset: usize, style: Style) -> String {
    let mut out = String::new();
    for (i, hit) in results.hits.iter().enumerate() {
        out.push_str(&hit_text(i + 1 + offset, hit, style));
        out.push('\n');
    }
    let shown = results.hits.len();
    out.push_str(&style.paint(
        DIM,
        &format!(
            "{} of {} matching article{}",
            if shown == results.total {
                "all".to_string()
            } else {
                format!("{}–{}", offset + 1, offset + shown)
            },
            results.total,
            if results.total == 1 { "" } else { "s" }
        ),
    ));
    out.push('\n');
    for kind in crate::article::EntityKind::ALL.map(|k| k.field_name()) {
        if let Some(counts) = results.facets.get(kind) {
            out.push_str(&counts_text(&format!("{kind}s"), counts, style));
        }
    }
    if let Some(buckets) = &results.histogram {
        out.push_str(&histogram_text(buckets, style));
    }
    out
}

/// Matches per period, with a bar scaled to the largest.
fn histogram_text(buckets: &[Bucket], style: Style) -> String {
    let mut out = format!("{}\n", style.paint(BOLD, "matches by date"));
    let most = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    for b in buckets {
        let bar = "#".repeat(((b.count * 40).div_ceil(most)) as usize);
        out.push_str(&format!("  {:<10} {:>6}  {bar}\n", b.key, b.count));
    }
    if buckets.is_empty() {
        out.push_str("  (no dated matches)\n");
    }
    out
}

/// What `stats` prints at a terminal.
pub fn stats_text(stats: &Stats, style: Style) -> String {
    let mut text = format!(
        "{} articles, {:.1} MB on disk at {}\n",
        stats.documents,
        stats.index_bytes as f64 / 1e6,
        stats.index_path
    );
    let mut by: Vec<String> = stats
        .tagged_by
        .iter()
        .filter(|(tier, n)| *n > &0 && tier.as_str() != "none")
        .map(|(tier, n)| format!("{tier} {n}"))
        .collect();
    if let Some(n) = stats.tagged_by.get("none").filter(|n| **n > 0) {
        by.push(format!("not tagged {n}"));
    }
    if !by.is_empty() {
        text.push_str(&format!("entities tagged by: {}\n", by.join(", ")));
    }
    for (kind, counts) in [
        ("person", &stats.top_persons),
        ("place", &stats.top_places),
        ("org", &stats.top_orgs),
    ] {
        text.push_str(&counts_text(&format!("top {kind}s"), counts, style));
    }
    text
}

fn hit_text(rank: usize, hit: &Hit, style: Style) -> String {
    let mut meta = Vec::new();
    if let Some(d) = date_only(&hit.date) {
        meta.push(d.to_string());
    }
    if !hit.byline.is_empty() {
        meta.push(format!("by {}", hit.byline.join(", ")));
    }
    if let Some(place) = &hit.dateline {
        meta.push(place.clone());
    }
    let headline = if hit.headline.is_empty() {
        "(no headline)"
    } else {
        &hit.headline
    };
    let mut out = format!("{:>3}. {}\n", rank, style.paint(BOLD, headline));
    if !meta.is_empty() {
        out.push_str(&format!("     {}\n", style.paint(GREEN, &meta.join(" · "))));
    }
    out.push_str(&format!("     {}\n", style.paint(MAGENTA, &hit.path)));
    if !hit.snippet.text.is_empty() {
        out.push_str(&format!("     {}\n", render_snippet(&hit.snippet, style)));
    }
    out
}

/// An article with every field, for `show`.
pub fn article_text(a: &Article, style: Style) -> String {
    let mut out = format!("{}\n", style.paint(BOLD, &a.headline));
    let mut line = |label: &str, value: &str| {
        if !value.is_empty() {
            out.push_str(&format!(
                "{} {}\n",
                style.paint(GREEN, &format!("{label:<9}")),
                value
            ));
        }
    };
    line("id", &a.id);
    line("path", &a.path);
    line("byline", &a.byline.join(", "));
    line("date", a.date.as_deref().unwrap_or(""));
    line("url", a.url.as_deref().unwrap_or(""));
    // Places show what the gazetteer chose: "Atlanta (Georgia, United States) ×2".
    let list = |e: &[crate::article::Entity]| {
        e.iter()
            .map(|e| {
                let within: Vec<&str> = [e.region.as_deref(), e.country.as_deref()]
                    .into_iter()
                    .flatten()
                    .filter(|w| *w != e.name)
                    .collect();
                // Salience, 0-100 (`entities::salience`): "[85]".
                let central = if e.salience > 0 {
                    format!(" [{}]", e.salience)
                } else {
                    String::new()
                };
                if within.is_empty() {
                    format!("{} ×{}{central}", e.name, e.count)
                } else {
                    format!("{} ({}) ×{}{central}", e.name, within.join(", "), e.count)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The dateline as written, then the place it resolved to: "Wallaceburg, Ontario ->
    // Ontario (Canada)".
    let dateline = match (&a.dateline, &a.dateline_place) {
        (Some(text), Some(place)) => match &place.country {
            Some(country) if *country != place.name => {
                format!("{text} -> {} ({country})", place.name)
            }
            _ => format!("{text} -> {}", place.name),
        },
        (Some(text), None) => text.clone(),
        (None, _) => String::new(),
    };
    line("dateline", &dateline);
    line("persons", &list(&a.persons));
    line("places", &list(&a.places));
    line("orgs", &list(&a.orgs));
    // Countries named by adjectives ("Canadian") or inside organisation names ("Bank of Canada"), which count for --place.
    line("countries", &list(&a.countries));
    for caption in &a.captions {
        line("caption", caption);
    }
    out.push('\n');
    out.push_str(&a.body);
    out.push('\n');
    out
}

/// The summary printed at the end of `newsdex index`.
pub fn report_text(r: &IndexReport, verbose: bool) -> String {
    let mut out = String::new();
    if r.files_indexed == 0
        && r.files_removed == 0
        && r.failed.is_empty()
        && r.files_seen > 0
        && !r.interrupted
    {
        out.push_str(&format!(
            "{} files seen, nothing changed: index is up to date ({} articles)\n",
            r.files_seen, r.documents
        ));
    } else {
        out.push_str(&format!(
            "{} files seen: {} indexed ({} articles), {} unchanged, {} removed, {} failed; {} articles in the index\n",
            r.files_seen,
            r.files_indexed,
            r.articles_indexed,
            r.files_unchanged,
            r.files_removed,
            r.failed.len(),
            r.documents
        ));
    }
    if r.interrupted {
        out.push_str("interrupted: what was indexed so far is committed; run again to finish\n");
    }
    if r.other_files > 0 && verbose {
        out.push_str(&format!(
            "{} files of other types passed over\n",
            r.other_files
        ));
    }
    if let Some(tier) = r.tier {
        for (other, n) in &r.other_tier {
            let (articles, keep) = if *n == 1 {
                ("article", "keeps")
            } else {
                ("articles", "keep")
            };
            out.push_str(&format!(
                "{n} {articles} {keep} the {} tagger's entities (their files did not change); --rebuild re-tags every article with the {} one\n",
                other.name(),
                tier.name()
            ));
        }
    }
    let show = if verbose { usize::MAX } else { 10 };
    for p in r.failed.iter().take(show) {
        out.push_str(&format!("failed: {}: {}\n", p.path, p.reason));
    }
    if r.failed.len() > show {
        out.push_str(&format!(
            "… and {} more failures (--verbose lists all)\n",
            r.failed.len() - show
        ));
    }
    let warn_show = if verbose { usize::MAX } else { 5 };
    for p in r.warnings.iter().take(warn_show) {
        out.push_str(&format!("warning: {}: {}\n", p.path, p.reason));
    }
    if r.warnings.len() > warn_show {
        out.push_str(&format!(
            "… and {} more warnings (--verbose lists all)\n",
            r.warnings.len() - warn_show
        ));
    }
    out
}

/// Entity counts as a table.
pub fn counts_text(title: &str, counts: &[EntityCount], style: Style) -> String {
    let mut out = format!("{}\n", style.paint(BOLD, title));
    if counts.is_empty() {
        out.push_str("  (none)\n");
    }
    for c in counts {
        match c.weight {
            // Weighted: the summed salience first, the article count after the name.
            Some(weight) => out.push_str(&format!(
                "  {weight:>6.1}  {}  ({} articles)\n",
                c.name, c.articles
            )),
            None => out.push_str(&format!("  {:>6}  {}\n", c.articles, c.name)),
        }
    }
    out
}
