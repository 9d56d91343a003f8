//! Saved news web pages: metadata from what publishers embed, body from the page.
//!
//! Owns turning one HTML page into an `Article`:
//! - charset: byte-order mark, then `<meta charset>` / `http-equiv` in the first 4 KiB, then
//!   strict UTF-8, then detection (`decode_html`);
//! - metadata, news-specific and ours: JSON-LD (NewsArticle, Article, ReportageNewsArticle
//!   and friends: headline, author, datePublished, dateline, image caption), OpenGraph,
//!   Twitter and `<meta>` tags, `<time datetime>`, `rel="author"` links and byline elements,
//!   then the visible `<h1>`; figure captions (`<figcaption>`, caption classes);
//! - the body: the main text found by `rs-trafilatura`, cross-checked against Readability
//!   (`dom_smoothie`) and replaced by it when trafilatura took clearly more (see
//!   `Extraction::main_text`; the comparison is in BENCHMARKS.md), then tidied line by line
//!   by `boilerplate` with the page's link texts, headline and captions.
//!
//! Metadata is read with a single pass of regular expressions over the raw page, not a DOM,
//! so it costs little and cannot be driven into deep recursion. Pages nested deeper than
//! `MAX_DEPTH` elements skip the DOM-based extractor and fall back to the page's text.
//! It must not touch the file system or tag entities.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use crate::article::Article;
use crate::ingest::boilerplate::{self, BodyRules, LinkTexts};
use crate::ingest::date::parse_date;
use crate::ingest::decode::Decoded;

/// Element nesting beyond which the page is not handed to the DOM-based extractor.
const MAX_DEPTH: usize = 1_000;

/// A compiled constant pattern. Word boundaries in patterns over the page are ASCII
/// (`(?-u:\b)`): a Unicode `\b` sends the regex from its lazy DFA to the much slower PikeVM
/// on any page with non-ASCII text (BENCHMARKS.md, issue #22).
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("the pattern is a valid constant regex"))
}

/// Decode an HTML page's bytes: BOM, then a declared charset, then UTF-8, then detection.
pub fn decode_html(bytes: &[u8]) -> Decoded {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        static CHARSET: OnceLock<Regex> = OnceLock::new();
        let declared = re(
            &CHARSET,
            r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#,
        )
        .captures(&head)
        .and_then(|c| encoding_rs::Encoding::for_label(c[1].as_bytes()));
        if let Some(encoding) = declared {
            // A page that says one thing and is valid UTF-8 is far more often mislabelled
            // UTF-8 than Latin-1 text that happens to be valid UTF-8.
            if encoding != encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_ok() {
                return Decoded {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    encoding: "UTF-8",
                    truncated: false,
                };
            }
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            return Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
                truncated: false,
            };
        }
    }
    match super::decode::decode(bytes) {
        Ok(d) => d,
        // HTML with stray NUL bytes is still HTML: decode leniently.
        Err(_) => Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: "UTF-8",
            truncated: false,
        },
    }
}

/// Text with tags removed, entities decoded and whitespace collapsed.
fn inner_text(html: &str) -> String {
    static TAG: OnceLock<Regex> = OnceLock::new();
    let stripped = re(&TAG, r"(?s)<[^>]*>").replace_all(html, " ");
    let decoded = html_escape::decode_html_entities(&stripped);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The deepest element nesting in the page, counted cheaply over tags (void elements and
/// self-closing tags do not nest). Stops counting at `limit`.
fn nesting_depth(html: &str, limit: usize) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "!doctype", "!--",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && i + 1 < bytes.len() {
            let closing = bytes[i + 1] == b'/';
            let start = if closing { i + 2 } else { i + 1 };
            let mut end = start;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'!' || bytes[end] == b'-')
            {
                end += 1;
            }
            if end > start {
                let name = html[start..end].to_ascii_lowercase();
                let self_closing = html[end..]
                    .split('>')
                    .next()
                    .is_some_and(|rest| rest.ends_with('/'));
                if closing {
                    depth = depth.saturating_sub(1);
                } else if !VOID.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    max = max.max(depth);
                    if max >= limit {
                        return max;
                    }
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    max
}

/// Everything the page embeds about itself.
#[derive(Debug, Default)]
struct PageMeta {
    headline: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    dateline: Option<String>,
    url: Option<String>,
    captions: Vec<String>,
    id: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
];

fn is_article(v: &Value) -> bool {
    match &v["@type"] {
        Value::String(t) => ARTICLE_TYPES.contains(&t.as_str()),
        Value::Array(ts) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

/// Article objects in a JSON-LD value (top level, arrays, `@graph`), breadth first.
fn article_objects(v: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| article_objects(i, out, depth + 1)),
        Value::Object(o) => {
            if is_article(v) {
                out.push(v.clone());
            }
            if let Some(graph) = o.get("@graph") {
                article_objects(graph, out, depth + 1);
            }
            if let Some(main) = o.get("mainEntity") {
                article_objects(main, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn json_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            Some(html_escape::decode_html_entities(s).trim().to_string()).filter(|s| !s.is_empty())
        }
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("@value"))
            .and_then(json_text),
        Value::Array(a) => a.iter().find_map(json_text),
        _ => None,
    }
}

fn json_names(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().flat_map(json_names).collect(),
        other => json_text(other).into_iter().collect(),
    }
}

/// Elements whose opening tag matches `open` (a pattern for the opening tag only, so the
/// regex engine can use its fast DFA): (opening tag, inner HTML up to the next closing tag
/// of the same name; not nesting-aware, which suits the small elements read here). At
/// most `limit` elements.
fn elements<'a>(html: &'a str, open: &Regex, limit: usize) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    for m in open.find_iter(html).take(limit) {
        let name: String = m.as_str()[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let rest = &html[m.end()..];
        let end = closing_tag(rest, &name).unwrap_or(rest.len().min(20_000));
        out.push((m.as_str(), &rest[..end]));
    }
    out
}

/// Where the first `</name` (any case) starts in `html`: jumps from `<` to `<` (memchr)
/// rather than comparing at every byte, as JSON-LD scripts run to tens of kilobytes.
fn closing_tag(html: &str, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = html[from..].find('<') {
        let at = from + i;
        let tag = &bytes[at + 1..];
        if tag.first() == Some(&b'/')
            && tag
                .get(1..1 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Attributes of a tag as (lowercase name, value) pairs.
fn attributes(tag: &str) -> Vec<(String, String)> {
    static ATTR: OnceLock<Regex> = OnceLock::new();
    re(
        &ATTR,
        r#"(?s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#,
    )
    .captures_iter(tag)
    .map(|c| {
        let value = c
            .get(2)
            .or_else(|| c.get(3))
            .or_else(|| c.get(4))
            .map_or("", |m| m.as_str());
        (
            c[1].to_ascii_lowercase(),
            html_escape::decode_html_entities(value).trim().to_string(),
        )
    })
    .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Words that end a job title or a desk, not a name: "Jane Doe, Senior Reporter",
/// "John Roe, BBC News".
const TITLE_WORDS: &[&str] = &[
    "reporter",
    "reporters",
    "correspondent",
    "editor",
    "writer",
    "columnist",
    "contributor",
    "journalist",
    "producer",
    "analyst",
    "photographer",
    "staff",
    "chief",
    "bureau",
    "desk",
    "critic",
    "presenter",
    "news",
];

/// A byline's names: "By Jane Doe and John Roe", "Jane Doe, Senior Reporter", "By JANE DOE
/// in Seoul", "Jane Doe | John Roe". Job titles and desks after a name, places after "in",
/// a city after the names ("By Chinedu Eze, Abuja"), handles and web addresses are dropped;
/// names written in capitals are title-cased. A byline that is only a desk ("BBC News")
/// keeps it.
fn byline_names(text: &str) -> Vec<String> {
    fn strip_by(part: &str) -> &str {
        ["By ", "by ", "BY "]
            .iter()
            .find_map(|p| part.strip_prefix(p))
            .unwrap_or(part)
    }
    let mut parts: Vec<&str> = strip_by(text.trim())
        .split([',', '|', '&', '•', ';'])
        .flat_map(|p| p.split(" and ").flat_map(|p| p.split(" AND ")))
        .map(|part| {
            let part = strip_by(part.trim());
            // "Jane Doe in Seoul", "Jane Doe for The Times": the name is before.
            [" in ", " for ", " IN ", " FOR "]
                .iter()
                .filter_map(|w| part.find(w))
                .min()
                .map_or(part, |at| &part[..at])
                .trim_end_matches([' ', '-', '–', '—', ':'])
                .trim()
        })
        .filter(|n| {
            let lower = n.to_lowercase();
            (1..=4).contains(&n.split_whitespace().count())
                && n.chars().next().is_some_and(char::is_uppercase)
                && !n.chars().any(|c| c.is_ascii_digit() || c == '@')
                && ![".com", ".org", ".net", ".co."]
                    .iter()
                    .any(|d| lower.contains(d))
                && !["follow ", "updated", "published", "posted"]
                    .iter()
                    .any(|w| lower.starts_with(w))
        })
        .collect();
    if super::dateline::ends_with_city(&parts) {
        parts.pop();
    }
    let is_title = |n: &&str| {
        let last = n.split_whitespace().last().unwrap_or("").to_lowercase();
        TITLE_WORDS.contains(&last.as_str())
    };
    let any_name = parts.iter().any(|p| !is_title(p));
    parts
        .into_iter()
        .filter(|p| !(any_name && is_title(p)))
        .map(|n| {
            if n.chars().any(char::is_lowercase) || !n.contains(' ') {
                n.to_string()
            } else {
                title_case(n)
            }
        })
        .collect()
}

/// "JIM HEINTZ" as "Jim Heintz"; "O'NEIL" as "O'Neil"; "JEAN-PAUL" as "Jean-Paul". (One word
/// in capitals stays: it is more often an agency, "AFP", than a name.)
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

fn scan_metadata(html: &str) -> PageMeta {
    let mut meta = PageMeta::default();
    // JSON-LD.
    static LD: OnceLock<Regex> = OnceLock::new();
    let mut articles = Vec::new();
    for (_, json) in elements(
        html,
        re(
            &LD,
            r#"(?i)<script[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>"#,
        ),
        20,
    ) {
        if let Ok(v) = serde_json::from_str::<Value>(json.trim()) {
            article_objects(&v, &mut articles, 0);
        }
    }
    if let Some(a) = articles.first() {
        meta.headline = json_text(&a["headline"]).or_else(|| json_text(&a["name"]));
        meta.authors = json_names(&a["author"])
            .iter()
            .flat_map(|name| byline_names(name))
            .collect();
        meta.date = json_text(&a["datePublished"])
            .or_else(|| json_text(&a["dateCreated"]))
            .and_then(|d| parse_date(&d));
        meta.dateline = json_text(&a["dateline"]);
        meta.url = json_text(&a["url"]).or_else(|| json_text(&a["mainEntityOfPage"]["@id"]));
        meta.id = json_text(&a["identifier"]);
        if let Some(caption) = json_text(&a["image"]["caption"]) {
            meta.captions.push(caption);
        }
    }
    // <meta> and <link> tags.
    static TAGS: OnceLock<Regex> = OnceLock::new();
    let mut og_title = None;
    let mut meta_authors = Vec::new();
    let mut meta_date = None;
    let mut rel_author = Vec::new();
    // <meta> and <link> belong in <head>; stop there rather than scan the whole page.
    let head_end = html
        .find("</head>")
        .or_else(|| html.find("</HEAD>"))
        .unwrap_or(html.len().min(200_000));
    for m in re(&TAGS, r"(?is)<(meta|link)(?-u:\b)([^>]*)>").captures_iter(&html[..head_end]) {
        let attrs = attributes(&m[2]);
        let key = attr(&attrs, "property")
            .or_else(|| attr(&attrs, "name"))
            .or_else(|| attr(&attrs, "itemprop"))
            .unwrap_or("")
            .to_ascii_lowercase();
        let content = attr(&attrs, "content").unwrap_or("");
        match key.as_str() {
            "og:title" | "twitter:title" if og_title.is_none() && !content.is_empty() => {
                og_title = Some(content.to_string())
            }
            "author" | "article:author" | "byl" | "sailthru.author" | "parsely-author"
            | "dc.creator"
                if !content.starts_with("http") =>
            {
                meta_authors.extend(byline_names(content))
            }
            "article:published_time"
            | "og:published_time"
            | "pubdate"
            | "publishdate"
            | "date"
            | "dc.date"
            | "datepublished"
            | "parsely-pub-date"
            | "sailthru.date"
                if meta_date.is_none() =>
            {
                meta_date = parse_date(content);
            }
            "og:url" if meta.url.is_none() && !content.is_empty() => {
                meta.url = Some(content.to_string())
            }
            _ => {}
        }
        if m[1].eq_ignore_ascii_case("link") {
            let rel = attr(&attrs, "rel").unwrap_or("").to_ascii_lowercase();
            if rel == "canonical" && meta.url.is_none() {
                meta.url = attr(&attrs, "href").map(str::to_string);
            }
        }
    }
    // rel="author" links and byline elements.
    static REL_AUTHOR: OnceLock<Regex> = OnceLock::new();
    for (_, inner) in elements(
        html,
        re(
            &REL_AUTHOR,
            r#"(?i)<a(?-u:\b)[^>]*rel\s*=\s*["']?author["']?[^>]*>"#,
        ),
        5,
    ) {
        rel_author.extend(byline_names(&inner_text(inner)));
    }
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    let mut class_byline = Vec::new();
    let byline_open = r#"(?i)<(?:span|div|p|a|address)(?-u:\b)[^>]*class\s*=\s*["'][^"']*(?-u:\b)(?:byline|author-name|author_name|authorname|article-author)(?-u:\b)[^"']*["'][^>]*>"#;
    for (_, inner) in elements(html, re(&BYLINE, byline_open), 3) {
        class_byline.extend(byline_names(&inner_text(inner)));
    }
    // Without JSON-LD authors, the first markup source with names, unless a later one lists
    // the same names and more: a `<meta name="author">` often carries only the first of
    // several authors the visible byline lists.
    if meta.authors.is_empty() {
        for source in [meta_authors, rel_author, class_byline] {
            let lower: Vec<String> = source.iter().map(|n| n.to_lowercase()).collect();
            let adds_to_it = meta
                .authors
                .iter()
                .all(|n| lower.contains(&n.to_lowercase()));
            if source.len() > meta.authors.len() && adds_to_it {
                meta.authors = source;
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    meta.authors.retain(|a| seen.insert(a.to_lowercase()));
    // A dateline element ("<span class=\"dateline\">MOSCOW —</span>") when JSON-LD gave none;
    // some sites put the date in such elements, so only place-like text counts.
    if meta.dateline.is_none() {
        static DATELINE: OnceLock<Regex> = OnceLock::new();
        let open =
            r#"(?i)<(?:span|div|p|strong|b)\s[^>]*class\s*=\s*["'][^"']*dateline[^"']*["'][^>]*>"#;
        meta.dateline = elements(html, re(&DATELINE, open), 1)
            .first()
            .map(|(_, inner)| {
                inner_text(inner)
                    .trim_end_matches(['—', '–', '-', ':', ' ', ','])
                    .trim_end_matches("(AP)")
                    .trim_end_matches("(Reuters)")
                    .trim()
                    .to_string()
            })
            .filter(|d| {
                (1..=5).contains(&d.split_whitespace().count())
                    && !d.chars().any(|c| c.is_ascii_digit())
                    && d.chars().next().is_some_and(char::is_uppercase)
            });
    }
    // Dates from <time datetime>.
    if meta.date.is_none() {
        static TIME: OnceLock<Regex> = OnceLock::new();
        meta.date = meta_date.or_else(|| {
            re(
                &TIME,
                r#"(?is)<time(?-u:\b)[^>]*datetime\s*=\s*["']([^"']+)["']"#,
            )
            .captures(html)
            .and_then(|c| parse_date(&c[1]))
        });
    }
    // Headline: JSON-LD, OpenGraph, then the first <h1>, then <title>.
    if meta.headline.is_none() {
        static H1: OnceLock<Regex> = OnceLock::new();
        static TITLE: OnceLock<Regex> = OnceLock::new();
        meta.headline = og_title
            .or_else(|| {
                elements(html, re(&H1, r"(?i)<h1(?-u:\b)[^>]*>"), 1)
                    .first()
                    .map(|e| inner_text(e.1))
                    .filter(|t| !t.is_empty())
            })
            .or_else(|| {
                elements(html, re(&TITLE, r"(?i)<title(?-u:\b)[^>]*>"), 1)
                    .first()
                    .map(|e| inner_text(e.1))
                    .filter(|t| !t.is_empty())
            });
    }
    // Figure captions.
    static FIGCAPTION: OnceLock<Regex> = OnceLock::new();
    static CAPTION_CLASS: OnceLock<Regex> = OnceLock::new();
    for (_, inner) in elements(html, re(&FIGCAPTION, r"(?i)<figcaption(?-u:\b)[^>]*>"), 50) {
        meta.captions.push(caption_text(inner));
    }
    if meta.captions.is_empty() {
        let pattern = r#"(?i)<(?:p|span|div)(?-u:\b)[^>]*class\s*=\s*["'][^"']*(?-u:\b)(?:caption|wp-caption-text|image-caption|photo-caption)(?-u:\b)[^"']*["'][^>]*>"#;
        for (_, inner) in elements(html, re(&CAPTION_CLASS, pattern), 50) {
            meta.captions.push(caption_text(inner));
        }
    }
    let mut seen = std::collections::HashSet::new();
    meta.captions
        .retain(|c| c.split_whitespace().count() >= 2 && seen.insert(c.clone()));
    meta
}

/// A caption's text without its photo credit: credit elements ("credit", "copyright" and
/// "photographer" classes) and a closing "Photograph: …" / "Photo: …" / "Image: …".
fn caption_text(inner_html: &str) -> String {
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    static TRAILING: OnceLock<Regex> = OnceLock::new();
    let without = re(
        &CREDIT,
        r#"(?is)<(?:span|small|cite|p|div|em)\s[^>]*class\s*=\s*["'][^"']*(?:credit|copyright|photographer)[^"']*["'][^>]*>.*?</(?:span|small|cite|p|div|em)\s*>"#,
    )
    .replace_all(inner_html, " ");
    let text = inner_text(&without);
    re(
        &TRAILING,
        r"(?i)\s*\(?\b(photograph|photo|picture|image|credit)s?( by)?\s*:[^.]*\)?$",
    )
    .replace(&text, "")
    .trim()
    .to_string()
}

/// The page's text when the DOM-based extractor cannot be used: block-level breaks kept,
/// scripts and styles dropped.
fn fallback_text(html: &str) -> String {
    static DROP: OnceLock<Regex> = OnceLock::new();
    static BLOCK: OnceLock<Regex> = OnceLock::new();
    let without = re(
        &DROP,
        r"(?is)<(script|style|noscript|template)(?-u:\b).*?</(script|style|noscript|template)\s*>",
    )
    .replace_all(html, " ");
    let with_breaks = re(
        &BLOCK,
        r"(?i)</?(p|div|br|h[1-6]|li|article|section|blockquote)(?-u:\b)[^>]*>",
    )
    .replace_all(&without, "\n");
    with_breaks
        .lines()
        .map(inner_text)
        .filter(|l| l.split_whitespace().count() >= 5)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The candidate texts of one page and what the body rules need besides: kept apart from
/// choosing and tidying so `eval-extraction --cv` can score every `BodyRules` setting
/// without parsing the page again.
pub struct Extraction {
    meta: PageMeta,
    /// rs-trafilatura's text (article profile), when it found any.
    primary: Option<String>,
    /// Readability's (dom_smoothie) text, when it found any.
    check: Option<String>,
    /// The page's plain text, when neither extractor could be used.
    fallback: Option<String>,
    links: LinkTexts,
}

/// Run both extractors and read the page's metadata and link texts.
pub fn extract(html: &str) -> Extraction {
    let meta = scan_metadata(html);
    let links = LinkTexts::new(link_texts(html).iter().map(String::as_str));
    if nesting_depth(html, MAX_DEPTH) >= MAX_DEPTH {
        return Extraction {
            meta,
            primary: None,
            check: None,
            fallback: Some(fallback_text(html)),
            links,
        };
    }
    // Metadata is `scan_metadata`'s: rs-trafilatura reads only the title it uses.
    let options = rs_trafilatura::Options {
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        light_metadata: true,
        ..Default::default()
    };
    // One parse for both extractors: each cleans its own copy of the tree.
    let page = dom_query::Document::from(html);
    let for_check = page.clone();
    // Unwind safety: `page` is moved in and nothing it touched is seen after a panic.
    let primary = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rs_trafilatura::extract_document_with_options(page, html.len(), &options)
            .map(|r| r.content_text)
    }));
    let primary = match primary {
        Ok(Ok(text)) if !text.trim().is_empty() => Some(text),
        _ => None,
    };
    let check = readability_text(for_check);
    let fallback = (primary.is_none() && check.is_none()).then(|| fallback_text(html));
    Extraction {
        meta,
        primary,
        check,
        fallback,
        links,
    }
}

impl Extraction {
    /// The main text before tidying. rs-trafilatura (article profile) is the primary
    /// extractor; Readability is the cross-check, as in trafilatura's own design: when
    /// trafilatura's text is clearly longer than Readability's (`BodyRules::cross_check`), it
    /// has taken more than the article (related-story lists, sidebars, a page's repeated
    /// copies), and Readability's is used. A panic inside either crate counts as no text.
    fn main_text(&self, rules: &BodyRules) -> &str {
        match (&self.primary, &self.check) {
            (Some(primary), Some(check))
                if rules
                    .cross_check
                    .is_some_and(|ratio| took_more_than_the_article(primary, check, ratio)) =>
            {
                check
            }
            (Some(primary), _) => primary,
            (None, Some(check)) => check,
            (None, None) => self.fallback.as_deref().unwrap_or(""),
        }
    }

    /// The article body under `rules`.
    pub fn body(&self, rules: &BodyRules) -> String {
        boilerplate::tidy(
            self.main_text(rules),
            self.meta.headline.as_deref(),
            &self.meta.captions,
            &self.links,
            rules,
        )
    }

    /// The article, its body under `rules` (id and path are the caller's to set).
    pub fn into_article(self, rules: &BodyRules) -> Article {
        let body = self.body(rules);
        let meta = self.meta;
        Article {
            id: meta.id.unwrap_or_default(),
            headline: meta.headline.unwrap_or_default(),
            byline: meta.authors,
            date: meta.date,
            dateline: meta.dateline,
            url: meta.url,
            captions: meta.captions,
            body,
            ..Article::default()
        }
    }
}

/// Has the primary extractor taken more than `ratio` times the text the cross-check found?
fn took_more_than_the_article(primary: &str, check: &str, ratio: f64) -> bool {
    primary.trim().len() as f64 > ratio * check.trim().len() as f64
}

/// The inner texts of the page's `<a>` elements.
fn link_texts(html: &str) -> Vec<String> {
    static ANCHOR: OnceLock<Regex> = OnceLock::new();
    // No `\b`: a Unicode word boundary keeps the regex off its fast DFA on non-ASCII pages.
    elements(html, re(&ANCHOR, r"(?i)<a(?:\s[^>]*)?>"), 5_000)
        .into_iter()
        .map(|(_, inner)| inner_text(inner))
        .collect()
}

/// The article text by dom_smoothie's Readability port from the parsed page, paragraphs on
/// their own lines; `None` when it finds nothing or fails.
fn readability_text(page: dom_query::Document) -> Option<String> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    // Unwind safety: as in `extract`.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dom_smoothie::Readability::with_document(page, None, Some(config))
            .ok()?
            .parse()
            .ok()
            .map(|article| article.text_content.to_string())
    }))
    .ok()
    .flatten()
    .filter(|text| !text.trim().is_empty())
}

/// Parse an HTML page into an article (id and path are the caller's to set).
pub fn parse_html(html: &str) -> Article {
    extract(html).into_article(&BodyRules::default())
}

/// The article-extraction benchmark's score of one page: precision and recall of 4-token
/// shingles (tokens are Unicode `\w+` runs, case-sensitive), compared as multisets; a page
/// with no predicted and no true shingles scores 1.0. Used by `eval-extraction`.
pub fn page_score(predicted: &str, truth: &str) -> (f64, f64) {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = re(&WORD, r"\w+");
    fn shingles<'t>(word: &Regex, text: &'t str) -> std::collections::HashMap<Vec<&'t str>, i64> {
        let tokens: Vec<&str> = word.find_iter(text).map(|m| m.as_str()).collect();
        let mut out = std::collections::HashMap::new();
        for w in tokens.windows(4) {
            *out.entry(w.to_vec()).or_insert(0) += 1;
        }
        out
    }
    let (p, t) = (shingles(word, predicted), shingles(word, truth));
    if p.is_empty() && t.is_empty() {
        return (1.0, 1.0);
    }
    let (mut tp, mut fp) = (0, 0);
    for (k, &c) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        tp += c.min(tc);
        fp += (c - tc).max(0);
    }
    let missed: i64 = t
        .iter()
        .map(|(k, &c)| (c - p.get(k).copied().unwrap_or(0)).max(0))
        .sum();
    let precision = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + missed == 0 {
        0.0
    } else {
        tp as f64 / (tp + missed) as f64
    };
    (precision, recall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_tag_is_found_in_any_case_and_only_whole() {
        assert_eq!(closing_tag("x < y </b> </A>", "a"), Some(11));
        assert_eq!(closing_tag("<a>é</SCRIPT>", "script"), Some(5));
        assert_eq!(closing_tag("</scrip", "script"), None);
        assert_eq!(closing_tag("no tags <", "a"), None);
    }

    const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Summit ends | Example News</title>
<meta property="og:title" content="Summit ends without deal">
<meta property="article:published_time" content="2023-09-14T08:00:00+02:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example"},
 {"@type":"NewsArticle","headline":"Leaders end summit without a deal","author":[{"@type":"Person","name":"Anna Petrova"},{"@type":"Person","name":"Lee Min-jun"}],
  "datePublished":"2023-09-13T18:30:00Z","dateline":"VLADIVOSTOK","image":{"@type":"ImageObject","caption":"Delegates leave the hall"}}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Leaders end summit without a deal</h1>
<p class="byline">By Anna Petrova</p>
<figure><img src="a.jpg"><figcaption>Delegates leave the hall on Wednesday</figcaption></figure>
<p>The two leaders ended their summit in Vladivostok on Wednesday without signing the arms agreement that officials had expected, according to people briefed on the talks.</p>
<p>Officials said negotiations would continue in Moscow next month, and that both sides had agreed to keep the details of the discussions confidential until then.</p>
<p>Advertisement</p>
<p>Analysts said the outcome showed how far apart the two governments remained on the price of weapons and the terms of payment for future deliveries.</p>
</article><footer>© Example News 2023. All rights reserved. Cookie settings.</footer></body></html>"#;

    #[test]
    fn scores_follow_the_benchmark_definition() {
        assert_eq!(page_score("a b c d e", "a b c d e"), (1.0, 1.0));
        assert_eq!(page_score("", ""), (1.0, 1.0));
        // Predicted has 2 shingles (abcd, bcde), truth has 1 (abcd): P 1/2, R 1.
        assert_eq!(page_score("a b c d e", "a b c d"), (0.5, 1.0));
        assert_eq!(page_score("", "a b c d"), (0.0, 0.0));
        // Multisets: "a b c d a b c d" has 5 shingles, abcd twice; truth has abcd once.
        let (p, r) = page_score("a b c d a b c d", "a b c d");
        assert!((p - 0.2).abs() < 1e-9 && (r - 1.0).abs() < 1e-9, "{p} {r}");
        // Unicode words, case-sensitive.
        assert_eq!(page_score("Ça va très bien", "ça va très bien"), (0.0, 0.0));
    }

    #[test]
    fn readability_wins_only_when_trafilatura_took_more_than_the_ratio() {
        let article = "The leaders ended their summit without a deal. ".repeat(10);
        let with_list = format!("{article}{}", "Related: another story entirely. ".repeat(8));
        let ratio = BodyRules::default()
            .cross_check
            .expect("the cross-check is on");
        assert!(took_more_than_the_article(&with_list, &article, ratio));
        assert!(!took_more_than_the_article(&article, &with_list, ratio));
        // A higher ratio lets small disagreements stand: trafilatura stays.
        let slightly_longer = format!("{article}Photo: Reuters.");
        assert!(took_more_than_the_article(&slightly_longer, &article, 1.0));
        assert!(!took_more_than_the_article(
            &slightly_longer,
            &article,
            1.25
        ));
    }

    #[test]
    fn byline_forms() {
        assert_eq!(
            byline_names("By TOM KRISHER, AP Auto Writer"),
            vec!["Tom Krisher"]
        );
        assert_eq!(
            byline_names("By Jane Doe and John Roe in Seoul"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            byline_names("Troy L. Smith, Cleveland.com"),
            vec!["Troy L. Smith"]
        );
        assert_eq!(
            byline_names("Brigit Katz | Follow @brigitkatz"),
            vec!["Brigit Katz"]
        );
        // A desk alone is the byline; after a name it is the name's desk.
        assert_eq!(byline_names("BBC News"), vec!["BBC News"]);
        assert_eq!(byline_names("By Chinedu Eze, Abuja"), vec!["Chinedu Eze"]);
        assert_eq!(
            byline_names("By Chinedu Eze, Reuters"),
            vec!["Chinedu Eze", "Reuters"]
        );
        assert_eq!(
            byline_names("Jean Mackenzie, BBC News"),
            vec!["Jean Mackenzie"]
        );
        // One word in capitals is more often an agency than a name.
        assert_eq!(byline_names("AFP"), vec!["AFP"]);
    }

    #[test]
    fn json_ld_metadata_wins() {
        let a = parse_html(PAGE);
        assert_eq!(a.headline, "Leaders end summit without a deal");
        assert_eq!(a.byline, vec!["Anna Petrova", "Lee Min-jun"]);
        assert_eq!(a.date.as_deref(), Some("2023-09-13T18:30:00Z"));
        assert_eq!(a.dateline.as_deref(), Some("VLADIVOSTOK"));
        assert!(
            a.captions
                .contains(&"Delegates leave the hall on Wednesday".to_string()),
            "{:?}",
            a.captions
        );
    }

    #[test]
    fn body_is_the_article_text_only() {
        let a = parse_html(PAGE);
        assert!(
            a.body.starts_with("The two leaders ended their summit"),
            "{}",
            a.body
        );
        assert!(a.body.contains("terms of payment for future deliveries."));
        for junk in [
            "Home",
            "Advertisement",
            "Cookie",
            "All rights reserved",
            "Delegates leave the hall",
            "By Anna Petrova",
        ] {
            assert!(!a.body.contains(junk), "body contains {junk:?}: {}", a.body);
        }
        assert_eq!(a.body.split("\n\n").count(), 3, "{}", a.body);
    }

    #[test]
    fn without_json_ld_falls_back_to_meta_and_markup() {
        let page = r#"<html><head><title>Site | Fallback story</title><meta name="author" content="Jane Doe">
<meta property="og:title" content="Fallback story headline"></head><body>
<p><time datetime="2021-05-04">May 4</time> <a rel="author" href="/jd">Jane Doe</a></p>
<div class="content"><p>First paragraph of the fallback story has enough words to count as real article text for sure.</p>
<p>Second paragraph of the fallback story also has enough words to be kept by any extractor.</p></div></body></html>"#;
        let a = parse_html(page);
        assert_eq!(a.headline, "Fallback story headline");
        assert_eq!(a.byline, vec!["Jane Doe"]);
        assert_eq!(a.date.as_deref(), Some("2021-05-04T00:00:00Z"));
        assert!(
            a.body.contains("Second paragraph of the fallback story"),
            "{}",
            a.body
        );
    }

    #[test]
    fn h1_and_caption_classes_and_entities() {
        let page = "<html><body><h1>Caf&eacute; &amp; bar closes</h1><div class=\"wp-caption-text\">The caf&eacute; in 1990</div>\
            <p>The caf&eacute; that served the town for fifty years closed its doors on Sunday, its owner said in a statement.</p></body></html>";
        let a = parse_html(page);
        assert_eq!(a.headline, "Café & bar closes");
        assert_eq!(a.captions, vec!["The café in 1990"]);
        assert!(
            a.body.contains("The café that served the town"),
            "{}",
            a.body
        );
    }

    #[test]
    fn charset_from_meta_and_wrong_declarations() {
        let latin1 = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>caf\xe9</p></body></html>";
        assert!(decode_html(latin1).text.contains("café"));
        // Declared Latin-1 but really UTF-8: trust the bytes.
        let utf8 =
            "<html><head><meta charset=\"iso-8859-1\"></head><body><p>café</p></body></html>";
        assert!(decode_html(utf8.as_bytes()).text.contains("café"));
        // No declaration, Windows-1252 bytes: detected.
        let bare = b"<html><body><p>The caf\xe9 owner said \x93hello\x94 to everyone who came by.</p></body></html>";
        assert!(decode_html(bare).text.contains("café"));
    }

    #[test]
    fn broken_and_deeply_nested_markup_never_panics() {
        let broken = "<html><body><div><p>Unclosed paragraph with enough words to be article text here.<div><span>more <b>bold <i>text</body>";
        let _ = parse_html(broken);
        let deep = format!(
            "<html><body>{}<p>Deep text with enough words to be kept as a paragraph here.</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let a = parse_html(&deep);
        assert!(a.body.contains("Deep text with enough words"), "{}", a.body);
        let _ = parse_html("");
        let _ = parse_html("<<<>>><script>");
    }
}
