//! Where an article's stored text matches: byte ranges of the query's hits and of its entity
//! mentions, per field, for the article view (`/api/v1/articles/{id}?q=`).
//!
//! Owns locating names and query terms in headline, captions and body. It reads stored text
//! only and must not change the article or know how a client draws the marks.

use super::passages::TermFinder;
use serde::{Deserialize, Serialize};

use crate::article::{Article, EntityKind};

/// One stored article with, when asked for, where the query and its entities occur.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    #[serde(flatten)]
    pub article: Article,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marks: Option<ArticleMarks>,
}

/// Marks for every text field; `captions[i]` belongs to `article.captions[i]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMarks {
    pub headline: FieldMarks,
    pub captions: Vec<FieldMarks>,
    pub body: FieldMarks,
}

/// Byte ranges `[start, end)` into one field's text, sorted by start and not overlapping
/// within each list (a hit may fall inside a mention).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldMarks {
    pub hits: Vec<(usize, usize)>,
    pub mentions: Vec<Mention>,
}

/// A place in the text where the article's entity `name` is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The entity's name as the article lists it (the text may say only "Shoigu").
    pub name: String,
}

/// The forms an entity is looked for under: its name, and a person's surname on its own
/// ("Mr Shoigu" after "Sergei Shoigu") when it is long enough not to be a common word.
fn surface_forms(article: &Article) -> Vec<(String, EntityKind, String)> {
    let mut forms = Vec::new();
    for kind in EntityKind::ALL {
        for entity in article.entities(kind) {
            forms.push((entity.name.clone(), kind, entity.name.clone()));
            if kind == EntityKind::Person
                && let Some(last) = entity.name.rsplit(' ').next()
                && last != entity.name
                && last.chars().count() >= 4
            {
                forms.push((last.to_string(), kind, entity.name.clone()));
            }
        }
    }
    // Longest first, so "Sergei Shoigu" claims its words before "Shoigu" does.
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    forms.dedup_by(|a, b| a.0 == b.0);
    forms
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Every whole-word, case-sensitive occurrence of the forms in `text`, longest form first,
/// none overlapping another.
fn mentions_in(text: &str, forms: &[(String, EntityKind, String)]) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    for (form, kind, name) in forms {
        if form.is_empty() {
            continue;
        }
        for (start, _) in text.match_indices(form.as_str()) {
            let end = start + form.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                continue;
            }
            if found.iter().any(|m| m.start < end && start < m.end) {
                continue;
            }
            found.push(Mention {
                start,
                end,
                kind: *kind,
                name: name.clone(),
            });
        }
    }
    found.sort_by_key(|m| m.start);
    found
}

/// Byte ranges of the query's terms anywhere in `text` (not only in the best passage).
fn hits_in(finder: Option<&TermFinder>, text: &str) -> Vec<(usize, usize)> {
    finder.map(|f| f.hits(text)).unwrap_or_default()
}

/// Per-field query generators; `None` for a field when there is no query text.
pub(super) struct HitFinders {
    pub headline: Option<TermFinder>,
    pub caption: Option<TermFinder>,
    pub body: Option<TermFinder>,
}

/// Marks for all of `article`'s text fields.
pub(super) fn mark(article: &Article, finders: HitFinders) -> ArticleMarks {
    let forms = surface_forms(article);
    let field = |text: &str, finder: Option<&TermFinder>| FieldMarks {
        hits: hits_in(finder, text),
        mentions: mentions_in(text, &forms),
    };
    ArticleMarks {
        headline: field(&article.headline, finders.headline.as_ref()),
        captions: article
            .captions
            .iter()
            .map(|c| field(c, finders.caption.as_ref()))
            .collect(),
        body: field(&article.body, finders.body.as_ref()),
    }
}

#[cfg(test)]
mod tests {
    use super::{mentions_in, surface_forms};
    use crate::article::{Article, Entity, EntityKind};

    fn entity(name: &str) -> Entity {
        Entity {
            name: name.into(),
            count: 1,
            ..Entity::default()
        }
    }

    #[test]
    fn mentions_are_whole_words_longest_first_and_never_overlap() {
        let article = Article {
            persons: vec![entity("Sergei Shoigu"), entity("Kim Jong Un")],
            places: vec![entity("Russia"), entity("Vladivostok")],
            orgs: vec![entity("Russia Today")],
            ..Article::default()
        };
        let text = "Sergei Shoigu met Kim Jong Un. Shoigu told Russia Today that Russians \
                    in Russia and Vladivostok, not Shoiguville, agree.";
        let found = mentions_in(text, &surface_forms(&article));
        let shown: Vec<(&str, EntityKind, &str)> = found
            .iter()
            .map(|m| (&text[m.start..m.end], m.kind, m.name.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("Sergei Shoigu", EntityKind::Person, "Sergei Shoigu"),
                ("Kim Jong Un", EntityKind::Person, "Kim Jong Un"),
                ("Shoigu", EntityKind::Person, "Sergei Shoigu"),
                ("Russia Today", EntityKind::Org, "Russia Today"),
                ("Russia", EntityKind::Place, "Russia"),
                ("Vladivostok", EntityKind::Place, "Vladivostok"),
            ]
        );
    }

    #[test]
    fn short_surnames_are_not_looked_for_alone() {
        let article = Article {
            persons: vec![entity("Kim Jong Un")],
            ..Article::default()
        };
        // "Un" alone is too short to be a name; the full name still counts.
        let found = mentions_in("Un, then Kim Jong Un", &surface_forms(&article));
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (9, 20));
    }
}
