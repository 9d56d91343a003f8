//! Normalisation and in-article linking of entity mentions.
//!
//! Owns turning raw mentions into the entity list an article stores: titles and honorifics
//! stripped from people ("Defence Minister Sergei Shoigu" -> "Sergei Shoigu"), possessives
//! stripped ("Kim's"), a leading "the" dropped from organisations and places, short mentions
//! linked to the fullest name in the same article ("Mr Kim" -> "Kim Jong Un", "Putin" ->
//! "Vladimir Putin"), acronyms linked to their expansion ("NSC" -> "National Security
//! Council"), and counting. It must not decide what is an entity; taggers do that.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3Builder;

use super::{Mention, fold_key};
use crate::article::{Entity, EntityKind};

/// Words that are titles, ranks or roles when they precede a person's name.
const TITLE_WORDS: &[&str] = &[
    "comrade",
    "cde",
    "oba",
    "ooni",
    "alaafin",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "prime",
    "minister",
    "defence",
    "defense",
    "foreign",
    "secretary",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "general",
    "gen",
    "col",
    "colonel",
    "captain",
    "capt",
    "lt",
    "sgt",
    "senator",
    "sen",
    "rep",
    "representative",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "crown",
    "sheikh",
    "sheikha",
    "emir",
    "sultan",
    "pope",
    "rev",
    "reverend",
    "professor",
    "prof",
    "chairman",
    "chairwoman",
    "chief",
    "executive",
    "ceo",
    "coach",
    "manager",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "envoy",
    "premier",
    "vice",
    "deputy",
    "state",
    "home",
    "finance",
    "health",
    "interior",
    "home",
    "shadow",
    "former",
    "ex",
    "late",
    "north",
    "korean",
    "russian",
    "american",
    "british",
    "us",
    "uk",
    "supreme",
    "commander",
    "officer",
    "st",
    "saint",
    "chairperson",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "director",
    "boss",
    "actor",
    "actress",
    "singer",
    "star",
    "author",
    "writer",
    "economist",
    "analyst",
];

/// Strip a possessive ending: "Kim's" / "Kim’s" / "Reuters'" -> "Kim" / "Reuters".
pub fn strip_possessive(name: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            return stem;
        }
    }
    name.strip_suffix(['\'', '’']).unwrap_or(name)
}

/// Companies whose names end in a possessive, which stays: "Moody's", not "Moody". Shops,
/// restaurant chains, auction houses, ratings agencies and insurers news names often.
const POSSESSIVE_COMPANIES: &[&str] = &[
    "Moody's",
    "Standard & Poor's",
    "Standard and Poor's",
    "McDonald's",
    "Sainsbury's",
    "Sotheby's",
    "Christie's",
    "Lloyd's",
    "Macy's",
    "Bloomingdale's",
    "Kellogg's",
    "Wendy's",
    "Domino's",
    "Denny's",
    "Dillard's",
    "Kohl's",
    "Lowe's",
    "Claire's",
    "Ben & Jerry's",
    "Trader Joe's",
    "Papa John's",
    "Nando's",
    "Applebee's",
    "Arby's",
    "Hardee's",
];

/// The listed name of a company whose name ends in a possessive, from an organisation
/// mention that writes it ("Moody's", "McDonald’s") or, when the name has two words or
/// more, a span that left it out ("Standard & Poor"); not a one-word mention without it
/// ("the label Domino").
pub fn possessive_company(mention: &str) -> Option<&'static str> {
    let mention = mention.trim();
    let stem = strip_possessive(mention);
    if stem.len() == mention.len() && !stem.contains(' ') {
        return None;
    }
    POSSESSIVE_COMPANIES
        .iter()
        .find(|name| {
            name.strip_suffix("'s")
                .is_some_and(|bare| bare.eq_ignore_ascii_case(stem))
        })
        .copied()
}

/// A mention of `kind` without its possessive ending, unless the ending is part of a
/// listed company's name (`possessive_company`; organisation mentions only).
pub fn without_possessive(mention: &str, kind: EntityKind) -> &str {
    (kind == EntityKind::Org)
        .then(|| possessive_company(mention))
        .flatten()
        .unwrap_or_else(|| strip_possessive(mention))
}

/// A listed company named with its possessive and, elsewhere in the article, without it
/// ("Sainsbury's said ... Sainsbury profits", as the tagger's spans end before or after the
/// "'s") is one organisation, under the listed name.
pub fn join_possessive_companies(resolved: &mut Vec<(EntityKind, Entity)>) {
    let mut i = 0;
    while i < resolved.len() {
        let bare = (resolved[i].0 == EntityKind::Org)
            .then(|| {
                POSSESSIVE_COMPANIES
                    .iter()
                    .find(|n| **n == resolved[i].1.name)
            })
            .flatten()
            .and_then(|name| name.strip_suffix("'s"));
        let Some(bare) = bare else {
            i += 1;
            continue;
        };
        let mut j = 0;
        while j < resolved.len() {
            if j != i
                && resolved[j].0 == EntityKind::Org
                && resolved[j].1.name.eq_ignore_ascii_case(bare)
            {
                let (_, stem) = resolved.remove(j);
                if j < i {
                    i -= 1;
                }
                resolved[i].1.count += stem.count;
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

/// Above this many distinct names, `resolve` looks names up by word instead of trying each
/// against every other.
const INDEXED_NAMES: usize = 64;

/// Company legal forms, dropped from the end of organisation names.
pub(crate) const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "ltd",
    "plc",
    "corp",
    "co",
    "llc",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "limited",
    "incorporated",
];

/// Honorifics: a mention that starts with one is a person, whatever the tagger said
/// ("Ms Hewitt" tagged as an organisation).
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame"];

/// Is `word` one of `list` (lowercase ASCII words), ignoring case?
pub(crate) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Last words that make a name a geographic feature ("Second Thomas Shoal", "Strait of
/// Hormuz" aside): never a person's family name. Words that are also family names ("Bay",
/// "Lake", "Hill", "Park", "River") are left out.
pub(crate) const FEATURE_TAILS: &[&str] = &[
    "shoal",
    "shoals",
    "reef",
    "reefs",
    "island",
    "islands",
    "isles",
    "atoll",
    "archipelago",
    "strait",
    "straits",
    "sea",
    "ocean",
    "gulf",
    "peninsula",
    "canal",
    "desert",
    "plateau",
    "delta",
    "glacier",
    "mountains",
    "basin",
    "valley",
];

/// Tails that make "X-tail" an adjective formed from a place ("Lagos-based",
/// "Abu Dhabi-listed").
const PLACE_ADJECTIVE_TAILS: &[&str] = &["based", "listed", "born", "headquartered", "registered"];

/// Last words that make a person-tagged name a company's ("Dangote Petroleum Refinery",
/// "Marwa Realty", "Adani Green Energy"): no family name among them.
pub(crate) const COMPANY_TAILS: &[&str] = &[
    "refinery",
    "realty",
    "properties",
    "petroleum",
    "holdings",
    "group",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "plc",
    "llc",
    "bank",
    "airlines",
    "airways",
    "motors",
    "energy",
    "resources",
    "mining",
    "minerals",
    "partners",
    "ventures",
    "investments",
    "logistics",
    "cement",
    "brewery",
    "breweries",
    "pharmaceuticals",
    "pharma",
    "securities",
    "insurance",
    "telecom",
    "telecoms",
    "communications",
    "technologies",
    "electronics",
    "semiconductor",
    "industries",
    "enterprises",
    "foods",
    "software",
    "systems",
    "networks",
    "oil",
    "gas",
    "coal",
    "nickel",
    "copper",
    "chemicals",
    "textiles",
    "fertilisers",
    "fertilizers",
    "shipping",
    "shipyard",
    "beverages",
    "automotive",
    "aerospace",
    "railways",
    "bancorp",
    "financial",
    "studios",
    "pictures",
    "publishing",
    // Portuguese, Spanish and Indonesian company words ("XP Investimentos", "Mandiri
    // Sekuritas").
    "investimentos",
    "participações",
    "participacoes",
    "seguros",
    "inversiones",
    "empreendimentos",
    "sekuritas",
];

/// The kind a mention really has: a person when it starts with an honorific, a place when
/// a person-tagged name ends with a feature word ("Ayungin Shoal"), an organisation when it
/// ends with a company word ("Marwa Realty").
pub fn corrected_kind(text: &str, kind: EntityKind) -> EntityKind {
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("").trim_end_matches('.');
    let last = words.next_back();
    if last.is_some() && is_one_of(first, HONORIFICS) {
        EntityKind::Person
    } else if kind == EntityKind::Person && last.is_some_and(|w| is_one_of(w, FEATURE_TAILS)) {
        EntityKind::Place
    } else if kind == EntityKind::Person
        && last.is_some_and(|w| is_one_of(w.trim_end_matches('.'), COMPANY_TAILS))
    {
        EntityKind::Org
    } else if kind == EntityKind::Person
        && text
            .rsplit_once('-')
            .is_some_and(|(_, tail)| is_one_of(tail, PLACE_ADJECTIVE_TAILS))
    {
        // "Abu Dhabi-listed": the places step links the story to the place's country.
        EntityKind::Place
    } else {
        kind
    }
}

/// Clean one mention's surface text for its kind; `None` if nothing name-like remains.
pub fn clean_mention(text: &str, kind: EntityKind) -> Option<String> {
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
    let trimmed = trimmed.trim_end_matches('.').trim();
    let trimmed = without_possessive(trimmed, kind).trim();
    let mut words: Vec<&str> = trimmed.split_whitespace().collect();
    // A span cut one word too late ("Disney and" of "Disney and ABC"): no name ends with a
    // lower-case joining word.
    while words.len() > 1 && is_one_of(words[words.len() - 1], TRAILING_JOINERS) {
        if words[words.len() - 1].chars().any(char::is_uppercase) {
            break;
        }
        words.pop();
    }
    match kind {
        EntityKind::Person => {
            // Drop leading titles, but keep at least one word.
            while words.len() > 1 && is_title(words[0]) {
                words.remove(0);
            }
            // "Kim Jong Un, the leader" style trailing roles are left to taggers.
        }
        EntityKind::Org | EntityKind::Place => {
            if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
                words.remove(0);
            }
            // Legal-form suffixes: "Apple Inc", "Tesco plc", "Acme Corp." are one company.
            while kind == EntityKind::Org
                && words.len() > 1
                && is_one_of(words[words.len() - 1].trim_end_matches('.'), LEGAL_SUFFIXES)
            {
                words.pop();
                if let Some(last) = words.last_mut() {
                    *last = last.trim_end_matches(',');
                }
            }
        }
    }
    // The same name of two or more words twice in a row ("Ilhan Omar Ilhan Omar"): a page's
    // link text or photo credit glued to its caption, read as one span. One word twice is a
    // name ("Bafana Bafana", "Duran Duran").
    let half = words.len() / 2;
    if half >= 2 && words.len().is_multiple_of(2) && words[..half] == words[half..] {
        words.truncate(half);
    }
    let name = words.join(" ");
    let has_letter = name.chars().any(|c| c.is_alphabetic());
    (has_letter && name.chars().count() >= 2).then_some(name)
}

/// Lower-case words that join names and never end one.
const TRAILING_JOINERS: &[&str] = &["and", "the", "of", "for", "or", "in", "to", "&"];

fn is_title(word: &str) -> bool {
    is_one_of(word.trim_end_matches('.'), TITLE_WORDS)
}

/// Initials of the capitalised words of a name, skipping function words:
/// "Securities and Exchange Commission" -> "SEC".
pub(crate) fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !is_one_of(w, &["of", "and", "the", "for", "&", "de"]))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// The letters an organisation's short name would be the initials of, when it can be
/// one: an acronym ("NATO", "U.N."), or one short word ("Nato", "S&P"). The archive's
/// aliases and an article's own names link short forms by the same rule, so one article
/// never keeps two names the archive merges into one.
pub(crate) fn acronym_letters(name: &str) -> Option<String> {
    if !is_acronym(name) && (name.chars().count() > 6 || name.contains(' ')) {
        return None;
    }
    if let Some(capitals) = capitals_around_connectors(name) {
        return Some(capitals);
    }
    let letters: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_uppercase();
    (letters.chars().count() >= 2).then_some(letters)
}

/// The capitals of a short form that writes its connectors' initials in lower case:
/// "BoE" (Bank of England), "DfES", "MoD" give "BE", "DES", "MD", which `initials` of the
/// full names give. Only single o, f, t, a between capitals ("McCain" is no such form).
fn capitals_around_connectors(name: &str) -> Option<String> {
    // Capitals seen, whether the last character was one, whether a connector waits for a
    // capital after it; no allocation for the names that are no such form.
    let (mut capitals, mut chars) = (0, 0);
    let (mut after_capital, mut connector) = (false, false);
    for c in name.chars() {
        chars += 1;
        if c.is_ascii_uppercase() {
            capitals += 1;
            (after_capital, connector) = (true, false);
        } else if matches!(c, 'o' | 'f' | 't' | 'a') && after_capital {
            (after_capital, connector) = (false, true);
        } else {
            return None;
        }
    }
    (!connector && capitals >= 2 && capitals < chars)
        .then(|| name.chars().filter(char::is_ascii_uppercase).collect())
}

pub(crate) fn is_acronym(name: &str) -> bool {
    let letters: String = name.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.chars().count()) && letters.chars().all(|c| c.is_ascii_uppercase())
}

/// Does `short` (as folded tokens) occur at the start or the end of `long`? Not at the end
/// after "bin"/"ibn"...: "Mohammed bin Rashid" is the father named in "Hamdan bin Mohammed
/// bin Rashid", another person.
pub(crate) fn is_part_of(short: &[&str], long: &[&str]) -> bool {
    if short.len() >= long.len() {
        return false;
    }
    let patronym_before =
        |at: usize| at > 0 && super::name_joins::PATRONYMIC.contains(long[at - 1]);
    long.starts_with(short) || (long.ends_with(short) && !patronym_before(long.len() - short.len()))
}

/// Is `short` (folded tokens) `long` with its given names cut to initials: one letter for
/// each of `long`'s first words, then the rest of `long` ("j robinson" of "jason robinson",
/// "g w bush" of "george w bush", "r de marigny" of "roland de marigny", "b o driscoll" of
/// "brian o driscoll")?
pub(crate) fn is_initialled_form(short: &[&str], long: &[&str]) -> bool {
    let letter_of = |word: &str| {
        let mut letters = word.trim_end_matches('.').chars();
        match (letters.next(), letters.next()) {
            (Some(c), None) if c.is_alphabetic() => Some(c),
            _ => None,
        }
    };
    // The initials are the leading one-letter words of `short`, at least one; every shorter
    // run is tried as well, since a tail may start with one ("o" of "o driscoll").
    let most = short.iter().take_while(|w| letter_of(w).is_some()).count();
    (1..=most.min(short.len().saturating_sub(1))).any(|k| {
        let tail = &short[k..];
        long.len() >= k + tail.len()
            && long.ends_with(tail)
            && short[..k].iter().zip(long).all(|(initial, name)| {
                name.chars().count() > 1 && letter_of(initial).is_some_and(|c| name.starts_with(c))
            })
    })
}

/// Words that end a company's full name without making it another company ("Toyota
/// Motor", "Bell Canada Enterprises"): folded.
pub(crate) const CORPORATE_TAILS: &[&str] = &[
    "group",
    "corporation",
    "enterprises",
    "holdings",
    "international",
    "motor",
    "motors",
    "airlines",
    "airways",
    "industries",
    "technologies",
    "systems",
    "communications",
    "entertainment",
    "pharmaceuticals",
    "petroleum",
    "energy",
    "telecom",
    "networks",
    "electronics",
    "semiconductor",
    "bank",
    "financial",
    "insurance",
    "securities",
    "capital",
    "media",
    "foods",
    "steel",
    "chemicals",
    "mobile",
    "software",
    "automotive",
    "finance",
    "investment",
    "investments",
    "resources",
    "services",
    "partners",
    "solutions",
    "logistics",
    "ventures",
    "properties",
    "mining",
    "shipping",
    "trading",
    "healthcare",
];

/// Is organisation `short` the start of `long` in the same article: two words or more
/// ("Bell Canada" of "Bell Canada Enterprises", also when written in capitals), or one
/// word before corporate words only ("Toyota" of "Toyota Motor", not "Sony" of "Sony
/// Ericsson")?
fn is_short_form(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len()
        && long.starts_with(short)
        && (short.len() >= 2
            || long[short.len()..]
                .iter()
                .all(|w| CORPORATE_TAILS.contains(w)))
}

/// Does `name` start with a country, a country's adjective or "BBC"?
fn led_by_a_country_or_broadcaster(name: &str) -> bool {
    use super::places::{Gazetteer, InPassing};
    let first = name.split_whitespace().next().unwrap_or("");
    first == "BBC"
        || super::demonyms::is_demonym(first)
        || matches!(
            Gazetteer::embedded().in_passing(first),
            InPassing::Country(_)
        )
}

/// One-word newspaper names that a country's name or adjective leads in another title
/// ("Irish Times", "Daily Express"), folded.
const NEWSPAPER_WORDS: &[&str] = &[
    "times",
    "post",
    "herald",
    "express",
    "mail",
    "telegraph",
    "star",
    "sun",
    "guardian",
    "independent",
    "observer",
    "mirror",
    "tribune",
    "standard",
    "chronicle",
    "examiner",
];

/// Last words of club names that stand for the club alone ("United" for Manchester
/// United), folded: such a one-word organisation joins the one longer organisation of the
/// article that ends with it.
const CLUB_TAILS: &[&str] = &[
    "united",
    "city",
    "rovers",
    "athletic",
    "wanderers",
    "albion",
    "villa",
    "rangers",
    "hotspur",
    "wednesday",
    "argyle",
];

/// Seats of government named for the institution they house: a reader means the
/// organisation ("the Kremlin said"), though taggers trained on CoNLL call them places.
const INSTITUTIONS: &[&str] = &[
    "kremlin",
    "white house",
    "pentagon",
    "downing street",
    "whitehall",
    "elysee",
    "elysee palace",
    "blue house",
    "zhongnanhai",
    "quai d orsay",
    "number 10",
    "no 10",
];

/// Capitalised names that are no person, place or organisation: holidays and awards
/// (folded). Taggers trained on news call them persons ("Christmas", "Oscar").
const NOT_NAMES: &[&str] = &[
    "christmas",
    "christmas day",
    "christmas eve",
    "xmas",
    "easter",
    "easter sunday",
    "good friday",
    "boxing day",
    "new year",
    "new year s day",
    "new year s eve",
    "hogmanay",
    "halloween",
    "thanksgiving",
    "valentine s day",
    "st valentine s day",
    "ramadan",
    "eid",
    "eid al fitr",
    "eid al adha",
    "diwali",
    "hanukkah",
    "passover",
    "yom kippur",
    "lent",
    "advent",
    "oscar",
    "oscars",
    "academy award",
    "academy awards",
    "grammy",
    "grammys",
    "emmy",
    "emmys",
    "bafta",
    "baftas",
    "golden globe",
    "golden globes",
    "brit awards",
    "brits",
    "nobel",
    "nobel prize",
    "booker",
    "booker prize",
    "pulitzer",
    "pulitzer prize",
    "palme d or",
    "ballon d or",
    // Words in capitals the tagger keeps (a time zone is MISC; "PR" may be Puerto Rico) but
    // an entity list should not; other common nouns in capitals: `acronyms::is_common_noun`.
    "gmt",
    "pr",
];

/// A competition named by how many nations play it ("Six Nations", "RBS 6 Nations
/// Championship", "Tri-Nations"; CoNLL-2003 types "Five Nations" MISC): an event, not an
/// organisation. `key` is folded; "United Nations", "First Nations" do not count.
fn is_nations_competition(key: &str) -> bool {
    const COUNTS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "ten", "tri", "2", "3", "4", "5",
        "6", "7", "8", "10",
    ];
    let words: Vec<&str> = key.split(' ').collect();
    let nations = match words.as_slice() {
        [.., "nations"] => words.len() - 1,
        [.., "nations", "championship"] => words.len() - 2,
        _ => return false,
    };
    nations >= 1 && COUNTS.contains(&words[nations - 1])
}

/// Could `short` be made of the letters that start the words of `full`, in any order
/// (Spanish "PAN" for "National Action Party") and with capitals inside words ("USADA":
/// "US Anti-Doping Agency")? No when the tagger cut the name short: "ONS" of "Office for
/// National", "ICBC" of "Commercial Bank".
pub(crate) fn letters_from(short: &str, full: &str) -> bool {
    let letters = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_uppercase)
            .collect()
    };
    // One word: its letters in order, from the first ("KMT" of "Kuomintang").
    if !full.contains(' ') {
        let (short, word) = (letters(short), letters(full));
        let mut rest = word.iter();
        return short.first() == word.first() && short.iter().all(|c| rest.any(|w| w == c));
    }
    let mut pool: Vec<char> = Vec::new();
    for word in full.split(|c: char| c.is_whitespace() || c == '-' || c == '\'') {
        let mut chars = word.chars().filter(|c| c.is_alphabetic());
        if let Some(first) = chars.next() {
            pool.extend(first.to_uppercase());
        }
        pool.extend(chars.filter(|c| c.is_uppercase()));
        // A compass compound gives both its parts ("Southeast" in "ASEAN").
        if let (Some(first), Some(second)) = (word.get(..5), word.get(5..))
            && (first.eq_ignore_ascii_case("north") || first.eq_ignore_ascii_case("south"))
        {
            if second.eq_ignore_ascii_case("east") {
                pool.push('E');
            } else if second.eq_ignore_ascii_case("west") {
                pool.push('W');
            }
        }
    }
    letters(short)
        .into_iter()
        .all(|letter| match pool.iter().position(|&c| c == letter) {
            Some(at) => {
                pool.swap_remove(at);
                true
            }
            None => false,
        })
}

/// One-word organisation "names" that are only a company's legal form or a generic word
/// left over when a tagger split a name ("Ltd", "International", "PC").
const NOT_ORGS: &[&str] = &["international", "group", "company", "holdings", "pc"];

/// Party nicknames, folded, and the party they name: unambiguous in English-language news.
const PARTY_NICKNAMES: &[(&str, &str)] = &[
    ("tory", "Conservative Party"),
    ("tories", "Conservative Party"),
    ("tory party", "Conservative Party"),
    ("conservatives", "Conservative Party"),
    ("conservative party", "Conservative Party"),
    ("lib dems", "Liberal Democrats"),
    ("lib dem", "Liberal Democrats"),
    ("libdems", "Liberal Democrats"),
    ("liberal democrat", "Liberal Democrats"),
    ("conservative", "Conservative Party"),
    ("labour", "Labour Party"),
    ("labour party", "Labour Party"),
    ("gop", "Republican Party"),
    ("republican", "Republican Party"),
    ("republicans", "Republican Party"),
    ("democratic", "Democratic Party"),
    ("democrats", "Democratic Party"),
];

/// The party a nickname names ("Tories" -> "Conservative Party", "GOP" -> "Republican
/// Party"), for filters typed with the nickname the articles were stored without.
pub fn party_of_nickname(name: &str) -> Option<&'static str> {
    party_of_key(&fold_key(name))
}

/// `party_of_nickname` for a name already folded (`fold_key`).
fn party_of_key(key: &str) -> Option<&'static str> {
    PARTY_NICKNAMES
        .iter()
        .find(|(nick, _)| *nick == key)
        .map(|(_, party)| *party)
}

/// Words that are never a place on their own: fragments of "North Korean", "West Bank".
const FRAGMENTS: &[&str] = &[
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
];

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Org => 2,
    }
}

const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

/// One distinct name in an article, with how often each tagger type was given to it.
/// Letters and none of them lowercase ("REAGAN", "BELL CANADA").
fn in_capitals(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// Could `name` of kind `kind` be an acronym as a house style writes it ("Nato", "Opec")?
/// One word of five letters or fewer, not a person's.
fn could_be_acronym(name: &str, kind: EntityKind) -> bool {
    kind != EntityKind::Person
        && !name.contains(' ')
        && name.chars().filter(|c| c.is_alphabetic()).count() <= 5
}

#[derive(Debug, Clone)]
struct Name {
    display: String,
    votes: [u32; 3],
    first: usize,
    /// Names merged in as bracketed short forms ("INE").
    short_forms: Vec<String>,
    /// An organisation mention carried a legal form ("Baker Hughes Inc"): a company rather
    /// than a person by a slim majority, such as an all-caps headline's "BAKER HUGHES" (a
    /// place majority stands: "Ohio AG" is the state's attorney general).
    incorporated: bool,
}

impl Name {
    fn count(&self) -> u32 {
        self.votes.iter().sum()
    }
    fn kind(&self) -> EntityKind {
        let (person, org) = (
            self.votes[kind_index(EntityKind::Person)],
            self.votes[kind_index(EntityKind::Org)],
        );
        match majority(&self.votes) {
            // A slim person majority only: "Charles Schwab" said five times is the founder
            // of "Charles Schwab Corp".
            EntityKind::Person if self.incorporated && person <= org + 1 => EntityKind::Org,
            kind => kind,
        }
    }
}

fn majority(votes: &[u32; 3]) -> EntityKind {
    let mut best = 0;
    for k in 1..3 {
        if votes[k] > votes[best] {
            best = k;
        }
    }
    KINDS[best]
}

/// Resolve mentions to one entity per real-world name, with mention counts, most mentioned
/// first. A name's type is the majority of the types its mentions got, over all the names
/// linked to it (a person majority of one yields to an organisation mention with a legal
/// form, "Baker Hughes Inc") ("Kim" tagged a person seven times outvotes "Kim Jong Un" tagged an
/// organisation four times). Names equal to a byline author are left out (the author stays
/// in the byline).
pub fn resolve(mentions: &[Mention], byline: &[String]) -> Vec<(EntityKind, Entity)> {
    let authors: Vec<String> = byline.iter().map(|a| fold_key(a)).collect();
    let mut names: HashMap<String, Name, Xxh3Builder> = HashMap::default();
    // (short form, full name) as folded keys: "(PAN)" after "National Action Party".
    let mut defined: Vec<(String, String, EntityKind)> = Vec::new();
    for (pos, m) in mentions.iter().enumerate() {
        let kind = corrected_kind(&m.text, m.kind);
        let Some(name) = clean_mention(&m.text, kind) else {
            continue;
        };
        let key = fold_key(&name);
        if key.is_empty() || authors.contains(&key) {
            continue;
        }
        let kind = if INSTITUTIONS.contains(&key.as_str()) {
            EntityKind::Org
        } else {
            kind
        };
        // "Kenyans", "Tuvaluan": a people, which a tagger reads as a person.
        let people =
            kind == EntityKind::Person && !name.contains(' ') && super::demonyms::is_demonym(&name);
        if NOT_NAMES.contains(&key.as_str())
            || super::acronyms::is_common_noun(&name)
            || people
            || is_nations_competition(&key)
            || (kind == EntityKind::Org
                && (NOT_ORGS.contains(&key.as_str()) || LEGAL_SUFFIXES.contains(&key.as_str())))
        {
            continue;
        }
        // "Tories" and "Tory" (a person, to a tagger) are the Conservative Party.
        let (key, name, kind) = match party_of_key(&key) {
            Some(party) => (fold_key(party), party.to_string(), EntityKind::Org),
            None => (key, name, kind),
        };
        if kind == EntityKind::Place && FRAGMENTS.contains(&key.as_str()) {
            continue;
        }
        // The name it stands for, written next to it: an organisation's short form (the
        // taggers checked its letters, or that the name is whole: `shortens`), a real name
        // after a stage name, a gloss in another script after any name.
        if let Some(written) = m.short_for.as_deref()
            && let Some(full) = clean_mention(written, kind)
        {
            defined.push((key.clone(), fold_key(&full), kind));
        }
        let entry = names.entry(key).or_insert_with(|| Name {
            display: name.clone(),
            votes: [0; 3],
            first: pos,
            short_forms: Vec::new(),
            incorporated: false,
        });
        entry.incorporated |= kind == EntityKind::Org
            && m.text.split_whitespace().count() > 1
            && m.text
                .split_whitespace()
                .last()
                .is_some_and(|w| is_one_of(w.trim_end_matches(['.', ',']), LEGAL_SUFFIXES));
        // A name first met in an all-caps headline ("REAGAN SEEKS...") is shown as the
        // text writes it; acronyms keep their capitals ("NATO", not a house style's "Nato").
        if in_capitals(&entry.display) && !in_capitals(&name) && !could_be_acronym(&name, kind) {
            entry.display = name.clone();
        }
        entry.votes[kind_index(kind)] += 1;
    }

    // In order of first mention, so that ties below resolve the same way on every run.
    let mut names: Vec<(String, Name)> = names.into_iter().collect();
    names.sort_by_key(|(_, n)| n.first);
    let parts: Vec<Vec<&str>> = names.iter().map(|(k, _)| k.split(' ').collect()).collect();
    let kinds: Vec<EntityKind> = names.iter().map(|(_, n)| n.kind()).collect();
    // Organisations' initials, and acronyms with their dots removed.
    let org_initials: Vec<Option<String>> = names
        .iter()
        .zip(&kinds)
        .map(|((_, n), k)| (*k == EntityKind::Org).then(|| initials(&n.display)))
        .collect();
    let acronym: Vec<Option<String>> = names
        .iter()
        .map(|(_, n)| acronym_letters(&n.display))
        .collect();

    // Every link below joins names that share a word, or an acronym to the organisation
    // of its initials. An article of more than `INDEXED_NAMES` names looks them up (the
    // names holding each word, and each set of initials, in order), so that thousands of
    // names are not each tried against every other; a news article's few dozen are tried
    // against all, which costs less than building the index (BENCHMARKS.md).
    let indexed = names.len() > INDEXED_NAMES;
    let mut by_word: HashMap<&str, Vec<usize>, Xxh3Builder> = HashMap::default();
    let mut by_initials: HashMap<&str, Vec<usize>, Xxh3Builder> = HashMap::default();
    if indexed {
        for (j, words) in parts.iter().enumerate() {
            for word in words {
                let holders = by_word.entry(word).or_default();
                if holders.last() != Some(&j) {
                    holders.push(j);
                }
            }
        }
        for (j, initials) in org_initials.iter().enumerate() {
            if let Some(initials) = initials {
                by_initials.entry(initials.as_str()).or_default().push(j);
            }
        }
    }
    let every: Vec<usize> = if indexed {
        Vec::new()
    } else {
        (0..names.len()).collect()
    };
    let holding = |word: &str| {
        if indexed {
            by_word.get(word).map_or(&[][..], Vec::as_slice)
        } else {
            &every[..]
        }
    };

    // Link each name to a fuller one: people by name parts ("Putin" -> "Vladimir Putin"),
    // organisations by acronym ("NSC" -> "National Security Council") or as the start of
    // the full name ("BELL CANADA" -> "Bell Canada Enterprises").
    let mut target: Vec<Option<usize>> = vec![None; names.len()];
    for i in 0..names.len() {
        if kinds[i] == EntityKind::Org && parts[i].len() == 1 && CLUB_TAILS.contains(&parts[i][0]) {
            let mut clubs = holding(parts[i][0]).iter().copied().filter(|&j| {
                kinds[j] == EntityKind::Org && parts[j].len() > 1 && parts[j].ends_with(&parts[i])
            });
            if let (Some(club), None) = (clubs.next(), clubs.next()) {
                target[i] = Some(club);
            }
            continue;
        }
        let mut best: Option<usize> = None;
        // Names that start or end with this one's first or last word, or whose initials
        // its letters are: in order, as ties go to the first seen.
        let mut candidates: Vec<usize> = Vec::new();
        if indexed {
            candidates.extend(
                holding(parts[i][0])
                    .iter()
                    .chain(holding(parts[i][parts[i].len() - 1]))
                    .chain(
                        acronym[i]
                            .as_deref()
                            .and_then(|letters| by_initials.get(letters))
                            .map_or(&[][..], Vec::as_slice),
                    ),
            );
            candidates.sort_unstable();
            candidates.dedup();
        }
        let candidates = if indexed { &candidates[..] } else { &every[..] };
        for &j in candidates {
            let other = &names[j].1;
            if i == j {
                continue;
            }
            let linked = match kinds[i] {
                EntityKind::Person => {
                    is_part_of(&parts[i], &parts[j])
                        && other.votes[kind_index(EntityKind::Person)]
                            + other.votes[kind_index(EntityKind::Org)]
                            > 0
                }
                EntityKind::Org => {
                    matches!((&acronym[i], &org_initials[j]), (Some(letters), Some(initials)) if letters == initials)
                        || (kinds[j] == EntityKind::Org && is_short_form(&parts[i], &parts[j]))
                }
                EntityKind::Place => false,
            };
            if linked {
                // Prefer a name of the same kind ("Dangote" is Aliko Dangote, not the
                // Dangote Petroleum Refinery), then the longest form, then the most
                // mentioned, then the first seen.
                let better = match best {
                    None => true,
                    Some(b) => {
                        let (bk, ok) = (kinds[b] == kinds[i], kinds[j] == kinds[i]);
                        let (bl, ol) = (parts[b].len(), parts[j].len());
                        (ok && !bk)
                            || (ok == bk
                                && (ol > bl || (ol == bl && other.count() > names[b].1.count())))
                    }
                };
                if better {
                    best = Some(j);
                }
            }
        }
        // A one-word name inside exactly one fuller person's name, neither first nor last:
        // "Lula" of "Luiz Inacio Lula da Silva", "Marcos" of "Ferdinand Marcos Jr".
        if best.is_none() && kinds[i] == EntityKind::Person && parts[i].len() == 1 {
            let mut inside = holding(parts[i][0]).iter().copied().filter(|&j| {
                kinds[j] == EntityKind::Person
                    && parts[j].len() > 2
                    && parts[j][1..parts[j].len() - 1].contains(&parts[i][0])
            });
            if let (Some(j), None) = (inside.next(), inside.next()) {
                best = Some(j);
            }
        }
        // Initials for given names, as team sheets and wire lists write them: "J Robinson"
        // is the article's one Jason Robinson, not its Andy Robinson.
        if best.is_none() && kinds[i] == EntityKind::Person {
            let mut full = holding(parts[i][parts[i].len() - 1])
                .iter()
                .copied()
                .filter(|&j| {
                    j != i
                        && kinds[j] == EntityKind::Person
                        && is_initialled_form(&parts[i], &parts[j])
                });
            if let (Some(j), None) = (full.next(), full.next()) {
                best = Some(j);
            }
        }
        // A one-word organisation that ends exactly one longer organisation of the article:
        // "Sundowns" of "Mamelodi Sundowns", "Pirates" of "Orlando Pirates". Not one that
        // starts it ("Microsoft" is not "Microsoft IPTV"), nor a longer name led by a
        // country or its adjective, mostly a tagger's overreach ("Swiss Xstrata", "US
        // Ahold"), or by the BBC ("BBC Liverpool" is a radio station, not the club).
        if best.is_none() && kinds[i] == EntityKind::Org && parts[i].len() == 1 {
            let mut fuller = holding(parts[i][0]).iter().copied().filter(|&j| {
                kinds[j] == EntityKind::Org
                    && parts[j].len() > 1
                    && parts[j][parts[j].len() - 1] == parts[i][0]
                    && !led_by_a_country_or_broadcaster(&names[j].1.display)
            });
            if let (Some(j), None) = (fuller.next(), fuller.next()) {
                best = Some(j);
            }
        }
        // That overreach is the organisation the article also names alone: "Swiss
        // Xstrata" is Xstrata, "US Federal Reserve" the Federal Reserve, "the British
        // Library" the "Library" of its next sentence. Not when the rest is a short acronym
        // ("Spanish FA": the article's "FA" is England's), a club's or a newspaper's last
        // word ("Irish Rovers", "Irish Times" beside another "Times"), or a party
        // ("Scottish Labour Party", a branch).
        if best.is_none()
            && kinds[i] == EntityKind::Org
            && parts[i].len() > 1
            && !names[i].1.display.starts_with("BBC")
            && led_by_a_country_or_broadcaster(&names[i].1.display)
        {
            let rest: Vec<&str> = names[i].1.display.split_whitespace().skip(1).collect();
            let other = match rest[..] {
                [word] => {
                    (is_acronym(word) && word.len() <= 3)
                        || CLUB_TAILS.contains(&parts[i][1])
                        || NEWSPAPER_WORDS.contains(&parts[i][1])
                }
                _ => rest.last().is_some_and(|w| w.eq_ignore_ascii_case("party")),
            };
            if !other {
                best = holding(parts[i][1])
                    .iter()
                    .copied()
                    .find(|&j| kinds[j] == EntityKind::Org && parts[j][..] == parts[i][1..]);
            }
        }
        target[i] = best;
    }

    // A short form the article defines in brackets is that organisation, whatever else
    // it could link to ("INE" after "National Electoral Institute"), and whatever type
    // its other mentions got ("INE president" read as a place); a real name is the person
    // of the stage name ("Calvin Broadus" of "Snoop Dogg"), and a gloss in another script
    // the person or place before it ("柯文哲" of "Ko Wen-je").
    let mut short_form = vec![false; names.len()];
    for (short, full, kind) in &defined {
        let at = |key: &str| names.iter().position(|(k, _)| k == key);
        if let (Some(i), Some(j)) = (at(short), at(full))
            && i != j
            && kinds[j] == *kind
            && (*kind == EntityKind::Org || kinds[i] == *kind)
            && target[j] != Some(i)
        {
            target[i] = Some(j);
            short_form[i] = true;
        }
    }

    // Two rules may link two names each to the other ("Irish Rovers" to the "Rovers" the
    // article also names, "Rovers" to the one longer name it ends): such a loop is cut at
    // its first name, which becomes the root of the others.
    for i in 0..names.len() {
        let mut path = vec![i];
        let mut at = i;
        while let Some(next) = target[at] {
            if let Some(from) = path.iter().position(|&p| p == next) {
                let first = path[from..].iter().copied().min().unwrap_or(next);
                target[first] = None;
                break;
            }
            path.push(next);
            at = next;
        }
    }

    // Merge each name into the end of its link chain.
    let mut merged: Vec<Option<Name>> = vec![None; names.len()];
    for (i, (_, name)) in names.iter().enumerate() {
        let mut root = i;
        let mut hops = 0;
        while let Some(next) = target[root] {
            root = next;
            hops += 1;
            if hops > 8 {
                break;
            }
        }
        let entry = merged[root].get_or_insert_with(|| Name {
            display: names[root].1.display.clone(),
            votes: [0; 3],
            first: name.first,
            short_forms: Vec::new(),
            incorporated: false,
        });
        entry.incorporated |= name.incorporated;
        if short_form[i] && root != i {
            entry.short_forms.push(name.display.clone());
        }
        for k in 0..3 {
            entry.votes[k] += name.votes[k];
        }
        entry.first = entry.first.min(name.first);
    }
    let mut out: Vec<Name> = merged.into_iter().flatten().collect();
    out.sort_by(|a, b| b.count().cmp(&a.count()).then(a.first.cmp(&b.first)));
    out.into_iter()
        .map(|n| {
            let kind = n.kind();
            let count = n.count();
            let short_forms = n.short_forms;
            (
                kind,
                Entity {
                    short_forms,
                    ..Entity::new(n.display, count)
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (kind, name) pairs `resolve` gives `mentions` (text, kind).
    fn resolved(mentions: &[(&str, EntityKind)]) -> Vec<(EntityKind, String)> {
        let mentions: Vec<Mention> = mentions
            .iter()
            .map(|&(text, kind)| Mention::new(text, kind))
            .collect();
        resolve(&mentions, &[])
            .into_iter()
            .map(|(kind, e)| (kind, e.name))
            .collect()
    }

    #[test]
    fn a_legal_form_makes_the_name_a_company_against_a_headlines_person_reading() {
        use EntityKind::{Org, Person, Place};
        let found = resolved(&[
            ("BAKER HUGHES", Person),
            ("Baker Hughes Inc", Org),
            ("Ann Lee", Person),
            ("Ann Lee", Org),
        ]);
        assert!(found.contains(&(Org, "Baker Hughes".to_string())));
        // Without a legal form a tie stays with the first reading.
        assert!(found.contains(&(Person, "Ann Lee".to_string())));
        let found = resolved(&[
            ("Ohio", Place),
            ("Ohio AG", Org),
            ("Charles Schwab", Person),
            ("Charles Schwab", Person),
            ("Charles Schwab", Person),
            ("Charles Schwab Corp", Org),
        ]);
        // A place majority, and a person's clear one, stand.
        assert!(found.contains(&(Place, "Ohio".to_string())));
        assert!(found.contains(&(Person, "Charles Schwab".to_string())));
    }

    #[test]
    fn initials_join_the_one_full_name_they_fit() {
        let fits = |short: &str, long: &str| {
            let (s, l): (Vec<&str>, Vec<&str>) =
                (short.split(' ').collect(), long.split(' ').collect());
            is_initialled_form(&s, &l)
        };
        assert!(fits("j robinson", "jason robinson"));
        assert!(fits("g w bush", "george w bush"));
        assert!(fits("r de marigny", "roland de marigny"));
        assert!(fits("b o driscoll", "brian o driscoll"));
        assert!(!fits("a robinson", "jason robinson"));
        assert!(!fits("robinson", "jason robinson"));
        assert!(!fits("j robinson", "robinson"));
        assert!(!fits("j r", "jason robinson"));
        let people = |names: &[&str]| {
            let mentions: Vec<(&str, EntityKind)> =
                names.iter().map(|&n| (n, EntityKind::Person)).collect();
            let mut found: Vec<String> = resolved(&mentions).into_iter().map(|(_, n)| n).collect();
            found.sort();
            found
        };
        assert_eq!(
            people(&[
                "Jason Robinson",
                "Andy Robinson",
                "J Robinson",
                "A Robinson"
            ]),
            ["Andy Robinson", "Jason Robinson"]
        );
        // Two full names fit: the initials stay apart.
        assert_eq!(
            people(&["Jason Robinson", "James Robinson", "J Robinson"]),
            ["J Robinson", "James Robinson", "Jason Robinson"]
        );
    }

    /// Each resolved name with its count, in order.
    fn counts(resolved: &[(EntityKind, Entity)]) -> Vec<(&str, u32)> {
        resolved
            .iter()
            .map(|(_, e)| (e.name.as_str(), e.count))
            .collect()
    }

    fn m(text: &str, kind: EntityKind) -> Mention {
        Mention::new(text, kind)
    }

    #[test]
    fn a_short_name_between_two_equal_fuller_ones_joins_the_first_mentioned() {
        // "Smith" could be either; equally long and equally mentioned, the first wins, on
        // every run (names used to be visited in hash-map order).
        for (first, second) in [("John Smith", "Adam Smith"), ("Adam Smith", "John Smith")] {
            for _ in 0..20 {
                let mentions = [
                    m(first, EntityKind::Person),
                    m(second, EntityKind::Person),
                    m("Smith", EntityKind::Person),
                ];
                let resolved = resolve(&mentions, &[]);
                let names = counts(&resolved);
                assert_eq!(names, [(first, 2), (second, 1)]);
            }
        }
    }

    #[test]
    fn a_name_first_met_in_capitals_is_shown_as_the_text_writes_it() {
        use EntityKind::*;
        let mentions = [
            m("REAGAN", Person),
            m("NATO", Org),
            m("GENERAL MOTORS", Org),
            m("Reagan", Person),
            m("Nato", Org),
            m("General Motors", Org),
        ];
        let names: Vec<(String, u32)> = resolve(&mentions, &[])
            .into_iter()
            .map(|(_, e)| (e.name, e.count))
            .collect();
        assert_eq!(
            names,
            [
                ("Reagan".to_string(), 2),
                ("NATO".to_string(), 2),
                ("General Motors".to_string(), 2)
            ]
        );
    }

    #[test]
    fn holidays_awards_and_bare_legal_forms_are_dropped_and_party_nicknames_joined() {
        use EntityKind::*;
        let mentions = [
            m("Christmas", Person),
            m("Kenyans", Person),
            m("Oscar", Person),
            m("Oscar Pistorius", Person),
            m("Ltd", Org),
            m("International", Org),
            m("ICBM", Org),
            m("GDP", Org),
            m("AI", Org),
            m("COO", Org),
            m("ETFs", Org),
            m("Ai", Person),
            m("PDAs", Org),
            m("MSCPs", Org),
            m("Tory", Person),
            m("Tories", Org),
            m("Conservatives", Org),
            m("Lib Dems", Org),
            m("Conservative", Org),
            m("Liberal Democrat", Org),
            m("Tory Party", Org),
            m("Republicans", Org),
        ];
        let resolved = resolve(&mentions, &[]);
        let names: Vec<(EntityKind, &str, u32)> = resolved
            .iter()
            .map(|(k, e)| (*k, e.name.as_str(), e.count))
            .collect();
        assert_eq!(
            names,
            [
                (Org, "Conservative Party", 5),
                (Org, "Liberal Democrats", 2),
                (Person, "Oscar Pistorius", 1),
                (Person, "Ai", 1),
                (Org, "Republican Party", 1)
            ]
        );
    }

    #[test]
    fn a_club_named_by_its_last_word_joins_the_one_club_it_ends() {
        use EntityKind::*;
        let names = |mentions: &[Mention]| -> Vec<(String, u32)> {
            resolve(mentions, &[])
                .into_iter()
                .map(|(_, e)| (e.name, e.count))
                .collect()
        };
        assert_eq!(
            names(&[
                m("Manchester United", Org),
                m("United", Org),
                m("United Nations", Org),
            ]),
            [
                ("Manchester United".to_string(), 2),
                ("United Nations".to_string(), 1)
            ]
        );
        // Two clubs end with it: which one is meant is not known.
        assert_eq!(
            names(&[
                m("Leeds United", Org),
                m("Manchester United", Org),
                m("United", Org),
            ])
            .len(),
            3
        );
    }

    #[test]
    fn a_company_short_form_joins_its_full_name() {
        use EntityKind::*;
        let resolved = resolve(
            &[
                m("BELL CANADA", Org),
                m("Bell Canada Enterprises", Org),
                m("Toyota", Org),
                m("Toyota Motor", Org),
                m("Sony", Org),
                m("Sony Ericsson", Org),
                m("SAMSUNG", Org),
                m("Samsung Electronics", Org),
            ],
            &[],
        );
        let names = counts(&resolved);
        assert_eq!(
            names,
            [
                ("Bell Canada Enterprises", 2),
                ("Toyota Motor", 2),
                ("Samsung Electronics", 2),
                ("Sony", 1),
                ("Sony Ericsson", 1)
            ]
        );
    }

    #[test]
    fn titles_and_possessives_are_stripped() {
        assert_eq!(
            clean_mention("Defence Minister Sergei Shoigu", EntityKind::Person).unwrap(),
            "Sergei Shoigu"
        );
        assert_eq!(
            clean_mention("Mr Kim’s", EntityKind::Person).unwrap(),
            "Kim"
        );
        assert_eq!(
            clean_mention("the Kremlin", EntityKind::Org).unwrap(),
            "Kremlin"
        );
        assert_eq!(
            clean_mention("Ilhan Omar Ilhan Omar", EntityKind::Person).unwrap(),
            "Ilhan Omar"
        );
        assert_eq!(
            clean_mention("Bafana Bafana", EntityKind::Org).unwrap(),
            "Bafana Bafana"
        );
        assert_eq!(
            clean_mention("North Korea’s", EntityKind::Place).unwrap(),
            "North Korea"
        );
        assert_eq!(clean_mention("’", EntityKind::Place), None);
        assert_eq!(
            clean_mention("Disney and", EntityKind::Org).unwrap(),
            "Disney"
        );
        assert_eq!(clean_mention("Bank of", EntityKind::Org).unwrap(), "Bank");
        // Only a trailing joiner goes: "Tom and Jerry" stays whole.
        assert_eq!(
            clean_mention("Tom and Jerry", EntityKind::Person).unwrap(),
            "Tom and Jerry"
        );
    }

    #[test]
    fn a_company_written_with_and_without_its_possessive_is_one() {
        let mut resolved = vec![
            (EntityKind::Org, Entity::new("Sainsbury", 1)),
            (EntityKind::Person, Entity::new("Sainsbury", 1)),
            (EntityKind::Org, Entity::new("Sainsbury's", 2)),
        ];
        join_possessive_companies(&mut resolved);
        let names: Vec<(EntityKind, &str, u32)> = resolved
            .iter()
            .map(|(k, e)| (*k, e.name.as_str(), e.count))
            .collect();
        // A person of the name stays apart.
        assert_eq!(
            names,
            [
                (EntityKind::Person, "Sainsbury", 1),
                (EntityKind::Org, "Sainsbury's", 3)
            ]
        );
    }

    #[test]
    fn a_company_named_with_a_possessive_keeps_it() {
        let org = |text: &str| clean_mention(text, EntityKind::Org).unwrap();
        assert_eq!(org("Moody's"), "Moody's");
        assert_eq!(org("McDonald’s"), "McDonald's");
        // A span that stopped before the "'s" of a name of two words or more.
        assert_eq!(org("Standard & Poor"), "Standard & Poor's");
        // One word without it is another name ("the label Domino"); a person's stays his.
        assert_eq!(org("Domino"), "Domino");
        assert_eq!(org("Reuters'"), "Reuters");
        assert_eq!(
            clean_mention("Christie's", EntityKind::Person).unwrap(),
            "Christie"
        );
    }

    #[test]
    fn a_short_form_defined_in_brackets_is_its_organisation() {
        use EntityKind::*;
        let defined = |short: &str, full: &str| Mention {
            short_for: Some(full.to_string()),
            ..m(short, Org)
        };
        let mentions = vec![
            m("National Electoral Institute", Org),
            defined("INE", "National Electoral Institute"),
            // Its other mentions read as a place: still the institute's.
            m("INE", Place),
            m("National Action Party", Org),
            defined("PAN", "the National Action Party"),
            m("PAN", Org),
            m("PRI", Org),
            m("INE", Place),
        ];
        let names: Vec<(String, u32)> = resolve(&mentions, &[])
            .into_iter()
            .map(|(_, e)| (e.name, e.count))
            .collect();
        assert!(
            names.contains(&("National Electoral Institute".into(), 4)),
            "{names:?}"
        );
        assert!(
            names.contains(&("National Action Party".into(), 3)),
            "{names:?}"
        );
        let institute = resolve(&mentions, &[]).remove(0).1;
        assert_eq!(institute.short_forms, vec!["INE".to_string()]);
        // An acronym no bracket defines stays its own organisation.
        assert!(names.contains(&("PRI".into(), 1)), "{names:?}");
        // The taggers say which short forms fit (`entities::shortens`): a defined one
        // whose letters the name lacks is its own language's ("DPR").
        let mentions = vec![
            m("House of Representatives", Org),
            defined("DPR", "House of Representatives"),
        ];
        assert_eq!(resolve(&mentions, &[]).len(), 1);
    }

    #[test]
    fn short_forms_take_the_letters_that_start_a_names_words() {
        for (short, full) in [
            ("INE", "National Electoral Institute"),
            ("USADA", "US Anti-Doping Agency"),
            ("Mobo", "Music of Black Origin"),
            ("CSA", "Conseil Superieur de l'Audiovisuel"),
            ("G8", "Group of Eight"),
            ("KMT", "Kuomintang"),
            ("ASEAN", "Association of Southeast Asian Nations"),
            ("NWFP", "North-West Frontier Province"),
        ] {
            assert!(letters_from(short, full), "{short} {full}");
        }
        for (short, full) in [
            ("ONS", "Office for National"),
            ("Apacs", "Association for Payment"),
            ("TKM", "Kuomintang"),
            ("AAPL", "Apple"),
            ("SEAN", "Southern Asian Nations"),
        ] {
            assert!(!letters_from(short, full), "{short} {full}");
        }
    }

    #[test]
    fn short_mentions_link_to_full_names() {
        use EntityKind::*;
        let mentions = vec![
            m("Kim Jong Un", Person),
            m("Mr Kim", Person),
            m("President Vladimir Putin", Person),
            m("Mr Putin", Person),
            m("Shoigu", Person),
            m("Sergei Shoigu", Person),
            m("National Security Council", Org),
            m("NSC", Org),
            m("Derek Cai", Person),
            m("Bank of England", Org),
            m("BoE", Org),
        ];
        let resolved = resolve(&mentions, &["Derek Cai".to_string()]);
        let names = counts(&resolved);
        assert!(names.contains(&("Kim Jong Un", 2)), "{names:?}");
        assert!(names.contains(&("Vladimir Putin", 2)), "{names:?}");
        assert!(names.contains(&("Sergei Shoigu", 2)), "{names:?}");
        assert!(
            names.contains(&("National Security Council", 2)),
            "{names:?}"
        );
        assert!(names.contains(&("Bank of England", 2)), "{names:?}");
        assert!(!names.iter().any(|(n, _)| *n == "Derek Cai"));
        assert_eq!(names.len(), 5);
    }

    #[test]
    fn competitions_named_by_their_nations_are_no_organisations() {
        for name in [
            "Six Nations",
            "RBS Six Nations",
            "RBS 6 Nations Championship",
            "Tri-Nations",
        ] {
            assert!(is_nations_competition(&fold_key(name)), "{name}");
        }
        for name in [
            "United Nations",
            "First Nations",
            "Nations",
            "Uniting Nations",
        ] {
            assert!(!is_nations_competition(&fold_key(name)), "{name}");
        }
        let resolved = resolve(
            &[
                m("Six Nations", EntityKind::Org),
                m("United Nations", EntityKind::Org),
            ],
            &[],
        );
        let names: Vec<&str> = resolved.iter().map(|(_, e)| e.name.as_str()).collect();
        assert_eq!(names, ["United Nations"]);
    }

    #[test]
    fn an_article_of_many_names_links_them_as_one_of_few_does() {
        use EntityKind::*;
        // More names than INDEXED_NAMES, so they are looked up by word and initials.
        let filler: Vec<String> = (0..INDEXED_NAMES + 10)
            .map(|n| format!("Person{n} Surname{n}"))
            .collect();
        let mut mentions: Vec<Mention> = filler.iter().map(|n| m(n, Person)).collect();
        mentions.extend([
            m("Vladimir Putin", Person),
            m("Putin", Person),
            m("National Security Council", Org),
            m("NSC", Org),
            m("J Robinson", Person),
            m("Jason Robinson", Person),
            m("Swiss Xstrata", Org),
            m("Xstrata", Org),
        ]);
        let resolved = resolve(&mentions, &[]);
        let names = counts(&resolved);
        assert_eq!(names.len(), filler.len() + 4, "{names:?}");
        for linked in [
            ("Vladimir Putin", 2),
            ("National Security Council", 2),
            ("Jason Robinson", 2),
            ("Xstrata", 2),
        ] {
            assert!(names.contains(&linked), "{linked:?} in {names:?}");
        }
    }

    #[test]
    fn short_organisation_names_link_as_the_archive_aliases_do() {
        use EntityKind::*;
        let mentions = vec![
            m("Standard & Poor", Org),
            m("S&P", Org),
            m("North Atlantic Treaty Organisation", Org),
            m("Nato", Org),
            m("SBC Communications", Org),
            m("SBC", Org),
        ];
        let resolved = resolve(&mentions, &[]);
        let names = counts(&resolved);
        assert_eq!(
            names.len(),
            3,
            "one name each, as the archive's aliases make them: {names:?}"
        );
        // The span that stopped before the "'s" is the listed company's name.
        assert!(names.contains(&("Standard & Poor's", 2)), "{names:?}");
        assert!(
            names.contains(&("North Atlantic Treaty Organisation", 2)),
            "{names:?}"
        );
        assert!(names.contains(&("SBC Communications", 2)), "{names:?}");
        assert_eq!(acronym_letters("U.N."), Some("UN".into()));
        assert_eq!(acronym_letters("Nato"), Some("NATO".into()));
        assert_eq!(acronym_letters("X"), None);
        assert_eq!(acronym_letters("Microsoft"), None);
        assert_eq!(acronym_letters("BoE"), Some("BE".into()));
        assert_eq!(acronym_letters("DfES"), Some("DES".into()));
        assert_eq!(acronym_letters("McCain"), Some("MCCAIN".into()));
    }

    #[test]
    fn a_real_name_is_the_person_of_the_stage_name() {
        use EntityKind::*;
        let real = |name: &str, stage: &str| Mention {
            short_for: Some(stage.to_string()),
            ..m(name, Person)
        };
        let resolved = resolve(
            &[
                m("Snoop Dogg", Person),
                real("Calvin Broadus", "Snoop Dogg"),
                m("Snoop Dogg", Person),
                // Said of a place or an organisation, it links nothing.
                m("Mars", Place),
                real("Bob Deal", "Mars"),
                m("Cent Group", Org),
                real("Curtis Jackson", "Cent Group"),
            ],
            &[],
        );
        let people: Vec<(&str, u32, &[String])> = resolved
            .iter()
            .filter(|(k, _)| *k == Person)
            .map(|(_, e)| (e.name.as_str(), e.count, e.short_forms.as_slice()))
            .collect();
        assert_eq!(
            people,
            [
                ("Snoop Dogg", 3, &["Calvin Broadus".to_string()][..]),
                ("Bob Deal", 1, &[][..]),
                ("Curtis Jackson", 1, &[][..])
            ]
        );
    }

    #[test]
    fn two_names_linked_each_to_the_other_are_one() {
        // "BoB" has the initials of "British BoB" (B, B), and "British BoB" is "BoB" led by
        // an adjective: each rule links one to the other.
        let resolved = resolve(
            &[
                m("British BoB", EntityKind::Org),
                m("BoB", EntityKind::Org),
                m("BoB", EntityKind::Org),
            ],
            &[],
        );
        let names = counts(&resolved);
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(names[0].1, 3, "{names:?}");
    }

    #[test]
    fn linked_names_take_the_majority_type() {
        use EntityKind::*;
        let mentions = vec![
            m("Kim Jong Un", Org),
            m("Kim Jong Un", Org),
            m("Mr Kim", Person),
            m("Mr Kim", Person),
            m("Kim", Person),
            m("Washington", Place),
            m("George Washington", Person),
            m("the Kremlin", Place),
            m("North", Place),
            m("Ms Hewitt", Org),
            m("Patricia Hewitt", Person),
        ];
        let resolved = resolve(&mentions, &[]);
        let get = |name: &str| {
            resolved
                .iter()
                .find(|(_, e)| e.name == name)
                .map(|(k, e)| (*k, e.count))
        };
        assert_eq!(get("Kim Jong Un"), Some((Person, 5)));
        assert_eq!(
            get("Washington"),
            Some((Place, 1)),
            "a place is not merged into a person"
        );
        assert_eq!(get("George Washington"), Some((Person, 1)));
        assert_eq!(get("Kremlin"), Some((Org, 1)));
        assert_eq!(get("North"), None);
        assert_eq!(get("Patricia Hewitt"), Some((Person, 2)));
    }

    #[test]
    fn person_tagged_names_of_features_are_places() {
        assert_eq!(
            corrected_kind("Ayungin Shoal", EntityKind::Person),
            EntityKind::Place
        );
        assert_eq!(
            corrected_kind("Thomas Shoal", EntityKind::Person),
            EntityKind::Place
        );
        assert_eq!(
            corrected_kind("Michael Bay", EntityKind::Person),
            EntityKind::Person
        );
        assert_eq!(
            corrected_kind("Shoal", EntityKind::Person),
            EntityKind::Person
        );
        assert_eq!(
            corrected_kind("Dangote Petroleum Refinery", EntityKind::Person),
            EntityKind::Org
        );
        assert_eq!(
            corrected_kind("Abu Dhabi-listed", EntityKind::Person),
            EntityKind::Place
        );
        assert_eq!(
            corrected_kind("Blair-led", EntityKind::Person),
            EntityKind::Person
        );
        assert_eq!(
            corrected_kind("Mr Island", EntityKind::Org),
            EntityKind::Person
        );
    }

    #[test]
    fn a_short_name_joins_the_fuller_name_of_its_own_kind_first() {
        use EntityKind::*;
        let resolved = resolve(
            &[
                m("Dangote", Person),
                m("Dangote Petroleum Refinery", Org),
                m("Aliko Dangote", Person),
            ],
            &[],
        );
        let names: Vec<(EntityKind, &str, u32)> = resolved
            .iter()
            .map(|(k, e)| (*k, e.name.as_str(), e.count))
            .collect();
        assert!(names.contains(&(Person, "Aliko Dangote", 2)), "{names:?}");
        assert!(
            names.contains(&(Org, "Dangote Petroleum Refinery", 1)),
            "{names:?}"
        );
    }

    #[test]
    fn a_fathers_name_inside_a_patronymic_name_is_another_person() {
        assert!(!is_part_of(
            &["mohammed", "bin", "rashid"],
            &["hamdan", "bin", "mohammed", "bin", "rashid"]
        ));
        assert!(is_part_of(&["hamdan"], &["hamdan", "bin", "mohammed"]));
        // "Salman" alone is more likely the father, King Salman.
        assert!(!is_part_of(&["salman"], &["mohammed", "bin", "salman"]));
        assert!(is_part_of(&["obama"], &["barack", "obama"]));
    }

    #[test]
    fn a_one_word_organisation_joins_the_one_longer_organisation_it_ends() {
        let resolved = resolve(
            &[
                m("Mamelodi Sundowns", EntityKind::Org),
                m("Sundowns", EntityKind::Org),
                m("Microsoft IPTV", EntityKind::Org),
                m("Microsoft", EntityKind::Org),
                m("Swiss Xstrata", EntityKind::Org),
                m("Xstrata", EntityKind::Org),
                m("BBC Liverpool", EntityKind::Org),
                m("Liverpool", EntityKind::Org),
                m("Spanish FA", EntityKind::Org),
                m("FA", EntityKind::Org),
                m("Scottish Labour Party", EntityKind::Org),
                m("Labour Party", EntityKind::Org),
                m("Irish Times", EntityKind::Org),
                m("Times", EntityKind::Org),
                m("Kaizer Chiefs", EntityKind::Org),
                m("Kansas City Chiefs", EntityKind::Org),
                m("Chiefs", EntityKind::Org),
            ],
            &[],
        );
        let names = counts(&resolved);
        assert!(names.contains(&("Mamelodi Sundowns", 2)), "{names:?}");
        // Not the start of a name, not after the BBC, not one of two names.
        for alone in ["Microsoft", "Liverpool", "Chiefs"] {
            assert!(names.contains(&(alone, 1)), "{alone}: {names:?}");
        }
        // The name after a country's adjective is the organisation named alone.
        assert!(names.contains(&("Xstrata", 2)), "{names:?}");
        assert!(!names.iter().any(|(n, _)| *n == "Swiss Xstrata"));
        for kept in [
            "BBC Liverpool",
            "Spanish FA",
            "FA",
            "Scottish Labour Party",
            "Irish Times",
        ] {
            assert!(names.contains(&(kept, 1)), "{kept}: {names:?}");
        }
    }

    #[test]
    fn a_name_inside_one_fuller_name_joins_it() {
        let resolved = resolve(
            &[
                m("Lula", EntityKind::Person),
                m("Luiz Inacio Lula da Silva", EntityKind::Person),
                m("Lula", EntityKind::Person),
                m("Ferdinand Marcos Jr", EntityKind::Person),
                m("Marcos", EntityKind::Person),
                m("Paul", EntityKind::Person),
                m("John Paul Jones", EntityKind::Person),
                m("Jean Paul Gaultier", EntityKind::Person),
            ],
            &[],
        );
        let names = counts(&resolved);
        assert!(
            names.contains(&("Luiz Inacio Lula da Silva", 3)),
            "{names:?}"
        );
        assert!(names.contains(&("Ferdinand Marcos Jr", 2)), "{names:?}");
        // Inside two names: no way to tell which.
        assert!(names.contains(&("Paul", 1)), "{names:?}");
    }

    #[test]
    fn different_people_sharing_a_surname_stay_apart_when_both_full() {
        use EntityKind::*;
        let resolved = resolve(&[m("James Baker", Person), m("Kenneth Baker", Person)], &[]);
        assert_eq!(resolved.len(), 2);
    }
}
