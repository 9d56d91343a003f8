//! Query-term passages: where a query's terms occur in a text field, and its best passage.
//!
//! Owns what Tantivy's `SnippetGenerator` computes for hits and the article view: the same
//! terms and weights (`1 / (1 + doc_freq)`), the same passages, ties and highlights (a test
//! compares the two on every sample article), without analysing every word of every hit:
//! a word is looked up as a term only when its first letter starts one of the query's
//! terms, since lower-casing and the English stemmer keep a word's first letter. Snippets
//! were a third of a served search's CPU (BENCHMARKS.md, issue #19). It must not read
//! stored documents or know how passages are shown.

use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{Score, Searcher};

use crate::index::analysis;

/// Tokens this long or longer are not indexed (`en_stem`'s `RemoveLongFilter`), so they are
/// neither terms nor words of a passage.
const LONG_TOKEN_BYTES: usize = 40;

/// One field's query terms and their weights.
pub(super) struct TermFinder {
    terms: BTreeMap<String, Score>,
    /// The lower-case first letters of `terms`.
    initials: Vec<char>,
}

/// A passage of a text: its byte range and the byte ranges of query terms in it, both
/// relative to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Passage {
    pub range: Range<usize>,
    pub highlights: Vec<Range<usize>>,
}

impl TermFinder {
    /// The terms of `query` in `field` that occur in the index, weighted as Tantivy's
    /// snippets weigh them (rarer terms count more).
    pub fn create(searcher: &Searcher, query: &dyn Query, field: Field) -> tantivy::Result<Self> {
        let mut in_field = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                in_field.push(term.clone());
            }
        });
        let mut terms = BTreeMap::new();
        for term in in_field {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(&term)?;
            if doc_freq > 0 {
                terms.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        Ok(Self::from_terms(terms))
    }

    fn from_terms(terms: BTreeMap<String, Score>) -> Self {
        let mut initials: Vec<char> = terms.keys().filter_map(|t| t.chars().next()).collect();
        initials.dedup();
        TermFinder { terms, initials }
    }

    /// Every word of `text` with its weight when it is one of the terms.
    fn words<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (Range<usize>, Option<Score>)> + 't {
        let mut term = String::new();
        words(text).map(move |range| {
            let word = &text[range.clone()];
            let weight = self.could_be_a_term(word).then(|| {
                analysis::search_term_of(word, &mut term);
                self.terms.get(term.as_str()).copied()
            });
            (range, weight.flatten())
        })
    }

    fn could_be_a_term(&self, word: &str) -> bool {
        let first = match word.as_bytes().first() {
            Some(byte) if byte.is_ascii() => Some(byte.to_ascii_lowercase() as char),
            _ => word.chars().next().and_then(|c| c.to_lowercase().next()),
        };
        first.is_some_and(|c| self.initials.contains(&c))
    }

    /// Byte ranges of every occurrence of a term in `text`.
    pub fn hits(&self, text: &str) -> Vec<(usize, usize)> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        self.words(text)
            .filter(|(_, weight)| weight.is_some())
            .map(|(range, _)| (range.start, range.end))
            .collect()
    }

    /// The passage of at most `max_bytes` bytes (cut at words) whose terms weigh most, the
    /// earliest of equals; `None` when no term occurs. Tantivy's fragments: a passage starts
    /// at a word and takes words while they end within `max_bytes` of its start.
    pub fn best_passage(&self, text: &str, max_bytes: usize) -> Option<Passage> {
        if self.terms.is_empty() {
            return None;
        }
        let mut best: Option<(Score, Passage)> = None;
        let mut current = Passage {
            range: 0..0,
            highlights: Vec::new(),
        };
        let mut score: Score = 0.0;
        let mut keep = |score: Score, passage: Passage| {
            if score > 0.0 && best.as_ref().is_none_or(|(top, _)| score > *top) {
                best = Some((score, passage));
            }
        };
        for (range, weight) in self.words(text) {
            if range.end - current.range.start > max_bytes {
                let next = Passage {
                    range: range.start..range.start,
                    highlights: Vec::new(),
                };
                keep(score, std::mem::replace(&mut current, next));
                score = 0.0;
            }
            current.range.end = range.end;
            if let Some(weight) = weight {
                score += weight;
                current.highlights.push(range);
            }
        }
        keep(score, current);
        best.map(|(_, passage)| passage)
    }
}

/// The byte ranges of `text`'s words as the `en_stem` analyzer cuts them (runs of
/// alphanumeric characters), without those too long to be indexed. ASCII is tested by
/// byte in tight loops, the rest by character.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // The length of the non-ASCII character at `at` when it is alphanumeric, else `Err`
    // with its length.
    let wide_at = move |at: usize| -> Result<usize, usize> {
        let c = text[at..].chars().next().unwrap_or(' ');
        if c.is_alphanumeric() {
            Ok(c.len_utf8())
        } else {
            Err(c.len_utf8())
        }
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // Skip to the next alphanumeric character.
            loop {
                while at < bytes.len() && bytes[at].is_ascii() && !bytes[at].is_ascii_alphanumeric()
                {
                    at += 1;
                }
                if at >= bytes.len() {
                    return None;
                }
                if bytes[at].is_ascii() {
                    break;
                }
                match wide_at(at) {
                    Ok(_) => break,
                    Err(len) => at += len,
                }
            }
            let start = at;
            loop {
                while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                    at += 1;
                }
                if at >= bytes.len() || bytes[at].is_ascii() {
                    break;
                }
                match wide_at(at) {
                    Ok(len) => at += len,
                    Err(_) => break,
                }
            }
            if at - start < LONG_TOKEN_BYTES {
                return Some(start..at);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::snippet::SnippetGenerator;

    fn finder(terms: &[(&str, Score)]) -> TermFinder {
        TermFinder::from_terms(terms.iter().map(|(t, s)| (t.to_string(), *s)).collect())
    }

    fn tantivys(terms: &[(&str, Score)], text: &str, max: usize) -> Option<Passage> {
        let map = terms.iter().map(|(t, s)| (t.to_string(), *s)).collect();
        let generator = SnippetGenerator::new(
            map,
            analysis::en_stem_for_search(),
            Field::from_field_id(0),
            max,
        );
        let s = generator.snippet(text);
        if s.highlighted().is_empty() {
            return None;
        }
        let at = s.fragment_range().start;
        Some(Passage {
            range: s.fragment_range(),
            highlights: s
                .highlighted()
                .iter()
                .map(|r| r.start + at..r.end + at)
                .collect(),
        })
    }

    const TEXTS: &[&str] = &[
        "Shoigu inspected the artillery. ARTILLERY units, artillerymen and Shoigu's staff \
         watched; the artilleries of 2023 were larger. Dying soldiers, lying officials.",
        "  leading spaces and ünïcödé İstanbul Straße artillery ΣΊΣΥΦΟΣ skies sky dying die \
         aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa artillery",
        "",
        "no term here at all, just words",
        "artillery",
    ];

    #[test]
    fn passages_and_hits_equal_tantivys_snippets() {
        let term_sets: &[&[(&str, Score)]] = &[
            &[("artilleri", 0.5), ("shoigu", 0.25)],
            &[
                ("sky", 0.1),
                ("die", 0.2),
                ("istanbul", 0.3),
                ("σίσυφοσ", 0.3),
            ],
            &[("lie", 0.5), ("straß", 0.5)],
            &[("artilleri", 0.5)],
            &[],
        ];
        for terms in term_sets {
            let finder = finder(terms);
            for text in TEXTS {
                for max in [1, 10, 40, 220, 100_000] {
                    assert_eq!(
                        finder.best_passage(text, max),
                        tantivys(terms, text, max),
                        "{terms:?} in {text:?} at {max}"
                    );
                }
                let all: Vec<_> = tantivys(terms, text, text.len() + 1)
                    .map(|p| p.highlights.iter().map(|r| (r.start, r.end)).collect())
                    .unwrap_or_default();
                assert_eq!(finder.hits(text), all, "{terms:?} in {text:?}");
            }
        }
    }

    /// Every sample text article, with term sets made of its own words (each third word's
    /// term alone, and pairs of a word's term with a later word's, weighted unevenly).
    #[test]
    fn passages_equal_tantivys_on_the_sample_articles() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-corpus");
        let mut texts = Vec::new();
        for dir in ["bbc", "seed"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("sample corpus") {
                let path = entry.expect("entry").path();
                let bytes = std::fs::read(path).expect("sample article");
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        assert!(texts.len() > 20, "{} sample articles", texts.len());
        let mut compared = 0;
        for text in &texts {
            let mut term = String::new();
            let terms: Vec<String> = words(text)
                .step_by(3)
                .take(60)
                .map(|r| {
                    analysis::search_term_of(&text[r], &mut term);
                    term.clone()
                })
                .collect();
            for (i, first) in terms.iter().enumerate() {
                let second = &terms[(i * 7 + 5) % terms.len()];
                let sets = [
                    vec![(first.as_str(), 0.5)],
                    vec![(first.as_str(), 0.2), (second.as_str(), 0.7)],
                ];
                for set in &sets {
                    let mine = finder(set);
                    for max in [150, 220] {
                        assert_eq!(
                            mine.best_passage(text, max),
                            tantivys(set, text, max),
                            "{set:?}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 1_000, "{compared} comparisons");
    }

    #[test]
    fn finds_the_heaviest_passage_and_the_earliest_of_equals() {
        let finder = finder(&[("shoigu", 1.0), ("artilleri", 0.5)]);
        let text = "artillery one. Shoigu two. Shoigu three.";
        let best = finder.best_passage(text, 14).expect("a term occurs");
        assert_eq!(&text[best.range.clone()], "Shoigu two");
        assert_eq!(best.highlights, vec![15..21]);
        assert_eq!(finder.hits(text), vec![(0, 9), (15, 21), (27, 33)]);
    }
}
