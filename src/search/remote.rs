//! Search on a sharded Sphinx 2.2 / Manticore cluster that `scale/` loaded
//! (`newsdex-scale-sphinx`): the same `SearchRequest` in, the same `SearchResponse` out.
//!
//! Owns translating a request into SphinxQL (MATCH for text and name filters, WHERE for
//! dates, GROUP BY over the name-id attributes for facet counts, read back through the
//! cluster's name index) and the rows back into hits. It must not open a local index.
//! What the cluster cannot answer is refused with a `BadParameter` naming it, never
//! silently dropped: the histogram, `--about`, `--dateline` and the dateline facet,
//! weighted counts, field prefixes other than
//! headline/byline/caption/body/dateline/person/place/org, and snippets (hits carry none).
//! Shards that do not answer are named in `SearchResponse::partial`.

use std::time::Instant;

use mysql::prelude::Queryable;

use super::{EntityCount, Facet, Hit, SearchError, SearchRequest, SearchResponse, Snippet, Sort};
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

    fn address(&self) -> String {
        format!("sphinx://{}:{}/{}", self.host, self.port, self.index)
    }

    /// Run `req` on the cluster.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let sql = sphinxql(&self.index, req)?;
        let facets: Vec<(Facet, String)> = req
            .facets
            .iter()
            .map(|&facet| Ok((facet, facet_sql(&self.index, req, facet)?)))
            .collect::<Result<_, SearchError>>()?;
        let remote = |e: mysql::Error| SearchError::Remote {
            address: self.address(),
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
        let mut partial = Vec::new();
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
        let meta = Meta::read(&mut conn, &mut partial).map_err(remote)?;
        let total = meta.total_found.unwrap_or(rows.len());
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
        let mut counted = std::collections::BTreeMap::new();
        for (facet, sql) in facets {
            let groups: Vec<(u64, u64)> = conn.query(&sql).map_err(remote)?;
            Meta::read(&mut conn, &mut partial).map_err(remote)?;
            let names = self.names(&mut conn, facet, &groups, &mut partial)?;
            let mut counts: Vec<EntityCount> = groups
                .iter()
                .filter_map(|(id, articles)| {
                    Some(EntityCount {
                        name: names.get(id)?.clone(),
                        articles: *articles,
                        weight: None,
                    })
                })
                .collect();
            // As the local index orders them: most articles first, then by name.
            counts.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
            counts.truncate(req.facet_limit.max(1));
            counted.insert(facet.name().to_string(), counts);
        }
        partial.dedup();
        Ok(SearchResponse {
            query: req.query.clone(),
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets: counted,
            places: None,
            histogram: None,
            partial,
        })
    }

    /// The names of `facet`'s grouped ids, from the cluster's name index.
    fn names(
        &self,
        conn: &mut mysql::Conn,
        facet: Facet,
        groups: &[(u64, u64)],
        partial: &mut Vec<String>,
    ) -> Result<std::collections::HashMap<u64, String>, SearchError> {
        let mut names = std::collections::HashMap::with_capacity(groups.len());
        for chunk in groups.chunks(1000) {
            let ids: Vec<String> = chunk.iter().map(|(id, _)| id.to_string()).collect();
            let sql = format!(
                "SELECT id, kind, name FROM {}_names WHERE id IN ({}) LIMIT {n} OPTION max_matches = {n}",
                self.index,
                ids.join(", "),
                n = chunk.len()
            );
            let rows: Vec<(u64, String, String)> =
                conn.query(&sql).map_err(|e| SearchError::Remote {
                    address: self.address(),
                    reason: format!("reading the name index {}_names: {e}", self.index),
                })?;
            Meta::read(conn, partial).map_err(|e| SearchError::Remote {
                address: self.address(),
                reason: e.to_string(),
            })?;
            for (id, kind, name) in rows {
                if kind == facet.name() {
                    names.insert(id, name);
                }
            }
        }
        Ok(names)
    }
}

/// What `SHOW META` says about the last query: its total, and the agents (shards) that did
/// not answer, added to `partial` as "shard HOST:PORT (INDEX) did not answer: REASON".
struct Meta {
    total_found: Option<usize>,
}

impl Meta {
    fn read(conn: &mut mysql::Conn, partial: &mut Vec<String>) -> Result<Meta, mysql::Error> {
        let rows: Vec<(String, String)> = conn.query("SHOW META")?;
        let mut total_found = None;
        for (key, value) in rows {
            match key.as_str() {
                "total_found" => total_found = value.parse().ok(),
                "warning" => partial.push(shard_warning(&value)),
                _ => {}
            }
        }
        Ok(Meta { total_found })
    }
}

/// Sphinx's "index news: agent 127.0.0.1:9313: connect() failed: ..." as "shard
/// 127.0.0.1:9313 (index news) did not answer: connect() failed: ...".
fn shard_warning(warning: &str) -> String {
    let parsed = warning.strip_prefix("index ").and_then(|rest| {
        let (index, rest) = rest.split_once(": agent ")?;
        let (agent, reason) = rest.split_once(": ")?;
        Some(format!(
            "shard {agent} (index {index}) did not answer: {reason}"
        ))
    });
    parsed.unwrap_or_else(|| warning.to_string())
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

/// An entity name as a phrase of its folded words ("São Paulo" -> "sao paulo"), as the
/// loader folds the name fields and the local index its names, so either spelling finds
/// it; or as typed, for what the loader cannot fold (other scripts: "Путин").
fn name_phrase(text: &str) -> String {
    let folded = format!("\"{}\"", crate::entities::fold_key(text));
    let typed = phrase(text);
    if folded == typed {
        typed
    } else {
        format!("({folded} | {typed})")
    }
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
        let term = match field {
            Some("persons" | "places" | "orgs") => name_phrase(text),
            _ => phrase(text),
        };
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

/// How many groups a facet query reads from each shard: counts are exact while the matches
/// name at most this many distinct entities of the facet's kind.
const FACET_GROUPS: usize = 10_000;

/// The WHERE conditions for `req`: MATCH for the text and name filters, then the dates.
fn conditions(req: &SearchRequest) -> Result<Vec<String>, SearchError> {
    if req.histogram.is_some() {
        return Err(unsupported("histogram", "the date histogram"));
    }
    if !req.about.is_empty() {
        return Err(unsupported("about", "salience filters"));
    }
    if !req.datelines.is_empty() {
        return Err(unsupported("dateline", "dateline filters"));
    }
    if req.weighted {
        return Err(unsupported("weighted", "salience-weighted counts"));
    }
    let mut terms = match_text(&req.query)?;
    let names = |values: &[String], column: &str, negated: bool| -> Vec<String> {
        values
            .iter()
            .map(|v| {
                let t = if column == "byline" {
                    format!("@{column} {}", phrase(v))
                } else {
                    format!("@{column} {}", name_phrase(v))
                };
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
    Ok(conditions)
}

fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    }
}

/// The SphinxQL for the hits of `req` on `index`.
pub fn sphinxql(index: &str, req: &SearchRequest) -> Result<String, SearchError> {
    let conditions = conditions(req)?;
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
        where_clause(&conditions),
        req.offset,
        req.limit,
        (req.offset + req.limit).max(1000),
    ))
}

/// The SphinxQL counting the matches of `req` per name of `facet`: (name id, articles).
pub fn facet_sql(index: &str, req: &SearchRequest, facet: Facet) -> Result<String, SearchError> {
    let column = match facet {
        Facet::Person => "person_ids",
        Facet::Place => "place_ids",
        Facet::Org => "org_ids",
        Facet::Byline => "byline_ids",
        Facet::Dateline => return Err(unsupported("facets", "the dateline facet")),
    };
    Ok(format!(
        "SELECT GROUPBY() AS name_id, COUNT(*) AS articles FROM {index}{} GROUP BY {column} \
         ORDER BY articles DESC LIMIT {FACET_GROUPS} OPTION max_matches = {FACET_GROUPS}",
        where_clause(&conditions(req)?),
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
    fn facets_group_by_name_ids_with_the_same_conditions() {
        let req = SearchRequest {
            query: "artillery".into(),
            places: vec!["Russia".into()],
            since: Some("2023-09-13".into()),
            ..SearchRequest::default()
        };
        let sql = facet_sql("news", &req, Facet::Person).unwrap();
        assert!(sql.contains("GROUP BY person_ids"), "{sql}");
        assert!(
            sql.contains(
                "WHERE MATCH('(@* \"artillery\") (@places \"russia\")') AND published >= 1694563200"
            ),
            "{sql}"
        );
        assert!(
            facet_sql("news", &req, Facet::Byline)
                .unwrap()
                .contains("GROUP BY byline_ids")
        );
    }

    #[test]
    fn names_match_folded_or_as_typed() {
        assert_eq!(name_phrase("Sergei Shoigu"), "\"sergei shoigu\"");
        assert_eq!(name_phrase("São Paulo"), "(\"sao paulo\" | \"são paulo\")");
    }

    #[test]
    fn agent_warnings_name_the_shard() {
        assert_eq!(
            shard_warning("index news: agent 127.0.0.1:9313: connect() failed: errno=111"),
            "shard 127.0.0.1:9313 (index news) did not answer: connect() failed: errno=111"
        );
        assert_eq!(shard_warning("something else"), "something else");
    }

    #[test]
    fn what_the_cluster_cannot_answer_is_refused() {
        let weighted = SearchRequest {
            facets: vec![Facet::Person],
            weighted: true,
            ..SearchRequest::default()
        };
        assert!(
            sphinxql("news", &weighted)
                .unwrap_err()
                .to_string()
                .contains("--remote")
        );
        assert!(facet_sql("news", &SearchRequest::default(), Facet::Dateline).is_err());
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
