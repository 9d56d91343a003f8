//! Organisation names a tagger breaks at "on" or "for": "the Intergovernmental Panel on
//! Climate Change", "the Council on Foreign Relations", "the Kenya National Commission on
//! Human Rights", "the Centre for Disease Control". A tagger trained on 1996 Reuters cuts
//! them before the preposition or types the tail alone ("Climate Change" as MISC), so the
//! organisation is lost or its acronym ("IPCC") has nothing to join.
//!
//! Owns joining such a run into one organisation span, per sentence, after decoding; both
//! taggers run it after `name_joins`. It must not join across a person's name, a date ("the
//! Council on Tuesday") or words that are not capitalised, and must not cut a span the
//! tagger made.

use super::perceptron::{ORG, PER, tag_spans, write_span};

/// The last word of an institution's name before "on"/"for". Titles of people ("Minister
/// for Foreign Affairs", "Commissioner for Human Rights") are not heads.
const HEADS: &[&str] = &[
    "Panel",
    "Commission",
    "Committee",
    "Council",
    "Conference",
    "Board",
    "Office",
    "Institute",
    "Centre",
    "Center",
    "Centers",
    "Centres",
    "Court",
    "Tribunal",
    "Forum",
    "Foundation",
    "Fund",
    "Agency",
    "Authority",
    "Bureau",
    "Department",
    "Ministry",
    "Organisation",
    "Organization",
    "Alliance",
    "Coalition",
    "Campaign",
    "Movement",
    "Party",
    "Front",
    "Association",
    "Society",
    "Trust",
];

/// Words that join capitalised words inside the tail ("Trade and Development").
const CONNECTORS: &[&str] = &["and", "of", "&", "the"];

/// Capitalised words that make "on"/"for" a time, not part of a name.
const TIME_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Christmas",
    "Easter",
];

/// The longest tail of capitalised words a name gets after "on"/"for".
const MAX_TAIL: usize = 6;

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Join organisation names broken at "on"/"for" in each sentence.
pub fn join<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let words: Vec<&str> = sentence.as_ref().iter().map(|w| w.as_ref()).collect();
        if words.len() == tags.as_ref().len() {
            join_sentence(&words, tags.as_mut());
        }
    }
}

fn join_sentence(words: &[&str], tags: &mut [u8]) {
    let n = words.len();
    let mut k = 1;
    while k + 1 < n {
        if !(words[k] == "on" || words[k] == "for") || !HEADS.contains(&words[k - 1]) {
            k += 1;
            continue;
        }
        // The capitalised run that ends with the head, without a sentence's first "The".
        let mut start = k - 1;
        while start > 0 && capitalised(words[start - 1]) {
            start -= 1;
        }
        while start < k - 1 && matches!(words[start], "The" | "A" | "An") {
            start += 1;
        }
        // The capitalised tail, with connectors only between capitalised words.
        let mut end = k + 1;
        let mut last = None;
        while end < n && end - k <= MAX_TAIL {
            let w = words[end];
            if capitalised(w) {
                if TIME_WORDS.contains(&w) {
                    last = None;
                    break;
                }
                last = Some(end + 1);
            } else if !(CONNECTORS.contains(&w)
                && words.get(end + 1).is_some_and(|x| capitalised(x)))
            {
                break;
            }
            end += 1;
        }
        let Some(end) = last else {
            k += 1;
            continue;
        };
        let spans = tag_spans(tags);
        let inside = |&(a, b, _): &(usize, usize, usize)| a < end && start < b;
        // The head's part is no person or place (a venue: "Brighton Centre for ..."), the
        // tail is not a whole other organisation ("... for One Direction"), no person
        // inside, no span across the preposition (the tagger read it whole: "Conference on
        // Disarmament", MISC) or out of the run, and some evidence of a name: a tagged part,
        // or at least two capitalised words before the preposition.
        let ok = spans.iter().filter(|s| inside(s)).all(|&(a, b, kind)| {
            kind != PER
                && start <= a
                && b <= end
                && !(a < k && k < b)
                && !(b <= k && kind != ORG)
                && !(a == k + 1 && b == end && kind == ORG)
        }) && (spans.iter().any(inside) || k - start >= 2);
        if ok {
            write_span(&mut tags[start..end], ORG);
        }
        k = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::{decode_iob2, encode};

    fn joined(text: &str, iob: &str) -> String {
        let words: Vec<&str> = text.split(' ').collect();
        let tags: Vec<String> = iob.split(' ').map(str::to_string).collect();
        assert_eq!(words.len(), tags.len());
        let mut tagged = vec![encode(&tags)];
        join(&[words], &mut tagged);
        decode_iob2(&tagged[0]).join(" ")
    }

    #[test]
    fn institutions_broken_at_on_or_for_become_one_organisation() {
        assert_eq!(
            joined(
                "The Intergovernmental Panel on Climate Change said",
                "O O O O B-MISC I-MISC O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            joined(
                "- The Lebanese Association for the Democracy of Elections",
                "O O B-ORG I-ORG O O O O O"
            ),
            "O O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG"
        );
        assert_eq!(
            joined("the Council on Foreign Relations", "O B-ORG O O O"),
            "O B-ORG I-ORG I-ORG I-ORG"
        );
        assert_eq!(
            joined(
                "the UN Conference on Trade and Development met",
                "O B-ORG I-ORG O O O O O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O"
        );
    }

    #[test]
    fn dates_people_lowercase_words_and_titles_stay_apart() {
        for (text, iob) in [
            (
                "the Security Council on Tuesday voted",
                "O B-ORG I-ORG O O O",
            ),
            ("the Council on the issue", "O B-ORG O O O"),
            ("the Committee for John Smith", "O B-ORG O B-PER I-PER"),
            ("the Minister for Foreign Affairs", "O O O O O"),
            ("the Council and the Board for", "O B-ORG O O B-ORG O"),
            ("the Conference on Disarmament", "O B-MISC I-MISC I-MISC"),
            (
                "the Brighton Centre for One Direction",
                "O B-LOC I-LOC O B-ORG I-ORG",
            ),
        ] {
            assert_eq!(joined(text, iob), iob, "{text}");
        }
    }
}
