//! Organisations that a tagger trained on 1996 Reuters cannot know and whose names carry
//! no word that says "organisation": parties, armed groups, companies, regional bodies and
//! clubs of today's worldwide news ("Hezbollah", "Pastef", "Petrobras", "Safaricom",
//! "ECOWAS", "Orlando Pirates"), read as persons or places or missed.
//!
//! Owns the hand-written list (`data/known-organisations.txt`), the generated list of
//! listed companies' short names (`data/listed-companies.txt`, `tools/listed_companies.py`:
//! "Infineon", "Glencore", "Rio Tinto") and typing their names, per sentence, after
//! decoding: a listed name that is exactly one person or place span becomes an
//! organisation, and one left untagged is tagged (not at the start of a sentence when the
//! name is also an English word, marked "*" in the list; a listed company only where it
//! stands alone: not first, no capitalised word next to it, not in a capitalised
//! headline). Both taggers
//! run it after `nationalities::retype` and before `name_joins::family_names`
//! (`entities::after_decoding`), so a family name the document gives a person in full
//! stays a person. A listed name of two or more words also takes over the spans the
//! tagger made inside it ("Extinction [Rebellion]", "[Muslim] Brotherhood"). It must not
//! cut or retype organisation or MISC spans otherwise, or tag a name that overlaps a span
//! reaching outside it, except the one word a dateline credits in brackets before its
//! dash ("HANOI, Vietnam (AP) —"), which is the agency whatever it was tagged. Also
//! "X", the social network, where a post is on it ("wrote on X"): nowhere else.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::name_joins::reads_as_title_case;
use super::perceptron::{LOC, ORG, PER, each_sentence, tag_spans, write_span};

static LIST: &str = include_str!("../../data/known-organisations.txt");
static COMPANIES: &str = include_str!("../../data/listed-companies.txt");

/// Where a listed name the tagger left untagged is tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Untagged {
    Anywhere,
    /// Not first in its sentence: the name is also an English word ("Reliance").
    NotFirst,
    /// Standing alone: not first, no capitalised word before or after it, in a sentence
    /// that is not a capitalised headline (`name_joins::reads_as_title_case`: no word of
    /// four letters or more in lower case), and not a short word in capitals ("30 PPG").
    /// The generated list is not checked by hand.
    Alone,
}

/// A listed name as words, and where an untagged mention of it is tagged.
type Listed = (Vec<&'static str>, Untagged);

/// First word -> the listed names starting with it, longest first.
fn names() -> &'static HashMap<&'static str, Vec<Listed>> {
    static T: OnceLock<HashMap<&'static str, Vec<Listed>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map: HashMap<&str, Vec<Listed>> = HashMap::new();
        let hand = LIST.lines().map(|line| (line, false));
        let generated = COMPANIES.lines().map(|line| (line, true));
        for (line, generated) in hand.chain(generated) {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let untagged = if generated {
                Untagged::Alone
            } else if line.ends_with('*') {
                Untagged::NotFirst
            } else {
                Untagged::Anywhere
            };
            let words: Vec<&str> = line.trim_end_matches('*').split_whitespace().collect();
            let listed = map.entry(words[0]).or_default();
            // A generated name that repeats or extends a hand-written one ("Airtel Africa"
            // after "Airtel") would be tried first and block the hand-written rule.
            if !listed
                .iter()
                .any(|(known, _)| *known == words || (generated && words.starts_with(known)))
            {
                listed.push((words, untagged));
            }
        }
        for names in map.values_mut() {
            names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        }
        map
    })
}

/// Legal forms after a listed company's name ("Apple Inc."): the name before them is the
/// company's too.
const LEGAL_FORMS: &[&str] = &[
    "Inc.", "Inc", "Corp.", "Corp", "Co.", "plc", "PLC", "Ltd", "Ltd.", "AG", "SA", "SE", "NV",
    "N.V.", "S.A.", "Group", "Holdings",
];

/// Is `words` a listed organisation's name, or a listed company's without its legal form
/// ("Apple" of "Apple Inc.")?
pub fn is_listed(words: &[&str]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    names().get(first).is_some_and(|candidates| {
        candidates.iter().any(|(name, _)| {
            name.as_slice() == words
                || (name.len() == words.len() + 1
                    && name.starts_with(words)
                    && LEGAL_FORMS.contains(&name[words.len()]))
        })
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
                .map(|(name, untagged)| (i + name.len(), *untagged));
            let Some((end, untagged)) = found else {
                i += 1;
                continue;
            };
            let overlapping: Vec<(usize, usize, usize)> = tag_spans(tags)
                .into_iter()
                .filter(|&(s, e, _)| s < end && i < e)
                .collect();
            let untagged = overlapping.is_empty()
                && match untagged {
                    Untagged::Anywhere => true,
                    Untagged::NotFirst => i > 0,
                    Untagged::Alone => {
                        let capitalised =
                            |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
                        // "30 PPG": short capitals are also abbreviations.
                        let abbreviation = end == i + 1
                            && words[i].len() <= 4
                            && !words[i].chars().any(char::is_lowercase);
                        i > 0
                            && !abbreviation
                            && !capitalised(&words[i - 1])
                            && !words.get(end).is_some_and(capitalised)
                            && !reads_as_title_case(words)
                    }
                };
            let exactly_one_span = matches!(
                overlapping.as_slice(),
                [(s, e, kind)] if *s == i && *e == end && (*kind == PER || *kind == LOC)
            );
            // A listed name of several words is specific enough to take over the tagger's
            // parts of it ("Extinction [Rebellion]", "[Muslim] Brotherhood").
            let parts_inside = end - i >= 2
                && !overlapping.is_empty()
                && overlapping.iter().all(|&(s, e, _)| i <= s && e <= end);
            if untagged || exactly_one_span || parts_inside {
                write_span(&mut tags[i..end], ORG);
            }
            i = end;
        }
        dateline_agency(words, tags);
        platform_x(words, tags);
    });
}

/// Words before "on" that say a post follows ("wrote on X", "a post on X").
const POSTED: &[&str] = &[
    "wrote",
    "posted",
    "said",
    "post",
    "posts",
    "posting",
    "statement",
    "message",
    "video",
    "account",
    "shared",
    "published",
    "announced",
    "commented",
    "tweeted",
    "comments",
];

/// "X", the social network formerly called Twitter, as news writes it since 2023: "wrote
/// on X", "a post on X", "X, formerly Twitter", "the platform X". Untagged, it is the
/// organisation Twitter was; anywhere else a lone "X" is a letter ("Malcolm X",
/// "Generation X", "X-ray" is one word).
fn platform_x(words: &[&str], tags: &mut [u8]) {
    for i in 0..words.len() {
        if words[i] != "X" || tags[i] != 0 {
            continue;
        }
        let before = |n: usize| i.checked_sub(n).map(|k| words[k]);
        let posted_on = before(1) == Some("on") && before(2).is_some_and(|w| POSTED.contains(&w));
        let platform = matches!(before(1), Some("platform" | "network"));
        let formerly = words
            .get(i + 1..i + 3)
            .is_some_and(|next| matches!(next, [",", "formerly"] | ["(", "formerly"]));
        if posted_on || platform || formerly {
            write_span(&mut tags[i..=i], ORG);
        }
    }
}

/// Dashes that end a dateline ("WASHINGTON (AP) —").
const DATELINE_DASHES: &[&str] = &["-", "--", "—", "–"];

/// The agency a dateline credits in brackets: "HANOI , Vietnam ( AP ) —", "BEIJING , Nov
/// 19 ( Reuters ) -". One capitalised word in brackets before a dash, early in the
/// sentence, after a place or a date; the tagger misses short ones ("AP", "UPI", "PTI") or
/// calls them MISC.
fn dateline_agency(words: &[&str], tags: &mut [u8]) {
    const EARLY: usize = 10;
    let Some(open) = words.iter().take(EARLY).position(|&w| w == "(") else {
        return;
    };
    let (Some(agency), Some(&")"), Some(dash)) = (
        words.get(open + 1),
        words.get(open + 2),
        words.get(open + 3),
    ) else {
        return;
    };
    if open == 0
        || !DATELINE_DASHES.contains(dash)
        || !agency.chars().next().is_some_and(char::is_uppercase)
        || agency.chars().any(|c| !c.is_alphabetic())
    {
        return;
    }
    let spans = tag_spans(tags);
    let before = words[open - 1];
    let after_place = spans.iter().any(|&(_, e, kind)| e == open && kind == LOC);
    let after_date = before.chars().all(|c| c.is_ascii_digit()) && open >= 2;
    let own = spans
        .iter()
        .find(|&&(s, e, _)| s <= open + 1 && open + 1 < e)
        .copied();
    let alone = own.is_none_or(|(s, e, _)| s == open + 1 && e == open + 2);
    if (after_place || after_date) && alone {
        write_span(&mut tags[open + 1..open + 2], ORG);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_rule;

    fn tagged(text: &str, iob: &str) -> String {
        after_rule(text, iob, |s, t| tag(s, t))
    }

    #[test]
    fn a_dateline_credits_its_agency() {
        assert_eq!(
            tagged(
                "HANOI , Vietnam ( AP ) — U.S. officials",
                "B-LOC O B-LOC O O O O B-LOC O"
            ),
            "B-LOC O B-LOC O B-ORG O O B-LOC O"
        );
        assert_eq!(
            tagged(
                "WASHINGTON ( AP ) — New uncertainty",
                "B-LOC O B-MISC O O O O"
            ),
            "B-LOC O B-ORG O O O O"
        );
        assert_eq!(
            tagged(
                "BEIJING , Nov 19 ( UPI ) - China",
                "B-LOC O O O O O O O B-LOC"
            ),
            "B-LOC O O O O B-ORG O O B-LOC"
        );
        // Brackets elsewhere are no dateline's.
        assert_eq!(
            tagged("He said ( AP ) - that", "O O O O O O O"),
            "O O O O O O O"
        );
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
        // A listed name of several words takes over the parts the tagger found.
        assert_eq!(
            tagged(
                "Extinction Rebellion and Black Lives Matter marched",
                "O B-ORG O B-MISC O O O"
            ),
            "B-ORG I-ORG O B-ORG I-ORG I-ORG O"
        );
    }

    #[test]
    fn listed_companies_are_typed_and_found_only_where_they_stand_alone() {
        // Typed wherever the tagger made them a person or place.
        assert_eq!(
            tagged("Infineon and Glencore fell", "B-PER O B-LOC O"),
            "B-ORG O B-ORG O"
        );
        // Found when missed mid-sentence, between lower-case words.
        assert_eq!(tagged("shares of Infineon fell", "O O O O"), "O O B-ORG O");
        // Not first in a sentence, not next to another capitalised word, not in a
        // capitalised headline, not an abbreviation.
        assert_eq!(tagged("scored 30 PPG and 5", "O O O O O"), "O O O O O");
        assert_eq!(tagged("Infineon shares fell", "O O O"), "O O O");
        assert_eq!(tagged("the Infineon Arena opened", "O O O O"), "O O O O");
        assert_eq!(
            tagged("Shares Of Infineon Fall Again", "O O O O O"),
            "O O O O O"
        );
        // The hand-written list keeps its own rule, also where a listed company's name
        // starts with a hand-written one ("Airtel Africa").
        assert_eq!(tagged("Hezbollah Media said", "O O O"), "B-ORG O O");
        assert_eq!(tagged("Airtel Africa said", "O B-LOC O"), "B-ORG B-LOC O");
    }

    #[test]
    fn x_is_the_social_network_only_where_a_post_is_on_it() {
        assert_eq!(
            tagged("Tedros wrote on X that the trial", "B-PER O O O O O O"),
            "B-PER O O B-ORG O O O"
        );
        assert_eq!(
            tagged("X , formerly Twitter , said", "O O O B-ORG O O"),
            "B-ORG O O B-ORG O O"
        );
        assert_eq!(
            tagged("Malcolm X was killed", "B-PER I-PER O O"),
            "B-PER I-PER O O"
        );
        assert_eq!(tagged("Generation X voters", "O O O"), "O O O");
        assert_eq!(tagged("bet on X and Y", "O O O O O"), "O O O O O");
    }
}
