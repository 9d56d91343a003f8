//! A rule-based baseline tagger: capitalised-name spans classified by small built-in lists.
//!
//! Owns nothing but its rules. Spans of capitalised words (allowing "of", "for", "and", "the"
//! inside organisation names) are places when a country/city list knows them, organisations
//! when they end in an organisation word or are short acronyms, and people when a title
//! precedes them or they look like a two-to-four word name. Honest and fast, not accurate:
//! the trained model replaces it behind the same `Tagger` interface.

use super::{Mention, Tagger};
use crate::article::EntityKind;

pub struct BaselineTagger;

const PLACES: &[&str] = &[
    "afghanistan",
    "africa",
    "america",
    "argentina",
    "asia",
    "australia",
    "austria",
    "belgium",
    "beijing",
    "berlin",
    "brazil",
    "britain",
    "brussels",
    "canada",
    "china",
    "damascus",
    "england",
    "europe",
    "france",
    "gaza",
    "germany",
    "greece",
    "india",
    "indonesia",
    "iran",
    "iraq",
    "ireland",
    "israel",
    "italy",
    "japan",
    "jerusalem",
    "kabul",
    "kyiv",
    "kiev",
    "london",
    "los angeles",
    "mexico",
    "moscow",
    "netherlands",
    "new york",
    "new zealand",
    "nigeria",
    "north korea",
    "northern ireland",
    "pakistan",
    "paris",
    "poland",
    "pyongyang",
    "russia",
    "saudi arabia",
    "scotland",
    "seoul",
    "singapore",
    "south africa",
    "south korea",
    "spain",
    "sweden",
    "switzerland",
    "syria",
    "taiwan",
    "tehran",
    "tokyo",
    "turkey",
    "uk",
    "ukraine",
    "united kingdom",
    "united states",
    "us",
    "usa",
    "vladivostok",
    "wales",
    "washington",
    "edinburgh",
    "manchester",
    "liverpool",
    "dublin",
    "madrid",
    "rome",
    "hong kong",
    "egypt",
    "cairo",
    "kenya",
    "denmark",
    "norway",
    "finland",
    "portugal",
    "chile",
    "colombia",
    "peru",
    "venezuela",
    "cuba",
    "vietnam",
    "thailand",
    "malaysia",
    "philippines",
    "crimea",
    "donbas",
    "lebanon",
    "jordan",
    "qatar",
    "dubai",
    "iceland",
];

const ORG_WORDS: &[&str] = &[
    "agency",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "club",
    "commission",
    "committee",
    "company",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "endowment",
    "federation",
    "forum",
    "foundation",
    "fund",
    "group",
    "house",
    "inc",
    "institute",
    "league",
    "ltd",
    "ministry",
    "nations",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "plc",
    "police",
    "service",
    "society",
    "times",
    "union",
    "united",
    "university",
    "kremlin",
    "pentagon",
    "airlines",
    "motors",
    "reuters",
];

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "minister",
    "leader",
    "spokesman",
    "spokeswoman",
    "senator",
    "secretary",
    "chancellor",
    "judge",
    "king",
    "queen",
    "prince",
    "general",
    "professor",
    "chairman",
    "said",
    "told",
    "says",
    "according",
];

/// Capitalised words that start sentences or are common on their own, not names.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "if",
    "as",
    "for",
    "of",
    "to",
    "with",
    "by",
    "from",
    "after",
    "before",
    "when",
    "while",
    "mr",
    "mrs",
    "ms",
    "dr",
    "image",
    "caption",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "what",
    "who",
    "how",
    "why",
    "some",
    "many",
    "more",
    "most",
    "one",
    "two",
    "also",
    "so",
    "yet",
    "however",
    "meanwhile",
    "photos",
    "weapons",
    "high",
    "his",
    "last",
    "first",
    "new",
    "leave",
    "your",
    "required",
];

const CONNECTORS: &[&str] = &["of", "for", "and", "the", "de", "&"];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

impl Tagger for BaselineTagger {
    fn mentions(&self, parts: &[&str]) -> Vec<Mention> {
        parts.iter().flat_map(|p| self.mentions_in(p)).collect()
    }
}

impl BaselineTagger {
    fn mentions_in(&self, text: &str) -> Vec<Mention> {
        // Words with surrounding punctuation removed, and whether punctuation after the word
        // closes a span (commas, sentence ends, brackets, quotes).
        let words: Vec<(&str, bool)> = text
            .split_whitespace()
            .map(|raw| {
                let w = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
                let core =
                    w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
                let closes = core.len() < w.len() || core.ends_with(['\'', '’']);
                (core, closes)
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (word, _) = words[i];
            if !is_capitalised(word) || STOP.contains(&word.to_lowercase().as_str()) {
                i += 1;
                continue;
            }
            // Extend the span over capitalised words and inner connectors.
            let start = i;
            let mut end = i + 1;
            while end < words.len() && !words[end - 1].1 {
                let w = words[end].0;
                if is_capitalised(w) {
                    end += 1;
                } else if CONNECTORS.contains(&w)
                    && !words[end].1
                    && words.get(end + 1).is_some_and(|n| is_capitalised(n.0))
                {
                    end += 2;
                } else {
                    break;
                }
            }
            let span: Vec<&str> = words[start..end].iter().map(|w| w.0).collect();
            let text = span.join(" ");
            let previous = start.checked_sub(1).map(|p| words[p].0.to_lowercase());
            if let Some(kind) = classify(&text, &span, previous.as_deref()) {
                out.push(Mention { text, kind });
            }
            i = end;
        }
        out
    }
}

fn classify(text: &str, span: &[&str], previous: Option<&str>) -> Option<EntityKind> {
    let stem = super::normalize::strip_possessive(text);
    let lower = stem.to_lowercase();
    if PLACES.contains(&lower.as_str()) {
        return Some(EntityKind::Place);
    }
    let last = super::normalize::strip_possessive(span.last()?).to_lowercase();
    if ORG_WORDS.contains(&last.as_str()) || ORG_WORDS.contains(&lower.as_str()) {
        return Some(EntityKind::Org);
    }
    let letters: Vec<char> = stem.chars().filter(|c| c.is_alphabetic()).collect();
    if span.len() == 1
        && (2..=5).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
    {
        return Some(EntityKind::Org);
    }
    let after_title = previous.is_some_and(|p| TITLES.contains(&p.trim_end_matches('.')));
    let first_is_title = TITLES.contains(&span[0].to_lowercase().trim_end_matches('.'));
    if after_title || first_is_title || (2..=4).contains(&span.len()) {
        if span
            .iter()
            .any(|w| PLACES.contains(&w.to_lowercase().as_str()))
        {
            return None;
        }
        return Some(EntityKind::Person);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_obvious() {
        let m = BaselineTagger.mentions_in(
            "President Vladimir Putin met Kim Jong Un in Vladivostok, the KCNA agency said.",
        );
        let got: Vec<(&str, EntityKind)> = m.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        assert!(
            got.contains(&("President Vladimir Putin", EntityKind::Person)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Kim Jong Un", EntityKind::Person)),
            "{got:?}"
        );
        assert!(got.contains(&("Vladivostok", EntityKind::Place)), "{got:?}");
        assert!(got.contains(&("KCNA", EntityKind::Org)), "{got:?}");
    }
}
