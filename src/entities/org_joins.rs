//! Organisation names a tagger breaks at "on" or "for": "the Intergovernmental Panel on
//! Climate Change", "the Council on Foreign Relations", "the Kenya National Commission on
//! Human Rights", "the Centre for Disease Control", "the Nigeria Centre for Disease
//! Control" (a country before the head: no venue). A tagger trained on 1996 Reuters cuts
//! them before the preposition or types the tail alone ("Climate Change" as MISC), so the
//! organisation is lost or its acronym ("IPCC") has nothing to join.
//!
//! Also a name the tagger found without the word that makes it a company ("Dangote" +
//! "Refinery", "Adani" + "Group", read as persons).
//!
//! And a place followed by capitalised words that end in an institution's head ("[Kenya]
//! Revenue Authority", "[Gaza] Health Ministry", "[New York] Police Department"): the
//! tagger found the place and left the rest.
//!
//! And the capitalised words before a stock ticker in angle brackets, as 1980s wire copy
//! writes them ("FIRST CITY BANCORP <FBT> YEAR NET"), and a name ending in a legal form
//! ("[Tenaga Nasional Bhd]PER", "Malayan Banking [Bhd]PER").
//!
//! And an institution named in Spanish, Portuguese, Malay, Indonesian, Filipino, French,
//! Italian, Swahili or romanised Arabic ("Secretaría de Hacienda y [Crédito Público]PER",
//! "Bangko Sentral ng [Pilipinas]PER").
//!
//! And a name the tagger broke after a possessive it kept inside: "[People's] [Liberation
//! Army]", or after the place that starts it: "[U.S.] [Capitol Police]", or at the "and"
//! after its "of": "[National Institute of Allergy] and Infectious Diseases".
//!
//! And the name a cue makes an organisation's: after a place-based modifier or "shares
//! of" ("the Lagos-based [Punch] newspaper", "Shares of [Zoom Video Communications]"),
//! before "newspaper" or "magazine" ("the [Business Daily] newspaper"), and an
//! organisation's "News", "TV" or "Radio" ("[Yonhap News Agency]").
//!
//! And, per document, the acronym of an organisation the document spells out ("the
//! Democratic Alliance" ... "the DA", read as a place) is that organisation; so is a short
//! form in brackets right after it ("the World Health Organization (WHO)"), left untagged
//! or read as a place.
//!
//! Owns joining such a run into one organisation span, per sentence, after decoding; both
//! taggers run it after `name_joins`. It must not join across a person's name, a date ("the
//! Council on Tuesday") or words that are not capitalised, and must not cut a span the
//! tagger made.

use super::normalize::{is_acronym, letters_from};
use super::perceptron::{LOC, MISC, ORG, PER, each_sentence, tag_spans, write_span};
use super::word_list::WordList;

/// The last word of an institution's name before "on"/"for". Titles of people ("Minister
/// for Foreign Affairs", "Commissioner for Human Rights") are not heads.
static HEADS: WordList = WordList::new(&[
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
]);

/// Words that join capitalised words inside the tail ("Trade and Development").
const CONNECTORS: &[&str] = &["and", "of", "&", "the"];

/// Capitalised words that make "on"/"for" a time, not part of a name.
static TIME_WORDS: WordList = WordList::new(&[
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
]);

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
    each_sentence(sentences, tagged, join_sentence);
    spelt_out_acronyms(sentences, tagged);
}

/// US state abbreviations ("Bristow, VA"): no organisation's acronym.
static US_STATES: WordList = WordList::new(&[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
]);

/// A token that is the acronym (`normalize::initials`) of an organisation of two or more words in the same
/// document, tagged as a person or a place, becomes that organisation (untagged or MISC
/// ones stay: "IN" in a headline, "BSE", cost more than they gave on the dev sets):
/// "the Democratic Alliance" ... "[DA]" LOC. Not a country's or region's abbreviation the
/// gazetteer knows ("US" beside "United Steelworkers"), nor a US state's ("Bristow, VA"
/// beside "Veterans Affairs"). Also a short form in brackets (`bracketed_short_form`).
fn spelt_out_acronyms<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let mut acronyms: Vec<String> = Vec::new();
    // Short forms the document defines in brackets after the organisation.
    let mut defined: Vec<&str> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter()) {
        let words: Vec<&str> = sentence.as_ref().iter().map(|w| w.as_ref()).collect();
        let spans = tag_spans(tags.as_ref());
        for &(start, end, kind) in &spans {
            if kind == ORG && end - start >= 2 && end <= words.len() {
                let acronym = super::normalize::initials(&words[start..end].join(" "));
                if acronym.chars().count() >= 2 {
                    acronyms.push(acronym);
                }
                if bracketed_short_form(&words, &spans, end + 1).is_some() {
                    defined.push(sentence.as_ref()[end + 1].as_ref());
                }
            }
        }
    }
    if acronyms.is_empty() {
        return;
    }
    let gazetteer = super::places::Gazetteer::embedded();
    defined.retain(|w| gazetteer.country_or_region(w).is_none() && !US_STATES.contains(w));
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let words = sentence.as_ref();
        let tags = tags.as_mut();
        if words.len() != tags.len() {
            continue;
        }
        let spans = tag_spans(tags);
        for (i, word) in words.iter().enumerate() {
            let word = word.as_ref();
            let own = spans.iter().find(|&&(s, e, _)| s <= i && i < e);
            // A defined short form, wherever it stands alone: untagged, or a person, place
            // or MISC name of its own.
            if defined.contains(&word)
                && match own {
                    // Not in a line in capitals ("WHO IS TO BLAME").
                    None => {
                        is_acronym(word)
                            && words
                                .iter()
                                .any(|w| w.as_ref().contains(char::is_lowercase))
                    }
                    Some(&(s, e, kind)) => s == i && e == i + 1 && kind != ORG,
                }
            {
                write_span(&mut tags[i..i + 1], ORG);
                continue;
            }
            if word.len() < 2 || !acronyms.iter().any(|a| a == word) {
                continue;
            }
            let retype = own
                .is_some_and(|&(s, e, kind)| s == i && e == i + 1 && (kind == PER || kind == LOC));
            if retype && gazetteer.country_or_region(word).is_none() && !US_STATES.contains(word) {
                write_span(&mut tags[i..i + 1], ORG);
            }
        }
    }
}

/// A short form in brackets right after an organisation of two or more words is that
/// organisation ("the World Health Organization ( [WHO] )", "Kenya Medical Research
/// Institute ( [KEMRI]LOC )"), as CoNLL-2003 tags it: ORG for a word in capitals left
/// untagged whose letters start the name's words (`normalize::letters_from`; "who" in lower
/// case elsewhere keeps a tagger from "WHO"), or for a person or place sharing the name's
/// first letter, or a MISC name whose letters start the words of an institution's name
/// or of any name of three or more words ("Brazilian Football Confederation ( [CBF]MISC )",
/// "Reserve Bank of India ( [RBI]MISC )"; not "Internet Explorer ( [IE]MISC )", a product
/// the tagger took for a company). A ticker ("Apple Inc ( AAPL )") spells no name and stays
/// as it is. `spelt_out_acronyms` then types the short form so wherever it stands alone.
fn bracketed_short_form(
    words: &[&str],
    spans: &[(usize, usize, usize)],
    i: usize,
) -> Option<usize> {
    if i < 3 || i + 1 >= words.len() || words[i - 1] != "(" || words[i + 1] != ")" {
        return None;
    }
    let &(start, _, _) = spans
        .iter()
        .find(|&&(s, e, kind)| e == i - 1 && kind == ORG && e - s >= 2)?;
    let name = words[start..i - 1].join(" ");
    let word = words[i];
    let own = spans.iter().find(|&&(s, e, _)| s <= i && i < e);
    let fits = match own {
        None => is_acronym(word) && !word.contains('.') && letters_from(word, &name),
        Some(&(s, e, kind)) => {
            s == i
                && e == i + 1
                && (((kind == PER || kind == LOC) && word.chars().next() == name.chars().next())
                    || (kind == MISC
                        && letters_from(word, &name)
                        && (HEADS.contains(words[i - 2])
                            || INSTITUTION_HEADS.contains(words[i - 2])
                            || i - 1 - start >= 3)))
        }
    };
    fits.then_some(ORG)
}

/// Words that end an institution's or a company's name, and never a place's or a person's,
/// besides the company endings (`is_company_ending`): after a tagged name they make it an organisation ("Adani
/// Group", "Bill Gates Foundation", "Huawei Technologies"). Not "Union" ("Soviet Union"),
/// "University" or "Museum" (places too), "Army" or "Police" ("the Kenyan Police" is a
/// description as often as a name).
static NAME_ENDINGS: WordList = WordList::new(&[
    "Group",
    "Company",
    "Refineries",
    "Platforms",
    "Foundation",
    "Institute",
    "Organization",
    "Organisation",
    "Party",
    "Front",
    "Movement",
    "Alliance",
    "Congress",
    "Federation",
    "Association",
    "Forum",
    "Agency",
    "Authority",
    "Commission",
    "Council",
    "Securities",
    "FC",
    "Technologies",
    "Electronics",
    "Systems",
    "Networks",
    "Solutions",
    "Enterprises",
    "Investments",
    "Entertainment",
    "Ventures",
    "Partners",
    "Capital",
    "Labs",
    "Logistics",
    "Pharma",
    "Aerospace",
]);

/// Words that end a company's name, after a tagged name or any name-like word ("Dangote
/// Refinery", "Emaar Properties"), besides the `LEGAL_FORMS` ("Eberhard Faber GmbH");
/// "Group" or "Council" are `NAME_ENDINGS` only ("Working Group", "Advisory Council").
static COMPANY_ENDINGS: WordList = WordList::new(&[
    "Holdings",
    "Refinery",
    "Airways",
    "Airlines",
    "Motors",
    "Industries",
    "Corporation",
    "Corp",
    "Corp.",
    "Petroleum",
    "Telecom",
    "Pharmaceuticals",
    "Cement",
    "Breweries",
    "Properties",
    "Records",
    "Recordings",
    "Pvt",
    "Sdn",
    "Chemicals",
    "Textiles",
    "Fertilisers",
    "Fertilizers",
    "Nickel",
    "Copper",
    "Steel",
]);

/// Does `word` end a company's name (`COMPANY_ENDINGS` or `LEGAL_FORMS`)?
fn is_company_ending(word: &str) -> bool {
    COMPANY_ENDINGS.contains(word) || LEGAL_FORMS.contains(word)
}

/// Does `word` end an organisation's name (`is_company_ending` or `NAME_ENDINGS`)?
fn is_ending(word: &str) -> bool {
    is_company_ending(word) || NAME_ENDINGS.contains(word)
}

/// Capitalised words that start a sentence but are no name ("The Group said").
static NOT_NAMES: WordList = WordList::new(&[
    "The", "A", "An", "This", "That", "These", "Those", "Its", "His", "Her", "Their", "Our",
    "Your", "My", "Every", "Each", "Some", "Any", "No", "Another", "Which", "Whose", "What",
]);

/// A capitalised word with lowercase letters after its first (not "UN", not "3M").
fn one_word_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'')
        && word.len() > 1
        && !NOT_NAMES.contains(word)
}

/// A tagged name (or an untagged word that looks like one) followed by untagged
/// endings (`is_ending`) becomes one organisation with them,
/// except in Title Case text ("Russia Party Congress Opens"), where every word is capitalised.
fn name_endings(words: &[&str], tags: &mut [u8]) {
    if !words.iter().any(|w| capitalised(w) && is_ending(w))
        || super::name_joins::reads_as_title_case(words)
    {
        return;
    }
    let extend = |tags: &mut [u8], start: usize, end: usize| {
        let mut stop = end;
        while stop < words.len() && tags[stop] == 0 && is_ending(words[stop]) {
            stop += 1;
        }
        if stop > end {
            write_span(&mut tags[start..stop], ORG);
        }
    };
    for (start, end, _) in tag_spans(tags) {
        extend(tags, start, end);
    }
    legal_forms(words, tags);
    // An untagged one-word name before an ending, after no other capitalised word ("rival
    // Aldar Properties", "Emaar Properties, the developer"): the pair is the company.
    for i in 0..words.len().saturating_sub(1) {
        if tags[i] == 0
            && tags[i + 1] == 0
            && one_word_name(words[i])
            && is_company_ending(words[i + 1])
            && (i == 0 || !capitalised(words[i - 1]))
        {
            extend(tags, i, i + 1);
        }
    }
}

/// Legal forms: the last word of a company's name only ("Ltd", "Bhd", "PJSC", "SAB").
static LEGAL_FORMS: WordList = WordList::new(&[
    "Inc", "Inc.", "Ltd", "Ltd.", "Limited", "Plc", "PLC", "LLC", "GmbH", "AG", "S.A.", "SpA",
    "S.p.A.", "N.V.", "Pty", "Bhd", "Berhad", "Tbk", "PJSC", "OJSC", "JSC", "PAO", "OAO", "SAB",
    "S.A.B.", "Ltda", "Ltda.", "Oyj", "KGaA", "SARL", "Srl", "S.r.l.",
]);

/// The most untagged capitalised words before a legal form that `legal_forms` takes.
const MAX_BEFORE_LEGAL_FORM: usize = 4;

/// A name ending in a legal form is a company's, whatever the tagger made of it ("[Tenaga
/// Nasional Bhd]PER"), and so are the untagged capitalised words right before such a
/// person or place span ("Malayan Banking [Bhd]PER"), and those between an organisation
/// and a legal form ("[Sime Darby]ORG Plantation Bhd"); "de CV" after "SAB" is
/// part of it ("Grupo Bimbo SAB de CV").
fn legal_forms(words: &[&str], tags: &mut [u8]) {
    for (mut start, mut end, kind) in tag_spans(tags) {
        let (first, stop) = (start, end);
        // "[Sime Darby]ORG Plantation Bhd": untagged capitalised words up to a legal form.
        let run = (end..words.len().min(end + MAX_BEFORE_LEGAL_FORM))
            .take_while(|&i| tags[i] == 0 && capitalised(words[i]))
            .position(|i| LEGAL_FORMS.contains(words[i]));
        if let Some(form) = run.filter(|_| kind == ORG) {
            end += form + 1;
        }
        let last = words[end - 1];
        if !LEGAL_FORMS.contains(last) {
            continue;
        }
        if matches!(last, "SAB" | "S.A.B.")
            && words.get(end) == Some(&"de")
            && words
                .get(end + 1)
                .is_some_and(|w| matches!(*w, "CV" | "C.V."))
            && tags[end..end + 2].iter().all(|&t| t == 0)
        {
            end += 2;
        }
        // An organisation's own start stands ("And [Scorpion Minerals Inc]",
        // "Minneapolis-based [First Bank System Inc.]").
        while kind != ORG
            && first - start < MAX_BEFORE_LEGAL_FORM
            && start > 0
            && tags[start - 1] == 0
            && capitalised(words[start - 1])
            && !NOT_NAMES.contains(words[start - 1])
            && !TIME_WORDS.contains(words[start - 1])
        {
            start -= 1;
        }
        if kind != ORG || start < first || end > stop {
            write_span(&mut tags[start..end], ORG);
        }
    }
}

/// Words that end an institution named after its place, besides `is_ending` and `HEADS`
/// ("Kenya Wildlife Service", "Nigeria Police Force", "Lagos State Government").
static PLACE_LED_HEADS: WordList = WordList::new(&[
    "Service",
    "Services",
    "Police",
    "Force",
    "Forces",
    "Bank",
    "Government",
    "Exchange",
    "Assembly",
]);

/// The most capitalised words after a place that `place_led_institutions` joins.
const MAX_PLACE_LED: usize = 3;

/// A place span followed by two or three untagged capitalised words, the last of them a
/// head, becomes one organisation: "[Kenya] Revenue Authority", "[New York] Police
/// Department". One word alone after a place is left to `name_endings` ("Delhi Police"
/// is a description as often as a name). Not in Title Case text, not across a day or
/// month ("in Kenya Tuesday Police said"), not when the place ends a longer name ("the
/// Central Bank of [Nigeria] Monetary Policy Committee").
fn place_led_institutions(words: &[&str], tags: &mut [u8]) {
    // Every head is capitalised: the first test spares most words the three look-ups.
    let is_head = |w: &str| {
        capitalised(w) && (is_ending(w) || HEADS.contains(w) || PLACE_LED_HEADS.contains(w))
    };
    // "District" is a place's word too ("Kowloon City District"), but not after "School".
    let is_head_at = |i: usize| {
        is_head(words[i]) || (words[i] == "District" && i > 0 && words[i - 1] == "School")
    };
    if !(0..words.len()).any(is_head_at) || super::name_joins::reads_as_title_case(words) {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        // The word before is "of" or a capitalised word that does not start the sentence.
        let after_a_name =
            start > 0 && (words[start - 1] == "of" || (start > 1 && capitalised(words[start - 1])));
        if kind != LOC || after_a_name {
            continue;
        }
        let run = words[end..]
            .iter()
            .zip(&tags[end..])
            .take(MAX_PLACE_LED)
            .take_while(|&(w, &tag)| tag == 0 && one_word_name(w) && !TIME_WORDS.contains(w))
            .count();
        if let Some(last) = (2..=run).rev().find(|&len| is_head_at(end + len - 1)) {
            write_span(&mut tags[start..end + last], ORG);
        }
    }
}

/// Is `word` a stock ticker in angle brackets, as 1980s wire copy writes one after a
/// company's name ("<BCE>", "<BCE.TO>")?
fn is_bracketed_ticker(word: &str) -> bool {
    // A byte test first: this runs on every word of every sentence.
    if !word.starts_with('<') {
        return false;
    }
    let Some(inner) = word.strip_prefix('<').and_then(|w| w.strip_suffix('>')) else {
        return false;
    };
    inner.chars().any(|c| c.is_ascii_uppercase())
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
}

/// The most words before a bracketed ticker that `ticker_companies` takes.
const MAX_TICKER_NAME: usize = 6;

/// The capitalised words right before a bracketed ticker name a company ("FIRST CITY
/// BANCORP <FBT> YEAR NET", "said Bell Canada Enterprises Inc <BCE>"): a tagger trained on
/// CoNLL, whose text has no tickers, leaves many untagged. At most `MAX_TICKER_NAME`
/// words, with "of", "and" or "&" only between capitalised ones and not after an untagged
/// first word ("Shares of Alibaba Group Holding Ltd <BABA.N>"), not a sentence's first
/// "The", not across a person's name or a possessive. In a sentence in capitals, where
/// every word looks like a name, only a run that starts the sentence and holds no other
/// name ("ALLIED-SIGNAL <ALD> COMPLETES SALE").
fn ticker_companies(words: &[&str], tags: &mut [u8]) {
    if !words.iter().any(|w| is_bracketed_ticker(w)) {
        return;
    }
    let spans = tag_spans(tags);
    let mut person = vec![false; words.len()];
    for &(start, end, kind) in &spans {
        if kind == PER {
            person[start..end].fill(true);
        }
    }
    let in_capitals = !words.iter().any(|w| w.chars().any(char::is_lowercase));
    for ticker in 0..words.len() {
        if !is_bracketed_ticker(words[ticker]) {
            continue;
        }
        let mut start = ticker;
        while start > 0 && ticker - start < MAX_TICKER_NAME {
            let word = words[start - 1];
            // Not to an untagged first word across a connector: "Shares of Acme <ACM.N>".
            let connector = matches!(word, "of" | "and" | "&" | "OF" | "AND")
                && start >= 2
                && capitalised(words[start - 2])
                && (start > 2 || tags[0] != 0);
            if !(capitalised(word) || connector) || person[start - 1] || word.ends_with("'s") {
                break;
            }
            start -= 1;
        }
        while start < ticker && matches!(words[start], "The" | "the" | "THE") {
            start += 1;
        }
        // In capitals, the run must start the sentence and hold no place or other name:
        // "U.S. SAYS ZETA CORP <ZET>".
        let only_orgs = || {
            spans
                .iter()
                .all(|&(a, b, kind)| b <= start || ticker <= a || kind == ORG)
        };
        if start < ticker && (!in_capitals || (start == 0 && only_orgs())) {
            write_span(&mut tags[start..ticker], ORG);
        }
    }
}

/// A person-tagged name of two or more words that ends in a company word
/// (`normalize::COMPANY_TAILS`, no family name among them) is a company: "Harita Nickel",
/// "Dangote Petroleum Refinery", "Marwa Realty". So is a place-tagged one that the
/// gazetteer does not know, but for "Bank", "Oil" and "Gas", which end places too ("West
/// Bank"): "[Vinhedo Investimentos]LOC".
fn company_tailed_persons(words: &[&str], tags: &mut [u8]) {
    use super::normalize::{COMPANY_TAILS, is_one_of};
    for (start, end, kind) in tag_spans(tags) {
        let tail = words[end - 1].trim_end_matches('.');
        if end - start < 2 || !is_one_of(tail, COMPANY_TAILS) {
            continue;
        }
        let place = kind == LOC
            && !is_one_of(tail, &["bank", "oil", "gas", "group"])
            && !super::places::is_known_place(&words[start..end]);
        if kind == PER || place {
            write_span(&mut tags[start..end], ORG);
        }
    }
}

/// Two spans back to back that are one organisation's name, joined (chains too):
///
/// - an organisation that ends in a possessive the tagger kept inside it, then another:
///   "[People 's] [Liberation Army]", "[Women 's] [Tennis Association]". The possessive
///   inside the name says the name goes on (one that ends a name, "Walmart 's Black
///   Friday", is left outside it);
/// - a place of up to three words, then an organisation: "[U.S.] [Capitol Police]",
///   "[Washington] [Redskins]". CoNLL-2003 joins "U.S." to the organisation after it 36
///   times and leaves them apart 3 times. Not an acronym after the place ("Chicago NAPM",
///   "China HSBC" are a place and a company as often), not a place in the possessive
///   ("London's National Theatre" where the tokens keep it), not after another name, not
///   in Title Case text.
fn broken_names(words: &[&str], tags: &mut [u8]) {
    const POSSESSIVES: &[&str] = &["'s", "’s", "'", "’"];
    const MAX_PLACE: usize = 3;
    let spans = tag_spans(tags);
    if spans.len() < 2 {
        return;
    }
    let title_case = super::name_joins::reads_as_title_case(words);
    let mut joined: Option<(usize, usize)> = None;
    for pair in spans.windows(2) {
        let ((a, b, first), (c, d, second)) = (pair[0], pair[1]);
        if b != c || second != ORG {
            continue;
        }
        let inner_possessive = first == ORG && b - a >= 2 && POSSESSIVES.contains(&words[b - 1]);
        let place_led = first == LOC && !title_case && b - a <= MAX_PLACE && {
            let after_a_name =
                a > 0 && (words[a - 1] == "of" || (a > 1 && capitalised(words[a - 1])));
            let acronym = d == c + 1 && !words[c].chars().any(char::is_lowercase);
            let possessive = POSSESSIVES.iter().any(|p| words[b - 1].ends_with(p));
            !after_a_name && !acronym && !possessive && capitalised(words[c])
        };
        if inner_possessive || place_led {
            // A chain ("[A 's] [B 's] [C]") is one name from its first span.
            let from = joined
                .filter(|&(_, end)| end == b)
                .map_or(a, |(start, _)| start);
            write_span(&mut tags[from..d], ORG);
            joined = Some((from, d));
        }
    }
}

/// Institution heads that end an organisation's name and no event's or work's:
/// "[Brazilian Football Confederation]MISC", "[Russian National Olympic Committee]MISC" (a
/// nationality first reads as MISC to a tagger). CoNLL-2003's training data ends 276
/// organisations and 4 MISC names in these words.
static INSTITUTION_HEADS: WordList = WordList::new(&[
    "Confederation",
    "Federation",
    "Association",
    "Council",
    "Commission",
    "Committee",
    "Authority",
    "Agency",
    "Institute",
    "Ministry",
    "Bureau",
    "Corporation",
]);

/// Words that make an organisation's name a newsroom's or a station's: "[SABC] News",
/// "[FBC] TV", "[Israel] Radio" once the name is an organisation.
static BROADCAST_WORDS: WordList = WordList::new(&["News", "TV", "Television", "Radio"]);

/// Lower-case words that may follow a broadcaster's name: prepositions, conjunctions and
/// reporting verbs, no noun.
static FUNCTION_WORDS: WordList = WordList::new(&[
    "in",
    "on",
    "at",
    "to",
    "for",
    "of",
    "with",
    "from",
    "by",
    "and",
    "or",
    "but",
    "that",
    "said",
    "says",
    "reported",
    "reports",
    "quoted",
    "cited",
    "showed",
    "aired",
    "broadcast",
    "was",
    "is",
    "has",
    "had",
    "will",
    "would",
    "which",
    "who",
    "as",
    "after",
]);

/// An organisation followed by untagged "News", "TV", "Television" or "Radio" (and "Agency"
/// after "News") takes them in: "[Yonhap] News Agency", "[SABC] News", "[FBC] TV".
/// CoNLL-2003 and wikigold keep them inside the organisation every time (20 of 20: "Reuters
/// Television", "BBC Radio"); after a place or a person they are as often a description
/// ("NZ TV", "Shannon Matthews TV drama"), so only organisations; not before a noun,
/// nor in Title Case text.
fn broadcasters(words: &[&str], tags: &mut [u8]) {
    let broadcast = |w: &str| BROADCAST_WORDS.contains(w);
    if !words.iter().any(|w| broadcast(w)) || super::name_joins::reads_as_title_case(words) {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        if kind != ORG || end >= words.len() || tags[end] != 0 || !broadcast(words[end]) {
            continue;
        }
        let mut stop = end + 1;
        if words[end] == "News" && words.get(stop) == Some(&"Agency") && tags[stop] == 0 {
            stop += 1;
        }
        // Before a noun the word is a description ("the [CBS] TV show", "the CSI TV
        // series"): only the end of a clause, a capitalised word or a function word may
        // follow ("told Reuters Television in an interview").
        let closes = words.get(stop).is_none_or(|next| {
            !next.starts_with(char::is_lowercase) || FUNCTION_WORDS.contains(next)
        });
        if closes {
            write_span(&mut tags[start..stop], ORG);
        }
    }
}

/// Lower-case words for a kind of organisation, which may stand between a place-based
/// modifier and the organisation's name ("Nairobi-based brokerage AIB-AXYS Africa").
static ORGANISATION_KINDS: WordList = WordList::new(&[
    "brokerage",
    "consultancy",
    "firm",
    "company",
    "bank",
    "lender",
    "insurer",
    "broadcaster",
    "newspaper",
    "daily",
    "tabloid",
    "magazine",
    "airline",
    "carrier",
    "startup",
    "start-up",
    "group",
    "charity",
    "developer",
    "operator",
    "retailer",
    "miner",
    "manufacturer",
    "fund",
    "agency",
    "publisher",
    "outlet",
    "network",
    "watchdog",
    "regulator",
    "chain",
    "brewer",
    "producer",
    "exchange",
    "club",
    "conglomerate",
    "think-tank",
    "thinktank",
    "supermarket",
]);

/// The most words of a name after a place-based modifier.
const MAX_BASED_NAME: usize = 5;

/// "Lagos-based", "UK-based": a capitalised word ending in "-based".
fn place_based(word: &str) -> bool {
    word.len() > "-based".len()
        && word.as_bytes()[0].is_ascii_uppercase()
        && word
            .get(word.len() - "-based".len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case("-based"))
}

/// Where a cue word (`place_based`, or "shares"/"stake" with "of"/"in") makes the
/// capitalised words after it an organisation's name: the index of the name's first word,
/// and whether the cue is a place-based modifier.
fn name_after_cue(words: &[&str], i: usize) -> Option<(usize, bool)> {
    if place_based(words[i]) {
        let kind = words
            .get(i + 1)
            .is_some_and(|w| ORGANISATION_KINDS.contains(w));
        return Some((i + 1 + usize::from(kind), true));
    }
    (matches!(words[i], "shares" | "Shares" | "stake")
        && words.get(i + 1).is_some_and(|w| matches!(*w, "of" | "in")))
    .then_some((i + 2, false))
}

/// The name right after a place-based modifier, or after "shares of/in" or "stake in",
/// is an organisation: "the Lagos-based [Punch] newspaper", "Christchurch-based
/// [Crusaders]", "Nairobi-based brokerage [AIB-AXYS Africa]", "Shares of [Zoom Video
/// Communications] jumped", "a stake in [Tamkeen]PER". CoNLL-2003 types a capitalised
/// word after "X-based" ORG 13 times of 15 (train and valid), after "shares of/in" 8 of
/// 12; the others are nationalities ("a British-based [Iraqi]", "Shares in [Spanish]
/// oil"), which are left alone, and a country ("shares in [Hungary]"). So are a MISC
/// name, a country ("a Moscow-based [US] lawyer") and, after "shares", a sizeable place.
/// A person stays one after a modifier ("London-based [Levy]'s novel"), and after
/// "shares" unless a single word without a possessive. Capitalised words and whole
/// tagged names, at most `MAX_BASED_NAME` words with "of" or "&" only between
/// capitalised ones, become one organisation (not across "and": "Ohio-based [KeyCorp]
/// and [Banc One]"); not in Title Case text, where every word is capitalised, and not
/// across a date.
fn cued_organisations(words: &[&str], tags: &mut [u8]) {
    let has_cue = (0..words.len()).any(|i| name_after_cue(words, i).is_some());
    if !has_cue || super::name_joins::reads_as_title_case(words) {
        return;
    }
    for i in 0..words.len() {
        let Some((start, after_modifier)) = name_after_cue(words, i) else {
            continue;
        };
        if start >= words.len()
            || super::nationalities::is_nationality(words[start])
            || NOT_NAMES.contains(words[start])
        {
            continue;
        }
        let mut end = start;
        while end < words.len() && end - start < MAX_BASED_NAME {
            let w = words[end];
            let joins = matches!(w, "of" | "&")
                && end > start
                && words.get(end + 1).is_some_and(|x| capitalised(x));
            if !(capitalised(w) && !TIME_WORDS.contains(w) || joins) {
                break;
            }
            end += 1;
        }
        // Whole tagged names only, none MISC; a span the cue is in ("[Toronto-based
        // Barrick]") is the tagger's to keep.
        let one_word_company = !after_modifier
            && end == start + 1
            && words
                .get(end)
                .is_none_or(|w| !matches!(*w, "'s" | "’s" | "'" | "’"));
        let kept = |(s, e, kind): (usize, usize, usize)| {
            s < end
                && e > start
                && (s < start || e > end || kind == MISC || (kind == PER && !one_word_company))
        };
        // Any town is a place after "shares in"; after a modifier only a country or region
        // ("Lagos-based [Punch]" is a town too).
        let place = || {
            let name = words[start..end].join(" ");
            let gazetteer = super::places::Gazetteer::embedded();
            gazetteer.country_or_region(&name).is_some()
                || (!after_modifier && gazetteer.names_a_sizeable_place(&name, 15_000))
        };
        if end > start && !tag_spans(tags).into_iter().any(kept) && !place() {
            write_span(&mut tags[start..end], ORG);
        }
    }
}

/// Words after a publication's name: "the Business Daily newspaper", "Punch newspaper".
static PUBLICATION_WORDS: WordList =
    WordList::new(&["newspaper", "tabloid", "magazine", "broadsheet"]);

/// The most words of a publication's name before `PUBLICATION_WORDS`.
const MAX_PUBLICATION_NAME: usize = 3;

/// Untagged capitalised words right before "newspaper", "tabloid" or "magazine" name the
/// publication, an organisation as CoNLL-2003 types "[Kathmandu Post] newspaper" and "[New
/// Scientist] magazine": "the [Business Daily] newspaper". Not a nationality ("Polish
/// tabloid"), a day ("Sunday newspaper") or a place the gazetteer knows ("a Sarajevo
/// newspaper"), nor a sentence's first word alone or its "The".
fn named_publications(words: &[&str], tags: &mut [u8]) {
    for i in 1..words.len() {
        if !PUBLICATION_WORDS.contains(words[i]) || tags[i - 1] != 0 || !capitalised(words[i - 1]) {
            continue;
        }
        let mut start = i - 1;
        while start > 0
            && i - start < MAX_PUBLICATION_NAME
            && tags[start - 1] == 0
            && capitalised(words[start - 1])
        {
            start -= 1;
        }
        // "The" inside a sentence is the title's ("in [The Economist] magazine"), not at the
        // start or after a quotation mark.
        let opens_sentence = |k: usize| k == 0 || !words[k - 1].chars().any(char::is_alphabetic);
        while start < i
            && NOT_NAMES.contains(words[start])
            && (opens_sentence(start) || start == i - 1)
        {
            start += 1;
        }
        let run = &words[start..i];
        // A sentence's first word alone is as likely an adjective ("Financial newspaper
        // Nihon Keizai").
        if run.is_empty()
            || (opens_sentence(start) && run.len() == 1)
            || run.iter().any(|w| {
                TIME_WORDS.contains(w)
                    || super::nationalities::is_nationality(w)
                    || !w.chars().any(char::is_alphabetic)
            })
            || super::places::Gazetteer::embedded().names_a_sizeable_place(&run.join(" "), 15_000)
        {
            continue;
        }
        write_span(&mut tags[start..i], ORG);
    }
}

/// A MISC name of two or more words that ends in an institution's head is that
/// institution.
fn misc_institutions(words: &[&str], tags: &mut [u8]) {
    for (start, end, kind) in tag_spans(tags) {
        if kind == MISC && end - start >= 2 && INSTITUTION_HEADS.contains(words[end - 1]) {
            write_span(&mut tags[start..end], ORG);
        }
    }
}

/// A name the tagger began after its first "and": "the Oil and [Gas Development Company
/// Ltd]", "the Pharmaceuticals and [Medical Devices Agency]", "the Truth and
/// [Reconciliation Commission]". After "the", a capitalised word left untagged or read as
/// MISC, then "and", then an organisation ending in an institution's head or a company
/// ending, is one organisation. Not a word read as a person, place or organisation: "the
/// FBI and [Justice Department]", "the Senate and [House Intelligence Committee]" are two.
fn and_joined_names(words: &[&str], tags: &mut [u8]) {
    if !words.contains(&"and") {
        return;
    }
    let spans = tag_spans(tags);
    for &(start, end, kind) in &spans {
        if kind != ORG || start < 3 || words[start - 1] != "and" {
            continue;
        }
        let last = words[end - 1];
        let first = words[start - 2];
        let headed = HEADS.contains(last) || INSTITUTION_HEADS.contains(last) || is_ending(last);
        // Untagged, or a MISC name of that one word.
        let first_free = spans
            .iter()
            .find(|&&(s, e, _)| s <= start - 2 && start - 2 < e)
            .is_none_or(|&(s, e, k)| k == MISC && s == start - 2 && e == start - 1);
        if headed
            && first_free
            && first.starts_with(char::is_uppercase)
            && first.chars().all(char::is_alphabetic)
            && matches!(words[start - 3], "the" | "The")
        {
            write_span(&mut tags[start - 2..end], ORG);
        }
    }
}

/// The most capitalised words after "and" that `of_and_tails` takes.
const MAX_AND_TAIL: usize = 3;

/// An organisation named "X of Y" (or "X for Y") goes on over "and" and the untagged
/// capitalised words after it, up to a lowercase word or punctuation: "the [National
/// Institute of Allergy] and Infectious Diseases said", "the [London School of Hygiene] and
/// Tropical Medicine". CoNLL-2003 and wikigold keep such tails inside 31 times of 31
/// ("Ministry of Petroleum and Minerals", "Organisation for Security and Cooperation in
/// Europe"). Not when a tagged name or a day follows the run: "the Bank of England and
/// Barclays", "the Ministry of Defence and Minister [Ben Wallace]".
fn of_and_tails(words: &[&str], tags: &mut [u8]) {
    if !words.contains(&"and") {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        let of_inside = words[start + 1..end]
            .iter()
            .any(|w| matches!(*w, "of" | "for"));
        if kind != ORG || !of_inside || words.get(end) != Some(&"and") || tags[end] != 0 {
            continue;
        }
        let run = words[end + 1..]
            .iter()
            .zip(&tags[end + 1..])
            .take_while(|&(w, &tag)| tag == 0 && capitalised(w) && !TIME_WORDS.contains(w))
            .count();
        let after = end + 1 + run;
        let tagged_after = tags.get(after).is_some_and(|&t| t != 0);
        let capital_after = words.get(after).is_some_and(|w| capitalised(w));
        if (1..=MAX_AND_TAIL).contains(&run) && !tagged_after && !capital_after {
            write_span(&mut tags[start..after], ORG);
        }
    }
}

/// First words of Spanish and Portuguese institutions' names, as English-language news
/// from Latin America leaves them untranslated.
static IBERIAN_HEADS: WordList = WordList::new(&[
    "Secretaría",
    "Secretaria",
    "Ministerio",
    "Ministério",
    "Banco",
    "Bolsa",
    "Sindicato",
    "Centro",
    "Instituto",
    "Partido",
    "Unión",
    "União",
    "Frente",
    "Movimiento",
    "Movimento",
    "Confederación",
    "Confederação",
    "Federación",
    "Federação",
    "Comisión",
    "Comissão",
    "Consejo",
    "Conselho",
    "Fiscalía",
    "Procuraduría",
    "Universidad",
    "Universidade",
    "Fundación",
    "Fundação",
    "Asociación",
    "Associação",
    "Cámara",
    "Câmara",
    "Superintendencia",
    "Agencia",
    "Agência",
]);

/// First words of institutions' names in Malay, Indonesian, Filipino, French, Italian,
/// Swahili and romanised Arabic and Urdu, left untranslated as the Spanish ones are
/// ("Parti Keadilan Rakyat", "Bangko Sentral ng Pilipinas", "Chama cha Mapinduzi",
/// "Kataib Hezbollah"). None is an English word, so one capitalised word after the head
/// is enough, without a connector.
static OTHER_HEADS: WordList = WordList::new(&[
    // Malay and Indonesian.
    "Parti",
    "Partai",
    "Persatuan",
    "Pertubuhan",
    "Kementerian",
    "Jabatan",
    "Lembaga",
    "Majlis",
    "Majelis",
    "Suruhanjaya",
    "Perbadanan",
    "Universiti",
    "Universitas",
    "Mahkamah",
    "Angkatan",
    "Barisan",
    "Pakatan",
    "Gabungan",
    "Badan",
    "Komisi",
    "Otoritas",
    "Gerakan",
    // Spanish and Portuguese heads that no English name starts with ("Asamblea
    // Legislativa", "Gerencia Médica", "Policía Nacional"), unlike "Centro" or "Banco".
    "Asamblea",
    "Assembleia",
    "Gerencia",
    "Contraloría",
    "Defensoría",
    "Policía",
    "Polícia",
    "Dirección",
    "Direção",
    "Alcaldía",
    "Gobernación",
    "Municipalidad",
    "Prefeitura",
    "Coordinadora",
    "Empresa",
    "Compañía",
    "Companhia",
    "Corporación",
    "Sociedad",
    // Filipino.
    "Bangko",
    "Kagawaran",
    "Komisyon",
    // French.
    "Banque",
    "Société",
    "Ministère",
    "Université",
    "Assemblée",
    "Rassemblement",
    "Mouvement",
    "Fédération",
    "Confédération",
    "Caisse",
    // Italian.
    "Banca",
    "Partito",
    "Ministero",
    "Università",
    "Confederazione",
    "Federazione",
    // Swahili.
    "Chama",
    // Romanised Arabic and Urdu.
    "Hizb",
    "Harakat",
    "Jamaat",
    "Jamiat",
    "Tehreek",
    "Kataib",
    "Asaib",
    "Jaish",
    "Lashkar",
]);

/// Spanish and Portuguese words between the capitalised words of a name, and those of the
/// other languages of `OTHER_HEADS`.
const IBERIAN_CONNECTORS: &[&str] = &[
    "de", "del", "do", "da", "dos", "das", "y", "e", "por", "para", "la", "el", "los", "las", "ng",
    "dan", "du", "des", "le", "et", "di", "della", "dello", "cha", "wa", "al", "ul",
];

/// "Secretaría de Hacienda y Crédito Público", "Centro de Estudios Legales y Sociales",
/// "Unión por la Patria": a tagger trained on English reads the capitalised words between
/// the connectors as persons or places ("Secretaría de Hacienda y [Crédito Público]PER").
/// A run that starts with an institution's first word (`IBERIAN_HEADS`, not after another
/// capitalised word), goes on with capitalised words and connectors, holds at least one
/// connector and ends in a capitalised word is one organisation, over any spans inside
/// it. Not when a span reaches out of the run. The same for the heads of other languages
/// (`OTHER_HEADS`), with or without a connector: "Bangko Sentral ng [Pilipinas]PER",
/// "[Parti Keadilan Rakyat]PER".
fn iberian_institutions(words: &[&str], tags: &mut [u8]) {
    for start in 0..words.len() {
        // Most words are not capitalised: the cheap test first.
        if !capitalised(words[start])
            || (start > 0 && capitalised(words[start - 1]) && !matches!(words[start - 1], "The"))
        {
            continue;
        }
        let other = OTHER_HEADS.contains(words[start]);
        if !other && !IBERIAN_HEADS.contains(words[start]) {
            continue;
        }
        let mut end = start + 1;
        let mut last = None;
        let mut connectors = 0;
        while end < words.len() && end - start <= 10 {
            let w = words[end];
            if IBERIAN_CONNECTORS.contains(&w) {
                connectors += 1;
            } else if (capitalised(w) && w.chars().any(char::is_alphabetic))
                || (other && (w.starts_with("al-") || w.starts_with("el-")))
            {
                // "Asaib Ahl al-Haq".
                last = Some(end + 1);
            } else {
                break;
            }
            end += 1;
        }
        let Some(end) = last else { continue };
        let spans = tag_spans(tags);
        let inside = spans
            .iter()
            .filter(|&&(s, e, _)| s < end && start < e)
            .all(|&(s, e, _)| start <= s && e <= end);
        if (connectors > 0 || other) && inside {
            write_span(&mut tags[start..end], ORG);
        }
    }
}

/// A French, Spanish or Portuguese institution whose name runs on in lower case, as those
/// languages write it, up to the short form it defines: "the Société nationale des
/// transports ferroviaires (SNTF)", "the Union générale des travailleurs algériens (UGTA)"
/// (read as a place or a lone "Union"). From a head word (`IBERIAN_HEADS`, `OTHER_HEADS`)
/// over up to ten words of letters to "( ACRONYM )" whose letters start the words
/// (`normalize::letters_from`), the run and the short form are one organisation each. Not
/// when a span reaches out of the run.
fn bracketed_institutions(words: &[&str], tags: &mut [u8]) {
    if !words.contains(&"(") {
        return;
    }
    for start in 0..words.len() {
        if !capitalised(words[start])
            || !(OTHER_HEADS.contains(words[start]) || IBERIAN_HEADS.contains(words[start]))
        {
            continue;
        }
        let Some(open) = (start + 1..words.len().min(start + 12)).find(|&j| words[j] == "(") else {
            continue;
        };
        let lowercase_word = |w: &&str| {
            w.chars().next().is_some_and(char::is_lowercase) && !IBERIAN_CONNECTORS.contains(w)
        };
        let run = &words[start..open];
        let letters = |w: &&str| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        };
        let short = words.get(open + 1).copied().unwrap_or("");
        if run.len() < 2
            || !run.iter().all(letters)
            || !run.iter().any(lowercase_word)
            || words.get(open + 2) != Some(&")")
            || !is_acronym(short)
            || !letters_from(short, &run.join(" "))
        {
            continue;
        }
        let inside = tag_spans(tags)
            .iter()
            .filter(|&&(s, e, _)| s < open && start < e)
            .all(|&(s, e, _)| start <= s && e <= open);
        if inside {
            write_span(&mut tags[start..open], ORG);
            write_span(&mut tags[open + 1..open + 2], ORG);
        }
    }
}

/// A company's or agency's national arm: "[HSBC]ORG [Saudi Arabia]LOC", "[Toyota]
/// [Australia]", "[BBC] [Scotland]" is one organisation, as CoNLL-2003 annotates "Toyota
/// Australia", "Ford China" and "AOL Germany" (no organisation in its training data is
/// followed by a country as a place of its own). An organisation span right before a
/// place span the gazetteer reads as a country, with nothing between, becomes one span.
fn national_arms(words: &[&str], tags: &mut [u8]) {
    let spans = tag_spans(tags);
    for pair in spans.windows(2) {
        let ((start, end, kind), (next, next_end, next_kind)) = (pair[0], pair[1]);
        if kind == ORG
            && next_kind == LOC
            && next == end
            && super::places::Gazetteer::embedded()
                .area(&words[next..next_end].join(" "))
                .is_some_and(|(_, country)| country)
        {
            write_span(&mut tags[start..next_end], ORG);
        }
    }
}

fn join_sentence(words: &[&str], tags: &mut [u8]) {
    broadcasters(words, tags);
    cued_organisations(words, tags);
    named_publications(words, tags);
    misc_institutions(words, tags);
    national_arms(words, tags);
    iberian_institutions(words, tags);
    bracketed_institutions(words, tags);
    and_joined_names(words, tags);
    of_and_tails(words, tags);
    broken_names(words, tags);
    company_tailed_persons(words, tags);
    ticker_companies(words, tags);
    place_led_institutions(words, tags);
    name_endings(words, tags);
    let n = words.len();
    let mut k = 1;
    while k + 1 < n {
        if !(words[k] == "on" || words[k] == "for") || !HEADS.contains(words[k - 1]) {
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
                if TIME_WORDS.contains(w) {
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
        // A country or continent before the head makes a national body, not a venue:
        // "[Nigeria Centre] for Disease Control", "Africa Centres for ...".
        let national = k - start >= 2
            && super::places::Gazetteer::embedded()
                .names_a_country_or_continent(&words[start..k - 1].join(" "));
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
                && !(b <= k && kind != ORG && !(national && kind == LOC))
                && !(a == k + 1 && b == end && kind == ORG && !national)
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

    /// A per-sentence rule on one sentence; tags given and returned in IOB2.
    fn sentence_rule(rule: fn(&[&str], &mut [u8]), text: &str, tags: &str) -> String {
        crate::entities::perceptron::after_document_rule(&[(text, tags)], |s, t| {
            each_sentence(s, t, rule)
        })
        .join(" ")
    }
    use crate::entities::perceptron::{after_rule, decode_iob2, encode};

    fn joined(text: &str, iob: &str) -> String {
        after_rule(text, iob, |s, t| join(s, t))
    }

    #[test]
    fn an_organisation_of_something_goes_on_over_and() {
        assert_eq!(
            joined(
                "the National Institute of Allergy and Infectious Diseases said",
                "O B-ORG I-ORG I-ORG I-ORG O O O O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O"
        );
        // Not without "of", not before a tagged name, a capitalised word or a day.
        for (text, tags) in [
            (
                "the Home Office and Defence Ministry said",
                "O B-ORG I-ORG O O O O",
            ),
            (
                "the Bank of England and Barclays said",
                "O B-ORG I-ORG I-ORG O B-ORG O",
            ),
            (
                "the Ministry of Defence and Minister Ben Wallace said",
                "O B-ORG I-ORG I-ORG O O B-PER I-PER O",
            ),
            (
                "the Bank of England and Monday trading",
                "O B-ORG I-ORG I-ORG O O O",
            ),
        ] {
            assert_eq!(joined(text, tags), tags, "{text}");
        }
    }

    #[test]
    fn a_place_before_an_organisation_is_part_of_it() {
        assert_eq!(
            joined(
                "referred the call to U.S. Capitol Police , who",
                "O O O O B-LOC B-ORG I-ORG O O"
            ),
            "O O O O B-ORG I-ORG I-ORG O O"
        );
        // An acronym after the place, a possessive place, a place after a name: apart.
        assert_eq!(
            joined("in Chicago NAPM said", "O B-LOC B-ORG O"),
            "O B-LOC B-ORG O"
        );
        assert_eq!(
            joined("at London's National Theatre", "O B-LOC B-ORG I-ORG"),
            "O B-LOC B-ORG I-ORG"
        );
    }

    #[test]
    fn names_broken_after_a_possessive_inside_them_are_joined() {
        assert_eq!(
            joined(
                "the People ’s Liberation Army said",
                "O B-ORG I-ORG B-ORG I-ORG O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG O"
        );
        // A possessive outside the name ends it.
        assert_eq!(
            joined("Walmart 's Black Friday Sales", "B-ORG O B-ORG I-ORG I-ORG"),
            "B-ORG O B-ORG I-ORG I-ORG"
        );
    }

    #[test]
    fn capitalised_words_before_a_bracketed_ticker_are_a_company() {
        assert_eq!(
            joined("FIRST CITY BANCORP <FBT> YEAR NET", "O O O O O O"),
            "B-ORG I-ORG I-ORG O O O"
        );
        assert_eq!(
            joined(
                "said Bell Canada Enterprises Inc <BCE> and Bank of Montreal <BMO>",
                "O B-LOC I-LOC O O O O O O B-LOC O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG O O B-ORG I-ORG I-ORG O"
        );
        // Not a person's name, not mid-sentence in capitals, not without a ticker, not an
        // untagged first word before "of".
        assert_eq!(
            joined("Smith 's Acme <ACM> rose", "B-PER O O O O"),
            "B-PER O B-ORG O O"
        );
        assert_eq!(
            joined(
                "Shares of Alibaba Group Holding Ltd <BABA.N> fell",
                "O O B-ORG I-ORG I-ORG I-ORG O O"
            ),
            "O O B-ORG I-ORG I-ORG I-ORG O O"
        );
        assert_eq!(
            joined("Bank of Montreal <BMO.TO> rose", "B-ORG I-ORG I-ORG O O"),
            "B-ORG I-ORG I-ORG O O"
        );
        assert_eq!(
            joined("U.S. SAYS ZETA CORP <ZET> OK", "B-LOC O O O O O"),
            "B-LOC O O O O O"
        );
        assert_eq!(joined("a < b and C > D", "O O O O O O O"), "O O O O O O O");
    }

    #[test]
    fn a_place_and_capitalised_words_ending_in_a_head_are_one_institution() {
        assert_eq!(
            joined(
                "Kenya Revenue Authority officials raided offices in Nairobi",
                "B-LOC O O O O O O B-LOC"
            ),
            "B-ORG I-ORG I-ORG O O O O B-LOC"
        );
        assert_eq!(
            joined("the New York Police Department said", "O B-LOC I-LOC O O O"),
            "O B-ORG I-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            joined(
                "the Coronado Unified School District said",
                "O B-LOC O O O O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            joined("in Kowloon City District today", "O B-LOC O O O"),
            "O B-LOC O O O"
        );
        // One word after the place, a day between, no head, or a person: left alone.
        assert_eq!(
            joined("the Delhi Police said", "O B-LOC O O"),
            "O B-LOC O O"
        );
        assert_eq!(
            joined("in Kenya Tuesday Police said", "O B-LOC O O O"),
            "O B-LOC O O O"
        );
        assert_eq!(
            joined("in Kenya President Ruto said", "O B-LOC O B-PER O"),
            "O B-LOC O B-PER O"
        );
        assert_eq!(
            joined("in Kenya Lions Club members said", "O B-LOC O O O O"),
            "O B-LOC O O O O"
        );
        assert_eq!(
            joined(
                "the Central Bank of Nigeria Monetary Policy Committee met",
                "O O O O B-LOC O O O O"
            ),
            "O O O O B-LOC O O O O"
        );
    }

    #[test]
    fn a_person_ending_in_a_company_word_is_a_company() {
        assert_eq!(
            joined(
                "Harita Nickel said output rose , Samantha Power said",
                "B-PER I-PER O O O O B-PER I-PER O"
            ),
            "B-ORG I-ORG O O O O B-PER I-PER O"
        );
        // An untagged name before a commodity company word joins it.
        assert_eq!(
            joined("rival Vedanta Copper was fined", "O O O O O"),
            "O B-ORG I-ORG O O"
        );
        // A place no gazetteer knows, but not one ending in "Bank".
        assert_eq!(
            joined(
                "a partner at Vinhedo Investimentos in the West Bank",
                "O O O B-LOC I-LOC O O B-LOC I-LOC"
            ),
            "O O O B-ORG I-ORG O O B-LOC I-LOC"
        );
    }

    #[test]
    fn a_company_ending_after_a_name_makes_it_an_organisation() {
        assert_eq!(
            joined(
                "Dangote Refinery began supplying diesel , Aliko Dangote said",
                "B-PER O O O O O B-PER I-PER O"
            ),
            "B-ORG I-ORG O O O O B-PER I-PER O"
        );
        assert_eq!(
            joined(
                "a stake in Savvy Games Group and Kenya Airways flights",
                "O O O B-MISC I-MISC O O B-LOC O O"
            ),
            "O O O B-ORG I-ORG I-ORG O B-ORG I-ORG O"
        );
        assert_eq!(
            joined("to a new Fast Company report", "O O O B-ORG O O"),
            "O O O B-ORG I-ORG O"
        );
        // Not in Title Case text, not "Union", not after an untagged word.
        assert_eq!(
            joined("Russia Party Congress Opens", "B-LOC O O O"),
            "B-LOC O O O"
        );
        assert_eq!(
            joined(
                "the Soviet Union collapsed , the party said",
                "O B-MISC O O O O O O"
            ),
            "O B-MISC O O O O O O"
        );
        assert_eq!(
            joined("the ruling Party said that", "O O O O O"),
            "O O O O O"
        );
        // An untagged word before a company ending, but not before "Group".
        assert_eq!(
            joined(
                "Emaar Properties rose while rival Aldar Properties gained",
                "O O O O O O O O"
            ),
            "B-ORG I-ORG O O O B-ORG I-ORG O"
        );
        assert_eq!(
            joined("The Working Group said that", "O O O O O"),
            "O O O O O"
        );
        // A legal form makes the name a company's, reaching back over untagged
        // capitalised words but not past a determiner.
        assert_eq!(
            joined(
                "shares of Malayan Banking Bhd and Tenaga Nasional Bhd led the gains",
                "O O O O B-PER O B-PER I-PER I-PER O O O"
            ),
            "O O B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG O O O"
        );
        assert_eq!(
            joined(
                "The Grupo Bimbo SAB de CV said sales grew in the quarter",
                "O B-ORG I-ORG I-ORG O O O O O O O O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG O O O O O O"
        );
        assert_eq!(
            joined(
                "shares of Sime Darby Plantation Bhd fell in the morning",
                "O O B-ORG I-ORG O O O O O O"
            ),
            "O O B-ORG I-ORG I-ORG I-ORG O O O O"
        );
        assert_eq!(
            joined(
                "On Monday Acme Ltd said it would sell",
                "O O B-ORG I-ORG O O O O"
            ),
            "O O B-ORG I-ORG O O O O"
        );
        assert_eq!(
            joined(
                "released on Aftermath Records by Huawei Technologies staff",
                "O O O O O B-ORG O O"
            ),
            "O O B-ORG I-ORG O B-ORG I-ORG O"
        );
    }

    #[test]
    fn the_acronym_of_an_organisation_the_document_spells_out_is_it() {
        let words = [
            vec!["the", "Democratic", "Alliance", "and", "the", "ANC"],
            vec!["the", "DA", "said", "US", "and", "UN"],
            vec!["United", "Steelworkers", "and", "DA", "Smith"],
            vec!["BSE", "and", "US", "DA"],
        ];
        let mut tagged = vec![
            encode(&["O", "B-ORG", "I-ORG", "O", "O", "B-ORG"].map(String::from)),
            encode(&["O", "B-LOC", "O", "B-LOC", "O", "O"].map(String::from)),
            encode(&["B-ORG", "I-ORG", "O", "B-PER", "O"].map(String::from)),
            encode(&["B-MISC", "O", "O", "O"].map(String::from)),
        ];
        join(&words, &mut tagged);
        assert_eq!(decode_iob2(&tagged[1]).join(" "), "O B-ORG O B-LOC O O");
        assert_eq!(decode_iob2(&tagged[2]).join(" "), "B-ORG I-ORG O B-ORG O");
        assert_eq!(decode_iob2(&tagged[3]).join(" "), "B-MISC O O O");
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
        // A country before the head: a national body, though the tagger read a place.
        assert_eq!(
            joined(
                "the Nigeria Centre for Disease Control said",
                "O B-LOC I-LOC O O O O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            joined(
                "the Africa Centres for Disease Control",
                "O B-LOC O O B-ORG I-ORG"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG"
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

    #[test]
    fn a_short_form_in_brackets_after_an_organisation_is_that_organisation() {
        let run = |text: &str, tags: &str| {
            crate::entities::perceptron::after_document_rule(&[(text, tags)], |s, t| {
                spelt_out_acronyms(s, t)
            })
            .join(" ")
        };
        // Untagged, letters from the name's words: tagged. Read as a place, same first
        // letter: retyped.
        assert_eq!(
            run(
                "the World Health Organization ( WHO ) and Kenya Medical Research Institute ( KEMRI )",
                "O B-ORG I-ORG I-ORG O O O O B-ORG I-ORG I-ORG I-ORG O B-LOC O"
            ),
            "O B-ORG I-ORG I-ORG O B-ORG O O B-ORG I-ORG I-ORG I-ORG O B-ORG O"
        );
        // A MISC short form of an institution, and the same form standing alone later.
        assert_eq!(
            crate::entities::perceptron::after_document_rule(
                &[
                    (
                        "the Brazilian Football Confederation ( CBF ) met the Bank of Ghana",
                        "O B-ORG I-ORG I-ORG O B-MISC O O O B-ORG I-ORG I-ORG"
                    ),
                    ("CBF officials said", "B-MISC O O"),
                ],
                |s, t| spelt_out_acronyms(s, t)
            ),
            [
                "O B-ORG I-ORG I-ORG O B-ORG O O O B-ORG I-ORG I-ORG",
                "B-ORG O O"
            ]
        );
        // Any name of three or more words gives its MISC short form too.
        assert_eq!(
            run(
                "the Reserve Bank of India ( RBI )",
                "O B-ORG I-ORG I-ORG I-ORG O B-MISC O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG O B-ORG O"
        );
        // A ticker, letters that spell no name, a one-word organisation, a product the
        // tagger took for a company: left alone.
        let product = "B-ORG I-ORG O B-MISC O";
        assert_eq!(run("Internet Explorer ( IE )", product), product);
        let kept = "B-ORG I-ORG O O O O B-ORG I-ORG O O O O B-ORG O O O";
        assert_eq!(
            run(
                "Apple Inc ( AAPL ) and Kenya Airways ( NSE ) , Safaricom ( SCOM )",
                kept
            ),
            kept
        );
    }

    #[test]
    fn a_name_begun_after_its_first_and_takes_the_word_before() {
        let run = |text: &str, tags: &str| sentence_rule(and_joined_names, text, tags);
        assert_eq!(
            run(
                "the Oil and Gas Development Company Ltd and the Pharmaceuticals and Medical Devices Agency",
                "O O O B-ORG I-ORG I-ORG I-ORG O O B-MISC O B-ORG I-ORG I-ORG"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O O B-ORG I-ORG I-ORG I-ORG I-ORG"
        );
        // Two names: the word before "and" is a name of its own; no "the"; no head.
        let kept = "O B-ORG O B-ORG I-ORG O O O B-ORG I-ORG I-ORG O O O O B-ORG I-ORG";
        assert_eq!(
            run(
                "the FBI and Justice Department said Oil and Gas Development Company and the Oil and Apple Music",
                kept
            ),
            kept
        );
    }

    #[test]
    fn institutions_named_in_other_languages_are_one_organisation() {
        let run = |text: &str, tags: &str| sentence_rule(iberian_institutions, text, tags);
        assert_eq!(
            run(
                "the Secretaría de Hacienda y Crédito Público and Unión por la Patria said",
                "O O O B-LOC O B-PER I-PER O O O O B-LOC O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            run(
                "The Bangko Sentral ng Pilipinas and Parti Keadilan Rakyat met Chama cha Mapinduzi",
                "O O O O B-PER O B-PER I-PER I-PER O B-PER O B-LOC"
            ),
            "O B-ORG I-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG"
        );
        assert_eq!(
            run("Asaib Ahl al-Haq fighters", "B-LOC I-LOC I-LOC O"),
            "B-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            run(
                "the Asamblea Legislativa and Gerencia Médica met",
                "O B-LOC I-LOC O B-PER I-PER O"
            ),
            "O B-ORG I-ORG O B-ORG I-ORG O"
        );
        // A name that runs on in lower case up to the short form it defines.
        let run2 = |text: &str, tags: &str| sentence_rule(bracketed_institutions, text, tags);
        assert_eq!(
            run2(
                "The Société nationale des transports ferroviaires ( SNTF ) will",
                "O B-LOC O O O O O O O O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG I-ORG O B-ORG O O"
        );
        let kept = "O B-LOC O O O O O O O O";
        assert_eq!(
            run2(
                "The Société nationale des transports ferroviaires ( ABC ) will",
                kept
            ),
            kept
        );
        // A head of another language alone stays as it was.
        assert_eq!(run("Chama said", "B-PER O"), "B-PER O");
        // No connector; after another capitalised word.
        let kept = "B-LOC I-LOC O B-PER I-PER I-PER I-PER I-PER O";
        assert_eq!(
            run("Centro Histórico , Juan Banco de la Cruz said", kept),
            kept
        );
    }

    #[test]
    fn an_organisation_right_before_a_country_is_its_national_arm() {
        let run = |text: &str, tags: &str| sentence_rule(national_arms, text, tags);
        assert_eq!(
            run(
                "HSBC Saudi Arabia and Toyota Australia",
                "B-ORG B-LOC I-LOC O B-ORG B-LOC"
            ),
            "B-ORG I-ORG I-ORG O B-ORG I-ORG"
        );
        // A city, a word between, a person before the country.
        let kept = "B-ORG B-LOC I-LOC O B-ORG O B-LOC O B-PER B-LOC";
        assert_eq!(
            run(
                "Hyatt Santa Clara and BBC in Scotland , Smith Scotland",
                kept
            ),
            kept
        );
    }

    #[test]
    fn the_name_after_a_place_based_modifier_is_an_organisation() {
        let run = |text: &str, tags: &str| sentence_rule(cued_organisations, text, tags);
        assert_eq!(
            run("The Lagos-based Punch newspaper reported", "O O O O O"),
            "O O B-ORG O O"
        );
        // After a word for a kind of organisation, with a place inside the name.
        assert_eq!(
            run(
                "at Nairobi-based brokerage AIB-AXYS Africa .",
                "O O O O B-LOC O"
            ),
            "O O O B-ORG I-ORG O"
        );
        assert_eq!(
            run("Riyadh-based Al-Masar Financial said", "O B-ORG O O"),
            "O B-ORG I-ORG O"
        );
        // Not across "and", a person, a nationality, a country or a span the modifier opens.
        assert_eq!(
            run("Ohio-based KeyCorp and Banc One", "O B-ORG O B-ORG I-ORG"),
            "O B-ORG O B-ORG I-ORG"
        );
        assert_eq!(
            run("placed London-based Levy 's novel", "O O B-PER O O"),
            "O O B-PER O O"
        );
        assert_eq!(run("a British-based Iraqi", "O O B-MISC"), "O O B-MISC");
        assert_eq!(
            run("said Moscow-based US lawyer", "O O B-LOC O"),
            "O O B-LOC O"
        );
        assert_eq!(
            run("Toronto-based Barrick gained", "B-ORG I-ORG O"),
            "B-ORG I-ORG O"
        );
        // Title Case text: every word is capitalised.
        assert_eq!(
            run("Lagos-Based Punch Newspaper Reports Surge", "O O O O O"),
            "O O O O O"
        );
        // After "shares of/in" and "stake in": a company, a one-word person too.
        assert_eq!(
            run("Shares of Zoom Video Communications jumped", "O O O O O O"),
            "O O B-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            run("a stake in Tamkeen last year", "O O O B-PER O O"),
            "O O O B-ORG O O"
        );
        assert_eq!(
            run("its shares in Hungary rose", "O O O B-LOC O"),
            "O O O B-LOC O"
        );
        assert_eq!(
            run(
                "shares in Rupert Murdoch 's News Corp",
                "O O B-PER I-PER O B-ORG I-ORG"
            ),
            "O O B-PER I-PER O B-ORG I-ORG"
        );
    }

    #[test]
    fn untagged_words_before_newspaper_name_the_publication() {
        let run = |text: &str, tags: &str| sentence_rule(named_publications, text, tags);
        assert_eq!(
            run("the Business Daily newspaper reported", "O O O O O"),
            "O B-ORG I-ORG O O"
        );
        assert_eq!(
            run("published in The Economist magazine", "O O O O O"),
            "O O B-ORG I-ORG O"
        );
        // A nationality, a day, a known place, a sentence's first word or its "The".
        assert_eq!(run("a Polish tabloid said", "O O O O"), "O O O O");
        assert_eq!(run("the Sunday newspaper", "O O O"), "O O O");
        assert_eq!(run("a Sarajevo newspaper", "O O O"), "O O O");
        assert_eq!(
            run("Financial newspaper Nihon Keizai", "O O B-ORG I-ORG"),
            "O O B-ORG I-ORG"
        );
        assert_eq!(run("\" The tabloid thing", "O O O O"), "O O O O");
    }

    #[test]
    fn a_broadcast_word_after_an_organisation_joins_it_unless_a_noun_follows() {
        let run = |text: &str, tags: &str| sentence_rule(broadcasters, text, tags);
        assert_eq!(
            run("polled by Yonhap News Agency .", "O O B-ORG O O O"),
            "O O B-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            run("told Reuters Television in an interview", "O B-ORG O O O O"),
            "O B-ORG I-ORG O O O"
        );
        assert_eq!(
            run("the CSI TV shows , experts say", "O B-ORG O O O O O"),
            "O B-ORG O O O O O"
        );
        // After a place it is as often a description.
        assert_eq!(run("Stunning NZ TV .", "O B-LOC O O"), "O B-LOC O O");
    }
}
