//! A department's name before an office is part of the office's title, not an organisation:
//! "[U.S.] Treasury Secretary Steven Mnuchin", "[Philippine] Health Secretary", "Defence
//! Minister". A tagger reads "U.S. Treasury" or "Health and Human Services" as an
//! organisation there, so the story lists a department it names only as a title and loses
//! its country. CoNLL-2003 leaves such words untagged ("Foreign" before "Minister" in 35 of
//! 35 cases of its training data) and tags the country alone.
//!
//! Owns retyping an organisation span that ends in department words right before an office
//! word, per sentence, after decoding: the department words are untagged, and what comes
//! before them becomes a place (a country or region, by the gazetteer, or "Philippine",
//! which CoNLL-2003 types so), a nationality (MISC, "Indonesian"), or stays an
//! organisation ("EU Trade Commissioner"); words of the title before the department are
//! untagged too ("Shadow Education Secretary"). India's "Union" before "government" or an
//! office ("the Union government", "Union Minister") is untagged alone. Both taggers run it after
//! `nationalities::retype`. It must not touch a span that an office word does
//! not follow ("the Treasury Department", "Foreign Office spokesman"; a lone "Union" before
//! "government" or "ministry" aside), nor one that does not end in a department's words
//! ("Pakistan Foreign Office Secretary", "Party Secretary").

use super::demonyms::is_demonym;
use super::nationalities::is_nationality;
use super::perceptron::{LOC, MISC, ORG, each_sentence, tag_spans, write_span};
use super::places::Gazetteer;

/// Office words a department's name precedes in a title.
const OFFICES: &[&str] = &[
    "Secretary",
    "Secretaries",
    "Minister",
    "Ministers",
    "Representative",
    "Commissioner",
    "Undersecretary",
    "Under-Secretary",
];

/// Words of departments' names as titles write them ("Health and Human Services", "Home",
/// "Air Force"). "State" is left out: "Secretary of State" comes after the office word,
/// and "State Secretary" before it is rare and ambiguous.
const DEPARTMENT_WORDS: &[&str] = &[
    "Treasury",
    "Defense",
    "Defence",
    "Foreign",
    "Finance",
    "Energy",
    "Health",
    "Trade",
    "Interior",
    "Home",
    "Commerce",
    "Justice",
    "Agriculture",
    "Education",
    "Labor",
    "Labour",
    "Transport",
    "Transportation",
    "Environment",
    "Homeland",
    "Security",
    "Veterans",
    "Affairs",
    "Housing",
    "Human",
    "Services",
    "Economy",
    "Economic",
    "Culture",
    "Tourism",
    "Information",
    "Communications",
    "Industry",
    "Petroleum",
    "Mines",
    "Mining",
    "Water",
    "Budget",
    "Planning",
    "Immigration",
    "Development",
    "Navy",
    "Army",
    "Air",
    "Force",
    "Cabinet",
    "Sports",
    "Youth",
    "Women",
    "Social",
    "Welfare",
    "Digital",
    "Science",
    "Technology",
    "Fisheries",
    "Oil",
    "Gas",
    "Power",
    "Public",
    "Works",
    "Internal",
    "External",
    "Constitutional",
    "Monetary",
    "Fiscal",
    "Financial",
    "Higher",
    "Legal",
    "Rural",
    "Urban",
    "Regional",
    "Local",
    "Government",
    "and",
    "&",
];

fn is_department_word(word: &str) -> bool {
    DEPARTMENT_WORDS.contains(&word)
}

/// Retype the department titles of each sentence in place.
pub fn untag<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            // India's "Union government", "Union minister": the word is an adjective of the
            // federal state, no organisation.
            if kind == ORG
                && words[start..end] == ["Union"]
                && words.get(end).is_some_and(|w| {
                    OFFICES.contains(w)
                        || matches!(
                            *w,
                            "government"
                                | "minister"
                                | "ministers"
                                | "ministry"
                                | "territory"
                                | "territories"
                        )
                })
            {
                tags[start] = 0;
                continue;
            }
            if kind != ORG || !words.get(end).is_some_and(|w| OFFICES.contains(w)) {
                continue;
            }
            // The department words the span ends in; "and" may not start them.
            let mut cut = end;
            while cut > start && is_department_word(words[cut - 1]) {
                cut -= 1;
            }
            while cut < end && matches!(words[cut], "and" | "&") {
                cut += 1;
            }
            if cut == end {
                continue;
            }
            tags[cut..end].fill(0);
            // Words of the title before the department ("Shadow", "Chief", "Deputy").
            let mut start = start;
            while start < cut && TITLE_WORDS.contains(&words[start]) {
                tags[start] = 0;
                start += 1;
            }
            if cut == start {
                continue;
            }
            let before = &words[start..cut];
            let one = (before.len() == 1).then(|| before[0]);
            let kind = if one.is_some_and(is_nationality) {
                MISC
            } else if one.is_some_and(is_demonym) // a demonym CoNLL reads as a place
                || names_a_country_or_region(&before.join(" "))
            {
                LOC
            } else if one.is_some_and(|w| CONTINENT_ADJECTIVES.contains(&w)) {
                MISC
            } else {
                ORG
            };
            write_span(&mut tags[start..cut], kind);
        }
    });
}

/// Adjectives of continents and unions, MISC as nationality words are ("European Trade
/// Commissioner").
const CONTINENT_ADJECTIVES: &[&str] = &["European", "African", "Asian", "Arab", "Nordic"];

/// Words of a title before a department's name: "Shadow Education Secretary", "Chief
/// Treasury Secretary", "Deputy Foreign Minister".
const TITLE_WORDS: &[&str] = &[
    "Shadow",
    "Chief",
    "Deputy",
    "Junior",
    "Senior",
    "Acting",
    "Former",
    "Assistant",
    "First",
    "Principal",
    "Parliamentary",
    "Permanent",
    "Vice",
    "Interim",
    "Caretaker",
];

/// A country ("U.S.", "Kenya") or a country's region ("California"), as a title's leading
/// place names one; not a city.
fn names_a_country_or_region(name: &str) -> bool {
    Gazetteer::embedded().country_or_region(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_rule;

    fn untagged(text: &str, iob: &str) -> String {
        after_rule(text, iob, |s, t| untag(s, t))
    }

    #[test]
    fn department_words_before_an_office_leave_the_organisation() {
        assert_eq!(
            untagged(
                "U.S. Treasury Secretary Steven Mnuchin said",
                "B-ORG I-ORG O B-PER I-PER O"
            ),
            "B-LOC O O B-PER I-PER O"
        );
        assert_eq!(
            untagged(
                "U.S. Health and Human Services Secretary Alex Azar",
                "B-ORG I-ORG I-ORG I-ORG I-ORG O B-PER I-PER"
            ),
            "B-LOC O O O O O B-PER I-PER"
        );
        assert_eq!(
            untagged(
                "Indonesian Health Minister Budi Sadikin",
                "B-ORG I-ORG O B-PER I-PER"
            ),
            "B-MISC O O B-PER I-PER"
        );
        assert_eq!(
            untagged("Treasury Secretary Steven Mnuchin", "B-ORG O B-PER I-PER"),
            "O O B-PER I-PER"
        );
        assert_eq!(
            untagged(
                "Shadow Constitutional Affairs Secretary Oliver Heald",
                "B-ORG I-ORG I-ORG O B-PER I-PER"
            ),
            "O O O O B-PER I-PER"
        );
        assert_eq!(
            untagged(
                "EU Trade Commissioner Phil Hogan",
                "B-ORG I-ORG O B-PER I-PER"
            ),
            "B-ORG O O B-PER I-PER"
        );
    }

    #[test]
    fn departments_and_offices_by_name_stay() {
        // No office word after the span.
        assert_eq!(
            untagged("The U.S. Commerce Department said", "O B-ORG I-ORG I-ORG O"),
            "O B-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            untagged(
                "Pakistan Foreign Office spokesperson Zahid Hafeez",
                "B-ORG I-ORG I-ORG O B-PER I-PER"
            ),
            "B-ORG I-ORG I-ORG O B-PER I-PER"
        );
        // A span of other words before an office is left alone.
        assert_eq!(
            untagged("the Party Secretary Li", "O B-ORG O B-PER"),
            "O B-ORG O B-PER"
        );
    }

    #[test]
    fn indias_union_before_government_or_an_office_is_no_organisation() {
        assert_eq!(
            untagged(
                "the Union government and Union Minister Shah",
                "O B-ORG O O B-ORG O B-PER"
            ),
            "O O O O O O B-PER"
        );
        // Unions by name stay.
        assert_eq!(
            untagged("the European Union government summit", "O B-ORG I-ORG O O"),
            "O B-ORG I-ORG O O"
        );
    }
}
