//! Place names that a tagger breaks or mistypes at a prefix of extent: "Metro Manila" read
//! as "[Metro] [Manila]", "Greater Cairo" or "Metro Vancouver" as an organisation;
//! countries typed as organisations ("The [Soviet Union]ORG has bought"); and geographic
//! features typed as anything else ("[Suez Canal]ORG revenue", "the [Cape of Good
//! Hope]MISC"); and cities typed as persons, listed with places ("in Nairobi, [Mombasa]PER
//! and [Kisumu]PER") or before their country ("via [Nadi]PER in Fiji").
//!
//! And a person's name right before a place noun ("the [Nagdhunga]PER tunnel") is a place,
//! and so is a city typed as an organisation after "in" ("in [Sao Paulo]ORG").
//!
//! And the seat after "MP for" is one place, "and" included ("MP for [Hornsey and Wood
//! Green]", which a tagger reads as a person and a club).
//!
//! And a dateline in capitals that opens a sentence ("KARACHI :", "SAO PAULO , March 3 (
//! Reuters ) -"), tagged or not, is the place the gazetteer knows by that name.
//!
//! Owns that join and retyping, per sentence, after decoding; both taggers run it after
//! `known_orgs::tag`. A whole organisation span that the gazetteer reads as a country and
//! nothing else becomes a place (CoNLL types a country as a place even where it stands for
//! its government or its team); not a person ("Chad", "Jordan"), not a name that is also a
//! region ("Georgia"). Apart from a dateline and an MP's seat, it must not make a place
//! from nothing: the words after the prefix must already be tagged and be a country,
//! region or city of 50,000 people or more; and it must not reach past them ("Greater Manchester Police" keeps its type) or touch a
//! person ("Metro Boomin").

use super::normalize::is_one_of;
use super::perceptron::{
    LOC, MISC, ORG, PER, each_sentence, entity_type, list_gap, tag_spans, write_span,
};
use super::word_list::WordList;

/// Capitalised words that widen the place after them into a metropolitan area.
static PREFIXES: WordList = WordList::new(&["Greater", "Metro"]);

/// The smallest city a prefix widens: metropolitan areas are named after cities, and
/// hamlets share their names with common words ("Bank").
const MIN_POPULATION: u64 = 50_000;

/// "Kano State", "Rivers State", "Shan State": a first-level region and "State" name the
/// region, as Nigerian, Indian and Myanmar news write it, but a tagger types half of them
/// organisations ("[Rivers State]ORG") or leaves "State" out ("in [Lagos]LOC State"). The
/// span becomes one place when the gazetteer knows the name as a region or a city of
/// 15,000 people or more, none of them in the US: "Ohio State" and "Boise State" are
/// universities. Not a longer name ("Lagos State Government").
fn states(words: &[&str], tags: &mut [u8]) {
    if !words.contains(&"State") {
        return;
    }
    let gazetteer = super::places::Gazetteer::embedded();
    for (start, end, kind) in tag_spans(tags) {
        let region = match (end - start, kind) {
            // "[Rivers State]ORG"
            (2, ORG) if words[start + 1] == "State" => words[start],
            // "[Lagos]LOC State"
            (1, LOC) if words.get(end) == Some(&"State") && tags[end] == 0 => words[start],
            _ => continue,
        };
        let after = if kind == ORG { end } else { end + 1 };
        let longer = words
            .get(after)
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        if longer || !gazetteer.names_a_place_only_outside(region, "US", 15_000) {
            continue;
        }
        write_span(&mut tags[start..after], LOC);
    }
}

/// Join or retype each sentence's "Greater X" and "Metro X" places, and its countries
/// typed as organisations, in place.
pub fn join<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    each_sentence(sentences, tagged, |words, tags| {
        countries_as_places(words, tags);
        states(words, tags);
        features_as_places(words, tags);
        article_places(words, tags);
        listed_places(words, tags);
        cities_in_countries(words, tags);
        datelines(words, tags);
        before_place_nouns(words, tags);
        cities_after_locatives(words, tags);
        constituencies(words, tags);
        if !words.iter().any(|w| PREFIXES.contains(w)) {
            return;
        }
        let spans = tag_spans(tags);
        for (n, &(start, end, kind)) in spans.iter().enumerate() {
            if kind == PER {
                continue;
            }
            let next = spans.get(n + 1).copied();
            // The prefix inside the span, alone as a span before the place, or untagged
            // right before it.
            let (from, place) = if PREFIXES.contains(words[start]) && end > start + 1 {
                (start, (start + 1, end))
            } else if PREFIXES.contains(words[start])
                && let Some((next_start, next_end, _)) = next.filter(|s| s.0 == end && s.2 == LOC)
            {
                (start, (next_start, next_end))
            } else if kind == LOC
                && start > 0
                && tags[start - 1] == 0
                && PREFIXES.contains(words[start - 1])
            {
                (start - 1, (start, end))
            } else {
                continue;
            };
            if kind == LOC && from == start && place.1 == end {
                continue;
            }
            if super::places::Gazetteer::embedded()
                .names_a_sizeable_place(&words[place.0..place.1].join(" "), MIN_POPULATION)
            {
                write_span(&mut tags[from..place.1], LOC);
            }
        }
    });
}

/// Retype the organisation spans of one sentence that name a country and nothing else.
fn countries_as_places(words: &[&str], tags: &mut [u8]) {
    use super::places::{Gazetteer, InPassing};
    let gazetteer = Gazetteer::embedded();
    for (start, end, kind) in tag_spans(tags) {
        if kind != ORG {
            continue;
        }
        let name = words[start..end].join(" ");
        if matches!(gazetteer.in_passing(&name), InPassing::Country(_)) {
            write_span(&mut tags[start..end], LOC);
        }
    }
}

/// First words that, before "of", make a name a geographic feature ("Strait of Hormuz",
/// "Cape of Good Hope", "Isle of Man").
const FEATURE_HEADS: &[&str] = &[
    "Bay", "Cape", "Gulf", "Isle", "Island", "Islands", "Lake", "Mount", "Sea", "Strait", "Straits",
];

/// Retype the spans of one sentence that name a geographic feature: a person or
/// organisation of two or more words ending in a feature word (`normalize::FEATURE_TAILS`:
/// "Suez Canal", "Red Sea", "Spratly Islands"; not MISC, where such names are mostly
/// titles: the novel "Small Island", the film "Beyond the Sea"), or any name that is a
/// feature word then "of" ("Gulf of Aden").
fn features_as_places(words: &[&str], tags: &mut [u8]) {
    use super::normalize::{FEATURE_TAILS, is_one_of};
    for (start, end, kind) in tag_spans(tags) {
        if kind == LOC || end - start < 2 {
            continue;
        }
        let tail = kind != MISC && is_one_of(words[end - 1], FEATURE_TAILS);
        let head =
            end - start >= 3 && FEATURE_HEADS.contains(&words[start]) && words[start + 1] == "of";
        if tail || head {
            write_span(&mut tags[start..end], LOC);
        }
    }
}

/// A place followed by an untagged Arabic name with its article takes it: "[Bab]
/// el-Mandeb", "[Deir] al-Balah" (`name_joins::article_name`; not "al-Qaeda").
fn article_places(words: &[&str], tags: &mut [u8]) {
    use super::name_joins::article_name;
    for (start, end, kind) in tag_spans(tags) {
        if kind == LOC && end < words.len() && tags[end] == 0 && article_name(words[end]) {
            write_span(&mut tags[start..=end], LOC);
        }
    }
}

/// Does a sentence hold a person and a place? Most do not, and the two rules that retype
/// persons as places need both: a scan of the tags saves them building the span list.
fn has_person_and_place(tags: &[u8]) -> bool {
    let (mut person, mut place) = (false, false);
    for &tag in tags {
        match entity_type(tag) {
            Some(PER) => person = true,
            Some(LOC) => place = true,
            _ => {}
        }
        if person && place {
            return true;
        }
    }
    false
}

/// The smallest city a one-word person in a list of places becomes (`listed_places`).
const LISTED_CITY_POPULATION: u64 = 100_000;

/// A person of up to three words listed with a place is a place when the gazetteer names a
/// city of `LISTED_CITY_POPULATION` people or more so: "hearings in [Nairobi]LOC,
/// [Mombasa]PER, [Kisumu]PER and [Eldoret]PER", "in [Quang Ninh]LOC and [Hai Phong]PER". Listed means joined by nothing but a comma, "and" or
/// "or" to a place, or to another such person that is. Not an organisation: clubs are
/// listed with their cities' names ("Arsenal, Chelsea and Liverpool").
fn listed_places(words: &[&str], tags: &mut [u8]) {
    if !has_person_and_place(tags) {
        return;
    }
    let spans = tag_spans(tags);
    let listed =
        |a: (usize, usize, usize), b: (usize, usize, usize)| list_gap(&words[a.1..b.0]).is_some();
    let gazetteer = super::places::Gazetteer::embedded();
    let city = |(start, end, kind): (usize, usize, usize)| {
        kind == PER
            && end - start <= 3
            && gazetteer
                .names_a_sizeable_place(&words[start..end].join(" "), LISTED_CITY_POPULATION)
    };
    // Chains of listed spans; each becomes places if it holds a place.
    let mut from = 0;
    for n in 1..=spans.len() {
        if n < spans.len() && listed(spans[n - 1], spans[n]) {
            continue;
        }
        let chain = &spans[from..n];
        if chain.len() >= 2 && chain.iter().any(|s| s.2 == LOC) {
            for &span in chain.iter().filter(|&&s| city(s)) {
                write_span(&mut tags[span.0..span.1], LOC);
            }
        }
        from = n;
    }
}

/// A one-word person right before "in" or a comma and a country is a city of that country
/// when the gazetteer has one so named: "a flight via [Nadi]PER in [Fiji]LOC", "[Kisumu]PER,
/// [Kenya]LOC". Not before a possessive ("Smith, Britain's envoy").
fn cities_in_countries(words: &[&str], tags: &mut [u8]) {
    if !has_person_and_place(tags) || !words.iter().any(|w| matches!(*w, "in" | ",")) {
        return;
    }
    let spans = tag_spans(tags);
    let gazetteer = super::places::Gazetteer::embedded();
    for pair in spans.windows(2) {
        let [(start, end, kind), (next_start, next_end, next_kind)] = [pair[0], pair[1]];
        if kind == PER
            && end == start + 1
            && next_kind == LOC
            && next_start == end + 1
            && matches!(words[end], "in" | ",")
            && words.get(next_end).is_none_or(|w| !w.starts_with('\''))
            && gazetteer.names_a_city_in(words[start], &words[next_start..next_end].join(" "))
        {
            write_span(&mut tags[start..end], LOC);
        }
    }
}

/// Lower-case nouns of places and facilities that follow a place's name ("the Nagdhunga
/// tunnel", "Kgotso shaft", "Kogi state"). Not "camp" ("the Biden camp"), "station" ("a
/// Kiss station") or "family".
static PLACE_NOUNS: WordList = WordList::new(&[
    "tunnel",
    "shaft",
    "pass",
    "highway",
    "expressway",
    "motorway",
    "road",
    "street",
    "avenue",
    "bridge",
    "market",
    "river",
    "valley",
    "village",
    "district",
    "province",
    "town",
    "township",
    "county",
    "municipality",
    "mine",
    "dam",
    "port",
    "airport",
    "hamlet",
    "island",
    "lake",
    "mountain",
    "hills",
    "estate",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "region",
    "state",
    "governorate",
    "prefecture",
    "creek",
    "beach",
    "junction",
    "interchange",
    "corridor",
    "canal",
    "reservoir",
    "forest",
    "wetland",
    "barangay",
    "woreda",
    "constituency",
]);

/// A person span of up to three words right before a place noun is a place ("the
/// [Nagdhunga]PER tunnel", "[Lang Nu]PER hamlet"): a person's name before
/// "tunnel" or "district" names what was named after them, which CoNLL-2003 types a place
/// too ("Kennedy airport").
fn before_place_nouns(words: &[&str], tags: &mut [u8]) {
    // A scan of the tags first: most sentences hold no person, and each word's look-up in
    // PLACE_NOUNS hashes it.
    if !tags.iter().any(|&t| entity_type(t) == Some(PER))
        || !words.iter().any(|w| PLACE_NOUNS.contains(w))
    {
        return;
    }
    for (start, end, kind) in tag_spans(tags) {
        // Not a user handle: "@Lovely_Tyasiah mine good too".
        if kind == PER
            && end - start <= 3
            && !words[start].starts_with('@')
            && words.get(end).is_some_and(|w| PLACE_NOUNS.contains(w))
        {
            write_span(&mut tags[start..end], LOC);
        }
    }
}

/// Prepositions after which a city is the place, not its club or a company named after it
/// ("in Sao Paulo"; not "from" or "at": "signed from Barcelona", "at Chelsea").
static LOCATIVES: WordList =
    WordList::new(&["in", "near", "outside", "across", "around", "throughout"]);

/// Words before "in" that make the name after it a company ("shares in Slough").
const INVESTMENTS: &[&str] = &[
    "shares",
    "share",
    "stake",
    "stakes",
    "invest",
    "invested",
    "investing",
    "investment",
    "investments",
    "interest",
    "holding",
    "holdings",
    "position",
    "stock",
];

/// An organisation span right after a locative preposition that is exactly a city of
/// 100,000 people or more, a region or a country in the gazetteer is that place, unless a
/// possessive follows ("in Chelsea 's defence"): the one-reading-per-name vote made "[Sao
/// Paulo]ORG" of "in Sao Paulo" in a story whose other mentions modify a fund and a
/// governor.
fn cities_after_locatives(words: &[&str], tags: &mut [u8]) {
    if !tags.iter().any(|&t| entity_type(t) == Some(ORG))
        || !words.iter().any(|w| LOCATIVES.contains(w))
    {
        return;
    }
    let gazetteer = super::places::Gazetteer::embedded();
    for (start, end, kind) in tag_spans(tags) {
        // "Shares in Slough", "a stake in Madrid": the company, not the city.
        let holding = || start >= 2 && is_one_of(words[start - 2], INVESTMENTS);
        if kind == ORG
            && start > 0
            && LOCATIVES.contains(words[start - 1])
            && !holding()
            && !possessive_after(words, end)
            && gazetteer
                .names_a_sizeable_place(&words[start..end].join(" "), LISTED_CITY_POPULATION)
        {
            write_span(&mut tags[start..end], LOC);
        }
    }
}

/// Titles of elected members, before "for" and their seat: "MP for Kensington and
/// Chelsea", "the MSP for Edinburgh South".
static MEMBER_TITLES: WordList = WordList::new(&[
    "MP", "MPs", "MSP", "MSPs", "MEP", "MEPs", "MLA", "MLAs", "TD", "TDs", "member", "Member",
]);

/// Make the seat after "MP for" one place: its capitalised words, and "and" between two
/// of them ("MP for [Kensington and Chelsea]", "MP for [Hornsey and Wood Green]", which a
/// tagger splits or reads as clubs), up to a person named in full or a lowercase word;
/// "the member for Kensington and Chelsea" too. No name may reach past the seat.
fn constituencies(words: &[&str], tags: &mut [u8]) {
    // Most sentences have no "MP for": one cheap scan before anything else.
    if !words
        .windows(2)
        .any(|pair| pair[1] == "for" && MEMBER_TITLES.contains(pair[0]))
    {
        return;
    }
    // A person named in full ends the seat ("MP for Sedgefield Tony Blair"); a one-word
    // person reading is the tagger's ("MP for [Hornsey]PER and Wood Green").
    let persons: Vec<(usize, usize)> = tag_spans(tags)
        .iter()
        .filter(|&&(a, b, kind)| kind == PER && b > a + 1)
        .map(|&(a, b, _)| (a, b))
        .collect();
    let capitalised = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
            && !persons.iter().any(|&(a, b)| a <= i && i < b)
    };
    for at in 1..words.len() {
        if words[at] != "for" || !MEMBER_TITLES.contains(words[at - 1]) {
            continue;
        }
        let start = at + 1;
        let mut end = start;
        while capitalised(end) || (end > start && words[end] == "and" && capitalised(end + 1)) {
            end += 1;
        }
        // The last name inside the seat must end with it ("Chelsea Football Club" is the
        // run's own words).
        let spans_out = tag_spans(tags)
            .iter()
            .any(|&(a, b, _)| a < end && b > end && a >= start);
        if end > start && !spans_out {
            write_span(&mut tags[start..end], LOC);
        }
    }
}

/// Does a possessive follow the span ending at `end` ("in Chelsea 's defence")?
fn possessive_after(words: &[&str], end: usize) -> bool {
    words
        .get(end)
        .is_some_and(|w| w.starts_with('\'') || w.starts_with('’'))
}

/// Compass words that make "X of Y" a position relative to the place Y ("60 kilometres
/// east of Tom Price").
static COMPASS: WordList = WordList::new(&[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
]);

/// Person spans that their context says are places, across a document: a name the
/// gazetteer knows as a place right after a locative preposition ("in [Thompson]PER last
/// year"), any name after a compass word and "of" ("60 kilometres east of [Tom Price]PER"),
/// and a name paired with a tagged place by "from ... to" ("from [Gara Djebilet]PER to
/// [Béchar]LOC"). After a locative, only a region, a country or a city of
/// `LISTED_CITY_POPULATION` people. Not when a possessive follows ("in Obama 's speech"),
/// and not a one-word name that is the given or family name of a person the document
/// names in full ("Mayor Ann Thompson ... in Thompson", "playing Ray Charles in Ray").
pub fn persons_as_places<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
) {
    let mut name_parts: Vec<&str> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let (words, tags) = (sentence.as_ref(), tags.as_mut());
        if words.len() != tags.len() {
            continue;
        }
        for (start, end, kind) in tag_spans(tags) {
            if kind == PER && end - start >= 2 {
                name_parts.push(words[start].as_ref());
                name_parts.push(words[end - 1].as_ref());
            }
        }
    }
    let gazetteer = super::places::Gazetteer::embedded();
    each_sentence(sentences, tagged, |words, tags| {
        if !tags.iter().any(|&t| entity_type(t) == Some(PER)) {
            return;
        }
        let spans = tag_spans(tags);
        for (n, &(start, end, kind)) in spans.iter().enumerate() {
            if kind != PER || start == 0 {
                continue;
            }
            let a_name_part = end == start + 1 && name_parts.contains(&words[start]);
            if possessive_after(words, end) || a_name_part {
                continue;
            }
            let name = || words[start..end].join(" ");
            let after_locative = matches!(words[start - 1], "in" | "near" | "around" | "outside")
                && gazetteer.names_a_sizeable_place(&name(), LISTED_CITY_POPULATION);
            let after_compass =
                start >= 2 && words[start - 1] == "of" && COMPASS.contains(words[start - 2]);
            // "from [X]PER to [Y]LOC" and "from [Y]LOC to [X]PER": the other place is the
            // next or the previous span, next to "to".
            let from_to = (words[start - 1] == "from"
                && words.get(end) == Some(&"to")
                && spans
                    .get(n + 1)
                    .is_some_and(|&(s, _, k)| s == end + 1 && k == LOC))
                || (words[start - 1] == "to"
                    && n > 0
                    && spans[n - 1].1 + 1 == start
                    && spans[n - 1].2 == LOC
                    && spans[n - 1].0 > 0
                    && words[spans[n - 1].0 - 1] == "from");
            if after_locative || after_compass || from_to {
                write_span(&mut tags[start..end], LOC);
            }
        }
    });
}

/// Month names and their wire abbreviations, as a dateline's date starts.
const MONTHS: &[&str] = &[
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
    "Jan",
    "Jan.",
    "Feb",
    "Feb.",
    "Mar",
    "Mar.",
    "Apr",
    "Apr.",
    "Jun",
    "Jun.",
    "Jul",
    "Jul.",
    "Aug",
    "Aug.",
    "Sep",
    "Sep.",
    "Sept",
    "Sept.",
    "Oct",
    "Oct.",
    "Nov",
    "Nov.",
    "Dec",
    "Dec.",
];

/// The smallest town a dateline names: wire copy files from small places, but "MORE :" and
/// "DOI :" open lines too.
const DATELINE_POPULATION: u64 = 10_000;

/// Words that open a line in capitals and a colon or dash without naming a place, though a
/// place somewhere bears them (title-cased).
const NOT_DATELINES: &[&str] = &[
    "More",
    "Update",
    "Breaking",
    "Watch",
    "Live",
    "Video",
    "Photos",
    "Note",
    "Alert",
    "Flash",
    "Urgent",
    "Exclusive",
    "Analysis",
    "Opinion",
    "Editorial",
    "Interview",
    "Review",
    "Feature",
    "Correction",
    "Brief",
    "Factbox",
    "Sports",
    "World",
    "Business",
    "Politics",
    "Health",
    "Read",
    "See",
    "Also",
    "Source",
    "Sources",
    "Photo",
    "Credit",
];

/// A word in capitals, as a dateline's place is written ("SAO", "KOTA", "BENIN").
fn in_capitals(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '-' || c == '.' || c == '\'')
}

/// A dateline that opens a sentence is its place: one to three words in capitals, then a
/// colon or a dash ("KARACHI :", "ASTANA –"), an agency in brackets ("HARARE ( Reuters )
/// -"), or a comma and a date or a region before an agency ("SAO PAULO , March 3 (
/// Reuters ) -", "NAIROBI , Kenya ( AP ) -"), when the gazetteer knows a place so named.
/// The tagger, trained on datelines in CoNLL-2003's form ("BRUSSELS 1996-08-22"), leaves
/// these untagged or reads them as persons. Here alone this module makes a place of
/// untagged words: the form of a dateline is the evidence.
fn datelines(words: &[&str], tags: &mut [u8]) {
    let caps = words.iter().take(4).take_while(|w| in_capitals(w)).count();
    if caps == 0 || caps > 3 {
        return;
    }
    let after = &words[caps..];
    let marked = match after.first().copied() {
        // Not a label before a number ("DOI : 10.1007/...").
        Some(":" | "–" | "—" | "-" | "--") => !after
            .get(1)
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())),
        Some("(") => after.get(2) == Some(&")"),
        Some(",") => {
            let rest = &after[1..after.len().min(8)];
            rest.first().is_some_and(|w| MONTHS.contains(w))
                || rest
                    .windows(2)
                    .any(|p| p[0] == "(" && p[1].starts_with(char::is_uppercase))
        }
        _ => false,
    };
    if !marked {
        return;
    }
    // A span that reaches past the capitals is the tagger's longer name: left alone.
    if tag_spans(tags)
        .iter()
        .any(|&(s, e, _)| s < caps && e > caps)
    {
        return;
    }
    let title: Vec<String> = words[..caps]
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect();
    let name = title.join(" ");
    if caps == 1 && NOT_DATELINES.contains(&name.as_str()) {
        return;
    }
    if super::places::Gazetteer::embedded().names_a_sizeable_place(&name, DATELINE_POPULATION) {
        write_span(&mut tags[..caps], LOC);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_rule;

    fn joined(text: &str, iob: &str) -> String {
        after_rule(text, iob, |s, t| join(s, t))
    }

    #[test]
    fn an_mps_seat_is_one_place() {
        assert_eq!(
            joined(
                "Labour MP for Hornsey and Wood Green , said",
                "B-ORG O O B-PER O B-ORG I-ORG O O"
            ),
            "B-ORG O O B-LOC I-LOC I-LOC I-LOC O O"
        );
        // A person named in full ends the seat; "for" after another word is no cue.
        assert_eq!(
            joined(
                "the MP for Sedgefield Tony Blair and votes for Kensington and Chelsea",
                "O O O B-LOC B-PER I-PER O O O B-ORG O B-ORG"
            ),
            "O O O B-LOC B-PER I-PER O O O B-ORG O B-ORG"
        );
    }

    #[test]
    fn a_region_and_state_outside_the_us_is_one_place() {
        assert_eq!(
            joined(
                "flooding hit Rivers State and Shan State , in Lagos State",
                "O O B-ORG I-ORG O B-ORG I-ORG O O B-LOC O"
            ),
            "O O B-LOC I-LOC O B-LOC I-LOC O O B-LOC I-LOC"
        );
        // US universities, a longer name, an unknown word.
        let kept = "O B-ORG I-ORG O B-ORG I-ORG I-ORG O B-ORG I-ORG";
        assert_eq!(
            joined(
                "at Ohio State , Lagos State Government and Zorblat State",
                kept
            ),
            kept
        );
    }

    #[test]
    fn a_person_span_that_its_context_places_is_a_place() {
        use crate::entities::perceptron::after_document_rule;
        let got = after_document_rule(
            &[(
                "crews near Mombasa , 60 kilometres east of Tom Price and from Gara Djebilet to Béchar",
                "O O B-PER O O O O O B-PER I-PER O O B-PER I-PER O B-LOC",
            )],
            |s, t| persons_as_places(s, t),
        );
        assert_eq!(
            got,
            ["O O B-LOC O O O O O B-LOC I-LOC O O B-LOC I-LOC O B-LOC"]
        );
        // A possessive, the given or family name of a person named in full, a town too
        // small to count after a locative, two persons.
        let kept = [
            (
                "Mayor Ann Mombasa spoke to Malindi Kenyatta",
                "O B-PER I-PER O O B-PER I-PER",
            ),
            ("a role in Malindi and in Lamu", "O O O B-PER O O B-PER"),
            (
                "faith in Mombasa and in Nairobi 's plan , a letter from John Smith to Mary Jones",
                "O O B-PER O O B-PER O O O O O O B-PER I-PER O B-PER I-PER",
            ),
        ];
        let got = after_document_rule(&kept, |s, t| persons_as_places(s, t));
        assert_eq!(got, kept.map(|(_, tags)| tags));
    }

    #[test]
    fn persons_listed_with_a_place_are_its_cities() {
        assert_eq!(
            joined(
                "hearings in Nairobi , Mombasa , Kisumu and Eldoret drew",
                "O O B-LOC O B-PER O B-PER O B-PER O"
            ),
            "O O B-LOC O B-LOC O B-LOC O B-LOC O"
        );
        assert_eq!(
            joined("in Quang Ninh and Hai Phong", "O B-LOC I-LOC O B-PER I-PER"),
            "O B-LOC I-LOC O B-LOC I-LOC"
        );
        // No place in the list, a person no city is named after, a word no city bears, or
        // a list broken by other words: unchanged.
        for (text, iob) in [
            ("Mombasa and Kisumu", "B-PER O B-PER"),
            ("Nairobi and John Kisumu", "B-LOC O B-PER I-PER"),
            ("Nairobi and Kimani", "B-LOC O B-PER"),
            ("Nairobi met Mombasa", "B-LOC O B-PER"),
        ] {
            assert_eq!(joined(text, iob), iob, "{text}");
        }
    }

    #[test]
    fn a_city_after_in_is_the_place() {
        assert_eq!(
            joined(
                "the first listing in Sao Paulo in Chelsea 's defence from Barcelona , shares in Slough",
                "O O O O B-ORG I-ORG O B-ORG O O O B-ORG O O O B-ORG"
            ),
            "O O O O B-LOC I-LOC O B-ORG O O O B-ORG O O O B-ORG"
        );
    }

    #[test]
    fn a_person_before_a_place_noun_is_a_place() {
        assert_eq!(
            joined(
                "the Nagdhunga tunnel and the Biden camp near Kennedy airport",
                "O B-PER O O O B-PER O O B-PER O"
            ),
            "O B-LOC O O O B-PER O O B-LOC O"
        );
    }

    #[test]
    fn a_dateline_that_opens_a_sentence_is_its_place() {
        for (text, iob, want) in [
            (
                "SAO PAULO , March 3 ( Reuters ) - Cultivar filed",
                "B-PER I-PER O O O O O O O B-ORG O",
                "B-LOC I-LOC O O O O O O O B-ORG O",
            ),
            ("KARACHI : The court said", "O O O O O", "B-LOC O O O O"),
            (
                "HARARE ( Reuters ) - Zimbabwe",
                "O O B-ORG O O B-LOC",
                "B-LOC O B-ORG O O B-LOC",
            ),
            (
                "NAIROBI , Kenya ( AP ) - Police",
                "B-ORG O B-LOC O B-ORG O O O",
                "B-LOC O B-LOC O B-ORG O O O",
            ),
        ] {
            assert_eq!(joined(text, iob), want, "{text}");
        }
        // No dateline's form, no place of that name, a sports headline, a longer span.
        for (text, iob) in [
            ("KARACHI police said", "O O O"),
            ("ZORBLATT : The court", "O O O O"),
            ("MORE : Emergency workers", "O O O O"),
            ("DOI : 10.1007", "O O O"),
            ("SOCCER - JAPAN GET LUCKY WIN", "O O B-LOC O O O"),
            ("NEW YORK TIMES : report", "B-ORG I-ORG I-ORG O O"),
        ] {
            assert_eq!(joined(text, iob), iob, "{text}");
        }
    }

    #[test]
    fn a_one_word_person_before_its_country_is_a_city() {
        assert_eq!(
            joined("a flight via Nadi in Fiji on", "O O O B-PER O B-LOC O"),
            "O O O B-LOC O B-LOC O"
        );
        assert_eq!(joined("Kisumu , Kenya", "B-PER O B-LOC"), "B-LOC O B-LOC");
        for (text, iob) in [
            // No such city there, a possessive, two words, other words between.
            ("Kimani in Kenya", "B-PER O B-LOC"),
            ("Nadi , Fiji 's envoy", "B-PER O B-LOC O O"),
            ("John Kisumu in Kenya", "B-PER I-PER O B-LOC"),
            ("Kisumu lives in Kenya", "B-PER O O B-LOC"),
        ] {
            assert_eq!(joined(text, iob), iob, "{text}");
        }
    }

    #[test]
    fn metropolitan_prefixes_join_their_place() {
        assert_eq!(
            joined("in Metro Manila today", "O B-ORG B-LOC O"),
            "O B-LOC I-LOC O"
        );
        assert_eq!(
            joined(
                "across Greater Cairo and Metro Vancouver",
                "O B-ORG I-ORG O O B-LOC"
            ),
            "O B-LOC I-LOC O B-LOC I-LOC"
        );
        // Not a place after the prefix, or more than a place: left alone.
        assert_eq!(
            joined(
                "Metro Bank and Greater Manchester Police said",
                "B-ORG I-ORG O B-ORG I-ORG I-ORG O"
            ),
            "B-ORG I-ORG O B-ORG I-ORG I-ORG O"
        );
    }

    #[test]
    fn geographic_features_become_places() {
        assert_eq!(
            joined(
                "Suez Canal revenue fell as ships rounded the Cape of Good Hope",
                "B-ORG I-ORG O O O O O O B-MISC I-MISC I-MISC I-MISC"
            ),
            "B-LOC I-LOC O O O O O O B-LOC I-LOC I-LOC I-LOC"
        );
        // An authority named after a canal, a one-word name, "of" not second, a title:
        // left alone.
        assert_eq!(
            joined(
                "the Suez Canal Authority and Canal and Bay Area Rapid Transit",
                "O B-ORG I-ORG I-ORG O B-ORG O B-ORG I-ORG I-ORG I-ORG"
            ),
            "O B-ORG I-ORG I-ORG O B-ORG O B-ORG I-ORG I-ORG I-ORG"
        );
        assert_eq!(
            joined("the novel Small Island won", "O O B-MISC I-MISC O"),
            "O O B-MISC I-MISC O"
        );
    }

    #[test]
    fn a_place_takes_the_arabic_name_after_it() {
        assert_eq!(
            joined(
                "ships avoided the Bab el-Mandeb strait and al-Qaeda",
                "O O O B-LOC O O O B-ORG"
            ),
            "O O O B-LOC I-LOC O O B-ORG"
        );
        assert_eq!(
            joined("in Yemen al-Qaeda fighters", "O B-LOC O O"),
            "O B-LOC O O"
        );
    }

    #[test]
    fn countries_typed_as_organisations_become_places() {
        assert_eq!(
            joined("The Soviet Union has bought", "O B-ORG I-ORG O O"),
            "O B-LOC I-LOC O O"
        );
        assert_eq!(joined("Japan beat Syria", "B-ORG O B-ORG"), "B-LOC O B-LOC");
        // A name that is also a US state, a longer organisation, or a person: left alone.
        assert_eq!(
            joined(
                "Georgia and Bank of Japan and Chad",
                "B-ORG O B-ORG I-ORG I-ORG O B-PER"
            ),
            "B-ORG O B-ORG I-ORG I-ORG O B-PER"
        );
    }
}
