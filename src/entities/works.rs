//! Person-shaped names that their context shows are no person: films, albums and shows
//! ("the film Vera Drake", "Vera Drake star Imelda Staunton") and bands ("Glasgow group
//! Franz Ferdinand", "Franz Ferdinand singer Alex Kapranos").
//!
//! Owns the cue words and the relabelling of a tagger's output, per document: a name of two
//! or more tokens with a cue anywhere in the document changes type at every occurrence
//! (works become MISC, bands ORG, as the CoNLL-2003 guidelines type them); a one-token name
//! changes only where the cue is, since "Ray" may be the film in one sentence and Ray Charles
//! in the next. Both taggers run it after their own decoding. It must not decide anything
//! but PER spans, and must not look beyond the document.

use std::collections::HashMap;

use super::perceptron::{tag_spans, write_span};

/// Index of each type in `perceptron::TYPE_NAMES`.
const PER: usize = 0;
const ORG: usize = 2;
const MISC: usize = 3;

/// A word right before the name that says it is a work (lowercased).
const WORK_BEFORE: &[&str] = &[
    "film",
    "films",
    "movie",
    "drama",
    "documentary",
    "biopic",
    "thriller",
    "sitcom",
    "musical",
    "novel",
    "album",
    "song",
    "series",
    "opera",
    "programme",
];

/// A word before "in" right before the name: "her role in Vera Drake".
const WORK_BEFORE_IN: &[&str] = &[
    "role",
    "roles",
    "performance",
    "starred",
    "starring",
    "appeared",
];

/// A word right after the name, before a capitalised word, that makes the name a work:
/// "Vera Drake star Imelda Staunton", "Harry Potter author JK Rowling".
const WORK_AFTER: &[&str] = &[
    "star", "stars", "actor", "actress", "director", "author", "creator", "producer",
];

/// A word right before the name that says it is a band.
const GROUP_BEFORE: &[&str] = &["band", "bands", "group", "duo", "trio", "quartet"];

/// A word right after the name, before a capitalised word: "Franz Ferdinand singer Alex".
const GROUP_AFTER: &[&str] = &[
    "singer",
    "frontman",
    "frontwoman",
    "guitarist",
    "drummer",
    "bassist",
];

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn capitalised(word: Option<&str>) -> bool {
    word.and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Does the context right around the name `tokens[start..end]` (two tokens or more) say it is
/// a work or a band? Strong evidence of its type, which the archive-wide type vote keeps
/// (`index::canonical::retyped`).
pub fn is_cued<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    end >= start + 2 && cued_type(tokens, start, end).is_some()
}

/// The type the context gives the person span `tokens[start..end]`, if any.
fn cued_type<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> Option<usize> {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let before = start.checked_sub(1).and_then(at);
    let before_in = start.checked_sub(2).and_then(at);
    let (after, after_next) = (at(end), at(end + 1));
    if let Some(word) = before {
        if is_one_of(word, WORK_BEFORE) {
            return Some(MISC);
        }
        if is_one_of(word, GROUP_BEFORE) {
            return Some(ORG);
        }
        if word == "in" && before_in.is_some_and(|w| is_one_of(w, WORK_BEFORE_IN)) {
            return Some(MISC);
        }
    }
    if let Some(word) = after
        && capitalised(after_next)
    {
        if is_one_of(word, WORK_AFTER) {
            return Some(MISC);
        }
        if is_one_of(word, GROUP_AFTER) {
            return Some(ORG);
        }
    }
    None
}

/// Relabel the person spans of one document (`tags` per sentence, BILOU as
/// `perceptron::encode` writes them) whose context says work or band.
pub fn relabel<T: AsRef<[S]>, S: AsRef<str>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
) {
    // Multi-token names with a cue somewhere: tokens -> type (works win over bands).
    let mut cued: HashMap<Vec<&str>, usize> = HashMap::new();
    let mut single: Vec<(usize, usize, usize)> = Vec::new();
    for (s, (sentence, tags)) in sentences.iter().zip(tags.iter()).enumerate() {
        let tokens = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if kind != PER || end > tokens.len() {
                continue;
            }
            let Some(new) = cued_type(tokens, start, end) else {
                continue;
            };
            if end - start == 1 {
                single.push((s, start, new));
            } else {
                let key = tokens[start..end].iter().map(|t| t.as_ref()).collect();
                let entry = cued.entry(key).or_insert(new);
                if new == MISC {
                    *entry = MISC;
                }
            }
        }
    }
    for (s, start, new) in single {
        write_span(&mut tags[s].as_mut()[start..start + 1], new);
    }
    if cued.is_empty() {
        return;
    }
    for (sentence, tags) in sentences.iter().zip(tags.iter_mut()) {
        let tokens = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if kind != PER || end > tokens.len() || end - start < 2 {
                continue;
            }
            let key: Vec<&str> = tokens[start..end].iter().map(|t| t.as_ref()).collect();
            if let Some(&new) = cued.get(&key) {
                write_span(&mut tags.as_mut()[start..end], new);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::{decode_iob2, encode};

    fn tagged(sentences: &[(&str, &str)]) -> (Vec<Vec<String>>, Vec<Vec<u8>>) {
        let mut words = Vec::new();
        let mut tags = Vec::new();
        for (text, iob) in sentences {
            let w: Vec<String> = text.split(' ').map(str::to_string).collect();
            let t: Vec<String> = iob.split(' ').map(str::to_string).collect();
            assert_eq!(w.len(), t.len());
            words.push(w);
            tags.push(encode(&t));
        }
        (words, tags)
    }

    #[test]
    fn works_and_bands_named_like_people_change_type_in_the_whole_document() {
        let (words, mut tags) = tagged(&[
            (
                "Vera Drake star Imelda Staunton won",
                "B-PER I-PER O B-PER I-PER O",
            ),
            ("Vera Drake won three awards", "B-PER I-PER O O O"),
            (
                "the Glasgow group Franz Ferdinand played",
                "O B-LOC O B-PER I-PER O",
            ),
            ("Franz Ferdinand were there", "B-PER I-PER O O"),
            (
                "her role in Ray and Ray Charles",
                "O O O B-PER O B-PER I-PER",
            ),
            ("Ray sang", "B-PER O"),
            ("Tony Blair said", "B-PER I-PER O"),
        ]);
        relabel(&words, &mut tags);
        let out: Vec<Vec<String>> = tags.iter().map(|t| decode_iob2(t)).collect();
        assert_eq!(out[0], ["B-MISC", "I-MISC", "O", "B-PER", "I-PER", "O"]);
        assert_eq!(out[1][..2], ["B-MISC", "I-MISC"]);
        assert_eq!(out[2][3..5], ["B-ORG", "I-ORG"]);
        assert_eq!(out[3][..2], ["B-ORG", "I-ORG"]);
        // A one-word name changes only where its cue is; the person stays a person.
        assert_eq!(out[4][3..], ["B-MISC", "O", "B-PER", "I-PER"]);
        assert_eq!(out[5][0], "B-PER");
        assert_eq!(out[6][..2], ["B-PER", "I-PER"]);
    }

    #[test]
    fn a_lowercase_word_after_the_name_is_no_cue() {
        let (words, mut tags) = tagged(&[("Greg Dyke director general", "B-PER I-PER O O")]);
        relabel(&words, &mut tags);
        assert_eq!(decode_iob2(&tags[0])[..2], ["B-PER", "I-PER"]);
    }
}
