//! Exports for other engines: whole articles as JSON Lines or OpenSearch `_bulk` NDJSON, and
//! the index definitions that receive them (an OpenSearch mapping, a Sphinx/Manticore
//! real-time index).
//!
//! Owns these wire formats and nothing else: it formats the `Article`s it is handed (from
//! `Search::for_each_article`) and must not search, read the index or write files. Every
//! document is the article as `newsdex show --json` prints it: stored fields, entities under
//! their canonical names with mention counts and salience, places with gazetteer id, region
//! and country, and the countries named by adjectives. `_id` is the article id, which is
//! stable across re-indexing, so re-loading an export replaces instead of duplicating.

use std::io::Write;

use serde_json::{Value, json};

use crate::article::Article;

/// How `newsdex export` writes each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// OpenSearch/Elasticsearch `_bulk` body: an `index` action line, then the document.
    OpenSearch,
}

/// Which index definition `newsdex export --mapping` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingFormat {
    OpenSearch,
    Sphinx,
}

/// Write one article in `format`; `index_name` names the target index of `_bulk` actions.
pub fn write_article(
    out: &mut impl Write,
    article: &Article,
    format: ExportFormat,
    index_name: &str,
) -> std::io::Result<()> {
    if format == ExportFormat::OpenSearch {
        let action = json!({"index": {"_index": index_name, "_id": article.id}});
        serde_json::to_writer(&mut *out, &action)?;
        out.write_all(b"\n")?;
    }
    serde_json::to_writer(&mut *out, article)?;
    out.write_all(b"\n")
}

/// An entity list as OpenSearch properties: names as keywords (exact filters and terms
/// aggregations), counts and salience as numbers.
fn entity_properties(place: bool) -> Value {
    let mut properties = json!({
        "name": {"type": "keyword"},
        "count": {"type": "integer"},
        "salience": {"type": "byte"},
    });
    if place {
        for key in ["id", "country", "region"] {
            properties[key] = json!({"type": "keyword"});
        }
    }
    json!({"properties": properties})
}

/// The OpenSearch index body (settings and mappings) for exported articles: English stemming
/// on the text fields, keywords for ids, paths and entity names, and the date.
pub fn opensearch_mapping() -> Value {
    let text = json!({"type": "text", "analyzer": "english"});
    let text_and_keyword = json!({
        "type": "text",
        "analyzer": "english",
        "fields": {"keyword": {"type": "keyword", "ignore_above": 256}},
    });
    json!({
        "settings": {"index": {"number_of_shards": 1}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "keyword"},
                "path": {"type": "keyword"},
                "url": {"type": "keyword"},
                "headline": text,
                "byline": text_and_keyword,
                "date": {"type": "date", "format": "strict_date_optional_time"},
                "dateline": text_and_keyword,
                "captions": text,
                "body": text,
                "persons": entity_properties(false),
                "places": entity_properties(true),
                "orgs": entity_properties(false),
                "dateline_place": entity_properties(true),
                "countries": entity_properties(false),
                "tagger": {"type": "keyword"},
            }
        }
    })
}

/// A Sphinx 2.2 / Manticore real-time index for exported articles, and beside it the index
/// of entity names that facet counts are read back through: the text fields with English
/// stemming, entity names as full-text fields (for `@persons Shoigu`), as strings, and as
/// 64-bit name ids (multi-value attributes, grouped for facet counts; the name index maps
/// each id back to its kind and name), and the date as a timestamp. A loader picks the
/// document and name ids (`scale/`'s: 63-bit hashes of the article id and of
/// "kind\x1fname") and keeps the article's own `id` as `article_id`.
pub fn sphinx_index(index_name: &str, data_dir: &str) -> String {
    format!(
        "# newsdex export: one real-time index for `newsdex export --format jsonl` articles.\n\
         # Document id: a stable 64-bit hash of the article id, so REPLACE re-loads in place.\n\
         index {index_name}\n\
         {{\n\
         \x20   type = rt\n\
         \x20   path = {data_dir}/{index_name}\n\
         \x20   morphology = stem_en\n\
         \x20   min_word_len = 1\n\
         \x20   rt_mem_limit = 256M\n\
         \x20   rt_field = headline\n\
         \x20   rt_field = byline\n\
         \x20   rt_field = captions\n\
         \x20   rt_field = body\n\
         \x20   rt_field = dateline\n\
         \x20   rt_field = persons\n\
         \x20   rt_field = places\n\
         \x20   rt_field = orgs\n\
         \x20   rt_attr_string = article_id\n\
         \x20   rt_attr_string = path\n\
         \x20   rt_attr_string = url\n\
         \x20   rt_attr_string = headline_text\n\
         \x20   rt_attr_string = person_names\n\
         \x20   rt_attr_string = place_names\n\
         \x20   rt_attr_string = org_names\n\
         \x20   rt_attr_string = byline_names\n\
         \x20   rt_attr_string = dateline_name\n\
         \x20   rt_attr_string = date_text\n\
         \x20   rt_attr_timestamp = published\n\
         \x20   rt_attr_multi_64 = person_ids\n\
         \x20   rt_attr_multi_64 = place_ids\n\
         \x20   rt_attr_multi_64 = org_ids\n\
         \x20   rt_attr_multi_64 = byline_ids\n\
         \x20   rt_attr_json = entities\n\
         }}\n\
         \n\
         # The entity names behind the *_ids attributes (document id = name id).\n\
         index {index_name}_names\n\
         {{\n\
         \x20   type = rt\n\
         \x20   path = {data_dir}/{index_name}_names\n\
         \x20   rt_field = name_text\n\
         \x20   rt_attr_string = kind\n\
         \x20   rt_attr_string = name\n\
         }}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Entity;

    fn article() -> Article {
        Article {
            id: "seoul-1".into(),
            headline: "Seoul warns Moscow".into(),
            body: "Text.".into(),
            date: Some("2023-09-14T01:30:00+09:00".into()),
            persons: vec![Entity::new("Sergei Shoigu", 2)],
            ..Article::default()
        }
    }

    #[test]
    fn bulk_pairs_an_action_with_each_document() {
        let mut out = Vec::new();
        write_article(&mut out, &article(), ExportFormat::OpenSearch, "news").unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["index"]["_id"], "seoul-1");
        assert_eq!(lines[0]["index"]["_index"], "news");
        assert_eq!(lines[1]["persons"][0]["name"], "Sergei Shoigu");
        assert_eq!(lines[1]["persons"][0]["count"], 2);
        let mut jsonl = Vec::new();
        write_article(&mut jsonl, &article(), ExportFormat::Jsonl, "news").unwrap();
        assert_eq!(String::from_utf8(jsonl).unwrap().lines().count(), 1);
    }

    #[test]
    fn the_mapping_covers_every_exported_field() {
        // "dynamic": "strict" rejects documents with unmapped fields, so every field an
        // article can carry must be in the mapping.
        let mapping = opensearch_mapping();
        let properties = mapping["mappings"]["properties"].as_object().unwrap();
        let full = Article {
            dateline_place: Some(Entity::new("Seoul", 1)),
            countries: vec![Entity::new("Russia", 1)],
            tagger: Some(crate::entities::Tier::Fast),
            url: Some("https://example.org/a".into()),
            dateline: Some("SEOUL".into()),
            ..article()
        };
        let doc = serde_json::to_value(&full).unwrap();
        for key in doc.as_object().unwrap().keys() {
            assert!(properties.contains_key(key), "{key} is not mapped");
        }
        assert_eq!(
            mapping["mappings"]["properties"]["body"]["analyzer"],
            "english"
        );
    }

    #[test]
    fn sphinx_index_is_real_time_with_stemming() {
        let config = sphinx_index("news", "/var/lib/sphinxsearch/data");
        assert!(config.contains("index news\n{"));
        assert!(config.contains("type = rt"));
        assert!(config.contains("morphology = stem_en"));
        assert!(config.contains("rt_field = persons"));
        assert!(config.contains("rt_attr_timestamp = published"));
        assert!(config.contains("path = /var/lib/sphinxsearch/data/news"));
        assert!(config.contains("rt_attr_multi_64 = person_ids"));
        assert!(config.contains("index news_names\n{"));
    }
}
