//! Common nouns written in capitals: "IPO", "PPE", "ICU", "GDP", "R&D", "SPACs". A tagger
//! trained on 1996 Reuters, where most words in capitals name an organisation, tags them as
//! organisations in today's business, technology and health news ("Hospitals ran short of
//! [PPE]ORG and [ICU]ORG beds"); CoNLL-2003 leaves them untagged ("GDP" 11 of 11, "EPS" 14
//! of 14, "CEO" 3 of 3 in its training and validation data).
//!
//! Owns the list of such acronyms and untagging them, per sentence, after decoding: a
//! one-word person, place or organisation span that is exactly a listed acronym, or an
//! acronym in the plural ("NGOs", "ADRs": a class of things, not one named thing), becomes
//! untagged, as does a span of listed acronyms in any case joined by slashes ("HIV /
//! Aids"). Both taggers run it after `name_joins::untag_lone_titles`; `normalize` leaves
//! the same words out of entity lists. It must not touch another span of more than one
//! word ("ICU Medical", "LNG Canada"), a MISC span (CoNLL-2003 types "GMT", "HIV", "ADRs"
//! MISC), or a lone word not written in capitals ("Ai" is a family name) but a listed
//! currency ("the [Naira]ORG fell").
//!
//! Also the short form a document defines in brackets after a MISC name ("the Belt and
//! Road Initiative (BRI)"), which a tagger reads as an organisation: MISC, per document
//! (`misc_short_forms`).

use super::normalize::{is_acronym, letters_from};
use super::perceptron::{MISC, each_sentence, tag_spans, write_span};
use super::word_list::WordList;

/// Acronyms of common nouns, as written, with the technologies of telecoms and consumer
/// electronics ("3G", "5G", "DRM", "IPTV"), which the tagger reads as companies in
/// technology news. Left out because they also name organisations or places in news:
/// "API" (American Petroleum Institute), "PR" (Puerto Rico), "TV" and "PC" (inside channel
/// and shop names), "OTC", "UMD" (a university), "NFC" (a football conference), "AR".
static COMMON: WordList = WordList::new(&[
    "2G", "3G", "4G", "5G", "6G", "ADHD", "ADSL", "AGM", "AI", "AIDS", "ATM", "CDMA", "CEO", "CFO",
    "CIO", "CMO", "COO", "CPI", "CPU", "CTO", "DAB", "DIY", "DNA", "DRM", "DSL", "DVD", "EBITDA",
    "EPS", "ESG", "ETF", "EV", "FAQ", "GDP", "GNP", "GPS", "GPU", "GSM", "HD", "HDTV", "HIV",
    "ICBM", "ICU", "IED", "IPO", "IPTV", "IVF", "KPI", "LCD", "LED", "LNG", "LPG", "LTE", "M&A",
    "MEP", "MP3", "MRI", "MSP", "NFT", "OLED", "PCR", "PDA", "PDF", "PM", "PMI", "PPE", "PTSD",
    "PVR", "R&B", "R&D", "ROI", "RSS", "SIM", "SLBM", "SMS", "SPAC", "SSD", "SUV", "UFO", "USB",
    "VAT", "VIP", "VPN", "VR",
]);

/// Currencies, which news from Nigeria, Ghana, Ethiopia, Kenya and South Asia capitalises
/// ("the Naira fell", "the Birr weakened") and the fast tier read as organisations or
/// places; CoNLL-2003 leaves currencies untagged, and the English Worldwide Newswire set's
/// Money class is no PER, LOC or ORG. Left out: those that are also names or places
/// ("Rand", "Real", "Yuan", "Yen", "Won", "Dong", "Kwanza", "Leone", "Colon", "Cordoba",
/// "Lempira", "Bolivar", "Sol", "Pula", "Lira", "Mark", "Afghani", "Euro").
static CURRENCIES: WordList = WordList::new(&[
    "Naira",
    "Cedi",
    "Cedis",
    "Birr",
    "Shilling",
    "Shillings",
    "Kwacha",
    "Rupee",
    "Rupees",
    "Taka",
    "Ringgit",
    "Baht",
    "Rupiah",
    "Renminbi",
    "Dirham",
    "Dirhams",
    "Riyal",
    "Riyals",
    "Dinar",
    "Dinars",
    "Metical",
    "Meticais",
    "Dalasi",
    "Ouguiya",
    "Quetzal",
    "Tugrik",
    "Togrog",
    "Manat",
    "Tenge",
    "Hryvnia",
    "Rouble",
    "Roubles",
    "Ruble",
    "Rubles",
    "Shekel",
    "Shekels",
    "Kyat",
    "Riel",
    "Ngultrum",
    "Rufiyaa",
    "Lilangeni",
    "Emalangeni",
    "Pataca",
    "Nakfa",
    "Ariary",
    "Forint",
    "Zloty",
    "Koruna",
    "Peso",
    "Pesos",
    "Dollar",
    "Dollars",
    "Kina",
    "Vatu",
    "Tala",
    "Pa'anga",
]);

/// Is `word` a common noun in capitals ("IPO"), or an acronym in the plural ("SPACs",
/// "NGOs", "MPs")?
pub fn is_common_noun(word: &str) -> bool {
    // Every listed word and plural acronym has a capital or a digit in its first place and
    // no lowercase letter in its second ("IPO", "MEPs", "5G"); most names do not
    // ("Reuters"): that test first.
    let mut bytes = word.bytes();
    let capitals = bytes
        .next()
        .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && bytes.next().is_some_and(|b| !b.is_ascii_lowercase());
    capitals && (COMMON.contains(word) || word.strip_suffix('s').is_some_and(is_acronym))
}

/// Is `words` listed acronyms joined by slashes, in any case: "HIV / Aids" (the tokeniser
/// splits "HIV/Aids" as CoNLL text does)?
fn common_nouns_by_slashes(words: &[&str]) -> bool {
    words.len() >= 3
        && words.len() % 2 == 1
        && words.iter().skip(1).step_by(2).all(|w| *w == "/")
        && words
            .iter()
            .step_by(2)
            .all(|w| COMMON.contains(w.to_ascii_uppercase()))
}

/// Untag one-word person, place and organisation spans that are common nouns in capitals
/// (`is_common_noun`) or currencies (`CURRENCIES`), and spans of such nouns joined by
/// slashes ("HIV / Aids").
pub fn untag<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            if kind != MISC
                && ((end == start + 1
                    && (is_common_noun(words[start]) || CURRENCIES.contains(words[start])))
                    || common_nouns_by_slashes(&words[start..end]))
            {
                tags[start..end].fill(0);
            }
        }
    });
}

/// A short form in brackets right after a MISC name of two or more words is that name, not
/// an organisation: "the Belt and Road Initiative ( [BRI]ORG )", "the Malaysia Agreement
/// 1963 ( [MA63]ORG )", "Child Labor Prevention Seal ( [CLPS]ORG )"; the dev sets' gold types
/// each such short form MISC. The short form is a word in capitals whose letters start the
/// name's words (`normalize::letters_from`), tagged as a one-word person, place or
/// organisation; it becomes MISC there and wherever the document tags it alone so. Both
/// taggers run it after `works::relabel`, once `org_joins` has typed organisations' own
/// short forms.
pub fn misc_short_forms<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let mut defined: Vec<String> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter()) {
        let words: Vec<&str> = sentence.as_ref().iter().map(|w| w.as_ref()).collect();
        if !words.contains(&"(") || words.len() != tags.as_ref().len() {
            continue;
        }
        let spans = tag_spans(tags.as_ref());
        for pair in spans.windows(2) {
            let ((start, end, kind), (s, e, short_kind)) = (pair[0], pair[1]);
            if kind == MISC
                && end - start >= 2
                && short_kind != MISC
                && s == end + 1
                && e == s + 1
                && words[end] == "("
                && words.get(e) == Some(&")")
                && is_acronym(words[s])
                && letters_from(words[s], &words[start..end].join(" "))
            {
                defined.push(words[s].to_string());
            }
        }
    }
    if defined.is_empty() {
        return;
    }
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            if kind != MISC && end == start + 1 && defined.iter().any(|d| d == words[start]) {
                write_span(&mut tags[start..end], MISC);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_document_rule;

    /// The rule on one sentence; tags given and returned in IOB2.
    fn untagged(text: &str, tags: &str) -> String {
        after_document_rule(&[(text, tags)], |s, t| untag(s, t)).join(" ")
    }

    #[test]
    fn a_misc_names_short_form_is_misc_across_the_document() {
        let document = [
            (
                "the Belt and Road Initiative ( BRI ) and the WHO ( WHO )",
                "O B-MISC I-MISC I-MISC I-MISC O B-ORG O O O B-ORG O B-ORG O",
            ),
            ("BRI loans and BSE shares", "B-ORG O O B-ORG O"),
        ];
        assert_eq!(
            after_document_rule(&document, |s, t| misc_short_forms(s, t)),
            [
                "O B-MISC I-MISC I-MISC I-MISC O B-MISC O O O B-ORG O B-ORG O",
                "B-MISC O O B-ORG O"
            ]
        );
        // Letters that do not start the name's words: no short form of it.
        let document = [("the World Cup ( FIFA )", "O B-MISC I-MISC O B-ORG O")];
        assert_eq!(
            after_document_rule(&document, |s, t| misc_short_forms(s, t)),
            ["O B-MISC I-MISC O B-ORG O"]
        );
    }

    #[test]
    fn common_nouns_in_capitals_lose_their_tag() {
        assert_eq!(
            untagged(
                "Hospitals ran short of PPE and ICU beds before the IPO",
                "O O O O B-ORG O B-ORG O O O B-ORG"
            ),
            "O O O O O O O O O O O"
        );
        // Currencies, capitalised as Nigerian and Ethiopian news writes them; a family name
        // ("Rand") is no listed currency.
        assert_eq!(
            untagged(
                "the Naira fell against the Birr , Rand said",
                "O B-ORG O O O B-LOC O B-PER O"
            ),
            "O O O O O O O B-PER O"
        );
        // Plural acronyms, and a place reading too.
        assert_eq!(
            untagged("NGOs and SPACs met in GDP", "B-ORG O B-ORG O O B-LOC"),
            "O O O O O O"
        );
        // Joined by slashes, in any case; a band's name is no listed noun.
        assert_eq!(
            untagged(
                "treat HIV / Aids and AC / DC",
                "O B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG"
            ),
            "O O O O O B-ORG I-ORG I-ORG"
        );
        // Titles in capitals.
        assert_eq!(
            untagged(
                "the MEP and the MSP met the PM",
                "O B-ORG O O B-PER O O B-ORG"
            ),
            "O O O O O O O O"
        );
        // Technologies, also those led by a digit.
        assert_eq!(
            untagged("5G and IPTV need DRM", "B-ORG O B-ORG O B-ORG"),
            "O O O O O"
        );
    }

    #[test]
    fn names_misc_longer_spans_and_other_casing_keep_their_tags() {
        // A longer name, a MISC span (CoNLL types "ADRs" MISC), a family name written
        // "Ai", an unlisted acronym that names an organisation, a word left out of the list.
        let kept = "B-ORG I-ORG O B-MISC O B-PER I-PER O B-ORG O B-ORG";
        assert_eq!(
            untagged("ICU Medical sold ADRs as Ai Weiwei and NATO met API", kept),
            kept
        );
    }
}
