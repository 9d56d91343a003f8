//! The index schema, built in one place.
//!
//! Owns field names, their options (stored / indexed / fast, tokenizer) and the schema
//! version. Tokenizer names are ones Quickwit and Elasticsearch users can map (`en_stem`,
//! `default`, `raw`), entity names are fast text fields, and nothing is a Tantivy-only facet,
//! so the schema ports to a bigger engine. It must not open indexes or parse queries.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};

/// Bump when the schema or what is stored in it changes; old indexes must be rebuilt.
pub const SCHEMA_VERSION: u32 = 10;

/// Separates the levels of a `place_path` value (country, region, place).
pub const PLACE_PATH_SEPARATOR: char = '\u{1f}';

/// Separates an entity's name from its salience in a `{kind}_salience` value.
pub const SALIENCE_SEPARATOR: char = '\u{1f}';

/// Name of the fast field that orders tied hits (`Fields::id_hash`).
pub const ID_HASH: &str = "id_hash";

/// Every field of the schema, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article id (source id or derived): exact, stored.
    pub id: Field,
    /// xxh3 of the article id, fast: searches list hits that tie on score (or date) in
    /// this order, so it does not depend on how indexing threads shared documents out.
    pub id_hash: Field,
    /// Source file: exact, stored, fast (incremental indexing reads it per segment).
    pub path: Field,
    pub headline: Field,
    pub byline: Field,
    pub caption: Field,
    pub body: Field,
    pub dateline: Field,
    pub url: Field,
    /// The publication time on the source's own clock, stored as if UTC
    /// (the instant plus `date_offset`), so day filters use the day the source printed.
    pub date: Field,
    /// The source's offset from UTC in seconds, stored, to show the date as it was written.
    pub date_offset: Field,
    /// Entity names folded to lowercase ASCII, word-tokenised: filters match by name parts.
    pub person: Field,
    pub place: Field,
    pub org: Field,
    /// Entity display names, one value per entity, fast for counting (not stored: `show`
    /// reads names and counts from `entity_counts`).
    pub person_name: Field,
    pub place_name: Field,
    pub org_name: Field,
    /// Each entity's display name and salience in this article, `Name\u{1f}73`
    /// (`SALIENCE_SEPARATOR`), fast only: `--weighted` counts sum the salience per name
    /// (`search::weighted`).
    pub person_salience: Field,
    pub place_salience: Field,
    pub org_salience: Field,
    /// Country and first-level region of each resolved place, each one folded name kept
    /// whole (`raw`): `--place Russia` matches articles about Vladivostok through these
    /// with one term lookup, not a phrase.
    pub place_country: Field,
    pub place_region: Field,
    /// The dateline's place, region and country (and the parts of a dateline the gazetteer
    /// does not know), folded and kept whole, for `--dateline`.
    pub dateline_place: Field,
    /// The names of the entities central to the article (salience >= `CENTRAL`, any type;
    /// a central place's country too), folded words, for `--about`.
    pub about: Field,
    /// The tagger tier that found the article's entities (`fast`, `accurate`; absent when
    /// not tagged): exact, stored, so `stats` counts each and a re-index can say what
    /// another tier left.
    pub tagger: Field,
    /// Byline authors folded like entity names, for `--byline`.
    pub byline_key: Field,
    /// Byline authors as written, fast, for the byline facet.
    pub byline_name: Field,
    /// The dateline's place as the gazetteer names it (or the dateline as written), fast,
    /// for the dateline facet.
    pub dateline_name: Field,
    /// Each resolved place's path in the place tree, fast: `Russia`, `Russia\u{1f}Primorsky
    /// Krai`, `Russia\u{1f}Primorsky Krai\u{1f}Vladivostok` (`PLACE_PATH_SEPARATOR`), so one
    /// terms count gives every node's article count, rolled up.
    pub place_path: Field,
    /// JSON with each entity's mention count, for `show`.
    pub entity_counts: Field,
    /// "person\x1fName" for names the article's own words type ("the band Franz
    /// Ferdinand"), indexed whole: the archive-wide type vote counts them
    /// (`canonical::retyped`).
    pub cued_name: Field,
    /// Size and mtime of the source file, mixed: the cheap "did it change?" check.
    pub file_fingerprint: Field,
    /// xxh3 of the source file's bytes: the exact check when the cheap one says "changed".
    pub file_hash: Field,
}

fn english_text() -> TextOptions {
    TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(super::analysis::EN_STEM)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored()
}

fn folded_words() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn folded_exact() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic),
    )
}

fn fast_name() -> TextOptions {
    TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_fast("raw")
}

/// Indexed whole, not stored, not fast: only its terms' document frequencies are read.
fn raw_indexed() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic),
    )
}

fn fast_only() -> TextOptions {
    TextOptions::default().set_fast("raw")
}

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        id_hash: b.add_u64_field(ID_HASH, FAST),
        path: b.add_text_field("path", STRING | STORED | FAST),
        headline: b.add_text_field("headline", english_text()),
        byline: b.add_text_field("byline", english_text()),
        caption: b.add_text_field("caption", english_text()),
        body: b.add_text_field("body", english_text()),
        dateline: b.add_text_field("dateline", english_text()),
        url: b.add_text_field("url", STORED),
        date: b.add_date_field(
            "date",
            DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
        ),
        date_offset: b.add_i64_field("date_offset", STORED),
        person: b.add_text_field("person", folded_words()),
        place: b.add_text_field("place", folded_words()),
        org: b.add_text_field("org", folded_words()),
        person_name: b.add_text_field("person_name", fast_name()),
        place_name: b.add_text_field("place_name", fast_name()),
        org_name: b.add_text_field("org_name", fast_name()),
        person_salience: b.add_text_field("person_salience", fast_only()),
        place_salience: b.add_text_field("place_salience", fast_only()),
        org_salience: b.add_text_field("org_salience", fast_only()),
        place_country: b.add_text_field("place_country", folded_exact()),
        place_region: b.add_text_field("place_region", folded_exact()),
        dateline_place: b.add_text_field("dateline_place", folded_exact()),
        about: b.add_text_field("about", folded_words()),
        tagger: b.add_text_field("tagger", STRING | STORED),
        byline_key: b.add_text_field("byline_key", folded_words()),
        byline_name: b.add_text_field("byline_name", fast_name()),
        dateline_name: b.add_text_field("dateline_name", fast_name()),
        place_path: b.add_text_field("place_path", fast_name()),
        entity_counts: b.add_text_field("entity_counts", STORED),
        cued_name: b.add_text_field("cued_name", raw_indexed()),
        file_fingerprint: b.add_u64_field("file_fingerprint", FAST),
        file_hash: b.add_u64_field("file_hash", FAST),
    };
    (b.build(), fields)
}
