//! Named storms, virus variants and viruses named after places: "Typhoon Yagi", "Cyclone
//! Alfred", "Hurricane Ian", "Tropical Storm Zoe", "very severe cyclone Mocha". Their
//! names are given names, so a tagger reads them as persons ("[Typhoon Yagi]PER", "after
//! [Alfred]PER crossed the coast"), and a filter by person lists the storm. CoNLL-2003
//! types the name MISC and leaves the storm word out ("Hurricane [Edouard]MISC", 2 of 2).
//! The WHO's Greek-letter names of coronavirus variants read as places or companies ("the
//! [Omicron]LOC variant", "the [Delta]ORG variant"): MISC too, and so are viruses named
//! after the river or forest they were found by, which read as places ("the [Zika]LOC
//! virus", "[Ebola]LOC cases").
//!
//! Owns finding storm names, per document, after decoding: a capitalised word right after
//! a storm word ("Typhoon", "Hurricane", "Cyclone", "Tropical Storm", or the first three
//! in lower case) that does not itself follow a capitalised word ("Eurofighter Typhoon",
//! "Melbourne Storm" are no storms) is a storm's name; so is a Greek letter right before
//! "variant" or "subvariant", and a listed virus ("Ebola", "Zika", "Lassa") right before
//! "virus", "fever", "disease" or "outbreak". The storm word is untagged and the name
//! becomes MISC, there and wherever the document tags it alone. Both taggers run it after
//! every other rule but the final cuts (`name_joins::split_run_together`,
//! `name_joins::trim_connector_tails`). It must not touch a
//! name of more than one word elsewhere ("Alfred Hitchcock") or a MISC span.

use super::perceptron::{MISC, each_sentence, entity_type, tag_spans, write_span};

/// Words that name a storm when a capitalised name follows ("Storm" only after a grade).
const STORM_WORDS: &[&str] = &["Typhoon", "Hurricane", "Cyclone"];

/// The same in lower case, as South Asian papers write them ("very severe cyclone Mocha").
const LOWERCASE_STORM_WORDS: &[&str] = &["typhoon", "hurricane", "cyclone"];

/// Capitalised words that may come before a storm word: "Tropical Storm", "Super Typhoon",
/// "Severe Tropical Cyclone", "ex-Tropical Cyclone".
const STORM_GRADES: &[&str] = &[
    "Tropical",
    "Super",
    "Severe",
    "Post-Tropical",
    "ex-Tropical",
    "Ex-Tropical",
];

/// The position of a storm's name in `words`, if `at` is a storm word that starts no other
/// name and a capitalised word follows it.
fn storm_name(words: &[&str], at: usize) -> Option<usize> {
    // Nearly every word is no storm word: the first letter first.
    if !matches!(
        words[at].as_bytes().first(),
        Some(b'T' | b'H' | b'C' | b'S' | b't' | b'h' | b'c')
    ) {
        return None;
    }
    let storm = STORM_WORDS.contains(&words[at]) || LOWERCASE_STORM_WORDS.contains(&words[at]);
    if !storm && words[at] != "Storm" {
        return None;
    }
    let mut first = at;
    while first > 0 && STORM_GRADES.contains(&words[first - 1]) {
        first -= 1;
    }
    // "Storm" alone is also a given name ("Storm Reid"): only after a grade.
    if !storm && first == at {
        return None;
    }
    let after_capitalised = first > 0 && words[first - 1].starts_with(char::is_uppercase);
    let name = words.get(at + 1)?;
    let name_like = name.starts_with(char::is_uppercase) && name.chars().all(char::is_alphabetic);
    (name_like && !after_capitalised).then_some(at + 1)
}

/// Greek letters the WHO names variants of a virus with.
const GREEK_LETTERS: &[&str] = &[
    "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa",
    "Lambda", "Mu", "Omicron", "Pi", "Rho", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi",
    "Omega",
];

/// Is `at` a variant's name: a Greek letter right before "variant" or "subvariant" ("the
/// Omicron variant", "Delta variants")?
fn variant_name(words: &[&str], at: usize) -> bool {
    // The rarer test first: this is asked of every word.
    words
        .get(at + 1)
        .is_some_and(|w| matches!(*w, "variant" | "variants" | "subvariant" | "subvariants"))
        && GREEK_LETTERS.contains(&words[at])
}

/// Viruses named after the place they were found by (and chikungunya, a Makonde word),
/// which news writes alone once it has named the disease ("the Ebola outbreak ... two
/// Ebola cases") and taggers read as places or persons.
const PLACE_VIRUSES: &[&str] = &[
    "Ebola",
    "Zika",
    "Lassa",
    "Marburg",
    "Nipah",
    "Hendra",
    "Chikungunya",
];

/// Is `at` a listed virus right before the word for it ("the Zika virus", "Lassa fever")?
fn virus_name(words: &[&str], at: usize) -> bool {
    PLACE_VIRUSES.contains(&words[at])
        && words.get(at + 1).is_some_and(|w| {
            matches!(
                *w,
                "virus" | "viruses" | "fever" | "disease" | "outbreak" | "outbreaks" | "epidemic"
            )
        })
}

/// Retype storm, variant and virus names as MISC in every sentence of a document.
pub fn relabel<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let mut names: Vec<String> = Vec::new();
    each_sentence(sentences, tagged, |words, tags| {
        for at in 0..words.len().saturating_sub(1) {
            // Every word asked about here is capitalised but the lower-case storm words.
            let word = words[at];
            if word
                .as_bytes()
                .first()
                .is_none_or(|b| !b.is_ascii_uppercase())
                && !LOWERCASE_STORM_WORDS.contains(&word)
            {
                continue;
            }
            let (first, name) = if let Some(name) = storm_name(words, at) {
                let mut first = at;
                while first > 0 && STORM_GRADES.contains(&words[first - 1]) {
                    first -= 1;
                }
                (first, name)
            } else if variant_name(words, at) || virus_name(words, at) {
                (at, at)
            } else {
                continue;
            };
            // The storm word and its grade words leave any span; the name is MISC.
            for (start, end, _) in tag_spans(tags) {
                if start <= name && first < end {
                    tags[start..end].fill(0);
                }
            }
            write_span(&mut tags[name..=name], MISC);
            if !names.iter().any(|n| n == words[name]) {
                names.push(words[name].to_string());
            }
        }
    });
    if names.is_empty() {
        return;
    }
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            if end == start + 1
                && kind != MISC
                && entity_type(tags[start]).is_some()
                && names.iter().any(|n| n == words[start])
            {
                write_span(&mut tags[start..end], MISC);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_document_rule;

    fn relabelled(document: &[(&str, &str)]) -> Vec<String> {
        after_document_rule(document, |s, t| relabel(s, t))
    }

    #[test]
    fn a_storm_is_misc_and_so_is_its_name_alone_elsewhere() {
        assert_eq!(
            relabelled(&[
                (
                    "Typhoon Yagi hit Hai Phong as Tropical Storm Zoe formed",
                    "B-PER I-PER O B-LOC I-LOC O B-ORG I-ORG B-PER O"
                ),
                (
                    "After Yagi , Alfred Hitchcock said",
                    "O B-PER O B-PER I-PER O"
                ),
            ]),
            [
                "O B-MISC O B-LOC I-LOC O O O B-MISC O",
                "O B-MISC O B-PER I-PER O"
            ]
        );
    }

    #[test]
    fn storm_words_after_a_name_and_without_a_name_are_left_alone() {
        let kept = [
            (
                "the Eurofighter Typhoon and Melbourne Storm Coach",
                "O B-MISC I-MISC O B-ORG I-ORG O",
            ),
            (
                "the Storm said the hurricane season began",
                "O B-ORG O O O O O",
            ),
            ("Storm Reid won", "B-PER I-PER O"),
        ];
        assert_eq!(
            relabelled(&kept),
            kept.iter().map(|(_, t)| t.to_string()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_greek_letter_before_variant_names_a_variant() {
        assert_eq!(
            relabelled(&[
                (
                    "the Delta variant and the Omicron subvariant",
                    "O B-ORG O O O B-LOC O"
                ),
                ("Omicron spread in Gauteng", "B-LOC O O B-LOC"),
                ("Alpha Condé won", "B-PER I-PER O"),
            ]),
            [
                "O B-MISC O O O B-MISC O",
                "B-MISC O O B-LOC",
                "B-PER I-PER O"
            ]
        );
    }

    #[test]
    fn a_storm_after_a_lowercase_storm_word_and_a_virus_named_for_a_place() {
        assert_eq!(
            relabelled(&[
                (
                    "landfall of very severe cyclone Mocha near Sittwe",
                    "O O O O O B-LOC O B-LOC"
                ),
                ("Mocha weakened", "B-LOC O"),
                (
                    "the Zika virus and the Ebola outbreak in Mubende",
                    "O B-LOC O O O B-LOC O O B-LOC"
                ),
                ("two Ebola cases", "O B-LOC O"),
            ]),
            [
                "O O O O O B-MISC O B-LOC",
                "B-MISC O",
                "O B-MISC O O O B-MISC O O B-LOC",
                "O B-MISC O"
            ]
        );
        // A lowercase storm word after a capitalised one, and a listed name not before
        // its disease, stay as read.
        let kept = [
            ("the Zika Forest near Entebbe", "O B-LOC I-LOC O B-LOC"),
            ("the Marburg mayor", "O B-LOC O"),
        ];
        assert_eq!(
            relabelled(&kept),
            kept.iter().map(|(_, t)| t.to_string()).collect::<Vec<_>>()
        );
    }
}
