//! Person names a tagger breaks apart or misses after an office: a lowercase particle between
//! two tagged parts ("Mohammed bin Salman", "Ursula von der Leyen"), a family name left
//! untagged between an office and the rest of the name ("Prime Minister Pham Minh Chinh"),
//! and a whole name it did not know there ("Prime Minister Srettha Thavisin visited"), and
//! a romanised East Asian given name of two hyphenated syllables ("Hsiao Bi-khim"), an
//! Arabic family name with its article ("Abu Mohammed al-Jolani"), South Asian initials
//! ("KP Sharma Oli"), a Vietnamese family name ("Pham Minh Chinh"), a regnal number ("Leo
//! XIV"), the last syllable of a Korean given name ("Kim Jong [Un]"), a Gulf official's
//! full name after "Sheikh" ("Sheikh [Sabah]LOC Khaled [Al-Hamad Al-Sabah]"). Titles and honorifics leave the name, as CoNLL-2003 annotates them ("Datuk Seri
//! [Anwar Ibrahim]", "King [Mohammed VI]").
//!
//! Also the family name alone of a person the document names in full ("Mark Mapletoft ...
//! replaced Mapletoft"), which a tagger that reads it out of context may call an organisation
//! or a place. And an article tagged as a name of its own ("[The] [X-Factor]", "[A]
//! [Baddeley]"), which joins the name of the same type after it or is untagged. And a name
//! that ends in lowercase words ("[Adam Neumann can]", "[Gold Fields of]"), which loses them,
//! and an abbreviated honorific tagged as a person on its own ("[Sen.]"), which is untagged.
//! And two names run together across "and" or a bracket ("[Ministry of Finance and Ministry
//! of Commerce]", "[Communist Party of China ( CPC ) Central Committee]"), which are cut
//! apart.
//!
//! Owns joining those parts into one person span, per sentence, after decoding, and retyping
//! such family names, per document; both taggers run it before `works::relabel`. It must not
//! make a name from nothing: a particle joins two spans already tagged as persons, untagged
//! words become a name only right after a capitalised office or honorific, or as an Arabic
//! family name with a given name before it, and a family name is retyped only where the
//! tagger already found a name.

use super::perceptron::{LOC, MISC, ORG, PER, each_sentence, entity_type, tag_spans, write_span};
use super::word_list::WordList;

/// Lowercase words that sit inside a person's name in many languages.
pub(crate) static PARTICLES: WordList = WordList::new(&[
    "bin", "bint", "ibn", "binti", "al", "el", "abu", "ould", "ben", "de", "da", "do", "dos",
    "das", "di", "du", "del", "della", "van", "von", "der", "den", "ter", "le", "la", "zu", "ur",
    "ul",
]);

/// Capitalised office words that are followed by a name, not part of it (as written). Only
/// heads of a title: "General", "Judge" or "Secretary" often precede another title word
/// ("General Director", "Secretary General") rather than a name.
static OFFICES: WordList = WordList::new(&[
    "Minister",
    "President",
    "Premier",
    "Chancellor",
    "Governor",
    "Senator",
    "Ambassador",
    "Mayor",
]);

/// Words that are both an office (`OFFICES`) and a title (`TITLES`): a name the tagger may
/// have missed follows them ("Mallam Nasir El-Rufai"), and CoNLL-style annotation leaves
/// them out of the name ("King [Hussein]"). `is_office` and `is_title` read both lists.
static HONORIFICS: WordList = WordList::new(&[
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Sheikh",
    "Emir",
    "Sultan",
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
    "Pope",
    "Ayatollah",
    "Alhaji",
    "Alhaja",
    "Hajia",
    "Mallam",
    "Maulana",
    "Mufti",
    "Datuk",
    "Dato",
    "Datin",
    "Smt.",
    "Shri",
    "Hon.",
    "Engr.",
    "Barr.",
]);

/// An office word or honorific, after which a name may follow.
fn is_office(word: &str) -> bool {
    OFFICES.contains(word) || HONORIFICS.contains(word)
}

/// A title or honorific, which CoNLL-style annotation leaves out of a name.
fn is_title(word: &str) -> bool {
    TITLES.contains(word)
        || HONORIFICS.contains(word)
        || (word.len() <= 3 && POLICE_RANKS.contains(word))
}

/// Title words that can follow an office word and are no name ("President Elect", "Queen
/// Mother", "Princess Consort").
static NOT_NAMES: WordList = WordList::new(&[
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
]);

/// A word that may be part of a name: capitalised, with lowercase letters after (not
/// "UN"), and not itself an office word.
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !is_office(word)
        && !NOT_NAMES.contains(word)
}

/// Join the broken person names of each sentence in place.
pub fn join<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    each_sentence(sentences, tagged, join_sentence);
}

/// An article tagged as a name of its own, which no name is: "The" or "A" right before a
/// name of the same type joins it ("[The] [X-Factor]" -> "[The X-Factor]", "[A] [Baddeley]"
/// -> "[A Baddeley]", an initial); a lower-case "the" there, or a lone "The", is untagged
/// ("and [the] [Beach Boys]", "[The] book was called").
pub fn split_articles<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    each_sentence(sentences, tagged, |words, tags| {
        let spans = tag_spans(tags);
        for (k, &(start, end, kind)) in spans.iter().enumerate() {
            let word = words[start];
            if end != start + 1 || !matches!(word, "The" | "THE" | "the" | "A") {
                continue;
            }
            let next = spans
                .get(k + 1)
                .filter(|&&(next, _, next_kind)| next == end && next_kind == kind);
            match next {
                Some(_) if word == "the" => tags[start] = 0,
                Some(&(_, next_end, _)) => write_span(&mut tags[start..next_end], kind),
                None if word != "A" => tags[start] = 0,
                None => {}
            }
        }
    });
}

/// Words that join the parts of a name and never end one.
static CONNECTORS: WordList = WordList::new(&[
    "of", "and", "&", "on", "in", "for", "the", "at", "to", "by", "with", "from", "or",
]);

/// A person, place or organisation that starts with a capital does not end in a connector
/// ("[Gold Fields of] South Africa", "[Duke of]"), nor in another lowercase word after two
/// capitalised ones ("[Adam Neumann can] still", "[Washington State Department of Health
/// public] information officer"): the tail leaves the name. Both tiers' spans on the
/// CoNLL-2003 and 2019 news dev sets that ended in a lowercase word were all wrong; after
/// one capitalised word, tweets' lowercased names ("Zac brown") are right half the time, so
/// those stay. A particle before a capitalised word stays: it is a broken name, not a tail
/// ("[Prince Mohammed bin] [Salman]"; `join` runs first), as does an "s" after an
/// apostrophe ("Papa John ' s").
pub fn trim_lowercase_tails<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let lowercase = |w: &str| w.chars().all(char::is_lowercase) && !w.is_empty();
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            if kind == MISC || end < start + 2 || !words[start].starts_with(char::is_uppercase) {
                continue;
            }
            let mut keep = end;
            while keep > start + 1 {
                let last = words[keep - 1];
                let broken_name = PARTICLES.contains(last)
                    && words
                        .get(keep)
                        .is_some_and(|w| w.starts_with(char::is_uppercase));
                let clitic = matches!(words[keep - 2], "'" | "’");
                let capitalised = words[start..keep - 1]
                    .iter()
                    .filter(|w| w.starts_with(char::is_uppercase))
                    .count();
                let connector = CONNECTORS.contains(last);
                if !(connector || lowercase(last) && capitalised >= 2) || broken_name || clitic {
                    break;
                }
                keep -= 1;
            }
            if keep < end {
                tags[keep..end].fill(0);
                write_span(&mut tags[start..keep], kind);
            }
        }
    });
}

/// A name never ends in a comma, semicolon, colon, dash, lone apostrophe, unopened bracket
/// or, when no other dot is in it, a dot: "[Jonathan P .]" at a sentence's end, "[CPC )]", "[Flying
/// Fijians ']" lose the tail, which the accurate tier's word pieces let a name run into.
/// Kept: "[U . S .]", "[Rad ( B )]", "[Kerrang !]", and a possessive ("[Moody 's]", a
/// company's name).
pub fn trim_punctuation_tails<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            let mut keep = end;
            while keep > start + 1 {
                let inside = &words[start..keep - 1];
                let tail = match words[keep - 1] {
                    "," | ";" | ":" | "'" | "’" | "-" | "–" | "—" => true,
                    ")" => !inside.contains(&"("),
                    "]" => !inside.contains(&"["),
                    "." => !inside.contains(&"."),
                    _ => false,
                };
                if !tail {
                    break;
                }
                keep -= 1;
            }
            if keep < end {
                tags[keep..end].fill(0);
                write_span(&mut tags[start..keep], kind);
            }
        }
    });
}

/// A name never ends in an English connector: "[Office of the] [Labour]ORG Commissioner",
/// which a join that stopped before a name it could not take in leaves behind, loses "of
/// the". Run last, after every join; unlike `trim_lowercase_tails` it keeps other lowercase
/// words, which end French and Spanish names ("Dirección General de tránsito").
pub fn trim_connector_tails<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            let mut keep = end;
            while kind != MISC && keep > start + 1 && CONNECTORS.contains(words[keep - 1]) {
                keep -= 1;
            }
            if keep < end {
                tags[keep..end].fill(0);
                write_span(&mut tags[start..keep], kind);
            }
        }
    });
}

/// Names a tagger ran together, cut apart: "[Ministry of Finance and Ministry of Emergency
/// Management]" (the name's first word again after "and" or a comma), "[Communist Party of
/// China ( CPC ) Central Committee]" (a short form in brackets that the words before it
/// spell), and a bracket the name does not close ("[Hizbollah ( Party of God]") or closes
/// after a name before it opened it ("[Communist Party of China] ( [CPC ) Central
/// Committee]"), which the accurate tier's word pieces let a name run across; one word
/// after that bracket is the head of a name begun before it ("[Saleha] ( [RIPAS )
/// Hospital]"), and is dropped. A bracket opened after no name qualifies the name ("the
/// existing ( [UN ) Security Council]"), which stays whole. CoNLL-2003 tags each part on
/// its own; its names with brackets inside keep them ("[Mladost ( L )]", "[CPN ( UML )]",
/// "[Treaty of Waitangi ( Fisheries Claims ) Settlement Act]"), and no name of any shared
/// set runs on after "and" with its own first word. Each part keeps the name's type if it
/// starts with a capital or a digit, and is untagged otherwise. Run after every join, so
/// no join puts them together again.
pub fn split_run_together<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let cut_word = |w: &&str| matches!(*w, "and" | "," | "(" | ")");
    each_sentence(sentences, tagged, |words, tags| {
        if !words.iter().any(cut_word) {
            return;
        }
        for (start, end, kind) in tag_spans(tags) {
            // Most names hold none of these words: nothing to cut, nothing to allocate.
            if !words[start..end].iter().any(cut_word) {
                continue;
            }
            // "the existing ( [UN ) Security Council] resolutions": a bracket opened before
            // the name, after no name, qualifies it; the name stays whole.
            let qualified =
                start >= 1 && words[start - 1] == "(" && (start < 2 || tags[start - 2] == 0);
            let parts = run_together_parts(&words[start..end], qualified);
            if parts == [(0, end - start)] {
                continue;
            }
            tags[start..end].fill(0);
            for (from, to) in parts {
                let first = words[start + from];
                if first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                    write_span(&mut tags[start + from..start + to], kind);
                }
            }
        }
    });
}

/// The parts of one tagged name that `split_run_together` keeps, as ranges of its words
/// (the whole name when nothing is to be cut).
fn run_together_parts(name: &[&str], qualified: bool) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut part = 0;
    let mut i = 0;
    while i < name.len() {
        match name[i] {
            "and" | ","
                if i + 1 < name.len()
                    && name[i + 1] == name[part]
                    && name[part].starts_with(char::is_uppercase) =>
            {
                parts.push((part, i));
                part = i + 1;
                i += 2;
            }
            "(" => match name[i + 1..].iter().position(|w| *w == ")") {
                None => {
                    parts.push((part, i));
                    part = i + 1;
                    i += 1;
                }
                Some(offset) => {
                    let close = i + 1 + offset;
                    let short = name[i + 1];
                    if close == i + 2
                        && i - part >= 2
                        && super::normalize::is_acronym(short)
                        && super::normalize::letters_from(short, &name[part..i].join(" "))
                    {
                        parts.push((part, i));
                        parts.push((i + 1, i + 2));
                        part = close + 1;
                    }
                    i = close + 1;
                }
            },
            // What follows is the name's own head ("( RIPAS ) [Hospital]") unless it is two
            // or more words.
            ")" if qualified && part == 0 => i += 1,
            ")" => {
                parts.push((part, i));
                if name.len() - i <= 2 {
                    part = name.len();
                    break;
                }
                part = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    parts.push((part, name.len()));
    parts.retain(|&(from, to)| from < to);
    parts
}

/// An abbreviated honorific tagged as a person on its own ("The late [Sen.]", "[Mr.]" at
/// the end of a sentence a splitter cut there) names nobody: untagged. Only abbreviations:
/// "Prince" and "Queen" alone may be the musician and the band. Nor does an office alone
/// ("the [Chancellor] said") or a run of two or more titles and offices ("the [Lord
/// Chancellor], Lord Falconer"), nor a scoreline's "og" (own goal) after its minute. Of
/// any type: "Republic" alone after "of the" ("President of the [Republic]", as Latin
/// American and African outlets title their head of state; "Republic of Korea" is a name),
/// and a grade's Roman numeral ("raised its emergency response to Level [III]").
pub fn untag_lone_titles<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            let word = words[start];
            let abbreviated = word.ends_with('.') || matches!(word, "Mr" | "Mrs" | "Ms" | "Dr");
            if kind == PER && end == start + 1 && abbreviated && HONORIFICS.contains(word) {
                tags[start] = 0;
            }
            let titles_only = end - start >= 2
                && words[start..end]
                    .iter()
                    .all(|w| is_title(w) || is_office(w));
            let lone_office = end == start + 1 && OFFICES.contains(word);
            // "His Highness the Amir received": a ruler's title after "the" is no name
            // (Gulf agencies' style; "Amir" alone is also a given name).
            // "His [Highness]PER": a form of address, no name.
            let address = end == start + 1
                && matches!(word, "Highness" | "Majesty" | "Excellency" | "Holiness");
            let the_ruler = end == start + 1
                && matches!(word, "Amir" | "Emir")
                && start > 0
                && matches!(words[start - 1], "the" | "The");
            // A football scoreline's own goal after its minute, "Bramble 35 og".
            // "90+2 og", "35' og" too.
            let minute = words[..start]
                .iter()
                .rev()
                .find(|w| !matches!(**w, "'" | "’"))
                .is_some_and(|w| {
                    w.starts_with(|c: char| c.is_ascii_digit())
                        && w.bytes().all(|b| b.is_ascii_digit() || b == b'+')
                });
            let own_goal = end == start + 1 && matches!(word, "og" | "o.g.") && minute;
            if kind == PER && (titles_only || lone_office || the_ruler || address || own_goal) {
                tags[start..end].fill(0);
            }
            // "[ACP]ORG [Noor Dellhan Yahaya]PER": a rank before the person it titles.
            let rank_before_person = end == start + 1
                && POLICE_RANKS.contains(word)
                && tags.get(end).and_then(|&tag| entity_type(tag)) == Some(PER);
            let the_republic = end == start + 1
                && word == "Republic"
                && start >= 2
                && words[start - 2..start] == ["of", "the"];
            // The grade word inside the name or right before it.
            let grade_word = |w: &str| {
                matches!(
                    w,
                    "Level"
                        | "level"
                        | "Grade"
                        | "grade"
                        | "Category"
                        | "category"
                        | "Class"
                        | "class"
                        | "Stage"
                        | "stage"
                        | "Phase"
                        | "phase"
                        | "Tier"
                        | "tier"
                )
            };
            let numeral = |w: &str| matches!(w, "I" | "II" | "III" | "IV" | "V");
            let grade = match words[start..end] {
                [n] => numeral(n) && start >= 1 && grade_word(words[start - 1]),
                [g, n] => grade_word(g) && numeral(n),
                _ => false,
            };
            if rank_before_person || the_republic || grade {
                tags[start..end].fill(0);
            }
        }
    });
}

/// One reading for a family name within a document: a one-word name tagged as anything but
/// a person, written exactly as the last word of a person of two or more words the same
/// document names, becomes that person ("Mark Mapletoft" ... "replaced Mapletoft" (ORG)),
/// except a place that names a country or first-level region: "Ireland" and "Scotland" are
/// family names too, and in a story about one player the country is still far likelier.
/// So does an Arabic family name with its article, "Al Murshidi" after "Abdulsalam bin
/// Mohammed Al Murshidi" (read as an organisation), whatever it was tagged.
pub fn family_names<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let mut family: Vec<&str> = Vec::new();
    // Arabic family names with their article ("Al Murshidi", "Al Habsi"), as Gulf agencies
    // write them, of persons of three or more words.
    let mut arabic: Vec<(&str, &str)> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter()) {
        let words = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if kind == PER && end >= start + 2 && end <= words.len() {
                let last = words[end - 1].as_ref();
                if name_like(last) && !SUFFIXES.contains(&last) {
                    family.push(last);
                    let article = words[end - 2].as_ref();
                    if end >= start + 3 && matches!(article, "Al" | "El") {
                        arabic.push((article, last));
                    }
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
            if kind == PER || end > words.len() {
                continue;
            }
            let one = end == start + 1
                && family.binary_search(&words[start].as_ref()).is_ok()
                && (kind != LOC || !names_country_or_region(words[start].as_ref()));
            let two = end == start + 2
                && arabic.contains(&(words[start].as_ref(), words[start + 1].as_ref()));
            if one || two {
                write_span(&mut tags[start..end], PER);
            }
        }
    }
}

/// The mirror of `family_names` for organisations and places: a one-word person written
/// exactly as the first word of an organisation or place of two or more words in the same
/// document is its short name ("Tamkeen Digital Solutions" ... "[Tamkeen]PER reported",
/// "the Tadawul All Share Index" ... "debut on [Tadawul]PER"): an unfamiliar word that
/// starts a company's name is read as a person when it stands alone. Not when a person of
/// two or more words in the document holds the word ("Donald Trump" beside "Trump
/// Organization"), nor for a place the gazetteer knows ("Kampala" of "Kampala Capital City
/// Authority" stays whatever it was).
pub fn short_names<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    // First word of each longer organisation or place -> its type (None if both).
    let mut led: Vec<(&str, Option<usize>)> = Vec::new();
    let mut in_persons: Vec<&str> = Vec::new();
    let mut lone_persons: Vec<&str> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter()) {
        let words = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if end > words.len() {
                continue;
            }
            if end == start + 1 {
                if kind == PER {
                    lone_persons.push(words[start].as_ref());
                }
                continue;
            }
            if kind == PER {
                in_persons.extend(words[start..end].iter().map(|w| w.as_ref()));
            } else if kind == ORG || kind == LOC {
                let first = words[start].as_ref();
                match led.iter_mut().find(|(w, _)| *w == first) {
                    Some((_, known)) if *known != Some(kind) => *known = None,
                    Some(_) => {}
                    None => led.push((first, Some(kind))),
                }
            }
        }
    }
    // The gazetteer last, and only for words that stand alone as a person somewhere.
    led.retain(|&(word, kind)| {
        kind.is_some()
            && lone_persons.contains(&word)
            && name_like(word)
            && !in_persons.contains(&word)
            && !super::places::Gazetteer::embedded().names_a_sizeable_place(word, 15_000)
    });
    if led.is_empty() {
        return;
    }
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let words = sentence.as_ref();
        let tags = tags.as_mut();
        for (start, end, kind) in tag_spans(tags) {
            if kind != PER || end != start + 1 || end > words.len() {
                continue;
            }
            if let Some(&(_, Some(new))) = led.iter().find(|(w, _)| *w == words[start].as_ref()) {
                write_span(&mut tags[start..end], new);
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

/// Letters written after a person's name that are no part of it: senior counsel ("QC", "KC",
/// Nigeria's "SAN"), members of parliament and assemblies, honours, degrees.
static POST_NOMINALS: WordList = WordList::new(&[
    "QC", "KC", "SAN", "SC", "MP", "MNA", "MPA", "MLA", "MSP", "OBE", "CBE", "MBE", "KBE", "DBE",
    "PhD",
]);

/// A US party-and-state label after a politician's name, as a name of its own: "(D-Minn.)",
/// ", R-Texas," "(I-Vt.)" (the sentence's "." is cut off by then).
fn party_state_label(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('D' | 'R' | 'I'))
        && chars.next() == Some('-')
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphabetic() || c == '.')
}

/// Post-nominal letters leave the person before them ("[Jane Doe QC]" -> "[Jane Doe] QC"),
/// and, set off by a comma after a person, are no name of their own ("[Wole Olanipekun] ,
/// [SAN]" -> "[Wole Olanipekun] , SAN"); nor is a party-and-state label in brackets or
/// commas ("( [D-Minn] . )").
fn post_nominals(words: &[&str], tags: &mut [u8]) {
    if !words
        .iter()
        .any(|w| POST_NOMINALS.contains(w) || party_state_label(w))
    {
        return;
    }
    let mut person_ends: Vec<usize> = Vec::new();
    for (start, end, kind) in tag_spans(tags) {
        if end == start + 1
            && start >= 1
            && matches!(words[start - 1], "(" | ",")
            && party_state_label(words[start])
            && kind != MISC
        {
            tags[start] = 0;
        } else if kind == PER {
            let mut cut = end;
            while cut > start + 1 && POST_NOMINALS.contains(words[cut - 1]) {
                cut -= 1;
            }
            if cut < end {
                tags[cut..end].fill(0);
                write_span(&mut tags[start..cut], PER);
            }
            person_ends.push(cut);
        } else if end == start + 1
            && POST_NOMINALS.contains(words[start])
            && start >= 2
            && words[start - 1] == ","
            && person_ends.contains(&(start - 1))
        {
            tags[start] = 0;
        }
    }
}

/// Text whose words of four letters or more are all capitalised (a Title Case headline,
/// "Governor Announces He Will Run"), where capitals say nothing about names.
pub(super) fn reads_as_title_case(words: &[&str]) -> bool {
    !words
        .iter()
        .any(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase))
}

/// "Union" before an office is India's federal government, no name ("[Union] Home Minister
/// Amit Shah").
fn union_before_offices(words: &[&str], tags: &mut [u8]) {
    if !words.contains(&"Union") {
        return;
    }
    for (start, end, _) in tag_spans(tags) {
        if end == start + 1
            && words[start] == "Union"
            && words[end..words.len().min(end + 3)]
                .iter()
                .any(|w| is_office(w) || *w == "Ministers")
        {
            tags[start] = 0;
        }
    }
}

fn join_sentence(words: &[&str], tags: &mut [u8]) {
    let titled = words
        .iter()
        .any(|w| capital_first(w) && (is_title(w) || TITLE_STARTS.contains(w)));
    if titled {
        strip_titles(words, tags);
        elders_honorifics(words, tags);
    }
    union_before_offices(words, tags);
    if words.contains(&"Republic") {
        republic_titles(words, tags);
    }
    // The family name between an office and a tagged person.
    for (start, end, kind) in tag_spans(tags) {
        if kind == PER
            && start >= 2
            && tags[start - 1] == 0
            && name_like(words[start - 1])
            && is_office(words[start - 2])
        {
            write_span(&mut tags[start - 1..end], PER);
        }
    }
    // A name the tagger missed whole after an office: one to three untagged name-like
    // words, then a lowercase word or punctuation ("Prime Minister Srettha Thavisin visited").
    // Not in Title Case text ("Governor Announces He Will Run"), where every word looks a
    // name; that is asked only once an office word is found, as most sentences have none.
    let mut title_case = None;
    let mut i = 1;
    while i < words.len() {
        if tags[i - 1] == 0
            && capital_first(words[i - 1])
            && is_office(words[i - 1])
            && !*title_case.get_or_insert_with(|| reads_as_title_case(words))
        {
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
        let particle_ends_a = PARTICLES.contains(words[a_end - 1]);
        if a_kind == PER
            && b_kind == PER
            && (b_start > a_end || particle_ends_a)
            && (a_end..b_start).all(|i| tags[i] == 0 && PARTICLES.contains(words[i]))
        {
            write_span(&mut tags[a_start..b_end], PER);
        }
    }
    given_names(words, tags);
    patronymics(words, tags);
    gulf_names(words, tags);
    article_names(words, tags);
    initials(words, tags);
    vietnamese_family_names(words, tags);
    if titled {
        // The joins above may have reached back over a title ("Prince" + "Mohammed bin Salman").
        strip_titles(words, tags);
    }
    regnal_numbers(words, tags);
    post_nominals(words, tags);
    korean_given_names(words, tags);
    hyphenated_family_names(words, tags);
    script_glosses(words, tags);
    ages_after_names(words, tags);
}

/// "Arun, 30 and Ramkumar, 28, of Chennai", "Eleven Malema (45)": a name with an age after
/// it, as news lists suspects, victims and winners, is a person; taggers read given names
/// they do not know as places or organisations. A place or organisation span of one to
/// three capitalised words (not "The ..."), then a comma and a number from 1 to 110 that
/// ends there (a comma, "and", a full stop or the sentence's end follows), or for a place
/// span the number in brackets, becomes a person, unless the span names a place of 50,000
/// people or more ("Lagos, 24, Kano, 12" counts cases).
fn ages_after_names(words: &[&str], tags: &mut [u8]) {
    // Asked of every sentence: most have no small number after a comma or bracket.
    let age = |at: usize| {
        words.get(at).is_some_and(|w| {
            w.len() <= 3
                && w.bytes().all(|b| b.is_ascii_digit())
                && w.parse::<u32>().is_ok_and(|n| (1..=110).contains(&n))
        })
    };
    if !(1..words.len()).any(|i| matches!(words[i - 1].as_bytes(), b"," | b"(") && age(i)) {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        if !(kind == LOC || kind == ORG) || end - start > 3 {
            continue;
        }
        let ends_there = |at: usize| {
            words
                .get(at)
                .is_none_or(|w| matches!(*w, "," | "and" | "." | ";"))
        };
        let aged = match words.get(end) {
            Some(&",") => age(end + 1) && ends_there(end + 2),
            // A count in brackets follows bands and clubs ("The Smashing Pumpkins (9)").
            Some(&"(") => kind == LOC && age(end + 1) && words.get(end + 2) == Some(&")"),
            _ => false,
        };
        if aged
            && words[start] != "The"
            && words[start..end].iter().all(|w| name_like(w))
            && !super::places::Gazetteer::embedded()
                .names_a_sizeable_place(&words[start..end].join(" "), 50_000)
        {
            write_span(&mut tags[start..end], PER);
        }
    }
}

/// A name glossed in Chinese, Japanese or Korean script in brackets right after it, as
/// Taiwanese and Hong Kong papers write them ("Ko Wen-je (柯文哲)", "Democratic
/// Progressive Party (民進黨)"), is the same entity: the gloss takes the type of the name
/// before the bracket. Taggers trained on English text leave it out or read it as MISC.
fn script_glosses(words: &[&str], tags: &mut [u8]) {
    // Asked of every sentence: most have no bracket.
    if !words.iter().any(|w| w.as_bytes() == b"(") {
        return;
    }
    for i in 2..words.len().saturating_sub(1) {
        if words[i - 1] != "(" || words[i + 1] != ")" || !east_asian_script(words[i]) {
            continue;
        }
        let Some(kind) = entity_type(tags[i - 2]).filter(|&kind| kind != MISC) else {
            continue;
        };
        // Only a word on its own: not part of a longer name the tagger found.
        let alone = tags[i] == 0 || tag_spans(tags).contains(&(i, i + 1, MISC));
        if alone {
            write_span(&mut tags[i..i + 1], kind);
        }
    }
}

/// Is `word` written wholly in Han characters, kana or Hangul?
pub(crate) fn east_asian_script(word: &str) -> bool {
    word.chars().any(|c| !matches!(c, '\u{00B7}' | '\u{30FB}'))
        && word.chars().all(|c| {
            matches!(c,
                '\u{3400}'..='\u{4DBF}'
                | '\u{4E00}'..='\u{9FFF}'
                | '\u{F900}'..='\u{FAFF}'
                | '\u{3040}'..='\u{30FF}'
                | '\u{1100}'..='\u{11FF}'
                | '\u{AC00}'..='\u{D7AF}'
                | '\u{00B7}')
        })
}

/// Does `word` mark an Arabic name's chain of forebears and family ("bin", "Al", "Al-Sabah")?
fn arabic_name_link(word: &str) -> bool {
    matches!(word, "bin" | "bint" | "ibn" | "Bin" | "Al" | "al")
        || word.starts_with("Al-")
        || word.starts_with("al-")
}

/// A Gulf ruler's or official's full name after "Sheikh", which a tagger breaks where a part
/// is also a place or a common word ("Sheikh [Sabah]LOC Khaled [Al-Hamad Al-Sabah]PER"):
/// three or more capitalised words and particles, up to the last word tagged as a person,
/// holding a family or forebear link ("Al-", "bin"), become one person. Parts tagged as an
/// organisation or MISC end the run ("Sheikh Zayed Grand Mosque" has no link anyway).
fn gulf_names(words: &[&str], tags: &mut [u8]) {
    for i in 0..words.len() {
        if !matches!(words[i], "Sheikh" | "Sheikha" | "Sheik") {
            continue;
        }
        let start = i + 1;
        let mut end = start;
        let mut last_person = None;
        while end < words.len()
            && (name_like(words[end]) || arabic_name_link(words[end]))
            && !matches!(entity_type(tags[end]), Some(ORG | MISC))
        {
            if entity_type(tags[end]) == Some(PER) {
                last_person = Some(end + 1);
            }
            end += 1;
        }
        let Some(end) = last_person else { continue };
        if end - start >= 3 && words[start..end].iter().any(|w| arabic_name_link(w)) {
            // The title leaves a span the tagger began with it ("[Sheikh Sabah]LOC").
            tags[i] = 0;
            write_span(&mut tags[start..end], PER);
        }
    }
}

/// First parts of compound adjectives that are no family name ("Anglo-American").
static COMPOUND_STARTS: WordList = WordList::new(&[
    "Anglo", "Sino", "Afro", "Indo", "Franco", "Russo", "Greco", "Italo", "Euro", "Judeo",
    "Austro", "Hispano", "Luso", "Pan", "Non", "Ex", "Pro", "Anti", "Post", "Pre", "Mid",
]);

/// A hyphenated family name the tagger left out of the person before it ("[Rajendra]
/// Patil-Desai", "[Ana] Lopez-Garcia"): an untagged word of two capitalised parts right
/// after a person span, and no capitalised word after it.
fn hyphenated_family_names(words: &[&str], tags: &mut [u8]) {
    let hyphenated = |w: &str| {
        let mut parts = w.split('-');
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        let name_part = |p: &str| {
            let mut chars = p.chars();
            chars.next().is_some_and(char::is_uppercase)
                && p.chars().count() >= 2
                && chars.all(|c| c.is_lowercase() || c == '\'')
        };
        name_part(a) && name_part(b) && !COMPOUND_STARTS.contains(a)
    };
    if !words.iter().any(|w| w.contains('-')) {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        if kind == PER
            && tags.get(end) == Some(&0)
            && hyphenated(words[end])
            && !words
                .get(end + 1)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
        {
            write_span(&mut tags[start..=end], PER);
        }
    }
}

/// Common Korean family names as romanised in English-language news.
static KOREAN_FAMILY_NAMES: WordList = WordList::new(&[
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin",
    "Kwon", "Hwang", "Ahn", "Yoo", "Hong", "Moon", "Ri", "Pak", "Yun", "Ryu", "Choe",
]);

/// Short capitalised words that are English, not a syllable of a given name.
static NOT_SYLLABLES: WordList = WordList::new(&[
    "Is", "At", "On", "As", "Of", "To", "By", "Or", "So", "An", "And", "The", "But", "For", "Are",
    "Was", "Has", "Had", "Say", "Says", "Said", "Will", "May", "Can", "Not",
]);

/// A Korean name written as three words, of which the tagger took two ("[Kim Jong] Un
/// arrived", "[Kim Il] Sung"): a family name and a syllable tagged as a person, then an
/// untagged capitalised syllable of two to four letters.
fn korean_given_names(words: &[&str], tags: &mut [u8]) {
    let syllable = |w: &str| {
        let mut chars = w.chars();
        (2..=4).contains(&w.len())
            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_lowercase())
            && !NOT_SYLLABLES.contains(w)
    };
    for (start, end, kind) in tag_spans(tags) {
        if kind == PER
            && end == start + 2
            && end < words.len()
            && tags[end] == 0
            && KOREAN_FAMILY_NAMES.contains(words[start])
            && syllable(words[start + 1])
            && syllable(words[end])
        {
            write_span(&mut tags[start..=end], PER);
        }
    }
}

/// Common Vietnamese family names that are no English word ("Le", "Do" and "Ho" are left
/// out: "Le Monde", "Do Trump voters").
static VIETNAMESE_FAMILY_NAMES: WordList = WordList::new(&[
    "Nguyen", "Tran", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Ngo", "Duong",
    "Truong", "Dinh", "Trinh", "Luong", "Trieu", "Nguyễn", "Trần", "Phạm", "Hoàng", "Huỳnh", "Võ",
    "Vũ", "Đặng", "Bùi", "Ngô", "Dương", "Trương", "Đinh", "Lương",
]);

/// A Vietnamese family name left untagged before the rest of the person's name joins it
/// ("Pham [Minh Chinh]").
fn vietnamese_family_names(words: &[&str], tags: &mut [u8]) {
    if !words
        .iter()
        .any(|w| capital_first(w) && VIETNAMESE_FAMILY_NAMES.contains(w))
    {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        if kind == PER
            && start > 0
            && tags[start - 1] == 0
            && VIETNAMESE_FAMILY_NAMES.contains(words[start - 1])
        {
            write_span(&mut tags[start - 1..end], PER);
        }
    }
}

/// Does `word` start with a capital (or a non-ASCII letter)? The word lists of this module
/// are all capitalised: most words of a sentence need no lookup.
fn capital_first(word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_uppercase() || b >= 0x80)
}

/// Two-capital words that are no one's initials before a name ("UN Ban Ki-moon", "PM
/// Modi"); places are checked in the gazetteer as well.
static NOT_INITIALS: WordList = WordList::new(&[
    "UN", "EU", "AU", "US", "UK", "PM", "MP", "TV", "AI", "IS", "DJ", "MC", "VP", "GP", "FC", "OK",
    "HR", "PR", "CM", "DA", "LA", "NY", "DC", "ST", "RE", "FW", "BY", "TO", "NZ", "SA", "HK", "NK",
    "SK", "RI", "WA", "NT", "SC", "GM", "GB", "RT", "MT", "PT", "CB", "HT", "CC", "BC", "AD",
]);

/// South Asian initials written as one capitalised word ("KP Sharma Oli", "BS
/// Yediyurappa", "PV Sindhu") join the person after them, when nothing capitalised comes
/// before them and they are no place or common abbreviation (`NOT_INITIALS`).
fn initials(words: &[&str], tags: &mut [u8]) {
    let is_initials = |w: &str| {
        w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase()) && !NOT_INITIALS.contains(w)
    };
    if !words.iter().any(|w| is_initials(w)) {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        if kind != PER
            || start == 0
            || tags[start - 1] != 0
            || !is_initials(words[start - 1])
            || !name_like(words[start])
        {
            continue;
        }
        let before_ok = start < 2 || {
            let before = words[start - 2];
            is_office(before)
                || !before.chars().next().is_some_and(char::is_uppercase)
                || before == "Minister"
        };
        if before_ok && !names_country_or_region(words[start - 1]) {
            write_span(&mut tags[start - 1..end], PER);
        }
    }
}

/// Organisations and places written like an Arabic family name ("al-Qaeda").
static ARTICLE_NOT_NAMES: WordList = WordList::new(&[
    "Qaeda", "Qaida", "Shabaab", "Shabab", "Nusra", "Aqsa", "Jazeera", "Arabiya", "Ahram", "Azhar",
    "Quds", "Hayat", "Watan", "Akhbar", "Mayadeen", "Manar", "Hasakah", "Raqqa",
]);

/// "al-Sudani", "el-Sayed", "Al-Jolani": an Arabic article, a hyphen and a capitalised
/// name, as family names are written; not "al-Qaeda" (`ARTICLE_NOT_NAMES`).
pub(crate) fn article_name(word: &str) -> bool {
    // Most words start otherwise: no scan for a hyphen.
    if word.len() < 5 || !matches!(word.as_bytes()[0], b'a' | b'e' | b'A' | b'E') {
        return false;
    }
    let Some((article, name)) = word.split_once('-') else {
        return false;
    };
    matches!(
        article,
        "al" | "el" | "Al" | "El" | "ad" | "ash" | "as" | "az"
    ) && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).all(char::is_lowercase)
        && name.len() >= 3
        && !ARTICLE_NOT_NAMES.contains(name)
}

/// Arabic family names with their article join the person they belong to: after a
/// tagged person ("[Abu Mohammed] al-Jolani"), between an untagged given name and a
/// tagged person ("Karim el-Sayed [Abdel Rahman]"), or with an untagged given name
/// before them and no capitalised word after ("met Ayman al-Safadi of Jordan"); and a
/// person ending in one joins the person right after it ("[Karim el-Sayed] [Abdel
/// Rahman]": such a name goes on, it does not end one person of a list).
fn article_names(words: &[&str], tags: &mut [u8]) {
    if !words.iter().any(|w| article_name(w)) {
        return;
    }
    let given = |i: usize| name_like(words[i]) && !NOT_FAMILY_NAMES.contains(words[i]);
    for i in 1..words.len() {
        if !article_name(words[i]) || tags[i] != 0 {
            continue;
        }
        let person_before = tag_spans(tags)
            .into_iter()
            .find(|&(_, end, kind)| end == i && kind == PER);
        if let Some((start, _, _)) = person_before {
            write_span(&mut tags[start..=i], PER);
        } else if tags[i - 1] == 0 && given(i - 1) {
            let person_after = tag_spans(tags)
                .into_iter()
                .find(|&(start, _, kind)| start == i + 1 && kind == PER);
            let next_capitalised = words
                .get(i + 1)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
            if let Some((_, end, _)) = person_after {
                write_span(&mut tags[i - 1..end], PER);
            } else if !next_capitalised && tags.get(i + 1).is_none_or(|&t| t == 0) {
                write_span(&mut tags[i - 1..=i], PER);
            }
        }
    }
    // A person ending in an article name, then a person: one name.
    let mut joined_from = None;
    for pair in tag_spans(tags).windows(2) {
        let ((a_start, a_end, a_kind), (b_start, b_end, b_kind)) = (pair[0], pair[1]);
        if a_kind == PER && b_kind == PER && a_end == b_start && article_name(words[a_end - 1]) {
            // A chain of three or more parts stays one name.
            let start = *joined_from.get_or_insert(a_start);
            write_span(&mut tags[start..b_end], PER);
        } else {
            joined_from = None;
        }
    }
}

/// Titles written before a person's name, which CoNLL-style annotation leaves out of the
/// name ("Archbishop O Tutu B-PER") and `normalize` strips from entity names anyway:
/// Malaysian, Nigerian, South Asian and Gulf honorifics beside the English ones; those
/// that are office words too are in `HONORIFICS`.
static TITLES: WordList = WordList::new(&[
    "Prof",
    "Prof.",
    "Sir",
    "Dame",
    "Lord",
    "Emperor",
    "Empress",
    "Sheikha",
    "Archbishop",
    "Bishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Pastor",
    "Reverend",
    "Rev",
    "Rev.",
    "Fr.",
    "Malam",
    "Smt",
    "Shrimati",
    "Hon",
    "Rt.",
    "Engr",
    "Barr",
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sgt.",
    // Titles of judges, mayors and chiefs, and honorifics of South Asian, Malay, Arab,
    // East African and Fijian news, which taggers take into the name ("[Justice J.B.
    // Pardiwala]", "[Mama Wanjiru Njoroge]", "[Ratu Isikeli Naivalu]"); CoNLL-2003 leaves
    // "Judge" and "Chief" out (5 of 5 each).
    "Justice",
    "Judge",
    "Mayor",
    "Chief",
    "Haji",
    "Hajji",
    "Thiru",
    "Thirumathi",
    "Sayyid",
    "Mama",
    "Ratu",
    // Southern African movements' "Comrade"; Yoruba rulers' titles, which lead the name
    // ("Oba Rilwan Akiolu", "Ooni of Ife").
    "Comrade",
    "Cde",
    "Oba",
    "Ooni",
    "Alaafin",
    // Australian Aboriginal and Torres Strait Islander honorifics for Elders ("Aunty
    // [Dora Parker]", "Uncle [Lewis O'Brien]").
    "Aunty",
    "Auntie",
    "Uncle",
    // Gulf agencies' "His Highness" ("Amir HH Sheikh Tamim"); "Amir" before a title is one
    // too, and "HE" before a word in mixed case (`title_run`).
    "HH",
    "H.H.",
    // Legislators' titles as Taiwanese, Philippine and US papers write them before a name
    // ("Legislator [Kao Chia-yu]", "Councilor [Chien Shu-pei]").
    "Legislator",
    "Lawmaker",
    "Councilor",
    "Councillor",
    "Congressman",
    "Congresswoman",
    "Assemblyman",
    "Assemblywoman",
]);

/// Police ranks that South Asian and Malaysian news writes as acronyms before a name
/// ("ACP [Noor Dellhan Yahaya]", "DSP [Hussani Ibrahim]"): titles, never the name, and no
/// organisation when a tagger reads one so.
static POLICE_RANKS: WordList =
    WordList::new(&["ACP", "ASP", "DSP", "SSP", "DCP", "IGP", "DIG", "SHO"]);

/// Words that are a title only with the next word: "Tan Sri", "Puan Sri", "Crown Prince",
/// "Grand Ayatollah", "Grand Imam", "Grand Mufti", "Tun Dr" ("Tan" and "Tun" are also
/// family names), and Gulf agencies' "HE" (His Excellency) before a word in mixed case
/// ("HE Khalid bin Hilal", not the surname in a headline's "HE LIFENG SAID").
static TITLE_STARTS: WordList =
    WordList::new(&["Tan", "Puan", "Crown", "Grand", "Tun", "HE", "H.E."]);

/// How many words from `i` on are titles ("Datuk Seri", "Dato ' Sri", "Tan Sri", "Rt. Hon.").
fn title_run(words: &[&str], i: usize) -> usize {
    let mut j = i;
    while j < words.len() {
        let word = words[j];
        let next = words.get(j + 1).copied().unwrap_or("");
        let before = |n: usize| if j >= n { words[j - n] } else { "" };
        let malay = |w: &str| matches!(w, "Datuk" | "Dato" | "Datin" | "Tan" | "Puan");
        let after_malay_title = malay(before(1)) || (before(1) == "'" && malay(before(2)));
        // "HE Sultan bin Salim Al Habsi": a given name, where a ruler would be "His
        // Majesty Sultan Haitham bin Tarik".
        let given_sultan =
            word == "Sultan" && (next == "bin" || matches!(before(1), "HE" | "H.E."));
        if (is_title(word) && !given_sultan)
            || (word == "Amir" && is_title(next))
            || (matches!(word, "HE" | "H.E.") && next.chars().any(char::is_lowercase))
            || (matches!(word, "Seri" | "Sri") && after_malay_title)
            || (word == "'" && j > i && matches!(before(1), "Dato" | "Datuk"))
        {
            j += 1;
        } else if (matches!(word, "Tan" | "Puan") && matches!(next, "Sri" | "Seri"))
            || (word == "Crown" && matches!(next, "Prince" | "Princess"))
            || (word == "Grand" && matches!(next, "Ayatollah" | "Imam" | "Mufti"))
            || (word == "Tun" && is_title(next))
        {
            j += 2;
        } else {
            break;
        }
    }
    j.min(words.len()) - i
}

/// "President of the Republic Abdelmadjid Tebboune", as Algerian and other francophone
/// agencies write it: a tagger takes "Republic" into the name and calls it a place. A span
/// that starts with "Republic" after "of the" and goes on with two or more name-like
/// words is that person without "Republic".
fn republic_titles(words: &[&str], tags: &mut [u8]) {
    drop_leading_title(words, tags, |start, end, kind| {
        (kind == LOC || kind == PER)
            && words[start] == "Republic"
            && start >= 2
            && words[start - 1] == "the"
            && words[start - 2] == "of"
            && end - start >= 3
    });
}

/// An Elder's honorific the tagger read as the head of an organisation or place ("[Aunty
/// Dora]ORG"): the honorific leaves and the name is a person. Not "Uncle", which heads
/// brands too ("Uncle Tobys").
fn elders_honorifics(words: &[&str], tags: &mut [u8]) {
    drop_leading_title(words, tags, |start, end, kind| {
        (kind == ORG || kind == LOC)
            && matches!(words[start], "Aunty" | "Auntie")
            && (2..=4).contains(&(end - start))
    });
}

/// For each span (start, end, type) that `leads` says opens with a title: when the rest
/// is name-like, the title leaves the span and the rest is a person.
fn drop_leading_title(
    words: &[&str],
    tags: &mut [u8],
    leads: impl Fn(usize, usize, usize) -> bool,
) {
    for (start, end, kind) in tag_spans(tags) {
        if leads(start, end, kind) && words[start + 1..end].iter().all(|w| name_like(w)) {
            tags[start] = 0;
            write_span(&mut tags[start + 1..end], PER);
        }
    }
}

/// Titles at the head of a person span leave it ("[Datuk Seri Anwar Ibrahim]" -> "Datuk
/// Seri [Anwar Ibrahim]"); a span of titles only, before an untagged name, is no person
/// ("[Sultan] Hassanal Bolkiah": the office rule then finds the name; "[Dato] ' [Sri
/// Najib]"). A title alone before anything else stays: "King" is a family name too.
fn strip_titles(words: &[&str], tags: &mut [u8]) {
    for (start, end, kind) in tag_spans(tags) {
        if kind != PER {
            continue;
        }
        let run = title_run(words, start);
        if run == 0 {
            continue;
        }
        let cut = start + run;
        if cut < end {
            tags[start..cut].fill(0);
            write_span(&mut tags[cut..end], PER);
        } else if words.get(cut).is_some_and(|w| name_like(w))
            && (tags[cut] == 0 || super::perceptron::entity_type(tags[cut]) == Some(PER))
        {
            tags[start..end].fill(0);
        }
    }
}

/// Each person span followed by an untagged word that `part` accepts takes that word in
/// ("[Pope Leo]" + "XIV", "[Hsiao]" + "Bi-khim").
fn extend_persons(words: &[&str], tags: &mut [u8], part: fn(&str) -> bool) {
    for (start, end, kind) in tag_spans(tags) {
        if kind == PER && end < words.len() && tags[end] == 0 && part(words[end]) {
            write_span(&mut tags[start..=end], PER);
        }
    }
}

/// "II" to "XX", the numbers after a monarch's or pope's name.
fn regnal_number(word: &str) -> bool {
    matches!(word.as_bytes().first(), Some(b'I' | b'V' | b'X'))
        && matches!(
            word,
            "II" | "III"
                | "IV"
                | "VI"
                | "VII"
                | "VIII"
                | "IX"
                | "XI"
                | "XII"
                | "XIII"
                | "XIV"
                | "XV"
                | "XVI"
                | "XVII"
                | "XVIII"
                | "XIX"
                | "XX"
        )
}

/// A regnal number ends the person before it ("[Pope Leo] XIV" -> "Pope [Leo XIV]"), and a
/// name of a title, a name and a number read as another type is that person ("[King
/// Mohammed VI]" MISC -> "King [Mohammed VI]" PER). Clubs named so ("Willem II") have no
/// title before them and are left alone.
fn regnal_numbers(words: &[&str], tags: &mut [u8]) {
    if !words.iter().any(|w| regnal_number(w)) {
        return;
    }
    extend_persons(words, tags, regnal_number);
    for (start, end, kind) in tag_spans(tags) {
        if kind != PER && end - start >= 3 && regnal_number(words[end - 1]) {
            let cut = start + title_run(words, start);
            if cut > start && cut < end - 1 {
                tags[start..cut].fill(0);
                write_span(&mut tags[cut..end], PER);
            }
        }
    }
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
    extend_persons(words, tags, syllabic_given_name);
    for (start, end, kind) in tag_spans(tags) {
        if kind == LOC
            && end == start + 2
            && !matches!(words[start], "Al" | "El")
            && syllabic_given_name(words[end - 1])
            && words[start].len() <= 6
            && !NOT_FAMILY_NAMES.contains(words[start])
        {
            // "Cho Jung-tai" read as a place.
            write_span(&mut tags[start..end], PER);
        }
    }
    for i in 1..words.len() {
        if !syllabic_given_name(words[i])
            || tags[i - 1] != 0
            || words[i - 1].len() > 6
            || !words[i - 1].is_ascii()
            || !name_like(words[i - 1])
            || NOT_FAMILY_NAMES.contains(words[i - 1])
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
static HYPHEN_PREFIXES: WordList = WordList::new(&[
    "Re", "Co", "Pre", "Non", "Anti", "Pro", "Ex", "Self", "Post", "Mid", "Semi", "Multi", "Sub",
    "Well", "Half", "All", "Cross", "Over", "Under", "Out", "Off", "Up", "Down", "Back", "Long",
    "Short", "High", "Low", "Full", "Part", "Mini", "Super", "Ultra", "Neo", "Pan", "Inter",
    "Counter", "Hip", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Eighty", "Ninety",
]);

/// English words that end hyphenated words of two short parts ("Kong-based", "Tea-time").
static HYPHEN_SUFFIXES: WordList = WordList::new(&[
    "based", "led", "owned", "born", "made", "like", "style", "run", "wide", "free", "level",
    "era", "year", "years", "time", "term", "long", "side", "back", "up", "out", "off", "down",
    "over", "old", "new", "only", "size", "sized", "scale", "type", "linked", "bound", "backed",
    "maker", "makers", "owner", "owners", "way", "ways", "day", "days", "week", "month", "to",
    "built", "grown", "known", "blown", "drawn",
]);

/// Capitalised words that start sentences or headlines but are no family name.
static NOT_FAMILY_NAMES: WordList = WordList::new(&[
    "The", "A", "An", "And", "But", "In", "On", "At", "For", "Of", "To", "By", "As", "If", "Or",
    "So", "His", "Her", "Its", "Our", "Their", "This", "That", "New", "Old", "With", "From",
    "After", "When", "While", "Some", "Many", "Most", "All", "Both", "Each", "Every", "More",
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
]);

/// "Bi-khim", "Jae-myung", "Shaw-kong": a capitalised ASCII syllable, a hyphen and a lowercase
/// one, each at most six letters, neither an English prefix or suffix ("Re-run", "Kong-based").
fn syllabic_given_name(word: &str) -> bool {
    // Asked of every word of every sentence: most fail the first byte.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let Some((first, second)) = word.split_once('-') else {
        return false;
    };
    // No romanised syllable ends in "-ed" ("Crime-shaped").
    if HYPHEN_PREFIXES.contains(first) || HYPHEN_SUFFIXES.contains(second) || second.ends_with("ed")
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
pub(crate) static PATRONYMIC: WordList = WordList::new(&["bin", "bint", "ibn", "binti"]);

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
        if !(PATRONYMIC.contains(words[i]) && name_part(i - 1) && name_part(i + 1)) {
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
                || PARTICLES.contains(words[end]) && end + 1 < words.len() && name_part(end + 1))
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
    use crate::entities::perceptron::{after_rule, decode_iob2, encode};

    #[test]
    fn a_name_loses_a_lowercase_tail_but_not_a_particle_or_a_tweets_surname() {
        let trimmed =
            |text: &str, iob: &str| after_rule(text, iob, |s, t| trim_lowercase_tails(s, t));
        assert_eq!(
            trimmed("CEO Adam Neumann can still", "O B-PER I-PER I-PER O"),
            "O B-PER I-PER O O"
        );
        assert_eq!(
            trimmed(
                "Gold Fields of South Africa",
                "B-ORG I-ORG I-ORG B-LOC I-LOC"
            ),
            "B-ORG I-ORG O B-LOC I-LOC"
        );
        // After one capitalised word a lowercase word may be the surname of a tweet.
        assert_eq!(trimmed("love Zac brown", "O B-PER I-PER"), "O B-PER I-PER");
        // A particle before the rest of a broken name stays, as does a clitic "s".
        assert_eq!(
            trimmed(
                "Prince Mohammed bin Salman said",
                "B-PER I-PER I-PER B-PER O"
            ),
            "B-PER I-PER I-PER B-PER O"
        );
        assert_eq!(
            trimmed("Papa John ' s", "B-ORG I-ORG I-ORG I-ORG"),
            "B-ORG I-ORG I-ORG I-ORG"
        );
        // Works keep theirs ("Gone with the Wind" is MISC, and so untouched).
        assert_eq!(
            trimmed("read Fear and", "O B-MISC I-MISC"),
            "O B-MISC I-MISC"
        );
    }

    #[test]
    fn a_name_loses_a_trailing_connector_but_not_other_lowercase_words() {
        let trimmed =
            |text: &str, iob: &str| after_rule(text, iob, |s, t| trim_connector_tails(s, t));
        assert_eq!(
            trimmed(
                "the Office of the Labour Commissioner",
                "O B-ORG I-ORG I-ORG B-ORG O"
            ),
            "O B-ORG O O B-ORG O"
        );
        let kept = "O B-ORG I-ORG I-ORG I-ORG O B-MISC I-MISC";
        assert_eq!(
            trimmed("la Dirección General de tránsito and Gone with", kept),
            kept
        );
    }

    #[test]
    fn names_run_together_are_cut_apart() {
        let split = |text: &str, iob: &str| after_rule(text, iob, |s, t| split_run_together(s, t));
        assert_eq!(
            split(
                "China 's Ministry of Finance and Ministry of Emergency Management on",
                "B-LOC O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O"
            ),
            "B-LOC O B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            split(
                "the Communist Party of China ( CPC ) Central Committee ,",
                "O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O"
            ),
            "O B-ORG I-ORG I-ORG I-ORG O B-ORG O B-ORG I-ORG O"
        );
        // A bracket the name does not close, or closes without opening.
        assert_eq!(
            split(
                "Hizbollah ( Party of God )",
                "B-ORG I-ORG I-ORG I-ORG I-ORG O"
            ),
            "B-ORG O B-ORG I-ORG I-ORG O"
        );
        assert_eq!(
            split(
                "Party of China ( CPC ) Central Committee",
                "B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG I-ORG"
            ),
            "B-ORG I-ORG I-ORG O B-ORG O B-ORG I-ORG"
        );
        // After a bracket that follows no name, the bracket qualifies the name.
        let kept = "O O B-ORG I-ORG I-ORG I-ORG O";
        assert_eq!(
            split("existing ( UN ) Security Council resolutions", kept),
            kept
        );
        assert_eq!(
            split(
                "Anak Saleha ( RIPAS ) Hospital 's",
                "B-LOC I-LOC O B-LOC I-LOC I-LOC O"
            ),
            "B-LOC I-LOC O B-LOC O O O"
        );
        assert_eq!(
            split(
                "College of Medicine , College of Nursing and College of Science",
                "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG"
            ),
            "B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG"
        );
        // Brackets a name holds, words that spell no short form, "and" before another
        // word, and a lowercase part.
        let kept = "B-ORG I-ORG I-ORG I-ORG B-ORG I-ORG I-ORG I-ORG B-PER I-PER I-PER I-PER";
        assert_eq!(
            split("Mladost ( L ) CPN ( UML ) ( Tom ) Seaver", kept),
            kept
        );
        let kept = "B-ORG I-ORG I-ORG O O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG";
        assert_eq!(
            split(
                "Marks and Spencer said the World Health Organization ( WHO ) staff",
                kept
            ),
            "B-ORG I-ORG I-ORG O O B-ORG I-ORG I-ORG O B-ORG O O"
        );
        assert_eq!(
            split("Procter and procter", "B-ORG I-ORG I-ORG"),
            "B-ORG I-ORG I-ORG"
        );
    }

    #[test]
    fn a_name_loses_trailing_punctuation() {
        let trimmed =
            |text: &str, iob: &str| after_rule(text, iob, |s, t| trim_punctuation_tails(s, t));
        assert_eq!(
            trimmed("by Jonathan P .", "O B-PER I-PER I-PER"),
            "O B-PER I-PER O"
        );
        assert_eq!(
            trimmed("the Flying Fijians ' coach", "O B-ORG I-ORG I-ORG O"),
            "O B-ORG I-ORG O O"
        );
        assert_eq!(trimmed("( CPC ) said", "O B-ORG I-ORG O"), "O B-ORG O O");
        // Dots of an abbreviation, a bracket the name opened, a possessive and a name
        // that is a mark alone stay.
        let kept = "B-LOC I-LOC I-LOC I-LOC B-ORG I-ORG I-ORG I-ORG B-ORG I-ORG O B-ORG";
        assert_eq!(trimmed("U . S . Rad ( B ) Moody 's and ,", kept), kept);
    }

    #[test]
    fn an_abbreviated_title_alone_is_no_person() {
        let untagged =
            |text: &str, iob: &str| after_rule(text, iob, |s, t| untag_lone_titles(s, t));
        assert_eq!(untagged("The late Sen.", "O O B-PER"), "O O O");
        assert_eq!(untagged("Prince played", "B-PER O"), "B-PER O");
        assert_eq!(untagged("Sen. McCain", "B-PER B-PER"), "O B-PER");
        // Titles and offices only.
        assert_eq!(
            untagged(
                "the Lord Chancellor , Lord Falconer",
                "O B-PER I-PER O B-PER I-PER"
            ),
            "O O O O B-PER I-PER"
        );
        assert_eq!(untagged("the Chancellor said", "O B-PER O"), "O O O");
        // A police rank before the person it titles; alone before a verb it stays as read.
        assert_eq!(
            untagged(
                "chief , ACP Noor Dellhan Yahaya said",
                "O O B-ORG B-PER I-PER I-PER O"
            ),
            "O O O B-PER I-PER I-PER O"
        );
        assert_eq!(untagged("the ACP said", "O B-ORG O"), "O B-ORG O");
        // "the Republic" of a head of state's title, and a grade's numeral; a republic's
        // name and a numeral elsewhere stay.
        assert_eq!(
            untagged(
                "President of the Republic and the Republic of Korea",
                "O O O B-LOC O O B-LOC I-LOC I-LOC"
            ),
            "O O O O O O B-LOC I-LOC I-LOC"
        );
        assert_eq!(
            untagged("to Level III , Henry VIII", "O O B-ORG O B-PER I-PER"),
            "O O O O B-PER I-PER"
        );
        assert_eq!(untagged("to Level III .", "O B-LOC I-LOC O"), "O O O O");
        // A scoreline's own goal after its minute; a name after a minute stays.
        assert_eq!(
            untagged("Bramble 35 og , Mellor 38", "B-PER O B-PER O B-PER O"),
            "B-PER O O O B-PER O"
        );
        assert_eq!(
            untagged(
                "Dunne 90+2 og , Lampard 35 ' og",
                "B-PER O B-PER O B-PER O O B-PER"
            ),
            "B-PER O O O B-PER O O O"
        );
        assert_eq!(untagged("Bramble og", "B-PER B-PER"), "B-PER B-PER");
    }

    #[test]
    fn a_korean_name_of_three_words_is_joined_whole() {
        let joined = |text: &str, iob: &str| after_rule(text, iob, |s, t| join(s, t));
        assert_eq!(
            joined("said Kim Jong Un arrived", "O B-PER I-PER O O"),
            "O B-PER I-PER I-PER O"
        );
        assert_eq!(
            joined("Kim Il Sung died", "B-PER I-PER O O"),
            "B-PER I-PER I-PER O"
        );
        // Not a family name that is not Korean, not an English word after the name.
        assert_eq!(
            joined("said Theresa May Has left", "O B-PER I-PER O O"),
            "O B-PER I-PER O O"
        );
        assert_eq!(
            joined("said Kim Jong Is here", "O B-PER I-PER O O"),
            "O B-PER I-PER O O"
        );
    }

    #[test]
    fn an_article_tagged_alone_joins_the_name_after_it_or_is_untagged() {
        let split = |text, iob2| after_rule(text, iob2, |w, t| split_articles(w, t));
        assert_eq!(
            split("on The X-Factor tonight", "O B-ORG B-ORG O"),
            "O B-ORG I-ORG O"
        );
        assert_eq!(
            split("90 . A Baddeley ( Harrow )", "O O B-PER B-PER O B-ORG O"),
            "O O B-PER I-PER O B-ORG O"
        );
        assert_eq!(
            split("and the Beach Boys played", "O B-ORG B-ORG I-ORG O"),
            "O O B-ORG I-ORG O"
        );
        assert_eq!(split("The book was called", "B-MISC O O O"), "O O O O");
        // Before a name of another type "The" is untagged; "A" is then left alone.
        assert_eq!(split("The Hague", "B-MISC B-LOC"), "O B-LOC");
        assert_eq!(split("detainee ' A '", "O O B-MISC O"), "O O B-MISC O");
        assert_eq!(split("A Baddeley", "B-PER B-LOC"), "B-PER B-LOC");
    }

    fn joined(sentence: &str, iob2: &str) -> String {
        after_rule(sentence, iob2, |s, t| join(s, t))
    }

    #[test]
    fn a_gulf_name_after_sheikh_is_one_person_without_the_amir() {
        // KUNA's style: the title "Amir" leaves the name, and a part that is also a place
        // ("Sabah") rejoins the rest.
        assert_eq!(
            joined(
                "the Amir Sheikh Mishal Al-Sabah received Sheikh Sabah Khaled Al-Hamad Al-Sabah",
                "O B-PER I-PER I-PER I-PER O O B-LOC O B-PER I-PER"
            ),
            "O O O B-PER I-PER O O B-PER I-PER I-PER I-PER"
        );
        // A span the tagger began with "Sheikh" loses the title.
        assert_eq!(
            joined(
                "Sheikh Sabah Khaled Al-Hamad Al-Sabah",
                "B-LOC I-LOC O B-PER I-PER"
            ),
            "O B-PER I-PER I-PER I-PER"
        );
        // No family or forebear link in three words up to a person, or an organisation
        // before the person: left alone.
        let iob = "O B-LOC O B-PER O";
        assert_eq!(joined("Sheikh Hasina Wajed Rahman said", iob), iob);
        let iob = "O O B-ORG I-ORG B-PER I-PER";
        assert_eq!(joined("Sheikh Mohammed bin Rashid Al Maktoum", iob), iob);
        // An Elder's honorific the tagger read as an organisation; "Sultan" as a given name;
        // a brand after "Uncle" stays.
        assert_eq!(
            joined(
                "Aunty Dora spoke with HE Sultan bin Salim Al Habsi of Uncle Tobys",
                "B-ORG I-ORG O O O B-PER I-PER I-PER I-PER I-PER O B-ORG I-ORG"
            ),
            "O B-PER O O O B-PER I-PER I-PER I-PER I-PER O B-ORG I-ORG"
        );
        // "HE" in a headline in capitals is the surname He; "Republic Day" is no title.
        let kept = "B-PER I-PER O O B-MISC I-MISC";
        assert_eq!(joined("HE LIFENG SAID at Republic Day", kept), kept);
        let kept = "O O O B-MISC I-MISC I-MISC";
        assert_eq!(joined("rehearsal of the Republic Day Parade", kept), kept);
        // "HE" (His Excellency) is a title; "of the Republic" is no part of a name.
        assert_eq!(
            joined(
                "received HE Khalid bin Hilal Al Maawali and the President of the Republic Abdelmadjid Tebboune",
                "O B-PER I-PER I-PER I-PER I-PER I-PER O O O O O B-LOC I-LOC I-LOC"
            ),
            "O O B-PER I-PER I-PER I-PER I-PER O O O O O O B-PER I-PER"
        );
        // "His Highness the Amir" alone is no person; Amir Khan is.
        let untagged =
            |text: &str, iob: &str| after_rule(text, iob, |s, t| untag_lone_titles(s, t));
        assert_eq!(
            untagged("the Amir received Amir Khan", "O B-PER O B-PER I-PER"),
            "O O O B-PER I-PER"
        );
        assert_eq!(untagged("His Highness said", "O B-PER O"), "O O O");
    }

    #[test]
    fn a_gloss_in_east_asian_script_is_the_name_before_it() {
        assert_eq!(
            joined(
                "Ko Wen-je ( 柯文哲 ) of the Taiwan People 's Party ( 台灣民眾黨 ) and Seoul ( 서울 )",
                "B-PER I-PER O O O O O B-ORG I-ORG I-ORG I-ORG O O O O B-LOC O O O"
            ),
            "B-PER I-PER O B-PER O O O B-ORG I-ORG I-ORG I-ORG O B-ORG O O B-LOC O B-LOC O"
        );
        // A gloss read as MISC takes the name's type; one after an untagged word, or a
        // bracket holding more than the gloss, stays as it is.
        assert_eq!(
            joined("Cho Jung-tai ( 卓榮泰 )", "B-PER I-PER O B-MISC O"),
            "B-PER I-PER O B-PER O"
        );
        let kept = "O O O O O O O O O O";
        assert_eq!(joined("the premier ( 卓榮泰 ) and ( 卓 榮泰 )", kept), kept);
    }

    #[test]
    fn a_name_with_an_age_after_it_is_a_person() {
        assert_eq!(
            joined(
                "Arun , 30 and Ramkumar , 28 , of Chennai , and Eleven Malema ( 45 )",
                "B-LOC O O O B-ORG O O O O B-LOC O O B-LOC I-LOC O O O"
            ),
            "B-PER O O O B-PER O O O O B-LOC O O B-PER I-PER O O O"
        );
        let kept = "B-ORG I-ORG I-ORG O O O";
        assert_eq!(joined("The Smashing Pumpkins ( 9 )", kept), kept);
        // Case counts by city, a score, a section number and a year stay as read.
        let kept = "B-LOC O O O B-LOC O O O B-ORG O O O O B-LOC O O";
        assert_eq!(
            joined(
                "Lagos , 24 , Kano , 12 ; Arsenal , 2 - 1 Kenya , 2019",
                kept
            ),
            kept
        );
    }

    #[test]
    fn a_legislators_title_is_left_out() {
        assert_eq!(
            joined("Legislator Kao Chia-yu said", "B-PER I-PER I-PER O"),
            "O B-PER I-PER O"
        );
    }

    #[test]
    fn a_hyphenated_family_name_joins_the_person_before_it() {
        assert_eq!(
            joined(
                "said Rajendra Patil-Desai , and Ana Lopez-Garcia told the Anglo-American",
                "O B-PER O O O B-PER O O O O"
            ),
            "O B-PER I-PER O O B-PER I-PER O O O"
        );
        // A compound adjective, or a capitalised word after the hyphenated one.
        let kept = "O O B-PER O O";
        assert_eq!(joined("the envoy Smith Anglo-American talks", kept), kept);
        let kept = "B-PER O O O";
        assert_eq!(joined("Rajendra Patil-Desai Group said", kept), kept);
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
    fn post_nominal_letters_leave_the_person() {
        assert_eq!(
            joined(
                "Jane Doe QC and Wole Olanipekun , SAN , said",
                "B-PER I-PER I-PER O B-PER I-PER O B-LOC O O"
            ),
            "B-PER I-PER O O B-PER I-PER O O O O"
        );
        assert_eq!(
            joined(
                "Amy Klobuchar ( D-Minn . ) and Jim Jordan , R-Ohio , said",
                "B-PER I-PER O B-PER O O O B-PER I-PER O B-ORG O O"
            ),
            "B-PER I-PER O O O O O B-PER I-PER O O O O"
        );
        // Not after a person, or the whole span: left alone.
        assert_eq!(
            joined("the SAN in Lagos , MP", "O B-ORG O B-LOC O B-ORG"),
            "O B-ORG O B-LOC O B-ORG"
        );
    }

    #[test]
    fn union_before_an_office_is_no_name() {
        assert_eq!(
            joined(
                "Union Home Minister Amit Shah and the Union Cabinet",
                "B-ORG O O B-PER I-PER O O B-ORG I-ORG"
            ),
            "O O O B-PER I-PER O O B-ORG I-ORG"
        );
    }

    #[test]
    fn south_asian_honorifics_and_particles() {
        assert_eq!(
            joined(
                "Maulana Tariq Jameel and Mufti Muneeb ur Rehman spoke",
                "B-PER I-PER I-PER O B-PER I-PER O B-PER O"
            ),
            "O B-PER I-PER O O B-PER I-PER I-PER O"
        );
    }

    #[test]
    fn a_person_that_starts_an_organisation_of_the_document_is_its_short_name() {
        let run = |document: &[(&str, &str)]| {
            crate::entities::perceptron::after_document_rule(document, |s, t| short_names(s, t))
        };
        assert_eq!(
            run(&[
                ("Tamkeen Digital Solutions listed", "B-ORG I-ORG I-ORG O"),
                ("Tamkeen reported a profit", "B-PER O O O"),
            ]),
            ["B-ORG I-ORG I-ORG O", "B-ORG O O O"]
        );
        // A person of two words holds the word; a known city; one type each way.
        let kept = [
            (
                "Donald Trump and the Trump Organization",
                "B-PER I-PER O O B-ORG I-ORG",
            ),
            (
                "Trump said Kampala Capital City Authority",
                "B-PER O B-ORG I-ORG I-ORG I-ORG",
            ),
            (
                "Kampala and Mulago Hospital and Mulago Road",
                "B-PER O B-ORG I-ORG O B-LOC I-LOC",
            ),
            ("Mulago", "B-PER"),
        ];
        assert_eq!(
            run(&kept),
            kept.iter().map(|(_, t)| t.to_string()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn titles_leave_the_person_span() {
        assert_eq!(
            joined(
                "Datuk Seri Anwar Ibrahim met Tan Sri Muhyiddin Yassin",
                "B-PER I-PER I-PER I-PER O B-PER I-PER I-PER I-PER"
            ),
            "O O B-PER I-PER O O O B-PER I-PER"
        );
        assert_eq!(
            joined("Dato ' Sri Najib Razak said", "B-PER O B-PER I-PER I-PER O"),
            "O O O B-PER I-PER O"
        );
        assert_eq!(
            joined(
                "Ayatollah Ali Khamenei and Rt. Hon. Femi Gbajabiamila",
                "B-PER I-PER I-PER O B-PER I-PER I-PER I-PER"
            ),
            "O B-PER I-PER O O O B-PER I-PER"
        );
        // Judges', mayors' and chiefs' titles, and honorifics of news outside Europe.
        assert_eq!(
            joined(
                "Justice J.B. Pardiwala , Mama Wanjiru Njoroge and Ratu Isikeli Naivalu",
                "B-PER I-PER I-PER O B-PER I-PER I-PER O B-PER I-PER I-PER"
            ),
            "O B-PER I-PER O O B-PER I-PER O O B-PER I-PER"
        );
        // A title alone before an untagged name gives way to the name after it.
        assert_eq!(
            joined(
                "Sultan Hassanal Bolkiah of Brunei opened it",
                "B-PER O O O B-LOC O O"
            ),
            "O B-PER I-PER O B-LOC O O"
        );
        // An untagged name after an honorific is a person.
        assert_eq!(
            joined("Mallam Nasir El-Rufai defended his record", "O O O O O O"),
            "O B-PER I-PER O O O"
        );
        // "King" alone is a family name; "Tan" starts a title only before "Sri".
        assert_eq!(joined("King said", "B-PER O"), "B-PER O");
        assert_eq!(
            joined("Tan Chuan-Jin said", "B-PER I-PER O"),
            "B-PER I-PER O"
        );
        // Only person spans lose a title: places and clubs keep their words.
        assert_eq!(
            joined(
                "Prince Edward Island and Queen Mary University",
                "B-LOC I-LOC I-LOC O B-ORG I-ORG I-ORG"
            ),
            "B-LOC I-LOC I-LOC O B-ORG I-ORG I-ORG"
        );
    }

    #[test]
    fn arabic_family_names_with_their_article_join_the_person() {
        assert_eq!(
            joined(
                "rebels led by Abu Mohammed al-Jolani took Damascus",
                "O O O B-PER I-PER O O B-LOC"
            ),
            "O O O B-PER I-PER I-PER O B-LOC"
        );
        assert_eq!(
            joined(
                "Karim el-Sayed Abdel Rahman , an economist",
                "O O B-PER I-PER O O O"
            ),
            "B-PER I-PER I-PER I-PER O O O"
        );
        assert_eq!(
            joined(
                "Karim el-Sayed Abdel Rahman , an economist",
                "B-PER I-PER B-PER I-PER O O O"
            ),
            "B-PER I-PER I-PER I-PER O O O"
        );
        assert_eq!(
            joined(
                "Karim el-Sayed Abdel Rahman , an economist",
                "B-PER O B-PER I-PER O O O"
            ),
            "B-PER I-PER I-PER I-PER O O O"
        );
        // Two persons side by side, the first not ending in an article name: left apart.
        assert_eq!(
            joined("Ricky Ponting Abdel Rahman", "B-PER I-PER B-PER I-PER"),
            "B-PER I-PER B-PER I-PER"
        );
        assert_eq!(
            joined(
                "Abdelatty met Ayman al-Safadi of Jordan",
                "B-PER O O O O B-LOC"
            ),
            "B-PER O B-PER I-PER O B-LOC"
        );
        // Not an organisation written so, not before another capitalised word.
        assert_eq!(
            joined(
                "leader of al-Qaeda Ayman al-Zawahiri said",
                "O O O B-PER I-PER O"
            ),
            "O O O B-PER I-PER O"
        );
        assert_eq!(
            joined("fighters of Hayat al-Sham Front said", "O O O O O O"),
            "O O O O O O"
        );
    }

    #[test]
    fn initials_join_the_name_after_them() {
        assert_eq!(
            joined(
                "Prime Minister KP Sharma Oli resigned",
                "O O O B-PER I-PER O"
            ),
            "O O B-PER I-PER I-PER O"
        );
        assert_eq!(
            joined(
                "said PV Sindhu , while UN Ban Ki-moon",
                "O O B-PER O O O B-PER I-PER"
            ),
            "O B-PER I-PER O O O B-PER I-PER"
        );
        // Not after another capitalised word, not a place.
        assert_eq!(
            joined("Delhi Capitals KL Rahul scored", "B-ORG I-ORG O B-PER O"),
            "B-ORG I-ORG O B-PER O"
        );
        assert_eq!(
            joined("the NZ Jacinda Ardern", "O O B-PER I-PER"),
            "O O B-PER I-PER"
        );
    }

    #[test]
    fn a_syllabic_given_name_makes_a_two_word_place_a_person() {
        assert_eq!(
            joined(
                "Taiwan 's Cho Jung-tai defended it",
                "B-LOC O B-LOC I-LOC O O"
            ),
            "B-LOC O B-PER I-PER O O"
        );
        // Not a work's name, not after an Arabic article (a surah: "Al Maa-idah").
        assert_eq!(
            joined(
                "the verse Al Maa-idah and Al Maa-idah",
                "O O B-MISC I-MISC O B-LOC I-LOC"
            ),
            "O O B-MISC I-MISC O B-LOC I-LOC"
        );
    }

    #[test]
    fn a_vietnamese_family_name_joins_the_given_names() {
        assert_eq!(
            joined(
                "Vietnam 's Pham Minh Chinh met Le Monde",
                "B-LOC O O B-PER I-PER O B-ORG I-ORG"
            ),
            "B-LOC O B-PER I-PER I-PER O B-ORG I-ORG"
        );
    }

    #[test]
    fn regnal_numbers_end_the_name() {
        assert_eq!(
            joined(
                "Pope Leo XIV met King Abdullah II .",
                "B-PER I-PER O O B-PER I-PER O O"
            ),
            "O B-PER I-PER O O B-PER I-PER O"
        );
        assert_eq!(
            joined(
                "Morocco 's King Mohammed VI pardoned",
                "B-LOC O B-MISC I-MISC I-MISC O"
            ),
            "B-LOC O O B-PER I-PER O"
        );
        // A club named so keeps its type.
        assert_eq!(joined("Willem II won", "B-ORG I-ORG O"), "B-ORG I-ORG O");
    }

    #[test]
    fn particles_join_two_person_parts() {
        assert_eq!(
            joined(
                "Crown Prince Mohammed bin Salman met",
                "O B-PER I-PER O B-PER O"
            ),
            "O O B-PER I-PER I-PER O"
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
            joined("the minister Khuong Minh Chinh", "O O O B-PER I-PER"),
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
            "HE Abdulsalam bin Mohammed Al Murshidi met Al Murshidi"
                .split(' ')
                .collect(),
        ];
        let iob = [
            "B-PER I-PER O O O",
            "B-PER O B-ORG O B-ORG",
            "B-ORG I-ORG O B-PER O",
            "B-PER I-PER O B-PER I-PER O",
            "B-LOC O B-LOC",
            "O B-PER I-PER I-PER I-PER I-PER O B-ORG I-ORG",
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
        // An Arabic family name with its article.
        assert_eq!(out[5], "O B-PER I-PER I-PER I-PER I-PER O B-PER I-PER");
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
