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

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, TantivyDocument};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Searcher, Term};
use top::{RankBy, TopHits};

use crate::article::EntityKind;
use crate::entities::fold_key;
use crate::index::canonical::Aliases;
use crate::index::{Fields, NewsIndex, entity_fields, from_document};
use crate::ingest::date::parse_to_unix;

mod top;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },
    #[error("invalid date {0:?} for --since/--until: use YYYY-MM-DD")]
    BadDate(String),
    #[error(
        "search failed: {0} (if the index is damaged, rebuild it with `newsdex index --rebuild PATH`)"
    )]
    Tantivy(#[from] tantivy::TantivyError),
}

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Query text in newsdex's query language; empty lists every article matching the filters.
    pub query: String,
    pub persons: Vec<String>,
    pub places: Vec<String>,
    /// Filed from this place (or a place inside it), by the article's dateline.
    pub datelines: Vec<String>,
    /// About this entity (any type): it is central to the article (`entities::salience`).
    pub about: Vec<String>,
    pub orgs: Vec<String>,
    pub bylines: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// A matching part of an article, with byte ranges to highlight.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub path: String,
    /// BM25 score; `None` when results are ordered by date (no query text).
    pub score: Option<f32>,
    pub headline: String,
    pub byline: Vec<String>,
    pub date: Option<String>,
    pub dateline: Option<String>,
    pub snippet: Snippet,
    pub persons: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Entity counts per kind, most frequent first.
pub type Facets = Vec<(EntityKind, Vec<EntityCount>)>;

/// One entity and the number of matching articles that mention it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityCount {
    pub name: String,
    pub articles: u64,
}

fn has_text(query: &str) -> bool {
    !query.trim().is_empty()
}

/// A searcher bound to an open index.
pub struct Search<'a> {
    index: &'a NewsIndex,
    searcher: Searcher,
    /// The archive's person and organisation aliases (see `index::canonical`).
    aliases: Aliases,
}

impl<'a> Search<'a> {
    pub fn new(index: &'a NewsIndex) -> Result<Search<'a>, SearchError> {
        let reader = index.index.reader()?;
        Ok(Search {
            index,
            searcher: reader.searcher(),
            aliases: Aliases::load(&index.dir),
        })
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
        let canonical = self.aliases.canonical(kind, value);
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

    /// Run a search: ranked by score with query text, newest first without.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        Ok(self.search_with_facets(req, &[], 0)?.0)
    }

    /// Search and, for each of `facet_kinds`, count the `facet_limit` most frequent
    /// entities over all matching articles: one pass over the matches collects the count,
    /// the top documents and the aggregations together.
    pub fn search_with_facets(
        &self,
        req: &SearchRequest,
        facet_kinds: &[EntityKind],
        facet_limit: usize,
    ) -> Result<(SearchResults, Facets), SearchError> {
        let query = self.build_query(req)?;
        let limit = req.limit.max(1);
        let aggregations = if facet_kinds.is_empty() {
            None
        } else {
            Some(facet_collector(facet_kinds, facet_limit, &self.aliases)?)
        };
        // Ranked by score with query text, newest first without; ties in id-hash order
        // either way, so a page lists the same articles however the index was built.
        let by = if has_text(&req.query) {
            RankBy::Score
        } else {
            RankBy::Date
        };
        let collector = TopHits::new(req.offset.saturating_add(limit), by);
        let (total, top, aggregated) = self
            .searcher
            .search(&query, &(Count, collector, aggregations))?;
        let addresses: Vec<(Option<f32>, DocAddress)> = top
            .into_iter()
            .skip(req.offset)
            .map(|(rank, _, address)| ((by == RankBy::Score).then_some(rank as f32), address))
            .collect();
        let facets = match aggregated {
            Some(result) => facet_counts(facet_kinds, result, facet_limit, &self.aliases)?,
            None => Vec::new(),
        };
        let snippets =
            SnippetMaker::new(&self.searcher, &*query, self.fields(), has_text(&req.query))?;
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = self.searcher.doc(address)?;
            let mut article = from_document(self.fields(), &doc);
            self.aliases.apply(&mut article);
            let snippet = snippets.make(&doc, &article.body);
            let names =
                |e: &Vec<crate::article::Entity>| e.iter().map(|e| e.name.clone()).collect();
            hits.push(Hit {
                id: article.id.clone(),
                path: article.path.clone(),
                score,
                headline: article.headline.clone(),
                byline: article.byline.clone(),
                date: article.date.clone(),
                dateline: article.dateline.clone(),
                snippet,
                persons: names(&article.persons),
                places: names(&article.places),
                orgs: names(&article.orgs),
            });
        }
        Ok((SearchResults { total, hits }, facets))
    }

    /// Count entities of one kind over the articles matching `req`, most frequent first.
    pub fn entity_counts(
        &self,
        req: &SearchRequest,
        kind: EntityKind,
        limit: usize,
    ) -> Result<Vec<EntityCount>, SearchError> {
        let query = self.build_query(req)?;
        let counts = self.entity_counts_for(&*query, &[kind], limit)?;
        Ok(counts
            .into_iter()
            .next()
            .map(|(_, c)| c)
            .unwrap_or_default())
    }

    /// Counts for several kinds in one pass over the matching documents.
    pub fn entity_counts_for(
        &self,
        query: &dyn Query,
        kinds: &[EntityKind],
        limit: usize,
    ) -> Result<Facets, SearchError> {
        let result = self
            .searcher
            .search(query, &facet_collector(kinds, limit, &self.aliases)?)?;
        facet_counts(kinds, result, limit, &self.aliases)
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

/// A terms aggregation per entity kind over its fast display-name field. Where aliases
/// will merge buckets, more buckets than `limit` are asked for, so a name whose aliases
/// lift it into the top `limit` is not cut before the merge.
fn facet_collector(
    kinds: &[EntityKind],
    limit: usize,
    aliases: &Aliases,
) -> Result<tantivy::aggregation::AggregationCollector, SearchError> {
    let mut request = serde_json::Map::new();
    // Names another type holds archive-wide are counted from that type's buckets.
    let mut needed: Vec<EntityKind> = kinds.to_vec();
    for kind in kinds {
        needed.extend(aliases.sources_of(*kind));
    }
    needed.sort_by_key(|k| k.field_name());
    needed.dedup();
    for kind in &needed {
        let size = if aliases.is_empty() || *kind == EntityKind::Place {
            limit.max(1)
        } else {
            limit.max(1) * 3 + 20
        };
        request.insert(
            kind.field_name().to_string(),
            serde_json::json!({ "terms": { "field": format!("{}_name", kind.field_name()), "size": size } }),
        );
    }
    let aggs: tantivy::aggregation::agg_req::Aggregations =
        serde_json::from_value(serde_json::Value::Object(request)).map_err(invalid)?;
    Ok(tantivy::aggregation::AggregationCollector::from_aggs(
        aggs,
        Default::default(),
    ))
}

/// A terms bucket's name and document count.
fn bucket(b: &serde_json::Value) -> Option<(&str, u64)> {
    Some((b["key"].as_str()?, b["doc_count"].as_u64()?))
}

/// Entity counts out of an aggregation result, most frequent first, with aliases merged
/// into their canonical name. An article is counted once per stored name, and
/// `entities::normalize` already gives one article one name per person, so the sums are
/// article counts.
fn facet_counts(
    kinds: &[EntityKind],
    result: tantivy::aggregation::agg_result::AggregationResults,
    limit: usize,
    aliases: &Aliases,
) -> Result<Facets, SearchError> {
    let value = serde_json::to_value(result).map_err(invalid)?;
    Ok(kinds
        .iter()
        .map(|kind| {
            let buckets = value[kind.field_name()]["buckets"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            // This kind's names, without those another type holds archive-wide, and the
            // names other kinds stored that are this type's.
            let mut named: Vec<(&str, u64)> = Vec::with_capacity(buckets.len());
            for (name, articles) in buckets.iter().filter_map(bucket) {
                if aliases.retype(*kind, name).is_none() {
                    named.push((name, articles));
                }
            }
            for source in aliases.sources_of(*kind) {
                for (name, articles) in value[source.field_name()]["buckets"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(bucket)
                {
                    if let Some((to, to_name)) = aliases.retype(source, name)
                        && to == *kind
                    {
                        named.push((to_name, articles));
                    }
                }
            }
            let mut counts: Vec<EntityCount> = Vec::with_capacity(named.len());
            for (name, articles) in named {
                let name = aliases.canonical(*kind, name);
                match counts.iter_mut().find(|c| c.name == name) {
                    Some(c) => c.articles += articles,
                    None => counts.push(EntityCount {
                        name: name.to_string(),
                        articles,
                    }),
                }
            }
            counts.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
            counts.truncate(limit.max(1));
            (*kind, counts)
        })
        .collect())
}

/// A place filter: the place itself, or any place inside it. A country or region the
/// gazetteer knows is matched by exact terms on the country and region recorded for every
/// resolved place (a country's own mentions record it as their country, a region's as
/// their region), so "USA" -> "United States" matches articles about Chicago too. Any
/// other value matches place names containing its words in order ("York" finds "New York
/// City").
fn place_filter(f: &Fields, value: &str) -> Box<dyn Query> {
    let Some(known) = crate::entities::places::Gazetteer::embedded().country_or_region(value)
    else {
        return name_filter(f.place, value);
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

/// Builds snippets: best passage of the body, else of a caption or the headline.
struct SnippetMaker {
    body: Option<SnippetGenerator>,
    caption: Option<SnippetGenerator>,
}

const SNIPPET_CHARS: usize = 220;

impl SnippetMaker {
    fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
        with_text: bool,
    ) -> Result<SnippetMaker, SearchError> {
        let make = |field| -> Result<Option<SnippetGenerator>, SearchError> {
            if !with_text {
                return Ok(None);
            }
            let mut g = SnippetGenerator::create(searcher, query, field)?;
            g.set_max_num_chars(SNIPPET_CHARS);
            Ok(Some(g))
        };
        Ok(SnippetMaker {
            body: make(fields.body)?,
            caption: make(fields.caption)?,
        })
    }

    fn make(&self, doc: &TantivyDocument, body: &str) -> Snippet {
        for generator in [&self.body, &self.caption].into_iter().flatten() {
            let s = generator.snippet_from_doc(doc);
            if !s.highlighted().is_empty() {
                return Snippet {
                    text: s.fragment().to_string(),
                    highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                };
            }
        }
        Snippet {
            text: lead(body, SNIPPET_CHARS),
            highlights: vec![],
        }
    }
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
    use super::normalise_query_syntax;

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
