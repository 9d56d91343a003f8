//! Person names a tagger breaks apart or misses after an office: a lowercase particle between
//! two tagged parts ("Mohammed bin Salman", "Ursula von der Leyen"), a family name left
//! untagged between an office and the rest of the name ("Prime Minister Pham Minh Chinh"),
//! and a whole name it did not know there ("Prime Minister Srettha Thavisin visited"), and
//! a romanised East Asian given name of two hyphenated syllables ("Hsiao Bi-khim").
//!
//! Also the family name alone of a person the document names in full ("Mark Mapletoft ...
//! replaced Mapletoft"), which a tagger that reads it out of context may call an organisation
//! or a place.
//!
//! Owns joining those parts into one person span, per sentence, after decoding, and retyping
//! such family names, per document; both taggers run it before `works::relabel`. It must not
//! make a name from nothing: a particle joins two spans already tagged as persons, untagged
//! words become a name only right after a capitalised office word, and a family name is
//! retyped only where the tagger already found a name.

use super::perceptron::{LOC, MISC, PER, tag_spans, write_span};

/// Lowercase words that sit inside a person's name in many languages.
const PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "binti", "al", "el", "abu", "ould", "ben", "de", "da", "do", "dos",
    "das", "di", "du", "del", "della", "van", "von", "der", "den", "ter", "le", "la", "zu",
];

/// Capitalised office words that are followed by a name, not part of it (as written). Only
/// heads of a title: "General", "Judge" or "Secretary" often precede another title word
/// ("General Director", "Secretary General") rather than a name.
const OFFICES: &[&str] = &[
    "Minister",
    "President",
    "Premier",
    "Chancellor",
    "Governor",
    "Senator",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Sheikh",
    "Emir",
    "Sultan",
    "Ambassador",
    "Mayor",
    "Sen.",
    "Rep.",
    "Gov.",
    "Dr",
    "Dr.",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
];

/// Title words that can follow an office word and are no name ("President Elect", "Queen
/// Mother", "Princess Consort").
const NOT_NAMES: &[&str] = &[
    "Director",
    "General",
    "Secretary",
    "Minister",
    "Elect",
    "Emeritus",
    "Designate",
    "Consort",
    "Mother",
    "Regent",
    "Dowager",
    "Royal",
    "Majesty",
    "Highness",
];

/// A word that may be part of a name: capitalised, with lowercase letters after (not
/// "UN"), and not itself an office word.
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !OFFICES.contains(&word)
        && !NOT_NAMES.contains(&word)
}

/// Join the broken person names of each sentence in place.
pub fn join<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let words: Vec<&str> = sentence.as_ref().iter().map(AsRef::as_ref).collect();
        join_sentence(&words, tags.as_mut());
    }
}

/// One reading for a family name within a document: a one-word name tagged as anything but
/// a person, written exactly as the last word of a person of two or more words the same
/// document names, becomes that person ("Mark Mapletoft" ... "replaced Mapletoft" (ORG)),
/// except a place that names a country or first-level region: "Ireland" and "Scotland" are
/// family names too, and in a story about one player the country is still far likelier.
pub fn family_names<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let mut family: Vec<&str> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter()) {
        let words = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if kind == PER && end >= start + 2 && end <= words.len() {
                let last = words[end - 1].as_ref();
                if name_like(last) && !SUFFIXES.contains(&last) {
                    family.push(last);
                }
            }
        }
    }
    if family.is_empty() {
        return;
    }
    family.sort_unstable();
    family.dedup();
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let words = sentence.as_ref();
        let tags = tags.as_mut();
        for (start, end, kind) in tag_spans(tags) {
            if kind != PER
                && end == start + 1
                && end <= words.len()
                && family.binary_search(&words[start].as_ref()).is_ok()
                && (kind != LOC || !names_country_or_region(words[start].as_ref()))
            {
                write_span(&mut tags[start..end], PER);
            }
        }
    }
}

fn names_country_or_region(word: &str) -> bool {
    super::places::Gazetteer::embedded()
        .country_or_region(word)
        .is_some()
}

/// Words that end a person's name without being the family name.
const SUFFIXES: &[&str] = &["Jr", "Snr", "Jnr", "Sr", "II", "III", "IV"];

fn join_sentence(words: &[&str], tags: &mut [u8]) {
    if words.len() != tags.len() {
        return;
    }
    // The family name between an office and a tagged person.
    for (start, end, kind) in tag_spans(tags) {
        if kind == PER
            && start >= 2
            && tags[start - 1] == 0
            && name_like(words[start - 1])
            && OFFICES.contains(&words[start - 2])
        {
            write_span(&mut tags[start - 1..end], PER);
        }
    }
    // A name the tagger missed whole after an office: one to three untagged name-like
    // words, then a lowercase word or punctuation ("Prime Minister Srettha Thavisin visited").
    // Not in Title Case text ("Governor Announces He Will Run"), where every word looks a
    // name: text whose words of four letters or more are all capitalised.
    let title_case = !words
        .iter()
        .any(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase));
    let mut i = 1;
    while i < words.len() && !title_case {
        if OFFICES.contains(&words[i - 1]) && tags[i - 1] == 0 {
            let end = (i..words.len().min(i + 4))
                .find(|&j| !(tags[j] == 0 && name_like(words[j])))
                .unwrap_or(words.len().min(i + 4));
            let closed =
                end == words.len() || !words[end].chars().next().is_some_and(char::is_uppercase);
            if end > i && end - i <= 3 && closed {
                write_span(&mut tags[i..end], PER);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    // Particles between two tagged parts, or ending the first part ("Hamdan bin" +
    // "Mohammed"): a lowercase particle never ends a name.
    let spans = tag_spans(tags);
    for pair in spans.windows(2) {
        let ((a_start, a_end, a_kind), (b_start, b_end, b_kind)) = (pair[0], pair[1]);
        let particle_ends_a = PARTICLES.contains(&words[a_end - 1]);
        if a_kind == PER
            && b_kind == PER
            && (b_start > a_end || particle_ends_a)
            && (a_end..b_start).all(|i| tags[i] == 0 && PARTICLES.contains(&words[i]))
        {
            write_span(&mut tags[a_start..b_end], PER);
        }
    }
    given_names(words, tags);
    patronymics(words, tags);
}

/// A romanised East Asian given name of two hyphenated syllables (`syllabic_given_name`)
/// extends the person before it ("Hsiao" + "Bi-khim", "John Lee" + "Ka-chiu"); after an
/// untagged short capitalised word that is no English function word, the two make a person
/// the tagger did not know ("Jaw Shaw-kong", the given name perhaps read as MISC).
fn given_names(words: &[&str], tags: &mut [u8]) {
    // Most sentences have no such word: no span lists for them.
    if !words.iter().any(|w| syllabic_given_name(w)) {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        if kind == PER && end < words.len() && tags[end] == 0 && syllabic_given_name(words[end]) {
            write_span(&mut tags[start..end + 1], PER);
        }
    }
    for i in 1..words.len() {
        if !syllabic_given_name(words[i])
            || tags[i - 1] != 0
            || words[i - 1].len() > 6
            || !words[i - 1].is_ascii()
            || !name_like(words[i - 1])
            || NOT_FAMILY_NAMES.contains(&words[i - 1])
        {
            continue;
        }
        let given_free = tags[i] == 0 || tag_spans(tags).contains(&(i, i + 1, MISC));
        if given_free {
            write_span(&mut tags[i - 1..i + 1], PER);
        }
    }
}

/// English words that start hyphenated words of two short parts ("Re-run", "Co-op",
/// "Well-known", "Twenty-one"), so cannot be a given name's first syllable.
const HYPHEN_PREFIXES: &[&str] = &[
    "Re", "Co", "Pre", "Non", "Anti", "Pro", "Ex", "Self", "Post", "Mid", "Semi", "Multi", "Sub",
    "Well", "Half", "All", "Cross", "Over", "Under", "Out", "Off", "Up", "Down", "Back", "Long",
    "Short", "High", "Low", "Full", "Part", "Mini", "Super", "Ultra", "Neo", "Pan", "Inter",
    "Counter", "Hip", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Eighty", "Ninety",
];

/// English words that end hyphenated words of two short parts ("Kong-based", "Tea-time").
const HYPHEN_SUFFIXES: &[&str] = &[
    "based", "led", "owned", "born", "made", "like", "style", "run", "wide", "free", "level",
    "era", "year", "years", "time", "term", "long", "side", "back", "up", "out", "off", "down",
    "over", "old", "new", "only", "size", "sized", "scale", "type", "linked", "bound", "backed",
    "maker", "makers", "owner", "owners", "way", "ways", "day", "days", "week", "month", "to",
    "built", "grown", "known", "blown", "drawn",
];

/// Capitalised words that start sentences or headlines but are no family name.
const NOT_FAMILY_NAMES: &[&str] = &[
    "The", "A", "An", "And", "But", "In", "On", "At", "For", "Of", "To", "By", "As", "If", "Or",
    "So", "His", "Her", "Its", "Our", "Their", "This", "That", "New", "Old", "With", "From",
    "After", "When", "While", "Some", "Many", "Most", "All", "Both", "Each", "Every", "More",
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
];

/// "Bi-khim", "Jae-myung", "Shaw-kong": a capitalised ASCII syllable, a hyphen and a lowercase
/// one, each at most six letters, neither an English prefix or suffix ("Re-run", "Kong-based").
fn syllabic_given_name(word: &str) -> bool {
    let Some((first, second)) = word.split_once('-') else {
        return false;
    };
    // No romanised syllable ends in "-ed" ("Crime-shaped").
    if HYPHEN_PREFIXES.contains(&first)
        || HYPHEN_SUFFIXES.contains(&second)
        || second.ends_with("ed")
    {
        return false;
    }
    let syllable =
        |s: &str| (1..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase());
    let mut head = first.chars();
    head.next().is_some_and(|c| c.is_ascii_uppercase())
        && (2..=6).contains(&first.len())
        && syllable(head.as_str())
        && syllable(second)
}

/// Lowercase words that say "son/daughter of" in Arabic and Malay names: between two
/// capitalised words they make a person's name whatever the tagger said of its parts.
pub(crate) const PATRONYMIC: &[&str] = &["bin", "bint", "ibn", "binti"];

/// "Tamim bin Hamad Al Thani", "Hamdan bin Mohammed bin Rashid Al Maktoum": a capitalised
/// word, a patronymic particle and a capitalised word make a person, with the untagged or
/// person-tagged name words and particles around them (up to the office before it). Words
/// the tagger gave another type are left alone: the whole run must be untagged or a person.
fn patronymics(words: &[&str], tags: &mut [u8]) {
    use super::perceptron::entity_type;
    let name_part = |i: usize| name_like(words[i]) || words[i] == "Al" || words[i] == "Bin";
    let free = |tags: &[u8], i: usize| entity_type(tags[i]).is_none_or(|k| k == PER);
    let mut i = 1;
    while i + 1 < words.len() {
        if !(PATRONYMIC.contains(&words[i]) && name_part(i - 1) && name_part(i + 1)) {
            i += 1;
            continue;
        }
        let mut start = i - 1;
        while start > 0 && name_part(start - 1) && free(tags, start - 1) {
            start -= 1;
        }
        let mut end = i + 2;
        while end < words.len()
            && free(tags, end)
            && (name_part(end)
                || PARTICLES.contains(&words[end]) && end + 1 < words.len() && name_part(end + 1))
        {
            end += 1;
        }
        // Whole person spans the run touches join it.
        for (s, e, kind) in tag_spans(tags) {
            if kind == PER && s < end && e > start {
                start = start.min(s);
                end = end.max(e);
            }
        }
        if (start..end).all(|j| free(tags, j)) && end - start <= 8 {
            write_span(&mut tags[start..end], PER);
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::{decode_iob2, encode};

    fn joined(sentence: &str, iob2: &str) -> String {
        let words: Vec<&str> = sentence.split(' ').collect();
        let tags: Vec<String> = iob2.split(' ').map(str::to_string).collect();
        let mut encoded = vec![encode(&tags)];
        join(&[words], &mut encoded);
        decode_iob2(&encoded[0]).join(" ")
    }

    #[test]
    fn a_hyphenated_given_name_joins_the_family_name_before_it() {
        assert_eq!(
            joined(
                "Vice President Hsiao Bi-khim met with Jaw Shaw-kong",
                "O O B-PER O O O B-PER O"
            ),
            "O O B-PER I-PER O O B-PER I-PER"
        );
        assert_eq!(
            joined("John Lee Ka-chiu said that", "B-PER I-PER O O O"),
            "B-PER I-PER I-PER O O"
        );
        // Not a place, not a longer or capitalised second part, not in Title Case text.
        assert_eq!(
            joined("Seoul Jae-in said that", "B-LOC O O O"),
            "B-LOC O O O"
        );
        assert_eq!(
            joined("Smith pro-business said that", "B-PER O O O"),
            "B-PER O O O"
        );
        assert_eq!(
            joined("Smith Co-founded the firm", "B-PER O O O"),
            "B-PER O O O"
        );
        assert_eq!(joined("Smith Anti-Trust laws", "B-PER O O"), "B-PER O O");
        assert_eq!(
            joined("Lee Re-run Looms Today", "B-PER O O O"),
            "B-PER O O O"
        );
        assert_eq!(
            joined("Hsiao Bi-khim Met Ko Wen-je", "B-PER O O B-PER O"),
            "B-PER I-PER O B-PER I-PER"
        );
        // An untagged family name before such a given name, which may have been read as MISC.
        assert_eq!(
            joined(
                "the United States Hsiao Bi-khim , beside Jaw Shaw-kong .",
                "O B-LOC I-LOC O O O O O B-MISC O"
            ),
            "O B-LOC I-LOC B-PER I-PER O O B-PER I-PER O"
        );
        assert_eq!(
            joined(
                "The Kong-based firm and In Ka-chiu said Useful How-to True Crime-shaped",
                "O O O O O O O O O O O"
            ),
            "O O O O O O O O O O O"
        );
        assert_eq!(joined("Two Russian-built jets", "O B-MISC O"), "O B-MISC O");
        assert_eq!(
            joined("a Hong Kong-based firm", "O B-LOC I-LOC O"),
            "O B-LOC I-LOC O"
        );
    }

    #[test]
    fn particles_join_two_person_parts() {
        assert_eq!(
            joined(
                "Crown Prince Mohammed bin Salman met",
                "O B-PER I-PER O B-PER O"
            ),
            "O B-PER I-PER I-PER I-PER O"
        );
        assert_eq!(
            joined("Ursula von der Leyen said", "B-PER O O B-PER O"),
            "B-PER I-PER I-PER I-PER O"
        );
        // Not when a side is no person, or the word between is no particle.
        assert_eq!(
            joined("Paris de Gaulle airport", "B-LOC O B-PER O"),
            "B-LOC O B-PER O"
        );
        assert_eq!(
            joined("Putin and Xi met", "B-PER O B-PER O"),
            "B-PER O B-PER O"
        );
    }

    #[test]
    fn patronymic_names_join_whole() {
        // A particle ending one part joins the next part.
        assert_eq!(
            joined(
                "Sheikh Hamdan bin Mohammed bin Rashid Al Maktoum approved",
                "O B-PER I-PER B-PER I-PER I-PER I-PER I-PER O"
            ),
            "O B-PER I-PER I-PER I-PER I-PER I-PER I-PER O"
        );
        // Name word, patronymic, name word: a person, up to the office and with the tagged
        // family part after it.
        assert_eq!(
            joined(
                "met Sheikh Tamim bin Hamad Al Thani in Doha",
                "O O O O O B-PER I-PER O B-LOC"
            ),
            "O O B-PER I-PER I-PER I-PER I-PER O B-LOC"
        );
        // Not across another type, nor without a capitalised word on each side.
        assert_eq!(
            joined("the Bin Laden bin collection", "O B-ORG I-ORG O O"),
            "O B-ORG I-ORG O O"
        );
        assert_eq!(
            joined("Dubai bin Rashid Port", "B-LOC O O B-LOC"),
            "B-LOC O O B-LOC"
        );
        assert_eq!(joined("a bin Laden said", "O O B-PER O"), "O O B-PER O");
    }

    #[test]
    fn a_family_name_after_an_office_joins() {
        assert_eq!(
            joined(
                "Prime Minister Pham Minh Chinh visited",
                "O O O B-PER I-PER O"
            ),
            "O O B-PER I-PER I-PER O"
        );
        // Not after a lowercase word, nor an all-capitals word, nor without a person after.
        assert_eq!(
            joined("the minister Pham Minh Chinh", "O O O B-PER I-PER"),
            "O O O B-PER I-PER"
        );
        assert_eq!(
            joined("Minister UN Minh Chinh", "O O B-PER I-PER"),
            "O O B-PER I-PER"
        );
    }

    #[test]
    fn a_family_name_alone_is_the_person_named_in_full() {
        let words: Vec<Vec<&str>> = vec![
            "Mark Mapletoft kicked a goal".split(' ').collect(),
            "Everitt replaced Mapletoft at Leeds".split(' ').collect(),
            "Mapletoft Ltd and Mark said".split(' ').collect(),
            "James Ireland and Hugh Dallas missed".split(' ').collect(),
            "Ireland beat Dallas".split(' ').collect(),
        ];
        let iob = [
            "B-PER I-PER O O O",
            "B-PER O B-ORG O B-ORG",
            "B-ORG I-ORG O B-PER O",
            "B-PER I-PER O B-PER I-PER O",
            "B-LOC O B-LOC",
        ];
        let mut tags: Vec<Vec<u8>> = iob
            .iter()
            .map(|t| encode(&t.split(' ').map(str::to_string).collect::<Vec<_>>()))
            .collect();
        family_names(&words, &mut tags);
        let out: Vec<String> = tags.iter().map(|t| decode_iob2(t).join(" ")).collect();
        // The lone family name becomes the person; another organisation, a longer name that
        // holds the family name, and a given name stay as they were.
        assert_eq!(out[1], "B-PER O B-PER O B-ORG");
        assert_eq!(out[2], "B-ORG I-ORG O B-PER O");
        assert_eq!(out[0], "B-PER I-PER O O O");
        // A city may be the family name; a country is left a place.
        assert_eq!(out[4], "B-LOC O B-PER");
    }

    #[test]
    fn a_whole_name_after_an_office() {
        assert_eq!(
            joined(
                "Prime Minister Srettha Thavisin visited Phnom Penh",
                "O O O O O B-LOC I-LOC"
            ),
            "O O B-PER I-PER O B-LOC I-LOC"
        );
        assert_eq!(joined("said Mr Blair .", "O O O O"), "O O B-PER O");
        // Not a title word, a tagged word, or a capitalised run that goes on.
        assert_eq!(joined("President Elect said", "O O O"), "O O O");
        assert_eq!(
            joined("Minister Without Portfolio Kept Going Home", "O O O O O O"),
            "O O O O O O"
        );
        assert_eq!(
            joined(
                "Minnesota Governor Announces He Will Run",
                "B-LOC O O O O O"
            ),
            "B-LOC O O O O O"
        );
    }
}
