//! Organisations that a tagger trained on 1996 Reuters cannot know and whose names carry
//! no word that says "organisation": parties, armed groups, companies, regional bodies and
//! clubs of today's worldwide news ("Hezbollah", "Pastef", "Petrobras", "Safaricom",
//! "ECOWAS", "Orlando Pirates"), read as persons or places or missed.
//!
//! Owns the hand-written list (`data/known-organisations.txt`) and typing its names, per
//! sentence, after decoding: a listed name that is exactly one person or place span
//! becomes an organisation, and one left untagged is tagged (not at the start of a
//! sentence when the name is also an English word, marked "*" in the list). Both taggers
//! run it after `nationalities::retype` and before `name_joins::family_names`
//! (`entities::after_decoding`), so a family name the document gives a person in full
//! stays a person. It must not cut or retype organisation or MISC spans, or tag a name
//! that overlaps another span.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::perceptron::{LOC, ORG, PER, each_sentence, tag_spans, write_span};

static LIST: &str = include_str!("../../data/known-organisations.txt");

/// A listed name as words, and whether it is also an English word ("Reliance").
type Listed = (Vec<&'static str>, bool);

/// First word -> the listed names starting with it, longest first.
fn names() -> &'static HashMap<&'static str, Vec<Listed>> {
    static T: OnceLock<HashMap<&'static str, Vec<Listed>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map: HashMap<&str, Vec<Listed>> = HashMap::new();
        for line in LIST.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let word_too = line.ends_with('*');
            let words: Vec<&str> = line.trim_end_matches('*').split_whitespace().collect();
            map.entry(words[0]).or_default().push((words, word_too));
        }
        for names in map.values_mut() {
            names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        }
        map
    })
}

/// Listed names start with a capital, "al-" or "uM": most words need no lookup.
fn may_start_a_name(word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|b| !b.is_ascii_lowercase())
        || word.starts_with("al-")
        || word.starts_with("uM")
}

/// Type the listed organisations of each sentence, in place.
pub fn tag<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    let names = names();
    each_sentence(sentences, tagged, |words, tags| {
        let mut i = 0;
        while i < words.len() {
            let found = Some(words[i])
                .filter(|w| may_start_a_name(w))
                .and_then(|w| names.get(w))
                .and_then(|candidates| {
                    candidates
                        .iter()
                        .find(|(name, _)| words[i..].starts_with(name))
                })
                .map(|(name, word_too)| (i + name.len(), *word_too));
            let Some((end, word_too)) = found else {
                i += 1;
                continue;
            };
            let overlapping: Vec<(usize, usize, usize)> = tag_spans(tags)
                .into_iter()
                .filter(|&(s, e, _)| s < end && i < e)
                .collect();
            let untagged = overlapping.is_empty() && (i > 0 || !word_too);
            let exactly_one_span = matches!(
                overlapping.as_slice(),
                [(s, e, kind)] if *s == i && *e == end && (*kind == PER || *kind == LOC)
            );
            if untagged || exactly_one_span {
                write_span(&mut tags[i..end], ORG);
            }
            i = end;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_rule;

    fn tagged(text: &str, iob: &str) -> String {
        after_rule(text, iob, |s, t| tag(s, t))
    }

    #[test]
    fn listed_organisations_are_typed_and_found() {
        assert_eq!(
            tagged(
                "Sonko of Pastef said Hezbollah and Orlando Pirates",
                "B-PER O B-PER O O O B-PER I-PER"
            ),
            "B-PER O B-ORG O B-ORG O B-ORG I-ORG"
        );
        // At the start of a sentence too, unless the name is also a word ("Reliance on").
        assert_eq!(tagged("Hezbollah fired rockets", "O O O"), "B-ORG O O");
        assert_eq!(
            tagged("Reliance on Reliance grew", "O O O O"),
            "O O B-ORG O"
        );
        // Not inside another span, not a MISC or organisation span.
        assert_eq!(
            tagged(
                "the Petrobras Tower and Houthis movement",
                "O B-LOC I-LOC O B-MISC O"
            ),
            "O B-LOC I-LOC O B-MISC O"
        );
    }
}
