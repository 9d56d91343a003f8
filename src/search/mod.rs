//! Search: parse the user's query, apply entity/byline/date filters, rank, snippet, count.
//!
//! Owns turning a `SearchRequest` into Tantivy queries and collectors and returning plain
//! result structs (hits with snippets, totals, entity counts). It must not print or know
//! about terminals or JSON layouts: that is the output layer's job.
//!
//! Ranking is BM25 over headline (boost 3), caption (2), byline (1.5) and body (1), terms
//! ANDed by default. Filters are exact on names but match by name parts, case- and
//! accent-insensitively: `--person Shoigu` matches "Sergei Shoigu", because entity names are
//! indexed as folded words and a filter is a phrase over those words.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;
use std::time::Instant;

use deadline::WithDeadline;
use passages::TermFinder;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument};
use tantivy::{DateTime, DocAddress, Searcher, Term};
use top::{RankBy, TopHits};
use weighted::{Tally, WeightedNames};

use crate::article::EntityKind;
use crate::entities::fold_key;
use crate::index::canonical::Aliases;
use crate::index::{Fields, NewsIndex, entity_fields, from_document, hit_article};
use crate::ingest::date::parse_to_unix;

mod deadline;
mod histogram;
mod marks;
mod passages;
pub mod remote;
mod top;
mod weighted;

pub use marks::{ArticleMarks, ArticleView, FieldMarks, Mention};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },
    #[error("invalid date {0:?} for since/until: use YYYY-MM-DD")]
    BadDate(String),
    #[error("invalid parameter `{name}`: {reason}")]
    BadParameter { name: String, reason: String },
    #[error(
        "search failed: {0} (if the index is damaged, rebuild it with `newsdex index --rebuild PATH`)"
    )]
    Tantivy(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
    /// The cluster of `search --remote` could not be reached or refused the query.
    #[error("remote search at {address} failed: {reason}")]
    Remote { address: String, reason: String },
    /// The search passed the deadline it was given (`Search::with_deadline`) and stopped.
    #[error("the search took longer than its time limit")]
    TimedOut,
}

/// The most results one request may ask for (`limit`); export streams every match.
pub const MAX_LIMIT: usize = 1000;
/// The longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 2000;
/// The most entities a facet may list.
pub const MAX_FACET_LIMIT: usize = 500;

/// What to look for: one request type for the CLI and the HTTP API. Its serde names are the
/// API's parameter names (`q`, `person`, `exclude_place`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Query text in newsdex's query language; empty lists every article matching the filters.
    #[serde(rename = "q")]
    pub query: String,
    #[serde(rename = "person")]
    pub persons: Vec<String>,
    #[serde(rename = "place")]
    pub places: Vec<String>,
    /// Filed from this place (or a place inside it), by the article's dateline.
    #[serde(rename = "dateline")]
    pub datelines: Vec<String>,
    /// About this entity (any type): it is central to the article (`entities::salience`).
    pub about: Vec<String>,
    #[serde(rename = "org")]
    pub orgs: Vec<String>,
    #[serde(rename = "byline")]
    pub bylines: Vec<String>,
    /// Articles mentioning any of these are left out.
    #[serde(rename = "exclude_person")]
    pub exclude_persons: Vec<String>,
    #[serde(rename = "exclude_place")]
    pub exclude_places: Vec<String>,
    #[serde(rename = "exclude_org")]
    pub exclude_orgs: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// What to count over all matches, in the same pass as the hits (plus an exact recount
    /// of the alias names that pass left out, when they could reach the list).
    pub facets: Vec<Facet>,
    /// How many entities each facet lists.
    pub facet_limit: usize,
    /// Count the matches per year, month or day of their date.
    pub histogram: Option<Interval>,
    /// Rank entity facets by summed salience (`entities::salience`), not article count.
    pub weighted: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            persons: Vec::new(),
            places: Vec::new(),
            datelines: Vec::new(),
            about: Vec::new(),
            orgs: Vec::new(),
            bylines: Vec::new(),
            exclude_persons: Vec::new(),
            exclude_places: Vec::new(),
            exclude_orgs: Vec::new(),
            since: None,
            until: None,
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            facets: Vec::new(),
            facet_limit: 10,
            histogram: None,
            weighted: false,
        }
    }
}

/// A facet: entity names, authors or datelines counted over every match. Asking for
/// places also returns the place tree (`SearchResponse::places`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Person,
    Place,
    Org,
    Byline,
    Dateline,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::Person,
        Facet::Place,
        Facet::Org,
        Facet::Byline,
        Facet::Dateline,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Facet::Person => "person",
            Facet::Place => "place",
            Facet::Org => "org",
            Facet::Byline => "byline",
            Facet::Dateline => "dateline",
        }
    }

    pub fn from_name(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The entity kind this facet counts, if it counts entities.
    pub fn entity(self) -> Option<EntityKind> {
        match self {
            Facet::Person => Some(EntityKind::Person),
            Facet::Place => Some(EntityKind::Place),
            Facet::Org => Some(EntityKind::Org),
            Facet::Byline | Facet::Dateline => None,
        }
    }
}

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Best match first; newest first when there is no query text.
    #[default]
    #[serde(rename = "relevance")]
    Relevance,
    /// Oldest first.
    #[serde(rename = "date")]
    Date,
    /// Newest first.
    #[serde(rename = "-date")]
    NewestFirst,
}

impl Sort {
    pub fn from_name(name: &str) -> Option<Sort> {
        match name {
            "relevance" => Some(Sort::Relevance),
            "date" => Some(Sort::Date),
            "-date" => Some(Sort::NewestFirst),
            _ => None,
        }
    }
}

/// A histogram's bucket width: calendar years, months or days (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Year,
    Month,
    Day,
}

impl Interval {
    pub fn from_name(name: &str) -> Option<Interval> {
        match name {
            "year" => Some(Interval::Year),
            "month" => Some(Interval::Month),
            "day" => Some(Interval::Day),
            _ => None,
        }
    }
}

impl SearchRequest {
    /// A request from URL query parameters (`q=...&person=...&person=...`): every list
    /// parameter may repeat, `facets` is also comma-separated; an unknown parameter or a bad
    /// value is an error naming it.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<SearchRequest, SearchError> {
        let mut req = SearchRequest::default();
        let bad = |name: &str, reason: String| SearchError::BadParameter {
            name: name.to_string(),
            reason,
        };
        let number = |name: &str, value: &str| {
            value
                .trim()
                .parse::<usize>()
                .map_err(|_| bad(name, format!("{value:?} is not a whole number")))
        };
        for (name, value) in pairs {
            match name {
                "q" => req.query = value.to_string(),
                "person" => req.persons.push(value.to_string()),
                "place" => req.places.push(value.to_string()),
                "dateline" => req.datelines.push(value.to_string()),
                "about" => req.about.push(value.to_string()),
                "org" => req.orgs.push(value.to_string()),
                "byline" => req.bylines.push(value.to_string()),
                "exclude_person" => req.exclude_persons.push(value.to_string()),
                "exclude_place" => req.exclude_places.push(value.to_string()),
                "exclude_org" => req.exclude_orgs.push(value.to_string()),
                "since" => req.since = Some(value.to_string()).filter(|v| !v.is_empty()),
                "until" => req.until = Some(value.to_string()).filter(|v| !v.is_empty()),
                "sort" => {
                    req.sort = Sort::from_name(value).ok_or_else(|| {
                        bad(name, format!("{value:?}: use relevance, date or -date"))
                    })?
                }
                "limit" => req.limit = number(name, value)?,
                "offset" => req.offset = number(name, value)?,
                "facet_limit" => req.facet_limit = number(name, value)?,
                "facets" => {
                    for kind in value.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                        let kind = Facet::from_name(kind).ok_or_else(|| {
                            bad(
                                name,
                                format!("{kind:?}: use person, place, org, byline or dateline"),
                            )
                        })?;
                        if !req.facets.contains(&kind) {
                            req.facets.push(kind);
                        }
                    }
                }
                "weighted" => {
                    req.weighted = match value {
                        "true" | "1" | "" => true,
                        "false" | "0" => false,
                        v => return Err(bad(name, format!("{v:?}: use true or false"))),
                    }
                }
                "histogram" => {
                    req.histogram =
                        match value {
                            "" => None,
                            v => Some(Interval::from_name(v).ok_or_else(|| {
                                bad(name, format!("{v:?}: use year, month or day"))
                            })?),
                        }
                }
                other => {
                    return Err(bad(
                        other,
                        "unknown parameter; see /api/openapi.json for the parameters".into(),
                    ));
                }
            }
        }
        req.check_limits()?;
        Ok(req)
    }

    /// The limits a served request must keep: page size, query length, facet size.
    pub fn check_limits(&self) -> Result<(), SearchError> {
        let bad = |name: &str, reason: String| {
            Err(SearchError::BadParameter {
                name: name.to_string(),
                reason,
            })
        };
        if self.limit == 0 || self.limit > MAX_LIMIT {
            return bad(
                "limit",
                format!(
                    "{} is out of range: 1 to {MAX_LIMIT} (export lists every match)",
                    self.limit
                ),
            );
        }
        check_query_length(&self.query)?;
        if self.facet_limit == 0 || self.facet_limit > MAX_FACET_LIMIT {
            return bad(
                "facet_limit",
                format!(
                    "{} is out of range: 1 to {MAX_FACET_LIMIT}",
                    self.facet_limit
                ),
            );
        }
        Ok(())
    }
}

fn check_query_length(query: &str) -> Result<(), SearchError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::BadParameter {
            name: "q".into(),
            reason: format!("longer than {MAX_QUERY_CHARS} characters"),
        });
    }
    Ok(())
}

/// A matching part of an article, with byte ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    #[serde(rename = "snippet")]
    pub text: String,
    /// Byte ranges of the query's terms in `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// One ranked result. Its JSON (the snippet's two fields inline) is what `search --json`
/// prints and `/api/v1/search` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    pub path: String,
    /// BM25 score; `None` when results are ordered by date (no query text).
    pub score: Option<f32>,
    pub headline: String,
    pub byline: Vec<String>,
    pub date: Option<String>,
    pub dateline: Option<String>,
    #[serde(flatten)]
    pub snippet: Snippet,
    /// Byte ranges of the query's terms in `headline`.
    pub headline_highlights: Vec<(usize, usize)>,
    pub persons: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
}

/// The answer to a `SearchRequest`: `search --json` prints it, `/api/v1/search` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub query: String,
    /// Every matching article, not only this page.
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Per requested facet (`person`, `place`, `org`, `byline`, `dateline`), the most
    /// frequent names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facets: BTreeMap<String, Vec<EntityCount>>,
    /// With the place facet: countries › regions › places, counts rolled up (an article
    /// counts once per node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Vec<PlaceNode>>,
    /// Matches per period, oldest first; only periods with matches (undated articles are
    /// not counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub histogram: Option<Vec<Bucket>>,
    /// Parts of the archive that did not answer (with `--remote`, the shards the cluster
    /// could not reach): the hits, total and facets are from the rest. Empty locally.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<String>,
}

/// A node of the place tree and the matching articles with a place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceNode {
    pub name: String,
    pub count: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<PlaceNode>,
}

/// One histogram bar: `2023`, `2023-09` or `2023-09-12`, and its matching articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub key: String,
    pub count: u64,
}

/// Entity counts per kind, most frequent first.
pub type Facets = Vec<(EntityKind, Vec<EntityCount>)>;

/// One entity and the number of matching articles that mention it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntityCount {
    pub name: String,
    #[serde(rename = "count")]
    pub articles: u64,
    /// With `weighted`: the entity's salience summed over those articles, in articles (an
    /// article it is wholly about adds 1.0, a passing mention about 0.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// What `stats` prints and `/api/v1/stats` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: u64,
    pub index_bytes: u64,
    pub index_path: String,
    pub segments: usize,
    /// Articles per tagger tier (`fast`, `accurate`) and `none` for untagged ones.
    pub tagged_by: BTreeMap<String, u64>,
    pub top_persons: Vec<EntityCount>,
    pub top_places: Vec<EntityCount>,
    pub top_orgs: Vec<EntityCount>,
}

/// A name offered for what a user is typing, with the archive's article count and the
/// stored names (aliases) that matched the prefix when the canonical name itself did not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub name: String,
    pub count: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<String>,
}

/// Whether a folded name has a word (or a run of words) starting with the folded prefix.
fn prefix_matches(folded_name: &str, folded_prefix: &str) -> bool {
    folded_name.starts_with(folded_prefix)
        || folded_name
            .match_indices(' ')
            .any(|(i, _)| folded_name[i + 1..].starts_with(folded_prefix))
}

/// The order `req` asks for: by score with query text, else by date.
fn rank_by(req: &SearchRequest) -> RankBy {
    match req.sort {
        Sort::Relevance if has_text(&req.query) => RankBy::Score,
        Sort::Relevance | Sort::NewestFirst => RankBy::Date,
        Sort::Date => RankBy::DateAscending,
    }
}

fn has_text(query: &str) -> bool {
    !query.trim().is_empty()
}

/// A searcher bound to an open index.
pub struct Search<'a> {
    index: &'a NewsIndex,
    searcher: Searcher,
    /// The archive's person and organisation aliases (see `index::canonical`).
    aliases: Arc<Aliases>,
    /// When set, walks over the matches stop with `SearchError::TimedOut` once it passes.
    deadline: Option<Instant>,
}

impl<'a> Search<'a> {
    /// A search over one snapshot of the index (`Engine::search` makes them).
    pub(crate) fn new(index: &'a NewsIndex, searcher: Searcher, aliases: Arc<Aliases>) -> Self {
        Search {
            index,
            searcher,
            aliases,
            deadline: None,
        }
    }

    /// This search, stopped with `SearchError::TimedOut` when a walk over the matches is
    /// still running at `deadline` (checked every few thousand matches) or the deadline has
    /// passed before a hit is read.
    pub fn with_deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// `collector` over the matches of `query`, within the deadline if there is one.
    fn collect<C: Collector>(
        &self,
        query: &dyn Query,
        collector: &C,
    ) -> Result<C::Fruit, SearchError> {
        let Some(deadline) = self.deadline else {
            return Ok(self.searcher.search(query, collector)?);
        };
        let limited = WithDeadline::new(collector, deadline);
        match self.searcher.search(query, &limited) {
            Err(_) if limited.expired() => Err(SearchError::TimedOut),
            result => Ok(result?),
        }
    }

    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    fn fields(&self) -> &Fields {
        &self.index.fields
    }

    /// The user's query text alone, parsed.
    fn text_query(&self, query: &str) -> Result<Box<dyn Query>, SearchError> {
        let f = self.fields();
        let mut parser = QueryParser::for_index(
            &self.index.index,
            vec![f.headline, f.caption, f.byline, f.body],
        );
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.headline, 3.0);
        parser.set_field_boost(f.caption, 2.0);
        parser.set_field_boost(f.byline, 1.5);
        // Control characters mean nothing in a query; as separators they are harmless (and
        // inside a word they would otherwise split it into a phrase).
        let cleaned = normalise_query_syntax(
            &query
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>(),
        );
        parser
            .parse_query(&cleaned)
            .map_err(|e| SearchError::BadQuery {
                query: query.to_string(),
                reason: explain_query_error(&e),
            })
    }

    /// The full query: text (or all documents) AND every filter.
    pub fn build_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>, SearchError> {
        let f = *self.fields();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if has_text(&req.query) {
            clauses.push((Occur::Must, self.text_query(&req.query)?));
        }
        for (kind, values) in [
            (EntityKind::Person, &req.persons),
            (EntityKind::Org, &req.orgs),
        ] {
            for value in values {
                clauses.push((Occur::Must, self.entity_filter(kind, value)));
            }
        }
        for value in &req.bylines {
            clauses.push((Occur::Must, name_filter(f.byline_key, value)));
        }
        for value in &req.places {
            clauses.push((Occur::Must, place_filter(&f, value)));
        }
        for value in &req.datelines {
            clauses.push((Occur::Must, dateline_filter(&f, value)));
        }
        for value in &req.about {
            clauses.push((Occur::Must, self.about_filter(value)));
        }
        for (kind, values) in [
            (EntityKind::Person, &req.exclude_persons),
            (EntityKind::Org, &req.exclude_orgs),
        ] {
            for value in values {
                clauses.push((Occur::MustNot, self.entity_filter(kind, value)));
            }
        }
        for value in &req.exclude_places {
            clauses.push((Occur::MustNot, place_filter(&f, value)));
        }
        let since = req
            .since
            .as_deref()
            .map(|s| parse_to_unix(s).ok_or_else(|| SearchError::BadDate(s.into())))
            .transpose()?;
        let until = req
            .until
            .as_deref()
            .map(|s| {
                let secs = parse_to_unix(s).ok_or_else(|| SearchError::BadDate(s.into()))?;
                // A bare date means "through the end of that day".
                Ok::<i64, SearchError>(if s.trim().len() <= 10 {
                    secs + 86_399
                } else {
                    secs
                })
            })
            .transpose()?;
        if since.is_some() || until.is_some() {
            let bound = |secs: Option<i64>| match secs {
                Some(s) => Bound::Included(Term::from_field_date_for_search(
                    f.date,
                    DateTime::from_timestamp_secs(s),
                )),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(since), bound(until))),
            ));
        }
        Ok(match clauses.len() {
            0 => Box::new(AllQuery),
            1 if has_text(&req.query) => clauses.pop().expect("one clause is present").1,
            _ => {
                if !has_text(&req.query) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
        })
    }

    /// A person or organisation filter: the name's words as a phrase (so "Putin" matches
    /// "Vladimir Putin"), taken through the archive's aliases: the canonical name, and
    /// every stored name that is an alias of it ("Vladimir Putin" matches an article that
    /// only says "Putin").
    fn entity_filter(&self, kind: EntityKind, value: &str) -> Box<dyn Query> {
        let (words_field, name_field) = entity_fields(self.fields(), kind);
        // "Tories", "GOP": articles store the party's name.
        let value = match kind {
            EntityKind::Org => {
                crate::entities::normalize::party_of_nickname(value).unwrap_or(value)
            }
            _ => value,
        };
        let mut canonical = self.aliases.canonical(kind, value);
        // "IMF", where the archive's articles spell it out: the organisation it stands for.
        if kind == EntityKind::Org
            && canonical == value
            && let Some(expansion) = self.aliases.expansion(value)
        {
            canonical = expansion;
        }
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Should, name_filter(words_field, value))];
        // "Blair" -> "Tony Blair": the typed words already match every "Tony Blair", so
        // the canonical name's phrase (the costly part of a filter) is only added when it
        // says something the typed words do not.
        let (typed, full) = (fold_key(value), fold_key(canonical));
        if !format!(" {full} ").contains(&format!(" {typed} ")) {
            alternatives.push((Occur::Should, name_filter(words_field, canonical)));
        }
        // The articles that stored this name under another type ("Chelsea" the club,
        // tagged a person in a match report).
        for (stored_kind, stored_name) in self.aliases.stored_elsewhere(kind, canonical) {
            alternatives.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(entity_fields(self.fields(), stored_kind).1, stored_name),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        for member in self.aliases.members(kind, canonical) {
            alternatives.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(name_field, member),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        match alternatives.len() {
            1 => alternatives.pop().expect("one alternative").1,
            _ => Box::new(BooleanQuery::new(alternatives)),
        }
    }

    /// An `--about` filter: the name's words among the article's central entities, or
    /// the names the archive's aliases join to it ("Putin" is about "Vladimir Putin",
    /// "United Nations" about "UN"), or the country a gazetteer name stands for ("USA").
    fn about_filter(&self, value: &str) -> Box<dyn Query> {
        let about = self.fields().about;
        let mut names = vec![value.to_string()];
        for kind in [EntityKind::Person, EntityKind::Org] {
            let canonical = self.aliases.canonical(kind, value);
            names.push(canonical.to_string());
            names.extend(self.aliases.members(kind, canonical).iter().cloned());
        }
        if let Some(known) = crate::entities::places::Gazetteer::embedded().country_or_region(value)
        {
            names.push(known);
        }
        let mut keys: Vec<String> = names.iter().map(|n| fold_key(n)).collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.len() == 1 {
            return name_filter(about, value);
        }
        Box::new(BooleanQuery::new(
            keys.iter()
                .map(|key| (Occur::Should, name_filter(about, key)))
                .collect(),
        ))
    }

    /// Run a search: the page of hits `req` asks for (ranked by score with query text,
    /// newest first without, unless `sort` says otherwise), the total, and the facets and
    /// histogram it asks for, all counted in one pass over the matches; then the alias
    /// names that pass cut and that could reach a facet's list are counted exactly
    /// (`names_to_recount`, `count_names`).
    pub fn run(&self, req: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let query = self.build_query(req)?;
        let limit = req.limit.max(1);
        let kinds: Vec<EntityKind> = req.facets.iter().filter_map(|f| f.entity()).collect();
        let weighted = (req.weighted && !kinds.is_empty())
            .then(|| weighted_collector(&facet_sources(&kinds, &self.aliases)));
        let by_salience = weighted.is_some();
        let mut aggs = if by_salience {
            serde_json::Map::new()
        } else {
            facet_request(&kinds, req.facet_limit, &self.aliases)
        };
        let terms = |field: &str, size: usize| serde_json::json!({ "terms": { "field": field, "size": size } });
        if req.facets.contains(&Facet::Byline) {
            aggs.insert("byline_facet".into(), terms("byline_name", req.facet_limit));
        }
        if req.facets.contains(&Facet::Dateline) {
            aggs.insert(
                "dateline_facet".into(),
                terms("dateline_name", req.facet_limit),
            );
        }
        if req.facets.contains(&Facet::Place) {
            aggs.insert("place_tree".into(), terms("place_path", PLACE_TREE_BUCKETS));
        }
        let aggregations = if aggs.is_empty() {
            None
        } else {
            Some(collector_of(aggs)?)
        };
        // Ties in id-hash order whatever the order, so a page lists the same articles
        // however the index was built.
        let by = rank_by(req);
        let collector = TopHits::new(req.offset.saturating_add(limit), by);
        let histogram = req.histogram.map(histogram::DateHistogram::new);
        let (total, top, (aggregated, tallies), periods) = self.collect(
            &*query,
            &(Count, collector, (aggregations, weighted), histogram),
        )?;
        let addresses: Vec<(Option<f32>, DocAddress)> = top
            .into_iter()
            .skip(req.offset)
            .map(|(rank, _, address)| ((by == RankBy::Score).then_some(rank as f32), address))
            .collect();
        let mut facets = BTreeMap::new();
        let mut places = None;
        if let Some(tallies) = tallies {
            for (kind, counts) in self.tallied_counts(&kinds, tallies, req.facet_limit, true) {
                facets.insert(kind.field_name().to_string(), counts);
            }
        }
        if let Some(result) = aggregated {
            let value = serde_json::to_value(result).map_err(invalid)?;
            if !by_salience {
                // Alias groups whose cut members could reach a list are counted exactly.
                let recount = names_to_recount(&kinds, &value, req.facet_limit, &self.aliases);
                let exact = self.count_names(&*query, &recount)?;
                let names = |kind: EntityKind| {
                    let mut names = aggregated_names(&value, kind);
                    if let Some(exact) = exact.get(&kind) {
                        names.retain(|(name, _)| !exact.iter().any(|(n, _)| n == name));
                        names.extend(exact.iter().filter(|(_, n)| *n > 0).map(|(name, n)| {
                            (
                                name.as_str(),
                                Tally {
                                    articles: *n,
                                    salience: 0,
                                },
                            )
                        }));
                    }
                    names
                };
                for (kind, counts) in
                    facet_counts(&kinds, &names, req.facet_limit, &self.aliases, false)
                {
                    facets.insert(kind.field_name().to_string(), counts);
                }
            }
            for (facet, name) in [
                (Facet::Byline, "byline_facet"),
                (Facet::Dateline, "dateline_facet"),
            ] {
                if req.facets.contains(&facet) {
                    let counts = buckets_of(&value[name])
                        .map(|(name, articles)| EntityCount {
                            name: name.to_string(),
                            articles,
                            weight: None,
                        })
                        .collect();
                    facets.insert(facet.name().to_string(), counts);
                }
            }
            if req.facets.contains(&Facet::Place) {
                places = Some(place_tree(&value["place_tree"], req.facet_limit));
            }
        }
        let snippets =
            SnippetMaker::new(&self.searcher, &*query, self.fields(), has_text(&req.query))?;
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            if self
                .deadline
                .is_some_and(|deadline| Instant::now() >= deadline)
            {
                return Err(SearchError::TimedOut);
            }
            hits.push(self.hit(address, score, &snippets)?);
        }
        Ok(SearchResponse {
            query: req.query.clone(),
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets,
            places,
            histogram: periods,
            partial: Vec::new(),
        })
    }

    /// Every article matching `req` (all of them for an empty request), whole and with the
    /// archive's canonical names, in index order, handed to `sink` until it returns false:
    /// what `newsdex export` streams. Segment by segment without ranking, so memory stays
    /// bounded however many match (`req`'s order, limit and offset are ignored).
    pub fn for_each_article(
        &self,
        req: &SearchRequest,
        mut sink: impl FnMut(crate::article::Article) -> bool,
    ) -> Result<(), SearchError> {
        use tantivy::DocSet;
        use tantivy::query::EnableScoring;
        let query = self.build_query(req)?;
        let weight = query.weight(EnableScoring::disabled_from_searcher(&self.searcher))?;
        for (ordinal, segment) in self.searcher.segment_readers().iter().enumerate() {
            let mut matches = weight.scorer(segment, 1.0)?;
            let alive = segment.alive_bitset();
            let mut doc = matches.doc();
            while doc != tantivy::TERMINATED {
                if alive.is_none_or(|bits| bits.is_alive(doc)) {
                    let stored: TantivyDocument =
                        self.searcher.doc(DocAddress::new(ordinal as u32, doc))?;
                    let mut article = from_document(self.fields(), &stored);
                    self.aliases.apply(&mut article);
                    if !sink(article) {
                        return Ok(());
                    }
                }
                doc = matches.advance();
            }
        }
        Ok(())
    }

    /// Every match of `req` in its order (its limit and offset ignored), handed to `sink`
    /// one hit at a time until `sink` returns false: what an export streams.
    pub fn for_each_match(
        &self,
        req: &SearchRequest,
        mut sink: impl FnMut(Hit) -> bool,
    ) -> Result<(), SearchError> {
        let query = self.build_query(req)?;
        let by = rank_by(req);
        let total = self.collect(&*query, &Count)?;
        let top = self
            .searcher
            .search(&query, &TopHits::new(total.max(1), by))?;
        let snippets =
            SnippetMaker::new(&self.searcher, &*query, self.fields(), has_text(&req.query))?;
        for (rank, _, address) in top {
            let score = (by == RankBy::Score).then_some(rank as f32);
            if !sink(self.hit(address, score, &snippets)?) {
                break;
            }
        }
        Ok(())
    }

    /// One stored article as a hit.
    fn hit(
        &self,
        address: DocAddress,
        score: Option<f32>,
        snippets: &SnippetMaker,
    ) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let fields = self.fields();
        let mut article = hit_article(fields, &doc);
        self.aliases.apply(&mut article);
        let text = |field| {
            doc.get_all(field)
                .filter_map(|v| tantivy::schema::Value::as_str(&v))
        };
        let body = text(fields.body).next().unwrap_or_default();
        let snippet = snippets.make(body, || text(fields.caption).collect());
        let headline_highlights = snippets.headline(&article.headline);
        let names = |e: Vec<crate::article::Entity>| e.into_iter().map(|e| e.name).collect();
        Ok(Hit {
            snippet,
            headline_highlights,
            persons: names(article.persons),
            places: names(article.places),
            orgs: names(article.orgs),
            id: article.id,
            path: article.path,
            score,
            headline: article.headline,
            byline: article.byline,
            date: article.date,
            dateline: article.dateline,
        })
    }

    /// Count entities of one kind over the articles matching `req`, most frequent first.
    pub fn entity_counts(
        &self,
        req: &SearchRequest,
        kind: EntityKind,
        limit: usize,
    ) -> Result<Vec<EntityCount>, SearchError> {
        let query = self.build_query(req)?;
        let counts = self.entity_counts_for(&*query, &[kind], limit, req.weighted)?;
        Ok(counts
            .into_iter()
            .next()
            .map(|(_, c)| c)
            .unwrap_or_default())
    }

    /// Counts for several kinds in one pass over the matching documents, most articles
    /// first or (`weighted`) most salience first. Every name is tallied, so the counts are
    /// exact after aliases merge, whatever `limit` is (what `entities` and `stats` print);
    /// a search's facets take the aggregation's top names instead, which is cheaper.
    pub fn entity_counts_for(
        &self,
        query: &dyn Query,
        kinds: &[EntityKind],
        limit: usize,
        weighted: bool,
    ) -> Result<Facets, SearchError> {
        let collector = weighted_collector(&facet_sources(kinds, &self.aliases));
        let tallies = self.collect(query, &collector)?;
        Ok(self.tallied_counts(kinds, tallies, limit, weighted))
    }

    /// How many matches of `query` hold each of the given stored names: one intersection
    /// of the query with the name's term each, cheap for the rare names a facet's first
    /// pass cuts (`names_to_recount`), where a second aggregation over every match was not.
    fn count_names(
        &self,
        query: &dyn Query,
        names: &[(EntityKind, Vec<String>)],
    ) -> Result<HashMap<EntityKind, Vec<(String, u64)>>, SearchError> {
        let mut out = HashMap::new();
        if names.iter().map(|(_, n)| n.len()).sum::<usize>() > MOST_NAMES_COUNTED_ONE_BY_ONE {
            // Many names: one aggregation over every match, limited to them, costs less.
            let collector = collector_of(recount_request(names))?;
            let value = serde_json::to_value(self.collect(query, &collector)?).map_err(invalid)?;
            for (kind, _) in names {
                let counts = buckets_of(&value[kind.field_name()])
                    .map(|(name, n)| (name.to_string(), n))
                    .collect();
                out.insert(*kind, counts);
            }
            return Ok(out);
        }
        for (kind, names) in names {
            let field = entity_fields(self.fields(), *kind).1;
            let mut counts = Vec::with_capacity(names.len());
            for name in names {
                let both = BooleanQuery::new(vec![
                    (Occur::Must, query.box_clone()),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, name),
                            IndexRecordOption::Basic,
                        )),
                    ),
                ]);
                counts.push((name.clone(), self.collect(&both, &Count)? as u64));
            }
            out.insert(*kind, counts);
        }
        Ok(out)
    }

    /// Facets of `kinds` out of the tallies of `weighted_collector(facet_sources(kinds))`.
    fn tallied_counts(
        &self,
        kinds: &[EntityKind],
        tallies: Vec<HashMap<String, Tally>>,
        limit: usize,
        weighted: bool,
    ) -> Facets {
        // Every name of the matches is tallied, so aliases merge exactly.
        let sources = facet_sources(kinds, &self.aliases);
        let by_kind: HashMap<EntityKind, HashMap<String, Tally>> =
            sources.into_iter().zip(tallies).collect();
        let names = |kind| {
            by_kind
                .get(&kind)
                .map(|t| t.iter().map(|(n, t)| (n.as_str(), *t)).collect())
                .unwrap_or_default()
        };
        facet_counts(kinds, &names, limit, &self.aliases, weighted)
    }

    /// The numbers `stats` shows: size, segments, tiers, and the `limit` most frequent
    /// entities of each kind.
    pub fn stats(&self, limit: usize) -> Result<Stats, SearchError> {
        let documents = self.searcher.num_docs();
        let counts = self.entity_counts_for(&AllQuery, &EntityKind::ALL, limit, false)?;
        let tiers = crate::index::tier_counts(&self.searcher, self.fields())?;
        let tagged: u64 = tiers.iter().map(|(_, n)| n).sum();
        let mut tagged_by: BTreeMap<String, u64> = tiers
            .iter()
            .map(|(tier, n)| (tier.name().to_string(), *n))
            .collect();
        tagged_by.insert("none".into(), documents.saturating_sub(tagged));
        let top = |kind: EntityKind| -> Vec<EntityCount> {
            counts
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, c)| c.clone())
                .unwrap_or_default()
        };
        Ok(Stats {
            documents,
            index_bytes: self.index.size_on_disk(),
            index_path: self.index.dir.display().to_string(),
            segments: self.searcher.segment_readers().len(),
            tagged_by,
            top_persons: top(EntityKind::Person),
            top_places: top(EntityKind::Place),
            top_orgs: top(EntityKind::Org),
        })
    }

    /// Names of `kind` with a word starting with `prefix` (case- and accent-insensitive),
    /// most frequent first, aliases merged into their canonical name. Counts are articles
    /// (documents deleted but not yet merged away may still count).
    pub fn suggest(
        &self,
        kind: EntityKind,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<Suggestion>, SearchError> {
        let wanted = fold_key(prefix);
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let field = entity_fields(self.fields(), kind).1;
        let mut stored: std::collections::HashMap<String, u64> = Default::default();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                let Ok(name) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if prefix_matches(&fold_key(name), &wanted) {
                    *stored.entry(name.to_string()).or_default() +=
                        u64::from(terms.value().doc_freq);
                }
            }
        }
        let mut merged: Vec<Suggestion> = Vec::new();
        for (name, count) in stored {
            let canonical = self.aliases.canonical(kind, &name).to_string();
            let alias = (canonical != name).then_some(name);
            match merged.iter_mut().find(|s| s.name == canonical) {
                Some(s) => {
                    s.count += count;
                    s.matched.extend(alias);
                }
                None => merged.push(Suggestion {
                    name: canonical,
                    count,
                    matched: alias.into_iter().collect(),
                }),
            }
        }
        for s in &mut merged {
            // An alias is worth showing only when the name shown does not match itself.
            if prefix_matches(&fold_key(&s.name), &wanted) {
                s.matched.clear();
            }
            s.matched.sort();
        }
        merged.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        merged.truncate(limit.max(1));
        Ok(merged)
    }

    /// Find one stored article by its id alone (the server's lookup: no paths).
    pub fn find_id(&self, id: &str) -> Result<Option<crate::article::Article>, SearchError> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields().id, id),
            IndexRecordOption::Basic,
        );
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = self.searcher.doc(*address)?;
        let mut article = from_document(self.fields(), &doc);
        self.aliases.apply(&mut article);
        Ok(Some(article))
    }

    /// One stored article by id; with `query` (even empty) also where its entities and, for
    /// query text, the query's terms occur in each field.
    pub fn article_view(
        &self,
        id: &str,
        query: Option<&str>,
    ) -> Result<Option<ArticleView>, SearchError> {
        let Some(article) = self.find_id(id)? else {
            return Ok(None);
        };
        let marks = match query {
            None => None,
            Some(q) => {
                check_query_length(q)?;
                let f = self.fields();
                let parsed = if has_text(q) {
                    Some(self.text_query(q)?)
                } else {
                    None
                };
                let finder = |field| -> Result<Option<TermFinder>, SearchError> {
                    match &parsed {
                        Some(query) => {
                            Ok(Some(TermFinder::create(&self.searcher, &**query, field)?))
                        }
                        None => Ok(None),
                    }
                };
                let finders = marks::HitFinders {
                    headline: finder(f.headline)?,
                    caption: finder(f.caption)?,
                    body: finder(f.body)?,
                };
                Some(marks::mark(&article, finders))
            }
        };
        Ok(Some(ArticleView { article, marks }))
    }

    /// Find one stored article by id, or by source path.
    pub fn find(&self, id_or_path: &str) -> Result<Option<crate::article::Article>, SearchError> {
        let f = self.fields();
        let mut candidates = vec![
            Term::from_field_text(f.id, id_or_path),
            Term::from_field_text(f.path, id_or_path),
        ];
        if let Ok(canonical) = std::fs::canonicalize(id_or_path) {
            candidates.push(Term::from_field_text(f.path, &canonical.to_string_lossy()));
        }
        for term in candidates {
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            let top = self
                .searcher
                .search(&query, &TopDocs::with_limit(1).order_by_score())?;
            if let Some((_, address)) = top.first() {
                let doc: TantivyDocument = self.searcher.doc(*address)?;
                let mut article = from_document(f, &doc);
                self.aliases.apply(&mut article);
                return Ok(Some(article));
            }
        }
        Ok(None)
    }
}

fn invalid(e: impl std::fmt::Display) -> SearchError {
    SearchError::Tantivy(tantivy::TantivyError::InvalidArgument(e.to_string()))
}

/// The kinds whose names a facet of `kinds` counts: themselves, and those holding names
/// retyped to one of them archive-wide.
fn facet_sources(kinds: &[EntityKind], aliases: &Aliases) -> Vec<EntityKind> {
    let mut needed: Vec<EntityKind> = kinds.to_vec();
    for kind in kinds {
        needed.extend(aliases.sources_of(*kind));
    }
    needed.sort_by_key(|k| k.field_name());
    needed.dedup();
    needed
}

/// How many names of `kind` to fetch for a facet of `limit`: more than shown when aliases
/// may merge or move names, so the merged top is (nearly always) the true top.
fn facet_size(kind: EntityKind, limit: usize, aliases: &Aliases) -> usize {
    if aliases.is_empty() || (kind == EntityKind::Place && aliases.sources_of(kind).is_empty()) {
        limit.max(1)
    } else {
        limit.max(1) * 3 + 20
    }
}

/// The stored names, per kind, whose counts the first pass may have cut (it keeps the
/// `facet_size` most frequent names of each kind) while an alias group they belong to could
/// still reach the top `limit` of a facet: with each cut member counted at the most it can
/// have, the smallest count the first pass kept, the group would tie or pass the last name
/// shown. Empty when nothing was cut (most narrow queries) or no such group exists; broad
/// queries usually recount a few names (BENCHMARKS.md, "Scaling out").
fn names_to_recount(
    kinds: &[EntityKind],
    value: &serde_json::Value,
    limit: usize,
    aliases: &Aliases,
) -> Vec<(EntityKind, Vec<String>)> {
    let mut out: HashMap<EntityKind, std::collections::BTreeSet<String>> = HashMap::new();
    for &kind in kinds {
        // Per source kind: the names the first pass kept, and the most a cut one can have.
        let mut kept: HashMap<EntityKind, HashMap<&str, u64>> = HashMap::new();
        let mut ceiling: HashMap<EntityKind, u64> = HashMap::new();
        for source in facet_sources(&[kind], aliases) {
            let buckets: HashMap<&str, u64> = buckets_of(&value[source.field_name()]).collect();
            let cut = buckets.len() >= facet_size(source, limit, aliases);
            let most = if cut {
                buckets.values().copied().min().unwrap_or(0)
            } else {
                0
            };
            ceiling.insert(source, most);
            kept.insert(source, buckets);
        }
        if ceiling.values().all(|&most| most == 0) {
            continue;
        }
        let shown = facet_counts(
            &[kind],
            &|k| aggregated_names(value, k),
            limit,
            aliases,
            false,
        );
        // The last name shown and its count: a group must pass it, or tie and sort before it.
        let last_shown = match shown.first() {
            Some((_, counts)) if counts.len() >= limit.max(1) => {
                counts.last().map(|c| (c.articles, c.name.as_str()))
            }
            _ => None,
        };
        for (canonical, stored) in aliases.merge_groups(kind) {
            let (mut known, mut room, mut cut) = (0u64, 0u64, false);
            for (source, name) in stored {
                let ceiling = ceiling.get(source).copied().unwrap_or(0);
                match kept.get(source).and_then(|k| k.get(name.as_str())) {
                    Some(&n) => known += n,
                    None => {
                        // At most what the first pass kept, and at most the name's
                        // articles in the whole archive.
                        let most = aliases
                            .articles_with(*source, name)
                            .map_or(ceiling, |n| n.min(ceiling));
                        room += most;
                        cut |= most > 0;
                    }
                }
            }
            let may_show = match last_shown {
                None => true,
                Some((count, name)) => {
                    known + room > count || (known + room == count && canonical.as_str() < name)
                }
            };
            // The whole group, kept names too: a kept count can itself be short where a
            // segment's own top names left it out (tantivy merges per-segment tops).
            if cut && may_show {
                for (source, name) in stored {
                    out.entry(*source).or_default().insert(name.clone());
                }
            }
        }
    }
    let mut out: Vec<(EntityKind, Vec<String>)> = out
        .into_iter()
        .map(|(kind, names)| (kind, names.into_iter().collect()))
        .collect();
    out.sort_by_key(|(kind, _)| kind.field_name());
    out
}

/// Above this many names to recount, one aggregation pass beats one intersection each
/// (BENCHMARKS.md, "Scaling out").
const MOST_NAMES_COUNTED_ONE_BY_ONE: usize = 32;

/// An aggregation per kind counting exactly the given names over every match, uncut.
fn recount_request(
    recount: &[(EntityKind, Vec<String>)],
) -> serde_json::Map<String, serde_json::Value> {
    recount
        .iter()
        .map(|(kind, names)| {
            (
                kind.field_name().to_string(),
                serde_json::json!({ "terms": {
                    "field": format!("{}_name", kind.field_name()),
                    "size": names.len(),
                    "segment_size": names.len(),
                    "include": names,
                } }),
            )
        })
        .collect()
}

/// A terms aggregation per entity kind over its fast display-name field. Where aliases
/// will merge buckets, more buckets than `limit` are asked for, so a name whose aliases
/// lift it into the top `limit` is not cut before the merge.
fn facet_request(
    kinds: &[EntityKind],
    limit: usize,
    aliases: &Aliases,
) -> serde_json::Map<String, serde_json::Value> {
    let mut request = serde_json::Map::new();
    // Names another type holds archive-wide are counted from that type's buckets.
    for kind in &facet_sources(kinds, aliases) {
        let size = facet_size(*kind, limit, aliases);
        request.insert(
            kind.field_name().to_string(),
            serde_json::json!({ "terms": { "field": format!("{}_name", kind.field_name()), "size": size } }),
        );
    }
    request
}

/// An aggregation collector for a request built as JSON.
fn collector_of(
    request: serde_json::Map<String, serde_json::Value>,
) -> Result<tantivy::aggregation::AggregationCollector, SearchError> {
    let aggs: tantivy::aggregation::agg_req::Aggregations =
        serde_json::from_value(serde_json::Value::Object(request)).map_err(invalid)?;
    Ok(tantivy::aggregation::AggregationCollector::from_aggs(
        aggs,
        Default::default(),
    ))
}

/// The (name, document count) buckets of one terms aggregation's result.
fn buckets_of(result: &serde_json::Value) -> impl Iterator<Item = (&str, u64)> {
    result["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(bucket)
}

/// How many place-tree nodes are counted before the tree is cut to `facet_limit` per level.
const PLACE_TREE_BUCKETS: usize = 2000;

/// The place tree out of the `place_path` buckets: countries, their regions, their places,
/// each level most frequent first and cut to `limit`.
fn place_tree(result: &serde_json::Value, limit: usize) -> Vec<PlaceNode> {
    let mut paths: Vec<(Vec<&str>, u64)> = buckets_of(result)
        .map(|(path, n)| {
            (
                path.split(crate::index::schema::PLACE_PATH_SEPARATOR)
                    .collect(),
                n,
            )
        })
        .collect();
    paths.sort_by_key(|(parts, _)| parts.len());
    let mut roots: Vec<PlaceNode> = Vec::new();
    for (parts, count) in paths {
        let mut level = &mut roots;
        for (depth, part) in parts.iter().enumerate() {
            let at = match level.iter().position(|n| n.name == *part) {
                Some(i) => i,
                None => {
                    level.push(PlaceNode {
                        name: part.to_string(),
                        count: 0,
                        children: Vec::new(),
                    });
                    level.len() - 1
                }
            };
            let node = &mut level[at];
            if depth + 1 == parts.len() {
                node.count = node.count.max(count);
            }
            level = &mut node.children;
        }
    }
    fn order(nodes: &mut Vec<PlaceNode>, limit: usize) {
        for node in nodes.iter_mut() {
            // A parent counts at least what any child does, even when cut from the buckets.
            order(&mut node.children, limit);
            let most = node.children.iter().map(|c| c.count).max().unwrap_or(0);
            node.count = node.count.max(most);
        }
        nodes.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        nodes.truncate(limit.max(1));
    }
    order(&mut roots, limit);
    roots
}

/// A terms bucket's name and document count.
fn bucket(b: &serde_json::Value) -> Option<(&str, u64)> {
    Some((b["key"].as_str()?, b["doc_count"].as_u64()?))
}

/// Entity counts per kind out of per-name tallies (`names(kind)`, from an aggregation or
/// from `weighted::WeightedNames`), with aliases merged into their canonical name and the
/// names another type holds archive-wide moved to it; most articles first, or the highest
/// summed salience first when `weighted`. An article is counted once per stored name, and
/// `entities::normalize` already gives one article one name per person, so the sums are
/// article counts.
fn facet_counts<'a>(
    kinds: &[EntityKind],
    names: &dyn Fn(EntityKind) -> Vec<(&'a str, Tally)>,
    limit: usize,
    aliases: &'a Aliases,
    weighted: bool,
) -> Facets {
    kinds
        .iter()
        .map(|kind| {
            // This kind's names, without those another type holds archive-wide, and the
            // names other kinds stored that are this type's.
            let mut named: Vec<(&str, Tally)> = names(*kind)
                .into_iter()
                .filter(|(name, _)| aliases.retype(*kind, name).is_none())
                .collect();
            for source in aliases.sources_of(*kind) {
                for (name, tally) in names(source) {
                    if let Some((to, to_name)) = aliases.retype(source, name)
                        && to == *kind
                    {
                        named.push((to_name, tally));
                    }
                }
            }
            let mut by_name: HashMap<&str, Tally> = HashMap::with_capacity(named.len());
            for (name, tally) in named {
                let t = by_name.entry(aliases.canonical(*kind, name)).or_default();
                t.articles += tally.articles;
                t.salience += tally.salience;
            }
            let mut merged: Vec<(&str, Tally)> = by_name.into_iter().collect();
            let key = |t: &Tally| if weighted { t.salience } else { t.articles };
            merged.sort_by(|(an, a), (bn, b)| key(b).cmp(&key(a)).then(an.cmp(bn)));
            merged.truncate(limit.max(1));
            let counts = merged
                .into_iter()
                .map(|(name, t)| EntityCount {
                    name: name.to_string(),
                    articles: t.articles,
                    weight: weighted.then(|| t.salience as f64 / 100.0),
                })
                .collect();
            (*kind, counts)
        })
        .collect()
}

/// The collector of salience-weighted counts for `kinds`, in that order.
fn weighted_collector(kinds: &[EntityKind]) -> WeightedNames {
    WeightedNames::new(
        kinds
            .iter()
            .map(|k| format!("{}_salience", k.field_name()))
            .collect(),
    )
}

/// Per-name tallies of one kind from a terms aggregation result (no salience).
fn aggregated_names(value: &serde_json::Value, kind: EntityKind) -> Vec<(&str, Tally)> {
    buckets_of(&value[kind.field_name()])
        .map(|(name, articles)| {
            (
                name,
                Tally {
                    articles,
                    salience: 0,
                },
            )
        })
        .collect()
}

/// A place filter: the place itself, or any place inside it. A country or region the
/// gazetteer knows is matched by exact terms on the country and region recorded for every
/// resolved place (a country's own mentions record it as their country, a region's as
/// their region), so "USA" -> "United States" matches articles about Chicago too. Any
/// other value matches place names containing its words in order ("York" finds New York
/// too), and the name the gazetteer stores the place under when that differs ("Bombay"
/// finds Mumbai, "New York City" finds New York).
fn place_filter(f: &Fields, value: &str) -> Box<dyn Query> {
    let gazetteer = crate::entities::places::Gazetteer::embedded();
    let Some((known, country)) = gazetteer.area(value) else {
        let stored = gazetteer.resolve_all(&[value], None).remove(0);
        return match stored.filter(|place| fold_key(&place.name) != fold_key(value)) {
            Some(place) => Box::new(BooleanQuery::new(vec![
                (Occur::Should, name_filter(f.place, value)),
                (Occur::Should, name_filter(f.place, &place.name)),
            ])),
            None => name_filter(f.place, value),
        };
    };
    let exact = |field: Field| -> (Occur, Box<dyn Query>) {
        (
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(field, &fold_key(&known)),
                IndexRecordOption::Basic,
            )),
        )
    };
    let mut alternatives = vec![exact(f.place_country), exact(f.place_region)];
    if fold_key(&known) != fold_key(value) {
        // A place the gazetteer lacked is stored under the name the article used.
        alternatives.push((Occur::Should, name_filter(f.place, value)));
    } else if !country {
        // A region's namesake city ("São Paulo"), which the gazetteer does not record
        // inside the region. Not for countries: "Ireland" must not find "Northern Ireland".
        alternatives.push((Occur::Should, name_filter(f.place, &known)));
    }
    Box::new(BooleanQuery::new(alternatives))
}

/// A dateline filter: the dateline's place, region or country is the value ("Canada" finds
/// stories filed from Toronto; "USA" is "United States"), or a part of a dateline the
/// gazetteer did not know is.
fn dateline_filter(f: &Fields, value: &str) -> Box<dyn Query> {
    let gazetteer = crate::entities::places::Gazetteer::embedded();
    let mut names = vec![fold_key(value)];
    if let Some(known) = gazetteer.country_or_region(value) {
        names.push(fold_key(&known));
    }
    if let Some(place) = gazetteer.dateline(value) {
        names.push(fold_key(&place.name));
    }
    names.sort_unstable();
    names.dedup();
    Box::new(BooleanQuery::new(
        names
            .iter()
            .map(|name| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.dateline_place, name),
                        IndexRecordOption::Basic,
                    )),
                )
            })
            .collect(),
    ))
}

/// A filter on a folded-words field: one term, or a phrase of the name's words.
fn name_filter(field: Field, value: &str) -> Box<dyn Query> {
    let words: Vec<Term> = fold_key(value)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| Term::from_field_text(field, w))
        .collect();
    match words.len() {
        // A name with no letters or digits matches nothing rather than everything.
        0 => Box::new(BooleanQuery::new(vec![])),
        1 => Box::new(TermQuery::new(
            words.into_iter().next().expect("one word"),
            IndexRecordOption::Basic,
        )),
        _ => Box::new(PhraseQuery::new(words)),
    }
}

/// Rewrites the two places where Tantivy's query language surprises a user who types what
/// other search engines accept. Nothing changes inside "..." phrases.
///
/// - Apostrophes: Tantivy also quotes phrases with `'`, so "Blair's election" would be an
///   unbalanced quote. An apostrophe inside a word (between letters or digits), or ending a
///   word outside a '...' phrase ("Jones' house"), is part of the word: it is escaped, and
///   the word is searched as it was indexed ("Blair's" as the phrase "blair s"). A `'` that
///   starts a word still opens a phrase, and the one ending it closes it ('arms deal').
/// - `a AND NOT b`: Tantivy reads it as "a, and a clause that only excludes b", which
///   matches nothing; Lucene and Elasticsearch read it as `a -b`, and so does newsdex now.
fn normalise_query_syntax(query: &str) -> String {
    let chars: Vec<char> = query.chars().collect();
    let mut out = String::with_capacity(query.len() + 4);
    let (mut in_double, mut in_single) = (false, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let escaped = i > 0 && chars[i - 1] == '\\';
        match c {
            '"' if !escaped && !in_single => in_double = !in_double,
            '\'' if !escaped && !in_double => {
                let after_word = i > 0 && chars[i - 1].is_alphanumeric();
                let before_word = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                if after_word && (before_word || !in_single) {
                    out.push('\\');
                } else {
                    in_single = !in_single;
                }
            }
            'A' if !in_double
                && !in_single
                && i > 0
                && chars[i - 1].is_whitespace()
                && chars[i..].starts_with(&['A', 'N', 'D', ' ', 'N', 'O', 'T'])
                && chars.get(i + 7).is_some_and(|c| c.is_whitespace()) =>
            {
                out.push_str("AND -");
                i += 7;
                while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Tantivy's parser errors, said the way a user needs them.
fn explain_query_error(e: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match e {
        E::SyntaxError(detail) => {
            format!("syntax error near {detail:?}; check quotes and parentheses")
        }
        E::FieldDoesNotExist(field) => format!(
            "unknown field `{field}:`; fields are headline, byline, caption, body, dateline, person, place, org"
        ),
        E::AllButQueryForbidden => {
            "a query cannot only exclude terms; add a term to look for".into()
        }
        other => other.to_string(),
    }
}

/// Builds snippets: best passage of the body, else of the captions, else the body's lead.
struct SnippetMaker {
    body: Option<TermFinder>,
    caption: Option<TermFinder>,
    headline: Option<TermFinder>,
}

/// A snippet's length: bytes for a passage, characters for a lead.
const SNIPPET_LENGTH: usize = 220;

impl SnippetMaker {
    fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
        with_text: bool,
    ) -> Result<SnippetMaker, SearchError> {
        let make = |field| -> Result<Option<TermFinder>, SearchError> {
            if !with_text {
                return Ok(None);
            }
            Ok(Some(TermFinder::create(searcher, query, field)?))
        };
        Ok(SnippetMaker {
            body: make(fields.body)?,
            caption: make(fields.caption)?,
            headline: make(fields.headline)?,
        })
    }

    /// Byte ranges of the query's terms in the whole headline.
    fn headline(&self, headline: &str) -> Vec<(usize, usize)> {
        self.headline
            .as_ref()
            .map(|finder| finder.hits(headline))
            .unwrap_or_default()
    }

    fn make<'t>(&self, body: &'t str, captions: impl FnOnce() -> Vec<&'t str>) -> Snippet {
        if let Some(snippet) = passage_of(self.body.as_ref(), body.trim()) {
            return snippet;
        }
        // The captions are joined only for the hits whose body has no query term.
        let captions = captions().join(" ");
        passage_of(self.caption.as_ref(), captions.trim()).unwrap_or_else(|| Snippet {
            text: lead(body, SNIPPET_LENGTH),
            highlights: vec![],
        })
    }
}

/// The best passage of `text` for `finder`'s terms as a snippet; `None` without a term.
fn passage_of(finder: Option<&TermFinder>, text: &str) -> Option<Snippet> {
    let passage = finder?.best_passage(text, SNIPPET_LENGTH)?;
    let at = passage.range.start;
    Some(Snippet {
        text: text[passage.range].to_string(),
        highlights: passage
            .highlights
            .iter()
            .map(|r| (r.start - at, r.end - at))
            .collect(),
    })
}

/// The start of a text, cut at a word boundary.
fn lead(text: &str, max_chars: usize) -> String {
    let first_para = text.split("\n\n").next().unwrap_or("");
    if first_para.chars().count() <= max_chars {
        return first_para.to_string();
    }
    let cut: String = first_para.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        Facet, SearchError, SearchRequest, Sort, normalise_query_syntax, place_tree, prefix_matches,
    };

    #[test]
    fn the_place_tree_nests_and_rolls_up() {
        let sep = crate::index::schema::PLACE_PATH_SEPARATOR;
        let buckets: Vec<serde_json::Value> = [
            ("Russia".to_string(), 5),
            (format!("Russia{sep}Primorsky Krai"), 3),
            (format!("Russia{sep}Primorsky Krai{sep}Vladivostok"), 3),
            (format!("Russia{sep}Moscow"), 2),
            ("Ukraine".to_string(), 1),
            (format!("France{sep}Paris"), 4),
        ]
        .into_iter()
        .map(|(key, n)| serde_json::json!({ "key": key, "doc_count": n }))
        .collect();
        let tree = place_tree(&serde_json::json!({ "buckets": buckets }), 10);
        let names: Vec<&str> = tree.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Russia", "France", "Ukraine"]);
        assert_eq!(tree[0].count, 5);
        assert_eq!(tree[0].children[0].name, "Primorsky Krai");
        assert_eq!(tree[0].children[0].children[0].name, "Vladivostok");
        // France's own bucket was cut: it counts at least what Paris does.
        assert_eq!(tree[1].count, 4);
        assert_eq!(
            place_tree(&serde_json::json!({ "buckets": buckets }), 1).len(),
            1
        );
    }

    #[test]
    fn query_parameters_make_a_request() {
        let req = SearchRequest::from_pairs([
            ("q", "artillery"),
            ("person", "Shoigu"),
            ("person", "Kim"),
            ("exclude_place", "Ukraine"),
            ("sort", "-date"),
            ("limit", "25"),
            ("facets", "person,place"),
            ("facets", "org"),
            ("histogram", "month"),
            ("weighted", "true"),
        ])
        .unwrap();
        assert!(req.weighted);
        assert!(!SearchRequest::default().weighted);
        assert_eq!(req.query, "artillery");
        assert_eq!(req.persons, ["Shoigu", "Kim"]);
        assert_eq!(req.exclude_places, ["Ukraine"]);
        assert_eq!(req.sort, Sort::NewestFirst);
        assert_eq!(req.limit, 25);
        assert_eq!(req.facets, [Facet::Person, Facet::Place, Facet::Org]);
        assert!(req.histogram.is_some());
    }

    #[test]
    fn bad_parameters_are_named() {
        for (pairs, name) in [
            (vec![("limit", "1001")], "limit"),
            (vec![("limit", "ten")], "limit"),
            (vec![("sort", "score")], "sort"),
            (vec![("facets", "people")], "facets"),
            (vec![("persn", "Putin")], "persn"),
            (vec![("histogram", "week")], "histogram"),
            (vec![("weighted", "yes")], "weighted"),
        ] {
            match SearchRequest::from_pairs(pairs) {
                Err(SearchError::BadParameter { name: got, .. }) => assert_eq!(got, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        let long = "a ".repeat(1500);
        assert!(SearchRequest::from_pairs([("q", long.as_str())]).is_err());
    }

    #[test]
    fn prefixes_match_the_start_of_any_word() {
        assert!(prefix_matches("sergei shoigu", "sho"));
        assert!(prefix_matches("sergei shoigu", "sergei sh"));
        assert!(!prefix_matches("sergei shoigu", "oig"));
    }

    #[test]
    fn apostrophes_inside_words_are_escaped_quotes_elsewhere_kept() {
        assert_eq!(
            normalise_query_syntax("Blair's election"),
            "Blair\\'s election"
        );
        assert_eq!(normalise_query_syntax("Jones' house"), "Jones\\' house");
        assert_eq!(normalise_query_syntax("'arms deal'"), "'arms deal'");
        assert_eq!(
            normalise_query_syntax("'Kim's train' Russia's"),
            "'Kim\\'s train' Russia\\'s"
        );
        assert_eq!(
            normalise_query_syntax("\"Blair's election\" Kim's"),
            "\"Blair's election\" Kim\\'s"
        );
        assert_eq!(normalise_query_syntax("plain words"), "plain words");
    }

    #[test]
    fn and_not_excludes_like_a_minus() {
        assert_eq!(
            normalise_query_syntax("arms AND NOT Putin"),
            "arms AND -Putin"
        );
        assert_eq!(
            normalise_query_syntax("a AND NOT  (b OR c) AND NOT d"),
            "a AND -(b OR c) AND -d"
        );
        // Inside a phrase, and as parts of other words, it stays.
        assert_eq!(
            normalise_query_syntax("\"x AND NOT y\" BRAND NOTE"),
            "\"x AND NOT y\" BRAND NOTE"
        );
        assert_eq!(normalise_query_syntax("a AND NOTHING"), "a AND NOTHING");
    }
}
