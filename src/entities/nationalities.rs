//! Nationality words and place-derived modifiers that a tagger typed as names: "Kenyans"
//! or "Tuvaluan" read as a person, "Cairo-based" as a place, "Abu Dhabi-listed" as a
//! person. The CoNLL-2003 guidelines type them MISC (in its training data a lone
//! nationality word is MISC 1,707 times out of 1,718).
//!
//! Owns that retyping, per sentence, after decoding; both taggers run it after
//! `name_joins::join` and before `name_joins::family_names`, so that a family name spelt
//! like a nationality ("Dawn French" ... "French said") is a person again. It must not
//! create, cut or join spans: only the type of a whole one-word nationality span or of a
//! span ending in such a modifier changes.

use super::demonyms::is_demonym;
use super::perceptron::{MISC, each_sentence, tag_spans, write_span};

/// Nationality words that also name a country on their own ("Czech" for the Czech
/// Republic in CoNLL-2003's sport results).
const ALSO_PLACES: &[&str] = &["Czech", "CZECH"];

/// Endings of capitalised hyphenated modifiers: "Cairo-based", "Singapore-listed".
const MODIFIER_ENDINGS: &[&str] = &[
    "-based",
    "-listed",
    "-owned",
    "-led",
    "-born",
    "-backed",
    "-controlled",
    "-run",
    "-registered",
    "-made",
    "-headquartered",
    "-funded",
];

/// "Cairo-based", "Abu Dhabi-listed" (the last word): capitalised, with a modifier ending.
pub(crate) fn is_place_modifier(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && MODIFIER_ENDINGS
            .iter()
            .any(|e| word.ends_with(e) && word.len() > e.len())
}

/// Retype each sentence's nationality words and place modifiers as MISC, in place.
pub fn retype<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            if kind == MISC {
                continue;
            }
            let last = words[end - 1];
            let nationality = end == start + 1 && is_demonym(last) && !ALSO_PLACES.contains(&last);
            if nationality || is_place_modifier(last) {
                write_span(&mut tags[start..end], MISC);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::{decode_iob2, encode};

    fn retyped(text: &str, iob: &str) -> String {
        let words: Vec<&str> = text.split(' ').collect();
        let tags: Vec<String> = iob.split(' ').map(str::to_string).collect();
        let mut tagged = vec![encode(&tags)];
        retype(&[words], &mut tagged);
        decode_iob2(&tagged[0]).join(" ")
    }

    #[test]
    fn nationality_words_and_place_modifiers_are_misc() {
        assert_eq!(
            retyped(
                "Kenyans told us and Tuvaluan communities",
                "B-PER O O O B-PER O"
            ),
            "B-MISC O O O B-MISC O"
        );
        assert_eq!(
            retyped(
                "at Cairo-based bank , while Abu Dhabi-listed rival",
                "O B-LOC O O O B-PER I-PER O"
            ),
            "O B-MISC O O O B-MISC I-MISC O"
        );
        // Names that only start with one, a country, and lowercase modifiers stay.
        assert_eq!(
            retyped(
                "British Airways and Czech won the state-owned firm",
                "B-ORG I-ORG O B-LOC O O O O"
            ),
            "B-ORG I-ORG O B-LOC O O O O"
        );
    }
}
