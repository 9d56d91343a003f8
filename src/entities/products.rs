//! A company's name written before its product's name ("[Apple AirPods Pro]", "[Nintendo
//! Switch Lite]", "[Motorola Razr V3]"), which taggers read as one organisation: the company
//! keeps ORG and the product becomes MISC, as CoNLL-style annotation splits them and as a
//! reader who filters by the company expects ("Apple", not "Apple AirPods Pro", in the
//! story's organisations).
//!
//! Also a listed product no company, person or place shares ("PlayStation Portable",
//! "PSP", "Xbox Series X", "iTunes", "787 Dreamliner"): a person, place or organisation
//! span that starts with one is MISC.
//!
//! Owns splitting such organisation spans and retyping listed products, per document,
//! after decoding; both taggers run it after `companies::relabel`. The company must be
//! known: tagged alone as an organisation elsewhere in the document, or listed
//! (`known_orgs::is_listed`); the product must read as one: a model code, inner capitals,
//! a product line's word ("Pro", "Lite"), or tagged MISC alone in the document. It must
//! not create or retype other spans, and it leaves a name whose tail is an organisation's
//! own word ("Sony Pictures", "Toyota Motor", "CBS Sports"), a country or region ("Samsung
//! India") or an event's ("Apple Worldwide Developers Conference"), or that joins two
//! companies ("Sony Ericsson").

use std::collections::HashSet;

use super::normalize::{COMPANY_TAILS, CORPORATE_TAILS, LEGAL_SUFFIXES};
use super::perceptron::{MISC, ORG, each_sentence, tag_spans, write_span};
use super::places::{Gazetteer, InPassing};

/// Words that make the tail an organisation's own name, a place or an event, not a
/// product (lowercased; `COMPANY_TAILS`, `CORPORATE_TAILS` and `LEGAL_SUFFIXES` count too).
const NOT_PRODUCT_WORDS: &[&str] = &[
    "pictures",
    "studios",
    "studio",
    "records",
    "music",
    "news",
    "sports",
    "business",
    "channel",
    "games",
    "labs",
    "lab",
    "foundation",
    "institute",
    "university",
    "college",
    "school",
    "hospital",
    "air",
    "express",
    "cloud",
    "capital",
    "research",
    "fund",
    "trust",
    "club",
    "team",
    "racing",
    "global",
    "world",
    "press",
    "books",
    "publishing",
    "television",
    "radio",
    "network",
    "digital",
    "services",
    "solutions",
    "consulting",
    "financial",
    "store",
    "stores",
    "arena",
    "stadium",
    "center",
    "centre",
    "park",
    "hall",
    "conference",
    "summit",
    "awards",
    "award",
    "prize",
    "cup",
    "open",
    "festival",
    "day",
    "week",
    "show",
    "expo",
    "forum",
    "championship",
    "league",
    "series",
    "tour",
    "auto",
    "aerospace",
    "defense",
    "defence",
    "europe",
    "asia",
    "africa",
    "america",
    "americas",
    "pacific",
    "international",
    "co",
    "company",
    "brothers",
    "bros",
    "family",
    "and",
    "of",
    "&",
    "the",
    "for",
    // Legal forms beyond `LEGAL_SUFFIXES` ("Pirelli SpA").
    "spa",
    "s.p.a",
    "kgaa",
    "bhd",
    "berhad",
    "tbk",
    "oyj",
    "asa",
    "ab",
    "pty",
    "sarl",
    "bv",
    "kk",
    "se",
    "lp",
    "llp",
];

/// The longest company names looked for at the start of an organisation span (the
/// shortest is tried first: "Nintendo" of "Nintendo Switch Lite", though the tagger may
/// call "Nintendo Switch" an organisation elsewhere).
const MAX_COMPANY_WORDS: usize = 2;
/// The longest product names split off.
const MAX_PRODUCT_WORDS: usize = 3;

/// Could `word` be part of a product's name: capitalised, a number or model code, or an
/// "iPhone"-style word, and not a word of `NOT_PRODUCT_WORDS` or a country?
fn product_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let shaped = first.is_uppercase()
        || first.is_ascii_digit()
        || (first.is_lowercase() && chars.any(char::is_uppercase));
    let lower = word.trim_end_matches('.').to_lowercase();
    let organisation = NOT_PRODUCT_WORDS.contains(&lower.as_str())
        || COMPANY_TAILS.contains(&lower.as_str())
        || CORPORATE_TAILS.contains(&lower.as_str())
        || LEGAL_SUFFIXES.contains(&lower.as_str());
    shaped
        && !organisation
        && !super::demonyms::is_demonym(word)
        && !matches!(
            Gazetteer::embedded().in_passing(word),
            InPassing::Country(_)
        )
}

/// Words of product lines' names ("Switch Lite", "AirPods Pro").
const MODEL_WORDS: &[&str] = &["Pro", "Max", "Mini", "Lite", "Ultra", "XL", "Note", "Fold"];

/// Racing series' codes after a team's name ("McLaren F1"): the team, not a product.
const RACING_CODES: &[&str] = &["F1", "F2", "F3", "GP", "GP2", "GP3"];

/// Does `word` read as a product's, not a company's: a model code ("PS4", "X5",
/// "AW3418DW"; not a bare number: "BBC Radio 4", "Band Aid 20"), a word in inner capitals ("AirPods", "PlayStation", "iPhone"; not "McLaren"
/// or "MacDonald"), or a product line's word (`MODEL_WORDS`)?
fn model_word(word: &str) -> bool {
    let inner_capital = word.char_indices().skip(1).any(|(i, c)| {
        c.is_uppercase()
            && word[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_lowercase)
    });
    let surname = ["Mc", "Mac", "O'", "O’"].iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
    }) && !word.starts_with("MacBook");
    let code = word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(char::is_uppercase);
    (code && !RACING_CODES.contains(&word))
        || (inner_capital && !surname)
        || MODEL_WORDS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Split the company-and-product organisation spans of one document in place.
pub fn split<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    listed_products(sentences, tagged);
    // Organisations the document names alone, of up to MAX_COMPANY_WORDS words, and
    // MISC names of up to MAX_PRODUCT_WORDS.
    let mut alone: HashSet<Vec<&str>> = HashSet::new();
    let mut misc_alone: HashSet<Vec<&str>> = HashSet::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter()) {
        let words = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            let name = || words[start..end].iter().map(AsRef::as_ref).collect();
            if end > words.len() {
                continue;
            }
            if kind == ORG && end - start <= MAX_COMPANY_WORDS {
                alone.insert(name());
            } else if kind == MISC && end - start <= MAX_PRODUCT_WORDS {
                misc_alone.insert(name());
            }
        }
    }
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let words: Vec<&str> = sentence.as_ref().iter().map(AsRef::as_ref).collect();
        let tags = tags.as_mut();
        if words.len() != tags.len() {
            continue;
        }
        for (start, end, kind) in tag_spans(tags) {
            if kind != ORG || end - start < 2 {
                continue;
            }
            let longest = MAX_COMPANY_WORDS.min(end - start - 1);
            let company = (1..=longest).find(|&k| {
                let (name, product) = (&words[start..start + k], &words[start + k..end]);
                // The lookups first: `product_word` reads the gazetteer.
                (alone.contains(name) || super::known_orgs::is_listed(name))
                    && product.len() <= MAX_PRODUCT_WORDS
                    && (product.iter().any(|w| model_word(w)) || misc_alone.contains(product))
                    && product.iter().all(|w| product_word(w))
                    // "Sony Ericsson": two companies' names make a third company.
                    && !(alone.contains(product) || super::known_orgs::is_listed(product))
                    && !(alone.contains(&product[..1]) || super::known_orgs::is_listed(&product[..1]))
            });
            if let Some(k) = company {
                write_span(&mut tags[start..start + k], ORG);
                write_span(&mut tags[start + k..end], MISC);
            }
        }
    }
}

/// Products whose names no company, person or place shares, as news writes them; a
/// person, place or organisation span that starts with one ("PlayStation 5", "Xbox Series
/// X", "PSP", "787 Dreamliner" aside) is the product, MISC. Not names that are also
/// companies or words ("Skype", "Galaxy", "Windows" alone, "Office").
const PRODUCTS: &[&str] = &[
    "PlayStation",
    "PSP",
    "Xbox",
    "Wii",
    "GameCube",
    "iPod",
    "iPods",
    "iPhone",
    "iPhones",
    "iPad",
    "iPads",
    "iTunes",
    "iMac",
    "MacBook",
    "Walkman",
    "Kindle",
    "Android",
    "Gmail",
    "Firefox",
    "Pentium",
    "Prius",
    "Dreamliner",
    "Viagra",
    "Vioxx",
];

/// Product names of two words whose first word alone is no product ("Game Boy"; a
/// company's name before its product, "Nintendo DS", is `split`'s).
const TWO_WORD_PRODUCTS: &[[&str; 2]] = &[["Game", "Boy"], ["Windows", "XP"], ["Windows", "Vista"]];

/// Retype person, place and organisation spans that start with a listed product
/// (`PRODUCTS`, `TWO_WORD_PRODUCTS`) as MISC: CoNLL-2003 types products so, and a
/// reader filtering by organisation wants Sony, not "PlayStation Portable".
fn listed_products<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            let first = words[start];
            let listed = PRODUCTS.contains(&first)
                || (end - start >= 2 && TWO_WORD_PRODUCTS.contains(&[first, words[start + 1]]));
            if kind != MISC && listed {
                write_span(&mut tags[start..end], MISC);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_document_rule;

    fn split_doc(doc: &[(&str, &str)]) -> Vec<String> {
        after_document_rule(doc, |words, tags| split(words, tags))
    }

    #[test]
    fn listed_products_are_misc_whatever_the_tagger_said() {
        let out = split_doc(&[
            (
                "Sony 's PlayStation Portable and the PSP rose",
                "B-ORG O B-ORG I-ORG O O B-ORG O",
            ),
            (
                "a Game Boy and Xbox Series X",
                "O B-ORG I-ORG O B-ORG I-ORG I-ORG",
            ),
            // A name that only contains one stays.
            ("Nintendo and Sony Walkman staff", "B-ORG O B-ORG I-ORG O"),
        ]);
        assert_eq!(out[0], "B-ORG O B-MISC I-MISC O O B-MISC O");
        assert_eq!(out[1], "O B-MISC I-MISC O B-MISC I-MISC I-MISC");
        assert_eq!(out[2], "B-ORG O B-ORG I-ORG O");
    }

    #[test]
    fn a_company_named_alone_in_the_story_is_split_from_its_product() {
        let out = split_doc(&[
            ("Apple AirPods Pro for $ 235", "B-ORG I-ORG I-ORG O O O"),
            ("Apple cut prices", "B-ORG O O"),
        ]);
        assert_eq!(out[0], "B-ORG B-MISC I-MISC O O O");
        // Without the company alone (and not listed) the span stays whole.
        let out = split_doc(&[("Zorblax AirPods Pro", "B-ORG I-ORG I-ORG")]);
        assert_eq!(out[0], "B-ORG I-ORG I-ORG");
    }

    #[test]
    fn a_listed_company_needs_no_mention_alone_but_the_product_must_read_as_one() {
        // "Nintendo" is listed; "Lite" is a product line's word, "Move" is no product sign.
        let out = split_doc(&[("the Nintendo Switch Lite for", "O B-ORG I-ORG I-ORG O")]);
        assert_eq!(out[0], "O B-ORG B-MISC I-MISC O");
        let out = split_doc(&[("With Nintendo Move , the", "O B-ORG I-ORG O O")]);
        assert_eq!(out[0], "O B-ORG I-ORG O O");
        // A name MISC alone in the story is a product.
        let out = split_doc(&[
            ("With Nintendo Move , the", "O B-ORG I-ORG O O"),
            ("Move is new", "B-MISC O O"),
        ]);
        assert_eq!(out[0], "O B-ORG B-MISC O O");
        // Company names stay whole: "BBC One", "Real Madrid", "Merrill Lynch".
        for text in ["BBC One", "Real Madrid", "Merrill Lynch", "Mercedes Benz"] {
            let company = text.split(' ').next().unwrap();
            let out = split_doc(&[(text, "B-ORG I-ORG"), (company, "B-ORG")]);
            assert_eq!(out[0], "B-ORG I-ORG", "{text}");
        }
    }

    #[test]
    fn an_organisations_own_words_places_and_events_stay_whole() {
        for (text, tags) in [
            ("Sony Pictures said", "B-ORG I-ORG O"),
            ("Toyota Motor said", "B-ORG I-ORG O"),
            ("Samsung India said", "B-ORG I-ORG O"),
            (
                "Apple Worldwide Developers Conference",
                "B-ORG I-ORG I-ORG I-ORG",
            ),
        ] {
            let company = text.split(' ').next().unwrap();
            let out = split_doc(&[(text, tags), (company, "B-ORG")]);
            assert_eq!(out[0], tags, "{text}");
        }
        // Each guard on its own: the tails below would split without it, since each
        // is named alone as a product elsewhere (MISC) or reads as one ("YouTube").
        for (text, other) in [
            ("Sony Pictures said", ("Pictures", "B-MISC")),
            ("Samsung India said", ("India", "B-MISC")),
            ("Toyota Motor said", ("Motor", "B-MISC")),
            // Two companies' names make a third ("Sony Ericsson"), or a subsidiary.
            ("Alphabet YouTube said", ("YouTube", "B-ORG")),
        ] {
            let company = text.split(' ').next().unwrap();
            let out = split_doc(&[(text, "B-ORG I-ORG O"), (company, "B-ORG"), other]);
            assert_eq!(out[0], "B-ORG I-ORG O", "{text}");
        }
        // A racing team's series is no product.
        let out = split_doc(&[("McLaren F1 said", "B-ORG I-ORG O"), ("McLaren", "B-ORG")]);
        assert_eq!(out[0], "B-ORG I-ORG O");
    }
}
