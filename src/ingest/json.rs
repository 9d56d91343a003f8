//! JSON and JSON Lines articles.
//!
//! Owns mapping the usual field names of news exports (title/headline, text/body/content/
//! articleBody, author/authors/byline, date/published/pubDate/datePublished, caption/captions,
//! dateline, url, id) onto an `Article`. Unknown fields are ignored; a field of the wrong type
//! is ignored rather than failing the article. It must not touch the file system.

use rayon::prelude::*;
use serde_json::Value;

use crate::article::Article;
use crate::ingest::date::{format_rfc3339, parse_date};

/// One record that could not be read, with its 1-based line number.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRecord {
    pub line: usize,
    pub reason: String,
}

/// Parse a `.json` document: one article object, or an array of them.
pub fn parse_json(text: &str) -> (Vec<Article>, Vec<BadRecord>) {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => {
            let mut articles = Vec::new();
            let mut bad = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match article_from_value(item) {
                    Ok(a) => articles.push(a),
                    Err(reason) => bad.push(BadRecord {
                        line: 0,
                        reason: format!("array item {i}: {reason}"),
                    }),
                }
            }
            (articles, bad)
        }
        Ok(value) => match article_from_value(&value) {
            Ok(a) => (vec![a], vec![]),
            Err(reason) => (vec![], vec![BadRecord { line: 1, reason }]),
        },
        Err(e) => {
            // Perhaps JSON Lines saved as .json.
            if text.trim_start().starts_with('{') && text.trim().lines().count() > 1 {
                let (articles, bad) = parse_jsonl(text);
                if !articles.is_empty() {
                    return (articles, bad);
                }
            }
            (
                vec![],
                vec![BadRecord {
                    line: e.line(),
                    reason: format!("invalid JSON at column {}: {e}", e.column()),
                }],
            )
        }
    }
}

/// Parse one JSON Lines record.
pub fn parse_jsonl_line(line: &str) -> Result<Article, String> {
    serde_json::from_str::<Value>(line)
        .map_err(|e| format!("invalid JSON at column {}: {e}", e.column()))
        .and_then(|v| article_from_value(&v))
}

/// Parse JSON Lines: one article object per line; a bad line does not stop the rest.
/// Records are parsed in parallel (on the caller's rayon pool): on one thread a 5 MB
/// export kept the other cores waiting for its articles.
pub fn parse_jsonl(text: &str) -> (Vec<Article>, Vec<BadRecord>) {
    let records: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect();
    let parsed: Vec<(usize, Result<Article, String>)> = records
        .into_par_iter()
        .with_min_len(64)
        .map(|(line, record)| (line, parse_jsonl_line(record)))
        .collect();
    let mut articles = Vec::with_capacity(parsed.len());
    let mut bad = Vec::new();
    for (line, result) in parsed {
        match result {
            Ok(article) => articles.push(article),
            Err(reason) => bad.push(BadRecord { line, reason }),
        }
    }
    (articles, bad)
}

/// The first of `keys` present in `obj` (case-sensitive names as publishers spell them).
fn field<'a>(obj: &'a serde_json::Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .find_map(|k| obj.get(*k).filter(|v| !v.is_null()))
}

/// The first of `keys` whose value reads as text (a wrong-typed field is skipped, so
/// `{"body": {...}, "text": "..."}` still finds the text).
fn text_field(obj: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| obj.get(*k).and_then(as_text))
}

/// A string, or the text of `{"name": ...}` / `{"text": ...}`, or numbers as text.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => field(o, &["name", "text", "caption", "@value"]).and_then(as_text),
        _ => None,
    }
}

/// A string or list of strings/objects as a list of texts.
fn as_list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(as_text).collect(),
        other => as_text(other).into_iter().collect(),
    }
}

/// Split "Jane Doe and John Roe" / "Jane Doe, John Roe" into names; strip a leading "By".
fn split_authors(names: Vec<String>) -> Vec<String> {
    names
        .iter()
        .flat_map(|n| {
            let n = n
                .strip_prefix("By ")
                .or_else(|| n.strip_prefix("by "))
                .unwrap_or(n);
            n.split([',', ';', '&'])
                .flat_map(|p| p.split(" and "))
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn article_from_value(value: &Value) -> Result<Article, String> {
    let Value::Object(obj) = value else {
        return Err(format!("expected an object, found {}", type_name(value)));
    };
    let mut a = Article {
        headline: text_field(obj, &["headline", "title", "name"]).unwrap_or_default(),
        body: ["body", "text", "content", "articleBody", "article", "story"]
            .iter()
            .find_map(|k| match obj.get(*k)? {
                v @ Value::Array(_) => Some(as_list(v).join("\n\n")).filter(|b| !b.is_empty()),
                other => as_text(other),
            })
            .unwrap_or_default(),
        ..Article::default()
    };
    if a.headline.is_empty() && a.body.is_empty() {
        return Err(
            "no headline or body field (looked for title/headline, text/body/content/articleBody)"
                .into(),
        );
    }
    if let Some(v) = field(obj, &["authors", "author", "byline", "creator"]) {
        a.byline = split_authors(as_list(v));
    }
    if let Some(v) = field(
        obj,
        &[
            "date",
            "datePublished",
            "published",
            "pubDate",
            "published_at",
            "publishedAt",
            "time",
        ],
    ) {
        a.date = match v {
            Value::Number(n) => n.as_i64().map(|secs| {
                // Milliseconds if it cannot be seconds in a plausible range.
                format_rfc3339(if secs > 100_000_000_000 {
                    secs / 1000
                } else {
                    secs
                })
            }),
            other => as_text(other).and_then(|s| parse_date(&s)),
        };
    }
    if let Some(v) = field(
        obj,
        &["captions", "caption", "image_caption", "imageCaption"],
    ) {
        a.captions = as_list(v);
    }
    a.dateline = field(obj, &["dateline", "location"]).and_then(as_text);
    a.url = field(obj, &["url", "link", "uri"]).and_then(as_text);
    a.id = field(obj, &["id", "_id", "guid", "uuid"])
        .and_then(as_text)
        .unwrap_or_default();
    Ok(a)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_common_names() {
        let (a, bad) = parse_json(
            r#"{"id": "a1", "title": "T", "articleBody": "B", "author": [{"name": "Jane Doe"}, "John Roe"],
                "datePublished": "2023-09-12T10:00:00+01:00", "caption": "A photo", "dateline": "MOSCOW",
                "url": "https://example.com/x", "extra": {"ignored": true}}"#,
        );
        assert!(bad.is_empty());
        let a = &a[0];
        assert_eq!(a.id, "a1");
        assert_eq!(a.headline, "T");
        assert_eq!(a.body, "B");
        assert_eq!(a.byline, vec!["Jane Doe", "John Roe"]);
        assert_eq!(a.date.as_deref(), Some("2023-09-12T10:00:00+01:00"));
        assert_eq!(a.captions, vec!["A photo"]);
        assert_eq!(a.dateline.as_deref(), Some("MOSCOW"));
    }

    #[test]
    fn array_and_wrong_types() {
        let (a, bad) =
            parse_json(r#"[{"headline": "One", "body": 5, "author": false}, 7, {"x": 1}]"#);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].headline, "One");
        assert_eq!(a[0].body, "5");
        assert!(a[0].byline.is_empty());
        assert_eq!(bad.len(), 2);
    }

    #[test]
    fn jsonl_bad_line_reported_rest_kept() {
        let (a, bad) = parse_jsonl(
            "{\"title\":\"a\"}\n{broken\n\n{\"title\":\"c\",\"authors\":\"X and Y\"}\n",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].byline, vec!["X", "Y"]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 2);
    }

    #[test]
    fn truncated_json_reports_position() {
        let (a, bad) = parse_json("{\"title\": \"cut");
        assert!(a.is_empty());
        assert_eq!(bad[0].line, 1);
        assert!(bad[0].reason.contains("invalid JSON"));
    }
}
