//! Query-term passages: where a query's terms occur in a text field, and its best passage.
//!
//! Owns what Tantivy's `SnippetGenerator` computes for hits and the article view: the same
//! terms and weights (`1 / (1 + doc_freq)`), the same passages, ties and highlights (a test
//! compares the two on every sample article), without analysing every word of every hit:
//! a word is looked up as a term only where a term's first two letters start it (found by
//! SIMD search), since lower-casing and the English stemmer keep them, and passages
//! without a term are jumped over. Snippets were a third of a served search's CPU
//! (BENCHMARKS.md, issue #19). It must not read stored documents or know how passages are
//! shown.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::packed;

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
    /// Every term's first two bytes (the first alone when the second is not ASCII), in
    /// either case: where a word whose term could be one of `terms` starts (see
    /// `term_words`); `None` when a term starts with a character that is not ASCII. Built
    /// when first needed: most searches never look at their hits' captions.
    prefixes: OnceLock<Option<Arc<packed::Searcher>>>,
}

/// Prefix searchers built lately on this thread, most recent first: building one took
/// longer than its search (BENCHMARKS.md, issue #19), and a user who pages through
/// results or adds a filter searches the same words again.
const RECENT_PREFIX_SEARCHERS: usize = 32;

type PrefixSearchers = Vec<(Vec<Vec<u8>>, Arc<packed::Searcher>)>;

thread_local! {
    static RECENT: RefCell<PrefixSearchers> = const { RefCell::new(Vec::new()) };
}

/// The searcher for `patterns` (sorted, deduplicated), from this thread's recent ones or
/// built; `None` if it cannot be built.
fn prefix_searcher(patterns: Vec<Vec<u8>>) -> Option<Arc<packed::Searcher>> {
    RECENT.with_borrow_mut(|recent| {
        if let Some(at) = recent.iter().position(|(p, _)| *p == patterns) {
            let found = recent.remove(at);
            let searcher = Arc::clone(&found.1);
            recent.insert(0, found);
            return Some(searcher);
        }
        // A few patterns of one or two bytes: Teddy's SIMD search (an Aho-Corasick
        // automaton took longer to build than the search it saved).
        let searcher = Arc::new(
            packed::Config::new()
                .match_kind(packed::MatchKind::LeftmostFirst)
                .builder()
                .extend(&patterns)
                .build()?,
        );
        recent.truncate(RECENT_PREFIX_SEARCHERS - 1);
        recent.insert(0, (patterns, Arc::clone(&searcher)));
        Some(searcher)
    })
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
        TermFinder {
            terms,
            initials,
            prefixes: OnceLock::new(),
        }
    }

    fn prefixes(&self) -> Option<&packed::Searcher> {
        let build = || {
            if !self.initials.iter().all(char::is_ascii_alphanumeric) {
                return None;
            }
            let terms = self.terms.keys();
            let prefixes = terms.clone().map(|t| term_prefix(t).to_string());
            let mut cased: Vec<Vec<u8>> = prefixes
                .chain(terms.filter_map(|t| ying_prefix(t)))
                .flat_map(|p| case_variants(&p))
                .collect();
            cased.sort();
            cased.dedup();
            prefix_searcher(cased)
        };
        self.prefixes.get_or_init(build).as_deref()
    }

    /// Every word of `text` that is one of the terms, with the term's weight, in order.
    /// Only words that start with a term's prefix are stemmed and looked up, and they are
    /// found by searching for the prefixes, not by cutting the whole text into words: the
    /// English stemmer keeps a word's first two letters (but see `ying_prefix`), and
    /// lower-casing keeps a letter ASCII or not, but for the two in `LOWER_CASE_TO_ASCII`.
    /// Texts with those are cut word by word.
    fn term_words(&self, text: &str) -> Vec<(Range<usize>, Score)> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut term = String::new();
        let weigh = |range: Range<usize>| {
            analysis::search_term_of(&text[range.clone()], &mut term);
            self.terms.get(term.as_str()).map(|weight| (range, *weight))
        };
        match self.prefixes() {
            Some(prefixes) if !has_letter_lower_casing_to_ascii(text) => prefixes
                .find_iter(text)
                // A prefix is ASCII letters and digits, so a match hidden by an earlier
                // one would not start a word.
                .map(|found| found.start())
                .filter(|&at| !alphanumeric_before(text, at))
                .filter_map(|at| {
                    let end = run_end(text, at);
                    (end - at < LONG_TOKEN_BYTES).then_some(at..end)
                })
                .filter_map(weigh)
                .collect(),
            _ => words(text)
                .filter(|range| self.could_be_a_term(&text[range.clone()]))
                .filter_map(weigh)
                .collect(),
        }
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
        self.term_words(text)
            .into_iter()
            .map(|(range, _)| (range.start, range.end))
            .collect()
    }

    /// The passage of at most `max_bytes` bytes (cut at words) whose terms weigh most, the
    /// earliest of equals; `None` when no term occurs. Tantivy's fragments: a passage starts
    /// at a word and takes words while they end within `max_bytes` of its start. They cut
    /// the text greedily, so the next passage's start is found from this one's by looking
    /// only around `max_bytes` further; passages without a term are skipped that way.
    pub fn best_passage(&self, text: &str, max_bytes: usize) -> Option<Passage> {
        if self.terms.is_empty() {
            return None;
        }
        let found = self.term_words(text);
        // The first passage starts at 0 and ends before the first word (that one included)
        // ending beyond `max_bytes`; a later one, opened by a word, before the first word
        // after that one ending beyond `max_bytes` from its start.
        let mut start = 0;
        let mut next = first_word(text, 0, max_bytes);
        let mut best: Option<(Score, usize, Option<usize>, Range<usize>)> = None;
        let mut i = 0;
        while i < found.len() {
            while let Some(at) = next.filter(|&at| found[i].0.start >= at) {
                start = at;
                next = first_word(text, at + 1, at.saturating_add(max_bytes));
            }
            let first = i;
            let mut score: Score = 0.0;
            while i < found.len() && next.is_none_or(|at| found[i].0.start < at) {
                score += found[i].1;
                i += 1;
            }
            if score > 0.0 && best.as_ref().is_none_or(|(top, ..)| score > *top) {
                best = Some((score, start, next, first..i));
            }
        }
        let (_, start, next, in_passage) = best?;
        let limit = next.unwrap_or(text.len());
        let end = words(&text[start..limit])
            .last()
            .map_or(start, |w| start + w.end);
        Some(Passage {
            range: start..end,
            highlights: found[in_passage].iter().map(|(r, _)| r.clone()).collect(),
        })
    }
}

/// The two non-ASCII letters whose lower case starts with an ASCII letter: capital I with a
/// dot ("İstanbul" lower-cases to "i̇stanbul") and the Kelvin sign.
const LOWER_CASE_TO_ASCII: [char; 2] = ['\u{130}', '\u{212A}'];

/// The one kind of word whose English stem does not start with its own first two letters:
/// a consonant and "ying" ("dying", "vying") stems to the consonant and "ie". The
/// stemmer's other rules change only letters after the second.
fn ying_prefix(term: &str) -> Option<String> {
    let bytes = term.as_bytes();
    (bytes.len() == 3 && bytes[0].is_ascii_alphabetic() && &bytes[1..] == b"ie")
        .then(|| format!("{}y", bytes[0] as char))
}

/// What a word must start with (in either case) to have `term` as its term.
fn term_prefix(term: &str) -> &str {
    let first = term.chars().next().map_or(0, char::len_utf8);
    let second_is_ascii = term.as_bytes().get(1).is_some_and(u8::is_ascii);
    &term[..if first == 1 && second_is_ascii {
        2
    } else {
        first
    }]
}

/// `prefix` (ASCII, one or two bytes, lower case) in every mix of cases.
fn case_variants(prefix: &str) -> Vec<Vec<u8>> {
    let mut variants = vec![Vec::new()];
    for byte in prefix.bytes() {
        let cases = [byte, byte.to_ascii_uppercase()];
        let cases = if cases[0] == cases[1] {
            &cases[..1]
        } else {
            &cases[..]
        };
        variants = variants
            .iter()
            .flat_map(|v| cases.iter().map(move |c| [&v[..], &[*c]].concat()))
            .collect();
    }
    variants
}

fn has_letter_lower_casing_to_ascii(text: &str) -> bool {
    LOWER_CASE_TO_ASCII.iter().any(|c| {
        memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut [0; 4]).as_bytes()).is_some()
    })
}

/// Whether the character before byte `at` of `text` is alphanumeric.
fn alphanumeric_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(byte) if byte.is_ascii() => byte.is_ascii_alphanumeric(),
        Some(_) => text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// The end of the run of alphanumeric characters that starts at byte `at`.
fn run_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        if bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        match text[at..].chars().next() {
            Some(c) if !c.is_ascii() && c.is_alphanumeric() => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

/// The start of the first word (as `words` cuts them) that starts at or after byte `from`
/// and ends after byte `after`; `from <= after + 1`.
fn first_word(text: &str, from: usize, after: usize) -> Option<usize> {
    if after >= text.len() {
        return None;
    }
    let mut at = after;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    // The run that holds byte `after`, if any, starts where the characters before it stop
    // being alphanumeric.
    let end = run_end(text, at);
    if end > at {
        let mut run_start = at;
        while alphanumeric_before(text, run_start) {
            run_start -= text[..run_start]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
        }
        if run_start >= from && end - run_start < LONG_TOKEN_BYTES {
            return Some(run_start);
        }
        at = end;
    }
    words(&text[at..]).next().map(|w| at + w.start)
}

/// The byte ranges of `text`'s words as the `en_stem` analyzer cuts them (runs of
/// alphanumeric characters), without those too long to be indexed. ASCII is tested by
/// byte in tight loops, the rest by character.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // The length of the non-ASCII character at `at` when it is not alphanumeric.
    let skip_wide = move |at: usize| -> Option<usize> {
        let c = text[at..].chars().next().unwrap_or(' ');
        (!c.is_alphanumeric()).then_some(c.len_utf8())
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
                match skip_wide(at) {
                    None => break,
                    Some(len) => at += len,
                }
            }
            let start = at;
            at = run_end(text, start);
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

    /// The passage as Tantivy's generator walks to it: word by word over the whole text.
    fn passage_word_by_word(finder: &TermFinder, text: &str, max: usize) -> Option<Passage> {
        let mut term = String::new();
        let mut best: Option<(Score, Passage)> = None;
        let mut current = Passage {
            range: 0..0,
            highlights: Vec::new(),
        };
        let mut score: Score = 0.0;
        for range in words(text) {
            if range.end - current.range.start > max {
                let next = Passage {
                    range: range.start..range.start,
                    highlights: Vec::new(),
                };
                let done = std::mem::replace(&mut current, next);
                if score > 0.0 && best.as_ref().is_none_or(|(top, _)| score > *top) {
                    best = Some((score, done));
                }
                score = 0.0;
            }
            current.range.end = range.end;
            analysis::search_term_of(&text[range.clone()], &mut term);
            if let Some(weight) = finder.terms.get(&term) {
                score += weight;
                current.highlights.push(range);
            }
        }
        if score > 0.0 && best.as_ref().is_none_or(|(top, _)| score > *top) {
            best = Some((score, current));
        }
        best.map(|(_, passage)| passage)
    }

    /// Made-up texts of words, long tokens, non-ASCII letters and punctuation: the jumps
    /// between passages land where walking word by word does, at every passage length.
    #[test]
    fn jumping_between_passages_equals_walking_every_word() {
        const PIECES: &[&str] = &[
            "oil",
            "Oil",
            "OIL",
            "prices",
            "price",
            "İstanbul",
            "istanbul",
            "Kelvin",
            "\u{212A}elvin",
            "ünïcödé",
            "Ünïcödé",
            "straße",
            "σίσυφος",
            "Σίσυφος",
            "x",
            "2023",
            "a1b2",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "oilaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            " ",
            " ",
            " ",
            ", ",
            ". ",
            "—",
            "’",
            "\n\n",
            "-",
            "é",
            "日本",
        ];
        let term_sets: &[&[(&str, Score)]] = &[
            &[("oil", 0.5), ("price", 0.25)],
            &[("istanbul", 0.3), ("i̇stanbul", 0.2), ("kelvin", 0.1)],
            &[("ünïcödé", 0.4), ("oil", 0.4)],
            &[("σίσυφοσ", 0.3), ("2023", 0.3), ("x", 0.1)],
            &[("straße", 0.5), ("日本", 0.5)],
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut compared = 0;
        for _ in 0..300 {
            let length = next(120);
            let text: String = (0..length).map(|_| PIECES[next(PIECES.len())]).collect();
            for terms in term_sets {
                let finder = finder(terms);
                for max in [1, 3, 10, 25, 60, 220] {
                    assert_eq!(
                        finder.best_passage(&text, max),
                        passage_word_by_word(&finder, &text, max),
                        "{terms:?} in {text:?} at {max}"
                    );
                    compared += 1;
                }
                let all: Vec<_> = passage_word_by_word(&finder, &text, text.len() + 1)
                    .map(|p| p.highlights.iter().map(|r| (r.start, r.end)).collect())
                    .unwrap_or_default();
                assert_eq!(finder.hits(&text), all, "{terms:?} in {text:?}");
            }
        }
        assert_eq!(compared, 300 * 5 * 6);
    }

    /// `term_words` looks up only words that start with their term's prefix: true of every
    /// word of the sample articles and of words the stemmer's rules and exceptions touch.
    #[test]
    fn stems_keep_the_first_two_letters() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-corpus");
        let mut text = String::from(
            "dying lying tying vying skies skis idly gently ugly early only singly news howe atlas \
             cosmos bias andes inning outing canning herring earring proceed exceed succeed \
             aed aing ied ies ties tied bed sing being ating iting eed feed yelling yes \
             generously generalization communication arsenal possibility relational hoping \
             conflated organization logical happy cry by XYZZY Œuvre ÉLAN Straße",
        );
        for dir in ["bbc", "seed"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("sample corpus") {
                let bytes = std::fs::read(entry.expect("entry").path()).expect("article");
                text.push(' ');
                text.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
        let mut term = String::new();
        let mut checked = 0;
        for range in words(&text) {
            let word = &text[range];
            analysis::search_term_of(word, &mut term);
            let lower = word.to_lowercase();
            if word.is_char_boundary(1) {
                assert!(
                    lower.starts_with(term_prefix(&term))
                        || ying_prefix(&term).is_some_and(|p| lower.starts_with(&p)),
                    "{word:?} stems to {term:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 5_000, "{checked} words");
    }

    /// The search by first byte misses a word only if its first letter lower-cases to an
    /// ASCII one without being ASCII; `LOWER_CASE_TO_ASCII` lists every such letter.
    #[test]
    fn only_two_letters_lower_case_into_ascii() {
        let found: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().next().is_some_and(|l| l.is_ascii()))
            .collect();
        assert_eq!(found, LOWER_CASE_TO_ASCII);
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
