//! Search on a sharded Sphinx 2.2 / Manticore cluster that `scale/` loaded
//! (`newsdex-scale-sphinx`): the same `SearchRequest` in, the same `SearchResponse` out.
//!
//! Owns translating a request into SphinxQL (MATCH for text and name filters, WHERE for
//! dates) and the rows back into hits. It must not open a local index. What the cluster
//! cannot answer is refused with a `BadParameter` naming it, never silently dropped:
//! facets, the histogram, `--about`, `--dateline`, weighted counts, field prefixes other
//! than headline/byline/caption/body/dateline/person/place/org, and snippets (hits carry
//! none).

use std::time::Instant;

use mysql::prelude::Queryable;

use super::{Hit, SearchError, SearchRequest, SearchResponse, Snippet, Sort};
use crate::ingest::date::parse_to_unix;

/// A cluster's distributed index: `sphinx://HOST:PORT/INDEX`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteIndex {
    pub host: String,
    pub port: u16,
    pub index: String,
}

fn unsupported(name: &str, reason: &str) -> SearchError {
    SearchError::BadParameter {
        name: name.to_string(),
        reason: format!("{reason} (not supported with --remote)"),
    }
}

impl RemoteIndex {
    /// Parse `sphinx://HOST:PORT/INDEX`.
    pub fn parse(url: &str) -> Result<RemoteIndex, SearchError> {
        let bad = |reason: &str| SearchError::BadParameter {
            name: "remote".into(),
            reason: format!("{url:?}: {reason}; use sphinx://HOST:PORT/INDEX"),
        };
        let rest = url
            .strip_prefix("sphinx://")
            .ok_or_else(|| bad("not a sphinx:// address"))?;
        let (address, index) = rest.split_once('/').ok_or_else(|| bad("no index name"))?;
        let (host, port) = address.rsplit_once(':').ok_or_else(|| bad("no port"))?;
        let port = port.parse().map_err(|_| bad("the port is not a number"))?;
        let valid =
            |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if host.is_empty() || !valid(index) {
            return Err(bad("empty host or an index name that is not [A-Za-z0-9_]"));
        }
        Ok(RemoteIndex {
            host: host.to_string(),
            port,
            index: index.to_string(),
        })
    }

    /// Run `req` on the cluster.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let sql = sphinxql(&self.index, req)?;
        let remote = |e: mysql::Error| SearchError::Remote {
            address: format!("sphinx://{}:{}/{}", self.host, self.port, self.index),
            reason: match e {
                mysql::Error::MySqlError(e) => e.message.replace('\n', " "),
                other => other.to_string(),
            },
        };
        let opts = mysql::OptsBuilder::new()
            .ip_or_hostname(Some(self.host.clone()))
            .tcp_port(self.port)
            .prefer_socket(false);
        let mut conn = mysql::Conn::new(opts).map_err(remote)?;
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            i64,
        );
        let rows: Vec<Row> = conn.query(&sql).map_err(remote)?;
        let meta: Vec<(String, String)> = conn.query("SHOW META").map_err(remote)?;
        let total = meta
            .iter()
            .find(|(k, _)| k == "total_found")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(rows.len());
        let split = |s: &str| -> Vec<String> {
            s.split('|')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        };
        let scored = !req.query.trim().is_empty();
        let hits = rows
            .into_iter()
            .map(
                |(id, path, headline, bylines, dateline, persons, places, orgs, date, weight)| {
                    Hit {
                        id,
                        path,
                        score: scored.then_some(weight as f32),
                        headline,
                        byline: split(&bylines),
                        date: (!date.is_empty()).then_some(date),
                        dateline: (!dateline.is_empty()).then_some(dateline),
                        snippet: Snippet::default(),
                        headline_highlights: Vec::new(),
                        persons: split(&persons),
                        places: split(&places),
                        orgs: split(&orgs),
                    }
                },
            )
            .collect();
        Ok(SearchResponse {
            query: req.query.clone(),
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets: Default::default(),
            places: None,
            histogram: None,
        })
    }
}

/// A phrase for Sphinx's extended query syntax: letters, digits and spaces only, quoted.
fn phrase(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("\"{}\"", words.join(" "))
}

/// The query text in Sphinx's extended syntax: words, "phrases", -word, OR, and
/// `field:word` for the fields the cluster holds.
fn match_text(query: &str) -> Result<Vec<String>, SearchError> {
    let mut out = Vec::new();
    let mut rest = query.trim();
    while !rest.is_empty() {
        let (token, after) = if let Some(stripped) = rest.strip_prefix('"') {
            match stripped.find('"') {
                Some(end) => (&rest[..end + 2], &stripped[end + 1..]),
                None => (rest, ""),
            }
        } else if let Some(at) = rest.find(char::is_whitespace) {
            (&rest[..at], &rest[at..])
        } else {
            (rest, "")
        };
        rest = after.trim_start();
        if token == "OR" {
            out.push("|".to_string());
            continue;
        }
        if token == "AND" {
            continue;
        }
        if token == "NOT" || (!token.starts_with('"') && token.contains(['(', ')'])) {
            return Err(unsupported("q", "NOT and parentheses (use -word)"));
        }
        let (negated, token) = match token.strip_prefix('-') {
            Some(t) => (true, t),
            None => (false, token),
        };
        let (field, text) = match token.split_once(':') {
            Some((field, text)) if !token.starts_with('"') => {
                let column = match field {
                    "headline" | "byline" | "body" | "dateline" => field,
                    "caption" => "captions",
                    "person" => "persons",
                    "place" => "places",
                    "org" => "orgs",
                    other => {
                        return Err(unsupported("q", &format!("the field prefix {other:?}")));
                    }
                };
                (Some(column), text)
            }
            _ => (None, token),
        };
        let term = phrase(text);
        if term == "\"\"" {
            continue;
        }
        let term = match field {
            Some(column) => format!("@{column} {term}"),
            None => format!("@* {term}"),
        };
        out.push(if negated {
            format!("-({term})")
        } else {
            format!("({term})")
        });
    }
    Ok(out)
}

/// The SphinxQL for `req` on `index`.
pub fn sphinxql(index: &str, req: &SearchRequest) -> Result<String, SearchError> {
    if !req.facets.is_empty() {
        return Err(unsupported("facets", "entity counts"));
    }
    if req.histogram.is_some() {
        return Err(unsupported("histogram", "the date histogram"));
    }
    if !req.about.is_empty() {
        return Err(unsupported("about", "salience filters"));
    }
    if !req.datelines.is_empty() {
        return Err(unsupported("dateline", "dateline filters"));
    }
    let mut terms = match_text(&req.query)?;
    let names = |values: &[String], column: &str, negated: bool| -> Vec<String> {
        values
            .iter()
            .map(|v| {
                let t = format!("@{column} {}", phrase(v));
                if negated {
                    format!("-({t})")
                } else {
                    format!("({t})")
                }
            })
            .collect()
    };
    terms.extend(names(&req.persons, "persons", false));
    terms.extend(names(&req.places, "places", false));
    terms.extend(names(&req.orgs, "orgs", false));
    terms.extend(names(&req.bylines, "byline", false));
    terms.extend(names(&req.exclude_persons, "persons", true));
    terms.extend(names(&req.exclude_places, "places", true));
    terms.extend(names(&req.exclude_orgs, "orgs", true));
    let mut conditions = Vec::new();
    // Each term is in parentheses, so its field limit stays with it.
    if terms.iter().any(|t| t.starts_with('(')) {
        conditions.push(format!("MATCH('{}')", terms.join(" ")));
    } else if !terms.is_empty() {
        return Err(unsupported(
            "q",
            "only exclusions: Sphinx needs something to match",
        ));
    }
    let day = |s: &str, end: bool| -> Result<i64, SearchError> {
        let start = parse_to_unix(s).ok_or_else(|| SearchError::BadDate(s.into()))?;
        Ok(if end { start + 86_399 } else { start })
    };
    if let Some(since) = &req.since {
        conditions.push(format!("published >= {}", day(since, false)?));
    }
    if let Some(until) = &req.until {
        conditions.push(format!("published <= {}", day(until, true)?));
    }
    let order = match req.sort {
        Sort::Date => "published ASC",
        Sort::NewestFirst => "published DESC",
        Sort::Relevance if req.query.trim().is_empty() => "published DESC",
        Sort::Relevance => "WEIGHT() DESC",
    };
    Ok(format!(
        "SELECT article_id, path, headline_text, byline_names, dateline_name, person_names, \
         place_names, org_names, date_text, WEIGHT() AS score FROM {index}{} ORDER BY {order} \
         LIMIT {}, {} OPTION max_matches = {}",
        if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        },
        req.offset,
        req.limit,
        (req.offset + req.limit).max(1000),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let remote = RemoteIndex::parse("sphinx://10.0.0.5:9312/news").unwrap();
        assert_eq!(
            (remote.host.as_str(), remote.port, remote.index.as_str()),
            ("10.0.0.5", 9312, "news")
        );
        assert!(RemoteIndex::parse("http://x:1/news").is_err());
        assert!(RemoteIndex::parse("sphinx://x/news").is_err());
        assert!(RemoteIndex::parse("sphinx://x:1/news;drop").is_err());
    }

    #[test]
    fn requests_become_sphinxql() {
        let req = SearchRequest {
            query: "artillery \"arms deal\" -nuclear headline:Kim".into(),
            persons: vec!["Sergei Shoigu".into()],
            exclude_places: vec!["Ukraine".into()],
            since: Some("2023-09-13".into()),
            limit: 10,
            ..SearchRequest::default()
        };
        let sql = sphinxql("news", &req).unwrap();
        assert!(
            sql.contains(
                "MATCH('(@* \"artillery\") (@* \"arms deal\") -(@* \"nuclear\") (@headline \"kim\") (@persons \"sergei shoigu\") -(@places \"ukraine\")')"
            ),
            "{sql}"
        );
        assert!(sql.contains("published >= 1694563200"), "{sql}");
        assert!(sql.contains("ORDER BY WEIGHT() DESC LIMIT 0, 10"), "{sql}");
        // Quotes cannot break out of the MATCH string.
        let sneaky = SearchRequest {
            query: "x' OR '1'='1 --".into(),
            limit: 10,
            ..SearchRequest::default()
        };
        let sql = sphinxql("news", &sneaky).unwrap();
        assert_eq!(sql.matches('\'').count(), 2, "{sql}");
    }

    #[test]
    fn what_the_cluster_cannot_answer_is_refused() {
        let facets = SearchRequest {
            facets: vec![super::super::Facet::Person],
            ..SearchRequest::default()
        };
        assert!(
            sphinxql("news", &facets)
                .unwrap_err()
                .to_string()
                .contains("--remote")
        );
        for query in ["url:example", "Russia NOT Putin", "(Russia OR Ukraine) oil"] {
            let req = SearchRequest {
                query: query.into(),
                ..SearchRequest::default()
            };
            assert!(sphinxql("news", &req).is_err(), "{query}");
        }
        // AND is what words do anyway.
        let and = SearchRequest {
            query: "Russia AND oil".into(),
            limit: 10,
            ..SearchRequest::default()
        };
        assert!(
            sphinxql("news", &and)
                .unwrap()
                .contains("MATCH('(@* \"russia\") (@* \"oil\")')")
        );
    }
}
