//! Country adjectives and demonyms: "Canadian dollar", "Swiss bank", "British officials",
//! "Israelis" say which countries a story is about without naming a place.
//!
//! So do country names inside organisations' names ("Bank of Canada", "Air India",
//! "Petro-Canada"), and big cities and US states there ("Bank of Tokyo", "Texas
//! Instruments"), which the tagger rightly leaves inside the organisation, and national
//! institutions, markets and companies named without their country ("the Bundesbank",
//! "the Kremlin", "the Nikkei"), and currencies of one country named twice or more ("the
//! naira", "yen").
//!
//! Owns the built-in tables (`data/country-adjectives.tsv`: countryinfo's demonyms, MIT, and
//! hand-written variants, see tools/build_data.py; `data/institution-countries.tsv`,
//! hand-written; `data/currency-countries.tsv`: the CLDR's currencies, see
//! tools/currencies.py), the scan of an article's text for their words and the scan of
//! organisation names for countries. It must not add place mentions or decide entity
//! types: what it finds links the article to a country, nothing more.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use xxhash_rust::xxh3::Xxh3Builder;

use super::fold::fold_key;
use crate::article::Entity;

/// One word or two per line, a tab, the country's name as the gazetteer spells it.
static TABLE: &str = include_str!("../../data/country-adjectives.tsv");

/// National institutions by name, a tab, their country; `#` lines are comments.
static INSTITUTIONS: &str = include_str!("../../data/institution-countries.tsv");

/// Currency words that name one country (tools/currencies.py, from the CLDR): the word in
/// lowercase, a tab, the country, a tab, `lower` when only the lowercase word counts (it
/// is also a name: "Yen", "Rand") or `any`.
static CURRENCIES: &str = include_str!("../../data/currency-countries.tsv");

/// Currency words as they may be written ("naira", "Naira") -> country, and a bit for
/// each word's first two bytes, last byte and length: this is asked of every lowercase
/// word of every article, and the bits turn away almost all of them before any hashing.
struct Currencies {
    words: HashMap<String, &'static str, Xxh3Builder>,
    starts: Box<[u64; 1024]>,
}

impl Currencies {
    fn start(word: &str) -> Option<usize> {
        let bytes = word.as_bytes();
        let (first, second, last) = (*bytes.first()?, *bytes.get(1)?, *bytes.last()?);
        let mixed = usize::from(first).wrapping_mul(0x9E37)
            ^ usize::from(second).wrapping_mul(0x85EB)
            ^ usize::from(last).wrapping_mul(0xC2B3)
            ^ bytes.len().wrapping_mul(0x27D5);
        Some(mixed & 0xFFFF)
    }

    fn get(&self, word: &str) -> Option<&'static str> {
        let start = Self::start(word)?;
        if self.starts[start / 64] & (1 << (start % 64)) == 0 {
            return None;
        }
        self.words.get(word).copied()
    }
}

fn currencies() -> &'static Currencies {
    static T: OnceLock<Currencies> = OnceLock::new();
    T.get_or_init(|| {
        let mut words: HashMap<String, &'static str, Xxh3Builder> = HashMap::default();
        for line in CURRENCIES.lines() {
            let mut cols = line.split('\t');
            let (Some(word), Some(country), case) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            words.insert(word.to_string(), country);
            if case == Some("any") {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    words.insert(first.to_uppercase().chain(chars).collect(), country);
                }
            }
        }
        let mut starts = Box::new([0u64; 1024]);
        for start in words.keys().filter_map(|w| Currencies::start(w)) {
            starts[start / 64] |= 1 << (start % 64);
        }
        Currencies { words, starts }
    })
}

/// The country a currency word names where `words[i]` stands: "the naira fell", "40 mln
/// zlotys", "the Naira" (not "Lev Parnas": a capitalised one before another capitalised
/// word is a name), not "a yen for travel".
fn currency_country(words: &[&str], i: usize) -> Option<&'static str> {
    let word = words[i];
    if !(3..=13).contains(&word.len()) {
        return None;
    }
    let country = currencies().get(word)?;
    let capitalised = word.starts_with(char::is_uppercase);
    let name_follows = words
        .get(i + 1)
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    let article_before = i > 0 && matches!(words[i - 1], "a" | "an" | "A" | "An");
    (!(article_before || capitalised && name_follows)).then_some(country)
}

/// Folded institution name -> (country, the table writes it in capitals).
fn institutions() -> &'static HashMap<String, (&'static str, bool), Xxh3Builder> {
    static T: OnceLock<HashMap<String, (&'static str, bool), Xxh3Builder>> = OnceLock::new();
    T.get_or_init(|| {
        INSTITUTIONS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .map(|(name, country)| {
                let caps = !name.chars().any(char::is_lowercase);
                (fold_key(name), (country, caps))
            })
            .collect()
    })
}

/// The country of a national institution named `name`. An acronym of three letters or
/// fewer counts only in capitals ("Cia" is a Portuguese company's "Companhia"); longer ones
/// also as house styles write them ("Nasa").
fn institution_country(name: &str) -> Option<&'static str> {
    let &(country, caps) = institutions().get(&fold_key(name))?;
    let short = name.chars().filter(|c| c.is_alphanumeric()).count() <= 3;
    (!(caps && short && name.chars().any(char::is_lowercase))).then_some(country)
}

/// Words after which an adjective names a sea, not a country ("Indian Ocean"), or a past
/// ("Soviet-era").
const NOT_AFTER: &[&str] = &["Ocean", "Sea", "OCEAN", "SEA", "era", "Era", "ERA"];

/// Words before which an adjective names a state that is gone, not its successor
/// ("post-Soviet").
const NOT_BEFORE: &[&str] = &["post", "Post", "POST"];

/// Adjectives of states that are gone, which "former" makes a past too ("the former
/// Soviet republic" of Kyrgyzstan); a "former Dutch prime minister" is still Dutch.
const FORMER_STATES: &[&str] = &["Soviet", "Yugoslav", "Czechoslovak", "SOVIET", "YUGOSLAV"];

struct Demonyms {
    /// Each word (or two words joined by a space) as the table spells it and in capitals
    /// -> country: looked up as written, without allocating (this runs on every article).
    words: HashMap<String, &'static str, Xxh3Builder>,
    /// First words of the two-word entries ("South", "SOUTH").
    pair_starts: HashSet<String, Xxh3Builder>,
}

fn table() -> &'static Demonyms {
    static T: OnceLock<Demonyms> = OnceLock::new();
    T.get_or_init(|| {
        let mut words = HashMap::default();
        let mut pair_starts = HashSet::default();
        for (word, country) in TABLE.lines().filter_map(|line| line.split_once('\t')) {
            for spelling in [word.to_string(), word.to_uppercase()] {
                if let Some((first, _)) = spelling.split_once(' ') {
                    pair_starts.insert(first.to_string());
                }
                words.insert(spelling, country);
            }
        }
        Demonyms { words, pair_starts }
    })
}

/// Is `word` (as written) a country adjective or demonym of the table ("Kenyans")?
pub fn is_demonym(word: &str) -> bool {
    table().words.contains_key(word)
}

/// The countries `parts` name by adjective or demonym, most mentioned first.
pub fn countries(parts: &[&str]) -> Vec<Entity> {
    let table = table();
    let mut found: Vec<Entity> = Vec::new();
    let mut currencies: Vec<Entity> = Vec::new();
    let mut pair = String::new();
    let mut words: Vec<&str> = Vec::new();
    for part in parts {
        words_into(part, &mut words);
        let mut i = 0;
        while i < words.len() {
            let word = words[i];
            if !word.starts_with(|c: char| c.is_uppercase()) {
                if let Some(country) = currency_country(&words, i) {
                    Entity::add_to(&mut currencies, Entity::new(country, 1));
                }
                i += 1;
                continue;
            }
            let mut hit = None;
            if table.pair_starts.contains(word)
                && let Some(next) = words.get(i + 1)
            {
                pair.clear();
                pair.push_str(word);
                pair.push(' ');
                pair.push_str(next);
                hit = table.words.get(pair.as_str()).map(|&country| (country, 2));
            }
            let hit = hit.or_else(|| table.words.get(word).map(|&country| (country, 1)));
            if hit.is_none()
                && let Some(country) = currency_country(&words, i)
            {
                Entity::add_to(&mut currencies, Entity::new(country, 1));
            }
            let width = hit.map_or(1, |(_, width)| width);
            if let Some((country, width)) = hit
                && !words.get(i + width).is_some_and(|w| NOT_AFTER.contains(w))
                && !(i > 0 && NOT_BEFORE.contains(&words[i - 1]))
                && !(i > 0
                    && words[i - 1].eq_ignore_ascii_case("former")
                    && FORMER_STATES.contains(&word))
            {
                Entity::add_to(&mut found, Entity::new(country, 1));
            }
            i += width;
        }
    }
    // A currency named once is most often a market report's aside ("the dollar fell
    // against the euro and the yen"); twice, the story is about its country.
    for currency in currencies.into_iter().filter(|c| c.count >= 2) {
        Entity::add_to(&mut found, currency);
    }
    found.sort_by_key(|e| std::cmp::Reverse(e.count));
    found
}

/// The words of `text` into `words` (cleared first): runs of letters, digits and
/// apostrophes. Bytes below 128 are tested as bytes: this reads every article's whole text.
fn words_into<'a>(text: &'a str, words: &mut Vec<&'a str>) {
    words.clear();
    let in_word = |c: char| c.is_alphanumeric() || c == '\'';
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '\''
        } else {
            in_word(c)
        };
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
}

/// Words that make an organisation a news outlet or agency, whose name says where it is
/// based, not what the story is about ("Agence France-Presse", "Times of India").
const MEDIA_WORDS: &[&str] = &[
    "agence",
    "agency",
    "press",
    "presse",
    "news",
    "times",
    "post",
    "herald",
    "radio",
    "television",
    "tv",
    "broadcasting",
    "daily",
];

/// The countries named inside organisations' names, counted once per mention of the
/// organisation (an organisation named by a region alone, such as a national team "Wales",
/// gives the region, with its country): the longest run of one to three capitalised words
/// that names a place, when the gazetteer reads it as a country without context ("Bank of Canada" -> Canada;
/// "Georgia Power" stays unlinked, as Georgia is also a US state), or as a region or city
/// of one country only ("Bank of Tokyo" -> Japan; "Northern Ireland Assembly" -> the
/// United Kingdom, not Ireland). News outlets are skipped.
pub fn countries_in_names(orgs: &[Entity]) -> Vec<Entity> {
    use super::places::{Gazetteer, InPassing};
    let gazetteer = Gazetteer::embedded();
    let mut found: Vec<Entity> = Vec::new();
    let mut words = Vec::new();
    for org in orgs {
        if let Some(country) = institution_country(&org.name) {
            Entity::add_to(&mut found, Entity::new(country, org.count));
            continue;
        }
        words_into(&org.name, &mut words);
        if words
            .iter()
            .any(|w| MEDIA_WORDS.iter().any(|m| w.eq_ignore_ascii_case(m)))
        {
            continue;
        }
        let mut i = 0;
        while i < words.len() {
            let mut width = 1;
            for n in (1..=3.min(words.len() - i)).rev() {
                let run = &words[i..i + n];
                if !run.iter().all(|w| w.starts_with(char::is_uppercase)) {
                    continue;
                }
                match gazetteer.in_passing(&run.join(" ")) {
                    InPassing::NotAPlace => continue,
                    InPassing::Country(country) => {
                        Entity::add_to(&mut found, Entity::new(country, org.count))
                    }
                    InPassing::OtherPlace => {
                        let name = run.join(" ");
                        if let Some(country) = gazetteer.sole_country(&name) {
                            // A name that is wholly a region is that region: a national team
                            // ("Wales", `teams`), a state's government ("Texas sued").
                            let region = (n == words.len())
                                .then(|| gazetteer.area(&name))
                                .flatten()
                                .filter(|(_, is_country)| !is_country);
                            let entity = match region {
                                Some((region, _)) => Entity {
                                    name: region,
                                    count: org.count,
                                    country: Some(country),
                                    ..Entity::default()
                                },
                                None => Entity::new(country, org.count),
                            };
                            Entity::add_to(&mut found, entity)
                        }
                    }
                }
                width = n;
                break;
            }
            i += width;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{countries, countries_in_names, words_into};

    #[test]
    fn currencies_of_one_country_link_it() {
        let found = |text: &str| -> Vec<String> {
            countries(&[text]).into_iter().map(|e| e.name).collect()
        };
        assert_eq!(
            found("The naira fell to 1,500 against the dollar. The Naira rose."),
            ["Nigeria"]
        );
        assert_eq!(
            found("It cost 40 mln zlotys, not 30 mln zlotys. The yen firmed; so did the yen."),
            ["Poland", "Japan"]
        );
        // Named once, an aside; names, other words and currencies of many countries link
        // nothing.
        for text in [
            "The dollar fell against the euro and the yen.",
            "Lev Parnas met Yen Vo and Rand Paul. Lev Parnas, Yen Vo, Rand Paul.",
            "He had a yen for travel, a yen for fame.",
            "The rupee, the peso, the dollar and the franc fell; Ajax won. The rupee, the peso.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn words_are_the_runs_of_letters_digits_and_apostrophes() {
        for text in [
            "Kim Jong Un's visit to Russia, 2023.",
            "  São Paulo–Brasília: l'Élysée  ",
            "",
            "...",
            "ünïcödé-wörds ΑΘΗΝΑ 北京 x",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .collect();
            let mut got = vec!["stale"];
            words_into(text, &mut got);
            assert_eq!(got, expected, "{text:?}");
        }
    }
    use crate::article::Entity;

    fn names(parts: &[&str]) -> Vec<(String, u32)> {
        countries(parts)
            .into_iter()
            .map(|e| (e.name, e.count))
            .collect()
    }

    #[test]
    fn adjectives_and_demonyms_name_their_country() {
        assert_eq!(
            names(&[
                "CANADIAN DOLLAR FALLS",
                "The Canadian dollar fell as Swiss banks and British officials met. Canadians shrugged."
            ]),
            vec![
                ("Canada".to_string(), 3),
                ("Switzerland".to_string(), 1),
                ("United Kingdom".to_string(), 1)
            ]
        );
        assert_eq!(
            names(&["South Korean exports rose; Saudi oil and Filipino nurses."]),
            vec![
                ("South Korea".to_string(), 1),
                ("Saudi Arabia".to_string(), 1),
                ("Philippines".to_string(), 1)
            ]
        );
    }

    #[test]
    fn lowercase_words_seas_and_lookalikes_do_not() {
        assert!(names(&["french fries, indian summer and a polish on the car"]).is_empty());
        assert!(names(&["Ships crossed the Indian Ocean."]).is_empty());
        // A state that is gone: its adjective counts for its successor in its own time,
        // not as the past of another story.
        assert_eq!(
            names(&["Soviet grain buyers and West German banks"]),
            vec![("Russia".to_string(), 1), ("Germany".to_string(), 1)]
        );
        assert!(
            names(&["Soviet-era flats in post-Soviet Kyiv, a former Soviet republic"]).is_empty()
        );
        assert_eq!(
            names(&["the former Dutch prime minister"]),
            vec![("The Netherlands".to_string(), 1)]
        );
        // "South" alone is no demonym, and "Korean" alone is ambiguous: not in the table.
        assert!(names(&["South Africa's Korean community"]).is_empty());
    }

    #[test]
    fn countries_inside_organisation_names_count() {
        let orgs: Vec<Entity> = [
            ("Bank of Canada", 2),
            ("Air India", 1),
            ("Petro-Canada", 1),
            ("Georgia Power", 1),
            ("Manchester United", 1),
            ("Reuters", 3),
            ("Agence France-Presse", 2),
            ("Northern Ireland Assembly", 1),
            ("Bundesbank", 2),
            ("Kremlin", 1),
            ("Quai d’Orsay", 1),
            ("Supreme Court", 1),
            ("Cia", 1),
            ("Nasa", 1),
            ("Bank of Tokyo", 2),
            ("Toronto Dominion Bank", 1),
            ("Valencia CF", 1),
            ("Newcastle Falcons", 1),
            ("Trident Funds", 1),
        ]
        .into_iter()
        .map(|(name, count)| Entity::new(name, count))
        .collect();
        let found: Vec<(String, u32)> = countries_in_names(&orgs)
            .into_iter()
            .map(|e| (e.name, e.count))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Canada".to_string(), 4),
                ("India".to_string(), 1),
                ("United Kingdom".to_string(), 1),
                ("Germany".to_string(), 2),
                ("Russia".to_string(), 1),
                ("France".to_string(), 1),
                ("United States".to_string(), 1),
                ("Japan".to_string(), 2),
            ]
        );
    }

    #[test]
    fn an_organisation_named_by_a_region_alone_links_the_region() {
        let orgs = [
            Entity::new("Wales", 2),
            Entity::new("Wales Millennium Centre", 1),
        ];
        let found: Vec<(String, Option<String>, u32)> = countries_in_names(&orgs)
            .into_iter()
            .map(|e| (e.name, e.country, e.count))
            .collect();
        assert_eq!(
            found,
            [
                ("Wales".to_string(), Some("United Kingdom".to_string()), 2),
                ("United Kingdom".to_string(), None, 1),
            ]
        );
    }

    #[test]
    fn every_institution_names_a_country_the_gazetteer_knows() {
        use crate::entities::places::{Gazetteer, InPassing};
        let gazetteer = Gazetteer::embedded();
        let mut seen = std::collections::HashSet::new();
        for line in super::INSTITUTIONS.lines().filter(|l| !l.starts_with('#')) {
            let (name, country) = line.split_once('\t').expect("name, a tab, a country");
            assert!(seen.insert(super::fold_key(name)), "{name} twice");
            assert_eq!(
                gazetteer.in_passing(country),
                InPassing::Country(country.to_string()),
                "{name}"
            );
        }
        assert!(seen.len() > 100);
    }
}
